"""The deal tables of every store: replace, read back, filter, upgrade, merge pending."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from armstrace.merge import merge_records, update_deals
from armstrace.model import Money, Record
from armstrace.store import DealFilter, DealSummary, SQLiteStore, Store
from armstrace.store.migrations import MIGRATIONS

from .builders import make_document, make_record


def stored_records(store: Store, *specs: dict[str, object]) -> list[Record]:
    """Store one document per spec with its one record; return the records."""
    found = []
    for number, spec in enumerate(specs):
        fields = dict(spec)
        published = fields.pop("published", dt.date(2024, 3, 14))
        document = make_document(number, published=published)
        record = make_record(document, **fields)
        store.add_document(document, [record])
        found.append(record)
    return found


def test_replace_deals_reads_back_every_field(store: Store) -> None:
    found = stored_records(store, {"quantity": 4}, {"quantity": 5, "value": Money(7, "EUR")})
    deals = merge_records(found)
    store.replace_deals({deal.key for deal in deals}, deals)
    assert list(store.iter_deals()) == deals
    assert store.get_deal(deals[0].id) == deals[0]


def test_replace_deals_leaves_other_keys_alone(store: Store) -> None:
    found = stored_records(store, {}, {"recipient": "LVA"})
    deals = merge_records(found)
    store.replace_deals({deal.key for deal in deals}, deals)
    store.replace_deals({deals[0].key}, [])
    assert [deal.id for deal in store.iter_deals()] == [deals[1].id]


def test_replace_deals_rejects_a_deal_of_another_key(store: Store) -> None:
    deals = merge_records(stored_records(store, {}))
    with pytest.raises(ValueError, match="not one being replaced"):
        store.replace_deals({"transfer|XXX>YYY|generic:other"}, deals)


def test_get_deal_of_an_unknown_id_is_none(store: Store) -> None:
    assert store.get_deal("0000000000000000") is None


def test_iter_unmerged_records_lists_records_in_no_deal(store: Store) -> None:
    found = stored_records(store, {}, {"recipient": "LVA"})
    first = merge_records(found[:1])
    store.replace_deals({first[0].key}, first)
    assert [record.id for record in store.iter_unmerged_records()] == [found[1].id]


def test_update_deals_merges_only_the_keys_of_new_records(store: Store) -> None:
    found = stored_records(store, {}, {"recipient": "LVA"})
    update_deals(store)
    untouched = next(store.iter_deals(DealFilter(recipient="LVA")))
    document = make_document(9)
    later = make_record(document, status="delivered")
    store.add_document(document, [later])
    assert update_deals(store, [later]) == 1
    assert next(store.iter_deals(DealFilter(recipient="LVA"))) == untouched
    (estonia,) = store.iter_deals(DealFilter(recipient="EST"))
    assert estonia.record_ids == tuple(sorted([found[0].id, later.id]))


@pytest.mark.parametrize(
    ("deal_filter", "recipients"),
    [
        (DealFilter(), ["EST", "LTU", "LVA"]),
        (DealFilter(recipient="lva"), ["LVA"]),
        (DealFilter(supplier="NOR", status="delivered"), ["LTU"]),
        (DealFilter(weapon="coastal radar"), ["EST", "LVA"]),
        (DealFilter(since=dt.date(2024, 1, 1)), ["EST", "LVA"]),
        (DealFilter(limit=1, offset=1), ["EST"]),
    ],
)
def test_iter_deals_filters(
    store: Store, deal_filter: DealFilter, recipients: list[str]
) -> None:
    stored_records(
        store,
        {"published": dt.date(2024, 5, 1)},
        {"recipient": "LVA", "published": dt.date(2024, 6, 1)},
        {"recipient": "LTU", "status": "delivered", "weapon": "howitzer",
         "category": "artillery", "published": dt.date(2022, 1, 1)},
    )
    update_deals(store)
    assert sorted(deal.recipient or "" for deal in store.iter_deals(deal_filter)) == recipients
    assert store.count_deals(deal_filter) == len(
        list(store.iter_deals(DealFilter(**{**deal_filter.__dict__, "limit": None, "offset": 0})))
    )


@pytest.mark.parametrize(
    "deal_filter",
    [
        DealFilter(),
        DealFilter(order_by="supplier", descending=False),
        DealFilter(order_by="sources"),
        DealFilter(recipient="EST", limit=1),
        DealFilter(limit=2, offset=1),
    ],
)
def test_deal_summaries_equal_the_lines_of_the_whole_deals(
    store: Store, deal_filter: DealFilter
) -> None:
    stored_records(
        store,
        # Two sources that disagree on quantity and value: a conflict in both slots.
        {"status": "ordered", "quantity": 4, "value": Money(7_000_000, "EUR")},
        {"status": "ordered", "quantity": 5, "value": Money(9_000_000, "EUR"),
         "published": dt.date(2024, 4, 2)},
        {"recipient": "LVA", "status": "delivered", "quantity": None,
         "published": dt.date(2023, 1, 9)},
        {"kind": "coproduction", "supplier": None, "recipient": None,
         "partners": ("DEU", "FRA"), "weapon": "main ground combat system",
         "category": "armoured vehicle", "quantity": None},
        {"supplier": None, "supplier_name": "Wagner Group", "recipient": None,
         "recipient_name": "Hezbollah", "published": None},
    )
    update_deals(store)
    whole = list(store.iter_deals(deal_filter))
    assert whole
    assert list(store.iter_deal_summaries(deal_filter)) == [DealSummary.of(d) for d in whole]


def test_open_upgrades_a_database_from_before_deals(database_path: Path) -> None:
    with closing(sqlite3.connect(database_path, isolation_level=None)) as connection:
        for statement in MIGRATIONS[0]:
            connection.execute(statement)
        connection.execute("PRAGMA user_version = 1")
    document = make_document()
    with SQLiteStore(database_path) as store:
        store.add_document(document, [make_record(document)])
        assert update_deals(store) == 1
        assert [deal.record_ids for deal in store.iter_deals()] == [(make_record(document).id,)]
