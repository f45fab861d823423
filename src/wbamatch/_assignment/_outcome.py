"""What a solve returns, how it went, and the edge-list bookkeeping every route shares."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from .._exceptions import ResourceLimitError
from .._vocabulary import SolverStatus
from ._duals import Duals

__all__ = ["AssignmentOutcome", "Method", "SolverPath", "SolverStatus", "Step"]


class Method(StrEnum):
    """How :func:`solve_edges` solves: one route, or ``auto`` to choose by size."""

    AUTO = "auto"
    DENSE = "dense"
    SPARSE = "sparse"
    COMPONENTS = "components"
    FLOW = "flow"


class Step(StrEnum):
    """One kind of step on the solver's path."""

    NONE = "none"
    LINEAR_SUM = "linear_sum_assignment"
    DENSE = "dense_lsa"
    SPARSE = "sparse_min_weight_matching"
    FLOW = "min_cost_flow"
    PRUNED = "pruned"
    COMPONENTS = "components"
    #: Pairs streamed (each package's best kept while collecting), rounds of widening.
    STREAMED = "streamed"


@dataclass(frozen=True)
class SolverPath:
    """Which way the solver went: a leaf solver, or pruning rounds / components over parts.

    ``str()`` is the compact form results carry (``"pruned:2[components:3[dense_lsa]]"``).

    Example
    -------
    >>> str(SolverPath(Step.PRUNED, 2, (SolverPath(Step.DENSE),)))
    'pruned:2[dense_lsa]'
    """

    step: Step
    #: Pruning rounds, or the number of components.
    count: int = 0
    #: The distinct paths of the parts (sorted by their text), for a composite step.
    parts: tuple[SolverPath, ...] = ()

    def __str__(self) -> str:
        if self.step not in (Step.PRUNED, Step.COMPONENTS, Step.STREAMED):
            return self.step.value
        inner = "+".join(str(p) for p in self.parts)
        return f"{self.step.value}:{self.count}[{inner}]"


@dataclass(frozen=True, eq=False)
class AssignmentOutcome:
    """Chosen pairs as parallel index arrays, sorted by row."""

    rows: NDArray[np.intp]
    cols: NDArray[np.intp]
    total: float
    status: SolverStatus
    path: SolverPath
    #: The dual prices that prove the optimum (set by :func:`solve_edges` on every route).
    duals: Duals | None = None

    @property
    def solver(self) -> str:
        """The path as text (what :attr:`wbamatch.MatchResult.solver` holds)."""
        return str(self.path)


def _nothing(prices: NDArray[np.float64] | None = None) -> AssignmentOutcome:
    """No eligible pair: nobody placed, correctly (with ``prices`` per package, its duals)."""
    empty = np.empty(0, dtype=np.intp)
    duals = Duals(np.zeros(0), prices, 0) if prices is not None else None
    return AssignmentOutcome(
        empty, empty, 0.0, SolverStatus.NO_ELIGIBLE_PAIRS, SolverPath(Step.NONE), duals
    )


def _method(method: str | Method) -> Method:
    try:
        return Method(method)
    except ValueError:
        raise ValueError(
            f"method must be 'auto', 'dense', 'sparse', 'components' or 'flow', got {method!r}"
        ) from None


def _compact(values: NDArray[np.intp]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Distinct values in order and each value's position among them (``np.unique`` with
    ``return_inverse``, in linear time for the small non-negative indices used here)."""
    present = np.zeros(int(values.max(initial=-1)) + 1, dtype=np.bool_)
    present[values] = True
    distinct = np.flatnonzero(present)
    position = np.cumsum(present, dtype=np.intp) - 1
    return distinct, position[values]


@dataclass(frozen=True, eq=False)
class _Graph:
    """An edge list's distinct rows and columns, each edge's local indices, and the slot columns
    a dense or sparse solve would need."""

    urows: NDArray[np.intp]
    ucols: NDArray[np.intp]
    r_local: NDArray[np.intp]
    c_local: NDArray[np.intp]
    #: Slot columns per distinct column: never more than the candidates who could take it.
    slot_count: NDArray[np.int64]

    @classmethod
    def of(cls, rows: NDArray[np.intp], cols: NDArray[np.intp], slots: NDArray[np.int64]) -> _Graph:
        urows, r_local = _compact(rows)
        ucols, c_local = _compact(cols)
        degree = np.bincount(c_local, minlength=ucols.size)
        return cls(urows, ucols, r_local, c_local, np.minimum(slots[ucols], degree))

    @property
    def n_rows(self) -> int:
        return int(self.urows.size)

    @property
    def n_slots(self) -> int:
        return int(self.slot_count.sum())

    @property
    def cells(self) -> int:
        """Cells of the dense matrix: rows x (slot columns + rows) on the smaller side."""
        small = min(self.n_rows, self.n_slots)
        return small * (max(self.n_rows, self.n_slots) + small)


def _check_budget(need: int, max_bytes: int | None, what: str) -> None:
    if max_bytes is not None and need > max_bytes:
        raise ResourceLimitError(
            f"solving {what} would need about {need >> 20:,} MB once packages are expanded into "
            f"their slots, more than MatchConfig.max_memory_mb={max_bytes >> 20:,}; raise the "
            "limit if the machine has the memory, or split the run (by region or by package)"
        )
