"""Rules about the workplace and its support: structure, stimuli, movement, the office, a
jobcoach, a mentor and a colleague to fall back on."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..config import MatchConfig
from ..encode import CONTRACT_CODE, LOCATION_CODE, STIMULUS_CODE, CandidateArrays, PackageArrays
from ..vocabulary import DIMENSIONS, MAX_LEVEL, ContractType, Stimulus, WorkLocation
from ._arrays import col, row
from ._registry import REGISTRY, Mask, PairContext, Rule, no_values
from ._text import CodeText, Number, Term, Words

__all__ = [
    "colleague",
    "jobcoach",
    "jobcoach_possible",
    "mentor",
    "movement",
    "office",
    "seated_only",
    "stimulus",
    "structure",
]

_STIMULI = list(Stimulus)
_CONTRACTS = list(ContractType)
_SITTING, _WALKING, _STANDING = (DIMENSIONS.index(d) for d in ("sitting", "walking", "standing"))


def _flag(need: str, offer: str, code: str) -> Any:
    def rule(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
        return {code: col(getattr(c, need)) & row(~getattr(p, offer))}

    rule.__name__ = code
    rule.__doc__ = f"``{code}``: the candidate needs it ({need}); the package does not offer it."
    return rule


structure = _flag("need_structure", "offers_structure", "structure")
mentor = _flag("need_mentor", "offers_mentor", "mentor")
colleague = _flag("need_colleague", "offers_colleague", "colleague")


def stimulus(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``stimulus``: the candidate needs few stimuli; the workplace has a medium or high level."""
    busy = p.stimulus != STIMULUS_CODE[Stimulus.LOW]
    return {"stimulus": col(c.need_low_stimulus) & row(busy)}


def seated_only(p: PackageArrays) -> NDArray[np.bool_]:
    """Packages seated most of the day (sitting at the top level) that ask no walking or
    standing."""
    d = p.demands
    out: NDArray[np.bool_] = (d[:, _SITTING] >= MAX_LEVEL) & (d[:, _WALKING] == 0) & (
        d[:, _STANDING] == 0
    )
    return out


def movement(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``movement``: the candidate must walk and move regularly; the work is seated all day."""
    return {"movement": col(c.need_movement) & row(seated_only(p))}


def jobcoach_possible(p: PackageArrays, config: MatchConfig) -> NDArray[np.bool_]:
    """Packages on which a jobcoach can be granted: offered, on a contract type that allows one
    (``config.jobcoach_contracts``), longer than ``config.jobcoach_min_months``.

    A permanent contract without months is indefinite; any other contract without months is
    of unknown length and does not pass.
    """
    allowed = np.isin(p.contract, [CONTRACT_CODE[t] for t in config.jobcoach_contracts])
    indefinite = (p.contract == CONTRACT_CODE[ContractType.PERMANENT]) & np.isnan(p.months)
    with np.errstate(invalid="ignore"):
        long_enough = indefinite | (p.months > config.jobcoach_min_months)
    out: NDArray[np.bool_] = p.offers_jobcoach & allowed & long_enough
    return out


def jobcoach(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``jobcoach``: needs a jobcoach; none is offered, or the contract does not allow one."""
    return {"jobcoach": col(c.need_jobcoach) & row(~jobcoach_possible(p, ctx.config))}


def office(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``office``: needs the office every working day; the work is remote, or hybrid with
    fewer office days than working days (or office days not given)."""
    away = (p.work_location != LOCATION_CODE[WorkLocation.OFFICE]) & (p.office_days < p.days)
    return {"office": col(c.need_office) & row(away)}


def _stimulus_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
) -> dict[str, Any]:
    return {"stimulus": Term(_STIMULI[int(p.stimulus[j])])}


def _jobcoach_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
) -> dict[str, Any]:
    kind = _CONTRACTS[int(p.contract[j])]
    months = float(p.months[j])
    values: dict[str, Any] = {"contract": Term(kind), "min": Number(cfg.jobcoach_min_months)}
    if not p.offers_jobcoach[j]:
        values["variant"] = "none"
    elif kind not in cfg.jobcoach_contracts:
        values["variant"] = "contract"
    elif np.isnan(months):
        values["variant"] = "unknown_length"
    else:
        values.update(variant="short", months=Number(months))
    return values


def _office_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchConfig, i: int, j: int
) -> dict[str, Any]:
    if p.work_location[j] == LOCATION_CODE[WorkLocation.REMOTE]:
        return {"variant": "remote"}
    if p.office_days[j] < 0:
        return {"variant": "hybrid_unknown"}
    return {
        "variant": "hybrid",
        "office": Number(int(p.office_days[j])),
        "days": Number(int(p.days[j])),
    }


def _support(
    function: Any,
    reason: Words,
    candidate: Words,
    package: Words,
    message: Words,
    summary: Words,
) -> Rule:
    """A rule "needs X; the package does not offer X", read from ``need_X`` and ``offers_X``."""
    name = function.__name__
    return Rule(
        name=name,
        function=function,
        values=no_values,
        texts={name: CodeText(reason, candidate, package, message)},
        reads=(f"need_{name}",),
        package_reads=(f"offers_{name}",),
        summary=summary,
    )


REGISTRY.register(
    _support(
        structure,
        Words("no fixed structure", "geen vaste structuur"),
        Words(
            "needs a fixed structure and clear tasks",
            "heeft een vaste structuur en duidelijke taken nodig",
        ),
        Words("offers no fixed structure", "biedt geen vaste structuur"),
        Words(
            "The candidate needs a fixed structure and clear tasks; the package does not offer "
            "them.",
            "De kandidaat heeft een vaste structuur en duidelijke taken nodig; het pakket biedt "
            "die niet.",
        ),
        Words(
            "the candidate needs a fixed structure; the package does not offer it",
            "de kandidaat heeft een vaste structuur nodig; het pakket biedt die niet",
        ),
    )
)

REGISTRY.register(
    Rule(
        name="stimulus",
        function=stimulus,
        values=_stimulus_values,
        texts={
            "stimulus": CodeText(
                reason=Words("too many stimuli", "te veel prikkels"),
                candidate=Words(
                    "needs a workplace with few stimuli", "heeft een prikkelarme werkplek nodig"
                ),
                package=Words("a workplace with {stimulus}", "een werkplek met {stimulus}"),
                message=Words(
                    "The candidate needs a workplace with few stimuli; this one has {stimulus}.",
                    "De kandidaat heeft een prikkelarme werkplek nodig; deze werkplek heeft "
                    "{stimulus}.",
                ),
            )
        },
        reads=("need_low_stimulus",),
        package_reads=("stimulus",),
        per_task=True,
        summary=Words(
            "the candidate needs few stimuli; the workplace has a medium or high level",
            "de kandidaat heeft een prikkelarme werkplek nodig; deze heeft gemiddeld of veel "
            "prikkels",
        ),
    )
)

REGISTRY.register(
    Rule(
        name="movement",
        function=movement,
        values=no_values,
        texts={
            "movement": CodeText(
                reason=Words("seated all day", "de hele dag zitten"),
                candidate=Words(
                    "must be able to walk and move regularly",
                    "moet regelmatig kunnen lopen en bewegen",
                ),
                package=Words(
                    "seated most of the day, no walking or standing",
                    "grotendeels zittend werk, zonder lopen of staan",
                ),
                message=Words(
                    "The candidate must be able to walk and move regularly; this work is seated "
                    "most of the day, without walking or standing.",
                    "De kandidaat moet regelmatig kunnen lopen en bewegen; dit werk is "
                    "grotendeels zittend, zonder lopen of staan.",
                ),
            )
        },
        reads=("need_movement",),
        package_reads=("demands",),
        summary=Words(
            "the candidate must walk and move regularly; the package is seated most of the "
            "day (sitting at level 3) and asks no walking or standing",
            "de kandidaat moet regelmatig kunnen bewegen; het pakket is grotendeels zittend "
            "(zitten op niveau 3) zonder lopen of staan",
        ),
    )
)

REGISTRY.register(
    Rule(
        name="jobcoach",
        function=jobcoach,
        values=_jobcoach_values,
        texts={
            "jobcoach": CodeText(
                reason=Words("no jobcoach possible", "geen jobcoach mogelijk"),
                candidate=Words("needs a jobcoach", "heeft een jobcoach nodig"),
                package={
                    "none": Words("no jobcoach offered", "biedt geen jobcoach"),
                    "contract": Words("{contract}", "{contract}"),
                    "unknown_length": Words(
                        "{contract} of unknown length", "{contract} van onbekende duur"
                    ),
                    "short": Words(
                        "{contract} of {months} months", "{contract} van {months} maanden"
                    ),
                },
                message={
                    "none": Words(
                        "The candidate needs a jobcoach; the package does not offer one.",
                        "De kandidaat heeft een jobcoach nodig; het pakket biedt die niet.",
                    ),
                    "contract": Words(
                        "The candidate needs a jobcoach; no jobcoach is granted on {contract}.",
                        "De kandidaat heeft een jobcoach nodig; bij {contract} wordt geen "
                        "jobcoach toegekend.",
                    ),
                    "unknown_length": Words(
                        "The candidate needs a jobcoach; one is granted only on a contract of "
                        "more than {min} months, and this contract's length is not given.",
                        "De kandidaat heeft een jobcoach nodig; die wordt alleen toegekend bij "
                        "een contract van meer dan {min} maanden, en de duur van dit contract "
                        "is niet bekend.",
                    ),
                    "short": Words(
                        "The candidate needs a jobcoach; one is granted only on a contract of "
                        "more than {min} months, and this contract runs {months} months.",
                        "De kandidaat heeft een jobcoach nodig; die wordt alleen toegekend bij "
                        "een contract van meer dan {min} maanden, en dit contract duurt "
                        "{months} maanden.",
                    ),
                },
            )
        },
        reads=("need_jobcoach",),
        package_reads=("offers_jobcoach", "contract", "months"),
        summary=Words(
            "the candidate needs a jobcoach; none is offered, or the contract is of a type "
            "that allows none (agency, zero-hours, min-max) or not longer than 6 months",
            "de kandidaat heeft een jobcoach nodig; die wordt niet geboden, of het contract is "
            "van een soort zonder jobcoach (uitzend, nuluren, min-max) of niet langer dan 6 "
            "maanden",
        ),
    )
)

REGISTRY.register(
    _support(
        mentor,
        Words("no workplace mentor", "geen werkbegeleider"),
        Words("needs a workplace mentor or buddy", "heeft een werkbegeleider of buddy nodig"),
        Words("no mentor or buddy", "geen werkbegeleider of buddy"),
        Words(
            "The candidate needs a workplace mentor or buddy; the package has none.",
            "De kandidaat heeft een werkbegeleider of buddy nodig; het pakket heeft die niet.",
        ),
        Words(
            "the candidate needs a workplace mentor or buddy; the package has none",
            "de kandidaat heeft een werkbegeleider of buddy nodig; het pakket heeft die niet",
        ),
    )
)

REGISTRY.register(
    _support(
        colleague,
        Words("no colleague to fall back on", "geen collega om op terug te vallen"),
        Words("needs a colleague to fall back on", "heeft een collega nodig om op terug te vallen"),
        Words("no colleague close by", "geen collega in de buurt"),
        Words(
            "The candidate needs a colleague to fall back on; the package has none close by.",
            "De kandidaat heeft een collega nodig om op terug te vallen; bij dit pakket is die "
            "er niet.",
        ),
        Words(
            "the candidate needs a colleague to fall back on; the package has none",
            "de kandidaat heeft een collega nodig om op terug te vallen; het pakket heeft die "
            "niet",
        ),
    )
)

REGISTRY.register(
    Rule(
        name="office",
        function=office,
        values=_office_values,
        texts={
            "office": CodeText(
                reason=Words("not every day at the office", "niet elke dag op kantoor"),
                candidate=Words(
                    "needs to work at the office every working day",
                    "moet elke werkdag op kantoor werken",
                ),
                package={
                    "remote": Words("work from home", "thuiswerk"),
                    "hybrid": Words(
                        "{office} of {days} days at the office",
                        "{office} van de {days} dagen op kantoor",
                    ),
                    "": Words(
                        "partly from home, office days not given",
                        "deels thuis, kantoordagen niet bekend",
                    ),
                },
                message={
                    "remote": Words(
                        "The candidate needs the daily structure of the office; this work is "
                        "done from home.",
                        "De kandidaat heeft de dagelijkse structuur van kantoor nodig; dit werk "
                        "gebeurt thuis.",
                    ),
                    "hybrid": Words(
                        "The candidate needs the office every working day; this job has "
                        "{office} of its {days} days at the office.",
                        "De kandidaat heeft elke werkdag kantoor nodig; bij deze baan zijn "
                        "{office} van de {days} werkdagen op kantoor.",
                    ),
                    "": Words(
                        "The candidate needs the office every working day; this job is partly "
                        "done from home.",
                        "De kandidaat heeft elke werkdag kantoor nodig; deze baan is deels "
                        "thuiswerk.",
                    ),
                },
            )
        },
        reads=("need_office",),
        package_reads=("work_location", "office_days", "days"),
        summary=Words(
            "the candidate needs the office every working day; the work is remote, or hybrid "
            "with fewer office days than working days",
            "de kandidaat heeft elke werkdag kantoor nodig; het werk is thuiswerk, of hybride "
            "met minder kantoordagen dan werkdagen",
        ),
    )
)
