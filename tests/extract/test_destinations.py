"""Goods on their way to a party: "missiles bound for the Houthis" (extract/destinations.py).
Stopped on the way, the transfer is cancelled; sent, it is delivered; a warship or aircraft
under way is no cargo. Sentences are our own."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def read_destinations(candidate_generator):  # noqa: ANN001, ANN201
    """Return a reader of (supplier, recipient or its name, category, status) per record."""

    def read(text: str) -> set[tuple[str | None, str | None, str, str]]:
        return {
            (r.supplier or r.supplier_name, r.recipient or r.recipient_name, r.category, r.status)
            for r in candidate_generator.extract_text(text)
        }

    return read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seized on the way: the origin adjective is the sender, the destination the receiver
        ("Coastguards seized a boat carrying Iranian-made rockets bound for Hezbollah.",
         ("IRN", "Hezbollah", "missile", "cancelled")),
        # struck on the way, the destination word a clause of its own
        ("Israeli aircraft struck a truck convoy carrying Iranian missiles destined for "
         "Hezbollah.", ("IRN", "Hezbollah", "missile", "cancelled")),
        ("A frigate intercepted a dhow carrying Iranian-made anti-tank missiles bound for "
         "the Houthis.", ("IRN", "Houthis", "missile", "cancelled")),
    ],
)
def test_weapons_stopped_on_their_way_are_a_cancelled_transfer(
    read_destinations, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    assert expected in read_destinations(text)


def test_weapons_sent_on_their_way_are_delivered(read_destinations) -> None:  # noqa: ANN001
    read = read_destinations(
        "A freighter carrying Russian-made Kalibr missiles bound for Syria docked at Tartus on "
        "Monday."
    )
    assert ("RUS", "SYR", "missile", "delivered") in read


@pytest.mark.parametrize(
    "text",
    [
        "Passengers on the flight bound for London were delayed.",  # no weapons
        "Troops headed to the border with their tanks.",  # a place, no party
        "A Turkish warship bound for Libya escorted the vessel.",  # a ship sailing
        "Two Russian frigates headed for Syria passed through the Bosphorus.",
    ],
)
def test_no_transfer_without_weapons_sent_to_a_party(
    read_destinations, text: str  # noqa: ANN001
) -> None:
    assert read_destinations(text) == set()
