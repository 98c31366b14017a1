"""Parses the small model gets wrong, repaired from what the mention finder knows.
Sentences are our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "to rebel groups" read as the infinitive "to rebel"
        ("Saudi Arabia delivered TOW missiles to rebel groups.",
         {("SAU", "rebel groups", "TOW", "delivered")}),
        # "towed" read as a second verb taking the rest of the list as its object
        ("Russia has shipped T-90 tanks, towed artillery and ammunition to Syria.",
         {("RUS", "SYR", "T-90", "delivered"), ("RUS", "SYR", "artillery", "delivered"),
          ("RUS", "SYR", "ammunition", "delivered")}),
    ],
)
def test_a_verb_inside_a_noun_phrase_is_read_as_a_modifier(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the second subject read as a conjunct of the first clause's recipient
        ("Germany sent Leopard tanks to Ukraine and France is sending Caesar howitzers.",
         {("DEU", "UKR", "Leopard 2", "delivered"), ("FRA", "UKR", "Caesar", "delivered")}),
        ("Germany sent Leopard tanks to Ukraine, while France sent Caesar howitzers.",
         {("DEU", "UKR", "Leopard 2", "delivered"), ("FRA", "UKR", "Caesar", "delivered")}),
        ("Kyiv will get more Patriot batteries from Germany, while Italy is sending a second "
         "SAMP/T system.",
         {("DEU", "UKR", "Patriot", "planned"), ("ITA", "UKR", "SAMP/T", "delivered")}),
    ],
)
def test_a_parallel_clause_shares_its_recipient(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_facts(text) == expected


def test_a_parallel_clause_of_the_same_supplier_shares_nothing(read_facts) -> None:  # noqa: ANN001
    facts = read_facts("Germany sent Leopard tanks to Ukraine and is training its crews.")
    assert facts == {("DEU", "UKR", "Leopard 2", "delivered")}
