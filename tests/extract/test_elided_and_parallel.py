"""Parts of a fact a sentence leaves out because the words beside it said them (issue 12):
a count whose noun is left out ("Norway has sent 12"), goods a passive pronoun stands for
("they were delivered by Denmark"), the recipient of a clause told beside ("and Canada
suspended new export permits"), and who would do what an asking noun asks ("requests
from Latvia to transfer Stingers"). Each reading with cases it must not over-read. The
facts are the rules' candidates (the record model off); every sentence is our own."""

from __future__ import annotations

import pytest


def _counted(candidate_generator, text: str) -> set[tuple[object, ...]]:  # noqa: ANN001
    return {
        (r.supplier, r.recipient, r.weapon_family or r.weapon, r.status, r.quantity)
        for r in candidate_generator.extract_text(text, published="2025-06-01")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Netherlands delivered 18 F-16s to Ukraine, and Denmark has sent 12.",
         ("DNK", "UKR", "F-16", "delivered", 12)),
        # the system of the sentence before, at the stage this one gives
        ("Egypt ordered 24 Rafale jets in 2015. It ordered 30 more in 2021.",
         ("FRA", "EGY", "Rafale", "ordered", 30)),
        ("Poland bought 250 Abrams tanks in 2022. It will buy another 116 from US stocks.",
         ("USA", "POL", "Abrams", "planned", 116)),
        ("Germany sold Leopard 2 tanks to Qatar in 2013 and later supplied 24 more.",
         ("DEU", "QAT", "Leopard 2", "delivered", 24)),
    ],
)
def test_a_count_with_its_noun_left_out_counts_the_system_named_before(
    candidate_generator, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    assert expected in _counted(candidate_generator, text)


@pytest.mark.parametrize(
    "text",
    [
        # a year is no count
        "Egypt ordered 24 Rafale jets in 2015. It ordered more in 2021.",
        # a partitive names its own goods
        "Egypt ordered 24 Rafale jets in 2015. It has received six of the frigates.",
        # a number with a noun of its own is no elided count
        "Egypt ordered 24 Rafale jets in 2015. It ordered 30 trucks in 2021.",
    ],
)
def test_other_numbers_count_no_system_named_before(
    candidate_generator, text: str  # noqa: ANN001
) -> None:
    rafales = {f for f in _counted(candidate_generator, text) if f[2] == "Rafale"}
    assert rafales == {("FRA", "EGY", "Rafale", "ordered", 24)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive pronoun stands for the goods named before it; its agents supply them
        ("The president showed off the first Gripen jets received by Ukraine, saying they "
         "were delivered by Sweden and Norway.",
         {("SWE", "UKR", "Gripen", "delivered"), ("NOR", "UKR", "Gripen", "delivered")}),
        ("Kyiv displayed the Leopard 2 tanks it had received; they were supplied by Spain "
         "and Portugal, officials said.",
         {("ESP", "UKR", "Leopard 2", "delivered"), ("PRT", "UKR", "Leopard 2", "delivered")}),
    ],
)
def test_a_passive_pronoun_stands_for_the_goods_named_before(
    read_candidate_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_candidate_facts(text, published="2025-06-01") >= expected


def test_a_passive_pronoun_with_no_goods_before_it_names_none(
    read_candidate_facts,  # noqa: ANN001
) -> None:
    text = "The firm was founded in 1990 and it was sold to Rheinmetall in 2020."
    assert read_candidate_facts(text, published="2025-06-01") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # clauses that halt what the clause beside them halted, for the same buyer
        ("The Netherlands, Norway and Finland have frozen new licences to Turkey, and Canada "
         "suspended new export permits on Friday.",
         {("NLD", "TUR", "arms", "cancelled"), ("CAN", "TUR", "arms", "cancelled")}),
        ("Germany halted arms exports to Turkey; the Netherlands and Norway have frozen new "
         "licences.",
         {("DEU", "TUR", "arms", "cancelled"), ("NLD", "TUR", "arms", "cancelled"),
          ("NOR", "TUR", "arms", "cancelled")}),
    ],
)
def test_a_clause_without_a_recipient_takes_the_one_beside_it(
    read_candidate_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_candidate_facts(text, published="2019-10-14") >= expected


@pytest.mark.parametrize(
    "text",
    [
        # two recipients beside it: which one is unsaid
        "Germany halted arms exports to Turkey and Britain paused sales to Saudi Arabia; "
        "Norway has frozen new licences.",
        # the maker of the goods is no supplier of the clause beside
        "Estonia asked Washington for permission to send American-made Javelin missiles to "
        "Ukraine.",
    ],
)
def test_no_recipient_is_taken_from_beside_when_it_is_unclear(
    read_candidate_facts, text: str  # noqa: ANN001
) -> None:
    facts = read_candidate_facts(text, published="2019-10-14")
    assert not {f for f in facts if f[0] in ("NOR", "USA")}


@pytest.mark.parametrize(
    ("text", "expected", "unwanted"),
    [
        ("The US approved requests from Latvia and Lithuania to transfer Stinger missiles "
         "to Ukraine.",
         {("LVA", "UKR", "Stinger", "planned"), ("LTU", "UKR", "Stinger", "planned")},
         ("USA", "UKR", "Stinger", "planned")),
        # who asks to buy buys, and does not sell
        ("The State Department approved a request from Poland to buy 96 Apache helicopters.",
         {("USA", "POL", "Apache", "planned")}, ("POL", "USA", "Apache", "planned")),
    ],
)
def test_who_asks_would_do_what_the_request_asks(
    read_candidate_facts, text: str, expected: set[tuple[object, ...]],  # noqa: ANN001
    unwanted: tuple[object, ...],
) -> None:
    facts = read_candidate_facts(text, published="2022-01-20")
    assert facts >= expected
    assert unwanted not in facts


def test_an_order_from_a_buyer_to_supply_keeps_its_seller(
    read_candidate_facts,  # noqa: ANN001
) -> None:
    # an order's "from" is its buyer: the firm that won it supplies
    text = "Hanwha won a contract from Poland to supply 152 K9 howitzers."
    assert ("KOR", "POL", "K9", "ordered") in read_candidate_facts(text, published="2022-08-26")
