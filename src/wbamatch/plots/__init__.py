"""Plots for recruiters: scores, why people were not placed, banen against a target, commutes.

Each function draws with matplotlib and returns the :class:`matplotlib.figure.Figure`. It builds
the figure itself (no pyplot state), so it works headless, in scripts and in tests; pass ``ax``
to draw into an axes of your own figure instead. matplotlib is imported only when a function
is called (``pip install 'wbamatch[notebook]'``). In a Jupyter kernel the returned figure shows
as the cell's output: the first plot registers matplotlib's PNG display for figures, which is
what ``%matplotlib inline`` would do.

The plots show ids, scores, reason codes in words and counts, never a candidate's capacities
or needs.

Every title, axis label, legend entry and the names by the bars come from the catalogue
(``data/catalogue/<lang>/plots.json``) in ``lang``: Dutch by default (``lang``, else the
``lang`` of the config or of the result's config, else ``WBAMATCH_LANG``, else Dutch), English
with ``lang="en"``. Reasons are shown in words, never as codes; numbers
on the axes are written the language's way (``0,5`` in Dutch).

Modules
-------
``_heatmap``, ``_blocking``, ``_banen``, ``_commutes``
    One plot each.
``_figure``, ``_style``, ``_args``
    What they share: figures and their numbers, colours, and the checks of common arguments.
"""

from __future__ import annotations

from ._banen import plot_banen
from ._blocking import blocking_counts, plot_blocking_reasons
from ._commutes import plot_commute_times
from ._heatmap import plot_score_heatmap

# Not in __all__ (it was not before), but importable as wbamatch.plots.FORBIDDEN_COLOUR.
from ._style import FORBIDDEN_COLOUR as FORBIDDEN_COLOUR

__all__ = [
    "blocking_counts",
    "plot_banen",
    "plot_blocking_reasons",
    "plot_commute_times",
    "plot_score_heatmap",
]
