"""Put the C allocator where the first large run would leave it, before that run.

glibc's ``malloc`` serves every block above its mmap threshold (128 KiB at start) with a fresh
``mmap``, whose pages fault on first touch, and gives heap memory back to the system past its
trim threshold. It raises both itself the first time a large mmapped block is freed: the mmap
threshold to that block's size (at most 32 MiB on 64-bit) and the trim threshold to twice it.
Until then, a run that works block by block pays for its memory again and again: the first
20,000 x 5,000 ``match()`` in a fresh process took 285,000 page faults and about 0.8 s of system
time, the next one 40,000. Freeing one block of just under 16 MiB up front moves glibc to
thresholds of 16 and 32 MiB, as it would move by itself on that run: 80,000 faults on the first
run, and a peak 10 MB higher (a 32 MiB block saved 15,000 faults more for 60 MB more of peak,
past what the 20,000 x 5,000 memory target leaves). Under any other allocator it is an
allocation and a free, nothing more.
"""

from __future__ import annotations

from typing import Final

import numpy as np

__all__ = ["settle_allocator"]

#: The freed block: 16 MiB (glibc's own ceiling is 32 MiB on 64-bit), less room for numpy's and
#: malloc's headers.
_BLOCK_BYTES: Final[int] = (16 << 20) - (1 << 16)

_settled = False


def settle_allocator() -> None:
    """Once per process: allocate and free one block of just under 16 MiB (never touched).

    Example
    -------
    >>> settle_allocator()
    >>> settle_allocator()  # only the first call does anything
    """
    global _settled
    if _settled:
        return
    _settled = True
    block = np.empty(_BLOCK_BYTES, dtype=np.uint8)
    del block
