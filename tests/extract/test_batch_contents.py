"""What a sentence lists as held by a batch told just before it (issue 12): "Germany
announced an aid package for Ukraine. It includes four IRIS-T launchers"; and the status
of transfers measured by a sum of money or approved by a phrasal verb. Each reading with
cases it must not over-read. The facts are the rules' candidates (the record model off);
every sentence is our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun names the package again; the goods go its way, at its status
        ("Germany announced a new €400 million military aid package for Ukraine on Friday. "
         "It includes four IRIS-T SLM launchers, Gepard anti-aircraft guns and artillery "
         "ammunition.",
         {("DEU", "UKR", "IRIS-T", "planned", 4), ("DEU", "UKR", "Gepard", "planned", None),
          ("DEU", "UKR", "artillery shell", "planned", None)}),
        ("Britain said it would send Estonia more weapons. They will include Javelin "
         "missiles and 12 Archer howitzers.",
         {("GBR", "EST", "Javelin", "planned", None), ("GBR", "EST", "Archer", "planned", 12)}),
        # the sentence may open with its source
        ("Canada delivered a new batch of military equipment to Latvia last week. According "
         "to the ministry, it contained 20 Senator armoured vehicles.",
         {("CAN", "LVA", "Senator", "delivered", 20)}),
        # a definite noun names it again: "the equipment"
        ("Turkey shipped weapons to Somalia in March. The equipment included Kirpi "
         "armoured vehicles and 30 mortars.",
         {("TUR", "SOM", "Kirpi", "delivered", None),
          ("TUR", "SOM", "mortar", "delivered", 30)}),
    ],
)
def test_a_listing_sentence_gives_the_goods_of_the_batch_told_before(
    candidate_generator, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    records = candidate_generator.extract_text(text, published="2025-06-01")
    second = text.index(". ") + 2
    listed = {
        (r.supplier, r.recipient, r.weapon_family or r.weapon, r.status, r.quantity)
        for r in records
        if r.evidence.end > second  # read off the listing sentence
    }
    assert listed >= expected
    # the evidence holds both sentences: the batch's parties are in the first
    assert all(
        r.evidence.start == 0 for r in records if (r.weapon_family or r.weapon) in
        {e[2] for e in expected}
    )


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        # a holder's inventory is no batch: "the fleet", "its arsenal"
        ("Poland ordered 32 F-35 jets from the United States in 2020. Its air force "
         "already includes 48 F-16 fighters.", "F-16"),
        ("Poland ordered 32 F-35 jets from the United States in 2020. The fleet includes "
         "48 F-16 fighters.", "F-16"),
        # a package of services lists no goods, whatever it names
        ("Britain agreed to sell Switzerland 20 Hawk jets. The training and logistic "
         "package includes a Hawk flight simulator.", "simulator"),
        # a side clause says nothing of the batch before
        ("Norway gave Ukraine 14 howitzers last year. Sweden, whose aid includes CV90 "
         "vehicles, has promised more.", "CV90"),
        # nothing told before: no batch to list
        ("It includes four IRIS-T SLM launchers and Gepard anti-aircraft guns.", "IRIS-T"),
    ],
)
def test_other_listings_give_no_goods_of_the_batch_before(
    candidate_generator, text: str, unwanted: str  # noqa: ANN001
) -> None:
    records = candidate_generator.extract_text(text, published="2025-06-01")
    assert not [
        r for r in records
        if unwanted in (r.weapon_family or r.weapon or "") and r.extra.get("added_to")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sum of money measures the exports it names: the approval governs them
        ("Berlin approved €500m of arms exports to Qatar last year, according to "
         "government figures.", ("DEU", "QAT", "arms", "planned")),
        ("Rome approved €400m of arms exports to Kuwait in 2019.",
         ("ITA", "KWT", "arms", "planned")),
        # phrasal verbs of approval
        ("The US State Department signed off on a $300 million sale of Javelin missiles to "
         "Estonia.", ("USA", "EST", "Javelin", "planned")),
    ],
)
def test_approvals_through_a_sum_or_a_phrasal_verb_plan_the_transfer(
    read_candidate_facts, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    assert expected in read_candidate_facts(text, published="2025-06-01")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the cost of a thing is no measure of it: "the cost of" does not govern
        ("Critics questioned the cost of France's purchase of 26 Rafale jets from Dassault.",
         None),
        # a past sale measured by its sum stays delivered
        ("Germany sold €2bn of weapons to Algeria in 2017, the report said.",
         ("DEU", "DZA", "weapons", "delivered")),
    ],
)
def test_sums_of_money_carry_no_status_of_their_own(
    read_candidate_facts, text: str, expected: tuple[object, ...] | None  # noqa: ANN001
) -> None:
    facts = read_candidate_facts(text, published="2025-06-01")
    if expected is None:
        assert not [f for f in facts if f[3] == "planned"]
    else:
        assert expected in facts
