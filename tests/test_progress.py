"""Progress reporting: a bar when someone watches, silence otherwise, callbacks that can cancel."""

from __future__ import annotations

import io
import sys
import types
from typing import Any

import pytest
from hypothesis import given, strategies as st

from wbamatch import _progress
from wbamatch._progress import progress, track, wants_bar


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _CancelledError(Exception):
    pass


def _stderr(monkeypatch: pytest.MonkeyPatch, stream: io.StringIO) -> io.StringIO:
    # Patched inside the test body: pytest re-installs its own capture after fixtures run.
    monkeypatch.setattr(sys, "stderr", stream)
    return stream


def _run(steps: int, enabled: Any) -> None:
    with progress(steps, "matching", enabled, delay=0) as p:
        for _ in range(steps):
            p.update()


def test_auto_shows_a_bar_in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _stderr(monkeypatch, _Terminal())
    _run(3, None)
    assert "matching" in terminal.getvalue()


def test_auto_is_silent_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = _stderr(monkeypatch, io.StringIO())
    _run(3, None)
    assert pipe.getvalue() == ""


def test_false_is_silent_even_in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _stderr(monkeypatch, _Terminal())
    _run(3, False)
    assert terminal.getvalue() == ""


def test_true_shows_a_bar_even_without_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = _stderr(monkeypatch, io.StringIO())
    _run(3, True)
    assert "matching" in pipe.getvalue()


def test_missing_tqdm_is_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _stderr(monkeypatch, _Terminal())
    monkeypatch.setitem(sys.modules, "tqdm", None)  # makes "import tqdm" raise ImportError
    _run(3, True)
    assert terminal.getvalue() == ""


def test_a_callback_gets_no_bar_and_every_step(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _stderr(monkeypatch, _Terminal())
    seen: list[tuple[int, int]] = []
    _run(3, lambda done, total: seen.append((done, total)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert terminal.getvalue() == ""


def test_a_jupyter_kernel_counts_as_watching(monkeypatch: pytest.MonkeyPatch) -> None:
    _stderr(monkeypatch, io.StringIO())
    shell = types.SimpleNamespace(kernel=object())
    fake = types.ModuleType("IPython")
    fake.get_ipython = lambda: shell  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", fake)
    assert wants_bar(None)
    shell.kernel = None  # a terminal IPython shell: no kernel
    assert not wants_bar(None)


def test_a_closed_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    stream.close()
    monkeypatch.setattr(sys, "stderr", stream)
    assert not wants_bar(None)
    monkeypatch.setattr(sys, "stderr", None)
    assert not wants_bar(None)


def test_a_raising_callback_cancels_and_an_error_closes_the_bar(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closed: list[bool] = []

    class Bar:
        def update(self, n: int) -> None:
            pass

        def close(self) -> None:
            closed.append(True)

    monkeypatch.setattr(_progress, "_new_bar", lambda total, desc, delay: Bar())
    done: list[int] = []

    def stop_after_two(finished: int, total: int) -> None:
        if finished == 2:
            raise _CancelledError
        done.append(finished)

    with pytest.raises(_CancelledError), progress(5, "x", stop_after_two) as p:
        for _ in range(5):
            p.update()
    assert done == [0, 1]
    assert closed == []  # a callback never gets a bar

    with pytest.raises(_CancelledError), progress(5, "x", True) as p:
        p.update()
        raise _CancelledError
    assert closed == [True]


def test_track_stops_where_the_callback_raises() -> None:
    processed: list[int] = []

    def cancel_at(done: int, total: int) -> None:
        if done == 3:
            raise _CancelledError

    with pytest.raises(_CancelledError):
        for item in track(range(10), 10, enabled=cancel_at):
            processed.append(item)
    assert processed == [0, 1, 2]


@given(st.integers(0, 40), st.integers(0, 40))
def test_callback_sees_each_count_once_in_order(total: int, steps: int) -> None:
    seen: list[tuple[int, int]] = []
    items = list(track(range(steps), total, enabled=lambda d, t: seen.append((d, t))))
    assert items == list(range(steps))
    assert seen == [(k, total) for k in range(steps + 1)]


def test_progress_bar_reaches_the_total_in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _stderr(monkeypatch, _Terminal())
    assert list(track("abcd", 4, "letters", delay=0)) == ["a", "b", "c", "d"]
    assert "letters" in terminal.getvalue()
