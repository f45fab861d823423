"""The problem the pipeline solves: validated records, their arrays, travel minutes on demand."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._allocator import settle_allocator
from .._canonical import array_digest
from .._commute import EstimatedTravelTime, TravelTimeProvider
from .._compatibility import MinutesFor, ReachFor
from .._config import MatchConfig, config_of
from .._encode import (
    CandidateArrays,
    PackageArrays,
    encode_candidates,
    encode_packages,
    sort_by_id,
)
from .._exceptions import InputError
from .._gc import paused_gc
from .._limits import DEFAULT_LIMITS, Limits
from .._models import Candidate, TaskPackage
from .._validation import validated_records
from ..rules import max_commute
from ._current import (
    NO_CURRENT,
    CurrentOption,
    CurrentPlacements,
    check_switch_places,
    current_placements,
)

__all__ = ["Problem", "TravelMinutes", "prepare"]

#: What a caller may give for travel times: a minutes matrix, a provider, or None (estimated).
TravelMinutes = ArrayLike | TravelTimeProvider | None


@dataclass(frozen=True, eq=False)
class Problem:
    """Validated, encoded inputs and a way to get travel minutes for any candidate rows."""

    cand: CandidateArrays
    pkg: PackageArrays
    config: MatchConfig
    minutes_for: MinutesFor
    #: ``minutes_for`` against some packages only (their rows in ``pkg``; None: all of them),
    #: for a streamed run that collects a few packages again.
    minutes_to: Callable[[NDArray[np.intp] | None], MinutesFor] = field(repr=False)
    candidates: list[Candidate] = field(repr=False)
    packages: list[TaskPackage] = field(repr=False)
    travel_times: str = "estimated"
    #: Threads for block-wise work: the cores (None), or 1 when a caller's own travel-time
    #: provider is in use (it may not be safe to call from several threads at once).
    workers: int | None = None
    #: With the built-in estimate: a superset of the pairs within each candidate's commute
    #: limit (a dot-product bound), so reasons need travel times only there. None otherwise.
    reach_for: ReachFor | None = None
    #: The sizes that choose a route through the pipeline (never what it finds).
    limits: Limits = DEFAULT_LIMITS
    #: The placements that exist (``match(current=...)``): who holds which package now.
    current: CurrentPlacements = NO_CURRENT

    def with_config(self, config: MatchConfig) -> Problem:
        """The same inputs under another config (a rematch with pins and forbidden pairs)."""
        return replace(self, config=config)


@dataclass(frozen=True)
class _Travel:
    """How a problem gets its travel minutes, and what that allows."""

    minutes_for: MinutesFor
    minutes_to: Callable[[NDArray[np.intp] | None], MinutesFor]
    label: str
    workers: int | None = None
    reach_for: ReachFor | None = None


def prepare(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    config: MatchConfig | Mapping[str, Any] | None,
    travel_minutes: TravelMinutes,
    *,
    limits: Limits = DEFAULT_LIMITS,
    current: CurrentOption = None,
) -> Problem:
    """Validate at the boundary and encode; travel minutes are computed per block on demand.

    ``current`` lists the placements that exist (checked by
    :func:`~._current.current_placements`, every problem at once).

    Example
    -------
    >>> import wbamatch
    >>> problem = prepare(*wbamatch.demo_data(), None, None)
    >>> len(problem.cand), len(problem.pkg), problem.travel_times
    (12, 8, 'estimated')
    """
    cfg = config_of(config)
    with paused_gc():
        cands = validated_records(candidates, Candidate, "candidate", cfg.max_candidates)
        packs = validated_records(packages, TaskPackage, "package", cfg.max_packages)
    if len(cands) * len(packs) > limits.small_pairs:
        settle_allocator()  # block-by-block work from here: see wbamatch._allocator
    cand, pkg = encode_candidates(cands), encode_packages(packs)
    check_switch_places(packs, cfg)
    placed_now = current_placements(current, cand, pkg)
    if travel_minutes is None:
        travel_minutes = EstimatedTravelTime(cfg.commute)
    if isinstance(travel_minutes, TravelTimeProvider):
        travel = _from_provider(travel_minutes, cand, pkg, cfg)
    else:
        travel = _from_matrix(travel_minutes, cands, packs)
    return Problem(
        cand=cand,
        pkg=pkg,
        config=cfg,
        minutes_for=travel.minutes_for,
        minutes_to=travel.minutes_to,
        candidates=cands,
        packages=packs,
        travel_times=travel.label,
        workers=travel.workers,
        reach_for=travel.reach_for,
        limits=limits,
        current=placed_now,
    )


def _from_provider(
    provider: TravelTimeProvider, cand: CandidateArrays, pkg: PackageArrays, cfg: MatchConfig
) -> _Travel:
    """Minutes from a provider, checked; the built-in estimate also bounds who is in reach."""
    modes = cand.travel_modes
    estimated = isinstance(provider, EstimatedTravelTime)

    def minutes_to(cols: NDArray[np.intp] | None) -> MinutesFor:
        to = pkg if cols is None else pkg.take(cols)
        if isinstance(provider, EstimatedTravelTime):
            return _EstimatedMinutes(provider, cand.home, modes, to)

        def minutes_for(
            rows: slice | NDArray[np.intp], where: NDArray[np.bool_] | None = None
        ) -> NDArray[np.float64]:
            return _checked_minutes(provider, cand.home[rows], to, _picked(modes, rows))

        return minutes_for

    minutes_for = minutes_to(None)
    if not estimated:
        # A caller's provider may not be safe to call from several threads at once.
        return _Travel(minutes_for, minutes_to, f"provider {type(provider).__name__}", workers=1)
    assert isinstance(provider, EstimatedTravelTime)
    estimate = provider
    limits = max_commute(cand, cfg)

    def reach_for(rows: NDArray[np.intp]) -> NDArray[np.bool_]:
        picked = [modes[k] for k in rows.tolist()]
        return estimate.reachable(cand.home[rows], pkg.location, picked, limits[rows])

    return _Travel(minutes_for, minutes_to, "estimated", reach_for=reach_for)


def _picked(modes: Any, rows: slice | NDArray[np.intp]) -> Any:
    """The travel modes of some candidate rows."""
    return modes[rows] if isinstance(rows, slice) else [modes[k] for k in rows]


@dataclass(frozen=True, eq=False)
class _EstimatedMinutes:
    """The built-in estimate's minutes for some candidate rows against ``to`` (a
    :class:`~wbamatch._compatibility.MinutesFor`), also for listed pairs alone
    (:func:`~wbamatch._compatibility.listed_minutes`)."""

    estimate: EstimatedTravelTime
    home: NDArray[np.float64]
    modes: Any
    to: PackageArrays

    def __call__(
        self, rows: slice | NDArray[np.intp], where: NDArray[np.bool_] | None = None
    ) -> NDArray[np.float64]:
        picked = _picked(self.modes, rows)
        if where is not None:
            return self.estimate.minutes_where(self.home[rows], self.to.location, picked, where)
        return _checked_minutes(self.estimate, self.home[rows], self.to, picked)

    def listed(
        self, rows: slice | NDArray[np.intp], i: NDArray[np.intp], j: NDArray[np.intp]
    ) -> NDArray[np.float64]:
        """Minutes of the pairs ``(i[k], j[k])`` of the ``(rows, to)`` grid."""
        home = self.home[rows]
        return self.estimate.minutes_listed(home, self.to.location, _picked(self.modes, rows), i, j)


def _checked_minutes(
    provider: TravelTimeProvider, home: NDArray[np.float64], pkg: PackageArrays, picked: Any
) -> NDArray[np.float64]:
    """A provider's minutes, refused unless numbers of the right shape, finite and >= 0."""
    try:
        out = np.asarray(provider.minutes(home, pkg.location, picked), dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(
            f"travel-time provider {type(provider).__name__} did not return numbers"
        ) from exc
    if out.shape != (len(picked), len(pkg)):
        raise InputError(
            f"travel-time provider returned shape {out.shape}, expected {(len(picked), len(pkg))}"
        )
    if np.any(np.isinf(out)) or np.any(out < 0):
        raise InputError(
            f"travel-time provider {type(provider).__name__} returned negative or "
            "infinite minutes; return finite minutes >= 0, NaN for unknown"
        )
    return out


def _from_matrix(
    travel_minutes: ArrayLike, cands: list[Candidate], packs: list[TaskPackage]
) -> _Travel:
    """Minutes from a caller's matrix in input order, reordered to the id order of the arrays."""
    matrix = _minutes_matrix(travel_minutes, (len(cands), len(packs)))
    ordered = matrix[np.ix_(sort_by_id(cands), sort_by_id(packs))]

    def minutes_to(cols: NDArray[np.intp] | None) -> MinutesFor:
        table = ordered if cols is None else ordered[:, cols]

        def from_matrix(
            rows: slice | NDArray[np.intp], where: NDArray[np.bool_] | None = None
        ) -> NDArray[np.float64]:
            return table[rows]

        return from_matrix

    label = f"matrix sha256:{array_digest(matrix)}"
    return _Travel(minutes_to(None), minutes_to, label)


def _minutes_matrix(travel_minutes: ArrayLike, expected: tuple[int, int]) -> NDArray[np.float64]:
    try:
        matrix = np.array(travel_minutes, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InputError(
            "travel_minutes must be a numeric (n_candidates, n_packages) array"
        ) from exc
    if matrix.shape != expected:
        raise InputError(
            f"travel_minutes has shape {matrix.shape}, expected {expected} "
            "(rows in the order of candidates, columns in the order of packages)"
        )
    if np.any(np.isinf(matrix)) or np.any(matrix < 0):
        raise InputError("travel_minutes must be finite and >= 0; use NaN for unknown")
    return matrix
