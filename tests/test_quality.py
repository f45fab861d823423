"""The code stays lint-clean (ruff) and type-clean (mypy --strict), as the test extras promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True)


def test_ruff_clean() -> None:
    pytest.importorskip("ruff")
    out = _run(sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks", "scripts")
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_clean() -> None:
    pytest.importorskip("mypy")
    out = _run(sys.executable, "-m", "mypy", "src/wbamatch")
    assert out.returncode == 0, out.stdout + out.stderr
