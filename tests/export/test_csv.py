"""write_records_csv: every field survives a round trip through the csv module."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from armstrace.export import CSV_COLUMNS, write_records_csv
from armstrace.model import Record


def _expected_row(record: Record) -> dict[str, str]:
    def cell(value: object) -> str:
        return "" if value is None else str(value)

    document = record.document
    return {
        "id": record.id,
        "kind": record.kind,
        "supplier": cell(record.supplier),
        "recipient": cell(record.recipient),
        "supplier_name": cell(record.supplier_name),
        "recipient_name": cell(record.recipient_name),
        "partners": ";".join(record.partners),
        "weapon": record.weapon,
        "weapon_family": cell(record.weapon_family),
        "category": record.category,
        "quantity": cell(record.quantity),
        "value_amount": cell(record.value.amount if record.value else None),
        "value_currency": cell(record.value.currency if record.value else None),
        "deal": record.deal,
        "status": record.status,
        "date": cell(record.date),
        "confidence": str(round(record.confidence, 3)),
        "evidence_text": record.evidence.text,
        "evidence_start": str(record.evidence.start),
        "evidence_end": str(record.evidence.end),
        "document_id": document.id,
        "document_url": cell(document.url),
        "document_title": cell(document.title),
        "document_published": cell(document.published),
        "document_source": document.source,
        "review": "unreviewed",
    }


def _write_and_read(records: list[Record]) -> tuple[int, list[dict[str, str]], list[str]]:
    buffer = io.StringIO(newline="")
    written = write_records_csv(records, buffer)
    reader = csv.DictReader(io.StringIO(buffer.getvalue(), newline=""))
    rows = list(reader)
    return written, rows, list(reader.fieldnames or [])


def test_write_records_csv_round_trips_every_field(records: list[Record]) -> None:
    _, rows, _ = _write_and_read(records)
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        expected = _expected_row(record)
        for column in CSV_COLUMNS:
            assert row[column] == expected[column], column


@pytest.mark.parametrize("column", ["evidence_text", "document_title", "supplier_name"])
def test_write_records_csv_keeps_awkward_text_intact(records: list[Record], column: str) -> None:
    _, rows, _ = _write_and_read(records)
    assert rows[0][column] == _expected_row(records[0])[column]
    assert any(mark in rows[0][column] for mark in ('"', ",", "\n"))


def test_write_records_csv_evidence_offsets_point_into_document(records: list[Record]) -> None:
    _, rows, _ = _write_and_read(records)
    for row, record in zip(rows, records, strict=True):
        start, end = int(row["evidence_start"]), int(row["evidence_end"])
        assert record.document.text[start:end] == row["evidence_text"]


def test_write_records_csv_header_lists_columns_in_order(records: list[Record]) -> None:
    _, _, header = _write_and_read(records)
    assert header == list(CSV_COLUMNS)


def test_write_records_csv_header_keeps_the_published_column_order(records: list[Record]) -> None:
    # Spelled out, not taken from CSV_COLUMNS: readers of the files rely on this order.
    buffer = io.StringIO(newline="")
    write_records_csv(records[:1], buffer)
    assert buffer.getvalue().splitlines()[0] == (
        "id,kind,supplier,recipient,supplier_name,recipient_name,partners,weapon,"
        "weapon_family,category,quantity,value_amount,value_currency,deal,status,date,"
        "confidence,evidence_text,evidence_start,evidence_end,document_id,document_url,"
        "document_title,document_published,document_source,review"
    )


@pytest.mark.parametrize("count", [0, 1, 3])
def test_write_records_csv_returns_rows_written(records: list[Record], count: int) -> None:
    written, rows, header = _write_and_read(records[:count])
    assert written == len(rows) == count
    assert header == list(CSV_COLUMNS)


def test_write_records_csv_streams_rows_as_records_arrive(records: list[Record]) -> None:
    buffer = io.StringIO(newline="")
    seen: list[int] = []

    def slow_source() -> Iterator[Record]:
        for record in records:
            yield record
            seen.append(len(list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))))

    write_records_csv(slow_source(), buffer)
    assert seen == [2, 3, 4]  # header plus each record, written before the next is asked for


def test_write_records_csv_to_file_reads_back_with_utf8(
    records: list[Record], tmp_path: Path
) -> None:
    path = tmp_path / "records.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        write_records_csv(records, file)
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert rows[0]["evidence_text"] == records[0].evidence.text
