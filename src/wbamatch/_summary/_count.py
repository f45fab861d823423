"""Counting a match for a department head: :func:`department_summary`, and the facts of packages
and the checks of names it shares with the results workbook.

Organisations are ordered by banen, then placements, then open places (most first, ties by
name); tracks in the order of :class:`~wbamatch._vocabulary.Track`; reasons by the number of
candidates they hold back; open places by the places left. Banen are rounded to 10 decimals, so
sums of hours / 25.5 print the same whatever the order they were added in.

Example
-------
>>> track_words("individual", "en"), main_reason(
...     UnassignedCandidate(candidate_id="c-1", feasible_packages=0, reasons=[]), "en")
('individual placement', 'no packages')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .._catalogue import Lang, catalogue, text
from .._exceptions import InputError
from .._models import TaskPackage
from .._results import MatchResult, UnassignedCandidate, reason_words
from .._validation import record_models
from .._vocabulary import Track
from ._department import DepartmentSummary
from ._lines import Line, OpenPlace, PackageFacts, ReasonLine

__all__ = ["check_names", "department_summary", "main_reason", "package_facts", "track_words"]

#: Per name: [placements, banen, open places], as they are added up.
_Tally = dict[str, list[float]]


def department_summary(
    result: MatchResult,
    packages: Iterable[TaskPackage | Mapping[str, Any]] | None = None,
    *,
    lang: str | None = None,
    names: Mapping[str, str] | None = None,
) -> DepartmentSummary:
    """Count a match for a department head: placements, banen, who has no place yet, open places.

    Parameters
    ----------
    result
        The match.
    packages
        The packages matched (optional): the organisation, title and track of packages without
        a placement, so open places count for their organisation. Without them an open place
        takes those of a placement in the same package, else "not known".
    lang
        ``"nl"`` or ``"en"``; default ``result.config.lang``, else ``WBAMATCH_LANG``, else Dutch.
    names
        Candidate id -> display name, for a printed summary; the result stays pseudonymous.

    Raises
    ------
    InputError
        ``packages`` or ``names`` of the wrong shape.

    Example
    -------
    >>> import wbamatch
    >>> cands, packs = wbamatch.demo_data()
    >>> s = department_summary(wbamatch.match(cands, packs), packs, lang="nl")
    >>> s.tracks[0].name, s.banen == round(s.banen, 10)
    ('individuele plaatsing', True)
    """
    chosen = result.config.text_lang(lang)
    chosen = result.config.text_lang(lang)
    shown = check_names(names)
    facts = package_facts(result, packages)
    organisations, tracks = _breakdowns(result, facts, chosen)
    people = tuple(
        (u.candidate_id, shown.get(u.candidate_id, ""))
        for u in sorted(result.unassigned, key=lambda u: u.candidate_id)
    )
    status_key = f"summary.status.{result.status.value}"
    status = text(status_key, chosen) if status_key in catalogue(chosen) else result.status.value
    return DepartmentSummary(
        lang=chosen,
        candidates=result.n_candidates,
        placed=len(result.assignments),
        not_placed=len(result.unassigned),
        counting=sum(1 for a in result.assignments if a.counts),
        banen=round(result.banen, 10),
        slots=result.n_slots,
        open=sum(o.open for o in result.open_slots),
        organisations=organisations,
        tracks=tracks,
        reasons=_reasons(result, chosen),
        people=people,
        open_places=_open_places(result, facts, chosen),
        status=status,
        computed=result.audit.timestamp if result.audit is not None else None,
        total_score=result.total_score,
        feasible_pairs=result.n_feasible_pairs,
        solver=result.solver,
    )


def _breakdowns(
    result: MatchResult, facts: Mapping[str, PackageFacts], lang: Lang
) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """Placements, banen and open places per organisation and per track, in their order."""
    unknown_org = text("summary.unknown_organisation", lang)
    org: _Tally = {}
    tracks: _Tally = {}
    for a in result.assignments:
        organisation = a.organisation or a.employer or unknown_org
        for table, key in ((org, organisation), (tracks, a.track)):
            row = table.setdefault(key, [0, 0.0, 0])
            row[0] += 1
            row[1] += a.banen
    for o in result.open_slots:
        fact = facts[o.package_id]
        for table, key in ((org, fact.organisation or unknown_org), (tracks, fact.track)):
            table.setdefault(key, [0, 0.0, 0])[2] += o.open
    organisations = _lines(org, lambda kv: (-kv[1][1], -kv[1][0], -kv[1][2], kv[0]))
    rank = {t.value: k for k, t in enumerate(Track)}
    unknown_track = text("summary.unknown_track", lang)
    by_track = tuple(
        Line(track_words(x.name, lang) if x.name else unknown_track, x.placements, x.banen, x.open)
        for x in _lines(tracks, lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
    )
    return organisations, by_track


def _lines(table: _Tally, order: Callable[[tuple[str, list[float]]], Any]) -> tuple[Line, ...]:
    """The tallies as lines, sorted by ``order`` of ``(name, tally)``."""
    return tuple(
        Line(name, int(v[0]), round(v[1], 10), int(v[2]))
        for name, v in sorted(table.items(), key=order)
    )


def _reasons(result: MatchResult, lang: Lang) -> tuple[ReasonLine, ...]:
    """The main reason of each candidate without a place, counted; most candidates first."""
    tally = Counter(main_reason(u, lang) for u in result.unassigned)
    return tuple(
        ReasonLine(words, count)
        for words, count in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def _open_places(
    result: MatchResult, facts: Mapping[str, PackageFacts], lang: Lang
) -> tuple[OpenPlace, ...]:
    """The packages with places left, most places first."""
    unknown_org = text("summary.unknown_organisation", lang)
    return tuple(
        OpenPlace(
            o.package_id,
            facts[o.package_id].title,
            facts[o.package_id].organisation or unknown_org,
            o.open,
            o.feasible_candidates,
        )
        for o in sorted(result.open_slots, key=lambda o: (-o.open, o.package_id))
    )


def track_words(track: str, lang: Lang) -> str:
    """A track (spoor) in words; a value the catalogue does not know as it is."""
    key = f"io.choice.Track.{track}"
    return text(key, lang) if key in catalogue(lang) else track


def package_facts(
    result: MatchResult, packages: Iterable[TaskPackage | Mapping[str, Any]] | None = None
) -> dict[str, PackageFacts]:
    """Title, employer, organisation, track and places of every package a result names: from
    ``packages`` where given, else from the result's placements."""
    facts: dict[str, PackageFacts] = {}
    for p in _packages(packages):
        facts[p.id] = PackageFacts(
            title=p.title,
            employer=p.employer,
            organisation=p.organisation or p.employer,
            track=p.track.value,
            slots=p.slots,
        )
    for a in result.assignments:
        if a.package_id not in facts:
            facts[a.package_id] = PackageFacts(
                title=a.title,
                employer=a.employer,
                organisation=a.organisation or a.employer,
                track=a.track,
            )
    for o in result.open_slots:
        facts.setdefault(o.package_id, PackageFacts())
    return facts


def _packages(packages: Iterable[TaskPackage | Mapping[str, Any]] | None) -> list[TaskPackage]:
    if packages is None:
        return []
    return record_models(packages, TaskPackage, "package")


def check_names(names: Mapping[str, str] | None) -> Mapping[str, str]:
    """A ``names`` mapping (candidate id -> display name), checked; empty when None.

    The names are never checked against anything else, nor shown in a message.
    """
    if names is None:
        return {}
    if not isinstance(names, Mapping):
        raise InputError(
            f"names must be a mapping of candidate id to display name, got {type(names).__name__}"
        )
    for key, value in names.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise InputError("names: every candidate id and every name must be text")
    return names


def main_reason(u: UnassignedCandidate, lang: Lang) -> str:
    """The reason that ruled out most packages for a candidate without a place, in words."""
    if not u.reasons:
        return text("io.note.no_packages", lang)
    return reason_words(u.reasons[0].code, lang)
