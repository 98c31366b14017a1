"""Frames of modern news: units and loads, awarded contracts, asking for weapons, lists of
suppliers, airlifts, armed groups by description. Sentences are our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Berlin says it will send a company of 14 Leopard 2A6 tanks to Ukraine.",
         {("DEU", "UKR", "Leopard 2", "planned")}),
        ("North Korea has delivered more than 1,000 containers of munitions to Russia.",
         {("PRK", "RUS", "munitions", "delivered")}),
    ],
)
def test_units_and_loads_hold_the_weapons_they_carry(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_facts(text) == expected


def test_a_unit_keeps_the_count_of_what_it_holds(extractor) -> None:  # noqa: ANN001
    records = extractor.extract_text(
        "Berlin says it will send a company of 14 Leopard 2A6 tanks to Ukraine.",
        published="2024-07-10",
    )
    assert [r.quantity for r in records] == [14]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the firm the buyer awards the contract to supplies
        ("Malaysia awards Korea Aerospace Industries a contract for 18 FA-50 light combat "
         "aircraft.", {("KOR", "MYS", "T-50", "ordered")}),
        # a contract awarded for another state's forces: the awarder supplies them
        ("The US Air Force awarded Sierra Nevada Corporation a contract to build 12 A-29 Super "
         "Tucano aircraft for the Nigerian Air Force.", {("USA", "NGA", "Tucano", "ordered")}),
    ],
)
def test_an_awarded_contract_goes_from_the_firm_to_the_awarder(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert {f for f in read_facts(text) if f[0] and f[1]} == expected


def test_a_contract_awarded_for_ones_own_forces_is_no_transfer(read_facts) -> None:  # noqa: ANN001
    text = "The Pentagon awarded Lockheed Martin a $2bn contract for 30 F-35 jets."
    assert {f for f in read_facts(text) if f[0] and f[1]} == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the "for" hung on a place phrase of the one asked
        ("Volodymyr Zelensky asks Donald Trump at the White House for Tomahawk cruise "
         "missiles.", {("USA", "UKR", "Tomahawk", "interest")}),
        ("Volodymyr Zelensky presses Donald Trump at the White House for Tomahawk cruise "
         "missiles.",
         {("USA", "UKR", "Tomahawk", "interest")}),
        ("Kyiv appealed to Washington for more Patriot systems.",
         {("USA", "UKR", "Patriot", "interest")}),
        # pleading with nobody named: no supplier, no record
        ("Ukrainian officials had pleaded for months for longer-range rocket artillery.",
         set()),
    ],
)
def test_asking_someone_for_weapons_is_interest(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_facts(text) == expected


def test_a_list_of_suppliers_is_kept_whole_when_one_makes_the_system(read_facts) -> None:  # noqa: ANN001
    facts = read_facts(
        "Ukraine will get Patriot batteries from the United States, Germany and Romania."
    )
    assert facts == {
        ("USA", "UKR", "Patriot", "planned"),
        ("DEU", "UKR", "Patriot", "planned"),
        ("ROU", "UKR", "Patriot", "planned"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "fighters" after a group's name are its people, counted by "tens of thousands of"
        ("Iran continues to fund and arm tens of thousands of Shia militia fighters.",
         {("IRN", "Shia militias", "arms", "delivered")}),
        # a relative pronoun given weapons stands for the noun it describes
        ("The Houthis, who are armed by Iran, fired missiles at Riyadh.",
         {("IRN", "Houthis", "arms", "delivered")}),
        # a description of a named group's units is the group; the agency is its state; the
        # arming is the weapons named, no third record of "arms"
        ("The CIA has armed vetted groups of the Free Syrian Army, supplying TOW missiles "
         "and mortars.",
         {("USA", "Free Syrian Army", "TOW", "delivered"),
          ("USA", "Free Syrian Army", "mortar", "delivered")}),
    ],
)
def test_armed_groups_named_by_description(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a formal notice of a possible sale is the approval's public form: planned
        ("The State Department notifies Congress of a possible $997 million sale of 12 AH-1Z "
         "attack helicopters to Nigeria.", {("USA", "NGA", "AH-1 Cobra", "planned")}),
        # weapons and recipients listed in turn pair one by one
        ("The US State Department notifies Congress of proposed sales of up to 72 Boeing "
         "F-15QA fighters to Qatar, worth an estimated $21.1 billion, and of 40 F/A-18E/F "
         "Super Hornets to Kuwait.",
         {("USA", "QAT", "F-15", "planned"), ("USA", "KWT", "F/A-18 Super Hornet", "planned")}),
        ("The US sold F-16s to Turkey and Mirages to Greece.",
         {("USA", "TUR", "F-16", "delivered"), ("USA", "GRC", "Mirage", "delivered")}),
    ],
)
def test_notices_and_lists_of_sales(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weapons that "go to" a state are on their way there
        ("President Joe Biden announces that 31 M1 Abrams tanks will also go to Kyiv.",
         {("USA", "UKR", "Abrams", "planned")}),
        ("The first batch of K2 tanks went to Poland in December.",
         {("KOR", "POL", "K2", "delivered")}),
        ("The contract went to Lockheed Martin.", set()),
        # an approved request to transfer is planned
        ("Germany approves Poland's request to send five MiG-29 fighters to Ukraine.",
         {("POL", "UKR", "MiG-29", "planned")}),
        # the items an "including" list gives a batch a participle says was supplied
        ("Mali's military rulers parade a fresh batch of aircraft supplied by Russia, "
         "including L-39 jet trainers and a Mi-24P helicopter gunship.",
         {("RUS", "MLI", "L-39", "delivered"), ("RUS", "MLI", "Mi-24", "delivered")}),
    ],
)
def test_movements_and_approved_requests(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_facts(text) == expected


def test_a_participle_of_building_names_no_licensed_production(read_facts) -> None:  # noqa: ANN001
    # "built for Russia" describes the ships' history; nobody here builds under licence
    facts = read_facts(
        "Egypt agrees to buy the two Mistral helicopter carriers originally built for Russia."
    )
    assert facts == {("FRA", "EGY", "Mistral", "planned")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a signed memorandum to buy is a purchase agreed in principle, no co-production
        ("Riyadh signed a memorandum of intent to buy 48 more Eurofighter Typhoons.",
         {("GBR", "SAU", "Eurofighter Typhoon", "planned")}),
    ],
)
def test_a_memorandum_to_buy_is_a_planned_purchase(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_facts(text) == expected


def test_a_memorandum_to_produce_together_stays_co_production(extractor) -> None:  # noqa: ANN001
    records = extractor.extract_text(
        "Turkey and Serbia signed a memorandum to co-produce drones.", published="2024-07-10"
    )
    assert [r.kind for r in records] == ["coproduction"]


def test_a_pronoun_continues_a_state_named_by_description(read_facts) -> None:  # noqa: ANN001
    # the sentence before opens with "The emirate": its topic is the state named before it,
    # not the states its own sentence lists
    text = (
        "Qatar has been under blockade since June. The emirate has spent heavily on arms, "
        "spreading its orders across Europe and the US. In 2015 it ordered 24 Rafale fighters "
        "from France."
    )
    assert read_facts(text, published="2017-06-20") == {("FRA", "QAT", "Rafale", "ordered")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # forces that arrive for an exercise are visiting, not delivered
        ("Two American warships arrived in Doha this week for a joint exercise with the "
         "Qatari navy.", set()),
        ("Four Rafale jets arrived in Greece on Wednesday.",
         {("FRA", "GRC", "Rafale", "delivered")}),
    ],
)
def test_an_arrival_for_an_exercise_is_a_visit(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a package said to hold weapons is an arms package, whatever its adjectives
        ("Britain's latest package for Ukraine comprises 100 Brimstone missiles and four "
         "Sea King helicopters.",
         {("GBR", "UKR", "Brimstone", "planned"), ("GBR", "UKR", "Sea King", "planned")}),
        ("The new tranche, worth $250 million, includes HIMARS ammunition and Stinger "
         "missiles for Ukraine, the Pentagon said.",
         {("USA", "UKR", "HIMARS", "planned"), ("USA", "UKR", "Stinger", "planned")}),
    ],
)
def test_a_package_is_read_by_what_it_holds(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_facts(text) == expected


def test_a_package_named_again_keeps_the_parties_it_was_announced_with(
    read_candidate_facts,  # noqa: ANN001
) -> None:
    # the rules' reading: the model refit of session 20 keeps it under its threshold
    text = ("Germany announced a new military aid package for Moldova on Monday. The package "
            "includes Piranha armoured personnel carriers.")
    assert read_candidate_facts(text) == {("DEU", "MDA", "Piranha", "planned")}


@pytest.mark.parametrize(
    "text",
    [
        # a package of services, not weapons
        "The training package includes language courses and medical support for the crews.",
        # a package named again with no earlier package to point to
        "The package includes Patriot interceptors, officials said.",
        # the earlier package is a stimulus for the economy: no recipient state after it
        "Parliament approved a stimulus package on Monday. The package includes tax cuts.",
    ],
)
def test_a_package_without_weapons_or_parties_states_nothing(
    read_facts, text: str  # noqa: ANN001
) -> None:
    assert read_facts(text) == set()


def test_a_package_holding_a_device_named_after_a_weapon_states_nothing(
    read_facts,  # noqa: ANN001
) -> None:
    # the object is a simulator; the jet's name only qualifies it
    assert read_facts(
        "The support package includes a Rafale flight simulator and spare parts."
    ) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state named as a customer received what it buys, from where the weapons come
        ("Qatar is the largest buyer of French weapons in the Gulf.",
         {("FRA", "QAT", "other", "delivered")}),
        # becoming a customer is news of an order; being one, of a supply (session 8:
        # a blind author's "has become the first foreign customer" is ordered)
        ("Indonesia became the first export customer for the KAAN.",
         {("TUR", "IDN", "KAAN", "ordered")}),
        ("Indonesia is a long-standing customer for the KAAN.",
         {("TUR", "IDN", "KAAN", "delivered")}),
        ("Vietnam, the biggest importer of Russian arms in Asia, ordered more jets.",
         {("RUS", "VNM", "other", "delivered")}),
    ],
)
def test_a_state_named_as_a_customer_received_the_weapons(
    candidate_generator, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    # the rules' candidates: since session 19 the record model keeps "a long-standing
    # customer for the KAAN" under its threshold
    facts = {
        (r.supplier, r.recipient, r.weapon_family or r.category, r.status)
        for r in candidate_generator.extract_text(text, published="2024-07-10")
    }
    assert expected <= facts


@pytest.mark.parametrize(
    "text",
    [
        "Egypt is the largest buyer of Russian wheat.",  # no weapon
        "Morocco could become a customer for the KF-21.",  # hedged: no role yet
        "Qatar is no longer a buyer of French weapons.",  # a role that is over
    ],
)
def test_a_customer_of_no_weapons_or_no_longer_one_states_nothing(
    read_facts, text: str  # noqa: ANN001
) -> None:
    assert {f for f in read_facts(text) if f[3] == "delivered"} == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weapons a participle says were supplied went to whoever holds or uses them
        ("Hamas has stockpiled thousands of rockets, most of them supplied by Syria.",
         {("SYR", "Hamas", "missile", "delivered")}),
        ("The Houthis fired anti-ship missiles supplied by Iran at the tanker.",
         {("IRN", "Houthis", "missile", "delivered")}),
    ],
)
def test_supplied_weapons_went_to_their_holder(
    extractor, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    facts = {
        (r.supplier, r.recipient or r.recipient_name, r.category, r.status)
        for r in extractor.extract_text(text, published="2024-07-10")
    }
    assert expected <= facts


def test_a_part_supplied_has_no_count_of_its_own(extractor) -> None:  # noqa: ANN001
    (record,) = extractor.extract_text(
        "Hezbollah has amassed 130,000 rockets, most of them supplied by Iran.",
        published="2024-07-10",
    )
    assert (record.supplier, record.quantity) == ("IRN", None)


@pytest.mark.parametrize(
    "text",
    [
        "Drones supplied by Iran were shot down over Kyiv.",  # nobody holds them here
        "The navy seized rockets supplied by Iran.",  # seized, not held by a recipient
    ],
)
def test_supplied_weapons_with_no_holder_name_no_recipient(
    extractor, text: str  # noqa: ANN001
) -> None:
    records = extractor.extract_text(text, published="2024-07-10")
    assert [(r.recipient, r.recipient_name) for r in records if r.status == "delivered"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the kingdom" is the nearest state that is one, not merely the nearest state
        ("Jordan has long bought American arms, and Syria is at war. Washington sold 14 "
         "F-16 jets to the kingdom.", {("USA", "JOR", "F-16", "delivered")}),
        # a description of a form no state nearby has falls back to the nearest state
        # (the rules' reading: "has long bought" is ordered; which status the refit
        # status model reads for a past purchase has changed between refits)
        ("Serbia has long bought Russian arms. The country will now buy Rafale jets from "
         "France.", {("RUS", "SRB", "arms", "ordered"), ("FRA", "SRB", "Rafale", "planned")}),
    ],
)
def test_a_state_by_its_form_is_the_nearest_state_of_that_form(
    read_candidate_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert expected <= read_candidate_facts(text)


def test_the_sultanate_is_the_nearest_state_that_is_one(read_candidate_facts) -> None:  # noqa: ANN001
    # the rules' reading: the status model refit in session 22 reads this sale, told of
    # "the sultanate", as delivered (the same sentence naming Oman it reads as planned)
    text = "Oman borders Yemen. Britain has agreed to sell Typhoon jets to the sultanate."
    assert ("GBR", "OMN", "Eurofighter Typhoon", "planned") in read_candidate_facts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an object pronoun points at what the sentence before is about, not the last
        # state it names
        ("Qatar has been under a blockade by Saudi Arabia since June. The US has sold it "
         "F-15 jets.", {("USA", "QAT", "F-15", "delivered")}),
        ("Turkey bought the S-400 from Russia in 2017. Washington then expelled it from the "
         "F-35 programme.", {("USA", "TUR", "F-35", "cancelled")}),
        # named earlier in its own sentence, the pronoun points there
        ("The report criticised France. Britain must stop courting Egypt and selling it "
         "arms.", {("GBR", "EGY", "arms", "delivered")}),
    ],
)
def test_an_object_pronoun_points_at_the_topic_before_it(
    read_facts, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert expected <= read_facts(text)


def test_a_pronoun_supplied_with_weapons_is_the_recipient(read_facts) -> None:  # noqa: ANN001
    # "it" is who gets the weapons "with" names; in "sold it to Qatar" "it" stays the goods
    text = "Hezbollah has fought in Syria since 2013. Iran has supplied it with anti-ship missiles."
    assert read_facts(text) == {("IRN", "Hezbollah", "anti-ship missile", "delivered")}


def test_the_regime_is_the_state_of_the_leader_named_before(read_facts) -> None:  # noqa: ANN001
    text = (
        "Russia's air campaign turned the war in Assad's favour. Moscow has also sent "
        "T-90 tanks to the regime."
    )
    assert read_facts(text, published="2018-05-02") == {("RUS", "SYR", "T-90", "delivered")}
