"""Every store keeps the audit trail (old and new values, merges, splits) and API tokens
by their hash (SQLite, PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from tests.review.test_store_review import ANA, AT
from tests.store.builders import make_document, make_record

from armstrace.errors import StoreError
from armstrace.review import (
    DealDecision,
    FieldChange,
    LogFilter,
    RecordDecision,
    hash_api_token,
    new_api_token,
)
from armstrace.store import RecordFilter, SQLiteStore, Store


@pytest.fixture
def store(store: Store) -> Store:
    """Return a new store of each backend (tests/conftest.py) with the user ana."""
    store.add_user(ANA)
    return store


def _decide(record_id: str, action: str, minutes: int, **fields: object) -> RecordDecision:
    return RecordDecision(record_id, action, "ana", f"reason {minutes}",  # type: ignore[arg-type]
                          AT + dt.timedelta(minutes=minutes), fields)


def test_log_keeps_old_and_new_value_of_every_correction(store: Store) -> None:
    document = make_document()
    record = make_record(document, quantity=12)
    store.add_document(document, [record])
    store.add_record_decision(_decide(record.id, "correct", 1, quantity=14))
    store.add_record_decision(_decide(record.id, "correct", 2, quantity=16))
    store.add_record_decision(_decide(record.id, "reject", 3))

    total, entries = store.read_log(LogFilter())

    assert total == 3
    assert [entry.action for entry in entries] == ["reject", "correct", "correct"]
    assert entries[2].changes == (FieldChange("review", "unreviewed", "corrected"),
                                  FieldChange("quantity", 12, 14))
    assert entries[1].changes[1] == FieldChange("quantity", 14, 16)
    assert entries[0].changes == (FieldChange("review", "corrected", "rejected"),)
    assert entries[0].reason == "reason 3" and entries[0].user == "ana"


def test_log_shows_merges_and_splits_and_filters(store: Store) -> None:
    document = make_document()
    first, second = make_record(document), make_record(document, weapon="sonar")
    store.add_document(document, [first, second])
    store.add_record_decision(_decide(first.id, "confirm", 1))
    store.add_deal_decision(DealDecision("merge", ("d1", "d2"), (first.id, second.id), "ana",
                                         "one sale", AT + dt.timedelta(minutes=2)))
    store.add_deal_decision(DealDecision("split", ("d1",), (second.id,), "ana", "two sales",
                                         AT + dt.timedelta(days=2)))

    assert [e.action for e in store.read_log(LogFilter())[1]] == ["split", "merge", "confirm"]
    assert store.read_log(LogFilter(action="merge"))[1][0].deal_ids == ("d1", "d2")
    assert [e.action for e in store.read_log(LogFilter(concerning=frozenset({second.id})))[1]
            ] == ["split", "merge"]
    assert store.read_log(LogFilter(since=(AT + dt.timedelta(days=1)).date()))[0] == 1
    assert store.read_log(LogFilter(user="bob"))[0] == 0
    assert [e.action for e in store.read_log(LogFilter(limit=1, offset=1))[1]] == ["merge"]


def test_log_works_out_old_values_of_decisions_stored_before_they_were_kept(
        tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "old.db") as store:
        store.add_user(ANA)
        document = make_document()
        record = make_record(document, quantity=12)
        store.add_document(document, [record])
        store.add_record_decision(_decide(record.id, "correct", 1, quantity=14))
        store.add_record_decision(_decide(record.id, "confirm", 2))
    with sqlite3.connect(tmp_path / "old.db") as connection:  # as schema 6 left them
        connection.execute("UPDATE record_decisions SET previous = NULL")
    with SQLiteStore(tmp_path / "old.db") as store:
        _, (confirm, correct) = store.read_log(LogFilter())
    assert correct.changes == (FieldChange("review", "unreviewed", "corrected"),
                               FieldChange("quantity", 12, 14))
    assert confirm.changes == (FieldChange("review", "corrected", "confirmed"),)


def test_records_sort_by_confidence(store: Store) -> None:
    document = make_document()
    records = [make_record(document, weapon=name, confidence=confidence)
               for name, confidence in (("a", 0.9), ("b", 0.2), ("c", 0.6))]
    store.add_document(document, records)

    lowest_first = store.iter_records(RecordFilter(order_by="confidence"))
    highest_first = store.iter_records(RecordFilter(order_by="confidence", descending=True))

    assert [r.weapon for r in lowest_first] == ["b", "c", "a"]
    assert [r.weapon for r in highest_first] == ["a", "c", "b"]


def test_api_tokens_are_kept_hashed_used_and_revoked(store: Store) -> None:
    token, facts, token_hash = new_api_token("ana", "nightly script", AT)
    store.add_api_token(facts, token_hash)

    used = store.use_api_token(hash_api_token(token), AT + dt.timedelta(hours=1))

    assert used is not None and used.user == "ana" and used.label == "nightly script"
    assert store.list_api_tokens("ana")[0].last_used == AT + dt.timedelta(hours=1)
    assert store.use_api_token(hash_api_token(token + "x"), AT) is None
    assert store.revoke_api_token(facts.id, AT + dt.timedelta(hours=2))
    assert not store.revoke_api_token(facts.id, AT + dt.timedelta(hours=3))
    assert store.use_api_token(hash_api_token(token), AT + dt.timedelta(hours=4)) is None
    assert store.list_api_tokens()[0].revoked == AT + dt.timedelta(hours=2)


def test_api_token_of_an_unknown_user_is_refused(store: Store) -> None:
    _, facts, token_hash = new_api_token("bob", "", AT)
    with pytest.raises(StoreError, match="no user named 'bob'"):
        store.add_api_token(facts, token_hash)


def test_token_text_is_not_stored(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "t.db") as store:
        store.add_user(ANA)
        token, facts, token_hash = new_api_token("ana", "", AT)
        store.add_api_token(facts, token_hash)
    stored = (tmp_path / "t.db").read_bytes() + b"".join(
        path.read_bytes() for path in tmp_path.glob("t.db-*"))
    assert token.encode() not in stored and json.dumps(token).encode() not in stored
