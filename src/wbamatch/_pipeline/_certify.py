"""Check a result's certificate against the pairs its inputs give, without solving again."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .._compatibility import Edges, feasible_blocks
from .._exceptions import InputError
from .._results import CERTIFICATE_TOLERANCE, Certificate, CertificateCheck, MatchResult
from ._problem import Problem
from ._solve import offered_pairs, pinned_rows_and_slots
from ._streamed import forbidden_keys, streams

__all__ = ["check_problem_certificate"]


def check_problem_certificate(result: MatchResult, problem: Problem) -> CertificateCheck:
    """Collect the pairs the solver was offered (the same code as :func:`solve_problem`) and
    check ``result.certificate`` on every one of them.

    Raises
    ------
    InputError
        The result carries no certificate (one made before certificates existed).
    """
    cert = result.certificate
    if cert is None:
        raise InputError(
            "this result has no certificate (it was made before results carried one); "
            "match again to get one"
        )
    cand_at = {c: k for k, c in enumerate(cert.candidate_dual)}
    pkg_at = {p: k for k, p in enumerate(cert.package_dual)}
    n, m = len(problem.cand), len(problem.pkg)
    row_at = np.fromiter((cand_at.get(c, -1) for c in problem.cand.ids), np.intp, n)
    col_at = np.fromiter((pkg_at.get(p, -1) for p in problem.pkg.ids), np.intp, m)
    if streams(problem, problem.config.max_memory_mb << 20):
        # As the run itself: block by block, nothing kept but the counts of the check (a run
        # with current placements never streams, so the weights are the scores).
        check = _check_blocks(cert, problem, row_at, col_at)
        ids = {c: k for k, c in enumerate(problem.cand.ids)}
        chosen = sorted({ids[a.candidate_id] for a in result.assignments if a.candidate_id in ids})
        edges, offered, slots, weights = offered_pairs(problem, np.asarray(chosen, dtype=np.intp))
    else:
        edges, offered, slots, weights = offered_pairs(problem)
        check = cert.check_indexed(
            row_at[edges.rows[offered]], col_at[edges.cols[offered]], weights[offered]
        )
    placed = _placements_match(result, problem, edges, offered, slots, weights)
    return check.model_copy(update={"placements_match": placed, "valid": check.valid and placed})


def _check_blocks(
    cert: Certificate, problem: Problem, row_at: NDArray[np.intp], col_at: NDArray[np.intp]
) -> CertificateCheck:
    """:meth:`Certificate.check_indexed` over every offered pair, one block at a time."""
    m = len(problem.pkg)
    pinned, _ = pinned_rows_and_slots(problem)
    banned = forbidden_keys(problem)
    checked = uncovered = unknown = 0
    worst = 0.0
    check: CertificateCheck | None = None
    for _, i, j, s in feasible_blocks(
        problem.cand,
        problem.pkg,
        problem.minutes_for,
        problem.config,
        workers=problem.workers,
        limits=problem.limits,
    ):
        ok = (s >= problem.config.min_score) & ~pinned[i]
        if banned.size:
            ok &= ~np.isin(i.astype(np.int64) * m + j, banned)
        check = cert.check_indexed(row_at[i[ok]], col_at[j[ok]], s[ok])
        checked += check.pairs_checked
        uncovered += check.uncovered_pairs
        unknown += check.unknown_ids
        worst = max(worst, check.worst_shortfall)
    if check is None:  # no candidates: the totals alone
        check = cert.check_indexed(np.empty(0, np.intp), np.empty(0, np.intp), np.empty(0))
    return check.model_copy(
        update={
            "pairs_checked": checked,
            "uncovered_pairs": uncovered,
            "unknown_ids": unknown,
            "worst_shortfall": worst,
            "valid": check.dual_total_matches
            and check.closes_gap
            and check.negative_duals == 0
            and uncovered == 0
            and unknown == 0,
        }
    )


def _placements_match(
    result: MatchResult,
    problem: Problem,
    edges: Edges,
    offered: NDArray[np.bool_],
    slots: NDArray[np.int64],
    weights: NDArray[np.float64],
) -> bool:
    """Whether the solver's placements are offered pairs at their scores, within the slots,
    whose weights (the scores, or with current placements the doorstroom weights) sum to the
    certificate's primal total (the certificate speaks of those placements)."""
    assert result.certificate is not None
    cand_at = {c: k for k, c in enumerate(problem.cand.ids)}
    pkg_at = {p: k for k, p in enumerate(problem.pkg.ids)}
    chosen = [a for a in result.assignments if not a.pinned]
    if any(a.candidate_id not in cand_at or a.package_id not in pkg_at for a in chosen):
        return False
    m = len(problem.pkg)
    rows = np.array([cand_at[a.candidate_id] for a in chosen], dtype=np.intp)
    cols = np.array([pkg_at[a.package_id] for a in chosen], dtype=np.intp)
    at = edges.positions(rows, cols)
    if (at < 0).any() or not offered[at].all():
        return False
    scores = edges.scores[at]
    given = np.array([a.score for a in chosen])
    within = bool((np.bincount(cols, minlength=m) <= slots).all())
    total = float(weights[at].sum())
    return (
        within
        and bool(np.allclose(scores, given, rtol=0, atol=CERTIFICATE_TOLERANCE))
        and abs(total - result.certificate.primal_total) <= CERTIFICATE_TOLERANCE * max(1.0, total)
    )
