"""Notebook views: escaped, compact HTML tables for results, shortlists, explanations, schedules."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given, strategies as st

import wbamatch
from dutch import assert_dutch
from factories import cand_dict, pkg_dict
from wbamatch._explain import score_words
from wbamatch._html import MAX_ROWS, Html, bar, esc, number, table
from wbamatch._results import reason_words

EVIL = '<img src=x onerror="alert(1)">&'


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """The views render in the default language: Dutch, unless WBAMATCH_LANG says otherwise."""
    monkeypatch.delenv("WBAMATCH_LANG", raising=False)


class _Checker(HTMLParser):
    """Collects tags and text; fails on a tag the views never write (an unescaped value)."""

    ALLOWED = frozenset({"div", "table", "thead", "tbody", "tr", "th", "td", "span", "p", "em"})

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.rows = 0
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in self.ALLOWED, f"unexpected <{tag}>"
        assert all(name in ("style", "class", "colspan") for name, _ in attrs), attrs
        self.rows += tag == "tr"
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert not checker.stack, f"unclosed tags {checker.stack}"
    return checker


def _text(markup: str) -> str:
    return " ".join(_parse(markup).text)


# --- building blocks --------------------------------------------------------------------------
@given(st.text())
def test_any_text_is_escaped_and_reads_back(value: str) -> None:
    checker = _parse(str(table(["h"], [[value]])))
    assert "".join(checker.text[1:]) == value


def test_html_values_go_in_as_they_are_other_values_are_escaped() -> None:
    out = table(["a", "b"], [[Html("<em>x</em>"), "<em>y</em>"]])
    assert "<em>x</em>" in out
    assert "&lt;em&gt;y&lt;/em&gt;" in out


def test_tables_stop_at_the_limit_and_say_how_many_more() -> None:
    rows = [[k] for k in range(MAX_ROWS + 7)]
    checker = _parse(table(["k"], rows))
    assert checker.rows == 1 + MAX_ROWS + 1  # header, rows, "more"
    assert "... en nog 7" in checker.text
    assert "... and 7 more" in _parse(table(["k"], rows, lang="en")).text
    assert _parse(table(["k"], rows[:3])).rows == 4


def test_numbers_are_written_per_language(monkeypatch: pytest.MonkeyPatch) -> None:
    assert number(5.764) == "5,76" and number(5.764, 1, "en") == "5.8" and number(20.0) == "20"
    monkeypatch.setenv("WBAMATCH_LANG", "en")
    assert number(5.764) == "5.76"


def test_an_empty_table_is_a_sentence() -> None:
    out = table(["k"], [], empty="nobody")
    assert "<table" not in out and "nobody" in out


@pytest.mark.parametrize(
    ("score", "width", "text"), [(0.5, "50.0%", "50%"), (1.7, "100.0%", "170%")]
)
def test_bar_width_is_clipped_but_the_text_is_not(score: float, width: str, text: str) -> None:
    out = bar(score)
    assert f"width:{width}" in out
    assert _text(out) == text


def test_esc_escapes_quotes_for_attributes() -> None:
    assert esc('"a"') == "&quot;a&quot;"


# --- the views --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo() -> tuple[list[Any], list[Any]]:
    return wbamatch.demo_data()


def test_match_result_lists_placements_and_reasons_in_words(demo: Any) -> None:
    result = wbamatch.match(*demo)
    text = _text(result._repr_html_())
    for a in result.assignments:
        assert a.candidate_id in text and a.package_id in text and a.title in text
    for u in result.unassigned:
        assert u.candidate_id in text
        for r in u.reasons:
            assert f"{reason_words(r.code, 'nl')} ({r.packages})" in text
    assert result.summary("nl") in text
    assert f"{len(result.assignments)} van de {result.n_candidates} kandidaten geplaatst" in text
    assert "telt niet mee" in text  # an unregistered candidate's placement
    assert "individueel" in text and "optimal" not in text
    for o in result.open_slots:
        assert o.package_id in text
    assert_dutch(text)
    english = wbamatch.match(*demo, config={"lang": "en"})
    text = _text(english._repr_html_())
    assert f"{len(result.assignments)} of {result.n_candidates} candidates placed" in text
    assert "does not count" in text and "Why not (packages it ruled out)" in text
    for u in english.unassigned:
        for r in u.reasons:
            assert f"{reason_words(r.code, 'en')} ({r.packages})" in text


def test_match_result_is_compact_for_large_runs() -> None:
    cands, packs = wbamatch.synthetic(400, 120, seed=3)
    result = wbamatch.match(cands, packs)
    assert len(result.assignments) > MAX_ROWS
    out = result._repr_html_()
    assert f"... en nog {len(result.assignments) - MAX_ROWS}" in out
    assert _parse(out).rows <= 3 * (MAX_ROWS + 2)


def test_ids_are_escaped_in_every_view() -> None:
    cands = [cand_dict(EVIL), cand_dict("c-2", hours={"min": 36, "max": 40})]
    packs = [pkg_dict("p-1")]
    result = wbamatch.match(cands, packs)
    views = [
        result._repr_html_(),
        wbamatch.shortlist(cands, packs, near_misses=1)._repr_html_(),
        wbamatch.shortlist(cands, packs, by="candidate")[EVIL]._repr_html_(),
        wbamatch.explain(cands[0], packs[0])._repr_html_(),
        wbamatch.plan_meet_and_greet(cands, packs, 1, 1, 1)._repr_html_(),
    ]
    for markup in views:
        assert "<img" not in markup
        assert EVIL in _text(markup)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_shortlists_show_ranks_bars_and_near_misses(demo: Any, lang: str) -> None:
    lists = wbamatch.shortlist(*demo, k=2, near_misses=1, lang=lang)
    text = _text(lists._repr_html_())
    for sl in lists.lists:
        for e in sl.entries:
            assert e.candidate_id in text
            assert f"{e.score:.0%}" in text
        for m in sl.near_misses:
            assert (m.message_nl if lang == "nl" else m.message_en) in text
            assert reason_words(m.code, lang) in text


def test_one_shortlist_names_the_counterparts(demo: Any) -> None:
    by_package = wbamatch.shortlist(*demo, k=3, lang="en")["p-001"]
    text = _text(by_package._repr_html_())
    assert "p-001" in text and "Candidate" in text
    assert [e.candidate_id for e in by_package.entries] == re.findall(r"c-\d{3}", text)
    by_candidate = wbamatch.shortlist(*demo, k=3, by="candidate", lang="en")["c-005"]
    text = _text(by_candidate._repr_html_())
    assert [e.package_id for e in by_candidate.entries] == re.findall(r"p-\d{3}", text)


def test_an_empty_shortlist_says_nobody_fits(demo: Any) -> None:
    lists = wbamatch.shortlist(*demo, by="candidate", lang="en")
    assert not lists["c-007"].entries
    assert "no job fits" in _text(lists["c-007"]._repr_html_())


def test_explanation_shows_verdict_rules_and_score_parts(demo: Any) -> None:
    cands, packs = demo
    ex = wbamatch.explain(cands[0], packs[3])  # Bert and the evening cleaning shift
    assert not ex.feasible
    text = _text(ex._repr_html_())
    assert "Past niet: 3 bezwaren." in text
    for v in ex.violations:
        assert reason_words(v.code, "nl") in text and v.message_nl in text
        assert v.code not in text
    for name in ("vaardigheden", "opleidingsniveau", "reistijd", "soort contract"):
        assert name in text
    assert "skills" not in text and "0.2" not in text  # parts in words, fits as percentages
    assert_dutch(text)
    fits = wbamatch.explain(cands[0], packs[0])
    text = _text(fits._repr_html_())
    assert f"Past. Score: {score_words(fits.score, 'nl')}." in text
    assert "aan elke eis is voldaan" in text
    english = wbamatch.explain(cands[0], packs[3], {"lang": "en"})
    text = _text(english._repr_html_())
    assert "Does not fit: 3 obstacles." in text and "skills" in text
    for v in english.violations:
        assert reason_words(v.code, "en") in text and v.message_en in text


def test_meet_and_greet_grid_has_a_row_per_manager_and_hides_near_miss_rules(demo: Any) -> None:
    plan = wbamatch.plan_meet_and_greet(
        *demo, rounds=3, per_candidate=2, per_package=3, near_misses=True, config={"lang": "en"}
    )
    assert any(m.near_miss for m in plan.meetings)
    markup = plan._repr_html_()
    checker = _parse(markup)
    text = " ".join(checker.text)
    by_package = plan.by_package()
    assert checker.rows == 1 + len(by_package) + 3  # grid, then the "without" table
    for m in plan.meetings:
        assert m.candidate_id in text
    assert "near miss" in text
    for m in plan.meetings:
        if m.near_miss:
            assert m.near_miss not in text and reason_words(m.near_miss, "en") not in text
    assert f"Round {plan.rounds_used}" in text
    for cid in plan.candidates_without_meeting:
        assert cid in text


def test_match_result_marks_decisions_and_what_they_moved(demo: Any) -> None:
    result = wbamatch.match(*demo)
    again = result.rematch(accept=["c-001"], reject=["c-005"])
    checker = _parse(again._repr_html_())
    text = " ".join(checker.text)
    assert "vastgelegd door een recruiter" in text
    assert f"Veranderd door de besluiten ({len(again.moved)})" in text
    for move in again.moved:
        assert move.candidate_id in text
    assert "Veranderd door de besluiten" not in _text(result._repr_html_())
    assert_dutch(text)


def test_large_shortlists_count_every_row_but_show_few() -> None:
    cands, packs = wbamatch.synthetic(300, 80, seed=5)
    lists = wbamatch.shortlist(cands, packs, k=3, near_misses=2)
    shown = MAX_ROWS
    n_entries = sum(max(len(sl.entries), 1) for sl in lists.lists)
    n_misses = sum(len(sl.near_misses) for sl in lists.lists)
    assert n_entries > shown and n_misses > shown
    text = _text(lists._repr_html_())
    assert f"... en nog {n_entries - shown}" in text
    assert f"... en nog {n_misses - shown}" in text
    assert f"({n_misses})" in text
