"""Passives of arming: the party a passive "armed" describes got the arms from its "by"
agent, also where "armed" is joined to another verb ("trained and armed by the CIA",
"armed and funded by Iran") or the parser made it an adjective after "is". Sentences of
our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The militia is armed and trained by Iran, US officials say.",
         ("IRN", "militia", "arms")),
        ("The rebels were trained and armed by the CIA with rifles.",
         ("USA", "rebels", "rifle")),
        ("Hezbollah, which is armed and funded by Iran, fought beside Syrian troops.",
         ("IRN", "Hezbollah", "arms")),
        ("The insurgents were armed by Pakistan, Afghan officials claimed.",
         ("PAK", "insurgents", "arms")),
    ],
)
def test_a_passive_of_arming_arms_its_subject(
    read_candidate_transfers, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    assert expected in read_candidate_transfers(text)


@pytest.mark.parametrize(
    "text",
    [
        "The suspects were armed, police said.",
        "The men were armed and dangerous when they fled the city.",
        "The guards were armed with rifles at the gate.",
    ],
)
def test_armed_without_an_agent_is_no_transfer(read_candidate_transfers, text: str) -> None:  # noqa: ANN001
    assert not read_candidate_transfers(text)
