"""The flagged current placements of a result: what is wrong, what fits, what is proposed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from .._compatibility import Edges
from .._results import Assignment, FlagAlternative, Flagged
from ._doorstroom import N_FLAG_ALTERNATIVES, Doorstroom

if TYPE_CHECKING:
    from ._problem import Problem

__all__ = ["flagged_placements"]


def flagged_placements(
    problem: Problem,
    door: Doorstroom,
    edges: Edges,
    banned: NDArray[np.bool_],
    assignments: list[Assignment],
) -> list[Flagged]:
    """One :class:`Flagged` per current placement that breaks a hard rule or is too heavy, in
    candidate id order, with the :data:`N_FLAG_ALTERNATIVES` best packages that fit (ties by
    id; not the one they hold, not one a person ruled out) and what the match proposes."""
    cand, pkg, cfg = problem.cand, problem.pkg, problem.config
    placed = {a.candidate_id: a for a in assignments}
    out: list[Flagged] = []
    usable = edges.feasible & ~banned
    for k in np.flatnonzero(door.flagged).tolist():
        i, j = int(door.rows[k]), int(door.cols[k])
        lo, hi = np.searchsorted(edges.rows, [i, i + 1])
        mine = lo + np.flatnonzero(usable[lo:hi] & (edges.cols[lo:hi] != j))
        # Columns are in id order: the stable sort on the score breaks ties by id.
        best = mine[np.argsort(-edges.scores[mine], kind="stable")][:N_FLAG_ALTERNATIVES]
        a = placed.get(cand.ids[i])
        proposal = "none" if a is None else a.status.value
        out.append(
            Flagged(
                candidate_id=cand.ids[i],
                package_id=pkg.ids[j],
                score=float(door.score[k]),
                reasons=door.reasons(k),
                alternatives=[
                    FlagAlternative(
                        package_id=pkg.ids[c],
                        title=pkg.titles[c],
                        employer=pkg.employers[c] or pkg.organisations[c],
                        score=float(edges.scores[e]),
                        schakelplek=bool(pkg.schakelplek[c]),
                    )
                    for e, c in zip(best.tolist(), edges.cols[best].tolist(), strict=True)
                ],
                proposal="none" if proposal == "new" else proposal,
                proposed_package_id=None if a is None else a.package_id,
                open_to_move=bool(cand.open_to_move[i]),
                lang=cfg.lang,
            )
        )
    return out
