"""Stages read from what governs a transfer: statements of intent beside the verb, halts that
are lifted, cancellations only demanded, and the tense of a verb that takes a transfer noun
(issue 12 item 6). Sentences are our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the purpose clause hangs on "signed", beside the letter
        ("Peru signed a letter of intent with Korea to acquire 30 K2 tanks.",
         ("KOR", "PER", "K2 Black Panther", "planned")),
        ("The two leaders signed a declaration of intent for Chile to buy up to 12 Gripen "
         "fighters from Sweden.", ("SWE", "CHL", "Gripen", "planned")),
    ],
)
def test_a_statement_of_intent_beside_the_purchase_plans_it(
    read_transfers, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    assert expected in read_transfers(text)


def test_a_contract_signed_beside_the_purchase_orders_it(read_transfers) -> None:  # noqa: ANN001
    read = read_transfers("Peru signed a contract with Korea to acquire 30 K2 tanks.")
    assert ("KOR", "PER", "K2 Black Panther", "ordered") in read


@pytest.mark.parametrize(
    "text",
    [
        "Washington approved the sale of 40 F-16 jets to Jordan; Damascus demanded that the "
        "deal be cancelled.",
        "Washington cleared the sale of 40 F-16 jets to Jordan, and Tehran urged it to revoke "
        "the sale.",
    ],
)
def test_a_cancellation_demanded_by_another_state_cancels_nothing(
    read_transfers, text: str  # noqa: ANN001
) -> None:
    read = read_transfers(text)
    assert ("USA", "JOR", "F-16", "planned") in read
    assert not any(status == "cancelled" for *_, status in read)


def test_a_cancellation_carried_out_after_the_sale_cancels_it(read_transfers) -> None:  # noqa: ANN001
    read = read_transfers("Washington approved the sale of 40 F-16 jets to Jordan but later "
                          "cancelled the deal.")
    assert ("USA", "JOR", "F-16", "cancelled") in read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia lifted its ban on delivering Su-35 jets to Syria.",
         ("RUS", "SYR", "Su-35", "planned")),
        ("Washington ended its moratorium on sales of F-16 jets to Jordan.",
         ("USA", "JOR", "F-16", "planned")),
    ],
)
def test_a_halt_that_is_lifted_lets_the_transfer_go_ahead(
    read_transfers, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    assert expected in read_transfers(text)


def test_a_halt_imposed_cancels(read_transfers) -> None:  # noqa: ANN001
    read = read_transfers("Berlin imposed a ban on sales of Leopard tanks to Chile.")
    assert {status for *_, status in read} == {"cancelled"}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Peru will take delivery of 30 K2 tanks from Korea next year.", "planned"),
        ("Peru took delivery of 30 K2 tanks from Korea last year.", "delivered"),
    ],
)
def test_the_verb_that_takes_a_delivery_gives_its_tense(
    read_transfers, text: str, status: str  # noqa: ANN001
) -> None:
    assert ("KOR", "PER", "K2 Black Panther", status) in read_transfers(text)
