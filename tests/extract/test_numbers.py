"""Tests for armstrace.extract.numbers: counts in words and digits, and what is not a count."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from armstrace.extract.numbers import find_counts, parse_count, parse_number_words

DEV_GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "dev" / "gold.jsonl"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("12", 12),
        ("1,200", 1200),
        ("12.5", None),
        ("five", 5),
        ("Twelve", 12),
        ("twenty-four", 24),
        ("twenty four", 24),
        ("ninety-nine", 99),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("a hundred", 100),
        ("three hundred", 300),
        ("one hundred and twenty", 120),
        ("a thousand", 1000),
        ("two thousand five hundred", 2500),
        ("1.5 million", 1_500_000),
        ("a pair of", 2),
        ("a couple of", None),
        ("several", None),
        ("some", None),
        ("a number of", None),
        ("an unspecified number", None),
        ("an unspecified number of Bayraktars", None),
        ("between six and eight", None),
        ("6-8", None),
        ("6 to 8", None),
        ("up to 10", None),
        ("at least two", None),
        ("12 or more", None),
        ("some 300", 300),
        ("about 20", 20),
        ("12 French-made Rafale fighter jets", 12),
        ("F-16", None),
        ("", None),
    ],
)
def test_parse_count_value(phrase: str, expected: int | None) -> None:
    assert parse_count(phrase) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [("seventeen", 17), ("forty-two", 42), ("a million", 1_000_000), ("tanks", None), ("", None)],
)
def test_parse_number_words_value(words: str, expected: int | None) -> None:
    assert parse_number_words(words) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev gold and seed phrasings
        (
            "The sources said the last six of 20 fighters ordered by Cairo in 1983 were held back.",
            [("six", 6), ("20", 20)],
        ),
        (
            "Saudi Arabia has agreed to buy 132 warplanes including 72 Tornado fighters.",
            [("132", 132), ("72", 72)],
        ),
        (
            "an order placed this summer for 12 French-made Rafale fighter jets for $3 billion",
            [("12", 12)],
        ),
        (
            "It includes 140 M809 Series five-ton trucks and 40 M44A2 Series 2-1/2 ton trucks.",
            [("140", 140), ("40", 40)],
        ),
        (
            "including 11 Czechoslovak-made L-39 bombers, three Soviet MI-24 fighter helicopters",
            [("11", 11), ("three", 3)],
        ),
        (
            "North had tried to obtain 20 Blowpipe missiles and 10 launchers",
            [("20", 20), ("10", 10)],
        ),
        ("The first production order for 38 of the type 629G lasers", [("38", 38)]),
        ("The 18 medium-range helicopters, worth 540 mln crowns", [("18", 18)]),
        ("Some 300 further orders are anticipated", [("Some 300", 300)]),
        ("an increase for 564 air data computer kits", [("564", 564)]),
        ("1,927 Sparrow guidance sections", [("1,927", 1927)]),
        ("the 1,983 tanks", [("1,983", 1983)]),
        # other styles
        ("Poland will buy two dozen Apache helicopters", [("two dozen", 24)]),
        ("It received a pair of frigates", [("a pair of", 2)]),
        (
            "It ordered twenty-four Rafales and a hundred missiles",
            [("twenty-four", 24), ("a hundred", 100)],
        ),
        ("Nearly 100 tanks were delivered", [("Nearly 100", 100)]),
    ],
)
def test_find_counts_values(text: str, expected: list[tuple[str, int]]) -> None:
    mentions = find_counts(text)
    assert [(text[m.start : m.end], m.value) for m in mentions] == expected


@pytest.mark.parametrize(
    ("text", "span", "kind", "low", "high"),
    [
        ("supply between six and eight submarines", "between six and eight", "range", 6, 8),
        ("supply 6-8 submarines", "6-8", "range", 6, 8),
        ("supply six to eight submarines", "six to eight", "range", 6, 8),
        ("one or two frigates", "one or two", "range", 1, 2),
        ("up to 10 drones", "up to 10", "up_to", None, 10),
        ("as many as 40 tanks", "as many as 40", "up_to", None, 40),
        ("more than 100 tanks", "more than 100", "at_least", 100, None),
        ("at least two launching sites", "at least two", "at_least", 2, None),
        ("12 or more jets", "12 or more", "at_least", 12, None),
        ("about 20 howitzers", "about 20", "approximate", 20, 20),
        ("an unspecified number of Bayraktars", "an unspecified number of", "vague", None, None),
        ("a large number of tanks", "a large number of", "vague", None, None),
        ("several frigates", "several", "vague", None, None),
        ("a couple of corvettes", "a couple of", "vague", None, None),
        ("dozens of drones", "dozens of", "vague", None, None),
        ("hundreds of missiles", "hundreds of", "vague", None, None),
    ],
)
def test_find_counts_bounds_and_kind(
    text: str, span: str, kind: str, low: int | None, high: int | None
) -> None:
    (mention,) = find_counts(text)
    assert (text[mention.start : mention.end], mention.kind, mention.low, mention.high) == (
        span,
        kind,
        low,
        high,
    )
    assert mention.value == (low if kind == "approximate" else None)


@pytest.mark.parametrize(
    "text",
    [
        "the F-16 fighter",
        "a Type 209 submarine",
        "the S-400 system",
        "Hawk Mk 66 trainers",
        "the TB2 drone",
        "Bell 412 SP helicopters",
        "a Boeing 737-800 airliner",
        "Leopard 2 tanks",
        "F/A-18 Hornets and Su-35s",
        "Resolution 2254 and No. 10",
        "it was signed in 1987",
        "1987 sales rose",
        "the 1980s",
        "65 pct of the arsenal",
        "50% of the arsenal",
        "at 10:30 local time",
        "at 0800 GMT",
        "the 4th brigade",
        "on March 4",
        "on 4 March",
        "a 10-year period",
        "a three-decade insurgency",
        "five-ton trucks",
        "12.5 tonnes",
        "a $3 billion deal",
        "84 mln dlrs in electronic equipment",
        "five billion stg",
    ],
)
def test_find_counts_skips_non_counts(text: str) -> None:
    assert find_counts(text) == []


def test_find_counts_spans_slice_the_text() -> None:
    text = "It ordered 12 jets, between six and eight submarines and several drones."
    for mention in find_counts(text):
        assert text[mention.start : mention.end].strip() == text[mention.start : mention.end]


def test_find_counts_finds_dev_gold_quantities_written_in_evidence() -> None:
    """Every gold quantity written in digits in its evidence is among the counts found."""
    if not DEV_GOLD.exists():
        pytest.skip("../shared/data absent: a fresh clone without ../shared")
    checked = 0
    for line in DEV_GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        quantity = record.get("quantity")
        evidence = record.get("evidence", {}).get("text", "")
        if quantity is None or not re.search(rf"(?<![\d,.-]){quantity:,}(?![\d,])", evidence):
            continue
        checked += 1
        assert quantity in [m.value for m in find_counts(evidence)], evidence
    assert checked >= 15
