"""Rules about the workplace and its support: structure, stimuli, movement, the office, a
jobcoach, a mentor, a colleague to fall back on, a trained manager and a workplace
supervisor."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._encode import CONTRACT_CODE, LOCATION_CODE, STIMULUS_CODE, CandidateArrays, PackageArrays
from .._settings import MatchSettings
from .._vocabulary import DIMENSIONS, MAX_LEVEL, ContractType, Stimulus, WorkLocation
from ._arrays import col, row
from ._registry import REGISTRY, Mask, PairContext, Rule, no_values
from ._text import Number, Term, from_catalogue, summary

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
    "supervisor",
    "trained_manager",
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
trained_manager = _flag("need_trained_manager", "offers_trained_manager", "trained_manager")
supervisor = _flag("need_supervisor", "offers_supervisor", "supervisor")


def stimulus(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``stimulus``: the candidate needs few stimuli; the workplace has a medium or high level."""
    busy = p.stimulus != STIMULUS_CODE[Stimulus.LOW]
    return {"stimulus": col(c.need_low_stimulus) & row(busy)}


def seated_only(p: PackageArrays) -> NDArray[np.bool_]:
    """Packages seated most of the day (sitting at the top level) that ask no walking or
    standing."""
    d = p.demands
    out: NDArray[np.bool_] = (
        (d[:, _SITTING] >= MAX_LEVEL) & (d[:, _WALKING] == 0) & (d[:, _STANDING] == 0)
    )
    return out


def movement(c: CandidateArrays, p: PackageArrays, ctx: PairContext) -> dict[str, Mask]:
    """``movement``: the candidate must walk and move regularly; the work is seated all day."""
    return {"movement": col(c.need_movement) & row(seated_only(p))}


def jobcoach_possible(p: PackageArrays, config: MatchSettings) -> NDArray[np.bool_]:
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
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchSettings, i: int, j: int
) -> dict[str, Any]:
    return {"stimulus": Term(_STIMULI[int(p.stimulus[j])])}


def _jobcoach_values(
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchSettings, i: int, j: int
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
    code: str, c: CandidateArrays, p: PackageArrays, t: float, cfg: MatchSettings, i: int, j: int
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


def _support(function: Any) -> Rule:
    """A rule "needs X; the package does not offer X", read from ``need_X`` and ``offers_X``."""
    name = function.__name__
    return Rule(
        name=name,
        function=function,
        values=no_values,
        texts=from_catalogue(name),
        reads=(f"need_{name}",),
        package_reads=(f"offers_{name}",),
        summary=summary(name),
    )


REGISTRY.register(_support(structure))

REGISTRY.register(
    Rule(
        name="stimulus",
        function=stimulus,
        values=_stimulus_values,
        texts=from_catalogue("stimulus"),
        reads=("need_low_stimulus",),
        package_reads=("stimulus",),
        per_task=True,
        summary=summary("stimulus"),
    )
)

REGISTRY.register(
    Rule(
        name="movement",
        function=movement,
        values=no_values,
        texts=from_catalogue("movement"),
        reads=("need_movement",),
        package_reads=("demands",),
        summary=summary("movement"),
    )
)

REGISTRY.register(
    Rule(
        name="jobcoach",
        function=jobcoach,
        values=_jobcoach_values,
        texts=from_catalogue("jobcoach"),
        reads=("need_jobcoach",),
        package_reads=("offers_jobcoach", "contract", "months"),
        summary=summary("jobcoach"),
    )
)

REGISTRY.register(_support(mentor))

REGISTRY.register(_support(colleague))

REGISTRY.register(_support(trained_manager))

REGISTRY.register(_support(supervisor))

REGISTRY.register(
    Rule(
        name="office",
        function=office,
        values=_office_values,
        texts=from_catalogue("office"),
        reads=("need_office",),
        package_reads=("work_location", "office_days", "days"),
        summary=summary("office"),
    )
)
