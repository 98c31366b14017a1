"""What a clause on the goods adds: a relative clause that lists them ("weapons that
include ..."), one that tells a later step ("four frigates, the first of which was handed
over"), a contract the delivery was made under, talks and batteries that name again a
system told before, and a count whose noun is left out ("the remaining two"). Sentences
are our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The United States will send Ukraine weapons that include Stinger missiles.",
         {("USA", "UKR", "FIM-92 Stinger", "planned")}),
        ("Moscow supplied Damascus with air defence systems that included Buk launchers.",
         {("RUS", "SYR", "Buk", "delivered")}),
    ],
)
def test_a_relative_clause_lists_what_the_verb_moves(
    read_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert expected <= read_transfers(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser hangs the clause on the navy; the frigate is what was handed over
        ("Italy is building two FREMM frigates for the Indonesian navy, the first of which "
         "was handed over in May.",
         {("ITA", "IDN", "FREMM", "ordered"), ("ITA", "IDN", "FREMM", "delivered")}),
        ("Peru ordered six patrol boats from South Korea, which were delivered in 2019.",
         {("KOR", "PER", "patrol boat", "ordered"), ("KOR", "PER", "patrol boat", "delivered")}),
    ],
)
def test_a_relative_clause_on_the_goods_tells_a_step_of_its_own(
    read_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert expected <= read_transfers(text)


def test_a_relative_clause_on_a_party_is_not_moved_to_the_goods(read_transfers) -> None:  # noqa: ANN001
    # not a verb of handing over: the state is what the clause tells of
    text = "Chile bought F-16 jets from the Netherlands, which was praised by nobody."
    assert read_transfers(text) == {("NLD", "CHL", "F-16", "ordered")}


def test_a_delivery_taken_under_a_contract_was_ordered_too(read_transfers) -> None:  # noqa: ANN001
    # "took delivery of ..." with the frame hung on the goods, not the verb
    text = (
        "Jakarta took delivery of a third batch of Rafale jets under the contract signed "
        "with France in 2022."
    )
    assert {("FRA", "IDN", "Rafale", "delivered"), ("FRA", "IDN", "Rafale", "ordered")} <= (
        read_transfers(text)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seoul unveiled the KF-21 fighter in 2021. Seoul has held talks with Poland about the "
         "aircraft.",
         {("KOR", "POL", "KF-21 Boramae", "proposed")}),
        ("Kyiv depends on the IRIS-T SLM system. It already operates several batteries "
         "supplied by Germany and Slovenia.",
         {("DEU", "UKR", "IRIS-T SLM", "delivered"), ("SVN", "UKR", "IRIS-T SLM", "delivered")}),
        ("Norway ordered 52 F-35 jets. The United States delivered the last four in 2025.",
         {("USA", "NOR", "F-35", "delivered")}),
    ],
)
def test_a_plain_noun_or_a_bare_count_names_the_system_told_before(
    read_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert expected <= read_transfers(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # read with two direct objects: the first, a party, receives
        ("The CIA sent the rebels TOW missiles.", {("USA", None, "BGM-71 TOW", "delivered")}),
        # "the" hung on the group, the group fused into the goods' phrase
        ("London will give the rebels armoured vehicles.",
         {("GBR", None, "armoured vehicle", "planned")}),
    ],
)
def test_a_group_as_the_first_of_two_objects_receives(
    read_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert expected <= read_transfers(text)


def test_a_clause_is_never_hung_under_a_word_of_its_own() -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from armstrace.extract.misreads import repair_relatives_on_parties

    # a parse with the goods inside the clause ("tanks" under "delivered"): moving the
    # clause onto them would make the parse a cycle
    words = ["Egypt", ",", "tanks", "which", "were", "delivered"]
    doc = Doc(
        Vocab(), words=words, heads=[0, 0, 5, 5, 5, 0],
        deps=["ROOT", "punct", "npadvmod", "nsubjpass", "auxpass", "relcl"],
        lemmas=["Egypt", ",", "tank", "which", "be", "deliver"],
    )
    repaired = repair_relatives_on_parties(doc, [(8, 13)], [(0, 5)])
    assert [t.head.i for t in repaired] == [0, 0, 5, 5, 5, 0]
