"""The notebook view of a plan: a grid of managers (packages) by round, who meets whom and when.

It is the recruiter's view, with the total score; like the handouts it flags a near miss without
naming the rule, which could disclose a need.
"""

from __future__ import annotations

from .._catalogue import Number, text
from .._html import Html, block, heading, table
from ._meetings import PlanFields
from ._schedule import count

__all__ = ["plan_view"]


def plan_view(plan: PlanFields) -> Html:
    """The plan as escaped HTML for a notebook, in the plan's language.

    Example
    -------
    >>> import wbamatch
    >>> plan = wbamatch.plan_meet_and_greet(*wbamatch.demo_data(), 3, 2, 3)
    >>> plan_view(plan).startswith('<div class="wbamatch">')
    True
    """
    lang = plan.config.text_lang()
    rounds = range(1, plan.rounds_used + 1)
    grid: list[list[object]] = []
    for pid, meetings in plan.by_package().items():
        at = {
            m.round: (
                text("meetgreet.view.near", lang, candidate=m.candidate_id)
                if m.near_miss
                else m.candidate_id
            )
            for m in meetings
        }
        grid.append([pid, meetings[0].title, *(at.get(r, "") for r in rounds)])
    without = [
        (text("meetgreet.view.candidates", lang), plan.candidates_without_meeting),
        (text("meetgreet.view.packages", lang), plan.packages_without_meeting),
    ]
    header = [
        text("meetgreet.column.package", lang),
        text("meetgreet.column.job", lang),
        *(text("meetgreet.round", lang, round=r) for r in rounds),
    ]
    return block(
        text("meetgreet.view.title", lang),
        _summary(plan),
        [
            table(header, grid, empty=text("meetgreet.view.empty", lang)),
            heading(text("meetgreet.view.without", lang)),
            table(
                ["", text("meetgreet.view.how_many", lang), text("meetgreet.view.who", lang)],
                [
                    [kind, len(ids), ", ".join(ids[:50]) + (" ..." if len(ids) > 50 else "")]
                    for kind, ids in without
                ],
                numeric=[1],
            ),
        ],
    )


def _summary(plan: PlanFields) -> list[str]:
    """How many conversations in how many rounds, the total, and what the rounds cost."""
    lang = plan.config.text_lang()
    lines = [
        text(
            "meetgreet.view.summary",
            lang,
            conversations=count("conversations", len(plan.meetings), lang),
            used=plan.rounds_used,
            rounds=count("rounds", plan.rounds, lang),
            total=Number(plan.total_score, 2),
        )
    ]
    if plan.dropped:
        lines.append(
            text(
                "meetgreet.view.changed",
                lang,
                dropped=count("conversations", len(plan.dropped), lang),
                replacements=count("conversations", len(plan.replacements), lang),
                lower=Number(plan.uncapped_total_score - plan.total_score, 2),
            )
        )
    return lines
