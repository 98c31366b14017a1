"""Read the output of `armstrace spark-job`: documents already cleaned, with their records.

A job's output directory holds `documents/` (the cleaned documents), `records/`
(partitioned by year) and `skipped/`, each a Parquet dataset (see `scale.spark`).
Nothing is extracted again: the records are the job's, and `pipeline.store_extracted`
stores them as a local ingest would have.

    >>> for item in read_job_output("out/"):
    ...     document, records = item   # or a Skipped

The directory must be on a local (or mounted) file system: copy a job's output down
from HDFS or S3 first (`hdfs dfs -get`, `aws s3 sync`).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from armstrace.errors import InputError
from armstrace.model import Document, Evidence, Money, PartialDate, Record, Skipped

__all__ = ["Extracted", "is_job_output", "read_job_output", "record_from_row"]

RECORDS_DIR = "records"
DOCUMENTS_DIR = "documents"
SKIPPED_DIR = "skipped"
BATCH_ROWS = 10_000

Extracted = tuple[Document, list[Record]]


def is_job_output(path: str | Path) -> bool:
    """Say whether a path is a directory written by `armstrace spark-job`."""
    folder = Path(path)
    return folder.is_dir() and (folder / DOCUMENTS_DIR).is_dir()


def read_job_output(path: str | Path) -> Iterator[Extracted | Skipped]:
    """Yield each stored document with its records, in the job's input order, then skipped.

    The records are held in memory, grouped by document (a job finds a few per thousand
    documents); the documents stream from disk, one batch at a time. Records whose
    document is missing from `documents/` come out as one Skipped per document.
    """
    folder = Path(path)
    if not is_job_output(folder):
        raise InputError(str(path), f"not a spark-job output directory (no {DOCUMENTS_DIR}/)")
    rows_by_document: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(folder / RECORDS_DIR):
        rows_by_document[row["document_id"]].append(row)
    for row in _rows(folder / DOCUMENTS_DIR):
        document = _document_from_row(row)
        found = sorted(
            rows_by_document.pop(document.id, []),
            key=lambda record: record.get("record_index") or 0,
        )
        yield document, [record_from_row(record, document) for record in found]
    for document_id, found in rows_by_document.items():
        yield Skipped(
            source=found[0]["document_source"],
            stage="ingest",
            reason=f"{len(found)} record(s) in {folder / RECORDS_DIR} whose document "
            f"{document_id} is not in {folder / DOCUMENTS_DIR}; not stored",
            document_id=document_id,
        )
    for row in _rows(folder / SKIPPED_DIR):
        yield Skipped(row["source"], row["stage"], row["reason"], row.get("document_id"))


def _data_files(folder: Path) -> list[Path]:
    """Return the Parquet files under a dataset folder, sorted; Spark's `_SUCCESS`, `.crc` out."""
    found: list[Path] = []
    if not folder.is_dir():
        return found
    for root, directories, names in os.walk(folder):
        directories[:] = sorted(d for d in directories if not d.startswith((".", "_")))
        found.extend(
            Path(root) / name
            for name in names
            if name.endswith(".parquet") and not name.startswith((".", "_"))
        )
    return sorted(found)


def _rows(folder: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq  # imported when used: pyarrow takes a while to load

    for file in _data_files(folder):
        try:
            parquet = pq.ParquetFile(file)
            for batch in parquet.iter_batches(BATCH_ROWS):
                yield from batch.to_pylist()
        except OSError as error:
            raise InputError(str(file), f"cannot read this Parquet file: {error}") from error


def _document_from_row(row: dict[str, Any]) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        source=row["source"],
        url=row["url"],
        title=row["title"],
        published=row["published"],
    )


def record_from_row(row: dict[str, Any], document: Document) -> Record:
    """Return the Record a row of RECORD_SCHEMA (plus `extra`) holds, tied to its document."""
    amount, currency = row["value_amount"], row["value_currency"]
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
        partners=tuple(row["partners"] or ()),
        weapon_family=row["weapon_family"],
        quantity=row["quantity"],
        value=Money(amount, currency) if amount is not None and currency else None,
        deal=row["deal"],
        date=PartialDate.parse(row["date"]) if row["date"] else None,
        confidence=row["confidence"],
        extra=json.loads(row["extra"]) if row.get("extra") else {},
    )
