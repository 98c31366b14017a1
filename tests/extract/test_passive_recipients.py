"""A passive verb of giving whose subject is a party names the recipient ("the rebels were
sent anti-tank missiles by Saudi Arabia"); peoples' forces with no state ("Kurdish
forces") are non-state parties; a plural of a catalogued designation ("Humvees") needs no
support; a name only a dissolved state had ("Soviet-made") still names it. Sentences are
our own."""

from __future__ import annotations

import pytest


def _facts(extractor, text: str, published: str = "2018-05-01") -> set[tuple]:  # noqa: ANN001
    return {
        (r.supplier or r.supplier_name, r.recipient or r.recipient_name, r.weapon)
        for r in extractor.extract_text(text, published=published)
        if r.kind == "transfer"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rebels were sent anti-aircraft missiles by Qatar.",
         {("QAT", "rebels", "anti-aircraft missile")}),
        ("The Syrian Democratic Forces were supplied with armoured vehicles by the US.",
         {("USA", "SDF", "armoured vehicle")}),
        ("The militants, who were given Grad rockets by Iran, shelled the town.",
         {("IRN", "militants", "BM-21 Grad")}),
        ("Jordan was given 12 Cobra helicopters by Israel.",
         {("ISR", "JOR", "AH-1 Cobra")}),
    ],
)
def test_a_passive_subject_that_is_a_party_receives(
    extractor, text: str, expected: set[tuple]  # noqa: ANN001
) -> None:
    assert _facts(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The pilots were given a warm welcome by the crowd in Amman.",
        "The Jordanian army was trained by British instructors.",
    ],
)
def test_a_passive_subject_given_no_weapon_receives_nothing(
    extractor, text: str  # noqa: ANN001
) -> None:
    assert _facts(extractor, text) == set()


def test_the_goods_as_passive_subject_are_still_the_goods(extractor) -> None:  # noqa: ANN001
    text = "Anti-aircraft missiles were sent to the rebels by Qatar."
    assert _facts(extractor, text) == {("QAT", "rebels", "anti-aircraft missile")}


@pytest.mark.parametrize("forces", ["Kurdish forces", "Kurdish-led forces", "Druze militias"])
def test_a_peoples_forces_are_a_non_state_party(extractor, forces: str) -> None:  # noqa: ANN001
    records = extractor.extract_text(
        f"The US armed {forces} with heavy machine guns.", published="2018-05-01"
    )
    assert {(r.supplier, r.recipient, r.recipient_name) for r in records} == {
        ("USA", None, forces)
    }


def test_the_plural_of_a_designation_names_the_system(extractor) -> None:  # noqa: ANN001
    assert _facts(extractor, "The rebels received Humvees from the US.") == {
        ("USA", "rebels", "Humvee")
    }


@pytest.mark.parametrize(
    ("text", "supplier"),
    [
        ("The Syrian army still flies Soviet-built MiG-21 jets.", "SUN"),
        ("The Syrian army still flies Russian-built MiG-29 jets.", "RUS"),
    ],
)
def test_a_dissolved_states_own_name_keeps_its_code(
    extractor, text: str, supplier: str  # noqa: ANN001
) -> None:
    assert {s for s, _, _ in _facts(extractor, text)} == {supplier}
