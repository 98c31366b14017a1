"""update_deals and the ingest pipeline: deals follow the records a store holds."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from armstrace.model import Document, Record
from armstrace.pipeline import ingest_documents
from armstrace.store import SQLiteStore

from .builders import make_document, make_record


class CannedExtractor:
    """An extractor that returns prepared records per document id (no spaCy)."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records

    def extract(self, document: Document) -> list[Record]:
        return [record for record in self.records if record.document.id == document.id]


def wires(count: int) -> list[Record]:
    """Return one record per wire on one invented deal, with some disagreement."""
    statuses = ["planned", "ordered", "ordered", "delivered", "cancelled", "ordered"]
    return [
        make_record(
            make_document(number, dt.date(2020, 1, 1) + dt.timedelta(days=40 * number)),
            status=statuses[number % len(statuses)],
            quantity=12 + 2 * (number % 2),
        )
        for number in range(count)
    ]


def test_ingest_merges_records_a_killed_run_left_unmerged(tmp_path: Path) -> None:
    (record,) = wires(1)
    with SQLiteStore(tmp_path / "a.db") as store:
        store.add_document(record.document, [record])  # stored, never merged
        ingest_documents([], store, CannedExtractor([]))  # type: ignore[arg-type]
        assert [deal.record_ids for deal in store.iter_deals()] == [(record.id,)]


def test_ingest_in_any_order_gives_the_same_deals(tmp_path: Path) -> None:
    found = wires(8)
    documents = [record.document for record in found]
    results = []
    for attempt in range(3):
        random.Random(attempt).shuffle(documents)
        with SQLiteStore(tmp_path / f"{attempt}.db") as store:
            ingest_documents(list(documents), store, CannedExtractor(found))  # type: ignore[arg-type]
            results.append(list(store.iter_deals()))
    assert results[0] == results[1] == results[2]
    assert sorted(r for deal in results[0] for r in deal.record_ids) == sorted(r.id for r in found)
