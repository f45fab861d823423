"""Fairness report: placement rates per group of candidates, and the four-fifths rule.

Recruitment systems are high-risk under the EU AI Act and must be accurate per group of people.
:func:`fairness_report` splits the candidates of a match by attributes such as the target group,
the education level or registration, and reports per group how many were placed, their mean
score and what blocked the others. A group is flagged when its placement rate is below four
fifths of the best group's rate (the "four-fifths rule" of adverse-impact analysis).

The target group is never a scoring feature: no rule and no score component reads it (a test
changes every target group and checks that no score changes). A flag therefore points at what
the group's candidates need or lack (hours, education, support), not at their label.

:meth:`FairnessReport.text` says it in plain words, with attributes, values and blocking reasons
in words: Dutch by default, English with ``lang="en"``, ``MatchConfig(lang="en")`` or
``WBAMATCH_LANG=en``. The fields keep the attribute names, values and reason codes.

What is counted, and how groups are judged
------------------------------------------
Per group the report gives the number of candidates, how many were placed, the placement rate,
the mean score of the placements, and per reason code the share of the group that was not
placed and blocked by that code (read from ``result.unassigned[*].reasons``, which keeps each
person's five most frequent reasons). A group is **flagged** when its placement rate is below
``threshold`` (four fifths) times the best rate among the judged groups of the same attribute,
compared exactly as fractions.

Groups with fewer than ``min_group_size`` candidates are reported but not judged: a group of
two says little, and a tiny group placed in full would otherwise make every other group look
bad. The default of 5 is deliberately low so that a small team still sees a skew; raise it for
large runs.

Example
-------
>>> import wbamatch
>>> from wbamatch._fairness import fairness_report
>>> cands, packs = wbamatch.demo_data()
>>> report = fairness_report(wbamatch.match(cands, packs), cands, by="registered")
>>> sum(g.n for g in report.groups) == len(cands)
True

Modules
-------
``_fields``
    The attributes: which candidate fields can be named, their values, labels and order.
``_words``
    Attributes and values in words.
``_stats``
    :class:`GroupStats` and :class:`FairnessReport`, with the text and the notebook view.
``_count``
    :func:`fairness_report`: the counting per group.
"""

from __future__ import annotations

from ._count import fairness_report
from ._fields import DEFAULT_ATTRIBUTES, UNKNOWN
from ._stats import FairnessReport, GroupStats

__all__ = ["DEFAULT_ATTRIBUTES", "UNKNOWN", "FairnessReport", "GroupStats", "fairness_report"]
