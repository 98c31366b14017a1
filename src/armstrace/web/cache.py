"""What pages computed from the store, kept until the store changes.

The Deals list and a Deal page are read far more often than the register
changes, and under load their CPU time (queries, decoding, template rows) is
what makes visitors wait (docs/performance.md). `PageCache` keeps a few
answers on `app.state`, each under the store's version when it was made:
any commit to the store (an ingest in another process, a review decision
in this one) moves the version, and the next request finds nothing and
computes afresh. Stores without a cheap version (PostgreSQL) are not cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Protocol, TypeVar

T = TypeVar("T")

# Answers kept at once: enough for the usual sorts and pages of the list and the deals
# being looked at; at most about 150 KB each (a 500-row list), so a few MB in all.
MAX_ENTRIES = 64


class ChangeCounter(Protocol):
    """A store's version: equal answers mean nothing was committed in between."""

    def version(self) -> Hashable: ...

    def close(self) -> None: ...


class PageCache:
    """Compute a value once per store version and key; thread-safe; least recently used out."""

    def __init__(self, counter: ChangeCounter | None, max_entries: int = MAX_ENTRIES) -> None:
        self._counter = counter
        self._max_entries = max_entries
        self._lock = threading.Lock()
        self._version: Hashable = None
        self._entries: OrderedDict[Hashable, object] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """Return the value kept under `key` for the store as it is now; else `make()` it.

        The version is read before `make` runs, so a commit while it runs leaves
        the value under the older version, and the next request makes it again.
        What `make` raises passes through and nothing is kept.
        """
        if self._counter is None:
            return make()
        version = self._counter.version()
        with self._lock:
            if version != self._version:
                self._entries.clear()
                self._version = version
            elif key in self._entries:
                self._entries.move_to_end(key)
                found: T = self._entries[key]  # type: ignore[assignment]
                return found
        value = make()
        with self._lock:
            if version == self._version:
                self._entries[key] = value
                while len(self._entries) > self._max_entries:
                    self._entries.popitem(last=False)
        return value

    def close(self) -> None:
        """Forget every answer and close the store's counter."""
        with self._lock:
            self._entries.clear()
        if self._counter is not None:
            self._counter.close()
