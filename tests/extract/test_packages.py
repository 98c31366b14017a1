"""Packages listed in one sentence: one record per listed system, sharing the rest."""

from __future__ import annotations

import pytest

PUBLISHED = "2025-02-03"


@pytest.mark.parametrize(
    ("text", "families", "recipient"),
    [
        ("Washington cleared a possible sale to Finland of AIM-120 and AIM-9X missiles and "
         "other munitions.", {"AMRAAM", "Sidewinder"}, "FIN"),
        ("The US approved a $900 million package including HIMARS launchers, Javelin missiles "
         "and Stinger missiles for Taiwan.", {"HIMARS", "Javelin", "Stinger"}, "TWN"),
    ],
)
def test_each_listed_system_is_a_record_with_the_shared_parties_and_stage(
    extractor, text: str, families: set[str], recipient: str  # noqa: ANN001
) -> None:
    records = extractor.extract_text(text, published=PUBLISHED)
    assert {r.weapon_family for r in records} == families  # no generic "munitions" beside
    assert {(r.supplier, r.recipient, r.status) for r in records} == {("USA", recipient, "planned")}
    assert len({r.value for r in records}) == 1  # the package's one value, on each item


def test_a_list_of_generic_items_keeps_each_item(extractor) -> None:  # noqa: ANN001
    records = extractor.extract_text(
        "Norway sent Ukraine howitzers, mortar rounds and drones.", published=PUBLISHED
    )
    assert {r.category for r in records} == {"artillery", "ammunition", "uav"}


def test_a_contract_worth_an_amount_keeps_its_partner_and_its_weapons(extractor) -> None:  # noqa: ANN001
    # the parser hangs "with France" on the amount and "for 24 ... jets" on "worth"
    text = ("Egypt signs a contract worth about 5.2 billion euros with France for 24 Dassault "
            "Rafale fighter jets and a FREMM multi-mission frigate.")
    facts = {
        (r.supplier, r.recipient, r.weapon_family, r.status, r.quantity)
        for r in extractor.extract_text(text, published="2015-02-16")
    }
    assert ("FRA", "EGY", "Rafale", "ordered", 24) in facts
    assert any(f[2] == "FREMM" and f[:2] == ("FRA", "EGY") for f in facts)


def test_aid_whose_parts_the_next_sentence_names_is_no_record_of_its_own(
    candidate_generator,  # noqa: ANN001
) -> None:
    text = (
        "Norway pledged further military aid to Latvia on Monday. The aid will include "
        "NASAMS air defence systems and CV90 infantry fighting vehicles."
    )
    records = candidate_generator.extract_text(text, published=PUBLISHED)
    assert {(r.supplier, r.recipient, r.weapon_family, r.status) for r in records} == {
        ("NOR", "LVA", "NASAMS", "planned"), ("NOR", "LVA", "CV90", "planned"),
    }


def test_aid_with_no_parts_named_stays_a_record(extractor) -> None:  # noqa: ANN001
    text = "Norway pledged further military aid to Latvia on Monday. The talks went well."
    records = extractor.extract_text(text, published=PUBLISHED)
    assert [(r.supplier, r.recipient, r.category) for r in records] == [("NOR", "LVA", "other")]


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        # the noun after "counter-" or "anti-" is the target, not the weapon
        ("Canada will send counter-artillery radars to Ukraine.", "counter-battery radar"),
        ("Canada will send anti-drone guns to Ukraine.", "counter-drone system"),
    ],
)
def test_a_weapon_named_for_its_target_is_not_the_target(
    extractor, text: str, weapon: str  # noqa: ANN001
) -> None:
    records = extractor.extract_text(text, published=PUBLISHED)
    assert [r.weapon for r in records] == [weapon]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the generic noun is the one system of its kind the sentence names, told after it
        ("Slovakia pledged fighter jets to Ukraine, approving the transfer of 13 of its "
         "grounded MiG-29s.", {("SVK", "UKR", "MiG-29")}),
        # two systems of the kind: the noun keeps its own name
        ("Poland will buy fighter jets from the United States and keep its MiG-29s and F-16s.",
         {("USA", "POL", "fighter jet")}),
    ],
)
def test_a_generic_noun_is_the_one_system_of_its_kind_its_sentence_names(
    extractor, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    records = extractor.extract_text(text, published=PUBLISHED)
    assert {(r.supplier, r.recipient, r.weapon) for r in records} == expected
