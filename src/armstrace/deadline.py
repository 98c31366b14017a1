"""Bound the time a piece of work may take in this process: `with time_limit(30): ...`.

The limit is a timer signal (SIGALRM) that raises `TimeLimitExceeded` in the code running
when it fires, so it works only in a process's main thread (a pool worker, the CLI) and
only where that code returns to the interpreter now and then (spaCy, lxml, trafilatura
and the regular expressions on one sentence all do). Elsewhere (a web server's thread, a
platform without timers) the body runs unbounded. Kept apart from armstrace.stages so
that the readers can use it without importing spaCy.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

__all__ = ["TimeLimitExceeded", "time_limit"]


class TimeLimitExceeded(Exception):  # noqa: N818 - named for what happened, like TimeoutError
    """A stage ran longer on one document (or batch) than its limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after {seconds:g} s")
        self.seconds = seconds


_timer_active = False


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `TimeLimitExceeded` in the body if it runs longer than `seconds` (None: no limit).

    Only in the main thread, and not inside another limit (the outer one governs).
    """
    global _timer_active
    if (
        seconds is None
        or _timer_active
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def on_alarm(_signal: int, _frame: FrameType | None) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    _timer_active = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _timer_active = False
