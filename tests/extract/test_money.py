"""Tests for armstrace.extract.money: amounts tied to a currency, normalised to ISO 4217."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from armstrace.extract.money import find_money, find_money_spans
from armstrace.model import Money

DEV_GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "dev" / "gold.jsonl"
# An independent sign that a sentence states an amount of money at all.
CURRENCY_CUE = re.compile(
    r"[$€£¥₹]|\b(?:dlrs?|dollars?|stg|sterling|pounds?|euros?|yen|guilders?|crowns?|francs?"
    r"|marks?|lire|rupees?|Kč)\b",
    re.IGNORECASE,
)


def amounts(text: str) -> list[tuple[int, str]]:
    return [(m.money.amount, m.money.currency) for m in find_money(text) if not m.is_conversion]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the brief's and dev gold's phrasings
        ("an order for 12 Rafale fighter jets for $3 billion", [(3_000_000_000, "USD")]),
        ("a deal worth US$1.6 billion", [(1_600_000_000, "USD")]),
        ("a $3bn deal", [(3_000_000_000, "USD")]),
        ("a €2.7bn contract", [(2_700_000_000, "EUR")]),
        ("signed a deal worth £100m to develop", [(100_000_000, "GBP")]),
        ("plans to sell 84 mln dlrs in electronic equipment", [(84_000_000, "USD")]),
        ("3 mln dlrs", [(3_000_000, "USD")]),
        ("has won a 5.9 mln dlr contract", [(5_900_000, "USD")]),
        ("a 35.4 mln dlr increase", [(35_400_000, "USD")]),
        ("a 6,300,000 dlr contract", [(6_300_000, "USD")]),
        ("Under the five billion stg deal signed last year", [(5_000_000_000, "GBP")]),
        ("5 billion stg", [(5_000_000_000, "GBP")]),
        ("a 150 mln stg contract", [(150_000_000, "GBP")]),
        ("2.5 billion guilders", [(2_500_000_000, "NLG")]),
        ("to win a 2.5-billion guilder helicopter order", [(2_500_000_000, "NLG")]),
        ("540 mln Norwegian crowns", [(540_000_000, "NOK")]),
        (
            "Norway's biggest operator said the helicopters are worth 540 mln crowns",
            [(540_000_000, "NOK")],
        ),
        ("1.2 trillion yen", [(1_200_000_000_000, "JPY")]),
        ("Rs 5,000 crore", [(50_000_000_000, "INR")]),
        ("₹500 crore", [(5_000_000_000, "INR")]),
        ("50 lakh rupees", [(5_000_000, "INR")]),
        ("3 billion euros", [(3_000_000_000, "EUR")]),
        ("700 million dollars", [(700_000_000, "USD")]),
        ("a billion dollars", [(1_000_000_000, "USD")]),
        ("SEK 2 billion", [(2_000_000_000, "SEK")]),
        ("USD3bn", [(3_000_000_000, "USD")]),
        ("3 billion USD", [(3_000_000_000, "USD")]),
        ("CHF 500m", [(500_000_000, "CHF")]),
        ("2 billion Swiss francs", [(2_000_000_000, "CHF")]),
        ("4.4 billion French francs", [(4_400_000_000, "FRF")]),
        ("an offset of 4.4 billion francs", [(4_400_000_000, "FRF")]),
        ("The Swiss government will pay 2 billion francs", [(2_000_000_000, "CHF")]),
        ("2 billion Belgian francs", [(2_000_000_000, "BEF")]),
        ("1.5 billion marks", [(1_500_000_000, "DEM")]),
        ("3 mln Deutsche marks", [(3_000_000, "DEM")]),
        ("2 mln D-marks", [(2_000_000, "DEM")]),
        ("DM 40 mln", [(40_000_000, "DEM")]),
        ("300 billion lire", [(300_000_000_000, "ITL")]),
        ("5 billion lira", [(5_000_000_000, "TRY")]),
        ("Kč34 billion", [(34_000_000_000, "CZK")]),
        ("5 billion zlotys", [(5_000_000_000, "PLN")]),
        ("3 trillion won", [(3_000_000_000_000, "KRW")]),
        ("A$500m", [(500_000_000, "AUD")]),
        ("C$1.2 billion", [(1_200_000_000, "CAD")]),
        ("3 mln Canadian dlrs", [(3_000_000, "CAD")]),
        ("5 mln N.Z. dlrs", [(5_000_000, "NZD")]),
        ("50 mln shekels", [(50_000_000, "ILS")]),
        ("10 billion riyals", [(10_000_000_000, "SAR")]),
        ("2 billion dirhams", [(2_000_000_000, "AED")]),
        ("5 billion Egyptian pounds", [(5_000_000_000, "EGP")]),
        ("2 billion yuan", [(2_000_000_000, "CNY")]),
        ("3 billion roubles", [(3_000_000_000, "RUB")]),
        ("2 billion Danish crowns", [(2_000_000_000, "DKK")]),
        ("1 billion Swedish crowns", [(1_000_000_000, "SEK")]),
        ("ONE BILLION DLRS OF DEBT", [(1_000_000_000, "USD")]),
        ("a $3 million price each", [(3_000_000, "USD")]),
        ("shares at 1.51 dlrs", [(2, "USD")]),
        ("$10bn and $3bn", [(10_000_000_000, "USD"), (3_000_000_000, "USD")]),
    ],
)
def test_find_money_amount(text: str, expected: list[tuple[int, str]]) -> None:
    assert amounts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2.7 billion",
        "the F-16 and 12 jets",
        "a multibillion dollar fee",
        "billions of dollars",
        "the multi mln dlr contract",
        "65 pct of the arsenal",
        "a 2,000-pound bomb",
        "500 pounds of explosives",
        "worth 540 mln crowns",
    ],
)
def test_find_money_ignores_amounts_without_a_known_currency(text: str) -> None:
    assert find_money(text) == []


@pytest.mark.parametrize(
    ("text", "first", "conversion"),
    [
        (
            "Kč34 billion (US$1.6 billion)",
            Money(34_000_000_000, "CZK"),
            Money(1_600_000_000, "USD"),
        ),
        ("$10bn (£7.6bn)", Money(10_000_000_000, "USD"), Money(7_600_000_000, "GBP")),
        (
            "Ankara pledged $3.5bn (£2.75bn) to buy US patriot missiles",
            Money(3_500_000_000, "USD"),
            Money(2_750_000_000, "GBP"),
        ),
        (
            "worth 5 billion stg (8 billion dlrs)",
            Money(5_000_000_000, "GBP"),
            Money(8_000_000_000, "USD"),
        ),
        ("a wage of 345 rand or 165 dlrs", Money(345, "ZAR"), Money(165, "USD")),
        ("€2bn (about $2.2bn)", Money(2_000_000_000, "EUR"), Money(2_200_000_000, "USD")),
    ],
)
def test_find_money_marks_conversion(text: str, first: Money, conversion: Money) -> None:
    mentions = find_money(text)
    assert [(m.money, m.is_conversion) for m in mentions] == [(first, False), (conversion, True)]


@pytest.mark.parametrize(
    "text",
    ["13 mln dlrs or 3.50 dlrs a share", "$2bn and £3bn", "$2bn. The rest, £3bn, was paid"],
)
def test_find_money_keeps_separate_amounts_unconverted(text: str) -> None:
    assert [m.is_conversion for m in find_money(text)] == [False, False]


def test_find_money_converts_an_amount_of_unknown_currency_silently() -> None:
    (mention,) = find_money("540 mln crowns, or about 78 mln dlrs,")
    assert (mention.money, mention.is_conversion) == (Money(78_000_000, "USD"), True)


@pytest.mark.parametrize(
    ("text", "span", "kind", "amount"),
    [
        ("at a cost of up to 2.9 billion dlrs.", "up to 2.9 billion dlrs", "up_to", 2_900_000_000),
        ("worth about $3bn", "about $3bn", "approximate", 3_000_000_000),
        ("more than $1 billion", "more than $1 billion", "at_least", 1_000_000_000),
        ("stands to lose 15-20 mln dlrs", "15-20 mln dlrs", "range", 20_000_000),
        ("$2-3 billion", "$2-3 billion", "range", 3_000_000_000),
        ("six to seven mln dlrs", "six to seven mln dlrs", "range", 7_000_000),
        ("a 41.3 mln dlrs increase", "41.3 mln dlrs", "exact", 41_300_000),
    ],
)
def test_find_money_kind_and_span(text: str, span: str, kind: str, amount: int) -> None:
    (mention,) = find_money(text)
    assert (text[mention.start : mention.end], mention.kind, mention.money.amount) == (
        span,
        kind,
        amount,
    )


def test_find_money_spans_include_unknown_currencies() -> None:
    text = "worth 540 mln crowns and $3bn"
    assert [text[start:end] for start, end in find_money_spans(text)] == ["540 mln crowns", "$3bn"]


def test_find_money_finds_every_dev_gold_value_its_evidence_states() -> None:
    """Every gold `value` whose evidence names a currency is among find_money's amounts."""
    if not DEV_GOLD.exists():
        pytest.skip("../shared/data absent: a fresh clone without ../shared")
    checked = 0
    for line in DEV_GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        value = record.get("value")
        evidence = record.get("evidence", {}).get("text", "")
        # Two gold values come from a neighbouring sentence; their evidence names no currency.
        if not value or not CURRENCY_CUE.search(evidence):
            continue
        checked += 1
        assert (value["amount"], value["currency"]) in amounts(evidence), evidence
    assert checked >= 20
