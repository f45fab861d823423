"""Planning a Meet & Greet: choose the conversations, then lay them out in rounds.

The pairs that may meet are chosen by an exact b-matching (:mod:`._matching`) and laid out in
rounds by an edge colouring (:mod:`._rounds`); when the best plan needs more rounds than there
are, the degree limits are lowered to the rounds and the b-matching is solved again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._api import compatibility
from .._compatibility import Compatibility, near_miss_mask
from .._config import MatchConfig
from .._constraints import code_mask, decode
from .._exceptions import InputError
from .._models import Candidate, TaskPackage
from .._pipeline import TravelMinutes
from .._validation import positive_int
from ..rules import REGISTRY
from ._matching import b_matching
from ._meetings import Meeting, Pairing
from ._plan import MeetGreetPlan
from ._rounds import edge_colouring, max_degree

__all__ = ["plan_meet_and_greet"]


def _true_or_false(value: object, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise InputError(f"{name} must be True or False, got {type(value).__name__}")
    return bool(value)


def plan_meet_and_greet(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    rounds: int,
    per_candidate: int,
    per_package: int,
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    near_misses: bool = False,
    travel_minutes: TravelMinutes = None,
) -> MeetGreetPlan:
    """Plan the conversations of a Meet & Greet: who meets whom, in which round.

    The pairs that may meet are the feasible ones (no hard rule broken) scoring at least
    ``config.min_score`` and above 0 (a meeting worth nothing is not planned). With
    ``near_misses=True`` pairs breaking exactly one hard rule may meet too, weighted by their
    raw score and flagged with that rule's reason code; a pair whose one broken rule is
    ``excluded`` (the candidate said no to this package) never is. Among those pairs the plan
    maximises the total score, with at most ``per_candidate`` meetings per candidate and
    ``per_package`` per package, solved exactly (a bipartite b-matching via HiGHS, not
    greedily). The meetings are then laid out in rounds so nobody has two conversations in one
    round, using as many rounds as the busiest person has meetings (König's theorem).

    If that plan needs more than ``rounds`` rounds, the limits become
    ``min(per_candidate, rounds)`` and ``min(per_package, rounds)`` and the plan is optimised
    again: the best plan that fits. The result then lists the meetings dropped from the first
    optimum and the ones that replaced them. The plan does not depend on the order of the
    inputs.

    Parameters
    ----------
    candidates, packages
        Models or dicts in their JSON shape; any order.
    rounds
        Number of conversation rounds at the event, ``>= 1``.
    per_candidate
        Most conversations per candidate, ``>= 1``.
    per_package
        Most conversations per package (its manager), ``>= 1``.
    config
        A :class:`~wbamatch.MatchConfig` (or a dict of its fields); default settings when None.
    near_misses
        Also allow pairs that break exactly one hard rule (not ``excluded``).
    travel_minutes
        As for :func:`wbamatch.compatibility`.

    Returns
    -------
    MeetGreetPlan
        Meetings with their 1-based round, sorted by ``(round, package_id, candidate_id)``, the
        total score, and what was dropped to fit the rounds.

    Raises
    ------
    InputError
        ``rounds``, ``per_candidate`` or ``per_package`` is not a positive integer; or as for
        :func:`wbamatch.compatibility`.
    pydantic.ValidationError
        A record does not validate.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._meetgreet import plan_meet_and_greet
    >>> candidates, packages = wbamatch.demo_data()
    >>> plan = plan_meet_and_greet(candidates, packages, rounds=3, per_candidate=2,
    ...                            per_package=3)
    >>> plan.rounds_used <= 3
    True
    >>> all(len(ms) <= 2 for ms in plan.by_candidate().values())
    True
    """
    rounds = positive_int(rounds, "rounds")
    per_candidate = positive_int(per_candidate, "per_candidate")
    per_package = positive_int(per_package, "per_package")
    asked = _true_or_false(near_misses, "near_misses")
    comp = compatibility(candidates, packages, config, travel_minutes=travel_minutes)
    pairs = _Eligible.find(comp, asked)
    uncapped, final = pairs.solve(rounds, per_candidate, per_package)
    return _plan(pairs, uncapped, final, rounds, per_candidate, per_package)


@dataclass(frozen=True, eq=False)
class _Eligible:
    """The pairs that may meet: edges ``(rows[e], cols[e])`` of the compatibility arrays.

    ``rows`` and ``cols`` index ``comp.candidate_ids`` and ``comp.package_ids``; the pairs are
    listed by (candidate id, package id) since those arrays are sorted by id.
    """

    comp: Compatibility
    rows: NDArray[np.intp]
    cols: NDArray[np.intp]
    weights: NDArray[np.float64]  # per edge: the score, the raw score for a near miss
    near: NDArray[np.bool_]  # (n_candidates, n_packages): the pair is an allowed near miss
    hard_bits: NDArray[np.uint64]  # (n_candidates, n_packages): the hard rules broken
    near_misses: bool  # whether near misses were allowed

    @classmethod
    def find(cls, comp: Compatibility, near_misses: bool) -> _Eligible:
        """Feasible pairs scoring at least ``min_score`` and above 0; near misses if asked."""
        cfg = comp.config
        allowed = comp.feasible & (comp.scores >= cfg.min_score) & (comp.scores > 0)
        hard_bits = comp.violations & code_mask(cfg, "hard")
        if near_misses:
            near = _near_misses(comp, hard_bits)
        else:
            near = np.zeros(comp.shape, dtype=np.bool_)
        rows, cols = np.nonzero(allowed | near)
        weights = np.where(near, comp.raw_scores, comp.scores)[rows, cols]
        return cls(comp, rows, cols, weights, near, hard_bits, near_misses)

    def solve(
        self, rounds: int, per_candidate: int, per_package: int
    ) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
        """The best plan under the limits asked for, and the best that fits in the rounds.

        Both are masks over the edges, and the same when the first needs no more rounds than
        there are; otherwise the limits are lowered to the rounds and solved again, exactly.
        """
        uncapped = self._best(per_candidate, per_package)
        if max_degree(self.rows[uncapped], self.cols[uncapped]) <= rounds:
            return uncapped, uncapped
        return uncapped, self._best(min(per_candidate, rounds), min(per_package, rounds))

    def _best(self, per_candidate: int, per_package: int) -> NDArray[np.bool_]:
        """The edges of the best plan under these degree limits (exact)."""
        return b_matching(
            self.rows, self.cols, self.weights, self.comp.shape, per_candidate, per_package
        )

    def pairing(self, e: int) -> Pairing:
        """Edge ``e`` as a :class:`Pairing`, with the reason code of a near miss."""
        i, j = int(self.rows[e]), int(self.cols[e])
        comp = self.comp
        return Pairing(
            candidate_id=comp.candidate_ids[i],
            package_id=comp.package_ids[j],
            title=comp.packages.titles[j],
            employer=comp.packages.employers[j],
            score=float(self.weights[e]),
            near_miss=decode(self.hard_bits[i, j])[0] if self.near[i, j] else None,
        )

    def pairings(self, mask: NDArray[np.bool_]) -> list[Pairing]:
        """The edges in ``mask``, sorted by ``(package_id, candidate_id)``."""
        found = [self.pairing(e) for e in np.flatnonzero(mask).tolist()]
        return sorted(found, key=lambda p: (p.package_id, p.candidate_id))


def _near_misses(comp: Compatibility, hard_bits: NDArray[np.uint64]) -> NDArray[np.bool_]:
    """Pairs breaking exactly one hard rule, not ``excluded``, scoring enough, and near.

    Near as :class:`~wbamatch.MatchConfig` ``near_miss`` says: only close to the rule's limit.
    """
    cfg = comp.config
    near: NDArray[np.bool_] = (
        (np.bitwise_count(hard_bits) == 1)
        & ((hard_bits & REGISTRY.unrelaxable_bits) == 0)
        & (comp.raw_scores >= cfg.min_score)
        & (comp.raw_scores > 0)
    )
    ni, nj = np.nonzero(near)
    if ni.size:  # only near misses that are near (MatchConfig.near_miss)
        idx = np.log2(hard_bits[ni, nj]).astype(np.int16)
        close = near_miss_mask(
            comp.candidates, comp.packages, cfg, ni, nj, idx, comp.minutes[ni, nj]
        )
        near[ni[~close], nj[~close]] = False
    return near


def _plan(
    pairs: _Eligible,
    uncapped: NDArray[np.bool_],
    final: NDArray[np.bool_],
    rounds: int,
    per_candidate: int,
    per_package: int,
) -> MeetGreetPlan:
    """The plan of the ``final`` edges, laid out in rounds, with what changed from ``uncapped``."""
    comp, rows, cols, weights = pairs.comp, pairs.rows, pairs.cols, pairs.weights
    chosen = np.flatnonzero(final)
    colours = edge_colouring(rows[chosen], cols[chosen])
    meetings = sorted(
        (
            Meeting(round=int(colour) + 1, **pairs.pairing(int(e)).model_dump())
            for e, colour in zip(chosen.tolist(), colours.tolist(), strict=True)
        ),
        key=lambda m: (m.round, m.package_id, m.candidate_id),
    )
    met_c = set(rows[chosen].tolist())
    met_p = set(cols[chosen].tolist())
    return MeetGreetPlan(
        rounds=rounds,
        rounds_used=max_degree(rows[chosen], cols[chosen]),
        per_candidate_limit=per_candidate,
        per_package_limit=per_package,
        near_misses=pairs.near_misses,
        meetings=meetings,
        total_score=math.fsum(weights[final].tolist()),
        uncapped_total_score=math.fsum(weights[uncapped].tolist()),
        dropped=pairs.pairings(uncapped & ~final),
        replacements=pairs.pairings(final & ~uncapped),
        candidates_without_meeting=[
            cid for i, cid in enumerate(comp.candidate_ids) if i not in met_c
        ],
        packages_without_meeting=[pid for j, pid in enumerate(comp.package_ids) if j not in met_p],
        n_candidates=len(comp.candidate_ids),
        n_packages=len(comp.package_ids),
        n_eligible_pairs=int(rows.size),
        n_near_miss_pairs=int(pairs.near.sum()),
        config=comp.config,
    )
