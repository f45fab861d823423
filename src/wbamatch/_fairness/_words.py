"""Attributes and their values in words, for the texts and notebook view of a fairness report.

Example
-------
>>> attribute_words("target_group", "en"), value_words("registered", "true", "en")
('target group', 'yes')
"""

from __future__ import annotations

from enum import Enum

from .._catalogue import Lang, Number, Term, catalogue, format_value, text
from .._vocabulary import DIMENSIONS
from ._fields import UNKNOWN, kinds

__all__ = ["attribute_words", "percent", "value_words"]


def percent(share: float) -> str:
    """A share as a whole percentage: ``0.834`` -> ``83%``."""
    return f"{round(100 * share):d}%"


def attribute_words(attribute: str, lang: Lang) -> str:
    """An attribute in words: ``target_group`` -> ``doelgroep``; unknown ones as given."""
    key = f"fairness.attribute.{attribute}"
    if key in catalogue(lang):
        return text(key, lang)
    head, _, dim = attribute.partition(".")
    if head == "capacities" and dim in DIMENSIONS:
        return text("fairness.attribute.capacities", lang, dim=Term(dim))
    return attribute


def value_words(attribute: str, value: str, lang: Lang) -> str:
    """A group's value in words: ``wsw`` -> ``wsw-indicatie``, ``true`` -> ``ja``."""
    if value == UNKNOWN:
        return text("fairness.value.unknown", lang)
    types = kinds(attribute)
    words = catalogue(lang)
    named = f"fairness.value.{attribute}.{value}"
    if named in words:
        return words[named]
    if bool in types and value in ("true", "false"):
        return text(f"fairness.value.{value}", lang)
    for kind in types:
        if issubclass(kind, Enum) and f"term.{kind.__name__}.{value}" in words:
            return words[f"term.{kind.__name__}.{value}"]
    if types & {int, float}:
        try:
            return format_value(Number(float(value)), lang)
        except ValueError:
            return value
    return value
