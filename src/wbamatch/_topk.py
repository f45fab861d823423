"""The best few edges per group of an edge list, without sorting all of them."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

#: Score histogram resolution used to discard edges that cannot reach a top-k list.
_SCORE_BINS = 256


def top_per_group(
    group: NDArray[np.intp],
    other: NDArray[np.intp],
    score: NDArray[np.float64],
    k: int | NDArray[np.intp],
) -> NDArray[np.intp]:
    """Indices of the best ``k`` edges per group, ordered by group, score desc, then ``other``.

    ``k`` is one number for every group or one per group (indexed by group, at least
    ``group.max() + 1`` long). Scores lie in
    [0, 1]; ``other`` breaks ties, so the choice is deterministic.

    Example
    -------
    >>> import numpy as np
    >>> top_per_group(np.array([0, 0, 0, 1]), np.array([0, 1, 2, 0]),
    ...               np.array([0.2, 0.9, 0.9, 0.5]), 2).tolist()
    [1, 2, 3]
    """
    if group.size == 0:
        return np.empty(0, dtype=np.intp)
    n_groups = int(group.max()) + 1
    k_arr = np.asarray(k, dtype=np.intp)
    limit = np.broadcast_to(k_arr if k_arr.ndim == 0 else k_arr[:n_groups], (n_groups,))
    if not limit.any():
        return np.empty(0, dtype=np.intp)
    # Cut the edges down before the exact sort: a histogram of scores per group tells, for each
    # group, the score bin that its k-th best edge falls in; nothing below that bin can make the
    # list. One bincount instead of sorting millions of edges.
    bins = _SCORE_BINS
    # Scores are in [0, 1]; 1.0 falls in the top bin. Written into one int64 array (the cast
    # truncates like astype), so a run of millions of edges makes no float copy of them.
    b = np.empty(score.size, dtype=np.int64)
    np.multiply(score, bins, out=b, casting="unsafe")
    np.clip(b, 0, bins - 1, out=b)
    key = group * bins
    key += b
    counts = np.bincount(key, minlength=n_groups * bins).reshape(n_groups, bins)
    del key
    from_top = np.cumsum(counts[:, ::-1], axis=1)
    reached = from_top >= np.maximum(limit, 1)[:, None]
    # Groups with fewer than k edges keep them all (threshold bin 0).
    threshold = np.where(reached.any(axis=1), bins - 1 - np.argmax(reached, axis=1), 0)
    kept = np.flatnonzero(b >= threshold[group])
    order = kept[np.lexsort((other[kept], -score[kept], group[kept]))]
    g = group[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    rank = np.arange(g.size) - np.repeat(starts, np.diff(np.r_[starts, g.size]))
    picked: NDArray[np.intp] = order[rank < limit[g]]
    return picked
