"""Who received a weapon a sentence mentions in use: the subject that strikes with it, and
the state a reason clause's pronoun refers to. The rules' candidates are checked (the
record model is off)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the "with" hangs on the place struck; the striker holds the missiles
        ("Ukraine's army said it had struck a refinery in Russia's Belgorod region with Storm "
         "Shadow missiles supplied by Britain.", ("GBR", "UKR", "Storm Shadow", "delivered")),
        ("Kyiv hit a bridge in Crimea with ATACMS missiles supplied by the United States.",
         ("USA", "UKR", "MGM-140 ATACMS", "delivered")),
    ],
)
def test_who_strikes_with_supplied_weapons_received_them(
    read_transfers, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    read = read_transfers(text)
    assert expected in read
    assert not any(r == "RUS" for _, r, _, _ in read)


def test_a_with_of_carrying_is_no_use(read_transfers) -> None:  # noqa: ANN001
    # the ship carries the missiles to Cyprus; Israel does not hold them
    read = read_transfers("Israel sent a ship with missiles supplied by the US to Cyprus.")
    assert not any(r == "ISR" for _, r, _, _ in read)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington removed Ankara from the F-35 programme after it took delivery of Russia's "
         "S-400 system.", ("RUS", "TUR", "S-400", "delivered")),
        ("The US sanctioned Turkey because it bought S-400 missiles from Russia.",
         ("RUS", "TUR", "S-400", "ordered")),
    ],
)
def test_a_reason_clauses_pronoun_is_the_state_acted_on(
    read_transfers, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    read = read_transfers(text)
    assert expected in read
    assert not any(r == "USA" for s, r, _, _ in read if s == "RUS")


def test_a_pronoun_under_a_verb_of_no_reaction_keeps_the_subject(read_transfers) -> None:  # noqa: ANN001
    # "left": no one is acted on, the subject goes on
    read = read_transfers("Turkey left the talks after it bought S-400 missiles from Russia.")
    assert ("RUS", "TUR", "S-400", "ordered") in read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington fined Turkey for buying S-400 missiles from Russia.",
         ("RUS", "TUR", "S-400", "ordered")),
        ("The US imposed sanctions on an Indian firm for buying S-400 missiles from Russia.",
         ("RUS", "IND", "S-400", "ordered")),
    ],
)
def test_who_is_acted_on_for_a_purchase_made_it(
    read_transfers, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    assert expected in read_transfers(text)


def test_a_for_gerund_under_no_reaction_is_no_deed(read_transfers) -> None:  # noqa: ANN001
    # a plan for buying is a topic, not a purchase made
    assert read_transfers("Critics attacked the plan for buying F-35 jets from the US.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the offer's "from" made it; the verb's subject is offered to
        ("Chile is weighing offers from Germany for 12 submarines.",
         ("DEU", "CHL", "submarine", "proposed")),
        ("Chile received offers from Germany and Sweden for 12 submarines.",
         ("SWE", "CHL", "submarine", "proposed")),
        # a verb of making an offer keeps its subject the offerer
        ("Germany made an offer to Chile for 12 submarines.",
         ("DEU", "CHL", "submarine", "proposed")),
    ],
)
def test_an_offer_from_a_state_is_that_state_s(
    read_transfers, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    read = read_transfers(text)
    assert expected in read
    assert ("CHL", "DEU", "submarine", "proposed") not in read


def test_between_two_firms_the_maker_s_firm_supplies(read_transfers) -> None:  # noqa: ANN001
    read = read_transfers("Hindustan Aeronautics signed a contract with GE Aerospace for 113 "
                          "F404 engines.")
    assert read == {("USA", "IND", "F404", "ordered")}


def test_a_firm_that_signs_with_a_state_supplies_it(read_transfers) -> None:  # noqa: ANN001
    read = read_transfers("Saab signed a contract with Brazil for 36 Gripen jets.")
    assert read == {("SWE", "BRA", "Gripen", "ordered")}
