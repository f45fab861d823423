"""The public entry points: validate at the boundary, then run the pipeline.

``candidates`` and ``packages`` may be model instances or plain dicts in the JSON shapes of
:class:`~wbamatch.Candidate` and :class:`~wbamatch.TaskPackage`; inputs are never mutated.
The work is done by :mod:`wbamatch._pipeline`; this module only fixes the public signatures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._compatibility import Compatibility, build_compatibility, check_dense
from ._config import MatchConfig
from ._explain import Explanation, explain_pair
from ._limits import DEFAULT_LIMITS, Limits
from ._models import Candidate, TaskPackage
from ._pipeline import (
    CurrentOption,
    TravelMinutes,
    check_problem_certificate,
    prepare,
    solve_problem,
)
from ._progress import ProgressOption
from ._results import CertificateCheck, MatchResult

__all__ = ["check_certificate", "compatibility", "explain", "match"]


def compatibility(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    travel_minutes: TravelMinutes = None,
) -> Compatibility:
    """Feasibility, reasons and scores of every candidate-package pair.

    Parameters
    ----------
    candidates, packages
        Models or dicts in their JSON shape; any order.
    config
        A :class:`MatchConfig` (or a dict of its fields); default settings when None.
    travel_minutes
        Optional one-way travel minutes: a ``(n_candidates, n_packages)`` array in input order
        (NaN = unknown), or a :class:`~wbamatch._commute.TravelTimeProvider`. Default: estimated
        from coordinates by :class:`~wbamatch._commute.EstimatedTravelTime`.

    Returns
    -------
    Compatibility
        Arrays of shape ``(n_candidates, n_packages)``, rows and columns sorted by id.

    Raises
    ------
    pydantic.ValidationError
        A record does not validate; the title names the record id.
    InputError
        Empty lists, duplicate ids, unknown places, a travel matrix of the wrong shape.

    Example
    -------
    >>> import wbamatch
    >>> comp = wbamatch.compatibility(*wbamatch.demo_data())
    >>> comp.scores.shape == comp.feasible.shape
    True
    """
    problem = prepare(candidates, packages, config, travel_minutes)
    check_dense(len(problem.cand), len(problem.pkg), problem.config, limits=problem.limits)
    return build_compatibility(
        problem.cand, problem.pkg, problem.minutes_for(slice(None)), problem.config
    )


def match(
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    travel_minutes: TravelMinutes = None,
    progress: ProgressOption = None,
    limits: Limits = DEFAULT_LIMITS,
    current: CurrentOption = None,
) -> MatchResult:
    """Find the set of placements with the highest total score for the whole group.

    Every candidate gets at most one package, no package more people than its ``slots``, no
    pair that a hard rule forbids and no pair scoring below ``config.min_score``. Among those,
    the total score is maximal: solved exactly (scipy, or OR-Tools' min-cost flow with the
    ``wbamatch[fast]`` extra) and proven so by the LP dual prices in ``result.certificate``
    (see :func:`check_certificate`). The result does not depend on the order of the inputs.

    Parameters
    ----------
    candidates, packages, config, travel_minutes
        As for :func:`compatibility`.
    progress
        ``None``: a progress bar when run in a terminal or notebook (after half a second);
        ``False``: none; a callable ``(blocks_done, blocks_total)`` for services, which may
        raise any exception to cancel the run (the exception reaches the caller).
    limits
        The sizes at which the pipeline changes route (:class:`~wbamatch.Limits`: one dense
        pass or blocks, a dense or sparse solve, pruning, memory projections). They never
        change the result; tests pass small ones to reach every route on small inputs.
    current
        Doorstroom: the placements that exist, ``[{"candidate_id": ..., "package_id": ...}]``
        (or :class:`~wbamatch.Pair`), one per person at work; a package's ``slots`` include its
        occupants. Each of them stays (``status="stays"``), moves (``"moves"``) or is flagged
        in ``result.flagged``. Someone with ``open_to_move: false`` stays unless their current
        pair breaks a hard rule; someone open to move is proposed another package only when
        it raises their own score by at least ``config.move_threshold``; nobody whose current
        pair breaks no hard rule loses their place. Stays and moves add no banen
        (``result.banen_new`` counts the new placements only). Switch places (track
        ``schakelplek``) go only to people whose job breaks a rule, is too heavy or far below
        their level. Still one exact solve (see :mod:`wbamatch._pipeline._doorstroom`); with
        ``current`` empty the result is the same as without it.

    Returns
    -------
    MatchResult
        Assignments, unassigned candidates with the reasons that blocked them most, open slots,
        the total score and the Banenafspraak count (``banen``; with ``current`` also
        ``banen_before``, ``banen_new``, ``banen_growth``, ``schakelplekken`` and ``flagged``).

    Raises
    ------
    pydantic.ValidationError, InputError
        As for :func:`compatibility`; for ``current``, every problem at once (an unknown id,
        two entries for one person, more occupants than a package's slots, a switch place
        longer than ``config.schakelplek_months``).

    Example
    -------
    >>> import wbamatch
    >>> result = wbamatch.match(*wbamatch.demo_data())
    >>> all(a.score > 0 for a in result.assignments)
    True
    >>> moved = wbamatch.match(*wbamatch.demo_data(),
    ...                        current=[{"candidate_id": "c-001", "package_id": "p-001"}])
    >>> moved.assignment_of("c-001").status.value, moved.banen_new < moved.banen
    ('stays', True)
    """
    problem = prepare(candidates, packages, config, travel_minutes, limits=limits, current=current)
    return solve_problem(problem, progress=progress)


def check_certificate(
    result: MatchResult,
    candidates: Iterable[Candidate | Mapping[str, Any]],
    packages: Iterable[TaskPackage | Mapping[str, Any]],
    *,
    travel_minutes: TravelMinutes = None,
) -> CertificateCheck:
    """Check that ``result`` is optimal from its certificate, without solving again.

    Lists every pair the solver could use (with the same code and the result's config:
    feasible, at or above the minimum score, not forbidden, of a person who is not pinned) and
    checks the dual prices on each: ``u, v >= 0``, ``u + v >= score``, and a dual total equal
    to the total score of the solver's placements, which must themselves be such pairs within
    the slots. Any pair list can be checked with :meth:`Certificate.check`.

    Parameters
    ----------
    result
        A result of :func:`match` (or read back with ``MatchResult.model_validate_json``).
    candidates, packages, travel_minutes
        The inputs as given to :func:`match`, in any order.

    Raises
    ------
    InputError
        The result has no certificate.

    Example
    -------
    >>> import wbamatch
    >>> cands, packs = wbamatch.demo_data()
    >>> wbamatch.check_certificate(wbamatch.match(cands, packs), cands, packs).valid
    True
    """
    problem = prepare(candidates, packages, result.config, travel_minutes, current=result.current)
    return check_problem_certificate(result, problem)


def explain(
    candidate: Candidate | Mapping[str, Any],
    package: TaskPackage | Mapping[str, Any],
    config: MatchConfig | Mapping[str, Any] | None = None,
    *,
    travel_minutes: TravelMinutes = None,
) -> Explanation:
    """Explain one pair: each broken rule with both values and a message, and the score's parts.

    Built by :func:`compatibility` on the single pair, so it agrees with it on feasibility,
    reasons and score by construction.

    Parameters
    ----------
    candidate, package
        A model or a dict in its JSON shape.
    config, travel_minutes
        As for :func:`compatibility` (``travel_minutes`` as a 1 x 1 matrix or a provider).

    Example
    -------
    >>> import wbamatch
    >>> cands, packs = wbamatch.demo_data()
    >>> ex = wbamatch.explain(cands[0], packs[0])
    >>> abs(sum(ex.components.values()) - ex.raw_score) < 1e-9 or ex.raw_score in (0.0, 1.0)
    True
    """
    comp = compatibility([candidate], [package], config, travel_minutes=travel_minutes)
    return explain_pair(comp, 0, 0)
