"""Plots: what each figure shows (bars, labels, titles, masked cells), drawn headless with Agg.

The figures' words are Dutch by default; the tests that read English words ask for
``lang="en"``, and every Dutch figure is checked with :func:`dutch.assert_dutch`.
"""

from __future__ import annotations

import io
import subprocess
import sys
from typing import Any

import matplotlib
import numpy as np
import pytest
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

import wbamatch
from dutch import assert_dutch
from factories import cand_dict, pkg_dict
from wbamatch._results import reason_words
from wbamatch.plots import (
    blocking_counts,
    plot_banen,
    plot_blocking_reasons,
    plot_commute_times,
    plot_score_heatmap,
)

# The plots never touch pyplot, so any backend would do; Agg makes "headless" explicit.
matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _no_language_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WBAMATCH_LANG", raising=False)


@pytest.fixture(scope="module")
def demo() -> tuple[list[Any], list[Any]]:
    return wbamatch.demo_data()


@pytest.fixture(scope="module")
def result(demo: tuple[list[Any], list[Any]]) -> wbamatch.MatchResult:
    return wbamatch.match(*demo)


def _renders(fig: Figure) -> None:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")


def _bars(ax: Any) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _labels(ticks: Any) -> list[str]:
    return [t.get_text() for t in ticks]


def _legend(ax: Axes) -> list[Text]:
    legend = ax.get_legend()
    assert legend is not None
    return list(legend.get_texts())


def figure_texts(fig: Figure) -> list[str]:
    """Every text people can read in a figure: titles, axis labels, ticks, legends, notes,
    and the labels of what is drawn (they go into a legend)."""
    fig.draw_without_rendering()  # lays out the ticks
    hidden = {  # the ticks of an axes drawn without axes (a note instead of a plot)
        id(t)
        for ax in fig.axes
        if not ax.axison
        for t in [*ax.get_xticklabels(), *ax.get_yticklabels()]
    }
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_visible() and id(t) not in hidden]
    labels = [
        label
        for a in fig.findobj(Artist)
        if not isinstance(a, Axes | Figure)
        and isinstance(label := a.get_label(), str)
        and not label.startswith("_")
    ]
    return [t for t in texts + labels if t.strip()]


def assert_dutch_figure(fig: Figure) -> None:
    texts = figure_texts(fig)
    assert texts
    for words in texts:
        assert_dutch(words)
    assert not any("." in t and t.replace(".", "").replace("-", "").isdigit() for t in texts), (
        "a number written with a decimal point"
    )


# --- heatmap ----------------------------------------------------------------------------------
def test_heatmap_shows_scores_and_masks_forbidden_pairs(demo: Any) -> None:
    cands, packs = demo
    fig = plot_score_heatmap(cands, packs, max_rows=6, max_cols=5, lang="en")
    ax = fig.axes[0]
    comp = wbamatch.compatibility(cands, packs)
    data = ax.images[0].get_array()
    assert data.shape == (6, 5)
    expected_scores = comp.scores[:6, :5]
    forbidden = ~comp.feasible[:6, :5]
    assert np.array_equal(np.ma.getmaskarray(data), forbidden)
    assert np.allclose(data.filled(-1)[~forbidden], expected_scores[~forbidden])
    # Every forbidden cell also carries a cross, at (column, row).
    crosses = {tuple(xy) for xy in ax.collections[0].get_offsets().tolist()}
    assert crosses == {(float(j), float(i)) for i, j in zip(*np.nonzero(forbidden), strict=True)}
    assert _labels(ax.get_yticklabels()) == list(comp.candidate_ids[:6])
    assert _labels(ax.get_xticklabels()) == list(comp.package_ids[:5])
    assert ax.get_title() == "Scores: 6 of 12 candidates, 5 of 8 packages"
    assert len(fig.axes) == 2  # the heatmap and its colour bar
    _renders(fig)


def test_heatmap_of_chosen_ids_is_in_id_order(demo: Any) -> None:
    fig = plot_score_heatmap(*demo, candidate_ids=["c-010", "c-002"], package_ids=["p-005"])
    ax = fig.axes[0]
    assert _labels(ax.get_yticklabels()) == ["c-002", "c-010"]
    assert _labels(ax.get_xticklabels()) == ["p-005"]
    assert ax.images[0].get_array().shape == (2, 1)


def test_heatmap_does_not_depend_on_input_order(demo: Any) -> None:
    cands, packs = demo
    a = plot_score_heatmap(cands, packs).axes[0].images[0].get_array()
    b = plot_score_heatmap(cands[::-1], packs[::-1]).axes[0].images[0].get_array()
    assert np.array_equal(np.ma.getmaskarray(a), np.ma.getmaskarray(b))
    assert np.allclose(a.filled(-1), b.filled(-1))


def test_heatmap_rejects_unknown_ids_and_bad_sizes(demo: Any) -> None:
    with pytest.raises(wbamatch.UnknownIdError, match="c-999"):
        plot_score_heatmap(*demo, candidate_ids=["c-999"])
    with pytest.raises(wbamatch.InputError, match="max_rows"):
        plot_score_heatmap(*demo, max_rows=0)


def test_heatmap_draws_into_a_given_axes(demo: Any) -> None:
    fig = Figure()
    ax = fig.add_subplot(1, 2, 2)
    assert plot_score_heatmap(*demo, max_rows=3, max_cols=3, ax=ax) is fig
    assert ax.images


# --- blocking reasons -------------------------------------------------------------------------
def test_blocking_reasons_has_one_bar_per_reason_in_words(result: wbamatch.MatchResult) -> None:
    counts = blocking_counts(result)
    codes = {r.code for u in result.unassigned for r in u.reasons}
    assert {code for code, _ in counts} == codes
    fig = plot_blocking_reasons(result, lang="en")
    ax = fig.axes[0]
    bars = _bars(ax)
    assert len(bars) == len(codes)
    assert [b.get_width() for b in bars] == [n for _, n in counts]
    assert _labels(ax.get_yticklabels()) == [reason_words(code, "en") for code, _ in counts]
    assert ax.get_title() == (
        f"Why {len(result.unassigned)} of {result.n_candidates} candidates were not placed"
    )
    _renders(fig)


def test_blocking_counts_count_candidates_most_first() -> None:
    cands = [cand_dict("c-1"), cand_dict("c-2", hours={"min": 36, "max": 40})]
    packs = [pkg_dict("p-1", slots=1)]
    result = wbamatch.match([*cands, cand_dict("c-3")], packs)
    counts = dict(blocking_counts(result))
    assert counts["hours"] == 1  # c-2
    assert counts["outcompeted"] == 1  # c-1 or c-3 lost the one slot
    values = [n for _, n in blocking_counts(result)]
    assert values == sorted(values, reverse=True)


def test_blocking_reasons_when_everyone_is_placed() -> None:
    result = wbamatch.match([cand_dict("c-1")], [pkg_dict("p-1")])
    fig = plot_blocking_reasons(result, lang="en")
    ax = fig.axes[0]
    assert not _bars(ax)
    assert [t.get_text() for t in ax.texts] == ["Everyone was placed."]
    dutch = plot_blocking_reasons(result)
    assert [t.get_text() for t in dutch.axes[0].texts] == ["Iedereen is geplaatst."]
    assert_dutch_figure(dutch)
    _renders(fig)


def test_blocking_reasons_shows_at_most_top(result: wbamatch.MatchResult) -> None:
    assert len(_bars(plot_blocking_reasons(result, top=2).axes[0])) == 2


# --- banen ------------------------------------------------------------------------------------
def test_banen_per_track_and_employer_add_up(result: wbamatch.MatchResult) -> None:
    fig = plot_banen(result, target=8, lang="en")
    track_ax, employer_ax = fig.axes
    names = _labels(track_ax.get_xticklabels())
    assert names == ["total", "individual", "collective", "maatwerk", "regional"]
    counting = [b.get_height() for b in _bars(track_ax)[: len(names)]]
    assert counting[0] == pytest.approx(result.banen)
    assert sum(counting[1:]) == pytest.approx(result.banen)
    per_track = {t: sum(a.banen for a in result.assignments if a.track == t) for t in names[1:]}
    assert counting[1:] == pytest.approx([per_track[t] for t in names[1:]])
    # Target: one red segment at height 8 over the total bar; the title says how far along.
    lines = [c for c in track_ax.collections if isinstance(c, LineCollection)]
    assert len(lines) == 1
    (segment,) = lines[0].get_segments()
    assert segment[:, 1].tolist() == [8.0, 8.0]
    assert segment[:, 0].min() < 0 < segment[:, 0].max()
    assert track_ax.get_title() == f"Banen per track: {result.banen:.2f} of target 8 (72%)"
    employers = _labels(employer_ax.get_yticklabels())
    assert set(employers) == {a.employer for a in result.assignments}
    assert employer_ax.get_title() == "Banen per employer"
    _renders(fig)


def test_banen_stacks_what_does_not_count(result: wbamatch.MatchResult) -> None:
    ax = plot_banen(result, by="track").axes[0]
    bars = _bars(ax)
    assert len(bars) == 10  # five counting bars, five stacked on top
    not_counting = sum(a.hours / wbamatch.HOURS_PER_JOB for a in result.assignments if not a.counts)
    assert bars[5].get_height() == pytest.approx(not_counting)
    assert bars[5].get_y() == pytest.approx(result.banen)


def test_banen_targets_per_bar_and_other_employers(result: wbamatch.MatchResult) -> None:
    fig = plot_banen(result, {"maatwerk": 3, "Rijkswaterstaat": 1}, max_employers=2, lang="en")
    track_ax, employer_ax = fig.axes
    (track_line,) = [c for c in track_ax.collections if isinstance(c, LineCollection)]
    assert track_line.get_segments()[0][:, 1].tolist() == [3.0, 3.0]
    employers = _labels(employer_ax.get_yticklabels())
    assert len(employers) == 3 and employers[-1] == "other employers"
    counting = [b.get_width() for b in _bars(employer_ax)[:3]]
    assert sum(counting) == pytest.approx(result.banen)


def test_banen_refuses_a_target_that_names_no_bar(result: wbamatch.MatchResult) -> None:
    with pytest.raises(wbamatch.InputError, match="Rijkswaterstaaat"):
        plot_banen(result, {"Rijkswaterstaaat": 1})
    with pytest.raises(wbamatch.InputError, match=">= 0"):
        plot_banen(result, -1)
    with pytest.raises(wbamatch.InputError, match="2 panels"):
        plot_banen(result, ax=Figure().add_subplot())


def test_banen_by_employer_into_a_given_axes(result: wbamatch.MatchResult) -> None:
    fig = Figure()
    ax = fig.add_subplot()
    assert plot_banen(result, by="employer", ax=ax, lang="en") is fig
    assert ax.get_title() == "Banen per employer"


# --- commute ----------------------------------------------------------------------------------
def _histogram_total(ax: Any) -> int:
    return round(sum(b.get_height() for b in _bars(ax)))


def test_commute_histogram_of_feasible_pairs(demo: Any) -> None:
    cands, packs = demo
    comp = wbamatch.compatibility(cands, packs)
    remote = np.array(
        [p.work_location.value == "remote" for p in sorted(packs, key=lambda p: p.id)]
    )
    counted = comp.feasible & ~remote[None, :] & np.isfinite(comp.minutes)
    fig = plot_commute_times(cands, packs, bins=10, lang="en")
    ax = fig.axes[0]
    assert len(_bars(ax)) == 10
    assert _histogram_total(ax) == int(counted.sum())
    assert ax.get_title() == f"Commute of the {int(comp.feasible.sum())} pairs that fit"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    n_remote = int((comp.feasible & remote[None, :]).sum())
    assert legend[0] == f"{int(counted.sum())} commuting ({n_remote} remote not shown)"
    assert legend[1].startswith("median ")
    assert legend[2] == "default limit 90 min"
    _renders(fig)


def test_commute_histogram_of_placements(demo: Any, result: wbamatch.MatchResult) -> None:
    fig = plot_commute_times(*demo, result=result, lang="en")
    ax = fig.axes[0]
    remote = {p.id for p in demo[1] if p.work_location.value == "remote"}
    commuting = [a for a in result.assignments if a.package_id not in remote]
    assert _histogram_total(ax) == len(commuting)
    assert ax.get_title() == f"Commute of the {len(result.assignments)} placements"


def test_commute_histogram_refuses_a_result_of_other_data(result: wbamatch.MatchResult) -> None:
    with pytest.raises(wbamatch.UnknownIdError, match="pass the candidates and packages"):
        plot_commute_times([cand_dict("c-1")], [pkg_dict("p-1")], result=result)


def test_importing_plots_does_not_import_matplotlib() -> None:
    code = "import sys, wbamatch.plots; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- Dutch ------------------------------------------------------------------------------------
def test_every_figure_is_dutch_by_default(demo: Any, result: wbamatch.MatchResult) -> None:
    figures = [
        plot_score_heatmap(*demo),
        plot_blocking_reasons(result),
        plot_banen(result, target=8),
        plot_banen(result, {"maatwerk": 3}, max_employers=2),
        plot_commute_times(*demo),
        plot_commute_times(*demo, result=result),
    ]
    for fig in figures:
        assert_dutch_figure(fig)
        _renders(fig)


def test_dutch_words_in_the_figures(demo: Any, result: wbamatch.MatchResult) -> None:
    cands, packs = demo
    heatmap = plot_score_heatmap(cands, packs, max_rows=6, max_cols=5).axes[0]
    assert heatmap.get_title() == "Scores: 6 van 12 kandidaten, 5 van 8 taakpakketten"
    assert heatmap.get_ylabel() == "kandidaat"
    blocking = plot_blocking_reasons(result).axes[0]
    assert blocking.get_title() == (
        f"Waarom {len(result.unassigned)} van {result.n_candidates} kandidaten niet geplaatst zijn"
    )
    assert _labels(blocking.get_yticklabels()) == [
        reason_words(code, "nl") for code, _ in blocking_counts(result)
    ]
    track_ax, employer_ax = plot_banen(result, target=8).axes
    names = _labels(track_ax.get_xticklabels())
    assert names == ["totaal", "individueel", "collectief", "maatwerk", "regionaal"]
    banen = f"{result.banen:.2f}".replace(".", ",")
    assert track_ax.get_title() == f"Banen per spoor: {banen} van doel 8 (72%)"
    assert track_ax.get_ylabel() == "banen (elk 25,5 uur per week)"
    assert employer_ax.get_title() == "Banen per werkgever"
    legend = [t.get_text() for t in _legend(track_ax)]
    assert sorted(legend) == ["banen (tellen mee)", "doel", "geplaatst, telt niet mee"]
    employers = _labels(plot_banen(result, max_employers=2).axes[1].get_yticklabels())
    assert employers[-1] == "overige werkgevers"
    commute = plot_commute_times(*demo).axes[0]
    legend = [t.get_text() for t in _legend(commute)]
    assert legend[0].endswith(" thuiswerk)") and " met reistijd (niet getoond: " in legend[0]
    assert legend[1].startswith("mediaan ") and legend[2] == "standaardgrens 90 min"
    assert commute.get_xlabel() == "reistijd enkele reis (minuten)"


def test_the_language_follows_the_config_and_the_environment(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cands, packs = demo
    english = wbamatch.match(cands, packs, {"lang": "en"})
    assert plot_blocking_reasons(english).axes[0].get_title().startswith("Why ")
    assert plot_blocking_reasons(english, lang="nl").axes[0].get_title().startswith("Waarom ")
    title = plot_commute_times(cands, packs, {"lang": "en"}).axes[0].get_title()
    assert title.startswith("Commute of")
    monkeypatch.setenv("WBAMATCH_LANG", "en")
    assert plot_score_heatmap(*demo).axes[0].get_ylabel() == "candidate"
    with pytest.raises(wbamatch.InputError, match="lang"):
        plot_score_heatmap(*demo, lang="fr")


def test_english_figures_have_no_dutch_words(demo: Any, result: wbamatch.MatchResult) -> None:
    figures = [
        plot_score_heatmap(*demo, lang="en"),
        plot_blocking_reasons(result, lang="en"),
        plot_banen(result, target=8, by="track", lang="en"),  # employers are names, not words
        plot_commute_times(*demo, lang="en"),
    ]
    dutch_words = {"van", "het", "de", "een", "paren", "kandidaten", "totaal", "doel", "reistijd"}
    for fig in figures:
        for words in figure_texts(fig):
            assert not set(words.lower().split()) & dutch_words, words
