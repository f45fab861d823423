"""A check for Dutch text people read: no codes, no enum values, no English words."""

from __future__ import annotations

import re
from collections.abc import Iterable

from wbamatch.rules import REGISTRY

#: English words that a Dutch text never needs (Dutch words that look alike are left out:
#: "score", "manager", "team", "jobcoach", "buddy" are Dutch too).
ENGLISH = frozenset(
    """
    the and with for from to are not were this that these which who what when candidate
    candidates package packages placed placement placements unassigned assigned hours hour
    minutes day days commute travel fits fit near miss misses outcompeted slots slot reasons
    reason rush evening night none yes no unknown strongest parts would change group optimal
    solver because only less than at least capacity structure stimulus education office
    colleague movement excluded
    """.split()  # noqa: SIM905 - a word list reads best as text
)

_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


def problems(text: str, allow: Iterable[str] = ()) -> list[str]:
    """What in ``text`` is not Dutch for people: codes, enum values and English words."""
    allowed = {a.lower() for a in allow}
    found: list[str] = []
    extra = {"below_min_score", "outcompeted", "forbidden", "not_met"}
    codes = {c for c in (*REGISTRY.codes, *extra) if "_" in c or ":" in c}
    for code in codes:
        if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text) and code not in allowed:
            found.append(f"code {code!r}")
    found += [f"snake_case {m!r}" for m in _SNAKE.findall(text) if m not in allowed]
    found += [
        f"English {w!r}"
        for w in _WORD.findall(text)
        if w.lower() in ENGLISH and w.lower() not in allowed
    ]
    return found


def assert_dutch(text: str, allow: Iterable[str] = ()) -> None:
    """Fail with what is wrong when ``text`` is not plain Dutch."""
    found = problems(text, allow)
    assert not found, f"{found} in: {text[:400]!r}"
