"""Audit records (EU AI Act art. 12): check that a stored result is what the inputs give.

Every :class:`~wbamatch.MatchResult` from :func:`wbamatch.match` carries an
:class:`~wbamatch._results.AuditRecord`: library version, UTC timestamp, digests of the canonical
inputs and of the config (HMAC-SHA256 under the organisation's key; without a key there is no
digest of the candidates at all), the rules and weights in force, solver and status, counts,
pins and overrides. It holds no record fields, so no capacities or needs.
:func:`verify` recomputes the match from the inputs and says whether the result is reproduced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import Field, SecretStr

from ._canonical import keyed_digest, records_digest
from ._config import MatchConfig
from ._exceptions import WbamatchError
from ._models import Candidate, ResultModel, TaskPackage
from ._pipeline import (
    Problem,
    TravelMinutes,
    check_problem_certificate,
    library_version,
    prepare,
    solve_problem,
)
from ._results import AuditRecord, MatchResult
from ._settings import audit_key_from_environment

__all__ = ["AuditRecord", "Verification", "verify"]


class Verification(ResultModel):
    """The answer of :func:`verify`."""

    reproduced: bool = Field(description="Inputs match the record and the result is recomputed.")
    inputs_match: bool = Field(description="The digests of the given inputs equal the record's.")
    candidates_checked: bool = Field(
        True, description="False for an unkeyed record, which holds no digest of the candidates."
    )
    config_matches: bool = Field(description="The result's config has the recorded digest.")
    same_version: bool = Field(description="Recorded with this library version.")
    optimal: bool | None = Field(
        None,
        description=(
            "The result's certificate proves its placements optimal for the given inputs "
            "(None: the result carries no certificate)."
        ),
    )
    differences: list[str] = Field(
        default_factory=list, description="What differs, in words (ids and field names only)."
    )


def verify(
    result: MatchResult,
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    *,
    travel_minutes: TravelMinutes = None,
    key: str | bytes | None = None,
    solve: bool = True,
) -> Verification:
    """Recompute ``result`` from the inputs and say whether it is reproduced exactly.

    Checks the digests of the inputs and of the config against the audit record, solves again
    and compares everything but the timestamp, and checks the certificate on every pair the
    inputs give (``optimal``); ``solve=False`` skips solving: the certificate alone proves a
    stored result optimal. Works on a result read back from JSON. A keyed record needs the same
    key (``key``, else ``WBAMATCH_AUDIT_KEY``); an unkeyed one holds no digest of the
    candidates, so their records are not checked (``candidates_checked`` is False).

    Parameters
    ----------
    result
        A result of :func:`wbamatch.match`, or one read back from JSON.
    candidates, packages, travel_minutes
        The inputs as given to :func:`wbamatch.match`, in any order.
    key
        The organisation's audit key, for a keyed record.
    solve
        Solve again and compare (default), or only check the certificate.

    Raises
    ------
    WbamatchError
        The result has no audit record, or it is keyed and no key was given.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch.audit import verify
    >>> cands, packs = wbamatch.demo_data()
    >>> cfg = wbamatch.MatchConfig(audit_key="an organisation secret")
    >>> stored = wbamatch.match(cands, packs, cfg).model_dump_json()
    >>> again = wbamatch.MatchResult.model_validate_json(stored)
    >>> verify(again, cands, packs, key="an organisation secret").reproduced
    True
    """
    record = result.audit
    if record is None:
        raise WbamatchError("the result has no audit record; only match() results can be verified")
    secret = _key(key, record.keyed)
    config = _with_key(result.config, secret)
    problem = prepare(
        list(candidates), list(packages), config, travel_minutes, current=result.current
    )
    differences = _input_differences(record, problem, secret)
    inputs_match = not differences
    config_matches = keyed_digest(config.model_dump_json().encode(), secret) == (
        record.config_digest
    )
    if not config_matches:
        differences.append("the result's config is not the recorded one (config_digest)")
    optimal = _certified(result, problem, differences)
    same_version = record.library_version == library_version()
    recomputed: list[str] = []
    if solve:
        recomputed = _compare(result, solve_problem(problem))
        differences += recomputed
    if not same_version:
        differences.append(
            f"recorded with wbamatch {record.library_version}, checked with {library_version()}"
        )
    # Without solving again, only a certificate proves the placements.
    proven = optimal is not False if solve else bool(optimal)
    return Verification(
        reproduced=inputs_match and config_matches and not recomputed and proven,
        inputs_match=inputs_match,
        candidates_checked=record.candidates_digest is not None,
        config_matches=config_matches,
        same_version=same_version,
        optimal=optimal,
        differences=differences,
    )


def _with_key(config: MatchConfig, secret: bytes | None) -> MatchConfig:
    """The recorded config never holds its key: put it back for the rerun."""
    if secret is None:
        return config
    return config.model_copy(update={"audit_key": SecretStr(secret.decode("utf-8"))})


def _certified(result: MatchResult, problem: Problem, differences: list[str]) -> bool | None:
    """Whether the result's certificate proves it optimal (None: it has none)."""
    if result.certificate is None:
        return None
    optimal = check_problem_certificate(result, problem).valid
    if not optimal:
        differences.append("the certificate does not prove these placements optimal")
    return optimal


def _input_differences(record: AuditRecord, problem: Problem, secret: bytes | None) -> list[str]:
    """What differs between the validated inputs and the digests in the record, in words.

    An unkeyed record holds no digest of the candidates, so theirs is not compared.
    """
    differences: list[str] = []
    checked = record.candidates_digest is not None
    if checked and records_digest(problem.candidates, secret) != record.candidates_digest:
        differences.append("candidates differ from the recorded ones (candidates_digest)")
    if records_digest(problem.packages, secret) != record.packages_digest:
        differences.append("packages differ from the recorded ones (packages_digest)")
    if problem.travel_times != record.travel_times:
        differences.append("travel times differ from the recorded ones (travel_times)")
    return differences


def _key(key: str | bytes | None, keyed: bool) -> bytes | None:
    """The key to check a record with: given, else from the environment; None for unkeyed."""
    if not keyed:
        return None
    if key is None:
        found = audit_key_from_environment()
        if found is None:
            raise WbamatchError(
                "the audit record is keyed: pass key= or set WBAMATCH_AUDIT_KEY to the "
                "organisation key it was made with"
            )
        return found
    return key.encode("utf-8") if isinstance(key, str) else bytes(key)


def _compare(stored: MatchResult, again: MatchResult) -> list[str]:
    """What differs between a stored result and its recomputation, in words (ids only).

    The timestamp and the library version are not compared: the caller reports the version.
    """
    out: list[str] = []
    for name in ("status", "solver", "total_score", "banen", "n_feasible_pairs"):
        if getattr(stored, name) != getattr(again, name):
            out.append(f"{name} differs")
    before = {a.candidate_id: a for a in stored.assignments}
    after = {a.candidate_id: a for a in again.assignments}
    for cid in sorted(set(before) | set(after)):
        if before.get(cid) != after.get(cid):
            out.append(f"assignment of candidate {cid!r} differs")
    if stored.unassigned != again.unassigned:
        out.append("unassigned candidates or their reasons differ")
    if stored.open_slots != again.open_slots:
        out.append("open slots differ")
    assert stored.audit is not None and again.audit is not None
    keep = {"timestamp", "library_version"}
    a = stored.audit.model_dump(exclude=keep)
    b = again.audit.model_dump(exclude=keep)
    out += [f"audit field {k} differs" for k in sorted(a) if a[k] != b[k]]
    return out
