"""An armed group as the first object of a giving verb, which the parser fuses into the
goods ("handed Hezbollah precision-guided missiles", "gave the Houthis drones"), or
breaks off the goods by reading their head noun as a verb ("gave the rebels TOW
missiles"); missiles that "reach" an armed group are its supply, while those that reach a
place are no transfer; a group named as a "regime" or "government" is the state it rules.
Sentences of our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran has handed Hezbollah precision-guided missiles.", ("IRN", "Hezbollah", "missile")),
        ("Iran gave the Houthis drones and missiles.", ("IRN", "Houthis", "military drone")),
        ("The US gave the rebels TOW missiles.", ("USA", "rebels", "TOW")),
        ("TOW missiles reached the rebels in Idlib.", ("USA", "rebels", "TOW")),
    ],
)
def test_groups_given_or_reached(read_candidate_transfers, text: str, expected: tuple) -> None:  # noqa: ANN001
    assert expected in read_candidate_transfers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Iranian drones reached Moscow in 2022.",
        "The missiles reached targets in Syria, the army said.",
    ],
)
def test_weapons_reaching_a_place_are_no_transfer(read_candidate_transfers, text: str) -> None:  # noqa: ANN001
    assert read_candidate_transfers(text) == set()


def test_a_group_that_rules_is_its_state(read_candidate_transfers) -> None:  # noqa: ANN001
    # "the Sandinista regime" is Nicaragua's government, not the armed movement
    text = "The Soviet Union has provided the Sandinista regime with military hardware."
    assert ("SUN", "NIC", "military hardware") in read_candidate_transfers(text, "1987-03-01")
