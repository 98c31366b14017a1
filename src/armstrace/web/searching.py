"""Run a search's database work bounded: few at once, a time limit, stopped when its client leaves.

A full-text search is the one request whose cost a client chooses (the words, the
filters). `run_search` runs its work in a worker thread, at most `SEARCH_SLOTS` per
process at once (the others wait without holding a thread; past `SEARCH_WAITING`
waiting, 503 at once), under the store's time limit (`SEARCH_SECONDS`; past it,
503), and interrupts the database statement the moment the client disconnects.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

import anyio
from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from armstrace.errors import StoreInterrupted
from armstrace.store import Store
from armstrace.web.dependencies import open_request_store

T = TypeVar("T")

# Seconds of database time a search may take: the heaviest bounded search of the Reuters
# register (16 common words) takes about 0.06 s, so this is room for a busy machine.
SEARCH_SECONDS = 2.0
# Searches running at once per server process: two leave a core of two to other pages.
SEARCH_SLOTS = 2
# Searches waiting for a slot; more are refused at once.
SEARCH_WAITING = 16


class SearchSlots:
    """The searches a process runs at once, and the queue in front of them."""

    def __init__(self, slots: int = SEARCH_SLOTS, waiting: int = SEARCH_WAITING) -> None:
        self.slots = slots
        self.waiting = waiting
        self._semaphore: asyncio.Semaphore | None = None
        self._waiting = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold a slot; raise 503 when too many searches wait already."""
        if self._semaphore is None:
            # Made here, in the server's event loop, not when the application is built.
            self._semaphore = asyncio.Semaphore(self.slots)
        if self._waiting >= self.waiting:
            raise HTTPException(status_code=503, detail="too many searches at once; try again "
                                "in a moment", headers={"Retry-After": "1"})
        self._waiting += 1
        try:
            await self._semaphore.acquire()
        finally:
            self._waiting -= 1
        try:
            yield
        finally:
            self._semaphore.release()


async def run_search(request: Request, work: Callable[[Store], T]) -> T:
    """Return `work(store)` run on the request's store in a worker thread, bounded.

    503 when too many searches wait or the work runs past `SEARCH_SECONDS`; the work's
    statement is interrupted as soon as the client disconnects.
    """
    slots: SearchSlots = request.app.state.search_slots
    async with slots.slot():
        try:
            return await _run_interruptible(request, work)
        except StoreInterrupted as error:
            raise HTTPException(
                status_code=503, detail=f"the search was stopped after {SEARCH_SECONDS:g} s; "
                "use fewer or rarer words, or a filter") from error


async def _run_interruptible(request: Request, work: Callable[[Store], T]) -> T:
    running: list[Store] = []
    gone = False

    def in_thread() -> T:
        with open_request_store(request) as store:
            running.append(store)
            if gone:
                raise StoreInterrupted("the client left before the search began")
            with store.time_limit(SEARCH_SECONDS):
                return work(store)

    async def interrupt_when_gone() -> None:
        nonlocal gone
        while True:
            message = await request.receive()
            if message["type"] == "http.disconnect":
                gone = True
                for store in running:
                    store.interrupt()
                return

    async with anyio.create_task_group() as group:
        group.start_soon(interrupt_when_gone)
        try:
            result = await run_in_threadpool(in_thread)
        finally:
            group.cancel_scope.cancel()
    return result
