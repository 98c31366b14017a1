"""Passives of arming: the party a passive "armed" describes got the arms from its "by"
agent, also where "armed" is joined to another verb ("trained and armed by the CIA",
"armed and funded by Iran") or the parser made it an adjective after "is". Sentences of
our own."""

from __future__ import annotations

import pytest


def _read(generator, text: str) -> set[tuple[object, ...]]:  # noqa: ANN001
    return {
        (r.supplier, r.recipient or r.recipient_name, r.weapon)
        for r in generator.extract_text(text, published="2019-03-01")
        if r.kind == "transfer"
    }


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
    candidate_generator, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    assert expected in _read(candidate_generator, text)


@pytest.mark.parametrize(
    "text",
    [
        "The suspects were armed, police said.",
        "The men were armed and dangerous when they fled the city.",
        "The guards were armed with rifles at the gate.",
    ],
)
def test_armed_without_an_agent_is_no_transfer(candidate_generator, text: str) -> None:  # noqa: ANN001
    assert not _read(candidate_generator, text)
