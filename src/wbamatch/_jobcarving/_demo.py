"""A demo pool: fourteen tasks of a records office, and the terms its packages come with."""

from __future__ import annotations

from typing import Any, Final

from ._models import PackageTerms, Task

__all__ = ["demo_tasks", "demo_terms"]


#: The demo pool, one task a line: id | description | tags | hours | demands | schedule | stimulus
#: | work location. A ``*`` after the id marks a task that must stay with one person.
_DEMO_TASKS: Final[str] = """
t-01 | Afgesloten dossiers archiveren | archiving | 8 | concentration=1 lifting=1 | fixed 09:30 | low | office
t-02 | Binnenkomende papieren post scannen | scanning digitising | 8 | concentration=2 screen_work=2 | fixed 09:30 | low | office
t-03* | Achterstand in het papieren archief digitaliseren | digitising scanning | 12 | concentration=2 screen_work=2 | fixed 09:30 | low | office
t-04 | Postronde door het gebouw | mail_sorting | 6 | walking=2 customer_contact=1 | fixed 08:00 | medium | office
t-05 | Binnenkomende post per afdeling sorteren | mail_sorting | 4 | time_pressure=2 | fixed 08:30 | medium | office
t-06 | Aanmeldformulieren invoeren in het zaaksysteem | data_entry | 10 | concentration=2 screen_work=3 | fixed 09:30 | low | hybrid
t-07 | Metagegevens van digitale dossiers controleren en aanvullen | data_entry archiving | 8 | concentration=2 screen_work=2 | flexible | low | remote
t-08 | Rapporten kopiëren en inbinden | copying | 4 | standing=2 noise=1 | fixed 09:30 | medium | office
t-09 | De balie van de afdeling bemensen | reception telephone | 8 | customer_contact=3 conflict_handling=2 interruptions=2 | fixed 08:30 | high | office
t-10 | Kantoorartikelen op voorraad houden | stock_keeping facility | 4 | walking=2 lifting=2 | fixed 09:30 | medium | office
t-11 | Vergaderzalen en koffie klaarzetten | facility coffee_service | 6 | walking=2 time_pressure=2 lifting=1 | fixed 08:00 | medium | office
t-12 | Te vernietigen dossiers registreren en versnipperen | archiving | 4 | noise=2 concentration=1 | fixed 13:00 | medium | office
t-13 | Spoedstukken 's avonds scannen | scanning | 8 | concentration=2 screen_work=2 | evening 18:00 | low | office
t-14 | Zoekwerk bij Woo-verzoeken | research_support policy_support | 12 | concentration=3 independence=2 time_pressure=1 | fixed 10:00 | low | hybrid
"""  # noqa: E501 - a table reads best one task a line


def _demo_task(line: str) -> dict[str, Any]:
    tid, text, tags, hours, demands, schedule, stimulus, where = (
        f.strip() for f in line.split("|")
    )
    kind, *start = schedule.split()
    return {
        "id": tid.rstrip("*"),
        "department": "Documentaire informatievoorziening en facilitair",
        "description": text,
        "tags": tags.split(),
        "hours": float(hours),
        "demands": {d: int(v) for d, v in (pair.split("=") for pair in demands.split())},
        "schedule": {"kind": kind, "start": start[0] if start else None},
        "stimulus": stimulus,
        "work_location": where,
        "must_be_one_person": tid.endswith("*"),
    }


def demo_tasks() -> list[Task]:
    """A department's task pool for trying :func:`carve`: fourteen tasks of the records office.

    The work left undone at a ministry's records and facilities department in Den Haag:
    archiving, scanning, post, data entry, copying, the front desk, supplies, meeting rooms and
    research support, with their demands, start times and stimulus. Use with
    :func:`demo_terms` and the demo candidates of :func:`wbamatch.demo_data`.

    Example
    -------
    >>> tasks = demo_tasks()
    >>> len(tasks), tasks[0].id, sum(t.hours for t in tasks)
    (14, 't-01', 102.0)
    """
    lines = _DEMO_TASKS.strip().splitlines()
    return [Task.model_validate(_demo_task(line)) for line in lines]


def demo_terms() -> PackageTerms:
    """What the demo department offers with a carved package: permanent contract, structure,
    jobcoach, mentor and colleague, in Den Haag, five days, room to grow by 8 hours.

    Example
    -------
    >>> demo_terms().contract.type.value
    'permanent'
    """
    return PackageTerms.model_validate(
        {
            "employer": "Ministerie van IenW, DIV en facilitair",
            "tags": ["public_service", "administration"],
            "offers": {"structure": True, "jobcoach": True, "mentor": True, "colleague": True},
            "contract": {"type": "permanent"},
            "location": {"place": "Den Haag"},
            "days": 5,
            "growth_hours": 8,
        }
    )
