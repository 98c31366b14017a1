"""The SQLite store: one file, readable by any SQLite tool.

The database runs in WAL mode so readers (the web application, an export) do
not block the ingest that writes, and every document is written with its
records in a single transaction, so a run killed half way leaves whole
documents only and the next run completes the rest.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from armstrace.errors import StoreError
from armstrace.model import STATUSES, Document, Evidence, Money, PartialDate, Record, Skipped
from armstrace.review.decisions import review_record
from armstrace.store.base import RecordFilter, SearchHit, SkippedEntry, StoreSummary
from armstrace.store.migrations import migrate_database
from armstrace.store.sqlite_deals import DealTables
from armstrace.store.sqlite_review import ReviewTables
from armstrace.store.watch_tables import WatchTables

_log = logging.getLogger(__name__)

# Seconds to wait for another writer's lock before failing: an ingest commits one
# document at a time, so a few seconds covers any single transaction.
DEFAULT_BUSY_TIMEOUT = 10.0

# Records are stored document by document, so a small cache of recent documents
# serves nearly every record without re-reading the article text.
_DOCUMENT_CACHE_SIZE = 64

# Words in the title say more about what an article is about than words in its body.
_TITLE_WEIGHT = 2.0
_TEXT_WEIGHT = 1.0
# Tokens in a search snippet.
_SNIPPET_TOKENS = 16

_SEARCH_TERM = re.compile(r"\S+")

_RECORD_COLUMNS = (
    "id",
    "document_id",
    "kind",
    "supplier",
    "recipient",
    "supplier_name",
    "recipient_name",
    "partners",
    "weapon",
    "weapon_family",
    "category",
    "quantity",
    "value_amount",
    "value_currency",
    "deal",
    "status",
    "date",
    "evidence_text",
    "evidence_start",
    "evidence_end",
    "confidence",
    "extra",
    "extracted_at",
    "review_state",
)
_INSERT_RECORD = (
    f"INSERT OR IGNORE INTO records ({', '.join(_RECORD_COLUMNS)}) "
    f"VALUES ({', '.join(':' + column for column in _RECORD_COLUMNS)})"
)
_SELECT_RECORD = ", ".join(f"r.{column}" for column in _RECORD_COLUMNS)
_DOCUMENT_COLUMNS = "id, url, title, published, source, text"
# Rejected records stay stored for the review page; everything else reads past them.
_NOT_REJECTED = "r.review_state IS NOT 'rejected'"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SQLiteStore(DealTables, ReviewTables, WatchTables):
    """A `Store` in one SQLite file (or `":memory:"`).

    `clock` gives the time stamped on stored rows; `busy_timeout` is how many
    seconds to wait for another process's write lock.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        clock: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        self.path = str(path)
        self._clock = clock
        self._closed = False
        with self._translate_errors():
            self._connection = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None
            )
        try:
            with self._translate_errors():
                self._configure(busy_timeout)
                migrate_database(self._connection, self.path)
        except BaseException:
            self._connection.close()
            raise

    def _configure(self, busy_timeout: float) -> None:
        connection = self._connection
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
        """Close the database; closing twice is harmless."""
        if self._closed:
            return
        self._closed = True
        try:
            # Keeps the query planner's statistics fresh; cheap, and skipped when busy.
            self._connection.execute("PRAGMA optimize")
        except sqlite3.Error as exc:
            _log.debug("%s: PRAGMA optimize skipped: %s", self.path, exc)
        with self._translate_errors():
            self._connection.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # -- writing ----------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        """Return whether a document with this id is stored."""
        with self._translate_errors():
            row = self._connection.execute(
                "SELECT 1 FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
        return row is not None

    def add_document(self, document: Document, records: Iterable[Record] = ()) -> bool:
        """Store a document and its records in one transaction.

        Return False, changing nothing, when the document id is already stored.
        A record whose id is already stored is ignored. If any record cannot be
        stored, nothing of the document is. Stored decisions on the records' ids
        are applied as they are written.
        """
        # Collected before the transaction so a slow, lazy extractor does not hold
        # the write lock while it works.
        pending = list(records)
        for record in pending:
            if record.document.id != document.id:
                raise ValueError(
                    f"record {record.id} belongs to document {record.document.id}, "
                    f"not to {document.id}"
                )
        stamp = self._timestamp()
        with self._translate_errors(), self._transaction():
            exists = self._connection.execute(
                "SELECT 1 FROM documents WHERE id = ?", (document.id,)
            ).fetchone()
            if exists is not None:
                return False
            self._connection.execute(
                "INSERT INTO documents (id, url, title, published, source, text, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    document.id,
                    document.url,
                    document.title,
                    document.published.isoformat() if document.published else None,
                    document.source,
                    document.text,
                    stamp,
                ),
            )
            self._insert_reviewed(pending, stamp)
        return True

    def replace_records(self, document_id: str, records: Iterable[Record]) -> None:
        """Replace every record of a stored document with `records`, in one transaction.

        Stored decisions are applied to the new records as they are written. Deals
        are not touched; the deal links of the old records go with them.
        """
        pending = list(records)
        for record in pending:
            if record.document.id != document_id:
                raise ValueError(
                    f"record {record.id} belongs to document {record.document.id}, "
                    f"not to {document_id}"
                )
        stamp = self._timestamp()
        with self._translate_errors(), self._transaction():
            if not self.has_document(document_id):
                raise StoreError(f"{self.path}: no document with id {document_id}")
            self._connection.execute("DELETE FROM records WHERE document_id = ?", (document_id,))
            self._insert_reviewed(pending, stamp)

    def _insert_reviewed(self, records: list[Record], stamp: str) -> None:
        decided = self._decisions_for([record.id for record in records]) if records else {}
        for record in records:
            decisions = decided.get(record.id)
            self._insert_record(review_record(record, decisions) if decisions else record, stamp)

    def _rewrite_record(self, record: Record) -> None:
        """Write a reviewed record over the stored one with its id, keeping its timestamp."""
        row = _record_row(record, "")
        columns = [c for c in _RECORD_COLUMNS if c not in ("id", "document_id", "extracted_at")]
        self._connection.execute(
            f"UPDATE records SET {', '.join(f'{c} = :{c}' for c in columns)} WHERE id = :id",
            row,
        )

    def _read_record(self, record_id: str) -> Record | None:
        found = list(self._query_records("WHERE r.id = :id", {"id": record_id}))
        return found[0] if found else None

    def _insert_record(self, record: Record, stamp: str) -> None:
        try:
            row = _record_row(record, stamp)
            self._connection.execute(_INSERT_RECORD, row)
        except (OverflowError, TypeError, ValueError) as exc:
            raise StoreError(
                f"{self.path}: record {record.id} of document {record.document.id} "
                f"cannot be stored: {exc}"
            ) from exc

    def add_skipped(self, skipped: Skipped) -> None:
        """Store a rejected input; a repeat of the same source, stage and reason is counted."""
        stamp = self._timestamp()
        with self._translate_errors(), self._transaction():
            self._connection.execute(
                "INSERT INTO skipped "
                "(source, stage, reason, document_id, first_seen, last_seen, count) "
                "VALUES (?, ?, ?, ?, ?, ?, 1) "
                "ON CONFLICT (source, stage, reason) DO UPDATE SET "
                "last_seen = excluded.last_seen, count = count + 1, "
                "document_id = coalesce(excluded.document_id, document_id)",
                (skipped.source, skipped.stage, skipped.reason, skipped.document_id, stamp, stamp),
            )

    # -- reading ----------------------------------------------------------

    def get_document(self, document_id: str) -> Document | None:
        """Return the stored document with this id, or None."""
        with self._translate_errors():
            row = self._connection.execute(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (document_id,)
            ).fetchone()
        return None if row is None else _document_from_row(row)

    def iter_documents(
        self, records: RecordFilter | None = None, *, limit: int | None = None, offset: int = 0
    ) -> Iterator[Document]:
        """Yield the stored documents in the order they were stored.

        With `records`, only documents holding a record that matches it (its own
        limit and offset ignored); `limit` and `offset` page through them.
        """
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be 0 or more, not {limit}")
        if offset < 0:
            raise ValueError(f"offset must be 0 or more, not {offset}")
        where, parameters = _documents_where(records)
        parameters["limit"] = -1 if limit is None else limit
        parameters["offset"] = offset
        with self._translate_errors():
            cursor = self._connection.execute(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents d {where} "
                "ORDER BY seq LIMIT :limit OFFSET :offset",
                parameters,
            )
            for row in cursor:
                yield _document_from_row(row)

    def count_documents(self, records: RecordFilter | None = None) -> int:
        """Return the number of stored documents (holding a matching record, with `records`)."""
        where, parameters = _documents_where(records)
        return self._count(f"SELECT count(*) FROM documents d {where}", parameters)

    def get_record(self, record_id: str) -> Record | None:
        """Return the record with this (extracted) id as reviewed, rejected ones too, or None."""
        return self._read_record(record_id)

    def iter_records(self, filter: RecordFilter | None = None) -> Iterator[Record]:
        """Yield the records that match the filter, in the order they were stored.

        Rejected records are left out unless the filter includes them.
        """
        record_filter = filter or RecordFilter()
        where, parameters = _where_clause(record_filter)
        parameters["limit"] = -1 if record_filter.limit is None else record_filter.limit
        parameters["offset"] = record_filter.offset
        yield from self._query_records(
            f"{where} ORDER BY r.rowid LIMIT :limit OFFSET :offset", parameters
        )

    def _query_records(self, tail: str, parameters: dict[str, Any]) -> Iterator[Record]:
        """Yield the records of `SELECT … FROM records r JOIN documents d … <tail>`."""
        documents: OrderedDict[str, Document] = OrderedDict()
        with self._translate_errors():
            cursor = self._connection.execute(
                f"SELECT {_SELECT_RECORD} FROM records r JOIN documents d ON d.id = r.document_id "
                f"{tail}",
                parameters,
            )
            for row in cursor:
                document = self._cached_document(row["document_id"], documents)
                yield self._record_from_row(row, document)

    def _cached_document(self, document_id: str, cache: OrderedDict[str, Document]) -> Document:
        document = cache.get(document_id)
        if document is not None:
            cache.move_to_end(document_id)
            return document
        document = self.get_document(document_id)
        if document is None:  # impossible with foreign keys on; says so if a tool broke them
            raise StoreError(f"{self.path}: records refer to a missing document {document_id}")
        cache[document_id] = document
        if len(cache) > _DOCUMENT_CACHE_SIZE:
            cache.popitem(last=False)
        return document

    def _record_from_row(self, row: sqlite3.Row, document: Document) -> Record:
        try:
            return _record_from_row(row, document)
        except (ValueError, TypeError) as exc:
            raise StoreError(f"{self.path}: record {row['id']} cannot be read: {exc}") from exc

    def count_records(self, filter: RecordFilter | None = None) -> int:
        """Return how many records match the filter's conditions (limit and offset ignored)."""
        where, parameters = _where_clause(filter or RecordFilter())
        return self._count(
            f"SELECT count(*) FROM records r JOIN documents d ON d.id = r.document_id {where}",
            parameters,
        )

    def iter_skipped(self) -> Iterator[SkippedEntry]:
        """Yield every stored skipped input with its count, first seen first."""
        with self._translate_errors():
            cursor = self._connection.execute(
                "SELECT source, stage, reason, document_id, count, first_seen, last_seen "
                "FROM skipped ORDER BY first_seen, id"
            )
            for row in cursor:
                yield SkippedEntry(
                    skipped=Skipped(row["source"], row["stage"], row["reason"], row["document_id"]),
                    count=row["count"],
                    first_seen=dt.datetime.fromisoformat(row["first_seen"]),
                    last_seen=dt.datetime.fromisoformat(row["last_seen"]),
                )

    def search(
        self,
        query: str,
        limit: int = 20,
        *,
        highlight: tuple[str, str] = ("[", "]"),
        records: RecordFilter | None = None,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Return the documents that contain every word of the query, best first.

        Each whitespace-separated term is searched as a quoted phrase, so FTS5
        operators and punctuation in user text are plain words, never syntax.
        With `records`, only documents holding a record that matches it.
        """
        if limit < 1:
            raise ValueError(f"limit must be 1 or more, not {limit}")
        if offset < 0:
            raise ValueError(f"offset must be 0 or more, not {offset}")
        match = quote_search_query(query)
        if not match:
            return []
        condition, parameters = _search_condition(match, records)
        parameters.update({
            "start": highlight[0],
            "end": highlight[1],
            "tokens": _SNIPPET_TOKENS,
            "title_weight": _TITLE_WEIGHT,
            "text_weight": _TEXT_WEIGHT,
            "limit": limit,
            "offset": offset,
        })
        with self._translate_errors():
            rows = self._connection.execute(
                "SELECT d.id, d.title, d.url, d.published, "
                "snippet(documents_fts, -1, :start, :end, '…', :tokens) AS snippet, "
                "bm25(documents_fts, :title_weight, :text_weight) AS rank "
                "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
                f"WHERE {condition} ORDER BY rank LIMIT :limit OFFSET :offset",
                parameters,
            ).fetchall()
        return [
            SearchHit(
                document_id=row["id"],
                title=row["title"],
                url=row["url"],
                published=_parse_day(row["published"]),
                snippet=row["snippet"],
                score=-row["rank"],
            )
            for row in rows
        ]

    def count_search(self, query: str, *, records: RecordFilter | None = None) -> int:
        """Return how many documents `search` finds for the query and record conditions."""
        match = quote_search_query(query)
        if not match:
            return 0
        condition, parameters = _search_condition(match, records)
        return self._count(
            "SELECT count(*) FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
            f"WHERE {condition}",
            parameters,
        )

    def summary(self) -> StoreSummary:
        """Return the counts of documents, records (by status) and skipped inputs."""
        by_status = dict.fromkeys(STATUSES, 0)
        with self._translate_errors():
            for row in self._connection.execute(
                f"SELECT status, count(*) AS n FROM records r WHERE {_NOT_REJECTED} "
                "GROUP BY status"
            ):
                by_status[row["status"]] = row["n"]
        return StoreSummary(
            documents=self.count_documents(),
            records=sum(by_status.values()),
            skipped=self._count("SELECT count(*) FROM skipped"),
            records_by_status=by_status,
        )

    # -- plumbing ---------------------------------------------------------

    def _count(self, sql: str, parameters: dict[str, Any] | None = None) -> int:
        with self._translate_errors():
            return int(self._connection.execute(sql, parameters or {}).fetchone()[0])

    def _timestamp(self) -> str:
        return self._clock().astimezone(dt.UTC).isoformat(timespec="seconds")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # BEGIN IMMEDIATE takes the write lock at once, so the existence check
        # and the inserts see the same database even with a second writer.
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._connection.in_transaction:
                self._connection.execute("ROLLBACK")
            raise
        self._connection.execute("COMMIT")

    @contextmanager
    def _translate_errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(describe_sqlite_error(self.path, exc)) from exc


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


def quote_search_query(query: str) -> str:
    """Return user search text as an FTS5 query of quoted terms, all of which must match."""
    terms = _SEARCH_TERM.findall(query)
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _documents_where(records: RecordFilter | None) -> tuple[str, dict[str, Any]]:
    """Return the WHERE clause keeping documents `d` that hold a record matching `records`."""
    if records is None:
        return "", {}
    condition, parameters = _holds_record(records)
    return f"WHERE {condition}", parameters


def _holds_record(records: RecordFilter) -> tuple[str, dict[str, Any]]:
    where, parameters = _where_clause(records)
    conditions = where.removeprefix("WHERE ") or "1"
    # The record conditions refer to `r` and to its document `d`: the outer document.
    return (
        "EXISTS (SELECT 1 FROM records r WHERE r.document_id = d.id AND "
        f"({conditions}))",
        parameters,
    )


def _search_condition(
    match: str, records: RecordFilter | None
) -> tuple[str, dict[str, Any]]:
    """Return the WHERE condition of a search over `documents_fts` joined to `documents d`."""
    if records is None:
        return "documents_fts MATCH :match", {"match": match}
    condition, parameters = _holds_record(records)
    parameters["match"] = match
    return f"documents_fts MATCH :match AND {condition}", parameters


def _where_clause(record_filter: RecordFilter) -> tuple[str, dict[str, Any]]:
    conditions: list[str] = []
    parameters: dict[str, Any] = {}
    simple = {
        "status": record_filter.status,
        "kind": record_filter.kind,
        "category": record_filter.category,
        "document_id": record_filter.document_id,
    }
    for column, value in simple.items():
        if value is not None:
            conditions.append(f"r.{column} = :{column}")
            parameters[column] = value
    for party in ("supplier", "recipient"):
        value = getattr(record_filter, party)
        if value is not None:
            conditions.append(f"(r.{party} = :{party} OR r.{party}_name = :{party})")
            parameters[party] = value
    if record_filter.weapon is not None:
        conditions.append("(r.weapon = :weapon OR r.weapon_family = :weapon)")
        parameters["weapon"] = record_filter.weapon
    # A partial date covers a range; comparing it with the bound cut to the same
    # length keeps it when the range overlaps ("2023" >= "2023" for 2023-06-01).
    effective_date = "coalesce(r.date, d.published)"
    if record_filter.since is not None:
        conditions.append(f"{effective_date} >= substr(:since, 1, length({effective_date}))")
        parameters["since"] = record_filter.since.isoformat()
    if record_filter.until is not None:
        conditions.append(f"{effective_date} <= substr(:until, 1, length({effective_date}))")
        parameters["until"] = record_filter.until.isoformat()
    if record_filter.record_ids is not None:
        # One JSON parameter, so any number of ids fits under SQLite's parameter limit.
        conditions.append("r.id IN (SELECT value FROM json_each(:record_ids))")
        parameters["record_ids"] = json.dumps(list(record_filter.record_ids))
    if record_filter.review_state == "unreviewed":
        conditions.append("r.review_state IS NULL")
    elif record_filter.review_state is not None:
        conditions.append("r.review_state = :review_state")
        parameters["review_state"] = record_filter.review_state
    if not record_filter.include_rejected and record_filter.review_state != "rejected":
        conditions.append(_NOT_REJECTED)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return where, parameters


def _record_row(record: Record, stamp: str) -> dict[str, Any]:
    return {
        "id": record.id,
        "document_id": record.document.id,
        "kind": record.kind,
        "supplier": record.supplier,
        "recipient": record.recipient,
        "supplier_name": record.supplier_name,
        "recipient_name": record.recipient_name,
        "partners": json.dumps(list(record.partners), ensure_ascii=False),
        "weapon": record.weapon,
        "weapon_family": record.weapon_family,
        "category": record.category,
        "quantity": record.quantity,
        "value_amount": record.value.amount if record.value else None,
        "value_currency": record.value.currency if record.value else None,
        "deal": record.deal,
        "status": record.status,
        "date": str(record.date) if record.date else None,
        "evidence_text": record.evidence.text,
        "evidence_start": record.evidence.start,
        "evidence_end": record.evidence.end,
        "confidence": record.confidence,
        "extra": json.dumps(record.extra, ensure_ascii=False, sort_keys=True),
        "extracted_at": stamp,
        "review_state": (record.extra.get("review") or {}).get("state"),
    }


def _record_from_row(row: sqlite3.Row, document: Document) -> Record:
    amount = row["value_amount"]
    extra = json.loads(row["extra"])
    return Record(
        kind=row["kind"],
        weapon=row["weapon"],
        category=row["category"],
        status=row["status"],
        evidence=Evidence(row["evidence_text"], row["evidence_start"], row["evidence_end"]),
        document=document,
        supplier=row["supplier"],
        recipient=row["recipient"],
        supplier_name=row["supplier_name"],
        recipient_name=row["recipient_name"],
        partners=tuple(json.loads(row["partners"])),
        weapon_family=row["weapon_family"],
        quantity=row["quantity"],
        value=None if amount is None else Money(amount, row["value_currency"]),
        deal=row["deal"],
        date=PartialDate.parse(row["date"]) if row["date"] else None,
        confidence=row["confidence"],
        extra=extra,
        # A corrected record keeps the id it was extracted (and is stored) with.
        extracted_id=row["id"] if "review" in extra else None,
    )


def _document_from_row(row: sqlite3.Row) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        source=row["source"],
        url=row["url"],
        title=row["title"],
        published=_parse_day(row["published"]),
    )


def _parse_day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
