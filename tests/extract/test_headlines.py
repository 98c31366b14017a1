"""Headline present tense: verbs the small parser reads as nouns ("Philippines orders")."""

from __future__ import annotations

import pytest

PUBLISHED = "2025-02-03"


def _facts(extractor, text: str) -> set[tuple[object, ...]]:  # noqa: ANN001
    return {
        (r.supplier, r.recipient or r.recipient_name, r.weapon_family or r.weapon, r.status)
        for r in extractor.extract_text(text, published=PUBLISHED)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # parsed as one noun phrase: "Philippines orders BrahMos missiles" with no verb
        ("The Philippines orders BrahMos missiles from India in a $375 million deal.",
         {("IND", "PHL", "BrahMos", "ordered")}),
        # the verb found but its subject hung on it as a compound
        ("Philippines orders BrahMos missiles from India.",
         {("IND", "PHL", "BrahMos", "ordered")}),
        ("The Netherlands and Denmark pledge F-16 fighter jets to Ukraine.",
         {("NLD", "UKR", "F-16", "planned"), ("DNK", "UKR", "F-16", "planned")}),
        # "arms" as a verb is no weapon; its object is the recipient, not an apposition
        ("The US arms Ukraine with HIMARS rocket launchers.",
         {("USA", "UKR", "HIMARS", "delivered")}),
        ("The US equips Ukraine with HIMARS rocket launchers.",
         {("USA", "UKR", "HIMARS", "delivered")}),
        ("Iran arms Hezbollah with rockets.", {("IRN", "Hezbollah", "rocket", "delivered")}),
        # a use verb read as a noun: the user of a supplied weapon received it
        ("Ukraine fires six US-supplied ATACMS missiles at an airfield in Crimea.",
         {("USA", "UKR", "ATACMS", "delivered")}),
        # an adverb of time between the name and the reported verb
        ("A spokesman says Iran last month shipped drones to the Houthis.",
         {("IRN", "Houthis", "military drone", "delivered")}),
    ],
)
def test_a_present_headline_verb_is_read(
    candidate_generator, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert _facts(candidate_generator, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "US arms sales to Taiwan rose sharply.",  # "arms" before "sales" stays a noun
        "The Pentagon orders backlog keeps growing.",
        "Russian arms exports fell by half.",
    ],
)
def test_a_noun_compound_is_not_made_a_verb(extractor, text: str) -> None:  # noqa: ANN001
    from armstrace.extract.headlines import present_verb_position

    assert present_verb_position(extractor.nlp(text)) is None
