"""Streamed runs: each package's best pairs kept while collecting, widened until the certificate
covers every pair (wbamatch._compatibility._stream, wbamatch._pipeline._streamed), and the
travel reasons counted on request on a large run."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import wbamatch
from strategies import configs, problems
from test_certificate import offered_pairs
from wbamatch import Limits
from wbamatch._compatibility import collect_edges, collect_top_edges, travel_codes
from wbamatch._pipeline import prepare

BLOCKS = Limits(small_pairs=0)


def streamed(keep_per_slot: int = 16, extra: int = 3, **more: int) -> Limits:
    return Limits(
        small_pairs=0,
        stream_above_pairs=0,
        prune_keep_per_slot=keep_per_slot,
        prune_keep_extra=extra,
        # Choose again as often as the pool allows, so the bar of a full package is exercised.
        stream_pool_pairs=0,
        **more,
    )


def comparable(result: wbamatch.MatchResult) -> dict[str, Any]:
    """What a streamed run must share with the run on all pairs (ties may place others)."""
    return {
        "n_feasible_pairs": result.n_feasible_pairs,
        "unassigned_ids": sorted(u.candidate_id for u in result.unassigned),
        "open": sum(o.open for o in result.open_slots),
        "feasible_per_package": {o.package_id: o.feasible_candidates for o in result.open_slots},
    }


@settings(max_examples=60, deadline=None)
@given(
    problems(max_candidates=9, max_packages=5),
    configs(),
    st.integers(0, 2),
    st.integers(0, 2),
    st.sampled_from([1, 7, 50, 10_000]),
    st.integers(1, 3),
)
def test_a_streamed_run_is_optimal_over_all_pairs(
    problem: tuple, cfg: dict[str, Any], per_slot: int, extra: int, block: int, rounds: int
) -> None:
    cands, packs = problem
    full = wbamatch.match(cands, packs, cfg, limits=BLOCKS)
    limits = streamed(per_slot, extra, pairs_per_block=block, prune_rounds=rounds)
    result = wbamatch.match(cands, packs, cfg, limits=limits)
    assert result.solver.startswith("streamed:")
    assert result.total_score == pytest.approx(full.total_score, abs=1e-9)
    assert result.certificate is not None and result.certificate.gap == 0.0
    # The certificate covers every pair the solver could have used, not only the kept ones.
    check = result.certificate.check(*offered_pairs(cands, packs, result.config))
    assert check.valid, check
    assert wbamatch.check_certificate(result, cands, packs).valid
    assert result.n_feasible_pairs == full.n_feasible_pairs
    # Where both left a package open, they counted the same candidates for it.
    theirs = {o.package_id: o.feasible_candidates for o in full.open_slots}
    for o in result.open_slots:
        assert theirs.get(o.package_id, o.feasible_candidates) == o.feasible_candidates
    if result.unassigned and sorted(a.candidate_id for a in result.assignments) == sorted(
        a.candidate_id for a in full.assignments
    ):
        # The same people unplaced: the same reasons, counted over all pairs.
        assert result.unassigned == full.unassigned


def test_packages_whose_price_falls_short_are_collected_again() -> None:
    cands, packs = wbamatch.synthetic(300, 60, seed=2)
    full = wbamatch.match(cands, packs, limits=BLOCKS)
    # Each package keeps one pair at first: far too few, so some must widen.
    result = wbamatch.match(cands, packs, limits=streamed(0, 1, prune_rounds=6))
    rounds = int(result.solver.split(":")[1].split("[")[0])
    assert rounds > 1
    assert result.total_score == pytest.approx(full.total_score, abs=1e-9)
    assert comparable(result) == comparable(full)
    assert result.unassigned == full.unassigned
    assert wbamatch.check_certificate(result, cands, packs).valid


def test_the_last_round_keeps_every_pair_of_a_short_package() -> None:
    cands, packs = wbamatch.synthetic(200, 40, seed=5)
    full = wbamatch.match(cands, packs, limits=BLOCKS)
    # Nothing kept at first and one round allowed: the second solve has all pairs of the
    # packages that fell short, so it ends there.
    result = wbamatch.match(cands, packs, limits=streamed(0, 0, prune_rounds=1))
    assert result.solver.startswith("streamed:2[")
    assert result.total_score == pytest.approx(full.total_score, abs=1e-9)
    assert wbamatch.check_certificate(result, cands, packs).valid


@pytest.mark.parametrize("block", [1, 13, 2_000_000])
@pytest.mark.parametrize("pool", [0, 40, 10**9])
def test_the_kept_pairs_are_each_packages_best_whatever_the_blocks(block: int, pool: int) -> None:
    cands, packs = wbamatch.synthetic(150, 30, seed=7)
    problem = prepare(cands, packs, None, None)
    cfg, m = problem.config, len(problem.pkg)
    every = collect_edges(problem.cand, problem.pkg, problem.minutes_for, cfg, limits=BLOCKS)
    keep = np.arange(m, dtype=np.int64) % 4  # 0 to 3 per package
    top = collect_top_edges(
        problem.cand,
        problem.pkg,
        problem.minutes_for,
        cfg,
        keep,
        # A small pool: the best are chosen again often, and the bar a new pair must beat
        # rises in between.
        limits=Limits(small_pairs=0, pairs_per_block=block, stream_pool_pairs=pool),
    )
    assert np.array_equal(top.tally.row_feasible, np.bincount(every.rows, minlength=len(cands)))
    assert np.array_equal(top.tally.col_feasible, np.bincount(every.cols, minlength=m))
    eligible = every.scores >= cfg.min_score
    r, c, s = every.rows[eligible], every.cols[eligible], every.scores[eligible]
    assert np.array_equal(top.tally.row_eligible, np.bincount(r, minlength=len(cands)))
    kept = set(zip(top.edges.rows.tolist(), top.edges.cols.tolist(), strict=True))
    for j in range(m):
        mine = np.flatnonzero(c == j)
        ranked = mine[np.lexsort((r[mine], -s[mine]))]
        best = {(int(r[k]), j) for k in ranked[: keep[j]]}
        assert best == {pair for pair in kept if pair[1] == j}
        rest = s[ranked[keep[j] :]]
        assert top.dropped_max[j] == (rest.max() if rest.size else -np.inf)
    # Sorted by row, then column, as every edge list.
    keys = top.edges.rows * m + top.edges.cols
    assert np.all(np.diff(keys) > 0)


def test_pairs_a_person_ruled_out_are_kept_and_counted() -> None:
    cands, packs = wbamatch.synthetic(200, 40, seed=3)
    full = wbamatch.match(cands, packs, limits=BLOCKS)
    gone = full.assignments[:3]
    cfg = wbamatch.MatchConfig(
        forbidden=[{"candidate_id": a.candidate_id, "package_id": a.package_id} for a in gone]
    )
    expected = wbamatch.match(cands, packs, cfg, limits=BLOCKS)
    result = wbamatch.match(cands, packs, cfg, limits=streamed(0, 1))
    assert result.total_score == pytest.approx(expected.total_score, abs=1e-9)
    placed = {(a.candidate_id, a.package_id) for a in result.assignments}
    assert not placed & {(a.candidate_id, a.package_id) for a in gone}
    assert comparable(result) == comparable(expected)
    assert result.unassigned == expected.unassigned


def test_a_run_whose_pairs_do_not_fit_in_memory_streams_them() -> None:
    cands, packs = wbamatch.synthetic(1000, 100, seed=3)
    cfg = {"rules": {"commute": "off"}, "default_max_commute_minutes": None}
    projected = Limits(small_pairs=0, project_above_pairs=0, dense_cells=0)
    full = wbamatch.match(cands, packs, cfg, limits=BLOCKS)
    assert full.n_feasible_pairs * BLOCKS.edge_bytes > 1 << 20  # more than the limit below
    tight = wbamatch.match(cands, packs, {**cfg, "max_memory_mb": 1}, limits=projected)
    assert tight.solver.startswith("streamed:")
    assert tight.total_score == pytest.approx(full.total_score, abs=1e-9)
    assert comparable(tight) == comparable(full)


def test_a_run_whose_best_pairs_do_not_fit_is_refused_before_it_starts() -> None:
    cands, packs = wbamatch.synthetic(1000, 100, seed=3)
    blocks: list[int] = []
    cfg = {"max_memory_mb": 1}
    with pytest.raises(wbamatch.ResourceLimitError, match=r"best pairs of its 100 packages"):
        wbamatch.match(
            cands,
            packs,
            cfg,
            progress=lambda done, total: blocks.append(done),
            limits=streamed(1_000, 0),
        )
    assert blocks == []


def test_a_large_run_counts_travel_reasons_on_request() -> None:
    cands, packs = wbamatch.synthetic(400, 60, seed=1)
    full = wbamatch.match(cands, packs, limits=BLOCKS)
    result = wbamatch.match(cands, packs, limits=Limits(small_pairs=0, travel_reason_pairs=0))
    codes = travel_codes(result.config)
    assert result.uncounted_reasons == codes and "commute" in codes
    assert full.uncounted_reasons == []
    # The summary says so, in words.
    assert "niet per kandidaat als reden geteld" in result.summary("nl")
    assert "not counted as reasons" in result.summary("en")
    assert "why()" not in full.summary("nl")
    assert result.assignments == full.assignments
    left_out = {r.code for u in result.unassigned for r in u.reasons} & set(codes)
    assert left_out == set()
    counted_in_full = [u for u in full.unassigned if {r.code for r in u.reasons} & set(codes)]
    assert counted_in_full  # the instance has people kept out by their commute
    for entry in counted_in_full[:5]:
        # On request, one person's reasons have every code, as the full run counted them.
        assert result.why(entry.candidate_id).unassigned == entry
    # And it survives JSON.
    again = wbamatch.MatchResult.model_validate_json(result.model_dump_json())
    assert again.uncounted_reasons == codes


def test_why_on_a_streamed_run_finds_the_package_a_person_lost() -> None:
    cands, packs = wbamatch.synthetic(300, 40, seed=4)
    full = wbamatch.match(cands, packs, limits=BLOCKS)
    result = wbamatch.match(cands, packs, limits=streamed(0, 1))
    lost = [
        u.candidate_id
        for u in full.unassigned
        if u.candidate_id in {v.candidate_id for v in result.unassigned}
        and any(r.code == "outcompeted" for r in u.reasons)
    ]
    assert lost
    for cid in lost[:5]:
        expected, got = full.why(cid).alternative, result.why(cid).alternative
        assert expected is not None and got is not None
        assert (got.package_id, got.score) == (expected.package_id, expected.score)


def test_the_certificate_of_a_streamed_run_is_checked_block_by_block() -> None:
    cands, packs = wbamatch.synthetic(300, 50, seed=6)
    a = cands[0].id
    cfg = wbamatch.MatchConfig(forbidden=[{"candidate_id": a, "package_id": packs[0].id}])
    limits = streamed(0, 1)
    result = wbamatch.match(cands, packs, cfg, limits=limits)
    problem = prepare(cands, packs, cfg, None, limits=limits)
    from wbamatch._pipeline import check_problem_certificate

    blockwise = check_problem_certificate(result, problem)
    whole = wbamatch.check_certificate(result, cands, packs)  # all pairs at once
    assert blockwise.valid and whole.valid
    assert blockwise.pairs_checked == whole.pairs_checked > 0
    # A price lowered below a pair it must cover is caught block by block too.
    cert = result.certificate
    assert cert is not None
    top = max(cert.package_dual, key=lambda p: cert.package_dual[p])
    lowered = cert.model_copy(update={"package_dual": {**cert.package_dual, top: 0.0}})
    tampered = result.model_copy(update={"certificate": lowered})
    bad = check_problem_certificate(tampered, problem)
    assert not bad.valid and bad.uncovered_pairs > 0


def test_pinned_people_stay_outside_a_streamed_run() -> None:
    cands, packs = wbamatch.synthetic(200, 40, seed=8)
    free = wbamatch.match(cands, packs, limits=BLOCKS)
    pin, other = free.assignments[-1], free.assignments[0]
    # Pinned where someone else was placed: the solver must work around the taken slot.
    cfg = wbamatch.MatchConfig(
        pinned=[
            {"candidate_id": pin.candidate_id, "package_id": other.package_id, "override": True}
        ]
    )
    expected = wbamatch.match(cands, packs, cfg, limits=BLOCKS)
    result = wbamatch.match(cands, packs, cfg, limits=streamed(0, 1))
    assert result.total_score == pytest.approx(expected.total_score, abs=1e-9)
    mine = result.assignment_of(pin.candidate_id)
    assert mine is not None and mine.pinned and mine.package_id == other.package_id
    assert comparable(result) == comparable(expected)
    assert wbamatch.check_certificate(result, cands, packs).valid
