"""What the SQLite and PostgreSQL stores share: their tables and their connection's life.

`SQLStore` gathers the table mixins (`DocumentTables`, `DealTables`, `AuditTables`
over `ReviewTables`, `WatchTables`, `SipriTables`), opens, closes and context-manages one database
connection, and checks and filters a full-text search. A backend (`SQLiteStore`,
`PostgresStore`) says how to connect, how to make a new connection ready
(settings, migrations), how to word its database's errors, and how its full-text
index matches, ranks and cuts snippets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import TracebackType
from typing import Any, ClassVar, Protocol, Self, TypeVar

from armstrace.store.audit_tables import AuditTables
from armstrace.store.base import RecordFilter, SearchHit
from armstrace.store.deal_tables import DealTables
from armstrace.store.document_tables import DocumentTables
from armstrace.store.sipri_tables import SipriTables
from armstrace.store.sql import SEARCH_ORDERS, holds_record
from armstrace.store.watch_tables import WatchTables


class Connection(Protocol):
    """What `SQLStore` needs of a database connection: a way to close it."""

    def close(self) -> None: ...


ConnectionT = TypeVar("ConnectionT", bound=Connection)


def utc_now() -> dt.datetime:
    """Return the current time in UTC: the clock a store stamps its rows with by default."""
    return dt.datetime.now(dt.UTC)


class SQLStore(DocumentTables, DealTables, AuditTables, WatchTables, SipriTables):
    """A `Store` over one database connection, opened by the backend with `_open`."""

    _connection: Connection
    _closed = False
    # The FROM clause of a search: the documents `d` and the backend's full-text index.
    _search_from: ClassVar[str]
    # The condition under which a document matches the quoted query `:match`.
    _search_match: ClassVar[str]

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

    # -- search -----------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 20,
        *,
        highlight: tuple[str, str] = ("[", "]"),
        records: RecordFilter | None = None,
        offset: int = 0,
        order: str = "relevance",
    ) -> list[SearchHit]:
        """Return the documents that match the query, best first (or by `order`:
        `newest` or `oldest` published first, undated last).

        The query is read by `parse_search`: words and "quoted phrases" must all
        appear, `OR` between two terms lets either do; the search syntax of the
        database (FTS5's operators, websearch_to_tsquery's or, - and quotes) and
        punctuation in user text are plain words, never syntax. With `records`,
        only documents holding a record that matches it.
        """
        if limit < 1:
            raise ValueError(f"limit must be 1 or more, not {limit}")
        if order not in SEARCH_ORDERS:
            raise ValueError(f"order {order!r} is not one of {', '.join(SEARCH_ORDERS)}")
        if offset < 0:
            raise ValueError(f"offset must be 0 or more, not {offset}")
        match = self._quote_search_query(query)
        if not match:
            return []
        condition, parameters = self._search_condition(match, records)
        parameters.update({"limit": limit, "offset": offset})
        with self._translate_errors():
            return self._find_hits(condition, parameters, highlight, order)

    def count_search(self, query: str, *, records: RecordFilter | None = None) -> int:
        """Return how many documents `search` finds for the query and record conditions."""
        match = self._quote_search_query(query)
        if not match:
            return 0
        condition, parameters = self._search_condition(match, records)
        return self._count(
            f"SELECT count(*) AS n {self._search_from} WHERE {condition}", parameters
        )

    def _search_condition(
        self, match: str, records: RecordFilter | None
    ) -> tuple[str, dict[str, Any]]:
        """Return the WHERE condition of a search, and its parameters, `:match` among them."""
        if records is None:
            return self._search_match, {"match": match}
        condition, parameters = holds_record(records, self._dialect)
        parameters["match"] = match
        return f"{self._search_match} AND {condition}", parameters

    def _quote_search_query(self, query: str) -> str:
        """Return user search text as the backend's query of quoted terms, all needed."""
        raise NotImplementedError

    def _find_hits(
        self, condition: str, parameters: dict[str, Any], highlight: tuple[str, str],
        order: str,
    ) -> list[SearchHit]:
        """Return the page (`:limit`, `:offset`) of documents that meet `condition`, best
        first or by publication date (`order`, one of SEARCH_ORDERS).

        `highlight` is the pair of markers put around matched words in the snippets.
        """
        raise NotImplementedError
