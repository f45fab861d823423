"""The plan: :class:`MeetGreetPlan`, the fields of :class:`~._meetings.PlanFields` with their
writers.

The plan writes its own handouts (:meth:`MeetGreetPlan.to_html`), schedules
(:meth:`MeetGreetPlan.to_csv`) and notebook view; :func:`plan_meet_and_greet` makes it.
"""

from __future__ import annotations

import os
from pathlib import Path

from .._files import write_atomic
from ._csv import write_csv
from ._handouts import html_page
from ._meetings import PlanFields
from ._schedule import DEFAULT_ROUND_MINUTES, DEFAULT_START, Handout, Names, Start, Tables
from ._view import plan_view

__all__ = ["MeetGreetPlan"]


class MeetGreetPlan(PlanFields):
    """A Meet & Greet schedule: the conversations with the highest total score that fit.

    ``meetings`` are sorted by ``(round, package_id, candidate_id)``. When the best plan under
    ``per_candidate_limit`` / ``per_package_limit`` needs more rounds than available, the limits
    are lowered to the rounds and the plan is optimised again; then ``dropped`` lists the
    meetings of that first (uncapped) optimum that are not in the final plan and
    ``replacements`` the meetings of the final plan that were not in it, both sorted by
    ``(package_id, candidate_id)``. ``uncapped_total_score - total_score`` is what the missing
    rounds cost. Where several plans reach the same total, the one chosen is the solver's
    deterministic choice on the id-sorted problem, so it does not depend on input order.

    Example
    -------
    >>> import wbamatch
    >>> from wbamatch._meetgreet import MeetGreetPlan, plan_meet_and_greet
    >>> plan = plan_meet_and_greet(*wbamatch.demo_data(), rounds=2, per_candidate=2,
    ...                            per_package=2)
    >>> MeetGreetPlan.model_validate_json(plan.model_dump_json()) == plan
    True
    >>> plan.meetings[0].title
    'Archiefmedewerker'
    """

    def to_csv(
        self,
        directory: str | os.PathLike[str],
        *,
        lang: str | None = None,
        event_start: Start = DEFAULT_START,
        round_minutes: int = DEFAULT_ROUND_MINUTES,
        break_minutes: int = 0,
        tables: Tables = None,
        names: Names = None,
        overwrite: bool = True,
    ) -> tuple[Path, Path]:
        """Write ``schedule_by_package.csv`` and ``schedule_by_candidate.csv`` into ``directory``.

        The column names are machine names, the same in every language
        (:data:`CSV_PACKAGE_COLUMNS`, :data:`CSV_CANDIDATE_COLUMNS`); ``start`` and ``end`` are
        the clock times of the round (``09:30``; empty with ``event_start=None``), ``table`` is
        the table as on the handouts and ``candidate_name`` the name from ``names`` (empty when
        there is none). Only the by-package file, the recruiter's, has the ``score`` and a
        ``near_miss`` flag (``yes`` or empty); the reason code of a near miss is never written,
        since it can disclose a need. The by-candidate file holds what a candidate's handout
        holds, so a letter can be merged from it without a score in reach.

        ``lang`` only chooses the default table names (``Tafel 1`` / ``Table 1``); the other
        options are as for :meth:`to_html`. A cell starting with ``= + - @``, a tab or a
        carriage return is prefixed with ``'`` so a spreadsheet shows it as text instead of
        running it as a formula. Files are UTF-8 and written atomically; the directory is
        created when missing. With ``overwrite=False`` an existing file is not replaced
        (``FileExistsError``); anything but a regular file at a path never is.

        Returns
        -------
        tuple of Path
            The by-package and the by-candidate file.

        Raises
        ------
        InputError
            An option is not valid (see :meth:`to_html`).
        """
        sheet = Handout.make(self, lang, event_start, round_minutes, break_minutes, tables, names)
        return write_csv(self, sheet, Path(directory), overwrite=overwrite)

    def to_html(
        self,
        path: str | os.PathLike[str],
        *,
        lang: str | None = None,
        event_start: Start = DEFAULT_START,
        round_minutes: int = DEFAULT_ROUND_MINUTES,
        break_minutes: int = 0,
        tables: Tables = None,
        names: Names = None,
        overwrite: bool = True,
    ) -> Path:
        """Write the printable handouts: a cover page, a page per manager and per candidate.

        Large type (18pt body) and a print style sheet that starts every section on a new
        page. The cover page is the organiser's: the times of the rounds, who sits at which
        table when, and who has no conversation. A manager's page has the package's title,
        employer and id, the table, and per round the time and the candidate; for a near miss
        only that a condition of the candidate is not met and that the recruiter can explain,
        never which (it can disclose a need). A candidate's page has per conversation the time,
        the table, the job's title and the employer. Nobody's page shows a score (see the
        module's notes), nor capacities or needs. All text is HTML-escaped.

        Parameters
        ----------
        path
            The HTML file; its folder is created when missing.
        lang
            ``"nl"`` or ``"en"``; default ``config.lang``, else ``WBAMATCH_LANG``, else Dutch.
        event_start
            When round 1 starts: ``"09:30"`` (or ``"9.30"``, or a :class:`datetime.time`).
            ``None``: no clock times, only round numbers.
        round_minutes
            Length of a round (a conversation) in whole minutes, ``>= 1``.
        break_minutes
            Break between two rounds in whole minutes, ``>= 0``. Round ``r`` starts at
            ``event_start + (r - 1) * (round_minutes + break_minutes)``.
        tables
            Table or room per package id. Default: ``Tafel 1``, ``Tafel 2``, ... (``Table 1``
            in English) for the packages with a conversation, in id order. When given it must
            name one for every package with a conversation; two packages may share one only
            if they never talk in the same round.
        names
            Display name per candidate id, for printed handouts while the data stays
            pseudonymous; a candidate without one is shown by id.
        overwrite
            With ``False`` an existing file is not replaced (``FileExistsError``).

        Returns
        -------
        Path
            The file written (atomically).

        Raises
        ------
        InputError
            An option is not valid, a table is missing or two packages share one in a round,
            or the event would run past midnight.

        Example
        -------
        >>> import tempfile, wbamatch
        >>> plan = wbamatch.plan_meet_and_greet(*wbamatch.demo_data(), 3, 2, 3)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     page = plan.to_html(f"{folder}/rooster.html", event_start="10:00",
        ...                         break_minutes=5).read_text(encoding="utf-8")
        >>> '<html lang="nl">' in page, "10:25–10:45" in page
        (True, True)
        """
        sheet = Handout.make(self, lang, event_start, round_minutes, break_minutes, tables, names)
        target = Path(path)
        page = html_page(self, sheet)
        target.parent.mkdir(parents=True, exist_ok=True)
        return write_atomic(target, page, overwrite=overwrite)

    def _repr_html_(self) -> str:
        """Notebook view: a grid of managers (packages) by round, who meets whom and when.

        In the plan's language (``config.lang``, else ``WBAMATCH_LANG``, else Dutch). It is the
        recruiter's view, with the total score; like the handouts it flags a near miss without
        naming the rule, which could disclose a need.
        """
        return plan_view(self)
