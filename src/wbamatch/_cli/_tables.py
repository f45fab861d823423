"""Text for people, from the catalogue in the chosen language: tables, shortlists, plans, carves.

Numbers are written as the language writes them (a decimal comma in Dutch), reasons in words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._catalogue import Lang, Number, Percent, catalogue, format_value, resolve_lang, text
from .._results import MatchResult, placement_notes, reason_words

if TYPE_CHECKING:  # only for the type: the text needs no import of the planner
    from .._meetgreet import MeetGreetPlan


def _num(value: float, digits: int, lang: str) -> str:
    """A number with exactly ``digits`` decimals, with a decimal comma in Dutch: ``0,812``."""
    written = f"{value:.{digits}f}"
    return written.replace(".", ",") if lang == "nl" else written


def _words(key: str, lang: str, fallback: str, **values: Any) -> str:
    """The catalogue's text ``key``, or ``fallback`` when the catalogue has no such key."""
    return text(key, lang, **values) if key in catalogue(resolve_lang(lang)) else fallback


def _reason(code: str, lang: str) -> str:
    """A reason code in words: a rule's, a result's (``outcompeted``) or a carve's own."""
    return _words(f"cli.reason.{code}", lang, reason_words(code, lang))


def _count(kind: str, n: int, lang: str) -> str:
    """``"1 taak"``, ``"3 taken"``: a number of things, singular or plural."""
    return text(f"cli.count.{kind}.{'one' if n == 1 else 'other'}", lang, n=n)


def _status(status: str, lang: str, prefix: str = "cli.status") -> str:
    return _words(f"{prefix}.{status}", lang, status)


def format_table(result: MatchResult, lang: str | None = None) -> str:
    """Render a match result as a plain-text table for a terminal, in ``lang``.

    ``lang`` is ``"nl"`` or ``"en"``; default ``WBAMATCH_LANG``, else Dutch. Reasons are in
    words (:func:`wbamatch._results.reason_words`), numbers as the language writes them.

    Example
    -------
    >>> import wbamatch
    >>> table = format_table(wbamatch.match(*wbamatch.demo_data()), "nl")
    >>> table.split()[:5]
    ['kandidaat', 'pakket', 'score', 'uren', 'banen']
    """
    lang = resolve_lang(lang)
    head = {k: text(f"cli.table.{k}", lang) for k in ("candidate", "package", "score", "hours")}
    head["banen"] = text("cli.table.banen", lang)
    wc = max([12, len(head["candidate"])] + [len(a.candidate_id) for a in result.assignments])
    wp = max([12, len(head["package"])] + [len(a.package_id) for a in result.assignments])
    title = text("cli.table.title", lang)
    lines = [
        f"{head['candidate']:<{wc}} {head['package']:<{wp}} {head['score']:>6} "
        f"{head['hours']:>6} {head['banen']:>6}  {title}"
    ]
    lines.append("-" * len(lines[0]))
    for a in result.assignments:
        notes = placement_notes(a, lang)
        note = f" ({'; '.join(notes)})" if notes else ""
        score = format_value(Percent(a.score), lang)
        lines.append(
            f"{a.candidate_id:<{wc}} {a.package_id:<{wp}} {score:>6} "
            f"{_num(a.hours, 1, lang):>6} {_num(a.banen, 2, lang):>6}  {a.title}{note}".rstrip()
        )
    if result.unassigned:
        lines += ["", text("cli.unplaced.heading", lang)]
        for u in result.unassigned:
            why = ", ".join(f"{_reason(r.code, lang)}: {r.packages}" for r in u.reasons)
            lines.append(f"  {u.candidate_id:<{wc}} {why or text('cli.unplaced.none', lang)}")
    if result.open_slots:
        lines += ["", text("cli.open.heading", lang)]
        for o in result.open_slots:
            key = "cli.open.line.one" if o.feasible_candidates == 1 else "cli.open.line"
            words = text(key, lang, open=o.open, fit=o.feasible_candidates)
            lines.append(f"  {o.package_id:<{wp}} {words}")
    summary = text(
        "cli.summary",
        lang,
        placed=len(result.assignments),
        candidates=result.n_candidates,
        banen=_num(result.banen, 2, lang),
        open=sum(o.open for o in result.open_slots),
        slots=result.n_slots,
    )
    lines += ["", summary, _status(str(result.status), lang)]
    return "\n".join(lines)


def _shortlist_text(lists: Any, by: str, lang: Lang) -> str:
    """Shortlists for a terminal: a heading per list, its ranked entries and near misses."""
    lines: list[str] = []
    for sl in lists.lists:
        if by == "package":  # the list's title names the package (id, title, employer)
            label = sl.title or sl.id
            label = label if label.startswith(sl.id) else f"{sl.id} ({label})"
            lines.append(text("cli.shortlist.list.package", lang, id=label))
        else:
            lines.append(text("cli.shortlist.list.candidate", lang, id=sl.id))
        for e in sl.entries:
            other = e.candidate_id if by == "package" else e.package_id
            named = f"{e.title}  " if by == "candidate" and e.title else ""
            parts = "; ".join(text(f"component.{n}", lang) for n, _ in e.top_components)
            score = format_value(Percent(e.score), lang)
            lines.append(f"  {e.rank:>2}. {other:<12} {score:>4}  {named}({parts})")
        near = text("cli.shortlist.near", lang)
        for nm in sl.near_misses:
            other = nm.candidate_id if by == "package" else nm.package_id
            message = nm.message_nl if lang == "nl" else nm.message_en
            score = format_value(Percent(nm.score), lang)
            lines.append(f"  {near}: {other:<12} {score:>4}  {message}")
        if not sl.entries and not sl.near_misses:
            key = "cli.shortlist.nobody" if by == "package" else "cli.shortlist.no_package"
            lines.append("  " + text(key, lang))
    return "\n".join(lines)


def _meet_greet_text(plan: MeetGreetPlan, lang: Lang) -> str:
    """A Meet & Greet plan for a terminal: each package's rounds, then the plan's summary."""
    lines = []
    for package_id, meetings in plan.by_package().items():
        slots = ", ".join(
            text("cli.meet.round", lang, round=m.round, candidate=m.candidate_id) for m in meetings
        )
        lines.append(f"{package_id:<12} {slots}")
    summary = text(
        "cli.meet.summary",
        lang,
        meetings=_count("meetings", len(plan.meetings), lang),
        rounds=_count("rounds", plan.rounds_used, lang),
    )
    lines += ["", summary]
    if plan.dropped:
        key = "cli.meet.dropped.one" if len(plan.dropped) == 1 else "cli.meet.dropped"
        lines.append(text(key, lang, n=len(plan.dropped)))
    return "\n".join(lines)


def _carve_text(result: Any, lang: str | None = None) -> str:
    """A carve result for a terminal: the package and its tasks, then the leftover work and why."""
    lang = resolve_lang(lang)
    if result.package is None:
        lines = [text("cli.carve.none", lang, candidate=result.candidate_id)]
        for r in result.reasons:  # with the number of tasks each rules out, if any
            reason = _reason(r.code, lang)
            if r.tasks:
                reason = text(
                    "cli.carve.reason", lang, reason=reason, tasks=_count("tasks", r.tasks, lang)
                )
            lines.append(f"  {reason}")
    else:
        head = text(
            "cli.carve.package",
            lang,
            id=result.package.id,
            candidate=result.candidate_id,
            tasks=_count("tasks", len(result.tasks), lang),
            hours=Number(result.hours),
            score=format_value(Percent(result.score), lang),
        )
        counts = (
            text("cli.carve.counts", lang, banen=_num(result.banen, 2, lang))
            if result.counts
            else text("cli.carve.does_not_count", lang)
        )
        lines = [f"{head}; {counts}."]
        if result.explanation is not None and result.explanation.strongest(lang):
            lines.append(result.explanation.strongest(lang))
        if str(result.status) == "time_limit":
            lines.append(text("cli.carve.time_limit", lang))
        for t in result.tasks:
            hours = text("cli.carve.hours", lang, hours=Number(t.hours))
            lines.append(f"  {t.id:<12} {hours:>7}  {t.description}".rstrip())
    if result.leftover:
        lines.append(text("cli.carve.leftover", lang))
        for t in result.leftover:
            why = ", ".join(_reason(c, lang) for c in t.reasons)
            hours = text("cli.carve.hours", lang, hours=Number(t.hours))
            lines.append(
                f"  {t.task_id:<12} {hours:>7}  {why or text('cli.carve.not_in_best', lang)}"
            )
    return "\n".join(lines)


def _team_text(team: Any, lang: str) -> str:
    """A team carve for a terminal: one line per candidate, then the pool's summary."""
    lines = []
    for r in team.results:
        if r.package is None:
            lines.append(text("cli.carve.team.none", lang, candidate=r.candidate_id))
        else:
            lines.append(
                text(
                    "cli.carve.team.line",
                    lang,
                    candidate=r.candidate_id,
                    tasks=", ".join(r.task_ids),
                    hours=Number(r.hours),
                    score=_num(r.score, 3, lang),
                )
            )
    status = _status(str(team.status), lang, "cli.carve.status")
    if team.mip_gap is not None:
        gap = _num(100 * team.mip_gap, 2, lang) + "%"
        status += ", " + text("cli.carve.team.gap", lang, gap=gap)
    lines.append(
        text(
            "cli.carve.team.summary",
            lang,
            status=status,
            score=_num(team.total_score, 3, lang),
            banen=_num(team.banen, 2, lang),
            tasks=_count("tasks", len(team.leftover), lang),
            hours=Number(team.leftover_hours),
        )
    )
    return "\n".join(lines)
