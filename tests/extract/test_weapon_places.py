"""Where a trigger's weapons stand when they are not its object: the subject a passive
infinitive is raised to, the "for" of a letter of intent, a force's "with", the unit noun
a participle describes. The rules' candidates are checked (the record model is off)."""

from __future__ import annotations

import pytest


def _read(candidate_generator, text: str) -> set[tuple[str | None, str | None, str, str]]:  # noqa: ANN001
    return {
        (r.supplier, r.recipient, r.weapon, r.status)
        for r in candidate_generator.extract_text(text)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The eight Gripen jets are expected to be delivered to Colombia by Sweden next year.",
         ("SWE", "COL", "Gripen", "planned")),
        ("Four Mi-17 helicopters are scheduled to be handed over to Mali by Russia in March.",
         ("RUS", "MLI", "Mi-17", "planned")),
        ("Twelve K9 howitzers promised in 2024 are due to be shipped to Estonia by South Korea.",
         ("KOR", "EST", "K9 Thunder", "planned")),
    ],
)
def test_a_passive_infinitive_moves_the_subject_of_the_verb_it_hangs_from(
    candidate_generator, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    assert expected in _read(candidate_generator, text)


def test_an_active_infinitive_subject_is_no_weapon(candidate_generator) -> None:  # noqa: ANN001
    # the subject of "expects" is the buyer; nothing is raised from it
    records = _read(candidate_generator, "Colombia expects to be consulted on the offer.")
    assert records == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peru signed a letter of intent for 24 Gripen fighters from Sweden.",
         ("SWE", "PER", "Gripen", "planned")),
        ("Kenya and Turkey signed a memorandum of intent for six Bayraktar TB2 drones.",
         ("TUR", "KEN", "Bayraktar TB2", "planned")),
    ],
)
def test_a_letter_of_intent_for_weapons_plans_them(
    candidate_generator, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    assert expected in _read(candidate_generator, text)


def test_a_letter_of_complaint_for_weapons_is_no_plan(candidate_generator) -> None:  # noqa: ANN001
    records = _read(
        candidate_generator,
        "Peru sent a letter of complaint for the delay of Gripen fighters to Sweden.",
    )
    assert not any(status == "planned" for *_, status in records)


def test_a_forces_with_phrase_names_what_it_was_supplied(candidate_generator) -> None:  # noqa: ANN001
    records = _read(
        candidate_generator, "France has supplied Chad's army with VAB armoured vehicles."
    )
    assert ("FRA", "TCD", "VAB", "delivered") in records


def test_a_participle_on_a_unit_noun_moves_the_system_it_counts(
    candidate_generator,  # noqa: ANN001
) -> None:
    records = _read(
        candidate_generator,
        "Egypt still awaits the last two of six S-300 batteries ordered from Russia in 2015.",
    )
    assert ("RUS", "EGY", "S-300", "ordered") in records
