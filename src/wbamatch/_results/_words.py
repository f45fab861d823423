"""The texts of a result for people: reason codes in words, whether a placement counts, the
notes on a placement, and the package that came closest for someone not placed.

Every word comes from the message catalogue (:func:`wbamatch._catalogue.text`): Dutch or
English, as ``lang`` says.

Example
-------
>>> counted_reason("commute", 3, "en")
'commute too long (3 packages)'
"""

from __future__ import annotations

from .._catalogue import Lang, Listing, Number, Percent, Term, resolve_lang, text
from .._explain import package_name, score_words
from .._vocabulary import (
    BELOW_MIN_SCORE,
    COUNTING_CONTRACTS,
    FAR_BELOW_LEVEL,
    FORBIDDEN,
    NOT_MET,
    OUTCOMPETED,
    TOO_HEAVY,
    ContractType,
    Education,
)
from ._outcome import Assignment, Closest

__all__ = [
    "closest_sentences",
    "counted_reason",
    "counting_sentence",
    "growth_sentence",
    "placement_notes",
    "reason_words",
]

#: The outcome codes; their words are the catalogue's ``reason.<code>``.
_EXTRA_CODES: frozenset[str] = frozenset(
    {BELOW_MIN_SCORE, OUTCOMPETED, FORBIDDEN, NOT_MET, TOO_HEAVY, FAR_BELOW_LEVEL}
)


def reason_words(code: str, lang: str | None = None) -> str:
    """A reason code in words, e.g. ``capacity:work_pace`` -> ``vraagt meer werktempo ...``.

    ``lang`` is ``"nl"`` or ``"en"``; default ``WBAMATCH_LANG``, else Dutch. A code that is
    neither a rule's nor an outcome code (``outcompeted``, ...) is returned as it is.

    Example
    -------
    >>> reason_words("commute", "en"), reason_words("capacity:work_pace", "en")
    ('commute too long', 'asks more work pace than they can bear')
    >>> reason_words("evening", "nl"), reason_words("outcompeted", "nl")
    ('werk in de avond', 'past, maar de plekken gingen naar mensen die beter passen')
    """
    from ..rules import REGISTRY

    chosen = resolve_lang(lang)
    if code in _EXTRA_CODES:
        return text(f"reason.{code}", chosen)
    if code in REGISTRY.codes:
        return REGISTRY.reason(code, chosen)
    return code


def counted_reason(code: str, packages: int, lang: Lang) -> str:
    """A reason with the number of packages it ruled out: ``"reistijd te lang (3 pakketten)"``."""
    key = "why.reason_count.one" if packages == 1 else "why.reason_count"
    return text(key, lang, reason=reason_words(code, lang), n=packages)


def counting_sentence(
    counts: bool, banen: float, registered: bool | None, contract: ContractType | None, lang: Lang
) -> str:
    """Whether a placement counts for the Banenafspraak, and if not, why not, in a sentence.

    ``registered`` and ``contract`` say why not where they are known (None: not known).
    """
    if counts:
        return text("why.counts", lang, banen=Number(banen, 2))
    contract_counts = None if contract is None else contract in COUNTING_CONTRACTS
    if registered is False and contract_counts is False:
        assert contract is not None
        return text("why.not_counting.both", lang, contract=Term(contract))
    if contract_counts is False:
        assert contract is not None
        return text("why.not_counting.contract", lang, contract=Term(contract))
    if registered is False or contract_counts is True:
        return text("why.not_counting.register", lang)
    return text("why.not_counting", lang)


def growth_sentence(a: Assignment, lang: Lang) -> str:
    """Which growth the placement's package offers, in hours and in level; "" for none.

    Example
    -------
    >>> a = Assignment(candidate_id="c", package_id="p", score=0.7, hours=16, counts=True,
    ...                banen=0.63, growth_to=32, growth_level="mbo4")
    >>> growth_sentence(a, "nl")
    'Deze baan kan groeien naar 32 uur per week en naar niveau mbo 4.'
    """
    grows_to = a.growth_to if a.growth_to is not None and a.growth_to > a.hours else None
    level = Term(Education(a.growth_level)) if a.growth_level is not None else None
    if grows_to is not None and level is not None:
        return text("why.growth.both", lang, hours=Number(grows_to), level=level)
    if grows_to is not None:
        return text("why.growth.hours", lang, hours=Number(grows_to))
    if level is not None:
        return text("why.growth.level", lang, level=level)
    return ""


def closest_sentences(c: Closest, lang: Lang) -> list[str]:
    """The closest package for someone not placed, and what would have to change for it."""
    parts = [
        text("why.closest", lang, package=package_name(c.package_id, c.title, c.employer, lang))
    ]
    score = score_words(c.score, lang)
    if c.blocked_by == OUTCOMPETED:
        if c.held_by:
            key = "why.closest.taken.one" if len(c.held_by) == 1 else "why.closest.taken"
            parts.append(text(key, lang, score=score, held_by=Listing(tuple(c.held_by))))
        else:
            parts.append(text("why.closest.taken.others", lang, score=score))
    elif c.blocked_by == BELOW_MIN_SCORE:
        parts.append(text("why.closest.below_min", lang, score=score, minimum=Percent(c.min_score)))
    elif c.blocked_by == FORBIDDEN:
        parts.append(text("why.closest.forbidden", lang, score=score))
    else:
        parts.append(text("why.closest.rules", lang))
        parts += [v.message_in(lang) for v in c.violations]
    return parts


def placement_notes(a: Assignment, lang: Lang) -> list[str]:
    """What a recruiter should know about a placement beyond its score, in words: whether
    someone at work stays or moves, why it does not count, a recruiter's pin or override, the
    penalties it takes.

    Example
    -------
    >>> import wbamatch
    >>> result = wbamatch.match(*wbamatch.demo_data())
    >>> placement_notes(next(a for a in result.assignments if not a.counts), "nl")
    ['telt niet mee: niet in het doelgroepregister']
    """
    notes = []
    if a.status == "stays":
        notes.append(text("results.note.stays", lang))
    elif a.status == "moves" and a.current_package_id is not None:
        notes.append(text("results.note.moves", lang, package=a.current_package_id))
    if a.not_counting:
        words = tuple(text(f"results.note.not_counting.{why}", lang) for why in a.not_counting)
        notes.append(text("results.note.not_counting", lang, reasons=Listing(words)))
    notes += [text("results.note.pinned", lang)] if a.pinned else []
    if a.override:
        words = tuple(reason_words(c, lang) for c in a.breaks)
        notes.append(text("results.note.override", lang, reasons=Listing(words)))
    notes += [text("results.note.penalty", lang, reason=reason_words(c, lang)) for c in a.penalties]
    return notes
