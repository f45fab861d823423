"""The README's Python examples run, in order, as a reader would paste them."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_examples() -> None:
    assert len(_blocks()) >= 4


def test_readme_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("openpyxl")
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)  # the examples write files: keep them out of the checkout
    namespace: dict[str, object] = {}
    for k, block in enumerate(_blocks()):
        try:
            exec(compile(block, f"README.md python block {k + 1}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message is the point
            pytest.fail(f"README python block {k + 1} failed: {type(exc).__name__}: {exc}")
    assert os.listdir(tmp_path)  # the examples did write their files there
