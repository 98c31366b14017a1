"""A party the parse left unread, guessed from the states its sentence names
(records.states_in_sentence): the rules' candidates, which the record model then weighs by
where the guessed state stands ("how:recipient:sentence-subject" and the like)."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2025, 3, 1)


def _read(candidate_generator, text: str) -> list[tuple]:  # noqa: ANN001
    return [
        (
            r.supplier,
            r.recipient or r.recipient_name,
            r.weapon,
            r.status,
            r.extra.get("supplier_how"),
            r.extra.get("recipient_how"),
        )
        for r in candidate_generator.extract_text(text, published=PUBLISHED)
        if r.kind == "transfer"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the buyer is the state of those who report the deal
        (
            "Indonesian officials say the wider deal covers 60 Bayraktar TB3 drones.",
            ("TUR", "IDN", "Bayraktar TB3", "ordered", "producer", "sentence-subject"),
        ),
        (
            "Officials in Warsaw said the purchase of 96 Apache helicopters would go ahead.",
            ("USA", "POL", "AH-64 Apache", "planned", "producer", "sentence-subject"),
        ),
        # ... or the state where the weapons arrived
        (
            "The first batteries of the Russian S-400 system arrived at an air base near "
            "Ankara on Friday.",
            ("RUS", "TUR", "S-400", "delivered", "origin", "sentence-place"),
        ),
    ],
)
def test_a_missing_buyer_is_guessed_from_the_sentence(
    candidate_generator, text: str, expected: tuple  # noqa: ANN001
) -> None:
    assert expected in _read(candidate_generator, text)


@pytest.mark.parametrize(
    ("text", "not_a_party"),
    [
        # a state adjective on a noun that is no organ of the state names no actor
        ("The United States has offered warships to escort Kuwaiti tankers through the Gulf.",
         "KWT"),
        # a speaker or a stopper is no sender
        ("Serbia's president said last year that the delivery of drones to Kosovo was bad "
         "news.", "SRB"),
        ("Egypt blocked a shipment of rifles to Libya.", "EGY"),
    ],
)
def test_no_party_is_guessed_from_a_state_that_does_not_act_in_the_transfer(
    candidate_generator, text: str, not_a_party: str  # noqa: ANN001
) -> None:
    assert all(not_a_party not in (s, r) for s, r, *_ in _read(candidate_generator, text))


def test_no_guess_beside_a_record_the_sentence_already_tells(
    candidate_generator,  # noqa: ANN001
) -> None:
    # the second delivery has no buyer; the sentence told the jets' transfer already, so
    # "Indian officials" give it none
    text = (
        "France delivered six Rafale jets to Greece last year, and the delivery of more "
        "Rafale jets is due next year, Indian officials said."
    )
    assert [(s, r) for s, r, *_ in _read(candidate_generator, text)] == [("FRA", "GRC")]


def test_a_guessed_buyer_may_be_the_one_a_pronoun_left_unread(
    candidate_generator,  # noqa: ANN001
) -> None:
    text = "Greece said France had delivered the first six Rafale jets it ordered in 2021."
    assert ("FRA", "GRC", "Rafale", "delivered", "named", "sentence-subject") in _read(
        candidate_generator, text
    )


def test_a_delivery_a_speaker_reports_is_not_dated_by_the_report(
    candidate_generator,  # noqa: ANN001
) -> None:
    records = candidate_generator.extract_text(
        "Serbia's president said last year that the delivery of Turkish drones to Kosovo "
        "was bad news.",
        published=PUBLISHED,
    )
    assert [(r.supplier, r.recipient, r.status, r.date) for r in records] == [
        ("TUR", "XKX", "delivered", None)
    ]
