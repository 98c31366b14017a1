"""Who reacts to a sale is no party to it ("the delivery angered Israel"); "recipient" and
"beneficiary" name a buyer; flying cargo or drones to an armed group supplies it, while a
state's own jets flown somewhere do not; "thousands of fighters" are people; weapons
"channelled" to rebels, and rebels "backed by" a state, are supplied by it. Sentences of
our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "reactor"),
    [
        ("Moscow's delivery of the S-300 system angered Israel.", "ISR"),
        ("The sale of Chinese drones worried India, diplomats said.", "IND"),
    ],
)
def test_who_reacts_to_a_sale_is_no_party(
    read_candidate_transfers, text: str, reactor: str  # noqa: ANN001
) -> None:
    read = read_candidate_transfers(text)
    assert all(reactor not in (supplier, recipient) for supplier, recipient, _ in read)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kurdish-led SDF has been the main recipient of American weapons.",
         ("USA", "SDF", "weapons")),
        ("The Emirates flew armoured vehicles to the Libyan National Army.",
         ("ARE", "Libyan National Army", "armoured vehicle")),
        ("Iran flew weapons into Damascus airport, Israeli officials said.",
         ("IRN", "SYR", "weapons")),
    ],
)
def test_recipients_and_cargo_flights(
    read_candidate_transfers, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    assert expected in read_candidate_transfers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia has flown 14 MiG-29s from Syria to Libya.",
        "Hezbollah has sent thousands of fighters to Syria.",
    ],
)
def test_moved_jets_and_people_are_no_transfer(read_candidate_transfers, text: str) -> None:  # noqa: ANN001
    assert not read_candidate_transfers(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saudi Arabia channelled weapons to the rebels in Ghouta.",
         ("SAU", "rebels", "weapons")),
        ("Rebels backed by Turkey received new armoured vehicles last week.",
         ("TUR", "Rebels", "armoured vehicle")),
    ],
)
def test_channelled_weapons_and_backed_rebels(
    read_candidate_transfers, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    assert expected in read_candidate_transfers(text)
