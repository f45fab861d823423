"""A small, readable demo: twelve candidates and eight task packages from the domain brief's cases.

The records ship as ``wbamatch/data/demo_candidates.json`` and ``demo_packages.json`` and are read
on the first call of :func:`demo_data`, never at import. Ids are pseudonymous (``c-001``,
``p-001``); the names in the list below only say which case from the brief a record stands for,
they appear nowhere in the data.

Candidates
----------
``c-001`` (Bert)
    Wajong, brain injury: needs fixed structure, clarity and fixed working times, no evening or
    night work, and a colleague to fall back on; limited on unpredictability, task switching and
    time pressure. Delft, bike. Fits the archiving package at the ministry (``p-001``); never
    the evening cleaning shift (``p-004``) his new boss moved him to, nor the catering shifts.
``c-002`` (Joop)
    Wajong: must walk and move regularly (the ``movement`` need; sitting capacity 1) and can do
    work of a higher level (hbo). Utrecht. The seated series packing (``p-002``) and the seated
    policy job (``p-007``) are out; inspections and stock keeping (``p-003``) fit.
``c-003`` (Louis)
    Not registered (no indication yet, so his job would not count): cannot keep a production
    tempo (work pace 1, time pressure 1), works well on inspections and stock keeping with a
    jobcoach and structure. Amersfoort. Fits ``p-003``, never ``p-002``.
``c-004`` (Chantal)
    Not registered; two university degrees (wo), autism: needs a low-stimulus workplace and a
    mentor, limited on customer contact, conflict handling and noise. Leiden. Fits the hbo-level
    policy support package (``p-007``), not the reception desk (``p-006``).
``c-005``
    Stimulus-sensitive (noise, distraction), cannot travel by public transport in the rush hour:
    lives in Den Haag, so the ministry's 09:30 start and four-hour days (``p-001``) work.
``c-006`` (K.)
    Starts at 16 hours a week and wants to grow to 32: the remote data-entry job (``p-005``,
    16 hours, can grow to 32). Groningen; does fine at home.
``c-007``
    Needs the daily structure of the office, structure and fixed hours; education not recorded
    (unknown is never taken as "fits"). Apeldoorn. Nothing fits: the data-entry job ``p-005`` is
    remote, flexible and asks mbo1; the office jobs are too far away. Stays unassigned, with
    reasons.
``c-008`` .. ``c-011``
    Ordinary candidates for cleaning (Rotterdam), catering (Eindhoven), reception (Haarlem) and
    packing (Nijmegen).
``c-012``
    Said no to the zero-hours catering job (``p-008``), the only catering job within an hour's
    drive of 's-Hertogenbosch: nobody is placed where they said no.

Packages
--------
``p-001``
    Archiving and scanning at the Ministerie van IenW, Den Haag: fixed start 09:30, 20 hours in
    five days, low stimulus, structure, mentor and colleague, permanent; two places.
``p-002``
    Series packing with a supplier (Maatwerk voor mensen), Nijmegen: work pace 3, sitting 3,
    07:30 start, six-month contract; three places.
``p-003``
    Inspections and stock keeping at Rijkswaterstaat, Utrecht, collective track: walking, a
    jobcoach, structure and a mentor, permanent; two places.
``p-004``
    Evening-shift office cleaning (18:00), Rotterdam, three hours a day.
``p-005``
    Remote data entry at the Belastingdienst: 16 hours, can grow to 32, minimum mbo1.
``p-006``
    Reception desk at the Gemeente Haarlem (regional track): customer contact 3, conflict
    handling 2, high stimulus, minimum mbo2.
``p-007``
    Policy support at the Ministerie van BZK, Den Haag: hbo level, concentration 3, low stimulus,
    hybrid (two of four days at the office), fixed start 10:00.
``p-008``
    Catering in shifts on a zero-hours contract (does not count for the Banenafspraak), Eindhoven.

Example
-------
>>> from wbamatch._demo import demo_data
>>> candidates, packages = demo_data()
>>> len(candidates), len(packages)
(12, 8)
>>> candidates[0].needs.no_evening_work, packages[3].schedule.kind.value
(True, 'evening')
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from ._models import Candidate, TaskPackage

__all__ = ["demo_data"]

_CANDIDATES_FILE = "demo_candidates.json"
_PACKAGES_FILE = "demo_packages.json"


def _read(name: str) -> list[object]:
    text = files(__package__ or "wbamatch").joinpath("data", name).read_text(encoding="utf-8")
    records = json.loads(text)
    if not isinstance(records, list):  # pragma: no cover - the shipped files are lists
        raise TypeError(f"{name} must hold a JSON list of records")
    return records


@cache
def _load() -> tuple[tuple[Candidate, ...], tuple[TaskPackage, ...]]:
    candidates = tuple(Candidate.model_validate(r) for r in _read(_CANDIDATES_FILE))
    packages = tuple(TaskPackage.model_validate(r) for r in _read(_PACKAGES_FILE))
    return candidates, packages


def demo_data() -> tuple[list[Candidate], list[TaskPackage]]:
    """Return the demo candidates and task packages, each list sorted by id.

    The files are read and validated on the first call and cached; every call returns new lists
    (the records themselves are immutable, so they are shared).

    Returns
    -------
    candidates : list of Candidate
        Twelve candidates, ``c-001`` .. ``c-012``; see the module docstring for the case each
        stands for.
    packages : list of TaskPackage
        Eight task packages, ``p-001`` .. ``p-008``.

    Examples
    --------
    >>> from wbamatch._demo import demo_data
    >>> candidates, packages = demo_data()
    >>> [p.id for p in packages if p.schedule.kind.value == "evening"]
    ['p-004']
    """
    candidates, packages = _load()
    return list(candidates), list(packages)
