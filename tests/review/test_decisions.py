"""Decisions on records: checking corrections, and applying them to a record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.store.builders import make_document, make_record

from armstrace.errors import ReviewError
from armstrace.model import Money, PartialDate
from armstrace.review import (
    RecordDecision,
    apply_decisions,
    extracted_record,
    parse_corrections,
    review_record,
    review_state,
)

AT = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


def _decide(record_id: str, action: str, minutes: int = 0, **fields: Any) -> RecordDecision:
    return RecordDecision(record_id, action, "ana", "checked against the article",  # type: ignore[arg-type]
                          AT + dt.timedelta(minutes=minutes), fields)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ({"quantity": "14"}, {"quantity": 14}),
        ({"quantity": ""}, {"quantity": None}),
        ({"value": "3,000,000 usd"}, {"value": Money(3_000_000, "USD")}),
        ({"date": "2024-10"}, {"date": PartialDate(2024, 10)}),
        ({"supplier": "tur", "recipient": "null"}, {"supplier": "TUR", "recipient": None}),
        ({"partners": "FRA; deu"}, {"partners": ("DEU", "FRA")}),
        ({"status": "delivered", "category": "uav"}, {"status": "delivered", "category": "uav"}),
        ({"weapon_family": ""}, {"weapon_family": None}),
    ],
)
def test_parse_corrections_gives_typed_values(texts: dict[str, str], expected: dict[str, Any]
                                              ) -> None:
    assert parse_corrections(texts) == expected


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        ({"colour": "red"}, "'colour' is not a field an analyst can correct"),
        ({"status": "sold"}, "status 'sold' is not one of"),
        ({"category": "tank"}, "category 'tank' is not one of"),
        ({"deal": "gift"}, "deal 'gift' is not one of"),
        ({"kind": "loan"}, "kind 'loan' is not one of"),
        ({"supplier": "Turkey"}, "supplier 'Turkey' is not an ISO 3166 alpha-3 code"),
        ({"partners": "FRA;XXX"}, "partners 'XXX' is not an ISO 3166 alpha-3 code"),
        ({"quantity": "twelve"}, "quantity must be a whole number"),
        ({"quantity": "-3"}, "quantity must be a whole number"),
        ({"value": "3000000"}, "value must be AMOUNT CURRENCY"),
        ({"value": "3000000 ZZZ"}, "not an ISO 4217 code"),
        ({"date": "2024-13"}, "date must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"weapon": ""}, "weapon must be a non-empty text"),
    ],
)
def test_parse_corrections_rejects_bad_fields_in_one_line(texts: dict[str, str], message: str
                                                          ) -> None:
    with pytest.raises(ReviewError, match="^[^\n]+$") as raised:
        parse_corrections(texts)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"quantity": True}, "quantity must be a whole number"),
        ({"quantity": 2.5}, "quantity must be a whole number"),
        ({"value": 300}, "value must be an amount and a currency"),
        ({"date": "2024"}, "date must be YYYY"),
        ({"partners": "FRA"}, "partners must be a list"),
    ],
)
def test_record_decision_checks_typed_fields(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        _decide("abc", "correct", **fields)


@pytest.mark.parametrize(
    ("action", "reason", "fields", "message"),
    [
        ("approve", "x", {}, "unknown record action 'approve'"),
        ("reject", " ", {}, "a reject decision needs a reason"),
        ("correct", "x", {}, "a correct decision needs at least one field"),
        ("reject", "x", {"quantity": 3}, "only a correct decision sets fields"),
    ],
)
def test_record_decision_needs_a_coherent_action(action: str, reason: str,
                                                 fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        RecordDecision("abc", action, "ana", reason, AT, fields)  # type: ignore[arg-type]


def test_record_decision_needs_an_aware_time() -> None:
    with pytest.raises(ReviewError, match="time zone"):
        RecordDecision("abc", "confirm", "ana", "", dt.datetime(2026, 11, 26))


def test_review_record_corrects_fields_and_keeps_the_extracted_id() -> None:
    record = make_record(make_document())
    reviewed = review_record(record, [_decide(record.id, "correct", status="delivered",
                                              quantity=6)])
    assert (reviewed.status, reviewed.quantity, reviewed.id) == ("delivered", 6, record.id)
    assert reviewed.extra["review"]["state"] == "corrected"
    assert reviewed.extra["review"]["extracted"] == {"status": "planned", "quantity": 4}
    assert reviewed.to_json()["id"] == record.id


def test_review_record_accumulates_corrections_and_the_latest_action_sets_the_state() -> None:
    record = make_record(make_document())
    decisions = [
        _decide(record.id, "correct", 0, quantity=6),
        _decide(record.id, "correct", 1, deal="sale"),
        _decide(record.id, "reject", 2),
        _decide(record.id, "confirm", 3),
    ]
    reviewed = review_record(record, decisions)
    assert (reviewed.quantity, reviewed.deal, review_state(reviewed)) == (6, "sale", "confirmed")
    assert reviewed.extra["review"]["decisions"] == 4


def test_apply_decisions_gives_none_for_a_rejected_record() -> None:
    record = make_record(make_document())
    assert apply_decisions(record, [_decide(record.id, "reject")]) is None
    assert apply_decisions(record, []) == record


def test_extracted_record_undoes_every_correction() -> None:
    record = make_record(make_document())
    reviewed = review_record(record, [_decide(record.id, "correct", supplier="SWE",
                                              value=Money(5, "EUR"))])
    original = extracted_record(reviewed)
    assert original.to_json() == record.to_json()
    assert "review" not in original.extra


def test_review_record_refuses_a_decision_on_another_record() -> None:
    record = make_record(make_document())
    with pytest.raises(ValueError, match="applied to"):
        review_record(record, [_decide("0123456789abcdef", "confirm")])
