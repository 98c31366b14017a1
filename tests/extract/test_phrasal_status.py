"""Status read from phrasal verbs ("backed out of", "called off"), from verbs of weighing a
step ("is weighing the purchase"), and never from a verb the weapon is the subject of
("its Patriot batteries intercepted missiles"). Sentences are our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Qatar backed out of its deal for 24 Rafale jets from France.",
        "Qatar pulled out of the agreement to buy 24 Rafale jets from France.",
        "Qatar has walked away from its purchase of 24 Rafale jets from France.",
        "Qatar called off the purchase of 24 Rafale jets from France.",
        "Qatar tore up its contract for 24 Rafale jets from France.",
        "France pulled the plug on the sale of 24 Rafale jets to Qatar.",
        "Qatar reneged on its order for 24 Rafale jets from France.",
        "France cut off deliveries of Rafale jets to Qatar.",
    ],
)
def test_a_phrasal_verb_of_withdrawal_cancels_the_deal(read_stages, text: str) -> None:  # noqa: ANN001
    assert read_stages(text) == {("FRA", "QAT", "cancelled")}


def test_a_verb_without_its_particle_is_no_withdrawal(read_stages) -> None:  # noqa: ANN001
    # "backed" alone supports the sale; only "backed out of" withdraws from it
    stages = read_stages("Parliament backed the sale of 24 Rafale jets to Qatar.")
    assert stages and all(status != "cancelled" for _, _, status in stages)


@pytest.mark.parametrize(
    "text",
    [
        "Chile is weighing the purchase of 12 Gripen fighters from Sweden.",
        "Chile is mulling a purchase of 12 Gripen fighters from Sweden.",
        "Chile is contemplating buying 12 Gripen fighters from Sweden.",
    ],
)
def test_a_purchase_being_weighed_is_interest(read_stages, text: str) -> None:  # noqa: ANN001
    assert read_stages(text) == {("SWE", "CHL", "interest")}


def test_a_purchase_signed_is_still_an_order(read_stages) -> None:  # noqa: ANN001
    assert read_stages("Chile signed the purchase of 12 Gripen fighters from Sweden.") == {
        ("SWE", "CHL", "ordered")
    }


def test_a_weapon_that_intercepts_is_not_intercepted(read_stages) -> None:  # noqa: ANN001
    text = "Kuwait's American-made Patriot batteries intercepted two drones over the port."
    assert read_stages(text) == {("USA", "KWT", "delivered")}


def test_a_shipment_intercepted_is_still_stopped(extractor) -> None:  # noqa: ANN001
    text = "The navy intercepted a shipment of Iranian rifles bound for the Houthis."
    records = extractor.extract_text(text, published="2025-03-01")
    assert {(r.supplier, r.recipient_name, r.status) for r in records} >= {
        ("IRN", "Houthis", "cancelled")
    }


@pytest.mark.parametrize("verb", ["considering", "weighing"])
def test_offers_being_weighed_are_made(read_stages, verb: str) -> None:  # noqa: ANN001
    text = f"Peru is {verb} offers from South Korea for two frigates."
    assert read_stages(text) == {("KOR", "PER", "proposed")}
