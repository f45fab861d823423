"""Commutes: a histogram of the one-way minutes of the pairs that fit, or of the placements.

Example
-------
>>> import wbamatch
>>> fig = plot_commute_times(*wbamatch.demo_data(), bins=5, lang="en")
>>> fig.axes[0].get_xlabel()
'one-way travel time (minutes)'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from .._catalogue import Lang, Number, text
from .._compatibility import collect_edges, pair_minutes
from .._config import MatchConfig
from .._exceptions import UnknownIdError
from .._models import Candidate, TaskPackage
from .._pipeline import Problem, TravelMinutes, prepare
from .._results import MatchResult
from .._validation import positive_int
from ._figure import axes_for, number_ticks
from ._style import COUNTS_COLOUR, TARGET_COLOUR

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_commute_times"]


def plot_commute_times(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    result: MatchResult | None = None,
    bins: int = 20,
    travel_minutes: TravelMinutes = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Figure:
    """Histogram of one-way commute minutes of the pairs that fit, or of the placements.

    Remote packages (nobody travels) and pairs with an unknown commute are left out and counted
    in the legend. The dashed line is the median; the dotted one the default limit for
    candidates who gave none (``config.default_max_commute_minutes``).

    Parameters
    ----------
    candidates, packages, config, travel_minutes
        As for :func:`wbamatch.compatibility`; the same data ``result`` came from.
    result
        When given, the commutes of its placements; otherwise of every pair no hard rule
        forbids.
    bins
        Number of bars.
    ax
        Draw into this axes instead of a new figure.
    lang
        ``"nl"`` or ``"en"`` for the texts; default the config's ``lang``, else
        ``WBAMATCH_LANG``, else Dutch.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    UnknownIdError
        ``result`` places a candidate or package that is not in the data.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch.plots import plot_commute_times
    >>> fig = plot_commute_times(*wbamatch.demo_data())
    >>> fig.axes[0].get_title()
    'Reistijd van de 13 paren die passen'
    >>> plot_commute_times(*wbamatch.demo_data(), lang="en").axes[0].get_title()
    'Commute of the 13 pairs that fit'
    """
    bins = positive_int(bins, "bins")
    problem = prepare(candidates, packages, config, travel_minutes)
    chosen = problem.config.text_lang(lang)
    rows, cols, kind = _pairs(problem, result)
    remote = problem.pkg.remote[cols]
    minutes = pair_minutes(
        problem.minutes_for,
        rows[~remote],
        cols[~remote],
        len(problem.pkg),
        problem.limits.pairs_per_block,
    )
    known = minutes[np.isfinite(minutes)]

    fig, ax = axes_for(ax, (7.0, 4.0))
    ax.set_title(text(f"plots.commute.title.{kind}", chosen, n=int(rows.size)))
    ax.set_xlabel(text("plots.commute.xlabel", chosen))
    ax.set_ylabel(text(f"plots.commute.ylabel.{kind}", chosen))
    left_out = {"remote": int(remote.sum()), "unknown": int(minutes.size - known.size)}
    ax.hist(known, bins=bins, color=COUNTS_COLOUR, label=_counted(known.size, left_out, chosen))
    _lines(ax, known, problem.config.default_max_commute_minutes, chosen)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    number_ticks(ax.xaxis, chosen)
    ax.legend(fontsize="small", frameon=False)
    return fig


def _pairs(
    problem: Problem, result: MatchResult | None
) -> tuple[NDArray[np.intp], NDArray[np.intp], str]:
    """Rows and columns of the pairs to show, and what they are (``pairs`` or ``placements``).

    Without a result every pair no hard rule forbids; with one, its placements.

    Raises
    ------
    UnknownIdError
        ``result`` places a candidate or package that is not in the data.
    """
    cand, pkg = problem.cand, problem.pkg
    if result is None:
        edges = collect_edges(
            cand,
            pkg,
            problem.minutes_for,
            problem.config,
            workers=problem.workers,
            limits=problem.limits,
        )
        return edges.rows[edges.feasible], edges.cols[edges.feasible], "pairs"
    c_pos = {rid: k for k, rid in enumerate(cand.ids)}
    p_pos = {rid: k for k, rid in enumerate(pkg.ids)}
    for a in result.assignments:
        if a.candidate_id not in c_pos or a.package_id not in p_pos:
            raise UnknownIdError(
                f"placement {a.candidate_id!r} -> {a.package_id!r} is not in this data; "
                "pass the candidates and packages the result came from"
            )
    rows = np.array([c_pos[a.candidate_id] for a in result.assignments], dtype=np.intp)
    cols = np.array([p_pos[a.package_id] for a in result.assignments], dtype=np.intp)
    return rows, cols, "placements"


def _counted(n: int, left_out: Mapping[str, int], lang: Lang) -> str:
    """The legend of the bars: how many commutes are counted, and which were left out.

    Example
    -------
    >>> _counted(11, {"remote": 2, "unknown": 0}, "en")
    '11 commuting (2 remote not shown)'
    """
    label = text("plots.commute.counted", lang, n=n)
    extra = ", ".join(text(f"plots.commute.{why}", lang, n=k) for why, k in left_out.items() if k)
    if extra:
        label = text("plots.commute.left_out", lang, counted=label, extra=extra)
    return label


def _lines(ax: Axes, known: NDArray[np.float64], limit: float | None, lang: Lang) -> None:
    """The median of the known commutes (dashed), and the default limit (dotted) if there is one."""
    if known.size:
        median = float(np.median(known))
        words = text("plots.commute.median", lang, minutes=Number(median, 0))
        ax.axvline(median, color="#333333", linestyle="--", label=words)
    if limit is not None:
        ax.axvline(
            limit,
            color=TARGET_COLOUR,
            linestyle=":",
            label=text("plots.commute.limit", lang, minutes=Number(limit)),
        )
