"""Progress of long runs: a tqdm bar for people, a callback for services, silence otherwise.

Long-running functions take a ``progress`` argument (:data:`ProgressOption`):

- ``None`` (the default): a bar when someone is watching, that is when stderr is a terminal or
  the code runs in a Jupyter kernel; silent otherwise (scripts writing to a log, services, tests).
- ``True``: always a bar; ``False``: never.
- a callable ``(done, total) -> None``: called with ``(0, total)`` at the start and after every
  step, and no bar. It may raise to cancel the run; the exception reaches the caller unchanged.

tqdm is imported only when a bar is shown; without tqdm installed a bar request is silent. In
a notebook the widget bar (``tqdm.notebook``) is used when ipywidgets is installed, the text
bar otherwise: that is the choice ``tqdm.auto`` makes, without its warning when ipywidgets is
missing. A bar appears only after ``delay`` seconds, so quick runs print nothing.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Final, TypeVar

__all__ = ["DELAY", "Progress", "ProgressOption", "progress", "track", "wants_bar"]

T = TypeVar("T")

#: What a caller may pass as ``progress``: auto (None), on or off, or a callback.
ProgressOption = bool | Callable[[int, int], None] | None

#: Seconds before a bar appears: runs shorter than this show nothing.
DELAY: Final[float] = 0.5


class Progress:
    """The handle :func:`progress` yields: call :meth:`update` after each step of work.

    Attributes
    ----------
    done, total
        Steps finished so far, and steps in all.
    """

    __slots__ = ("_bar", "_callback", "done", "total")

    def __init__(self, total: int, bar: Any, callback: Callable[[int, int], None] | None) -> None:
        self.total = total
        self.done = 0
        self._bar = bar
        self._callback = callback

    def update(self, n: int = 1) -> None:
        """Record ``n`` more finished steps (moves the bar, calls the callback)."""
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
        if self._callback is not None:
            self._callback(self.done, self.total)


def _in_jupyter() -> bool:
    """True inside a Jupyter (ipykernel) kernel; IPython is looked up, never imported."""
    ipython = sys.modules.get("IPython")
    get = getattr(ipython, "get_ipython", None)
    shell = get() if callable(get) else None
    return getattr(shell, "kernel", None) is not None


def _stderr_is_terminal() -> bool:
    isatty = getattr(sys.stderr, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (ValueError, OSError):  # a closed or detached stream
        return False


def wants_bar(enabled: ProgressOption) -> bool:
    """Whether ``enabled`` asks for a bar here (a callback never gets one)."""
    if enabled is None:
        return _stderr_is_terminal() or _in_jupyter()
    return enabled is True


def _new_bar(total: int, desc: str, delay: float) -> Any:
    """A tqdm bar, or None when tqdm is not installed."""
    try:
        if _in_jupyter() and importlib.util.find_spec("ipywidgets") is not None:
            from tqdm.notebook import tqdm
        else:
            from tqdm import tqdm
    except ImportError:
        return None
    # sys.stderr is looked up now, not when tqdm was imported: it is what wants_bar() checked.
    return tqdm(
        total=total, desc=desc, delay=delay, leave=False, dynamic_ncols=True, file=sys.stderr
    )


@contextmanager
def progress(
    total: int, desc: str = "", enabled: ProgressOption = None, *, delay: float = DELAY
) -> Iterator[Progress]:
    """Report the progress of ``total`` steps of work; yields a :class:`Progress`.

    Parameters
    ----------
    total
        Steps in all (e.g. blocks of candidates).
    desc
        A few words shown before the bar, e.g. ``"matching"``.
    enabled
        ``None`` (auto: a bar in a terminal or a notebook), ``True``, ``False``, or a callable
        ``(done, total) -> None`` that may raise to cancel.
    delay
        Seconds before the bar appears.

    Example
    -------
    >>> seen = []
    >>> with progress(3, "work", lambda done, total: seen.append(done)) as p:
    ...     for _ in range(3):
    ...         p.update()
    >>> seen
    [0, 1, 2, 3]
    """
    callback = enabled if callable(enabled) else None
    bar = _new_bar(total, desc, delay) if wants_bar(enabled) else None
    handle = Progress(total, bar, callback)
    try:
        if callback is not None:
            callback(0, total)
        yield handle
    finally:
        if bar is not None:
            bar.close()


def track(
    items: Iterable[T],
    total: int,
    desc: str = "",
    enabled: ProgressOption = None,
    *,
    delay: float = DELAY,
) -> Iterator[T]:
    """Yield ``items`` and count each one as a finished step (see :func:`progress`).

    A step counts once the loop body has finished with it, so a callback sees ``done == total``
    only when all the work is done.

    Example
    -------
    >>> seen = []
    >>> [x * 2 for x in track([1, 2], 2, enabled=lambda d, t: seen.append((d, t)))]
    [2, 4]
    >>> seen
    [(0, 2), (1, 2), (2, 2)]
    """
    with progress(total, desc, enabled, delay=delay) as handle:
        for item in items:
            yield item
            handle.update()
