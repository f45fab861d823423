"""Why each unplaced candidate was not placed: the codes that ruled out most packages."""

from __future__ import annotations

from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from .._canonical import list_adapter
from .._compatibility import Edges, hard_reason_counts
from .._results import UnassignedCandidate
from .._vocabulary import BELOW_MIN_SCORE, FORBIDDEN, OUTCOMPETED
from ..rules import REGISTRY
from ._problem import Problem

__all__ = ["unassigned_reasons"]

#: How many reason codes an unassigned candidate lists.
TOP_REASONS: Final[int] = 5


def unassigned_reasons(
    problem: Problem,
    edges: Edges,
    eligible: NDArray[np.bool_],
    banned: NDArray[np.bool_],
    placed: NDArray[np.bool_],
) -> list[UnassignedCandidate]:
    """Each unplaced candidate with the codes that ruled out most packages (at most
    :data:`TOP_REASONS`, most first, ties by code), counted over all packages.

    Besides the rules' codes: packages that fit but score below the minimum, that went to
    people who fit better, and that the candidate ruled out. The rules' counts came with the
    edges when they were collected in one pass, else block by block
    (:func:`~wbamatch._compatibility.hard_reason_counts`); the same rule functions either way.
    """
    rows = np.flatnonzero(~placed)
    if rows.size == 0:
        return []
    n = len(problem.cand)
    codes = REGISTRY.codes
    if edges.reason_counts is not None:
        counts = edges.reason_counts[rows]
    else:
        counts = hard_reason_counts(
            problem.cand,
            problem.pkg,
            problem.minutes_for,
            problem.config,
            rows,
            codes,
            workers=problem.workers,
            reach_for=problem.reach_for,
            limits=problem.limits,
        )
    feasible = np.bincount(edges.rows[edges.feasible], minlength=n)[rows]
    below = np.bincount(edges.rows[edges.feasible & ~eligible], minlength=n)[rows]
    outcompeted = np.bincount(edges.rows[eligible & ~banned], minlength=n)[rows]
    ruled_out = np.bincount(edges.rows[eligible & banned], minlength=n)[rows]
    # Only the codes that ruled something out: most of the forty-odd codes count 0 for a row.
    per_row: list[list[tuple[int, str]]] = [[] for _ in range(rows.size)]
    hit_rows, hit_codes = np.nonzero(counts)
    for k, c, n_ in zip(
        hit_rows.tolist(), hit_codes.tolist(), counts[hit_rows, hit_codes].tolist(), strict=True
    ):
        per_row[k].append((n_, codes[c]))
    out: list[dict[str, Any]] = []
    for k, i in enumerate(rows.tolist()):
        pairs = per_row[k] + [
            (int(below[k]), BELOW_MIN_SCORE),
            (int(outcompeted[k]), OUTCOMPETED),
            (int(ruled_out[k]), FORBIDDEN),
        ]
        top = sorted((p for p in pairs if p[0] > 0), key=lambda p: (-p[0], p[1]))[:TOP_REASONS]
        out.append(
            {
                "candidate_id": problem.cand.ids[i],
                "feasible_packages": int(feasible[k]),
                "reasons": [{"code": code, "packages": n_} for n_, code in top],
            }
        )
    # One validation call for the whole list (tens of thousands on a national run).
    validated: list[UnassignedCandidate] = list_adapter(UnassignedCandidate).validate_python(out)
    return validated
