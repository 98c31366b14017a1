"""The SQLite store: one file, readable by any SQLite tool.

The database runs in WAL mode so readers (the web application, an export) do
not block the ingest that writes, and every document is written with its
records in a single transaction, so a run killed half way leaves whole
documents only and the next run completes the rest. The tables' SQL and the
connection's opening and closing are shared with PostgreSQL (`sql_store`); what
is SQLite's own is here: the connection's settings, the FTS5 search and the
error messages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from armstrace.errors import StoreError, StoreInterrupted
from armstrace.store.base import SearchHit
from armstrace.store.migrations import migrate_database
from armstrace.store.sql import SQLITE, parse_search, search_hit_from_row
from armstrace.store.sql_store import SQLStore, utc_now
from armstrace.store.tables import Rows

_log = logging.getLogger(__name__)

# Seconds to wait for another writer's lock before failing: an ingest commits one
# document at a time, so a few seconds covers any single transaction.
DEFAULT_BUSY_TIMEOUT = 10.0

# Words in the title say more about what an article is about than words in its body.
_TITLE_WEIGHT = 2.0
_TEXT_WEIGHT = 1.0
# Tokens in a search snippet.
_SNIPPET_TOKENS = 16
# Virtual machine instructions between two looks at the clock under a time limit.
_PROGRESS_STEPS = 10_000


class SQLiteStore(SQLStore):
    """A `Store` in one SQLite file (or `":memory:"`).

    `clock` gives the time stamped on stored rows; `busy_timeout` is how many
    seconds to wait for another process's write lock.
    """

    _dialect = SQLITE
    _connection: sqlite3.Connection
    _stopped_because = "it was cancelled"

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.path = str(path)
        self.label = self.path
        self._clock = clock
        self._connection = self._open(
            partial(sqlite3.connect, self.path, timeout=busy_timeout, isolation_level=None),
            partial(self._prepare, busy_timeout=busy_timeout),
        )

    def _prepare(self, connection: sqlite3.Connection, *, busy_timeout: float) -> None:
        """Set the connection's pragmas, then migrate the database."""
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000):d}")
        connection.execute("PRAGMA foreign_keys = ON")
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal" and self.path != ":memory:":
            _log.warning(
                "%s: journal mode is %s, not WAL; readers may block writers", self.path, mode
            )
        # NORMAL is safe in WAL mode against a crashed or killed process; only a
        # power cut can lose the last commits, and never corrupts the file.
        connection.execute("PRAGMA synchronous = NORMAL")
        migrate_database(connection, self.path)

    def _before_close(self) -> None:
        try:
            # Keeps the query planner's statistics fresh; cheap, and skipped when busy.
            self._connection.execute("PRAGMA optimize")
        except sqlite3.Error as exc:
            _log.debug("%s: PRAGMA optimize skipped: %s", self.path, exc)

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # -- search -----------------------------------------------------------

    _search_from = "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid"
    _search_match = "documents_fts MATCH :match"

    def _quote_search_query(self, query: str) -> str:
        return quote_search_query(query)

    def _find_hits(
        self, condition: str, parameters: dict[str, Any], highlight: tuple[str, str],
        order: str,
    ) -> list[SearchHit]:
        parameters.update({
            "start": highlight[0],
            "end": highlight[1],
            "tokens": _SNIPPET_TOKENS,
            "title_weight": _TITLE_WEIGHT,
            "text_weight": _TEXT_WEIGHT,
        })
        # Ranked first, snippets after, for the page of hits only: snippet() reads a whole
        # document per call, and in one SELECT with the sort it ran for every match.
        rows = self._connection.execute(
            "WITH page AS ("
            "SELECT d.seq, bm25(documents_fts, :title_weight, :text_weight) AS rank, "
            "d.published AS published_order "
            f"{self._search_from} WHERE {condition} ORDER BY {_HIT_ORDERS[order]}, d.seq "
            "LIMIT :limit OFFSET :offset) "
            "SELECT d.id, d.title, d.url, d.published, page.rank, page.published_order, "
            "snippet(documents_fts, -1, :start, :end, '…', :tokens) AS snippet "
            "FROM page JOIN documents_fts ON documents_fts.rowid = page.seq "
            "JOIN documents d ON d.seq = page.seq "
            "WHERE documents_fts MATCH :match "
            f"ORDER BY {_outer_order(order)}, page.seq",
            parameters,
        ).fetchall()
        # bm25 ranks the best match lowest; a hit's score is higher the better.
        return [search_hit_from_row(row, row["snippet"], -row["rank"]) for row in rows]

    # -- time limits ------------------------------------------------------

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """Stop any statement still running `seconds` from now with `StoreInterrupted`."""
        deadline = time.monotonic() + seconds
        # Called every _PROGRESS_STEPS virtual machine instructions (well under a
        # millisecond); a true answer makes SQLite stop the statement.
        self._connection.set_progress_handler(lambda: time.monotonic() > deadline,
                                              _PROGRESS_STEPS)
        self._stopped_because = f"it ran past its time limit of {seconds:g} s"
        try:
            yield
        finally:
            self._connection.set_progress_handler(None, 0)
            self._stopped_because = "it was cancelled"

    def interrupt(self) -> None:
        """Stop the statement running now (safe from another thread): `StoreInterrupted`."""
        self._stopped_because = "it was cancelled"
        # Closed meanwhile (ProgrammingError): nothing runs on it any more.
        with contextlib.suppress(sqlite3.ProgrammingError):
            self._connection.interrupt()

    # -- plumbing ---------------------------------------------------------

    def _execute(self, sql: str, parameters: Mapping[str, Any] | None = None) -> Rows:
        return self._connection.execute(sql, parameters or {})

    def _executemany(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        self._connection.executemany(sql, rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._connection.in_transaction:
            yield from self._savepoint()
            return
        # BEGIN IMMEDIATE takes the write lock at once, so what the transaction
        # reads and what it writes see the same database even with a second writer.
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._roll_back("ROLLBACK")
            raise
        self._connection.execute("COMMIT")

    def _savepoint(self) -> Iterator[None]:
        self._connection.execute("SAVEPOINT nested")
        try:
            yield
        except BaseException:
            self._roll_back("ROLLBACK TO nested", "RELEASE nested")
            raise
        self._connection.execute("RELEASE nested")

    def _roll_back(self, *statements: str) -> None:
        """Undo the open transaction (or savepoint) after an error or an interruption.

        A transaction left open by Ctrl-C may be finished off only when its context is
        collected, after the store was closed: closing has rolled it back already, and
        there is nothing left to undo.
        """
        try:
            if self._connection.in_transaction:
                for statement in statements:
                    self._connection.execute(statement)
        except sqlite3.ProgrammingError:
            pass  # the connection is closed: SQLite rolled back when it closed

    def _lock_deal_tables(self) -> None:
        """Nothing to add: the transaction's BEGIN IMMEDIATE holds the database's write lock."""

    @contextmanager
    def _translate_errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as exc:
            if str(exc) == "interrupted":
                raise StoreInterrupted(
                    f"{self.path}: a statement was stopped: {self._stopped_because}") from exc
            raise StoreError(describe_sqlite_error(self.path, exc)) from exc
        except sqlite3.Error as exc:
            raise StoreError(describe_sqlite_error(self.path, exc)) from exc


class SQLiteChangeCounter:
    """Tell cheaply whether an SQLite database changed: a version that moves on every commit.

    One connection of its own, kept open and never written through, answers
    `PRAGMA data_version`, which changes whenever another connection (any
    process's) has committed since it last asked; with the file's inode, so a
    database replaced by a new file counts as changed too. The web application
    keys what it caches on this (armstrace.web.cache). Safe to share between threads.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.Lock()
        try:
            # check_same_thread off: every use holds the lock.
            self._connection = sqlite3.connect(self.path, isolation_level=None,
                                               check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(describe_sqlite_error(self.path, exc)) from exc

    def version(self) -> tuple[int, int]:
        """Return (file inode, data version): equal answers mean no commit in between."""
        with self._lock:
            try:
                changes = self._connection.execute("PRAGMA data_version").fetchone()[0]
                inode = os.stat(self.path).st_ino
            except (sqlite3.Error, OSError) as exc:
                raise StoreError(f"{self.path}: cannot tell whether it changed: {exc}") from exc
        return inode, int(changes)

    def close(self) -> None:
        """Close the counter's connection; closing twice is harmless."""
        with self._lock:
            self._connection.close()


def describe_sqlite_error(path: str, exc: sqlite3.Error) -> str:
    """Return a message that names the database file, the problem and what to do."""
    message = str(exc)
    lowered = message.lower()
    if "not a database" in lowered or "encrypted" in lowered:
        return (
            f"{path} is not an SQLite database (file is encrypted or is not a database); "
            "pass the path of an armstrace database or a new file name"
        )
    if "locked" in lowered or "busy" in lowered:
        return (
            f"{path} is locked by another process ({message}); wait for the other "
            "armstrace run to finish, then try again"
        )
    if "malformed" in lowered or "corrupt" in lowered:
        return (
            f"{path} is corrupt ({message}); restore a backup, or save what is left "
            f"with `sqlite3 {path} .recover`"
        )
    if "unable to open" in lowered:
        return f"{path} cannot be opened ({message}); check that its folder exists and is writable"
    if "readonly" in lowered or "read-only" in lowered:
        return f"{path} is read-only ({message}); check the file's permissions"
    return f"{path}: {message}"


# ORDER BY of each search order (bm25's rank: lowest is best); undated documents last.
_HIT_ORDERS = {
    "relevance": "rank",
    "newest": "d.published IS NULL, d.published DESC, rank",
    "oldest": "d.published IS NULL, d.published ASC, rank",
}


def _outer_order(order: str) -> str:
    """Return a search order's ORDER BY over the page of hits (`page`'s columns)."""
    return (_HIT_ORDERS[order].replace("d.published", "page.published_order")
            .replace("rank", "page.rank"))


def quote_search_query(query: str) -> str:
    """Return user search text as an FTS5 query: each phrase quoted (FTS5's own syntax in
    it is text), the groups of `parse_search` joined by AND, a group's phrases by OR."""
    def quoted(phrase: str) -> str:
        return '"' + phrase.replace('"', '""') + '"'

    return " AND ".join("(" + " OR ".join(quoted(phrase) for phrase in group) + ")"
                        for group in parse_search(query))
