"""Plain nouns that name again a system told before ("four of the ships", "12 of the
type", "three batteries"), read as that system when its kind fits. Sentences are our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The FDI frigate is built by Naval Group. Athens has ordered four of the ships.",
         {("FRA", "GRC", "FDI", "ordered")}),
        ("The Arrow 3 system is made by Israel Aerospace Industries. Germany bought three "
         "batteries in 2023.",
         {("ISR", "DEU", "Arrow", "delivered")}),
    ],
)
def test_a_plain_noun_names_the_system_told_before(
    read_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_transfers(text) == expected


def test_a_count_of_the_type_is_the_systems_count(candidate_generator) -> None:  # noqa: ANN001
    text = (
        "Seoul sold FA-50 jets to Manila in 2014. The Philippine air force now flies 12 of "
        "the type."
    )
    counts = {
        (r.supplier, r.recipient, r.weapon, r.quantity)
        for r in candidate_generator.extract_text(text, published="2025-02-03")
    }
    assert ("KOR", "PHL", "FA-50", 12) in counts


@pytest.mark.parametrize(
    "text",
    [
        # a ship is no drone
        "Cargo ships carrying Iranian Shahed drones reached Russia. The ships were seized.",
        # nor a fighter
        "The Rafale is made by Dassault. Egypt's navy ordered four of the ships in 2019.",
    ],
)
def test_a_plain_noun_of_another_kind_names_no_system(read_transfers, text: str) -> None:  # noqa: ANN001
    assert not any(w in ("Shahed-136", "Rafale") for _, _, w, _ in read_transfers(text))
