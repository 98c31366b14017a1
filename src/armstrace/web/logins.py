"""What keeps sign-in from being guessed or flooded: failure limits and a bound on hashing.

`LoginGuard` counts failed sign-ins per user name and per client address over a window;
past `LoginLimits.failures_per_user` (or `failures_per_address`) the name (or address)
is refused for the rest of the window, the right password included, without checking any
password (429, with Retry-After). Unknown names count like known ones, so a lockout
tells nothing about which names exist.

Checking a password is Argon2id (64 MiB and about 0.1 s of CPU each): at most
`LoginLimits.concurrent_hashes` run at once per server process, in a thread of their own
at a lower CPU priority (armstrace.web.limits.lower_thread_priority), the others wait
without holding a thread, and past `waiting_hashes` waiting a sign-in gets 503 at once.
A flood of sign-ins then takes 64 MiB and the CPU the pages of other clients leave,
whatever its size.

Counts are kept in memory, per server process (with `--workers N`, each process counts
for itself), and forgotten on restart; at most `max_tracked` names and addresses are
kept, the least recently failed dropped first.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from armstrace.web.limits import lower_thread_priority

T = TypeVar("T")


@dataclass(frozen=True)
class LoginLimits:
    """How many failed sign-ins a name or an address may make, and how much hashing runs."""

    # 10 per name in 15 minutes: enough for a user who mistypes, useless for guessing.
    failures_per_user: int = 10
    # 30 per address: an office behind one NAT address holds a few users mistyping.
    failures_per_address: int = 30
    window_seconds: float = 15 * 60
    # One Argon2id check at a time per process: one core, 64 MiB.
    concurrent_hashes: int = 1
    # A queue of 32 checks is about 3 s of waiting; more is refused with 503.
    waiting_hashes: int = 32
    max_tracked: int = 10_000


class LoginBusy(Exception):
    """Too many sign-ins are waiting for a password check; try again in a moment."""


class LoginGuard:
    """Failure counts per user name and per address, and the password-check queue.

    `clock` gives seconds (monotonic); tests pass a fake one.
    """

    def __init__(self, limits: LoginLimits | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits or LoginLimits()
        self._clock = clock
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()
        self._hashing: asyncio.Semaphore | None = None
        self._waiting = 0
        self._checks = ThreadPoolExecutor(self.limits.concurrent_hashes,
                                          thread_name_prefix="password-check",
                                          initializer=lower_thread_priority)

    def retry_after(self, user: str, address: str) -> float:
        """Return the seconds until this name and address may try again (0: now)."""
        now = self._clock()
        return max(self._locked_for(("user", user.lower()), self.limits.failures_per_user, now),
                   self._locked_for(("address", address), self.limits.failures_per_address,
                                    now))

    def record_failure(self, user: str, address: str) -> None:
        """Count a failed sign-in against the name and the address."""
        now = self._clock()
        # User names ignore case, so "Alice" and "alice" share their failures.
        self._add(("user", user.lower()), self.limits.failures_per_user, now)
        self._add(("address", address), self.limits.failures_per_address, now)

    def record_success(self, user: str) -> None:
        """Forget the name's failures: its user knows the password."""
        self._failures.pop(("user", user.lower()), None)

    async def check(self, work: Callable[[], T],
                    gone: Callable[[], Awaitable[bool]] | None = None) -> T:
        """Return `work()` (a password check) run in a check thread, after the checks
        before it; raise `LoginBusy` when `waiting_hashes` wait already, or when `gone()`
        says, once its turn has come, that the client left meanwhile (no check for no
        one)."""
        if self._hashing is None:
            # Made here, in the server's event loop, not when the application is built.
            self._hashing = asyncio.Semaphore(self.limits.concurrent_hashes)
        if self._waiting >= self.limits.waiting_hashes:
            raise LoginBusy
        self._waiting += 1
        try:
            await self._hashing.acquire()
        finally:
            self._waiting -= 1
        try:
            if gone is not None and await gone():
                raise LoginBusy
            return await asyncio.get_running_loop().run_in_executor(self._checks, work)
        finally:
            self._hashing.release()


    def _locked_for(self, key: tuple[str, str], limit: int, now: float) -> float:
        times = self._failures.get(key)
        if times is None or len(times) < limit:
            return 0.0
        return max(0.0, times[0] + self.limits.window_seconds - now)

    def _add(self, key: tuple[str, str], limit: int, now: float) -> None:
        times = self._failures.pop(key, None) or deque(maxlen=limit)
        while times and times[0] + self.limits.window_seconds <= now:
            times.popleft()
        times.append(now)
        self._failures[key] = times  # last: the most recently failed
        while len(self._failures) > self.limits.max_tracked:
            self._failures.popitem(last=False)

