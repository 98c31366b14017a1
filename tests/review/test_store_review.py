"""Every store keeps users and decisions, and keeps records as reviewed (SQLite, PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from tests.store.builders import make_document, make_record

from armstrace.errors import StoreError
from armstrace.model import Money
from armstrace.review import DealDecision, RecordDecision, User, review_state
from armstrace.store import RecordFilter, SQLiteStore, Store
from armstrace.store.migrations import SCHEMA_VERSION

AT = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
ANA = User("ana", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", AT)


@pytest.fixture
def store(store: Store) -> Store:
    """Return a new store of each backend (tests/conftest.py) with the user ana."""
    store.add_user(ANA)
    return store


def _decide(record_id: str, action: str, minutes: int = 0, **fields: object) -> RecordDecision:
    return RecordDecision(record_id, action, "ana", "read the article",  # type: ignore[arg-type]
                          AT + dt.timedelta(minutes=minutes), fields)


def test_store_satisfies_the_protocol(store: Store) -> None:
    assert isinstance(store, Store)


def test_users_round_trip_and_names_are_unique(store: Store) -> None:
    bob = User("bob", "$argon2id$x", AT)
    store.add_user(bob)
    assert store.get_user("bob") == bob
    assert store.get_user("Bob") == bob  # names ignore case (issue 14)
    assert [user.name for user in store.list_users()] == ["ana", "bob"]
    with pytest.raises(StoreError, match="a user named 'bob' already exists"):
        store.add_user(bob)


def test_add_record_decision_rewrites_the_record_and_keeps_history(store: Store) -> None:
    document = make_document()
    record = make_record(document)
    store.add_document(document, [record])
    store.add_record_decision(_decide(record.id, "correct", 0, quantity=6, status="delivered"))
    reviewed = store.add_record_decision(_decide(record.id, "correct", 1, value=Money(9, "EUR")))
    assert (reviewed.id, reviewed.quantity, reviewed.status) == (record.id, 6, "delivered")
    assert store.get_record(record.id) == reviewed
    assert [r.to_json() for r in store.iter_records(RecordFilter(status="delivered"))] == [
        reviewed.to_json()
    ]
    assert store.count_records(RecordFilter(status="planned")) == 0
    history = list(store.iter_record_decisions(record.id))
    assert [d.fields for d in history] == [
        {"quantity": 6, "status": "delivered"}, {"value": Money(9, "EUR")}
    ]
    assert list(store.iter_record_decisions()) == history


def test_rejected_records_are_left_out_unless_asked_for(store: Store) -> None:
    document = make_document()
    kept, rejected = make_record(document), make_record(document, weapon="sonar")
    store.add_document(document, [kept, rejected])
    store.add_record_decision(_decide(rejected.id, "reject"))
    assert [r.id for r in store.iter_records()] == [kept.id]
    assert store.count_records() == 1
    assert store.count_records(RecordFilter(include_rejected=True)) == 2
    assert [r.id for r in store.iter_records(RecordFilter(review_state="rejected"))] == [
        rejected.id
    ]
    assert [r.id for r in store.iter_records(RecordFilter(review_state="unreviewed"))] == [
        kept.id
    ]
    assert [r.id for r in store.iter_unmerged_records()] == [kept.id]
    assert store.summary().records == 1
    found = store.get_record(rejected.id)
    assert found is not None and review_state(found) == "rejected"


def test_decisions_apply_again_when_records_are_replaced(store: Store) -> None:
    document = make_document()
    record = make_record(document)
    store.add_document(document, [record])
    store.add_record_decision(_decide(record.id, "correct", quantity=40))
    store.replace_records(document.id, [make_record(document), make_record(document, weapon="x")])
    assert sorted((r.weapon, r.quantity) for r in store.iter_records()) == [
        ("coastal radar", 40), ("x", 4)
    ]


def test_decisions_apply_to_a_document_stored_again(tmp_path: Path) -> None:
    path = tmp_path / "again.db"
    document = make_document()
    record = make_record(document)
    with SQLiteStore(path) as store:
        store.add_user(ANA)
        store.add_document(document, [record])
        store.add_record_decision(_decide(record.id, "reject"))
    with sqlite3.connect(path) as connection:  # the document is deleted by another tool
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM documents")
    with SQLiteStore(path) as store:
        assert store.add_document(document, [record])
        assert store.count_records() == 0
        assert store.count_records(RecordFilter(include_rejected=True)) == 1


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        (RecordDecision("0000000000000000", "confirm", "ana", "", AT), "no record with id"),
        (RecordDecision("{id}", "confirm", "zoe", "", AT), "no user named 'zoe'"),
    ],
)
def test_add_record_decision_names_what_is_unknown(store: Store, decision: RecordDecision,
                                                   message: str) -> None:
    document = make_document()
    record = make_record(document)
    store.add_document(document, [record])
    if decision.record_id == "{id}":
        decision = RecordDecision(record.id, "confirm", decision.user, "", AT)
    with pytest.raises(StoreError, match=message):
        store.add_record_decision(decision)
    assert list(store.iter_record_decisions()) == []


def test_deal_decisions_round_trip(store: Store) -> None:
    merge = DealDecision("merge", ("d2", "d1"), ("r2", "r1"), "ana", "same order", AT)
    split = DealDecision("split", ("d1",), ("r1",), "ana", "two orders", AT)
    store.add_deal_decision(merge)
    store.add_deal_decision(split)
    assert list(store.iter_deal_decisions()) == [merge, split]
    assert merge.deal_ids == ("d1", "d2")
    with pytest.raises(StoreError, match="no user named 'zoe'"):
        store.add_deal_decision(DealDecision("split", ("d1",), ("r1",), "zoe", "x", AT))


def test_a_database_of_the_previous_schema_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    document = make_document()
    with SQLiteStore(path) as store:
        store.add_document(document, [make_record(document)])
    with sqlite3.connect(path) as connection:  # back to schema 2: no review tables
        for table in ("web_sessions", "users", "record_decisions", "deal_decisions"):
            connection.execute(f"DROP TABLE {table}")
        connection.execute("DROP INDEX records_review_state")
        connection.execute("ALTER TABLE records DROP COLUMN review_state")
        connection.execute("PRAGMA user_version = 2")
    with SQLiteStore(path) as store:
        assert store.count_records(RecordFilter(review_state="unreviewed")) == 1
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_record_filter_keeps_the_records_with_given_ids(store: SQLiteStore) -> None:
    document = make_document()
    records = [make_record(document, weapon=f"radar {n}") for n in range(3)]
    store.add_document(document, records)
    wanted = (records[2].id, records[0].id, "0000000000000000")
    assert {r.id for r in store.iter_records(RecordFilter(record_ids=wanted))} == {
        records[0].id, records[2].id
    }
    assert store.count_records(RecordFilter(record_ids=())) == 0
