"""The score heatmap: candidates (rows) against packages (columns), forbidden pairs crossed.

Example
-------
>>> import wbamatch
>>> plot_score_heatmap(*wbamatch.demo_data(), max_rows=2, max_cols=2).axes[0].get_ylabel()
'kandidaat'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from .._catalogue import Lang, text
from .._compatibility import build_compatibility, check_dense
from .._config import MatchConfig
from .._models import Candidate, TaskPackage
from .._pipeline import Problem, TravelMinutes, prepare
from .._validation import positive_int
from ._args import picked
from ._figure import axes_for, number_ticks
from ._style import FORBIDDEN_COLOUR

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap
    from matplotlib.figure import Figure

__all__ = ["plot_score_heatmap"]


def plot_score_heatmap(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    config: MatchConfig | Mapping[str, Any] | None = None,
    max_rows: int = 30,
    max_cols: int = 30,
    *,
    candidate_ids: Iterable[str] | None = None,
    package_ids: Iterable[str] | None = None,
    travel_minutes: TravelMinutes = None,
    ax: Axes | None = None,
    lang: str | None = None,
) -> Figure:
    """Heatmap of the scores of candidates (rows) against packages (columns).

    Pairs that a hard rule forbids are grey with a cross, whatever they would have scored;
    the colour of the others is their score, 0 to 1. Rows and columns are in id order.

    Parameters
    ----------
    candidates, packages, config, travel_minutes
        As for :func:`wbamatch.compatibility`.
    max_rows, max_cols
        Show the first this many candidates and packages (by id) ...
    candidate_ids, package_ids
        ... or exactly these.
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
        An id in ``candidate_ids`` or ``package_ids`` is not in the data.
    InputError
        ``max_rows`` or ``max_cols`` is not a whole number >= 1, or as for
        :func:`wbamatch.compatibility`.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch.plots import plot_score_heatmap
    >>> fig = plot_score_heatmap(*wbamatch.demo_data(), max_rows=5, max_cols=4)
    >>> fig.axes[0].get_title()
    'Scores: 5 van 12 kandidaten, 4 van 8 taakpakketten'
    >>> plot_score_heatmap(*wbamatch.demo_data(), lang="en").axes[0].get_ylabel()
    'candidate'
    """
    max_rows = positive_int(max_rows, "max_rows")
    max_cols = positive_int(max_cols, "max_cols")
    problem = prepare(candidates, packages, config, travel_minutes)
    chosen = problem.config.text_lang(lang)
    cand, pkg = problem.cand, problem.pkg
    rows = picked(cand.ids, candidate_ids, max_rows, "candidate")
    cols = picked(pkg.ids, package_ids, max_cols, "package")
    feasible, scores = _scores(problem, rows, cols)
    cmap = _score_colours()
    n, m = feasible.shape
    fig, ax = axes_for(ax, (max(5.0, 1.0 + 0.32 * m), max(3.5, 1.5 + 0.26 * n)))
    title = text(
        "plots.heatmap.title",
        chosen,
        candidates=n,
        all_candidates=len(cand),
        packages=m,
        all_packages=len(pkg),
    )
    ids = ([pkg.ids[j] for j in cols.tolist()], [cand.ids[i] for i in rows.tolist()])
    _draw(fig, ax, (feasible, scores), cmap, ids, title, chosen)
    return fig


def _scores(
    problem: Problem, rows: NDArray[np.intp], cols: NDArray[np.intp]
) -> tuple[NDArray[np.bool_], NDArray[np.float64]]:
    """Feasibility and scores of the chosen candidates (rows) against the chosen packages."""
    # Only the chosen candidate rows are evaluated (against all packages, then cut).
    check_dense(rows.size, len(problem.pkg), problem.config, "plot_score_heatmap()")
    comp = build_compatibility(
        problem.cand.take(rows), problem.pkg, problem.minutes_for(rows), problem.config
    )
    return comp.feasible[:, cols], comp.scores[:, cols]


def _score_colours() -> Colormap:
    """Scores from viridis; a masked (forbidden) pair in :data:`FORBIDDEN_COLOUR`."""
    import matplotlib

    return matplotlib.colormaps["viridis"].with_extremes(bad=FORBIDDEN_COLOUR)


def _draw(
    fig: Figure,
    ax: Axes,
    pairs: tuple[NDArray[np.bool_], NDArray[np.float64]],
    cmap: Colormap,
    ids: tuple[list[str], list[str]],
    title: str,
    lang: Lang,
) -> None:
    """The scores as an image, forbidden pairs grey and crossed, ids by the axes, a colour bar.

    ``pairs`` are the feasibility and the scores; ``ids`` the package ids (columns) and the
    candidate ids (rows).
    """
    feasible, scores = pairs
    image = ax.imshow(
        np.ma.masked_array(scores, mask=~feasible),
        cmap=cmap,
        vmin=0.0,
        vmax=1.0,
        aspect="auto",
        interpolation="nearest",
    )
    bad_r, bad_c = np.nonzero(~feasible)
    forbidden = text("plots.heatmap.forbidden", lang)
    ax.scatter(bad_c, bad_r, marker="x", s=18, linewidths=0.8, color="#7a7a7a", label=forbidden)
    columns, rows = ids
    ax.set_xticks(np.arange(len(columns)), columns, rotation=90)
    ax.set_yticks(np.arange(len(rows)), rows)
    ax.set_xlabel(text("plots.heatmap.xlabel", lang))
    ax.set_ylabel(text("plots.heatmap.ylabel", lang))
    ax.set_title(title)
    bar = fig.colorbar(image, ax=ax, label=text("plots.heatmap.colourbar", lang), shrink=0.8)
    number_ticks(bar.ax.yaxis, lang)
