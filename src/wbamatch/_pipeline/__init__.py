"""The pipeline behind the public entry points: problem, solve, reasons, record, context.

:func:`prepare` validates and encodes the inputs into a :class:`Problem`; :func:`solve_problem`
collects its pairs, solves exactly and builds the :class:`~wbamatch.MatchResult`, to which it
attaches a :class:`SolveContext` for ``why()`` and ``rematch()``. The public functions in
:mod:`wbamatch._api` validate their arguments and call these.
"""

from ._certify import check_problem_certificate
from ._context import SolveContext, solve_problem
from ._current import CurrentOption
from ._problem import Problem, TravelMinutes, prepare
from ._record import library_version

__all__ = [
    "CurrentOption",
    "Problem",
    "SolveContext",
    "TravelMinutes",
    "check_problem_certificate",
    "library_version",
    "prepare",
    "solve_problem",
]
