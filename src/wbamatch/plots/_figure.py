"""Figures without pyplot state: made here, shown in a notebook, their numbers in the language.

matplotlib is imported only when a figure is made (``pip install 'wbamatch[notebook]'``).

Example
-------
>>> fig, ax = axes_for(None, (4.0, 3.0))
>>> root_figure(ax) is fig
True
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from .._catalogue import Lang, Number, format_value

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["axes_for", "new_figure", "number_ticks", "root_figure"]


def new_figure(figsize: tuple[float, float]) -> Figure:
    """A figure of its own (constrained layout), which a Jupyter kernel shows as its output.

    Raises
    ------
    ImportError
        matplotlib is not installed; the message says how to install it.
    """
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:  # pragma: no cover - matplotlib is in the notebook extra
        raise ImportError(
            "plots need matplotlib; install it with pip install 'wbamatch[notebook]'"
        ) from exc
    _show_in_notebook()
    return Figure(figsize=figsize, layout="constrained")


def _show_in_notebook() -> None:
    """Let a Jupyter kernel display returned figures (as ``%matplotlib inline`` would)."""
    ipython = sys.modules.get("IPython")
    get = getattr(ipython, "get_ipython", None)
    shell = get() if callable(get) else None
    if getattr(shell, "kernel", None) is None:
        return
    try:
        from IPython.core.pylabtools import select_figure_formats
        from matplotlib.figure import Figure

        png = shell.display_formatter.formatters["image/png"]  # type: ignore[union-attr]
        try:
            png.lookup_by_type(Figure)  # already set up (e.g. %matplotlib inline): keep it
        except KeyError:
            select_figure_formats(shell, {"png"}, bbox_inches="tight")  # type: ignore[no-untyped-call]
    except (ImportError, AttributeError, KeyError):  # another IPython: the figure still works
        return


def axes_for(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    """The caller's axes and its figure, or a new figure of ``figsize`` with one axes."""
    if ax is None:
        fig = new_figure(figsize)
        return fig, fig.add_subplot()
    return root_figure(ax), ax


def root_figure(ax: Axes) -> Figure:
    """The top-level figure of ``ax`` (the one to return), also when it sits in a subfigure."""
    # ax.figure can be a SubFigure; its .figure is the top-level Figure (a Figure's is itself).
    root: Figure = ax.figure.figure
    return root


def number_ticks(axis: Any, lang: Lang) -> None:
    """Tick labels of a numeric axis written the language's way (``0,5`` in Dutch).

    Example
    -------
    >>> fig, ax = axes_for(None, (4.0, 3.0))
    >>> number_ticks(ax.xaxis, "nl")
    >>> ax.xaxis.get_major_formatter()(0.5, 0)
    '0,5'
    """
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda x, _: format_value(Number(x, 2), lang)))
