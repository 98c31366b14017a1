"""The document, record and skipped-input tables of a SQL store.

A mixin of the stores (`SQLiteStore`, `PostgresStore`): the same SQL runs on
both. Every write is keyed on content ids and written with ON CONFLICT, so a
document stored twice, by a re-run or by two processes at the same moment, is
one row, and a document is written with its records in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

from armstrace.errors import StoreError
from armstrace.model import STATUSES, Document, Record, Skipped
from armstrace.review.decisions import review_record
from armstrace.store.base import RecordFilter, SkippedEntry, StoreSummary
from armstrace.store.sql import (
    DOCUMENT_COLUMNS,
    INSERT_RECORD,
    NOT_REJECTED,
    RECORD_COLUMNS,
    SELECT_RECORD,
    document_from_row,
    document_row,
    documents_where,
    record_from_row,
    record_order,
    record_row,
    record_where,
)
from armstrace.store.tables import SQLTables

# Records are stored document by document, so a small cache of recent documents
# serves nearly every record without re-reading the article text.
_DOCUMENT_CACHE_SIZE = 64

_INSERT_DOCUMENT = (
    "INSERT INTO documents (id, url, title, published, source, text, ingested_at, site) "
    "VALUES (:id, :url, :title, :published, :source, :text, :ingested_at, :site) "
    "ON CONFLICT (id) DO NOTHING RETURNING seq"
)
_ADD_SKIPPED = (
    "INSERT INTO skipped (source, stage, reason, document_id, first_seen, last_seen, count) "
    "VALUES (:source, :stage, :reason, :document_id, :stamp, :stamp, 1) "
    "ON CONFLICT (source, stage, reason) DO UPDATE SET "
    "last_seen = excluded.last_seen, count = skipped.count + 1, "
    "document_id = coalesce(excluded.document_id, skipped.document_id)"
)


class DocumentTables(SQLTables):
    """Document, record, skipped and summary methods of the `Store` protocol."""

    # What a record's values raise when the database cannot hold them (a backend adds its own).
    _unstorable_value_errors: ClassVar[tuple[type[Exception], ...]] = (
        OverflowError,
        TypeError,
        ValueError,
    )

    # -- writing ----------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        """Return whether a document with this id is stored."""
        with self._translate_errors():
            row = self._execute("SELECT 1 FROM documents WHERE id = :id", {"id": document_id})
            return row.fetchone() is not None

    def add_document(self, document: Document, records: Iterable[Record] = ()) -> bool:
        """Store a document and its records in one transaction.

        Return False, changing nothing, when the document id is already stored.
        A record whose id is already stored is ignored. If any record cannot be
        stored, nothing of the document is. Stored decisions on the records' ids
        are applied as they are written.
        """
        # Collected before the transaction so a slow, lazy extractor does not hold
        # a write lock while it works.
        pending = list(records)
        _check_records_belong(pending, document.id)
        stamp = self._timestamp()
        with self._translate_errors(), self._transaction():
            # Another writer storing the same document at the same moment waits here
            # for that one's transaction, then finds the id taken.
            inserted = self._execute(_INSERT_DOCUMENT, document_row(document, stamp)).fetchone()
            if inserted is None:
                return False
            self._insert_reviewed(pending, stamp)
        return True

    def replace_records(self, document_id: str, records: Iterable[Record]) -> None:
        """Replace every record of a stored document with `records`, in one transaction.

        Stored decisions are applied to the new records as they are written. Deals
        are not touched; the deal links of the old records go with them.
        """
        pending = list(records)
        _check_records_belong(pending, document_id)
        stamp = self._timestamp()
        with self._translate_errors(), self._transaction():
            if not self.has_document(document_id):
                raise StoreError(f"{self.label}: no document with id {document_id}")
            self._execute("DELETE FROM records WHERE document_id = :id", {"id": document_id})
            self._insert_reviewed(pending, stamp)

    def _insert_reviewed(self, records: list[Record], stamp: str) -> None:
        decided = self._decisions_for([record.id for record in records]) if records else {}
        for record in records:
            decisions = decided.get(record.id)
            self._insert_record(review_record(record, decisions) if decisions else record, stamp)

    def _insert_record(self, record: Record, stamp: str) -> None:
        try:
            self._execute(INSERT_RECORD, record_row(record, stamp))
        except self._unstorable_value_errors as exc:
            raise StoreError(
                f"{self.label}: record {record.id} of document {record.document.id} "
                f"cannot be stored: {str(exc).splitlines()[0]}"
            ) from exc

    def _rewrite_record(self, record: Record) -> None:
        """Write a reviewed record over the stored one with its id, keeping its timestamp."""
        row = record_row(record, "")
        columns = [c for c in RECORD_COLUMNS if c not in ("id", "document_id", "extracted_at")]
        self._execute(
            f"UPDATE records SET {', '.join(f'{c} = :{c}' for c in columns)} WHERE id = :id",
            {column: row[column] for column in [*columns, "id"]},
        )

    def _read_record(self, record_id: str) -> Record | None:
        found = list(self._query_records("WHERE r.id = :id", {"id": record_id}))
        return found[0] if found else None

    def add_skipped(self, skipped: Skipped) -> None:
        """Store a rejected input; a repeat of the same source, stage and reason is counted."""
        parameters = {
            "source": skipped.source,
            "stage": skipped.stage,
            "reason": skipped.reason,
            "document_id": skipped.document_id,
            "stamp": self._timestamp(),
        }
        with self._translate_errors(), self._transaction():
            self._execute(_ADD_SKIPPED, parameters)

    # -- reading ----------------------------------------------------------

    def get_document(self, document_id: str) -> Document | None:
        """Return the stored document with this id, or None."""
        with self._translate_errors():
            row = self._execute(
                f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = :id", {"id": document_id}
            ).fetchone()
        return None if row is None else document_from_row(row)

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
        where, parameters = documents_where(records, self._dialect)
        parameters["limit"] = self._dialect.no_limit if limit is None else limit
        parameters["offset"] = offset
        with self._translate_errors():
            rows = self._execute(
                f"SELECT {DOCUMENT_COLUMNS} FROM documents d {where} "
                "ORDER BY seq LIMIT :limit OFFSET :offset",
                parameters,
            )
            for row in rows:
                yield document_from_row(row)

    def count_documents(self, records: RecordFilter | None = None) -> int:
        """Return the number of stored documents (holding a matching record, with `records`)."""
        where, parameters = documents_where(records, self._dialect)
        return self._count(f"SELECT count(*) AS n FROM documents d {where}", parameters)

    def get_record(self, record_id: str) -> Record | None:
        """Return the record with this (extracted) id as reviewed, rejected ones too, or None."""
        return self._read_record(record_id)

    def iter_records(self, filter: RecordFilter | None = None) -> Iterator[Record]:
        """Yield the records that match the filter, in the order they were stored.

        Rejected records are left out unless the filter includes them.
        """
        record_filter = filter or RecordFilter()
        where, parameters = record_where(record_filter, self._dialect)
        limit = record_filter.limit
        parameters["limit"] = self._dialect.no_limit if limit is None else limit
        parameters["offset"] = record_filter.offset
        yield from self._query_records(
            f"{where} ORDER BY {record_order(record_filter, self._dialect)} "
            "LIMIT :limit OFFSET :offset",
            parameters,
        )

    def _query_records(self, tail: str, parameters: dict[str, Any]) -> Iterator[Record]:
        """Yield the records of `SELECT … FROM records r JOIN documents d … <tail>`."""
        documents: OrderedDict[str, Document] = OrderedDict()
        with self._translate_errors():
            rows = self._execute(
                f"SELECT {SELECT_RECORD} FROM records r JOIN documents d ON d.id = r.document_id "
                f"{tail}",
                parameters,
            )
            for row in rows:
                document = self._cached_document(row["document_id"], documents)
                yield self._record_from_row(row, document)

    def _cached_document(self, document_id: str, cache: OrderedDict[str, Document]) -> Document:
        document = cache.get(document_id)
        if document is not None:
            cache.move_to_end(document_id)
            return document
        document = self.get_document(document_id)
        if document is None:  # impossible with foreign keys on; says so if a tool broke them
            raise StoreError(f"{self.label}: records refer to a missing document {document_id}")
        cache[document_id] = document
        if len(cache) > _DOCUMENT_CACHE_SIZE:
            cache.popitem(last=False)
        return document

    def _record_from_row(self, row: Mapping[str, Any], document: Document) -> Record:
        try:
            return record_from_row(row, document)
        except (ValueError, TypeError) as exc:
            raise StoreError(f"{self.label}: record {row['id']} cannot be read: {exc}") from exc

    def count_records(self, filter: RecordFilter | None = None) -> int:
        """Return how many records match the filter's conditions (limit and offset ignored)."""
        where, parameters = record_where(filter or RecordFilter(), self._dialect)
        return self._count(
            "SELECT count(*) AS n FROM records r JOIN documents d ON d.id = r.document_id "
            f"{where}",
            parameters,
        )

    def iter_skipped(self) -> Iterator[SkippedEntry]:
        """Yield every stored skipped input with its count, first seen first."""
        with self._translate_errors():
            rows = self._execute(
                "SELECT source, stage, reason, document_id, count, first_seen, last_seen "
                "FROM skipped ORDER BY first_seen, id"
            )
            for row in rows:
                yield SkippedEntry(
                    skipped=Skipped(row["source"], row["stage"], row["reason"], row["document_id"]),
                    count=row["count"],
                    first_seen=dt.datetime.fromisoformat(row["first_seen"]),
                    last_seen=dt.datetime.fromisoformat(row["last_seen"]),
                )

    def summary(self) -> StoreSummary:
        """Return the counts of documents, records (by status) and skipped inputs."""
        by_status = dict.fromkeys(STATUSES, 0)
        with self._translate_errors():
            for row in self._execute(
                f"SELECT status, count(*) AS n FROM records r WHERE {NOT_REJECTED} "
                "GROUP BY status"
            ):
                by_status[row["status"]] = row["n"]
        return StoreSummary(
            documents=self.count_documents(),
            records=sum(by_status.values()),
            skipped=self._count("SELECT count(*) AS n FROM skipped"),
            records_by_status=by_status,
        )


def _check_records_belong(records: list[Record], document_id: str) -> None:
    for record in records:
        if record.document.id != document_id:
            raise ValueError(
                f"record {record.id} belongs to document {record.document.id}, "
                f"not to {document_id}"
            )
