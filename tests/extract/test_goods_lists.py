"""A weapon listed after goods that are no weapon is still what a verb of giving sends
("money and weapons", "salaries, training and light weapons"); a list of people and
weapons is a deployment, not a consignment. Sentences are our own."""

from __future__ import annotations

import pytest


def _facts(extractor, text: str) -> set[tuple]:  # noqa: ANN001
    return {
        (r.supplier, r.recipient or r.recipient_name, r.weapon)
        for r in extractor.extract_text(text, published="2016-05-01")
        if r.kind == "transfer"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kuwaiti donors sent money and weapons to the rebels, Qatar says.", None),
        ("Iran gave money and rockets to Hezbollah, Israeli officials say.",
         {("IRN", "Hezbollah", "rocket")}),
        ("The rebels received salaries, training and anti-tank missiles from the US.",
         {("USA", "rebels", "anti-tank missile")}),
        ("Qatar sent food and rifles to the rebels.", {("QAT", "rebels", "rifle")}),
    ],
)
def test_a_weapon_listed_after_other_goods_is_sent(
    candidate_generator, text: str, expected: set[tuple] | None  # noqa: ANN001
) -> None:
    facts = _facts(candidate_generator, text)
    if expected is None:
        assert {weapon for _, _, weapon in facts} == {"weapons"}
    else:
        assert facts == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia sent troops and tanks to the Syrian front.",
        "Moscow sent advisers and air defence systems to Syria, where its pilots fly.",
    ],
)
def test_people_sent_with_weapons_are_no_consignment(extractor, text: str) -> None:  # noqa: ANN001
    assert _facts(extractor, text) == set()
