"""Analysts' merge and split decisions hold on every re-merge, in memory and in a store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.merge.builders import make_document, make_record

from armstrace.errors import ReviewError
from armstrace.merge import (
    deal_key,
    make_merge_decision,
    make_split_decision,
    merge_records,
    record_deal_decision,
    record_decision,
    update_deals,
)
from armstrace.model import Deal, Record
from armstrace.review import DealDecision, RecordDecision, User
from armstrace.store import SQLiteStore

AT = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
DAY = dt.date(2024, 3, 1)


def _gripen(number: int, **overrides: object) -> Record:
    return make_record(make_document(number, DAY), **overrides)


def _drones(number: int) -> Record:
    # The same sale told generically: "jets", no catalogue family, so another key.
    return _gripen(number, weapon="fighter jet", weapon_family=None)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "deals.db") as opened:
        opened.add_user(User("ana", "$argon2id$x", AT))
        yield opened


def _store(store: SQLiteStore, *records: Record) -> None:
    for record in records:
        store.add_document(record.document, [record])
    update_deals(store, records)


def _deal_of(store: SQLiteStore, record: Record) -> Deal:
    found = [deal for deal in store.iter_deals() if record.id in deal.record_ids]
    assert len(found) == 1, found
    return found[0]


def test_merge_records_replays_a_merge_across_keys() -> None:
    named, generic = _gripen(1), _drones(2)
    assert deal_key(named) != deal_key(generic)
    merge = DealDecision("merge", ("a", "b"), (named.id, generic.id), "ana", "same sale", AT)

    deals = merge_records([named, generic], [merge])

    assert [deal.record_ids for deal in deals] == [tuple(sorted((named.id, generic.id)))]


def test_merge_records_replays_a_split_then_a_later_merge() -> None:
    first, second, third = _gripen(1), _gripen(2), _gripen(3)
    split = DealDecision("split", ("d",), (second.id, third.id), "ana", "another order", AT)
    merge = DealDecision("merge", ("d", "e"), (first.id, third.id), "ana", "wrong split",
                         AT + dt.timedelta(hours=1))

    after_split = merge_records([first, second, third], [split])
    after_both = merge_records([third, second, first], [merge, split])

    assert sorted(deal.record_ids for deal in after_split) == sorted(
        [(first.id,), tuple(sorted((second.id, third.id)))]
    )
    assert [deal.record_ids for deal in after_both] == [
        tuple(sorted((first.id, second.id, third.id)))
    ]


def test_a_merge_holds_when_news_joins_either_deal(store: SQLiteStore) -> None:
    named, generic = _gripen(1), _drones(2)
    _store(store, named, generic)
    decision = make_merge_decision(store, [_deal_of(store, named).id, _deal_of(store, generic).id],
                                   user="ana", reason="the jets are the Gripens")
    [merged] = record_deal_decision(store, decision)

    later = _drones(3)
    _store(store, later)

    assert store.count_deals() == 1
    assert _deal_of(store, later).id == merged.id
    assert set(_deal_of(store, later).record_ids) == {named.id, generic.id, later.id}


def test_a_split_holds_when_the_key_is_merged_again(store: SQLiteStore) -> None:
    first, second, third = _gripen(1), _gripen(2), _gripen(3)
    _store(store, first, second, third)
    whole = _deal_of(store, first)
    decision = make_split_decision(store, whole.id, [third.id], user="ana",
                                   reason="a second order")
    record_deal_decision(store, decision)
    split_id = _deal_of(store, third).id

    _store(store, _gripen(4))  # new news re-merges the key
    update_deals(store, list(store.iter_records()))  # and a full re-merge

    assert _deal_of(store, first).id == whole.id
    assert _deal_of(store, third).id == split_id
    assert _deal_of(store, third).record_ids == (third.id,)
    assert store.count_deals() == 2


def test_a_rejected_record_leaves_its_deal_and_a_corrected_one_moves(store: SQLiteStore
                                                                     ) -> None:
    first, second, third = _gripen(1), _gripen(2), _gripen(3)
    _store(store, first, second, third)

    record_decision(store, RecordDecision(first.id, "reject", "ana", "not a sale", AT))
    record_decision(store, RecordDecision(second.id, "correct", "ana", "Norway buys", AT,
                                          {"recipient": "NOR", "quantity": 14}))

    assert first.id not in {rid for deal in store.iter_deals() for rid in deal.record_ids}
    moved = _deal_of(store, second)
    assert (moved.recipient, [v.value for v in moved.quantity_ordered]) == ("NOR", [14])
    assert _deal_of(store, third).record_ids == (third.id,)


def test_make_split_decision_names_what_is_wrong(store: SQLiteStore) -> None:
    first, second = _gripen(1), _gripen(2)
    _store(store, first, second)
    deal = _deal_of(store, first)
    with pytest.raises(ReviewError, match="are not in deal"):
        make_split_decision(store, deal.id, ["0000"], user="ana", reason="x")
    with pytest.raises(ReviewError, match="must leave at least one record"):
        make_split_decision(store, deal.id, [first.id, second.id], user="ana", reason="x")
    with pytest.raises(ReviewError, match="no deal with id nope"):
        make_merge_decision(store, ["nope", deal.id], user="ana", reason="x")
