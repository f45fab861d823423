"""What a rule says to people, in Dutch and English.

A rule's texts are templates per language (:class:`Words`), per reason code a
:class:`CodeText`: a few words for reason counts, the candidate's and the package's side, and a
message. The built-in rules take theirs from the message catalogue
(:mod:`wbamatch._catalogue`, keys ``rule.<code>.<field>[.<variant>]``), so a translator edits
them without touching code; a rule of one's own may give its :class:`Words` inline. The values a
text shows come from the rule's values function as typed values and are written per language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._catalogue import (
    LANGS,
    Clock,
    Lang,
    Listing,
    Number,
    Percent,
    Term,
    catalogue,
    fill,
    format_value,
)

__all__ = [
    "LANGS",
    "Clock",
    "CodeText",
    "Lang",
    "Listing",
    "Number",
    "Percent",
    "Term",
    "Words",
    "format_value",
    "from_catalogue",
    "render",
    "summary",
]


@dataclass(frozen=True)
class Words:
    """One text in English and in Dutch; ``{name}`` fields are filled in by :func:`render`."""

    en: str
    nl: str

    def __call__(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.nl if lang == "nl" else self.en


#: A text, or one text per variant (chosen by the values, see :func:`render`).
Variants = Words | Mapping[str, Words]


@dataclass(frozen=True)
class CodeText:
    """What people read about one reason code.

    Attributes
    ----------
    reason
        A few words for reason counts and lists: "commute too long".
    candidate, package
        The candidate's and the package's side, from the rule's values: "needs to be done by
        18:00", "works until 22:00".
    message
        One sentence; ``{candidate}`` and ``{package}`` stand for the two sides.
    """

    reason: Variants
    candidate: Variants
    package: Variants
    message: Variants


_FIELDS = ("reason", "candidate", "package", "message")


def from_catalogue(*codes: str) -> dict[str, CodeText]:
    """The catalogue's texts of ``codes`` (``"capacity:{dim}"`` reads the keys ``rule.capacity``).

    Every variant ``rule.<code>.<field>.<variant>`` in the catalogue becomes a variant of the
    field; ``rule.<code>.<field>`` is the one used when no variant matches.

    Raises
    ------
    KeyError
        A code has no text in one of the languages.
    """
    en, nl = catalogue("en"), catalogue("nl")
    out: dict[str, CodeText] = {}
    for code in codes:
        base = "rule." + code.replace(":{dim}", "")
        parts: dict[str, Variants] = {}
        for field in _FIELDS:
            key = f"{base}.{field}"
            variants = {
                k[len(key) + 1 :]: Words(en[k], nl[k]) for k in en if k.startswith(key + ".")
            }
            if key in en:
                variants[""] = Words(en[key], nl[key])
            if not variants:
                raise KeyError(f"the catalogue has no {key!r}")
            parts[field] = variants[""] if list(variants) == [""] else variants
        out[code] = CodeText(**parts)
    return out


def summary(name: str) -> Words:
    """The catalogue's one-line summary of the rule ``name``."""
    key = f"rule.{name}.summary"
    return Words(catalogue("en")[key], catalogue("nl")[key])


def _pick(text: Variants, variant: str) -> Words:
    if isinstance(text, Words):
        return text
    return text[variant] if variant in text else text[""]


def render(text: Variants, values: Mapping[str, Any], lang: Lang, side: str = "message") -> str:
    """Fill in a template in ``lang``.

    Of several variants, ``values["variant_<side>"]`` chooses one, else ``values["variant"]``,
    else the variant ``""``.

    Example
    -------
    >>> render(Words("works until {end}", "werkt tot {end}"), {"end": Clock(1320)}, "nl")
    'werkt tot 22:00'
    """
    variant = str(values.get(f"variant_{side}", values.get("variant", "")))
    return fill(_pick(text, variant)(lang), values, lang)
