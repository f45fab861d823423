"""What a carve returns: its status, the reasons, the leftover tasks, and the texts."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .._explain import Explanation
from .._models import ResultModel, TaskPackage
from .._vocabulary import HOURS_PER_JOB
from ..rules import REGISTRY
from ._models import Task

__all__ = ["CarveReason", "CarveResult", "CarveStatus", "LeftoverTask", "TeamCarveResult"]


class CarveStatus(StrEnum):
    """How a carve ended. Expected outcomes are statuses, not exceptions."""

    #: A proven optimum.
    OPTIMAL = "optimal"
    #: No subset of the pool makes a package that breaks no hard rule; see the reasons.
    INFEASIBLE = "infeasible"
    #: The time limit stopped the solver; the best packages found so far, not proven optimal.
    TIME_LIMIT = "time_limit"


class CarveReason(ResultModel):
    """Why tasks, or the whole pool, could not be used for a candidate."""

    code: str = Field(description="Reason code, e.g. 'capacity:lifting', 'hours', 'commute'.")
    tasks: int = Field(description="Number of tasks it rules out.")
    message: str = Field(description="The reason in words (English).")


class LeftoverTask(ResultModel):
    """A task that went into no package."""

    task_id: str
    hours: float
    reasons: list[str] = Field(
        default_factory=list,
        description="Reason codes that rule the task out for this candidate on its own; empty "
        "when it fits but the best package did without it.",
    )


class CarveResult(ResultModel):
    """The package carved for one candidate, the tasks it used and the work left over.

    ``score`` is the core score (:func:`wbamatch.compatibility`) of ``package`` for the
    candidate; ``explanation`` is :func:`wbamatch.explain` of the pair. When nothing fits,
    ``package`` is None and ``reasons`` says why.
    """

    candidate_id: str
    status: CarveStatus
    package: TaskPackage | None = None
    tasks: list[Task] = Field(default_factory=list, description="The tasks in the package.")
    leftover: list[LeftoverTask] = Field(default_factory=list)
    score: float = Field(0.0, description="Core score of the package for the candidate.")
    hours: float = Field(0.0, description="Hours a week of the package.")
    task_limit: int | None = Field(
        None,
        description="Most tasks the candidate's task switching allows (None = no limit); for "
        "an unknown capacity profile, what config.norm_demand_level allows (None when "
        "capacity_unknown is off).",
    )
    counts: bool = Field(False, description="Counts for the Banenafspraak.")
    banen: float = Field(0.0, description=f"hours / {HOURS_PER_JOB} when it counts, else 0.")
    explanation: Explanation | None = None
    reasons: list[CarveReason] = Field(default_factory=list)

    @property
    def task_ids(self) -> list[str]:
        """Ids of the tasks in the package, sorted."""
        return [t.id for t in self.tasks]

    @property
    def leftover_task_ids(self) -> list[str]:
        """Ids of the tasks left over, sorted."""
        return [t.task_id for t in self.leftover]

    def text(self, lang: str | None = None) -> str:
        """A short paragraph for a manager or recruiter, in plain words.

        ``lang`` is ``"nl"`` or ``"en"``; None takes the config's language (carried by the
        explanation), else ``WBAMATCH_LANG``, else Dutch.
        """
        from .._catalogue import Listing, Number, resolve_lang, text as say
        from .._explain import score_words
        from .._results import counting_sentence

        chosen = resolve_lang(lang if lang is not None else self._lang())
        if self.package is None:
            why = "; ".join(self._reason_words(r, chosen) for r in self.reasons)
            if not why:
                return say("carve.none.unknown", chosen, candidate=self.candidate_id)
            return say("carve.none", chosen, candidate=self.candidate_id, reasons=why)
        names = Listing(tuple(t.description or t.id for t in self.tasks))
        n = len(self.tasks)
        tasks = say("carve.tasks.one" if n == 1 else "carve.tasks", chosen, n=n, names=names)
        parts = [
            say(
                "carve.package",
                chosen,
                package=self.package.id,
                candidate=self.candidate_id,
                tasks=tasks,
                hours=Number(self.hours),
            ),
            say("score.sentence", chosen, score=score_words(self.score, chosen)),
        ]
        if self.explanation is not None and (strong := self.explanation.strongest(chosen)):
            parts.append(strong)
        contract = self.package.contract.type
        parts.append(counting_sentence(self.counts, self.banen, None, contract, chosen))
        if self.status is CarveStatus.TIME_LIMIT:
            parts.append(say("carve.time_limit", chosen))
        left = len(self.leftover)
        hours_left = Number(sum(t.hours for t in self.leftover))
        key = "carve.leftover" + (".none" if left == 0 else ".one" if left == 1 else "")
        parts.append(say(key, chosen, n=left, hours=hours_left))
        return " ".join(parts)

    def _lang(self) -> str | None:
        """The config's language, as far as this result knows it."""
        return None if self.explanation is None else self.explanation.lang

    def _reason_words(self, reason: CarveReason, lang: str) -> str:
        """A reason of an empty carve in words (a rule's own codes in the registry's words)."""
        from .._catalogue import catalogue, resolve_lang, text as say

        chosen = resolve_lang(lang)
        own = f"carve.reason.{reason.code}"
        if own in catalogue(chosen):
            return say(own, chosen)
        if reason.code not in REGISTRY.codes:
            return reason.message
        words = REGISTRY.reason(reason.code, chosen)
        if any(reason.code in t.reasons for t in self.leftover):  # ruled out task by task
            n = len(self.tasks) + len(self.leftover)
            return say("carve.reason.tasks", chosen, reason=words, tasks=reason.tasks, n=n)
        return say("carve.reason.package_wide", chosen, reason=words)


class TeamCarveResult(ResultModel):
    """One pool split over several candidates: a result per candidate and the work left over.

    ``results`` has one :class:`CarveResult` per candidate, sorted by candidate id; each one's
    ``leftover`` lists the tasks nobody got, with that candidate's reasons.
    """

    status: CarveStatus
    mip_gap: float | None = Field(
        None, description="Relative gap between the best package set found and the bound."
    )
    results: list[CarveResult]
    leftover: list[str] = Field(default_factory=list, description="Task ids nobody got.")
    leftover_hours: float = 0.0
    total_score: float = 0.0
    banen: float = 0.0

    def result_for(self, candidate_id: str) -> CarveResult:
        """The result of one candidate; raises :class:`UnknownIdError` for an unknown id."""
        from .._exceptions import UnknownIdError

        for r in self.results:
            if r.candidate_id == candidate_id:
                return r
        raise UnknownIdError(f"no candidate with id {candidate_id!r} in this team carve")

    def text(self, lang: str | None = None) -> str:
        """One line per candidate and a summary, in plain words.

        ``lang`` is ``"nl"`` or ``"en"``; None takes the config's language (carried by the
        explanations), else ``WBAMATCH_LANG``, else Dutch.
        """
        from .._catalogue import Listing, Number, resolve_lang, text as say
        from .._explain import score_words

        known = next((r._lang() for r in self.results if r._lang() is not None), None)
        chosen = resolve_lang(lang if lang is not None else known)
        lines = []
        for r in self.results:
            if r.package is None:
                why = "; ".join(r._reason_words(x, chosen) for x in r.reasons)
                key = "carve.team.none" if why else "carve.team.none.unknown"
                lines.append(say(key, chosen, candidate=r.candidate_id, reasons=why))
            else:
                lines.append(
                    say(
                        "carve.team.line",
                        chosen,
                        candidate=r.candidate_id,
                        tasks=Listing(tuple(r.task_ids)),
                        hours=Number(r.hours),
                        score=score_words(r.score, chosen),
                    )
                )
        n = len(self.results)
        given = sum(r.package is not None for r in self.results)
        left = len(self.leftover)
        hours_left = Number(self.leftover_hours)
        key = "carve.team.left" + (".none" if left == 0 else ".one" if left == 1 else "")
        banen = "summary.banen.one" if round(self.banen, 1) == 1 else "summary.banen"
        lines.append(
            say(
                "carve.team.summary.one" if n == 1 else "carve.team.summary",
                chosen,
                given=given,
                n=n,
                banen=say(banen, chosen, banen=Number(self.banen, 1)),
                left=say(key, chosen, n=left, hours=hours_left),
            )
        )
        if self.status is CarveStatus.TIME_LIMIT:
            lines.append(say("carve.team.time_limit", chosen))
        return "\n".join(lines)
