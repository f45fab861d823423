"""Why candidates were not placed: for each reason, how many unassigned candidates it blocked.

Example
-------
>>> import wbamatch
>>> blocking_counts(wbamatch.match(*wbamatch.demo_data()))[:2]
[('commute', 2), ('hours', 2)]
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from .._catalogue import text
from .._results import MatchResult, reason_words
from .._validation import positive_int
from ._figure import axes_for
from ._style import COUNTS_COLOUR

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["blocking_counts", "plot_blocking_reasons"]


def blocking_counts(result: MatchResult) -> list[tuple[str, int]]:
    """How many unassigned candidates each reason code blocked, most first (ties by code).

    A candidate counts once per code among the reasons stored with them (their most frequent
    ones, see :class:`~wbamatch.UnassignedCandidate`).

    Example
    -------
    >>> import wbamatch
    >>> counts = blocking_counts(wbamatch.match(*wbamatch.demo_data()))
    >>> counts[0]
    ('commute', 2)
    """
    counts = Counter(r.code for u in result.unassigned for r in u.reasons)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def plot_blocking_reasons(
    result: MatchResult, *, top: int = 15, ax: Axes | None = None, lang: str | None = None
) -> Figure:
    """Why candidates were not placed: for each reason, how many unassigned candidates it blocked.

    Reasons are in words on the axis, most frequent at the top. Besides the hard rules there are
    "fits, but scores below the minimum" and "fits, but the slots went to others".

    Parameters
    ----------
    result
        A :class:`~wbamatch.MatchResult` (also one read back from JSON).
    top
        Show at most this many reasons.
    ax
        Draw into this axes instead of a new figure.
    lang
        ``"nl"`` or ``"en"`` for the texts; default the result's ``config.lang``, else
        ``WBAMATCH_LANG``, else Dutch.

    Returns
    -------
    matplotlib.figure.Figure

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch.plots import plot_blocking_reasons
    >>> fig = plot_blocking_reasons(wbamatch.match(*wbamatch.demo_data()))
    >>> fig.axes[0].get_title()
    'Waarom 2 van 12 kandidaten niet geplaatst zijn'
    >>> plot_blocking_reasons(wbamatch.match(*wbamatch.demo_data()), lang="en").axes[0].get_title()
    'Why 2 of 12 candidates were not placed'
    """
    top = positive_int(top, "top")
    chosen = result.config.text_lang(lang)
    counts = blocking_counts(result)[:top]
    fig, ax = axes_for(ax, (8.5, max(2.5, 0.9 + 0.38 * len(counts))))
    title = text(
        "plots.blocking.title",
        chosen,
        unassigned=len(result.unassigned),
        candidates=result.n_candidates,
    )
    ax.set_title(title)
    if not counts:
        ax.text(0.5, 0.5, text("plots.blocking.everyone", chosen), ha="center", va="center")
        ax.set_axis_off()
        return fig
    labels = [reason_words(code, chosen) for code, _ in counts]
    values = [n for _, n in counts]
    y = np.arange(len(counts))
    bars = ax.barh(y, values, color=COUNTS_COLOUR)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.bar_label(bars, padding=3)
    ax.set_xlabel(text("plots.blocking.xlabel", chosen))
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(values) * 1.15)
    return fig
