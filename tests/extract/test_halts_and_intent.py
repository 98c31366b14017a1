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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an alleged deed was done, by the accused
        ("Egypt has been accused of supplying the rebels with armoured vehicles.",
         ("EGY", None, "armoured vehicle", "delivered")),
        ("Britain accused Iran of arming the Houthis with missiles.",
         ("IRN", None, "missile", "delivered")),
        # nearly agreed is a proposal
        ("Ankara was close to buying 12 Typhoons from Qatar.",
         ("QAT", "TUR", "Eurofighter Typhoon", "proposed")),
        # a purchase sanctioned, dated to a past year, was made and done
        ("Washington imposed sanctions on China's Equipment Development Department for buying "
         "ten Su-35 jets from Russia in 2017.", ("RUS", "CHN", "Su-35", "delivered")),
    ],
)
def test_a_deed_alleged_sanctioned_or_nearly_done_has_a_stage(
    read_transfers, text: str, expected: tuple[str | None, str | None, str, str]  # noqa: ANN001
) -> None:
    assert expected in read_transfers(text)


def test_a_deed_denied_is_no_record(read_transfers) -> None:  # noqa: ANN001
    assert read_transfers("Iran denied supplying the Houthis with drones.") == set()


def _coproductions(candidate_generator, text: str) -> set[tuple[str, ...]]:  # noqa: ANN001
    return {
        (*sorted(r.partners), r.weapon, r.status)
        for r in candidate_generator.extract_text(text)
        if r.kind == "coproduction"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a venture set up to build is a plan; nothing is produced yet
        ("Turkey's Baykar and Italy's Leonardo set up a joint venture to develop and build "
         "drones.", ("ITA", "TUR", "military drone", "planned")),
        # units built are delivered; what will be built is planned
        ("Egypt has built 1,000 M1A1 tanks under licence from the US.",
         ("EGY", "USA", "M1A1 Abrams", "delivered")),
        ("Pakistan and China will jointly produce the JF-17.",
         ("CHN", "PAK", "JF-17 Thunder", "planned")),
    ],
)
def test_a_coproduction_has_the_stage_of_its_production_verb(
    candidate_generator, text: str, expected: tuple[str, ...]  # noqa: ANN001
) -> None:
    assert expected in _coproductions(candidate_generator, text)


def test_no_further_transfers_approved_is_a_halt(read_transfers) -> None:  # noqa: ANN001
    read = read_transfers("Germany will approve no further exports of military equipment to "
                          "Chile.")
    assert read == {("DEU", "CHL", "military equipment", "cancelled")}


def test_no_transfer_made_is_a_denial_not_a_halt(read_transfers) -> None:  # noqa: ANN001
    assert read_transfers("Germany made no exports of tanks to Chile.") == set()
