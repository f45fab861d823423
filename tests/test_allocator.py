"""Settling the allocator: after it, memory freed by one block is reused by the next without
page faults, as it is after the first large run (glibc only: elsewhere it does nothing)."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from wbamatch._allocator import settle_allocator

_FAULTS = """
import resource, sys
import numpy as np
if sys.argv[1] == "settle":
    from wbamatch._allocator import settle_allocator
    settle_allocator()

def block():  # 8 MiB written, as a block of a run writes its arrays
    np.ones(1 << 20)

block()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
block()
block()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(mode: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", _FAULTS, mode], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's thresholds")
def test_blocks_after_settling_reuse_their_memory_without_faults() -> None:
    # Two more 8 MiB blocks: the second grows the heap before glibc has moved its thresholds
    # (hundreds of page faults, thousands without transparent huge pages), next to none once
    # settled.
    plain, settled = _faults("plain"), _faults("settle")
    assert plain > 250
    assert settled < 100


def test_settling_twice_is_settling_once() -> None:
    settle_allocator()
    settle_allocator()
