"""The arguments the plots share: chosen ids (counts go through
:func:`wbamatch._validation.positive_int`, like every other count).

Example
-------
>>> picked(("c-1", "c-2", "c-3"), ["c-3", "c-1"], 10, "candidate").tolist()
[0, 2]
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

from .._exceptions import InputError, UnknownIdError

__all__ = ["picked"]


def picked(
    ids: tuple[str, ...], wanted: Iterable[str] | None, limit: int, kind: str
) -> NDArray[np.intp]:
    """Indices (in id order) of the wanted ids, or of the first ``limit`` ids.

    Raises
    ------
    UnknownIdError
        A wanted id is not in ``ids``.
    InputError
        ``wanted`` is empty.
    """
    if wanted is None:
        return np.arange(min(len(ids), limit))
    pos = {rid: k for k, rid in enumerate(ids)}
    chosen = []
    for rid in wanted:
        if rid not in pos:
            raise UnknownIdError(f"no {kind} with id {rid!r}; check the id or pass that {kind} in")
        chosen.append(pos[rid])
    if not chosen:
        raise InputError(f"{kind}_ids is empty; pass at least one id or None for the first ones")
    return np.unique(np.array(chosen, dtype=np.intp))
