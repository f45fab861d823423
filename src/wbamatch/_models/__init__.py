"""Validated input models: candidates, task packages and what they are made of.

Every model forbids unknown fields, rejects NaN and infinity, and hides input values in its error
messages (capacities and needs are health data). A validation error's title names the record,
e.g. ``1 validation error for Candidate 'c-001'``, and its location names the field.

Example
-------
>>> from wbamatch import Candidate
>>> c = Candidate.model_validate({"id": "c-1", "hours": {"min": 16, "max": 24},
...                               "capacities": {"work_pace": 1}})
>>> c.capacities.level("work_pace"), c.capacities.level("lifting")
(1, 3)

Modules
-------
``_base``
    The bases :class:`StrictModel` (inputs: errors titled by the record, without values) and
    :class:`ResultModel` (outputs), and :func:`as_model`.
``_fields``
    Field types and sizes: ids, place names, tags.
``_levels``, ``_location``
    Levels on the dimensions (:class:`Capacities`, :class:`Demands`) and :class:`Location`.
``_window``
    :class:`DateWindow`: when a candidate is available or a package open.
``_candidate``, ``_package``
    :class:`Candidate` and :class:`TaskPackage` with their parts.
"""

from __future__ import annotations

from ._base import ResultModel, StrictModel, as_model
from ._candidate import Candidate, CandidateHours, Needs
from ._fields import (
    MAX_EXCLUDED,
    MAX_HOURS_PER_WEEK,
    MAX_TAGS,
    PlaceName,
    RecordId,
    Tag,
    _clean_tags,
    _no_controls,
)
from ._levels import Capacities, Demands, Level, _Levels
from ._location import Location
from ._package import (
    Contract,
    Offers,
    PackageHours,
    Schedule,
    TaskPackage,
    Team,
    _known_minimum,
)
from ._window import DateWindow

# With the models: the field types, sizes and validators that other models (config, jobcarving
# terms) and the encoders reuse, so that one rule has one implementation.
__all__ = [
    "MAX_EXCLUDED",
    "MAX_HOURS_PER_WEEK",
    "MAX_TAGS",
    "Candidate",
    "CandidateHours",
    "Capacities",
    "Contract",
    "DateWindow",
    "Demands",
    "Level",
    "Location",
    "Needs",
    "Offers",
    "PackageHours",
    "PlaceName",
    "RecordId",
    "ResultModel",
    "Schedule",
    "StrictModel",
    "Tag",
    "TaskPackage",
    "Team",
    "_Levels",
    "_clean_tags",
    "_known_minimum",
    "_no_controls",
    "as_model",
]
