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
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
from numpy.typing import NDArray

from ._catalogue import Lang, Number, Percent, format_value, text
from ._compatibility import build_compatibility, check_dense, collect_edges
from ._config import MatchConfig
from ._exceptions import InputError, UnknownIdError
from ._models import Candidate, TaskPackage
from ._pipeline import TravelMinutes, prepare
from ._results import MatchResult, reason_words
from ._vocabulary import HOURS_PER_JOB, Track

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "blocking_counts",
    "plot_banen",
    "plot_blocking_reasons",
    "plot_commute_times",
    "plot_score_heatmap",
]

#: Colour of pairs a hard rule forbids, and of what does not count.
FORBIDDEN_COLOUR: Final[str] = "#d9d9d9"
_COUNTS: Final[str] = "#2f7d4f"
_NOT_COUNTING: Final[str] = "#b7d7c2"
_TARGET: Final[str] = "#c0392b"


def _matplotlib_figure(figsize: tuple[float, float]) -> Figure:
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


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is None:
        fig = _matplotlib_figure(figsize)
        return fig, fig.add_subplot()
    return _root(ax), ax


def _root(ax: Axes) -> Figure:
    # ax.figure can be a SubFigure; its .figure is the top-level Figure (a Figure's is itself).
    root: Figure = ax.figure.figure
    return root


def _numbers(axis: Any, lang: Lang) -> None:
    """Tick labels of a numeric axis written the language's way (``0,5`` in Dutch)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda x, _: format_value(Number(x, 2), lang)))


def _positive(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise InputError(f"{name} must be a whole number >= 1, got {value!r}")
    return int(value)


def _pick(ids: tuple[str, ...], wanted: Iterable[str] | None, limit: int, kind: str) -> Any:
    """Indices (in id order) of the wanted ids, or of the first ``limit`` ids."""
    if wanted is None:
        return np.arange(min(len(ids), limit))
    pos = {rid: k for k, rid in enumerate(ids)}
    chosen = []
    for rid in wanted:
        if rid not in pos:
            raise UnknownIdError(f"no {kind} with id {rid!r}; check the id or pass that {kind} in")
        chosen.append(pos[rid])
    if not chosen:
        raise InputError(f"{kind}_ids is empty; pass at least one id or None for the first ones")
    return np.unique(np.array(chosen, dtype=np.intp))


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
    max_rows = _positive(max_rows, "max_rows")
    max_cols = _positive(max_cols, "max_cols")
    problem = prepare(candidates, packages, config, travel_minutes)
    chosen = problem.config.text_lang(lang)
    cand, pkg = problem.cand, problem.pkg
    rows = _pick(cand.ids, candidate_ids, max_rows, "candidate")
    cols = _pick(pkg.ids, package_ids, max_cols, "package")
    # Only the chosen candidate rows are evaluated (against all packages, then cut).
    check_dense(rows.size, len(pkg), problem.config, "plot_score_heatmap()")
    comp = build_compatibility(cand.take(rows), pkg, problem.minutes_for(rows), problem.config)
    feasible = comp.feasible[:, cols]
    scores = comp.scores[:, cols]

    import matplotlib

    n, m = feasible.shape
    fig, ax = _axes(ax, (max(5.0, 1.0 + 0.32 * m), max(3.5, 1.5 + 0.26 * n)))
    cmap = matplotlib.colormaps["viridis"].with_extremes(bad=FORBIDDEN_COLOUR)
    image = ax.imshow(
        np.ma.masked_array(scores, mask=~feasible),
        cmap=cmap,
        vmin=0.0,
        vmax=1.0,
        aspect="auto",
        interpolation="nearest",
    )
    bad_r, bad_c = np.nonzero(~feasible)
    forbidden = text("plots.heatmap.forbidden", chosen)
    ax.scatter(bad_c, bad_r, marker="x", s=18, linewidths=0.8, color="#7a7a7a", label=forbidden)
    ax.set_xticks(np.arange(m), [pkg.ids[j] for j in cols.tolist()], rotation=90)
    ax.set_yticks(np.arange(n), [cand.ids[i] for i in rows.tolist()])
    ax.set_xlabel(text("plots.heatmap.xlabel", chosen))
    ax.set_ylabel(text("plots.heatmap.ylabel", chosen))
    ax.set_title(
        text(
            "plots.heatmap.title",
            chosen,
            candidates=n,
            all_candidates=len(cand),
            packages=m,
            all_packages=len(pkg),
        )
    )
    bar = fig.colorbar(image, ax=ax, label=text("plots.heatmap.colourbar", chosen), shrink=0.8)
    _numbers(bar.ax.yaxis, chosen)
    return fig


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
    top = _positive(top, "top")
    chosen = result.config.text_lang(lang)
    counts = blocking_counts(result)[:top]
    fig, ax = _axes(ax, (8.5, max(2.5, 0.9 + 0.38 * len(counts))))
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
    bars = ax.barh(y, values, color=_COUNTS)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.bar_label(bars, padding=3)
    ax.set_xlabel(text("plots.blocking.xlabel", chosen))
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(values) * 1.15)
    return fig


def _banen_by(
    result: MatchResult, key: Literal["track", "employer"]
) -> tuple[dict[str, float], dict[str, float]]:
    """Banen that count, and the banen-equivalent of placements that do not, per key."""
    counting: dict[str, float] = {}
    other: dict[str, float] = {}
    if key == "track":
        counting = {t.value: 0.0 for t in Track}
        other = dict(counting)
    for a in result.assignments:
        name = a.track if key == "track" else a.employer
        counting[name] = counting.get(name, 0.0) + a.banen
        other[name] = other.get(name, 0.0) + (0.0 if a.counts else a.hours / HOURS_PER_JOB)
    return counting, other


#: Bar keys (as ``target`` names them) that are not employers.
_TRACKS: Final[frozenset[str]] = frozenset(t.value for t in Track)
_OTHER_EMPLOYERS: Final[str] = "other employers"


def _bar_name(name: str, lang: Lang) -> str:
    """The words by a bar: ``totaal``, a track, ``overige werkgevers``, or the employer's name."""
    if name == "total":
        return text("plots.banen.total", lang)
    if name == _OTHER_EMPLOYERS:
        return text("plots.banen.other_employers", lang)
    if name in _TRACKS:
        return text(f"plots.banen.track.{name}", lang)
    return name


def _draw_banen(
    ax: Axes,
    names: Sequence[str],
    counting: Sequence[float],
    other: Sequence[float],
    targets: Mapping[str, float],
    title: str,
    lang: Lang,
) -> None:
    # Employer names are long: a panel that is not about tracks lays its bars on their side.
    horizontal = names[:1] != ["total"]
    pos = np.arange(len(names))
    draw = ax.barh if horizontal else ax.bar
    draw(pos, counting, 0.8, color=_COUNTS, label=text("plots.banen.counting", lang))
    if any(other):
        label = text("plots.banen.not_counting", lang)
        draw(pos, other, 0.8, counting, color=_NOT_COUNTING, label=label)
    line = ax.vlines if horizontal else ax.hlines
    for k, name in enumerate(names):
        if name in targets:
            line(targets[name], k - 0.45, k + 0.45, colors=_TARGET, linewidth=2.5)
    if any(name in targets for name in names):
        ax.plot([], [], color=_TARGET, linewidth=2.5, label=text("plots.banen.target", lang))
    axis_label = text("plots.banen.axis", lang, hours=Number(HOURS_PER_JOB))
    labels = [_bar_name(name, lang) for name in names]
    if horizontal:
        ax.set_yticks(pos, labels)
        ax.invert_yaxis()
        ax.set_xlabel(axis_label)
        _numbers(ax.xaxis, lang)
    else:
        ax.set_xticks(pos, labels)
        ax.set_ylabel(axis_label)
        _numbers(ax.yaxis, lang)
    ax.set_title(title)
    ax.legend(fontsize="small", frameon=False)


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
    max_employers = _positive(max_employers, "max_employers")
    chosen = result.config.text_lang(lang)
    targets: dict[str, float] = {}
    if isinstance(target, Mapping):
        targets = {str(k): float(v) for k, v in target.items()}
    elif target is not None:
        targets = {"total": float(target)}
    for name, value in targets.items():
        if not value >= 0:
            raise InputError(f"target for {name!r} must be a number >= 0")

    panels: list[tuple[list[str], list[float], list[float], str]] = []
    if by in ("both", "track"):
        counting, other = _banen_by(result, "track")
        names = ["total", *counting]
        total_other = sum(other.values())
        banen = Number(result.banen, 2)
        title = text("plots.banen.by_track", chosen, banen=banen)
        if "total" in targets:
            goal = targets["total"]
            if goal:
                share = Percent(result.banen / goal)
                title = text(
                    "plots.banen.by_track.share",
                    chosen,
                    banen=banen,
                    target=Number(goal, 2),
                    share=share,
                )
            else:
                title = text(
                    "plots.banen.by_track.target", chosen, banen=banen, target=Number(goal, 2)
                )
        panels.append(
            (names, [result.banen, *counting.values()], [total_other, *other.values()], title)
        )
    if by in ("both", "employer"):
        counting, other = _banen_by(result, "employer")
        order = sorted(counting, key=lambda e: (-(counting[e] + other[e]), e))
        shown, rest = order[:max_employers], order[max_employers:]
        c_values = [counting[e] for e in shown]
        o_values = [other[e] for e in shown]
        if rest:
            shown = [*shown, _OTHER_EMPLOYERS]
            c_values.append(sum(counting[e] for e in rest))
            o_values.append(sum(other[e] for e in rest))
        panels.append((shown, c_values, o_values, text("plots.banen.by_employer", chosen)))

    bars = {name for names, *_ in panels for name in names}
    unknown = sorted(set(targets) - bars)
    if unknown:
        raise InputError(
            f"target names no bar: {', '.join(map(repr, unknown))}; use 'total', a track or an "
            "employer that has a placement"
        )

    if ax is None:
        fig = _matplotlib_figure((6.5 * len(panels), max(4.0, 1.2 + 0.3 * len(panels[-1][0]))))
        axes = [fig.add_subplot(1, len(panels), k + 1) for k in range(len(panels))]
    else:
        axes = list(ax) if isinstance(ax, Sequence) else [ax]
        if len(axes) != len(panels):
            raise InputError(f"by={by!r} draws {len(panels)} panels; pass that many axes as ax")
        fig = _root(axes[0])
    for axis, (names, c_values, o_values, title) in zip(axes, panels, strict=True):
        _draw_banen(axis, names, c_values, o_values, targets, title, chosen)
    return fig


def _pair_minutes(
    minutes_for: Any, rows: NDArray[np.intp], cols: NDArray[np.intp]
) -> NDArray[np.float64]:
    """Travel minutes of the pairs ``(rows[k], cols[k])``, asking only for the rows needed."""
    if rows.size == 0:
        return np.empty(0)
    unique, inverse = np.unique(rows, return_inverse=True)
    out: NDArray[np.float64] = minutes_for(unique)[inverse, cols]
    return out


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
    bins = _positive(bins, "bins")
    problem = prepare(candidates, packages, config, travel_minutes)
    cand, pkg, cfg = problem.cand, problem.pkg, problem.config
    chosen = cfg.text_lang(lang)
    if result is None:
        edges = collect_edges(cand, pkg, problem.minutes_for, cfg, workers=problem.workers)
        rows, cols = edges.rows[edges.feasible], edges.cols[edges.feasible]
        kind = "pairs"
    else:
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
        kind = "placements"
    remote = pkg.remote[cols]
    minutes = _pair_minutes(problem.minutes_for, rows[~remote], cols[~remote])
    known = minutes[np.isfinite(minutes)]

    fig, ax = _axes(ax, (7.0, 4.0))
    ax.set_title(text(f"plots.commute.title.{kind}", chosen, n=int(rows.size)))
    ax.set_xlabel(text("plots.commute.xlabel", chosen))
    ax.set_ylabel(text(f"plots.commute.ylabel.{kind}", chosen))
    label = text("plots.commute.counted", chosen, n=int(known.size))
    left_out = [(int(remote.sum()), "remote"), (int(minutes.size - known.size), "unknown")]
    extra = ", ".join(text(f"plots.commute.{why}", chosen, n=n) for n, why in left_out if n)
    if extra:
        label = text("plots.commute.left_out", chosen, counted=label, extra=extra)
    ax.hist(known, bins=bins, color=_COUNTS, label=label)
    if known.size:
        median = float(np.median(known))
        words = text("plots.commute.median", chosen, minutes=Number(median, 0))
        ax.axvline(median, color="#333333", linestyle="--", label=words)
    if cfg.default_max_commute_minutes is not None:
        limit = cfg.default_max_commute_minutes
        ax.axvline(
            limit,
            color=_TARGET,
            linestyle=":",
            label=text("plots.commute.limit", chosen, minutes=Number(limit)),
        )
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _numbers(ax.xaxis, chosen)
    ax.legend(fontsize="small", frameon=False)
    return fig
