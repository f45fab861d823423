"""Banen against a target: the Banenafspraak count of the placements per track and employer.

Example
-------
>>> import wbamatch
>>> fig = plot_banen(wbamatch.match(*wbamatch.demo_data()), by="employer", lang="en")
>>> fig.axes[0].get_title()
'Banen per employer'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

import numpy as np

from .._catalogue import Lang, Number, Percent, text
from .._exceptions import InputError
from .._results import MatchResult
from .._validation import positive_int
from .._vocabulary import HOURS_PER_JOB, Track
from ._figure import new_figure, number_ticks, root_figure
from ._style import COUNTS_COLOUR, NOT_COUNTING_COLOUR, TARGET_COLOUR

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_banen"]

#: Bar keys (as ``target`` names them) that are not employers.
_TRACKS: Final[frozenset[str]] = frozenset(t.value for t in Track)
_OTHER_EMPLOYERS: Final[str] = "other employers"


class _Panel(NamedTuple):
    """One panel of bars: their keys, the banen that count and those that do not, a title."""

    names: list[str]
    counting: list[float]
    other: list[float]
    title: str


def plot_banen(
    result: MatchResult,
    target: float | Mapping[str, float] | None = None,
    *,
    by: Literal["both", "track", "employer"] = "both",
    max_employers: int = 15,
    ax: Axes | Sequence[Axes] | None = None,
    lang: str | None = None,
) -> Figure:
    """Banenafspraak count of the placements per track and per employer, against a target.

    One *baan* is 25.5 hours a week; only placements that count (registered candidate, counting
    contract) add banen. Placements that do not count are stacked on top in a lighter colour,
    as the banen they would add, so it shows what registering someone would bring.

    Parameters
    ----------
    result
        A :class:`~wbamatch.MatchResult`.
    target
        A number: the target for the total, drawn on the ``total`` bar of the track panel. A
        mapping: targets per bar, keyed by ``"total"``, a track (``"individual"``, ...) or an
        employer name.
    by
        ``"both"`` (two panels), ``"track"`` or ``"employer"``.
    max_employers
        Employers shown, most placed (in banen) first; the rest are added up as
        ``"other employers"``.
    ax
        One axes (``by="track"`` or ``"employer"``) or two (``by="both"``) to draw into.
    lang
        ``"nl"`` or ``"en"`` for the texts; default the result's ``config.lang``, else
        ``WBAMATCH_LANG``, else Dutch. The bars are named in that language (``totaal``,
        ``individueel``, ...); ``target`` keeps the keys above.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    InputError
        A target is negative or names no bar, or ``ax`` does not match ``by``.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch.plots import plot_banen
    >>> fig = plot_banen(wbamatch.match(*wbamatch.demo_data()), target=8)
    >>> fig.axes[0].get_title()
    'Banen per spoor: 5,76 van doel 8 (72%)'
    >>> plot_banen(wbamatch.match(*wbamatch.demo_data()), 8, lang="en").axes[0].get_title()
    'Banen per track: 5.76 of target 8 (72%)'
    """
    if by not in ("both", "track", "employer"):
        raise InputError(f"by must be 'both', 'track' or 'employer', got {by!r}")
    max_employers = positive_int(max_employers, "max_employers")
    chosen = result.config.text_lang(lang)
    targets = _targets(target)
    panels: list[_Panel] = []
    if by in ("both", "track"):
        panels.append(_track_panel(result, targets, chosen))
    if by in ("both", "employer"):
        panels.append(_employer_panel(result, max_employers, chosen))
    _check_bars(targets, panels)
    fig, axes = _panel_axes(ax, panels, by)
    for axis, panel in zip(axes, panels, strict=True):
        _draw_banen(axis, panel, targets, chosen)
    return fig


def _targets(target: float | Mapping[str, float] | None) -> dict[str, float]:
    """The targets per bar key: a number is the target for the total.

    Example
    -------
    >>> _targets(8), _targets({"individual": 2}), _targets(None)
    ({'total': 8.0}, {'individual': 2.0}, {})
    """
    targets: dict[str, float] = {}
    if isinstance(target, Mapping):
        targets = {str(k): float(v) for k, v in target.items()}
    elif target is not None:
        targets = {"total": float(target)}
    for name, value in targets.items():
        if not value >= 0:
            raise InputError(f"target for {name!r} must be a number >= 0")
    return targets


def _check_bars(targets: Mapping[str, float], panels: Sequence[_Panel]) -> None:
    """Refuse a target that names no bar of the panels (a typo would silently show nothing)."""
    bars = {name for panel in panels for name in panel.names}
    unknown = sorted(set(targets) - bars)
    if unknown:
        raise InputError(
            f"target names no bar: {', '.join(map(repr, unknown))}; use 'total', a track or an "
            "employer that has a placement"
        )


def _banen_by(
    result: MatchResult, key: Literal["track", "employer"]
) -> tuple[dict[str, float], dict[str, float]]:
    """Banen that count, and the banen-equivalent of placements that do not, per key."""
    counting: dict[str, float] = {}
    other: dict[str, float] = {}
    if key == "track":
        counting = {t.value: 0.0 for t in Track if t is not Track.SCHAKELPLEK}
        other = dict(counting)
    for a in result.assignments:
        if a.track == Track.SCHAKELPLEK:  # a switch place is never counted as banen
            continue
        name = a.track if key == "track" else a.employer
        counting[name] = counting.get(name, 0.0) + a.banen
        other[name] = other.get(name, 0.0) + (0.0 if a.counts else a.hours / HOURS_PER_JOB)
    return counting, other


def _track_panel(result: MatchResult, targets: Mapping[str, float], lang: Lang) -> _Panel:
    """The total and each track, the title with the share of the total's target if there is one."""
    counting, other = _banen_by(result, "track")
    names = ["total", *counting]
    total_other = sum(other.values())
    banen = Number(result.banen, 2)
    title = text("plots.banen.by_track", lang, banen=banen)
    if "total" in targets:
        goal = targets["total"]
        if goal:
            share = Percent(result.banen / goal)
            title = text(
                "plots.banen.by_track.share",
                lang,
                banen=banen,
                target=Number(goal, 2),
                share=share,
            )
        else:
            title = text("plots.banen.by_track.target", lang, banen=banen, target=Number(goal, 2))
    return _Panel(names, [result.banen, *counting.values()], [total_other, *other.values()], title)


def _employer_panel(result: MatchResult, max_employers: int, lang: Lang) -> _Panel:
    """The employers that placed most (in banen), the rest added up as one bar."""
    counting, other = _banen_by(result, "employer")
    order = sorted(counting, key=lambda e: (-(counting[e] + other[e]), e))
    shown, rest = order[:max_employers], order[max_employers:]
    c_values = [counting[e] for e in shown]
    o_values = [other[e] for e in shown]
    if rest:
        shown = [*shown, _OTHER_EMPLOYERS]
        c_values.append(sum(counting[e] for e in rest))
        o_values.append(sum(other[e] for e in rest))
    return _Panel(shown, c_values, o_values, text("plots.banen.by_employer", lang))


def _panel_axes(
    ax: Axes | Sequence[Axes] | None, panels: Sequence[_Panel], by: str
) -> tuple[Figure, list[Axes]]:
    """One axes per panel: the caller's, or side by side in a new figure sized to the bars."""
    if ax is None:
        fig = new_figure((6.5 * len(panels), max(4.0, 1.2 + 0.3 * len(panels[-1].names))))
        return fig, [fig.add_subplot(1, len(panels), k + 1) for k in range(len(panels))]
    axes = list(ax) if isinstance(ax, Sequence) else [ax]
    if len(axes) != len(panels):
        raise InputError(f"by={by!r} draws {len(panels)} panels; pass that many axes as ax")
    return root_figure(axes[0]), axes


def _bar_name(name: str, lang: Lang) -> str:
    """The words by a bar: ``totaal``, a track, ``overige werkgevers``, or the employer's name."""
    if name == "total":
        return text("plots.banen.total", lang)
    if name == _OTHER_EMPLOYERS:
        return text("plots.banen.other_employers", lang)
    if name in _TRACKS:
        return text(f"plots.banen.track.{name}", lang)
    return name


def _draw_banen(ax: Axes, panel: _Panel, targets: Mapping[str, float], lang: Lang) -> None:
    """One panel: the banen that count, those that would stacked on top, and the targets."""
    names = panel.names
    # Employer names are long: a panel that is not about tracks lays its bars on their side.
    horizontal = names[:1] != ["total"]
    pos = np.arange(len(names))
    draw = ax.barh if horizontal else ax.bar
    draw(pos, panel.counting, 0.8, color=COUNTS_COLOUR, label=text("plots.banen.counting", lang))
    if any(panel.other):
        label = text("plots.banen.not_counting", lang)
        draw(pos, panel.other, 0.8, panel.counting, color=NOT_COUNTING_COLOUR, label=label)
    line = ax.vlines if horizontal else ax.hlines
    for k, name in enumerate(names):
        if name in targets:
            line(targets[name], k - 0.45, k + 0.45, colors=TARGET_COLOUR, linewidth=2.5)
    if any(name in targets for name in names):
        target = text("plots.banen.target", lang)
        ax.plot([], [], color=TARGET_COLOUR, linewidth=2.5, label=target)
    axis_label = text("plots.banen.axis", lang, hours=Number(HOURS_PER_JOB))
    labels = [_bar_name(name, lang) for name in names]
    if horizontal:
        ax.set_yticks(pos, labels)
        ax.invert_yaxis()
        ax.set_xlabel(axis_label)
        number_ticks(ax.xaxis, lang)
    else:
        ax.set_xticks(pos, labels)
        ax.set_ylabel(axis_label)
        number_ticks(ax.yaxis, lang)
    ax.set_title(panel.title)
    ax.legend(fontsize="small", frameon=False)
