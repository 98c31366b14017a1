"""The part of a SQL store that every database behind it provides: the hooks the tables use.

`SQLTables` is the base of the table mixins (`DocumentTables`, `DealTables`,
`ReviewTables`); a backend (`SQLiteStore`, `PostgresStore`) fills in how to run
a statement, how to hold a transaction and how to word a database error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol

from armstrace.model import Record
from armstrace.review.decisions import RecordDecision
from armstrace.store.sql import Dialect


class Rows(Protocol):
    """What a statement returns: rows addressable by column name, and how many it changed."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> Sequence[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class SQLTables:
    """Hooks a backend provides, and what the table mixins build on them.

    `label` names the database in error messages (a file path, or a URL without
    its password); `_dialect` spells what differs in SQL; statements name their
    parameters `:name`.
    """

    label: str
    _dialect: Dialect
    _clock: Any

    def _execute(self, sql: str, parameters: Mapping[str, Any] | None = None) -> Rows:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[None]:
        """Return a context that commits on exit, or rolls back; nested, a savepoint."""
        raise NotImplementedError

    def _translate_errors(self) -> AbstractContextManager[None]:
        """Return a context that turns the database's errors into one-line `StoreError`s."""
        raise NotImplementedError

    def _lock_deal_tables(self) -> None:
        """Keep other connections from writing deals until this transaction ends."""
        raise NotImplementedError

    # Provided by the mixins, one for another.
    def _query_records(self, tail: str, parameters: dict[str, Any]) -> Iterator[Record]:
        raise NotImplementedError

    def _read_record(self, record_id: str) -> Record | None:
        raise NotImplementedError

    def _rewrite_record(self, record: Record) -> None:
        raise NotImplementedError

    def _decisions_for(self, record_ids: Collection[str]) -> dict[str, list[RecordDecision]]:
        raise NotImplementedError

    # -- shared helpers -------------------------------------------------------

    @contextmanager
    def lock_deals(self) -> Iterator[None]:
        """Hold one transaction in which no other process rewrites deals.

        What a merge runs in: it reads the records of some keys and writes their
        deals, so two processes merging the same keys at once must take turns,
        and the later one reads what the first wrote.
        """
        with self._translate_errors(), self._transaction():
            self._lock_deal_tables()
            yield

    def _count(self, sql: str, parameters: Mapping[str, Any] | None = None) -> int:
        """Return the number a `SELECT count(*) AS n …` statement gives."""
        with self._translate_errors():
            return int(self._execute(sql, parameters).fetchone()["n"])

    def _timestamp(self) -> str:
        stamp: dt.datetime = self._clock()
        return stamp.astimezone(dt.UTC).isoformat(timespec="seconds")
