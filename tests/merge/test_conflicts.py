"""What a deal's sources disagree on is flagged with each source's value (issue 15, item 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.merge.test_deals import records_of

from armstrace.merge import merge_records
from armstrace.model import Conflict, ConflictingValue, Deal, Money, Record


def _only_deal(*specs: dict[str, object]) -> tuple[list[Record], Deal]:
    found = records_of(*specs)
    (deal,) = merge_records(found)
    return found, deal


def test_conflicting_quantities_name_each_value_its_records_and_documents() -> None:
    found, deal = _only_deal({"quantity": 66}, {"quantity": 60})
    by_quantity = {record.quantity: record for record in found}

    assert deal.conflicts == (Conflict("quantity_ordered", (
        ConflictingValue("60", (by_quantity[60].id,), (by_quantity[60].document.id,)),
        ConflictingValue("66", (by_quantity[66].id,), (by_quantity[66].document.id,)),
    )),)


def test_conflicting_values_are_flagged_with_their_currency() -> None:
    _, deal = _only_deal({"value": Money(8_000_000_000, "USD")},
                         {"value": Money(6_000_000_000, "USD")})
    [conflict] = deal.conflicts
    assert conflict.slot == "value"
    assert [value.value for value in conflict.values] == ["6000000000 USD", "8000000000 USD"]


@pytest.mark.parametrize(
    ("dates", "slot"),
    [
        (("2019", "2020"), "date_ordered"),
        (("2019-08", "2019-09"), "date_ordered"),
    ],
)
def test_two_stated_dates_of_one_order_conflict(dates: tuple[str, str], slot: str) -> None:
    _, deal = _only_deal(*({"status": "ordered", "date": date} for date in dates))
    assert deal.conflict_slots == (slot,)
    assert [value.value for value in deal.conflicts[0].values] == list(dates)


@pytest.mark.parametrize(
    "specs",
    [
        # A date that refines another is no disagreement.
        ({"status": "ordered", "date": "2019"}, {"status": "ordered", "date": "2019-08"}),
        # Deliveries come in batches.
        ({"status": "delivered", "date": "2019"}, {"status": "delivered", "date": "2020"}),
        # A date taken from the publication is not stated by the source.
        ({"status": "ordered", "published": dt.date(2019, 1, 2)},
         {"status": "ordered", "published": dt.date(2019, 5, 2)}),
        # The same quantity from two sources.
        ({"quantity": 66}, {"quantity": 66}),
    ],
)
def test_agreeing_or_compatible_sources_flag_nothing(specs: tuple[dict[str, object], ...]
                                                     ) -> None:
    _, deal = _only_deal(*specs)
    assert deal.conflicts == ()


def test_two_documents_giving_one_date_different_statuses_conflict() -> None:
    found, deal = _only_deal({"status": "ordered", "date": "2019-08-20"},
                             {"status": "cancelled", "date": "2019-08-20"})
    [conflict] = [c for c in deal.conflicts if c.slot == "status"]
    assert [value.value for value in conflict.values] == ["cancelled 2019-08-20",
                                                          "ordered 2019-08-20"]
    assert {d for value in conflict.values for d in value.document_ids} == {
        record.document.id for record in found
    }
