"""The PostgreSQL store: one database that several ingests and a web server share.

Selected by a URL (`--db postgresql://user:password@host/dbname`). The tables,
their SQL and the connection's opening and closing are the SQLite store's
(`sql_store`); what is PostgreSQL's own is here: the connection (psycopg 3,
autocommit, a transaction per document), full-text search with a `tsvector`
column, `websearch_to_tsquery` and `ts_headline`, and the error messages.

Concurrent writers never duplicate anything: documents, records and deals are
keyed on content ids and inserted with ON CONFLICT DO NOTHING, and a merge holds
a lock on the deals table while it reads records and rewrites their deals.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any, ClassVar

import psycopg
import psycopg.errors
from psycopg.rows import DictRow, dict_row

from armstrace.errors import StoreError, StoreInterrupted
from armstrace.store.base import SearchHit
from armstrace.store.document_tables import DocumentTables
from armstrace.store.locations import redact_url
from armstrace.store.postgres_migrations import TEXT_SEARCH_CONFIG, migrate_postgres
from armstrace.store.sql import POSTGRES, parse_search, search_hit_from_row, to_pyformat
from armstrace.store.sql_store import SQLStore, utc_now
from armstrace.store.tables import Rows

_log = logging.getLogger(__name__)

# Seconds to wait for the server to answer a connection.
DEFAULT_CONNECT_TIMEOUT = 10

# ts_rank weights for D, C, B, A: the title (A) counts twice the body (B), as in SQLite.
_RANK_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"
# ts_rank normalisation 1: divide by 1 + log(length), so long articles do not win by length.
_RANK_NORMALISATION = 1
# Private-use characters as ts_headline's markers: they cannot clash with its option
# syntax, and are swapped for the caller's markers afterwards.
_START, _STOP = "\ue000", "\ue001"
_HEADLINE_OPTIONS = (
    f'StartSel="{_START}", StopSel="{_STOP}", MaxWords=16, MinWords=6, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


class PostgresStore(SQLStore):
    """A `Store` in a PostgreSQL database, created and migrated on first open.

    `url` is a libpq connection URL; its schema is the first of the search_path
    (public by default). `clock` gives the time stamped on stored rows.
    """

    _dialect = POSTGRES
    _connection: psycopg.Connection[DictRow]
    _stopped_because = "it was cancelled"
    _unstorable_value_errors: ClassVar[tuple[type[Exception], ...]] = (
        *DocumentTables._unstorable_value_errors,
        psycopg.DataError,
    )

    def __init__(
        self,
        url: str,
        *,
        connect_timeout: int = DEFAULT_CONNECT_TIMEOUT,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.url = url
        self.label = redact_url(url)
        self._clock = clock
        self._connection = self._open(
            partial(
                psycopg.connect,
                url,
                autocommit=True,
                row_factory=dict_row,
                connect_timeout=connect_timeout,
                application_name="armstrace",
            ),
            partial(migrate_postgres, label=self.label),
        )

    def __repr__(self) -> str:
        return f"PostgresStore({self.label!r})"

    # -- search -----------------------------------------------------------

    _search_from = (
        f"FROM documents d CROSS JOIN websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', :match) "
        "AS q (query)"
    )
    _search_match = "d.search_vector @@ q.query"

    def _quote_search_query(self, query: str) -> str:
        return quote_websearch_query(query)

    def _find_hits(
        self, condition: str, parameters: dict[str, Any], highlight: tuple[str, str],
        order: str,
    ) -> list[SearchHit]:
        parameters["options"] = _HEADLINE_OPTIONS
        # The snippet is made for the page of hits only: ts_headline reads the whole text.
        rows = self._execute(
            "WITH hits AS ("
            "SELECT d.seq, d.id, d.title, d.url, d.published, d.text, q.query, "
            f"ts_rank('{_RANK_WEIGHTS}', d.search_vector, q.query, {_RANK_NORMALISATION}) "
            "AS score "
            f"{self._search_from} WHERE {condition} "
            f"ORDER BY {_HIT_ORDERS[order].format(table='d.')}, d.seq "
            "LIMIT :limit OFFSET :offset) "
            "SELECT id, title, url, published, score, "
            f"ts_headline('{TEXT_SEARCH_CONFIG}', text, query, :options) AS snippet "
            f"FROM hits ORDER BY {_HIT_ORDERS[order].format(table='')}, seq",
            parameters,
        ).fetchall()
        start, stop = highlight
        return [
            search_hit_from_row(
                row, row["snippet"].replace(_START, start).replace(_STOP, stop), float(row["score"])
            )
            for row in rows
        ]

    # -- time limits ------------------------------------------------------

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """Stop any statement that runs longer than `seconds` with `StoreInterrupted`.

        PostgreSQL's statement_timeout: each statement has the time, on the server.
        """
        with self._translate_errors():
            self._connection.execute(f"SET statement_timeout = {max(1, round(seconds * 1000)):d}")
        self._stopped_because = f"it ran past its time limit of {seconds:g} s"
        try:
            yield
        finally:
            self._stopped_because = "it was cancelled"
            if not self._closed and not self._connection.closed:
                with self._translate_errors():
                    self._connection.execute("RESET statement_timeout")

    def interrupt(self) -> None:
        """Cancel the statement running now (safe from another thread): `StoreInterrupted`."""
        self._stopped_because = "it was cancelled"
        cancel = getattr(self._connection, "cancel_safe", None) or self._connection.cancel
        try:
            cancel()
        except psycopg.Error as exc:
            _log.debug("%s: cancel failed: %s", self.label, exc)

    # -- plumbing ---------------------------------------------------------

    def _execute(self, sql: str, parameters: Mapping[str, Any] | None = None) -> Rows:
        # Always a mapping, even empty, so psycopg reads `%%` in the SQL as `%`.
        return self._connection.execute(to_pyformat(sql), dict(parameters or {}))

    def _executemany(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        with self._connection.cursor() as cursor:
            cursor.executemany(to_pyformat(sql), rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # psycopg commits on exit and rolls back on an exception; nested, a savepoint.
        with self._connection.transaction():
            yield

    def _lock_deal_tables(self) -> None:
        # Self-exclusive, and readers (the web server's SELECTs) pass it.
        self._execute("LOCK TABLE deals IN SHARE ROW EXCLUSIVE MODE")

    @contextmanager
    def _translate_errors(self) -> Iterator[None]:
        try:
            yield
        except psycopg.errors.QueryCanceled as exc:
            raise StoreInterrupted(
                f"{self.label}: a statement was stopped: {self._stopped_because}") from exc
        except psycopg.Error as exc:
            raise StoreError(describe_postgres_error(self.label, exc)) from exc


# ORDER BY of each search order; undated documents last.
_HIT_ORDERS = {
    "relevance": "score DESC",
    "newest": "{table}published DESC NULLS LAST, score DESC",
    "oldest": "{table}published ASC NULLS LAST, score DESC",
}


def quote_websearch_query(query: str) -> str:
    """Return user search text as a `websearch_to_tsquery` query of quoted phrases.

    websearch_to_tsquery has no parentheses and binds AND tighter than "or", so the
    groups of `parse_search` are multiplied out: (a or b) and c is "a c or b c"
    (`search_alternatives` counts them; the web refuses a search of too many).
    """
    groups = [[phrase.replace('"', " ").strip() for phrase in group]
              for group in parse_search(query)]
    groups = [[phrase for phrase in group if phrase] for group in groups]
    return " or ".join(" ".join(f'"{phrase}"' for phrase in conjunction)
                       for conjunction in itertools.product(*[group for group in groups if group])
                       if conjunction)


def describe_postgres_error(label: str, exc: psycopg.Error) -> str:
    """Return a message that names the database, the problem and what to do, in one line."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    message = lines[0] if lines else type(exc).__name__
    lowered = str(exc).lower()
    if isinstance(exc, psycopg.OperationalError) and getattr(exc, "sqlstate", None) is None:
        if "password authentication failed" in lowered or "no password supplied" in lowered:
            return (
                f"{label}: PostgreSQL refused the user or password ({message}); "
                "check the URL's user and password"
            )
        if "database" in lowered and "does not exist" in lowered:
            name = label.rsplit("/", 1)[-1]
            return f"{label}: {message}; create it with: createdb {name}"
        return (
            f"{label}: cannot connect to PostgreSQL ({message}); check that the server "
            "is running and the URL's host and port"
        )
    sqlstate = getattr(exc, "sqlstate", None) or ""
    if sqlstate == "42501":
        return (
            f"{label}: permission denied ({message}); the URL's user needs the right to "
            "create tables in the database, or an armstrace schema made by its owner"
        )
    if sqlstate in ("40001", "40P01"):
        return f"{label}: {message}; another process wrote the same rows, run again"
    if sqlstate.startswith("08") or sqlstate.startswith("57"):
        return f"{label}: lost the connection to PostgreSQL ({message}); run again"
    return f"{label}: {message}"
