"""One candidate's package choice as a block of the model: tasks, segments, penalties, tags."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .._config import MatchConfig
from ._milp import _Lp
from ._plan import _Plan
from ._pool import _Pool
from ._segments import _Segment


@dataclass(frozen=True, eq=False)
class _Cosine:
    """One tag cosine of the score: ``weight * matched / sqrt(n_ref * size)``.

    The package's tag set has ``size = n_fixed + (tags in counted)`` tags, of which
    ``matched = n_fixed_matched + (tags in matched)`` are in the reference set of ``n_ref`` tags
    (the candidate's skills, or interests). ``n_fixed`` counts tags every package has (the
    terms' sector tags, for interests).
    """

    counted: NDArray[np.bool_]  # over the block's tags
    matched: NDArray[np.bool_]
    n_fixed: int
    n_fixed_matched: int
    n_ref: int
    weight: float
    max_size: int  # most tags a package of this candidate can have, fixed ones included

    def value(self, present: NDArray[np.bool_]) -> float:
        """The weighted cosine of a package whose block tags ``present`` are in it."""
        size = self.n_fixed + int((present & self.counted).sum())
        matched = self.n_fixed_matched + int((present & self.matched).sum())
        return 0.0 if size == 0 else self.weight * matched / math.sqrt(self.n_ref * size)


@dataclass(frozen=True, eq=False)
class _Block:
    """Where one candidate's variables sit in the model."""

    plan: _Plan
    rows: NDArray[np.intp]  # pool rows of the tasks this candidate may get
    x: NDArray[np.intp]
    u: NDArray[np.intp]  # one column per tag of the block's tasks
    segment_cols: NDArray[np.intp]  # w and h: the score's linear part is values @ these
    segment_vals: NDArray[np.float64]
    # Per penalty-mode code: x columns of the tasks that break it, and the task count above
    # which the package breaks it too (task switching, unknown capacities), or None.
    penalised: tuple[tuple[NDArray[np.intp], int | None], ...]
    penalty: float
    cosines: tuple[_Cosine, ...]
    # The movement rule and component (over ``rows``), for a candidate who must move: a penalty
    # when a seated task is chosen and no moving one (penalty mode), and ``movement_weight``
    # when a walking task is chosen.
    seated: NDArray[np.bool_]
    moving: NDArray[np.bool_]
    walking: NDArray[np.bool_]
    movement_penalty: bool
    movement_weight: float

    def value(self, solution: NDArray[np.float64]) -> float:
        """The package's score (unclipped) at an integer solution, read from the tasks chosen.

        Penalty flags, the movement component and cosines are recomputed from ``x`` and ``u``
        rather than read from their own columns, which a solution stopped early may leave other
        than the tasks say.
        """
        chosen = solution[self.x] > 0.5
        present = solution[self.u] > 0.5
        value = float(self.segment_vals @ solution[self.segment_cols])
        for cols, limit in self.penalised:
            too_many = limit is not None and int(chosen.sum()) > limit
            if too_many or bool((solution[cols] > 0.5).any()):
                value -= self.penalty
        if self.movement_penalty and chosen[self.seated].any() and not chosen[self.moving].any():
            value -= self.penalty
        if chosen[self.walking].any():
            value += self.movement_weight
        return value + sum(c.value(present) for c in self.cosines)


def _add_block(lp: _Lp, pool: _Pool, plan: _Plan, cfg: MatchConfig, *, team: bool) -> _Block:
    """Add one candidate's package choice to ``lp``; its objective is the package's core score.

    Variables: ``x[t]`` takes task ``t``; ``w[s]`` picks segment ``s`` (at most one) and
    ``h[s]`` holds the package's hours when it does (:func:`_add_segments`); ``u[g]`` is 1 when
    tag ``g`` is in the package. The tag cosines are added by :func:`_add_cosine`.
    """
    rows = np.flatnonzero(plan.allowed)
    n = rows.size
    segments = plan.segments
    x = lp.var(n, integer=True)
    w, h = _add_segments(lp, pool, segments, rows, x, team=team)
    score_cols: list[NDArray[np.intp]] = [w, h]
    score_vals: list[NDArray[np.float64]] = [
        np.array([s.alpha for s in segments]),
        np.array([s.beta for s in segments]),
    ]
    segment_cols, segment_vals = np.concatenate(score_cols), np.concatenate(score_vals)
    penalty = cfg.penalty
    penalised = _add_penalties(lp, plan, rows, x, penalty, score_cols, score_vals)
    if plan.limit is not None and not plan.limit_is_penalty:
        lp.row(x, np.ones(n), -np.inf, float(plan.limit))
    seated, moving, walking, movement_penalty, movement_weight = _add_movement(
        lp, plan, rows, x, penalty, score_cols, score_vals
    )
    u, cosines = _add_tags(lp, pool, plan, rows, x, w, score_cols, score_vals)
    if team and cfg.min_score > 0:
        lp.row(
            np.concatenate([*score_cols, w]),
            np.concatenate([*score_vals, -cfg.min_score * np.ones(len(segments))]),
            0.0,
            np.inf,
        )
    return _Block(
        plan,
        rows,
        x,
        u,
        segment_cols,
        segment_vals,
        tuple(penalised),
        penalty,
        cosines,
        seated,
        moving,
        walking,
        movement_penalty,
        movement_weight,
    )


def _add_segments(
    lp: _Lp,
    pool: _Pool,
    segments: Sequence[_Segment],
    rows: NDArray[np.intp],
    x: NDArray[np.intp],
    *,
    team: bool,
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The segment choice ``w`` and the hours ``h``, whose score is ``alpha * w + beta * h``.

    One segment is chosen (at most one in a team, where a person may get nothing); a task only
    within the chosen segment, each of its required task sets present, at least one task, and
    the tasks' hours in the segment's range.
    """
    n = rows.size
    w = lp.var(len(segments), [s.alpha for s in segments], integer=True)
    h = lp.var(len(segments), [s.beta for s in segments], [s.hi for s in segments])
    one = np.ones(len(segments))
    lp.row(w, one, 1.0 if not team else 0.0, 1.0)
    # A task only within the chosen segment; each segment's required tasks present.
    member = np.array([s.allowed[rows] for s in segments], dtype=np.bool_).reshape(-1, n).T
    t_idx, s_idx = np.nonzero(member)
    lp.rows(
        np.concatenate([np.arange(n), t_idx]),
        np.concatenate([x, w[s_idx]]),
        np.concatenate([np.ones(n), -np.ones(t_idx.size)]),
        n,
        -np.inf,
        0.0,
    )
    # At least one task in a chosen package (so hours near 0 cannot pass within tolerances).
    lp.row(np.concatenate([x, w]), np.concatenate([np.ones(n), -one]), 0.0, np.inf)
    for k, seg in enumerate(segments):
        for req in seg.required:
            cols = x[req[rows]]
            lp.row(np.append(cols, w[k]), np.append(np.ones(cols.size), -1.0), 0.0, np.inf)
    # Hours: the tasks' sum lies in the chosen segment's range.
    lp.row(np.concatenate([x, h]), np.concatenate([pool.hours[rows], -one]), 0.0, 0.0)
    k_seg = np.arange(len(segments))
    for bound, lb, ub in (("lo", 0.0, np.inf), ("hi", -np.inf, 0.0)):
        lp.rows(
            np.concatenate([k_seg, k_seg]),
            np.concatenate([h, w]),
            np.concatenate([one, -np.array([getattr(s, bound) for s in segments])]),
            len(segments),
            lb,
            ub,
        )
    return w, h


def _add_penalties(
    lp: _Lp,
    plan: _Plan,
    rows: NDArray[np.intp],
    x: NDArray[np.intp],
    penalty: float,
    score_cols: list[NDArray[np.intp]],
    score_vals: list[NDArray[np.float64]],
) -> list[tuple[NDArray[np.intp], int | None]]:
    """Per-task rules in penalty mode: one penalty per code, when any chosen task breaks it.

    The task limit in penalty mode is one of these codes, its flag also raised by more tasks
    than the limit. Returns, per code, the ``x`` columns that break it and that limit (or None).
    """
    n = rows.size
    count_code = plan.limit_code
    count_limit = plan.limit if plan.limit_is_penalty else None
    codes = dict(plan.penalised)
    if count_limit is not None:
        codes.setdefault(count_code, np.zeros(len(plan.allowed), dtype=np.bool_))
    penalised = []
    for code, mask in codes.items():
        limit = count_limit if code == count_code else None
        v = lp.var(1, -penalty, integer=limit is not None)
        breakers = x[mask[rows]]
        lp.rows(
            np.concatenate([np.arange(breakers.size)] * 2),
            np.concatenate([np.repeat(v, breakers.size), breakers]),
            np.concatenate([np.ones(breakers.size), -np.ones(breakers.size)]),
            breakers.size,
            0.0,
            np.inf,
        )
        if limit is not None:  # more tasks than the limit: the flag must be up
            lp.row(np.append(x, v), np.append(np.ones(n), -float(n - limit)), -np.inf, limit)
        score_cols.append(v)
        score_vals.append(np.array([-penalty]))
        penalised.append((breakers, limit))
    return penalised


def _add_movement(
    lp: _Lp,
    plan: _Plan,
    rows: NDArray[np.intp],
    x: NDArray[np.intp],
    penalty: float,
    score_cols: list[NDArray[np.intp]],
    score_vals: list[NDArray[np.float64]],
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.bool_], bool, float]:
    """The ``movement`` rule and score component, for a candidate who must move regularly.

    ``y`` is 1 only when a task that asks walking or standing is chosen; a chosen seated task
    (sitting at the top level) needs ``y`` (hard mode) or raises the penalty flag ``v >= x - y``
    (penalty mode). ``m`` carries the component's weight when a walking task is chosen (the
    probes, which ask nothing, scored it 0).
    """
    none = np.zeros(rows.size, dtype=np.bool_)
    mv = plan.movement
    if mv is None:
        return none, none, none, False, 0.0
    seated, moving, walking = mv.seated[rows], mv.moving[rows], mv.walking[rows]
    is_penalty = False
    if mv.mode != "off" and seated.any():
        y = lp.var(1)
        lp.row(np.append(y, x[moving]), np.append(1.0, -np.ones(int(moving.sum()))), -np.inf, 0.0)
        sit = x[seated]
        k = np.arange(sit.size)
        if mv.mode == "hard":  # x[s] <= y
            lp.rows(
                np.concatenate([k, k]),
                np.concatenate([sit, np.repeat(y, sit.size)]),
                np.concatenate([np.ones(sit.size), -np.ones(sit.size)]),
                sit.size,
                -np.inf,
                0.0,
            )
        else:  # v >= x[s] - y
            is_penalty = True
            v = lp.var(1, -penalty, integer=True)
            lp.rows(
                np.concatenate([k, k, k]),
                np.concatenate([np.repeat(v, sit.size), sit, np.repeat(y, sit.size)]),
                np.concatenate([np.ones(sit.size), -np.ones(sit.size), np.ones(sit.size)]),
                sit.size,
                0.0,
                np.inf,
            )
            score_cols.append(v)
            score_vals.append(np.array([-penalty]))
    weight = mv.weight if walking.any() else 0.0
    if weight > 0:
        m = lp.var(1, weight)
        lp.row(np.append(m, x[walking]), np.append(1.0, -np.ones(int(walking.sum()))), -np.inf, 0.0)
        score_cols.append(m)
        score_vals.append(np.array([weight]))
    return seated, moving, walking, is_penalty, mv.weight


def _add_tags(
    lp: _Lp,
    pool: _Pool,
    plan: _Plan,
    rows: NDArray[np.intp],
    x: NDArray[np.intp],
    w: NDArray[np.intp],
    score_cols: list[NDArray[np.intp]],
    score_vals: list[NDArray[np.float64]],
) -> tuple[NDArray[np.intp], tuple[_Cosine, ...]]:
    """The skills and interests components: cosines of the candidate's tags and the package's."""
    cand = plan.candidate
    skills = set(cand.skills) if plan.skills_weight > 0 else set()
    interests = set(cand.interests) if plan.interests_weight > 0 else set()
    no_tags = np.empty(0, dtype=np.intp)
    if not skills and not interests:
        return no_tags, ()
    incidence = pool.incidence[rows]
    present = np.flatnonzero(incidence.any(axis=0))
    tags = [pool.tags[g] for g in present]
    incidence = incidence[:, present]
    u = lp.var(len(tags))
    t_idx, g_idx = np.nonzero(incidence)
    # u[g] >= x[t] for every task t with tag g, and u[g] <= sum of those x[t].
    lp.rows(
        np.concatenate([np.arange(t_idx.size)] * 2),
        np.concatenate([u[g_idx], x[t_idx]]),
        np.concatenate([np.ones(t_idx.size), -np.ones(t_idx.size)]),
        t_idx.size,
        0.0,
        np.inf,
    )
    lp.rows(
        np.concatenate([np.arange(len(tags)), g_idx]),
        np.concatenate([u, x[t_idx]]),
        np.concatenate([np.ones(len(tags)), -np.ones(t_idx.size)]),
        len(tags),
        -np.inf,
        0.0,
    )
    # Most distinct tags a package can have: with a task limit, those of its largest tasks.
    per_task = np.sort(incidence.sum(axis=1))[::-1]
    hard_limit = plan.limit is not None and not plan.limit_is_penalty
    most = int(per_task[: plan.limit].sum()) if hard_limit else len(tags)
    fixed = set(pool.terms.tags)
    cosines: list[_Cosine] = []
    if skills:
        matched = np.array([g in skills for g in tags], dtype=np.bool_)
        everything = np.ones(len(tags), dtype=np.bool_)
        cosines.append(
            _Cosine(
                everything, matched, 0, 0, len(skills), plan.skills_weight, min(most, len(tags))
            )
        )
    if interests:
        extra = np.array([g not in fixed for g in tags], dtype=np.bool_)
        wanted = np.array([g in interests for g in tags], dtype=np.bool_)
        cosines.append(
            _Cosine(
                extra,
                extra & wanted,
                len(fixed),
                len(fixed & interests),
                len(interests),
                plan.interests_weight,
                len(fixed) + min(most, int(extra.sum())),
            )
        )
    out = tuple(_add_cosine(lp, u, w, cos, score_cols, score_vals) for cos in cosines)
    return u, out


def _add_cosine(
    lp: _Lp,
    u: NDArray[np.intp],
    w: NDArray[np.intp],
    cos: _Cosine,
    score_cols: list[NDArray[np.intp]],
    score_vals: list[NDArray[np.float64]],
) -> _Cosine:
    """Add one cosine, exact in a linear model.

    ``z[s]`` picks the package's tag count ``s`` (one of them when a package is chosen) and
    ``a[s]`` carries the matched count at the weight ``1 / sqrt(n_ref * s)``; ``a[s]`` is 0
    unless ``z[s]`` is 1, and the ``a`` add up to at most the matched count.
    """
    sizes = np.arange(cos.n_fixed, cos.max_size + 1, dtype=np.float64)
    z = lp.var(sizes.size, integer=True)
    chosen = -np.ones(w.size)
    lp.row(np.concatenate([z, w]), np.concatenate([np.ones(z.size), chosen]), 0.0, 0.0)
    counted = u[cos.counted]
    lp.row(
        np.concatenate([z, counted, w]),
        np.concatenate([sizes, -np.ones(counted.size), cos.n_fixed * chosen]),
        0.0,
        0.0,
    )
    positive = sizes > 0
    coef = cos.weight / np.sqrt(cos.n_ref * sizes[positive])
    cap = np.minimum(cos.n_ref, sizes[positive])
    a = lp.var(coef.size, coef, cap)
    k = np.arange(coef.size)
    lp.rows(
        np.concatenate([k, k]),
        np.concatenate([a, z[positive]]),
        np.concatenate([np.ones(coef.size), -cap]),
        coef.size,
        -np.inf,
        0.0,
    )
    matched = u[cos.matched]
    lp.row(
        np.concatenate([a, matched, w]),
        np.concatenate([np.ones(a.size), -np.ones(matched.size), cos.n_fixed_matched * chosen]),
        -np.inf,
        0.0,
    )
    score_cols.append(a)
    score_vals.append(coef)
    return cos
