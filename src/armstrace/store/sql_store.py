"""What the SQLite and PostgreSQL stores share: their tables and their connection's life.

`SQLStore` gathers the table mixins (`DocumentTables`, `DealTables`,
`ReviewTables`, `WatchTables`) and opens, closes and context-manages one
database connection. A backend (`SQLiteStore`, `PostgresStore`) says how to
connect, how to make a new connection ready (settings, migrations) and how to
word its database's errors; search, too, is each backend's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self, TypeVar

from armstrace.store.deal_tables import DealTables
from armstrace.store.document_tables import DocumentTables
from armstrace.store.review_tables import ReviewTables
from armstrace.store.watch_tables import WatchTables


class Connection(Protocol):
    """What `SQLStore` needs of a database connection: a way to close it."""

    def close(self) -> None: ...


ConnectionT = TypeVar("ConnectionT", bound=Connection)


def utc_now() -> dt.datetime:
    """Return the current time in UTC: the clock a store stamps its rows with by default."""
    return dt.datetime.now(dt.UTC)


class SQLStore(DocumentTables, DealTables, ReviewTables, WatchTables):
    """A `Store` over one database connection, opened by the backend with `_open`."""

    _connection: Connection
    _closed = False

    def _open(
        self, connect: Callable[[], ConnectionT], prepare: Callable[[ConnectionT], object]
    ) -> ConnectionT:
        """Return a new connection from `connect`, made ready by `prepare`.

        A connection that `prepare` fails on is closed again, so a store that
        could not be opened holds no connection; the database's errors are
        raised as `StoreError`s.
        """
        with self._translate_errors():
            connection = connect()
        try:
            with self._translate_errors():
                prepare(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _before_close(self) -> None:
        """Do the backend's last work on the connection before it closes (none by default)."""

    # -- context manager -------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connection; closing twice is harmless."""
        if self._closed:
            return
        self._closed = True
        self._before_close()
        with self._translate_errors():
            self._connection.close()
