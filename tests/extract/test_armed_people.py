"""Fighters who are people, and what a relative clause arms: "opposition fighters" are a
non-state party, never fighter jets; "proxies" and "mercenaries" are armed groups; "the
militias Iran has armed" got the arms. Sentences are our own."""

from __future__ import annotations

import pytest


def _read(generator, text: str) -> set[tuple[str | None, str | None, str]]:  # noqa: ANN001
    return {
        (r.supplier or r.supplier_name, r.recipient or r.recipient_name, r.category)
        for r in generator.extract_text(text)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington sent mortars and machine guns to opposition fighters in Idlib.",
         ("USA", "opposition fighters", "artillery")),
        ("Qatar shipped rifles to rebel fighters near Aleppo.",
         ("QAT", "rebel fighters", "small arms")),
        ("Turkey gave armoured vehicles to its Syrian proxies.",
         ("TUR", "Syrian proxies", "armoured vehicle")),
        ("The militias Iran has armed with drones attacked the base.",
         ("IRN", "militias", "uav")),
        ("The rebels whom Qatar armed with anti-tank missiles took the town.",
         ("QAT", "rebels", "missile")),
    ],
)
def test_armed_people_receive(
    candidate_generator, text: str, expected: tuple[str, str, str]  # noqa: ANN001
) -> None:
    assert expected in _read(candidate_generator, text)


@pytest.mark.parametrize(
    "text",
    [
        # people: no fighter aircraft go anywhere
        "Washington sent mortars to opposition fighters in Idlib.",
        "Qatar shipped rifles to rebel fighters near Aleppo.",
    ],
)
def test_people_called_fighters_are_no_aircraft(candidate_generator, text: str) -> None:  # noqa: ANN001
    assert not any(r.category == "aircraft" for r in candidate_generator.extract_text(text))


@pytest.mark.parametrize(
    "text",
    [
        # jets: bare "fighters" with nothing that makes people of them
        "Poland's air force will buy 32 fighters from the United States.",
    ],
)
def test_bare_fighters_stay_jets(candidate_generator, text: str) -> None:  # noqa: ANN001
    assert any(r.category == "aircraft" for r in candidate_generator.extract_text(text))


def test_a_relative_clause_with_its_own_object_gives_the_noun_nothing(
    candidate_generator,  # noqa: ANN001
) -> None:
    # "the base" is where, not who: the clause's own object is the goods' receiver
    records = candidate_generator.extract_text(
        "The base Iran has supplied drones to the Houthis from was struck.")
    assert not any(r.recipient_name == "base" for r in records)
