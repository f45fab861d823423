"""The audit record of a run: what was run, on what (as keyed digests), and what came out."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from .._canonical import keyed_digest, records_digest
from .._results import AuditRecord, MatchResult
from ..rules import REGISTRY
from ._problem import Problem

__all__ = ["audit_record", "library_version"]


def audit_record(problem: Problem, result: MatchResult) -> AuditRecord:
    """The record of ``result``: digests of the inputs under the config's audit key (none of
    the candidates without a key), the rules and weights in force, pins and overrides."""
    cfg = problem.config
    key = cfg.audit_key_bytes()
    pins = list(cfg.pinned)
    if not cfg.audit_pin_notes:
        pins = [p.model_copy(update={"note": ""}) if p.note else p for p in pins]
    return AuditRecord(
        library_version=library_version(),
        timestamp=datetime.now(UTC),
        keyed=key is not None,
        candidates_digest=None if key is None else records_digest(problem.candidates, key),
        packages_digest=records_digest(problem.packages, key),
        config_digest=keyed_digest(cfg.model_dump_json().encode(), key),
        travel_times=problem.travel_times,
        rules={code: cfg.mode_of(code) for code in REGISTRY.codes},
        weights=cfg.component_weights(),
        penalty=cfg.penalty,
        min_score=cfg.min_score,
        solver=result.solver,
        status=result.status,
        n_candidates=result.n_candidates,
        n_packages=result.n_packages,
        n_slots=result.n_slots,
        n_feasible_pairs=result.n_feasible_pairs,
        n_assigned=len(result.assignments),
        pins=pins,
        overrides=[a for a in result.assignments if a.override],
        n_forbidden=len(cfg.forbidden),
    )


@cache
def library_version() -> str:
    """The installed wbamatch version (``0.0.0+unknown`` when run from a source tree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wbamatch")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0+unknown"
