"""A current placement flagged for a conversation (``match(current=...)``): :class:`Flagged`,
its alternatives, and its sentences for a recruiter or a manager.

Example
-------
>>> f = Flagged(candidate_id="c-1", package_id="p-1", score=0.4, reasons=["too_heavy"])
>>> print(f.text("en"))  # doctest: +NORMALIZE_WHITESPACE
The current job of c-1 (p-1) calls for a conversation: the work is too heavy. No other
package fits yet: they keep their job for now.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .._catalogue import Lang, Listing, Percent, resolve_lang, text
from .._explain import package_name
from .._models import ResultModel
from ._words import reason_words

__all__ = ["FlagAlternative", "Flagged"]


class FlagAlternative(ResultModel):
    """A package that fits someone whose current placement is flagged."""

    package_id: str
    title: str = ""
    employer: str = ""
    score: float = Field(description="Score of the person there.")
    schakelplek: bool = Field(False, description="A switch place (temporary).")


class Flagged(ResultModel):
    """A current placement that breaks a hard rule or is too heavy: for a conversation.

    ``reasons`` holds the reason codes of the hard rules it breaks, then ``too_heavy`` (the
    package demands more than the person can bear on some dimension, whatever the capacity
    rule's mode) and ``far_below_level`` (education far above the package's level).
    ``alternatives`` are the best packages that fit (ties by id), switch places among them;
    ``proposal`` says what the match proposes: ``"stays"``, ``"moves"`` (to
    ``proposed_package_id``) or ``"none"`` (nothing fits: they keep their job for now).
    :meth:`text` says it in words, for a recruiter or (without the needs) for a manager.
    """

    candidate_id: str
    package_id: str = Field(description="The package the person holds now.")
    score: float = Field(description="Score of the current pair without its hard rules.")
    reasons: list[str]
    alternatives: list[FlagAlternative] = Field(default_factory=list)
    proposal: Literal["stays", "moves", "none"] = "none"
    proposed_package_id: str | None = None
    open_to_move: bool = False
    lang: Lang | None = Field(None, description="Language of text(): the config's lang.")

    def text(
        self, lang: str | None = None, audience: Literal["recruiter", "manager"] = "recruiter"
    ) -> str:
        """The flag in a few sentences: what is wrong with the current job, what fits better,
        and what the match proposes.

        ``audience="manager"`` never says which need is not met or any value of it (health
        data, AVG/GDPR): only that the job no longer fits and that the recruiter can explain.

        Example
        -------
        >>> f = Flagged(candidate_id="c-1", package_id="p-1", score=0.5, reasons=["hours"])
        >>> print(f.text("en", audience="manager"))  # doctest: +NORMALIZE_WHITESPACE
        The current job of c-1 (p-1) no longer fits: a condition of theirs is not met; the
        recruiter can explain. No other package fits yet: they keep their job for now.
        """
        chosen = resolve_lang(lang if lang is not None else self.lang)
        ids = {"candidate": self.candidate_id, "package": self.package_id}
        if audience == "manager":
            parts = [text("flagged.manager", chosen, **ids)]
        else:
            words = tuple(reason_words(code, chosen) for code in self.reasons)
            parts = [text("flagged.recruiter", chosen, reasons=Listing(words), **ids)]
        if audience != "manager" and self.alternatives:
            named = tuple(_alternative_words(a, chosen) for a in self.alternatives)
            parts.append(text("flagged.alternatives", chosen, packages=Listing(named)))
        if self.proposal == "moves" and self.proposed_package_id is not None:
            parts.append(text("flagged.moves", chosen, package=self.proposed_package_id))
        elif self.proposal == "stays":
            parts.append(text("flagged.stays", chosen))
        else:
            parts.append(text("flagged.none", chosen))
        return " ".join(parts)


def _alternative_words(a: FlagAlternative, lang: Lang) -> str:
    key = "flagged.alternative.switch" if a.schakelplek else "flagged.alternative"
    name = package_name(a.package_id, a.title, a.employer, lang)
    return text(key, lang, package=name, score=Percent(a.score))
