"""A builder sells what it builds for another party; a state's name or abbreviation written
onto "-made" is its adjective; "millions of shells" counts the shells. Sentences are our
own."""

from __future__ import annotations

import pytest


def _facts(extractor, text: str) -> set[tuple]:  # noqa: ANN001
    return {
        (r.supplier, r.recipient or r.recipient_name, r.weapon, r.status)
        for r in extractor.extract_text(text, published="2025-03-01")
        if r.kind == "transfer"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spanish yards are building two landing ships for the Turkish navy.",
         {("ESP", "TUR", "landing ship", "ordered")}),
        ("Italy built four frigates for Egypt between 2020 and 2023.",
         {("ITA", "EGY", "frigate", "delivered")}),
        ("Germany has built six submarines for Israel.",
         {("DEU", "ISR", "submarine", "delivered")}),
        ("South Korea will build three submarines for Indonesia.",
         {("KOR", "IDN", "submarine", "planned")}),
        ("Dutch shipyards are building corvettes for Mexico and patrol boats for Vietnam.",
         {("NLD", "MEX", "corvette", "ordered"), ("NLD", "VNM", "patrol boat", "ordered")}),
    ],
)
def test_a_builder_supplies_the_party_it_builds_for(
    extractor, text: str, expected: set[tuple]  # noqa: ANN001
) -> None:
    assert _facts(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "China builds drones for its own army.",  # a state arming itself
        "The two carriers originally built for Russia were sold on.",  # no builder named
        "Egypt is building new barracks for its soldiers.",  # no weapon
    ],
)
def test_building_for_oneself_or_for_nobody_is_no_transfer(
    extractor, text: str  # noqa: ANN001
) -> None:
    assert _facts(extractor, text) == set()


@pytest.mark.parametrize("origin", ["US-made", "American-made", "U.S.-made"])
def test_a_states_abbreviation_before_made_names_the_supplier(
    candidate_generator, origin: str  # noqa: ANN001
) -> None:
    text = f"Oman's {origin} F-16 fighters flew over the capital during the parade."
    assert _facts(candidate_generator, text) == {("USA", "OMN", "F-16", "delivered")}


def test_an_abbreviation_that_acts_is_still_a_supplier(extractor) -> None:  # noqa: ANN001
    text = "The US sold 12 F-16 fighters to Oman."
    assert _facts(extractor, text) == {("USA", "OMN", "F-16", "delivered")}


@pytest.mark.parametrize(
    "text",
    [
        "North Korea has shipped millions of artillery shells to Russia.",
        "North Korea has sent Russia millions of artillery shells.",
    ],
)
def test_millions_of_a_weapon_are_that_weapon(extractor, text: str) -> None:  # noqa: ANN001
    assert _facts(extractor, text) == {("PRK", "RUS", "artillery shell", "delivered")}
