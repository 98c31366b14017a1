"""Coordinated parties: every conjunct a supplier or a recipient, whatever the parser hangs
it on. Sentences are our own."""

from __future__ import annotations

import pytest


def _pairs(extractor, text: str) -> set[tuple[str | None, str | None]]:  # noqa: ANN001
    return {
        (r.supplier, r.recipient or r.recipient_name)
        for r in extractor.extract_text(text, published="2025-03-01")
        if r.kind == "transfer"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an infinitive of purpose after the list has no subject: "Qatar" stays a conjunct
        ("Greece is buying used Mirage 2000 jets from France and Qatar to replace its F-4s.",
         {("FRA", "GRC"), ("QAT", "GRC")}),
        ("The US shipped arms to Iraq and Syria to fight Islamic State.",
         {("USA", "IRQ"), ("USA", "SYR")}),
    ],
)
def test_a_list_before_an_infinitive_of_purpose_keeps_every_party(
    extractor, text: str, expected: set[tuple[str, str]]  # noqa: ANN001
) -> None:
    assert _pairs(extractor, text) == expected


def test_the_stranded_subject_repair_leaves_an_infinitive_without_a_subject(
    extractor,  # noqa: ANN001
) -> None:
    from armstrace.extract.misreads import repair_stranded_subjects

    doc = extractor.nlp("Turkey is also acquiring used Eurofighter Typhoons from Qatar and Oman to "
                        "fill the gap.")
    oman = next(t for t in doc if t.text == "Oman")
    before = (oman.head.i, oman.dep_)
    repaired = repair_stranded_subjects(doc)[oman.i]
    assert (repaired.head.i, repaired.dep_) == before
    assert repaired.dep_ != "nsubj"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Poland is buying 24 second-hand Leopard 2 tanks from Spain and another 20 from "
         "Norway.",
         {("ESP", "POL"), ("NOR", "POL")}),
        ("Turkey is acquiring 12 second-hand Eurofighter Typhoons from Qatar and a further 12 "
         "from Oman.",
         {("QAT", "TUR"), ("OMN", "TUR")}),
    ],
)
def test_a_count_with_the_weapon_left_out_has_a_supplier_of_its_own(
    extractor, text: str, expected: set[tuple[str, str]]  # noqa: ANN001
) -> None:
    assert _pairs(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # years in a list are no counts of the weapon
        ("Poland bought Leopard 2 tanks from Germany in 2013 and 2014.", {("DEU", "POL")}),
        # a second weapon named with its own supplier is its own fact
        ("Egypt bought 24 Rafale jets from France and two FREMM frigates from Italy.",
         {("FRA", "EGY"), ("ITA", "EGY")}),
    ],
)
def test_other_lists_add_no_supplier(
    extractor, text: str, expected: set[tuple[str, str]]  # noqa: ANN001
) -> None:
    assert _pairs(extractor, text) == expected


def test_agents_of_a_supply_verb_are_all_suppliers(extractor) -> None:  # noqa: ANN001
    # not the maker (the US) selling to the others
    text = "The Patriot batteries, supplied by Germany and the United States, protect Kyiv."
    pairs = _pairs(extractor, text)
    assert ("USA", "DEU") not in pairs
    assert all(recipient != "DEU" for _, recipient in pairs)


def test_a_coordinated_subject_of_talks_is_still_a_maker_and_a_buyer(
    extractor,  # noqa: ANN001
) -> None:
    text = "Britain and Saudi Arabia held talks on the sale of 48 Typhoon jets."
    assert _pairs(extractor, text) == {("GBR", "SAU")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the licensed export's own "to" names every buyer
        ("Belgium suspends licences for the export of rifles and ammunition to Saudi Arabia "
         "and the United Arab Emirates.",
         {("BEL", "SAU"), ("BEL", "ARE")}),
        # a licence's own "to" stays the one read
        ("Norway froze new export licences for weapons to Turkey.", {("NOR", "TUR")}),
    ],
)
def test_a_licensed_export_names_its_buyers(
    extractor, text: str, expected: set[tuple[str, str]]  # noqa: ANN001
) -> None:
    assert _pairs(extractor, text) == expected
