"""The outcome of a match: placements, who stays unassigned and why, open slots, banen.

All result models are pydantic models, so a result round-trips through JSON:
``MatchResult.model_validate_json(result.model_dump_json()) == result``.

What people read (:meth:`MatchResult.summary`, :meth:`Why.text`, the notebook view and the
``reasons`` column of :meth:`MatchResult.to_records`) is in plain words from the message
catalogue: Dutch by default, English with ``lang="en"``, ``MatchConfig(lang="en")`` or
``WBAMATCH_LANG=en``. Codes stay in the fields and in the ``reason_codes`` column for services.

Results are plain data and know no solver: :meth:`MatchResult.why` and
:meth:`MatchResult.rematch` ask the :class:`ResultContext` the pipeline attached.

Example
-------
>>> import wbamatch
>>> result = wbamatch.match(*wbamatch.demo_data())
>>> MatchResult.model_validate_json(result.model_dump_json()) == result
True
>>> reason_words("commute", "en")
'commute too long'

Modules
-------
``_outcome``
    The parts of a result: :class:`Assignment`, :class:`Move`, :class:`AuditRecord`,
    :class:`ReasonCount`, :class:`UnassignedCandidate`, :class:`OpenSlots`,
    :class:`Alternative`, :class:`Closest`.
``_words``
    The texts for people: :func:`reason_words`, :func:`counting_sentence`,
    :func:`placement_notes`, the closest package in sentences.
``_why``
    :class:`Why`: why this placement, or why no place, and its paragraph in words.
``_match``
    :class:`MatchResult` (summary, rows, ``why``, ``rematch``), :data:`MATCH_COLUMNS` and
    :class:`ResultContext`.
``_views``
    The notebook views.
``_certificate``
    :class:`Certificate`: the LP dual prices that prove the optimum, and their check.
"""

from __future__ import annotations

from .._vocabulary import BELOW_MIN_SCORE, FORBIDDEN, NOT_MET, OUTCOMPETED, PlacementStatus
from ._certificate import CERTIFICATE_TOLERANCE, Certificate, CertificateCheck, certificate_gap
from ._flagged import FlagAlternative, Flagged
from ._match import MATCH_COLUMNS, MatchResult, ResultContext
from ._outcome import (
    Alternative,
    Assignment,
    AuditRecord,
    Closest,
    Move,
    OpenSlots,
    ReasonCount,
    UnassignedCandidate,
)
from ._why import Why
from ._words import counting_sentence, placement_notes, reason_words

__all__ = [
    "BELOW_MIN_SCORE",
    "CERTIFICATE_TOLERANCE",
    "FORBIDDEN",
    "MATCH_COLUMNS",
    "NOT_MET",
    "OUTCOMPETED",
    "Alternative",
    "Assignment",
    "AuditRecord",
    "Certificate",
    "CertificateCheck",
    "Closest",
    "FlagAlternative",
    "Flagged",
    "MatchResult",
    "Move",
    "OpenSlots",
    "PlacementStatus",
    "ReasonCount",
    "ResultContext",
    "UnassignedCandidate",
    "Why",
    "certificate_gap",
    "counting_sentence",
    "placement_notes",
    "reason_words",
]
