"""A statement is stopped past the store's time limit, or at once by `interrupt` from
another thread (issue 16, item 9: what bounds a web search)."""

from __future__ import annotations

import threading
import time

import pytest

from armstrace.errors import StoreInterrupted
from armstrace.store import Store

# A statement that never ends on its own: counting up without a bound (both dialects).
ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def run_endless(store: Store) -> None:
    # The store's own plumbing: no public method runs unbounded on purpose.
    with store._translate_errors():  # type: ignore[attr-defined]  # noqa: SLF001
        store._execute(ENDLESS).fetchone()  # type: ignore[attr-defined]  # noqa: SLF001


def test_a_statement_past_its_time_limit_is_stopped(store: Store) -> None:
    started = time.perf_counter()
    with store.time_limit(0.2), pytest.raises(StoreInterrupted, match="time limit of 0.2 s"):
        run_endless(store)

    assert time.perf_counter() - started < 5


def test_interrupt_from_another_thread_stops_the_running_statement(store: Store) -> None:
    threading.Timer(0.3, store.interrupt).start()
    started = time.perf_counter()
    with pytest.raises(StoreInterrupted, match="cancelled"):
        run_endless(store)

    assert time.perf_counter() - started < 5


def test_the_store_works_on_after_a_time_limit(store: Store) -> None:
    with store.time_limit(0.1), pytest.raises(StoreInterrupted):
        run_endless(store)

    time.sleep(0.2)  # past the old limit: it no longer applies
    assert store.count_documents() == 0
