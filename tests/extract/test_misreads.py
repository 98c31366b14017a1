"""Parses the small model gets wrong, repaired from what the mention finder knows.
Sentences are our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "to rebel groups" read as the infinitive "to rebel"
        ("Saudi Arabia delivered TOW missiles to rebel groups.",
         {("SAU", "rebel groups", "TOW", "delivered")}),
        # "towed" read as a second verb taking the rest of the list as its object
        ("Russia has shipped T-90 tanks, towed artillery and ammunition to Syria.",
         {("RUS", "SYR", "T-90", "delivered"), ("RUS", "SYR", "artillery", "delivered"),
          ("RUS", "SYR", "ammunition", "delivered")}),
    ],
)
def test_a_verb_inside_a_noun_phrase_is_read_as_a_modifier(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the second subject read as a conjunct of the first clause's recipient
        ("Germany sent Leopard tanks to Ukraine and France is sending Caesar howitzers.",
         {("DEU", "UKR", "Leopard 2", "delivered"), ("FRA", "UKR", "Caesar", "delivered")}),
        ("Germany sent Leopard tanks to Ukraine, while France sent Caesar howitzers.",
         {("DEU", "UKR", "Leopard 2", "delivered"), ("FRA", "UKR", "Caesar", "delivered")}),
        ("Kyiv will get more Patriot batteries from Germany, while Italy is sending a second "
         "SAMP/T system.",
         {("DEU", "UKR", "Patriot", "planned"), ("ITA", "UKR", "SAMP/T", "delivered")}),
    ],
)
def test_a_parallel_clause_shares_its_recipient(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    # the parties and systems are this test's subject; the stage of a present progressive
    # beside a future ("is sending" after "will get") is the status model's to weigh
    assert {fact[:3] for fact in read_facts(text)} == {fact[:3] for fact in expected}


def test_a_parallel_clause_of_the_same_supplier_shares_nothing(read_facts) -> None:  # noqa: ANN001
    facts = read_facts("Germany sent Leopard tanks to Ukraine and is training its crews.")
    assert facts == {("DEU", "UKR", "Leopard 2", "delivered")}


def test_an_infinitive_after_a_contract_noun_is_given_back_to_it(extractor) -> None:  # noqa: ANN001
    from armstrace.extract.misreads import repair_stranded_infinitives

    # the parser hangs "to supply" on the spending noun two nouns up
    doc = extractor.nlp("An Italian delegation held talks on offsetting the large Egyptian "
                        "outlay on a defence contract to supply 24 transport helicopters.")
    supply = next(t for t in doc if t.lower_ == "supply")
    assert repair_stranded_infinitives(doc)[supply.i].head.lower_ == "contract"


@pytest.mark.parametrize(
    "text",
    [
        "The government signed a contract to buy tanks.",
        "Ministers discussed the cost of a contract to build six frigates.",
        # no contract noun right before the infinitive
        "Egypt spent heavily on new jets to replace its old fighters.",
    ],
)
def test_an_infinitive_keeps_its_head_otherwise(extractor, text: str) -> None:  # noqa: ANN001
    from armstrace.extract.misreads import repair_stranded_infinitives

    doc = extractor.nlp(text)
    heads = [t.head.i for t in doc]
    assert [t.head.i for t in repair_stranded_infinitives(doc)] == heads


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who spends on the contract buys; the other side of the talks supplies
        ("An Italian delegation held talks on offsetting the large Egyptian outlay on a "
         "defence contract to supply 24 transport helicopters.",
         {("ITA", "EGY", "transport helicopter", "ordered")}),
    ],
)
def test_a_spender_buys_and_the_other_side_of_the_talks_supplies(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_facts(text) == expected


@pytest.mark.parametrize(
    ("text", "talker"),
    [
        # the buyers talking among themselves: no supplier from the talks
        ("Egyptian officials held talks on offsetting the large Egyptian outlay on a defence "
         "contract to supply 24 transport helicopters.", "EGY"),
        # talks in a clause of their own: not about this contract
        ("Italy held talks in Cairo, and Egypt said a contract to supply 24 transport "
         "helicopters was near.", "ITA"),
    ],
)
def test_talks_name_no_supplier_beyond_their_clause_or_the_buyer(
    read_facts, text: str, talker: str  # noqa: ANN001
) -> None:
    assert all(supplier != talker for supplier, *_ in read_facts(text))
