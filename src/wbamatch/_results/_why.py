"""The answer to "why this placement, or why no place": :class:`Why`, and its paragraph in words.

Example
-------
>>> import wbamatch
>>> result = wbamatch.match(*wbamatch.demo_data())
>>> why = result.why("c-007")
>>> why.placed is None, why.text("en").split(". ")[0]
(True, 'Candidate c-007 is not placed')
"""

from __future__ import annotations

from pydantic import Field

from .._catalogue import Lang, Listing, Number, resolve_lang, text
from .._explain import Explanation, package_name, score_words
from .._models import ResultModel
from .._vocabulary import ContractType
from ._outcome import Alternative, Assignment, Closest, UnassignedCandidate
from ._words import (
    closest_sentences,
    counted_reason,
    counting_sentence,
    growth_sentence,
    reason_words,
)

__all__ = ["Why"]


class Why(ResultModel):
    """The answer of :meth:`MatchResult.why`; :meth:`text` says it in words."""

    candidate_id: str
    placed: Assignment | None = None
    explanation: Explanation | None = None
    unassigned: UnassignedCandidate | None = None
    alternative: Alternative | None = None
    closest: Closest | None = Field(
        None, description="For someone not placed: the package that came closest, and why not."
    )
    registered: bool | None = Field(
        None, description="The candidate is in the doelgroepregister (None: not known here)."
    )
    contract: ContractType | None = Field(
        None, description="Contract type of the placement's package (None: not known here)."
    )
    lang: Lang | None = Field(None, description="Language of text(): the config's lang.")

    def text(self, lang: str | None = None) -> str:
        """One short paragraph for a recruiter: placed where and how well, or what kept them out.

        For someone placed: where, the score and what it means, what adds most, points of
        attention, and whether it counts for the Banenafspraak (and if not, why). For someone
        not placed: the three things that ruled out most packages, the package that came
        closest and what would have to change for it.

        ``lang`` is ``"nl"`` or ``"en"``; None takes the config's language, else
        ``WBAMATCH_LANG``, else Dutch.
        """
        chosen = resolve_lang(lang if lang is not None else self.lang)
        if self.placed is not None:
            return " ".join(self._placed(self.placed, chosen))
        assert self.unassigned is not None
        return " ".join(self._unplaced(self.unassigned, chosen))

    def _placed(self, a: Assignment, lang: Lang) -> list[str]:
        where = package_name(a.package_id, a.title, a.employer or a.organisation, lang)
        parts = [
            text(
                "why.placed", lang, candidate=a.candidate_id, package=where, hours=Number(a.hours)
            ),
            text("score.sentence", lang, score=score_words(a.score, lang)),
        ]
        if self.explanation is not None and (strong := self.explanation.strongest(lang)):
            parts.append(strong)
        if a.penalties:
            key = "why.penalties.one" if len(a.penalties) == 1 else "why.penalties"
            words = tuple(reason_words(c, lang) for c in a.penalties)
            parts.append(text(key, lang, reasons=Listing(words)))
        if a.status == "stays":
            parts.append(text("why.stays", lang))
        elif a.status == "moves" and a.current_package_id is not None:
            parts.append(text("why.moves", lang, package=a.current_package_id))
        if growth := growth_sentence(a, lang):
            parts.append(growth)
        if a.pinned:
            parts.append(text("why.pinned", lang))
        if a.override and a.breaks:
            words = tuple(reason_words(c, lang) for c in a.breaks)
            parts.append(text("why.override", lang, reasons=Listing(words)))
        registered = self.registered
        if registered is None and a.not_counting:  # read back from JSON: the placement says
            registered = "register" not in a.not_counting
        if "schakelplek" in a.not_counting:
            parts.append(text("why.schakelplek", lang))
        else:
            parts.append(counting_sentence(a.counts, a.banen, registered, self.contract, lang))
        return parts

    def _unplaced(self, u: UnassignedCandidate, lang: Lang) -> list[str]:
        parts = [text("why.unplaced", lang, candidate=u.candidate_id)]
        if u.feasible_packages == 0:
            parts.append(text("why.fitting.none", lang))
        else:
            key = "why.fitting.one" if u.feasible_packages == 1 else "why.fitting"
            parts.append(text(key, lang, n=u.feasible_packages))
        if u.reasons:
            counted = tuple(counted_reason(r.code, r.packages, lang) for r in u.reasons[:3])
            parts.append(text("why.reasons", lang, reasons=Listing(counted)))
        if self.closest is not None:
            parts += closest_sentences(self.closest, lang)
        return parts

    def _repr_html_(self) -> str:
        """Notebook view: the paragraph of :meth:`text`, and for someone not placed the reasons."""
        from ._views import why_html  # the views load with the first one shown

        lang = resolve_lang(self.lang)
        reasons = self.unassigned.reasons if self.unassigned is not None else []
        return why_html(self.candidate_id, self.text(lang), reasons, lang)
