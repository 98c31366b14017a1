"""Bound the time a piece of work may take in this process: `with time_limit(30): ...`.

When the limit passes, `TimeLimitExceeded` is raised in the code running the body, in any
thread: in a process's main thread by a timer signal (SIGALRM), in another thread (an
ingest a server or a scheduler runs in a thread of its own) by a timer thread that sets
an asynchronous exception in it (CPython's `PyThreadState_SetAsyncExc`). Either is
raised only where the body's code returns to the interpreter, which spaCy, lxml,
trafilatura and the regular expressions on one sentence all do now and then; one long
call into C is not cut short (the process pool's own bound, which kills a worker that
keeps a batch too long, holds there: scale/pool.py). Where neither is available (a
platform without timers, an interpreter other than CPython off the main thread) the
body runs unbounded. Kept apart from armstrace.stages so that the readers can use it
without importing spaCy.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import signal
import threading
from collections.abc import Iterator
from types import FrameType

__all__ = ["TimeLimitExceeded", "time_limit"]

_log = logging.getLogger(__name__)


class TimeLimitExceeded(Exception):  # noqa: N818 - named for what happened, like TimeoutError
    """A stage ran longer on one document (or batch) than its limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after {seconds:g} s")
        self.seconds = seconds


class _Expired(BaseException):  # noqa: N818 - a signal to this module, not an error
    """Raised in a thread whose limit passed; `time_limit` turns it into TimeLimitExceeded.

    A BaseException, as KeyboardInterrupt is, so that the body's `except Exception`
    does not take it for an error of its own and carry on.
    """


# Whether the calling thread runs under a limit already (the outer one governs).
_limited = threading.local()


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `TimeLimitExceeded` in the body if it runs longer than `seconds` (None: no limit).

    In any thread (see the module's notes), and not inside another limit of the same
    thread (the outer one governs).
    """
    if seconds is None or getattr(_limited, "active", False):
        yield
        return
    in_main_thread = threading.current_thread() is threading.main_thread()
    if in_main_thread and hasattr(signal, "setitimer"):
        limit = _signal_limit(seconds)
    else:
        limit = _thread_limit(seconds)
    _limited.active = True
    try:
        with limit:
            yield
    finally:
        _limited.active = False


@contextlib.contextmanager
def _signal_limit(seconds: float) -> Iterator[None]:
    def on_alarm(_signal: int, _frame: FrameType | None) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _thread_limit(seconds: float) -> Iterator[None]:
    set_async_exception = getattr(getattr(ctypes, "pythonapi", None),
                                  "PyThreadState_SetAsyncExc", None)
    if set_async_exception is None:
        _log.debug("no asynchronous exceptions here: the body runs without a time limit")
        yield
        return
    thread_id = ctypes.c_ulong(threading.get_ident())
    # The timer and the body's end decide under one lock whether the exception was sent,
    # so that one sent but not yet raised when the body ends is taken back.
    lock = threading.Lock()
    state = {"ended": False, "sent": False}

    def expire() -> None:
        with lock:
            if not state["ended"]:
                state["sent"] = True
                set_async_exception(thread_id, ctypes.py_object(_Expired))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    try:
        timer.start()
        try:
            yield
        finally:
            with lock:
                state["ended"] = True
                timer.cancel()
                if state["sent"]:
                    set_async_exception(thread_id, None)  # not raised yet: taken back
    except _Expired:
        raise TimeLimitExceeded(seconds) from None
