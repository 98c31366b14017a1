"""Decisions survive re-ingest and re-extraction: records, deals and CSV exports keep them.

The seed article is ingested into a real SQLite file with the real extractor; an
analyst rejects one record and corrects another; then the same file is ingested
again and every document is re-extracted, including once with an extractor that
no longer finds the rejected fact (its decision waits) and once more with the
real one (the fact is back, and still rejected).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from armstrace.export import write_deals_csv, write_records_csv
from armstrace.ingest import read_path
from armstrace.merge import record_decision
from armstrace.model import Document, Record
from armstrace.pipeline import ingest_documents, reextract_documents
from armstrace.review import RecordDecision, new_user, parse_corrections
from armstrace.store import RecordFilter, SQLiteStore

AT = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
PUBLISHED = dt.date(2024, 10, 11)


class WithoutRecord:
    """The real extractor, but blind to one fact: what a changed rule set may do."""

    def __init__(self, extractor: Any, record_id: str) -> None:
        self.extractor = extractor
        self.record_id = record_id

    def extract(self, document: Document) -> list[Record]:
        return [r for r in self.extractor.extract(document) if r.id != self.record_id]


@pytest.fixture
def seed(shared_data: Path) -> Path:
    return shared_data / "seed" / "turkey-serbia-drones.txt"


def _ingest(store: SQLiteStore, seed: Path, extractor: Any) -> None:
    ingest_documents(read_path(seed, published=PUBLISHED), store, extractor)


def _records_csv(store: SQLiteStore) -> dict[str, dict[str, str]]:
    buffer = io.StringIO()
    write_records_csv(store.iter_records(), buffer)
    return {row["id"]: row for row in csv.DictReader(io.StringIO(buffer.getvalue()))}


def _deals_csv(store: SQLiteStore) -> list[dict[str, str]]:
    buffer = io.StringIO()
    write_deals_csv(store.iter_deals(), buffer)
    return list(csv.DictReader(io.StringIO(buffer.getvalue())))


def _assert_decisions_hold(store: SQLiteStore, rejected: Record, corrected: Record) -> None:
    ids = {record.id for record in store.iter_records()}
    assert rejected.id not in ids and corrected.id in ids
    now = store.get_record(corrected.id)
    assert now is not None
    assert (now.status, now.quantity, str(now.date)) == ("ordered", 77, "2024-09")
    assert now.extra["review"]["state"] == "corrected"
    in_deals = {rid for deal in store.iter_deals() for rid in deal.record_ids}
    assert rejected.id not in in_deals and corrected.id in in_deals
    [deal] = [deal for deal in store.iter_deals() if corrected.id in deal.record_ids]
    assert any(v.value == 77 and corrected.id in v.record_ids for v in deal.quantity_ordered)

    rows = _records_csv(store)
    assert rejected.id not in rows
    assert (rows[corrected.id]["status"], rows[corrected.id]["quantity"],
            rows[corrected.id]["date"]) == ("ordered", "77", "2024-09")
    deal_rows = _deals_csv(store)
    assert all(rejected.id not in row["records"].split(";") for row in deal_rows)
    [deal_row] = [row for row in deal_rows if corrected.id in row["records"].split(";")]
    assert "77" in deal_row["quantity_ordered"].split(";")


def test_rejection_and_correction_survive_reingest_and_reextract(
    tmp_path: Path, seed: Path, extractor: Any
) -> None:
    with SQLiteStore(tmp_path / "seed.db") as store:
        _ingest(store, seed, extractor)
        store.add_user(new_user("ana", "a long passphrase"))
        transfers = [r for r in store.iter_records() if r.kind == "transfer"]
        assert len(transfers) >= 2
        rejected, corrected = transfers[0], transfers[1]
        record_decision(store, RecordDecision(rejected.id, "reject", "ana",
                                              "the article does not say this", AT))
        record_decision(store, RecordDecision(
            corrected.id, "correct", "ana", "the ministry confirmed the order", AT,
            parse_corrections({"status": "ordered", "quantity": "77", "date": "2024-09"})))
        _assert_decisions_hold(store, rejected, corrected)

        _ingest(store, seed, extractor)  # the same input again: a no-op
        _assert_decisions_hold(store, rejected, corrected)

        unchanged = reextract_documents(store, extractor)
        assert (unchanged.documents, unchanged.documents_changed) == (1, 0)
        _assert_decisions_hold(store, rejected, corrected)

        # The rules change and lose the rejected fact: the decision waits.
        blind = reextract_documents(store, WithoutRecord(extractor, rejected.id))
        assert blind.documents_changed == 1
        assert store.get_record(rejected.id) is None
        # They find it again: it comes back rejected, the correction still in force.
        again = reextract_documents(store, extractor)
        assert again.documents_changed == 1
        found = store.get_record(rejected.id)
        assert found is not None and found.extra["review"]["state"] == "rejected"
        _assert_decisions_hold(store, rejected, corrected)
        assert store.count_records(RecordFilter(include_rejected=True)) == len(
            extractor.extract(store.get_document(rejected.document.id))
        )


def test_reextract_replaces_stale_records_and_keeps_decisions(
    tmp_path: Path, seed: Path, extractor: Any
) -> None:
    path = tmp_path / "stale.db"
    with SQLiteStore(path) as store:
        _ingest(store, seed, extractor)
        store.add_user(new_user("ana", "a long passphrase"))
        records = [r for r in store.iter_records() if r.kind == "transfer"]
        rejected, corrected = records[0], records[1]
        record_decision(store, RecordDecision(rejected.id, "reject", "ana", "wrong", AT))
        record_decision(store, RecordDecision(
            corrected.id, "correct", "ana", "confirmed", AT,
            parse_corrections({"status": "ordered", "quantity": "77", "date": "2024-09"})))
    with sqlite3.connect(path) as connection:  # an older extractor's output, by hand
        connection.execute("UPDATE records SET confidence = 0.01, evidence_text = 'old'")
    with SQLiteStore(path) as store:
        report = reextract_documents(store, extractor)
        assert report.documents_changed == 1
        assert all(r.confidence > 0.01 for r in store.iter_records(RecordFilter(
            include_rejected=True)))
        _assert_decisions_hold(store, rejected, corrected)
        # A second run finds nothing to change.
        assert reextract_documents(store, extractor).documents_changed == 0
