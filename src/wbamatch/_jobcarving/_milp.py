"""A mixed-integer program built up in blocks, solved with ``scipy.optimize.milp`` (HiGHS)."""

from __future__ import annotations

from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

#: Solver gap below which a solution counts as optimal.
_MIP_REL_GAP: Final[float] = 1e-9
#: HiGHS options for these small models, passed through ``scipy.optimize.milp`` (which hands
#: options it does not know to HiGHS verbatim). Measured on the 200-task benchmark: the sub-MIP
#: heuristics (RINS, RENS, root reduced cost) took most of the time of a solve that needed one
#: node; without them a carve is 2-3x faster. Only the search effort changes, not the optimum.
_HIGHS_TUNING: Final[dict[str, Any]] = {
    "mip_heuristic_effort": 0.0,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
    "mip_heuristic_run_root_reduced_cost": False,
}


class _Lp:
    """A mixed-integer program built up in blocks of columns and rows (maximisation)."""

    def __init__(self) -> None:
        self.obj: list[float] = []
        self.lb: list[float] = []
        self.ub: list[float] = []
        self.integer: list[int] = []
        self.r: list[NDArray[np.intp]] = []
        self.c: list[NDArray[np.intp]] = []
        self.v: list[NDArray[np.float64]] = []
        self.rlb: list[float] = []
        self.rub: list[float] = []

    def var(
        self, n: int, obj: Any = 0.0, ub: Any = 1.0, *, integer: bool = False
    ) -> NDArray[np.intp]:
        start = len(self.obj)
        self.obj += np.broadcast_to(np.asarray(obj, dtype=np.float64), (n,)).tolist()
        self.lb += [0.0] * n
        self.ub += np.broadcast_to(np.asarray(ub, dtype=np.float64), (n,)).tolist()
        self.integer += [int(integer)] * n
        return np.arange(start, start + n, dtype=np.intp)

    def rows(
        self,
        local: NDArray[np.intp],
        cols: NDArray[np.intp],
        vals: NDArray[np.float64] | float,
        n_rows: int,
        lb: float,
        ub: float,
    ) -> None:
        """Add ``n_rows`` rows ``lb <= sum(vals * x[cols]) <= ub``; ``local`` numbers the rows."""
        offset = len(self.rlb)
        self.r.append(np.asarray(local, dtype=np.intp) + offset)
        self.c.append(np.asarray(cols, dtype=np.intp))
        self.v.append(np.broadcast_to(np.asarray(vals, dtype=np.float64), np.shape(cols)).copy())
        self.rlb += [lb] * n_rows
        self.rub += [ub] * n_rows

    def row(self, cols: NDArray[np.intp], vals: Any, lb: float, ub: float) -> None:
        self.rows(np.zeros(len(cols), dtype=np.intp), cols, vals, 1, lb, ub)

    def solve(self, time_limit: float, *, tuned: bool = True) -> Any:
        """``scipy.optimize.milp`` on the model, with :data:`_HIGHS_TUNING` when ``tuned``.

        A team keeps HiGHS's default heuristics: with many blocks competing for tasks they find
        good splits early (measured: 6.1 s against 8.3 s for five people and 50 tasks).

        HiGHS's presolve (scipy 1.17) may end some small infeasible models in a "solve error"
        (status 4) instead of proving them infeasible; such a model is solved again without
        presolve, which proves it.
        """
        import time

        start = time.monotonic()
        res = self._milp(time_limit, tuned=tuned, presolve=True)
        if res.x is None and res.status == 4:
            left = max(time_limit - (time.monotonic() - start), 0.01)
            res = self._milp(left, tuned=tuned, presolve=False)
        return res

    def _milp(self, time_limit: float, *, tuned: bool, presolve: bool) -> Any:
        import warnings

        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import csr_array

        n = len(self.obj)
        constraints = []
        if self.rlb:  # the matrix is rebuilt per solve: cuts may have added rows
            matrix = csr_array(
                (np.concatenate(self.v), (np.concatenate(self.r), np.concatenate(self.c))),
                shape=(len(self.rlb), n),
            )
            constraints.append(LinearConstraint(matrix, self.rlb, self.rub))
        options: dict[str, Any] = {"time_limit": float(time_limit), "mip_rel_gap": _MIP_REL_GAP}
        if not presolve:
            options["presolve"] = False
        c, integrality = -np.asarray(self.obj), np.asarray(self.integer)
        bounds = Bounds(np.asarray(self.lb), np.asarray(self.ub))
        if tuned:
            with warnings.catch_warnings():
                # scipy warns that it hands options it does not know to HiGHS: intended here.
                warnings.simplefilter("ignore", RuntimeWarning)
                try:
                    return milp(
                        c,
                        integrality=integrality,
                        bounds=bounds,
                        constraints=constraints,
                        options={**options, **_HIGHS_TUNING},
                    )
                except (AttributeError, TypeError, ValueError, KeyError):
                    pass  # a scipy or HiGHS without these options: solve with the defaults
        return milp(
            c, integrality=integrality, bounds=bounds, constraints=constraints, options=options
        )
