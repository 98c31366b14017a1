"""Headline and digest shapes: a state's name the parser takes for an imperative before a
present verb it reads as a noun ("Denmark hands over F-16s"), and a state named "the
first country to deliver" something, which did deliver it (while "the first country to
fly" a system says nothing of a transfer). Sentences of our own."""

from __future__ import annotations

import pytest


def _read(generator, text: str) -> set[tuple[object, ...]]:  # noqa: ANN001
    return {
        (r.supplier, r.recipient, r.weapon_family or r.category, r.status)
        for r in generator.extract_text(text, published="2025-03-01")
        if r.kind == "transfer"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Denmark hands over F-16s to Ukraine.", ("DNK", "UKR", "F-16", "delivered")),
        ("Norway hands over NASAMS launchers to Kyiv.", ("NOR", "UKR", "NASAMS", "delivered")),
        ("Denmark became the first country to deliver F-16 jets to Ukraine.",
         ("DNK", "UKR", "F-16", "delivered")),
        ("Norway is the latest country to send Leopard tanks to Ukraine.",
         ("NOR", "UKR", "Leopard 2", "delivered")),
    ],
)
def test_headline_names_and_first_deliverers(
    candidate_generator, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    assert expected in _read(candidate_generator, text)


def test_the_first_country_to_fly_a_system_states_no_transfer(candidate_generator) -> None:  # noqa: ANN001
    text = "Greece became the first European country other than France to fly the Rafale."
    assert _read(candidate_generator, text) == set()


def test_kits_to_upgrade_weapons_deliver_no_weapons(candidate_generator) -> None:  # noqa: ANN001
    # the upgrade is the kits' purpose: the missiles were delivered long before
    text = "The sale of 40 kits to upgrade the Hawk missiles already in Jordan is expected soon."
    assert _read(candidate_generator, text) == set()
