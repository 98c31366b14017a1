"""Write records as CSV: one row per record, the contract's fields flattened."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from armstrace.export.cells import safe_row
from armstrace.model import EVIDENCE_COLUMNS, FACT_COLUMNS, Record
from armstrace.review import review_state

# The contract's order: the record's id and fact, how sure the extractor was, the
# evidence, then the document (spec sections 1 and 2).
CSV_COLUMNS = (
    "id",
    *FACT_COLUMNS,
    "confidence",
    *EVIDENCE_COLUMNS,
    "document_id",
    "document_url",
    "document_title",
    "document_published",
    "document_source",
    # Not in the contract: the analysts' verdict (unreviewed, confirmed, corrected, rejected).
    "review",
)

PARTNER_SEPARATOR = ";"


def write_records_csv(records: Iterable[Record], file: TextIO) -> int:
    """Write a header and one row per record to `file`; return the number of rows.

    Rows are written as the records arrive, so a store of any size streams
    through. Open the file with `newline=""` (the csv module's rule) so line
    breaks inside evidence text survive. Empty cells stand for null; a text cell
    that a spreadsheet would run as a formula starts with `'` (armstrace.export.cells).
    """
    writer = csv.writer(file)
    writer.writerow(CSV_COLUMNS)
    written = 0
    for record in records:
        writer.writerow(safe_row(_flatten_record(record)))
        written += 1
    return written


def _flatten_record(record: Record) -> list[Any]:
    data = record.to_json()
    value = data["value"] or {}
    document = data["document"]
    cells = {
        **{column: data[column] for column in CSV_COLUMNS if column in data},
        "partners": PARTNER_SEPARATOR.join(data["partners"]),
        "value_amount": value.get("amount"),
        "value_currency": value.get("currency"),
        "evidence_text": data["evidence"]["text"],
        "evidence_start": data["evidence"]["start"],
        "evidence_end": data["evidence"]["end"],
        **{f"document_{key}": document[key] for key in document},
        "review": review_state(record),
    }
    # None becomes an empty cell (csv.writer does this too; explicit for readers).
    return ["" if cells[column] is None else cells[column] for column in CSV_COLUMNS]
