"""Weapons that "reach" a party were delivered to it ("Weapons from Qatar reached Libyan
militias", "The first Leopard tanks reached Ukraine"); drones and missiles that reach a
state, and anything that reaches a place in one, tell of a strike or an advance, not a
transfer. extract/destinations.arrival_fact. Sentences are our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "transfer"),
    [
        ("Weapons from Qatar reached Libyan militias.", ("QAT", "Libyan militias", "delivered")),
        ("The first Leopard tanks reached Ukraine last week.", ("DEU", "UKR", "delivered")),
        ("The Leopard tanks reached the Ukrainian army in March.", ("DEU", "UKR", "delivered")),
        ("Drones from Iran reached the Houthis through Oman.", ("IRN", "Houthis", "delivered")),
    ],
)
def test_weapons_that_reach_a_party_were_delivered(
    read_transfer_stages, text: str, transfer: tuple[str, str, str]  # noqa: ANN001
) -> None:
    assert transfer in read_transfer_stages(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian drones reached Moscow overnight.",
        "Turkish drones reached targets in Syria.",
        "Russian tanks reached the outskirts of Kyiv.",
        "Russian tanks reached the Ukrainian border.",
    ],
)
def test_a_strike_or_an_advance_that_reaches_is_no_transfer(
    read_transfer_stages, text: str  # noqa: ANN001
) -> None:
    assert read_transfer_stages(text) == set()
