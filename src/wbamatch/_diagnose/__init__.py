"""Fit check for a person already placed: too heavy, far below capacity, room to grow, options.

The brief: jobs far below a person's capacity, or too heavy, lead to dropout. :func:`diagnose`
looks at a current placement the way a jobcoach would at a review:

- **too heavy**: dimensions where the package demands more than the candidate can bear;
- **far below capacity**: dimensions of :data:`STRETCH_DIMENSIONS` where the candidate can do
  at least :data:`UNDERUSED_GAP` levels more than the package asks (``underused``), and an
  education :data:`FAR_ABOVE_LEVEL` or more ranks above the package's level (``overqualified``);
- **growth**: hours the candidate could add (their maximum minus the package's hours) and the
  hours the package can grow to;
- **alternatives**: the two best packages from a given list, by the core score.

Feasibility, the score and the alternatives come from :func:`wbamatch.compatibility`, so the
diagnosis agrees with :func:`wbamatch.match` and :func:`wbamatch.explain`.

The result carries capacity levels (health data): it is returned to the caller only and never
logged. :meth:`Diagnosis.text` says it in plain words: Dutch by default, English with
``lang="en"``, ``MatchConfig(lang="en")`` or ``WBAMATCH_LANG=en``.

Example
-------
>>> import wbamatch
>>> from wbamatch._diagnose import diagnose
>>> cands, packs = wbamatch.demo_data()
>>> d = diagnose(cands[1], packs[1], alternatives=packs)   # Joop on seated series packing
>>> [g.dimension for g in d.too_heavy], d.alternatives[0].package_id
(['sitting'], 'p-003')

Modules
-------
``_findings``
    The thresholds, and :class:`DimensionGap`, :class:`DiagnosisAlternative` and
    :class:`Diagnosis` with its text in words and notebook view.
``_check``
    :func:`diagnose`: the findings from :func:`wbamatch.compatibility`.
"""

from __future__ import annotations

from ._check import diagnose
from ._findings import (
    FAR_ABOVE_LEVEL,
    N_ALTERNATIVES,
    STRETCH_DIMENSIONS,
    UNDERUSED_GAP,
    Diagnosis,
    DiagnosisAlternative,
    DimensionGap,
)

__all__ = [
    "FAR_ABOVE_LEVEL",
    "N_ALTERNATIVES",
    "STRETCH_DIMENSIONS",
    "UNDERUSED_GAP",
    "Diagnosis",
    "DiagnosisAlternative",
    "DimensionGap",
    "diagnose",
]
