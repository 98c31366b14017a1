"""Run a search's database work bounded: few at once, a time limit, stopped when its client leaves.

A full-text search is the one request whose cost a client chooses (the words, the
filters). `run_search` runs its work in a thread of its own, at most `SEARCH_SLOTS` per
process at once and one per client address (the others wait without holding a thread,
served by turns of client address; past `SEARCH_WAITING` waiting, 503 at once; past
`SEARCH_PER_ADDRESS` running or waiting from one client address, 503 after
`SEARCH_REFUSAL_SECONDS`), under the store's time limit (`SEARCH_SECONDS`; past it, 503),
and interrupts the database statement the moment the client disconnects. One client
flooding searches so holds four places and one slot at most, is slowed to a refusal a
second per connection, and another client's search finds a slot free or waits for about
one search, not for the flood."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter, OrderedDict, deque
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from fastapi import HTTPException, Request

from armstrace.errors import StoreInterrupted
from armstrace.store import Store
from armstrace.web.dependencies import open_request_store

T = TypeVar("T")

# Seconds of database time a search may take: the heaviest bounded search of the Reuters
# register (16 common words) takes about 0.06 s, so this is room for a busy machine.
SEARCH_SECONDS = 2.0
# Searches running at once per server process: three, of which one address runs one (one
# slot made searches of other clients queue behind each other, a Search page on Reuters
# taking 50-100 ms; with two, a flooding address held one and the others queued for the
# second: their p95 was 393 ms on a busy machine, 311 ms with three).
SEARCH_SLOTS = 3
# Searches waiting for a slot; more are refused at once.
SEARCH_WAITING = 16
# Searches one client address may have running or waiting: a few people behind one
# office address, each with a page or two.
SEARCH_PER_ADDRESS = 4
# Seconds an address past its places waits for its refusal: refused at once, a flooding
# client asks again at once, and its hundreds of refusals a second took the CPU the
# pages of other clients needed (a 503 costs about what a small page does). A wait
# costs nothing here (no thread, no database), and slows such a client to a refusal per
# second per connection; the `Retry-After` it is told.
SEARCH_REFUSAL_SECONDS = 1.0


class SearchSlots:
    """The searches a process runs at once, and a fair queue in front of them.

    Waiting searches are served by turns of client address, not in arrival order: an
    address that floods the queue has one turn like any other, and runs one search at a
    time, so another client's search finds a slot free or waits for about one search,
    not for the flood.
    """

    def __init__(self, slots: int = SEARCH_SLOTS, waiting: int = SEARCH_WAITING,
                 per_address: int = SEARCH_PER_ADDRESS,
                 refusal_seconds: float = SEARCH_REFUSAL_SECONDS) -> None:
        self.slots = slots
        self.waiting = waiting
        self.per_address = per_address
        self.refusal_seconds = refusal_seconds
        self._running = 0
        self._waiting = 0
        self._by_address: Counter[str] = Counter()
        # Searches running by address: one at most, so one address never holds every slot.
        self._running_by_address: Counter[str] = Counter()
        # Waiting searches by address, in turn order: the address served goes last.
        self._turns: OrderedDict[str, deque[asyncio.Future[None]]] = OrderedDict()
        # The threads searches run in (at the pages' priority: a lower one starved the
        # searches of other clients too, on a busy machine).
        self.executor = ThreadPoolExecutor(slots, thread_name_prefix="search")

    @asynccontextmanager
    async def slot(self, address: str) -> AsyncIterator[None]:
        """Hold a slot for a client address; raise 503 when too many searches wait already,
        or this address has `per_address` running or waiting (after `refusal_seconds`)."""
        if self._by_address[address] >= self.per_address:
            await asyncio.sleep(self.refusal_seconds)
            raise HTTPException(status_code=503, detail="too many searches from this address "
                                "at once; wait for one to end", headers={"Retry-After": "1"})
        if self._waiting >= self.waiting:
            raise HTTPException(status_code=503, detail="too many searches at once; try again "
                                "in a moment", headers={"Retry-After": "1"})
        self._by_address[address] += 1
        try:
            await self._acquire(address)
            try:
                yield
            finally:
                self._release(address)
        finally:
            self._by_address[address] -= 1
            if not self._by_address[address]:
                del self._by_address[address]

    async def _acquire(self, address: str) -> None:
        # A free slot with searches waiting means each of them is from an address that
        # runs its one search already: a search from another address takes the slot.
        if self._running < self.slots and not self._running_by_address[address]:
            self._start(address)
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._turns.setdefault(address, deque()).append(turn)
        self._waiting += 1
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._release(address)  # handed a slot as it was cancelled: pass it on
            else:
                self._forget(address, turn)
            raise
        finally:
            self._waiting -= 1

    def _start(self, address: str) -> None:
        self._running += 1
        self._running_by_address[address] += 1

    def _release(self, address: str) -> None:
        """Free the slot of a search that ended and hand free slots on: to the first
        waiting search of each address in turn that runs none already.

        The address whose search just ended has had its turn: it goes last.
        """
        self._running -= 1
        self._running_by_address[address] -= 1
        if not self._running_by_address[address]:
            del self._running_by_address[address]
        if address in self._turns:
            self._turns.move_to_end(address)
        while self._running < self.slots:
            turn_address = next((waiting_address for waiting_address in self._turns
                                 if not self._running_by_address[waiting_address]), None)
            if turn_address is None:
                return
            waiting = self._turns[turn_address]
            turn = waiting.popleft()
            if waiting:
                self._turns.move_to_end(turn_address)
            else:
                del self._turns[turn_address]
            if not turn.done():
                self._start(turn_address)
                turn.set_result(None)

    def _forget(self, address: str, turn: asyncio.Future[None]) -> None:
        waiting = self._turns.get(address)
        if waiting is not None and turn in waiting:
            waiting.remove(turn)
            if not waiting:
                del self._turns[address]


async def run_search(request: Request, work: Callable[[Store], T]) -> T:
    """Return `work(store)` run on the request's store in a worker thread, bounded.

    503 when too many searches wait or the work runs past `SEARCH_SECONDS`; the work's
    statement is interrupted as soon as the client disconnects.
    """
    slots: SearchSlots = request.app.state.search_slots
    async with slots.slot(request.client.host if request.client else ""):
        if await request.is_disconnected():
            # Left while waiting for its turn: the turn passes on at once.
            raise HTTPException(status_code=503, detail="the client left")
        try:
            return await _run_interruptible(request, work, slots.executor)
        except StoreInterrupted as error:
            raise HTTPException(
                status_code=503, detail=f"the search was stopped after {SEARCH_SECONDS:g} s; "
                "use fewer or rarer words, or a filter") from error


async def _run_interruptible(request: Request, work: Callable[[Store], T],
                             executor: Executor) -> T:
    running: list[Store] = []
    gone = threading.Event()

    def in_thread() -> T:
        with open_request_store(request) as store:
            running.append(store)
            try:
                if gone.is_set():
                    raise StoreInterrupted("the client left before the search began")
                with store.time_limit(SEARCH_SECONDS):
                    return work(store)
            finally:
                running.remove(store)  # closed next: no interrupt reaches it after

    job: asyncio.Future[T] = asyncio.get_running_loop().run_in_executor(executor, in_thread)
    watcher: asyncio.Future[None] = asyncio.ensure_future(_disconnected(request))
    try:
        pending: list[asyncio.Future[Any]] = [job, watcher]
        await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        if watcher.done() and not job.done():
            gone.set()
            for store in list(running):
                store.interrupt()
        return await job
    finally:
        watcher.cancel()


async def _disconnected(request: Request) -> None:
    """Return when the client disconnects (a GET's body has been read: nothing else comes)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass
