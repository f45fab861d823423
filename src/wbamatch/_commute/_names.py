"""Place names reduced to one lookup key: case, accents, punctuation and abbreviations.

Example
-------
>>> normalise_place("St.-Michielsgestel") == normalise_place("Sint Michielsgestel")
True
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["normalise_place"]

#: Apostrophe look-alikes (typographic quotes, backtick, acute accent, modifier letters).
_APOSTROPHES: Final[dict[int, str]] = str.maketrans(
    {c: "'" for c in "\u2019\u2018\u201b`\u00b4\u02bc\u02bb\u2032"}
)
_NON_WORD: Final[re.Pattern[str]] = re.compile(r"[\W_]+")

#: Whole-word rewrites after splitting into words: the usual Dutch abbreviations.
_WORD_PAIRS: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("a", "d"): ("aan", "de"),  # "a/d", "a.d."
    ("aan", "den"): ("aan", "de"),
}
_WORDS: Final[dict[str, str]] = {"st": "sint"}  # "St. Oedenrode", "St-Michielsgestel"


def normalise_place(name: str) -> str:
    """Reduce a place name to the key under which it is looked up.

    The key is case-folded and accent-free; apostrophes (straight, typographic, backtick) are
    dropped, and hyphens, slashes, dots and any other punctuation or whitespace become single
    spaces. So ``'s-Gravenhage``, ``'S-GRAVENHAGE``, ``’s Gravenhage`` and ``s Gravenhage`` share
    one key. The Dutch abbreviation ``a/d`` (also ``a.d.``) and ``aan den`` become ``aan de``, and
    the word ``St`` becomes ``sint``, so ``Alphen a/d Rijn`` finds ``Alphen aan den Rijn``.

    Parameters
    ----------
    name
        A place name as typed.

    Returns
    -------
    str
        The lookup key; empty when the name has no letters or digits.

    Example
    -------
    >>> normalise_place("'S-GRAVENHAGE"), normalise_place("’s Gravenhage")
    ('s gravenhage', 's gravenhage')
    >>> normalise_place("Alphen a/d Rijn") == normalise_place("Alphen aan den Rijn")
    True
    """
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.translate(_APOSTROPHES)  # NFKD makes some: U+0149 -> U+02BC n
    words = _NON_WORD.sub(" ", text.replace("'", "")).split()
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = _WORD_PAIRS.get((words[i], words[i + 1])) if i + 1 < len(words) else None
        if pair is not None:
            out.extend(pair)
            i += 2
        else:
            out.append(_WORDS.get(words[i], words[i]))
            i += 1
    return " ".join(out)
