"""Texts in both languages: English for exceptions, Dutch for people."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._catalogue import Lang, text as _text


@dataclass(frozen=True)
class _Words:
    """One text in both languages: English for exceptions, Dutch for people."""

    en: str
    nl: str

    def __call__(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en


def _say(key: str, **values: Any) -> _Words:
    """The catalogue's text ``key`` in both languages; :class:`_Words` values are picked per
    language, other values written the way each language does (:mod:`wbamatch._catalogue`)."""

    def one(lang: Lang) -> str:
        return _text(
            key, lang, **{k: v(lang) if isinstance(v, _Words) else v for k, v in values.items()}
        )

    return _Words(one("en"), one("nl"))
