"""Nouns that halt a transfer ("put a stop to the sale", "a halt to deliveries") and an
undertaking halted ("suspended a project to export") cancel it; words of pausing that
govern no transfer change nothing. A weapon noun that is also a word of civil life
("rockets") is a weapon beside a weapon that is one in any text. Sentences are our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Canada put a stop to the sale of armoured vehicles to Saudi Arabia.", ("CAN", "SAU")),
        ("France suspended a project to export Caesar howitzers to Turkey.", ("FRA", "TUR")),
        ("Berlin ordered a halt to deliveries of Leopard tanks to Qatar.", ("DEU", "QAT")),
    ],
)
def test_a_halt_to_a_transfer_cancels_it(
    read_transfer_stages, text: str, parties: tuple[str, str]  # noqa: ANN001
) -> None:
    assert read_transfer_stages(text) == {(*parties, "cancelled")}


def test_a_halt_that_governs_no_transfer_changes_nothing(read_transfer_stages) -> None:  # noqa: ANN001
    stages = read_transfer_stages("After a brief halt for refuelling, the plane "
                     "delivered Javelin missiles to Ukraine.")
    assert stages and all(status == "delivered" for _, _, status in stages)


def test_a_weapon_listed_beside_vouches_for_a_word_of_civil_life(candidate_generator) -> None:  # noqa: ANN001
    weapons = {
        r.weapon
        for r in candidate_generator.extract_text(
            "The US approved a possible sale to Nigeria of 5,000 rockets and 1,000 Mk-82 bombs.",
            published="2025-05-01",
        )
    }
    assert "rocket" in weapons


def test_rockets_alone_in_civil_words_are_no_weapon(read_transfer_stages) -> None:  # noqa: ANN001
    assert read_transfer_stages("SpaceX will sell two rockets to Norway for "
                   "satellite launches.") == set()
