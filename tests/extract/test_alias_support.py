"""A system's short name that is also a common word ("Javelin", "Leopard", "Patriot") or
a maker's name ("Bayraktar", "Kornet") names the weapon where the text supports it: a
number or quantity counts it ("dozens of Kornets", "more Bayraktars"), it stands in a list
with another weapon ("Javelins, Stingers and ammunition"), an origin says where it was
made ("US-supplied Stingers", "German Leopards"). Sentences of our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington has shipped Javelins, Stingers and ammunition to Kyiv.",
         {("USA", "UKR", "Javelin"), ("USA", "UKR", "Stinger")}),
        ("Moscow sold dozens of Kornets to the Syrian army.", {("RUS", "SYR", "Kornet")}),
        ("Ankara delivered more Bayraktars to Warsaw in June.",
         {("TUR", "POL", "Bayraktar")}),
        ("Berlin handed over German Leopards to Kyiv.", {("DEU", "UKR", "Leopard 2")}),
    ],
)
def test_a_supported_short_name_is_the_weapon(
    read_candidate_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert expected <= read_candidate_transfers(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Patriots beat the Jaguars on Sunday.",
        "A Leopard was seen near the village, park rangers said.",
        "Javelin throwers from Kenya and Finland met in Oslo.",
    ],
)
def test_a_short_name_alone_names_no_weapon(candidate_generator, text: str) -> None:  # noqa: ANN001
    assert not [m for m in candidate_generator.finder.find(text, None) if m.is_weapon]
