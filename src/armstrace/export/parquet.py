"""Write records or deals as Apache Parquet (pyarrow), typed and nested where a field is a list."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from armstrace.model import Deal, Money, Record, StatedValue

# Rows per row group: bounds memory while a large store streams through.
BATCH_ROWS = 10_000

_EVIDENCE = pa.struct(
    [("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())]
)
_MONEY = pa.struct([("amount", pa.int64()), ("currency", pa.string())])

RECORD_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("kind", pa.string()),
        ("supplier", pa.string()),
        ("recipient", pa.string()),
        ("supplier_name", pa.string()),
        ("recipient_name", pa.string()),
        ("partners", pa.list_(pa.string())),
        ("weapon", pa.string()),
        ("weapon_family", pa.string()),
        ("category", pa.string()),
        ("quantity", pa.int64()),
        ("value_amount", pa.int64()),
        ("value_currency", pa.string()),
        ("deal", pa.string()),
        ("status", pa.string()),
        ("date", pa.string()),
        ("confidence", pa.float64()),
        ("evidence_text", pa.string()),
        ("evidence_start", pa.int64()),
        ("evidence_end", pa.int64()),
        ("document_id", pa.string()),
        ("document_url", pa.string()),
        ("document_title", pa.string()),
        ("document_published", pa.date32()),
        ("document_source", pa.string()),
    ]
)

# The export adds the analysts' verdict (unreviewed, confirmed, corrected, rejected); a
# Spark job's records (RECORD_SCHEMA) are never reviewed yet.
EXPORTED_RECORD_SCHEMA = RECORD_SCHEMA.append(pa.field("review", pa.string()))

DEAL_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("kind", pa.string()),
        ("supplier", pa.string()),
        ("recipient", pa.string()),
        ("supplier_name", pa.string()),
        ("recipient_name", pa.string()),
        ("partners", pa.list_(pa.string())),
        ("weapon", pa.string()),
        ("weapon_family", pa.string()),
        ("weapons", pa.list_(pa.string())),
        ("category", pa.string()),
        ("deal", pa.string()),
        ("status", pa.string()),
        (
            "history",
            pa.list_(
                pa.struct(
                    [
                        ("status", pa.string()),
                        ("date", pa.string()),
                        ("records", pa.list_(pa.string())),
                    ]
                )
            ),
        ),
        ("quantity_ordered", pa.list_(pa.int64())),
        ("quantity_delivered", pa.list_(pa.int64())),
        ("value", pa.list_(_MONEY)),
        ("packages", pa.list_(pa.string())),
        ("related", pa.list_(pa.string())),
        ("conflicts", pa.list_(pa.string())),
        ("first_seen", pa.date32()),
        ("last_seen", pa.date32()),
        ("sources", pa.int64()),
        ("sites", pa.list_(pa.string())),
        ("documents", pa.list_(pa.string())),
        (
            "evidence",
            pa.list_(
                pa.struct(
                    [
                        ("record", pa.string()),
                        ("status", pa.string()),
                        ("evidence", _EVIDENCE),
                        ("document_id", pa.string()),
                        ("url", pa.string()),
                        ("published", pa.date32()),
                    ]
                )
            ),
        ),
    ]
)


def write_records_parquet(records: Iterable[Record], file: IO[bytes]) -> int:
    """Write records to a binary file as Parquet, with their review state; return the rows."""
    from armstrace.review import review_state

    rows = ({**record_row(record), "review": review_state(record)} for record in records)
    return _write(rows, EXPORTED_RECORD_SCHEMA, file)


def write_deals_parquet(deals: Iterable[Deal], file: IO[bytes]) -> int:
    """Write deals to a binary file as Parquet, lists and histories nested; return the rows."""
    return _write(map(_deal_row, deals), DEAL_SCHEMA, file)


def _write(rows: Iterator[dict[str, Any]], schema: pa.Schema, file: IO[bytes]) -> int:
    written = 0
    with pq.ParquetWriter(file, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                written += len(batch)
                batch = []
        # An empty batch still writes the schema, so an empty export reads back.
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        written += len(batch)
    return written


def record_row(record: Record) -> dict[str, Any]:
    """Return a record as one row of RECORD_SCHEMA (a dict keyed by column)."""
    document = record.document
    return {
        "id": record.id,
        "kind": record.kind,
        "supplier": record.supplier,
        "recipient": record.recipient,
        "supplier_name": record.supplier_name,
        "recipient_name": record.recipient_name,
        "partners": list(record.partners),
        "weapon": record.weapon,
        "weapon_family": record.weapon_family,
        "category": record.category,
        "quantity": record.quantity,
        "value_amount": record.value.amount if record.value else None,
        "value_currency": record.value.currency if record.value else None,
        "deal": record.deal,
        "status": record.status,
        "date": str(record.date) if record.date else None,
        "confidence": record.confidence,
        "evidence_text": record.evidence.text,
        "evidence_start": record.evidence.start,
        "evidence_end": record.evidence.end,
        "document_id": document.id,
        "document_url": document.url,
        "document_title": document.title,
        "document_published": document.published,
        "document_source": document.source,
    }


def _amounts(stated: tuple[StatedValue, ...]) -> list[Any]:
    return [
        item.value.to_json() if isinstance(item.value, Money) else item.value for item in stated
    ]


def _deal_row(deal: Deal) -> dict[str, Any]:
    return {
        "id": deal.id,
        "kind": deal.kind,
        "supplier": deal.supplier,
        "recipient": deal.recipient,
        "supplier_name": deal.supplier_name,
        "recipient_name": deal.recipient_name,
        "partners": list(deal.partners),
        "weapon": deal.weapon,
        "weapon_family": deal.weapon_family,
        "weapons": list(deal.weapons),
        "category": deal.category,
        "deal": deal.deal,
        "status": deal.status,
        "history": [change.to_json() for change in deal.history],
        "quantity_ordered": _amounts(deal.quantity_ordered),
        "quantity_delivered": _amounts(deal.quantity_delivered),
        "value": _amounts(deal.value),
        "packages": [package.describe() for package in deal.packages],
        "related": [link.describe() for link in deal.related],
        "conflicts": [conflict.describe() for conflict in deal.conflicts],
        "first_seen": deal.first_seen,
        "last_seen": deal.last_seen,
        "sources": deal.source_count,
        "sites": list(deal.sites),
        "documents": list(deal.documents),
        "evidence": [
            {
                "record": item.record_id,
                "status": item.status,
                "evidence": item.evidence.to_json(),
                "document_id": item.document_id,
                "url": item.url,
                "published": item.published,
            }
            for item in deal.evidence
        ],
    }
