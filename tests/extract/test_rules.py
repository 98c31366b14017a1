"""Extraction behaviours on sentences written for the purpose, one construction each."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2024, 10, 11)  # a Friday


def _facts(extractor, text: str) -> set[tuple[object, ...]]:  # noqa: ANN001
    records = extractor.extract_text(text, published=PUBLISHED)
    return {
        (
            r.kind,
            r.supplier or r.supplier_name,
            r.recipient or r.recipient_name,
            r.weapon_family or r.category,
            r.status,
        )
        for r in records
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # direction of the trigger
        ("France sold 24 Rafale jets to Egypt.", ("transfer", "FRA", "EGY", "Rafale", "delivered")),
        (
            "Egypt bought 24 Rafale jets from France.",
            ("transfer", "FRA", "EGY", "Rafale", "ordered"),
        ),
        (
            "Norway has received its first F-35 fighters.",
            ("transfer", "USA", "NOR", "F-35", "delivered"),
        ),
        # passive voice and its agent
        (
            "Twelve Caesar howitzers were delivered to Ukraine by France.",
            ("transfer", "FRA", "UKR", "Caesar", "delivered"),
        ),
        # tense and modality
        (
            "Germany will deliver four IRIS-T systems to Ukraine.",
            ("transfer", "DEU", "UKR", "IRIS-T", "planned"),
        ),
        (
            "Poland might buy more K2 tanks from South Korea.",
            ("transfer", "KOR", "POL", "K2", "interest"),
        ),
        (
            "India has expressed interest in the purchase of Russian Su-57 fighters.",
            ("transfer", "RUS", "IND", "Su-57", "interest"),
        ),
        (
            "Indonesia signed a contract for 42 Rafale jets on Thursday.",
            ("transfer", "FRA", "IDN", "Rafale", "ordered"),
        ),
        (
            "Switzerland has chosen the F-35A for its air force.",
            ("transfer", "USA", "CHE", "F-35", "planned"),
        ),
        # cancellation
        (
            "Australia cancelled its order for 12 French Barracuda submarines.",
            ("transfer", "FRA", "AUS", "Barracuda", "cancelled"),
        ),
        # a company as the supplier, a leader as the recipient's voice
        (
            "Lockheed Martin won a contract to supply 40 F-16 jets to Taiwan.",
            ("transfer", "USA", "TWN", "F-16", "ordered"),
        ),
        (
            "Erdogan said Turkey will donate Bayraktar drones to Albania.",
            ("transfer", "TUR", "ALB", "Bayraktar", "planned"),
        ),
        # an origin adjective names the supplier
        (
            "Serbia ordered 12 French-made fighter jets.",
            ("transfer", "FRA", "SRB", "aircraft", "ordered"),
        ),
        # non-state recipients keep their name
        (
            "Iran is delivering rockets to Hezbollah.",
            ("transfer", "IRN", "Hezbollah", "missile", "delivered"),
        ),
        # a state's use of a system it was supplied: the supply is the fact
        (
            "Ukraine used US-supplied ATACMS to strike an airfield.",
            ("transfer", "USA", "UKR", "ATACMS", "delivered"),
        ),
        # second-hand supply: the stated supplier, not the producer
        (
            "Turkey has received the first batch of Eurofighter Typhoons from Qatar.",
            ("transfer", "QAT", "TUR", "Eurofighter Typhoon", "delivered"),
        ),
        (
            "Washington suspended the delivery of F-16 jets to Egypt in 2013.",
            ("transfer", "USA", "EGY", "F-16", "cancelled"),
        ),
        (
            "Poland is in talks with South Korea about buying more K9 howitzers.",
            ("transfer", "KOR", "POL", "K9", "proposed"),
        ),
        # a headline's infinitive is the future
        (
            "Ukraine to get 40 more Patriot interceptors from Germany",
            ("transfer", "DEU", "UKR", "Patriot", "planned"),
        ),
        (
            "Thailand shelved its plan to buy Chinese Yuan-class submarines.",
            ("transfer", "CHN", "THA", "Type 039", "cancelled"),
        ),
        # one origin adjective over coordinated weapons
        (
            "Qatar is buying Turkish drones and armoured vehicles.",
            ("transfer", "TUR", "QAT", "armoured vehicle", "ordered"),
        ),
        # a bare indirect object, which the small model fuses into the direct one
        (
            "Italy sold Egypt two FREMM frigates in 2020.",
            ("transfer", "ITA", "EGY", "FREMM", "delivered"),
        ),
        (
            "Britain supplied Ukraine Storm Shadow missiles.",
            ("transfer", "GBR", "UKR", "Storm Shadow", "delivered"),
        ),
        (
            "Washington will send Kyiv more ATACMS missiles.",
            ("transfer", "USA", "UKR", "ATACMS", "planned"),
        ),
        # interest and talks above a buying verb
        (
            "Vietnam is interested in acquiring BrahMos missiles from India.",
            ("transfer", "IND", "VNM", "BrahMos", "interest"),
        ),
        (
            "India is in negotiations with France to acquire 26 Rafale Marine jets.",
            ("transfer", "FRA", "IND", "Rafale", "proposed"),
        ),
        # conditions and the tense of an event verb whose subject is the transfer
        (
            "The sale of 40 F-16s to Turkey will go ahead if Congress approves it.",
            ("transfer", "USA", "TUR", "F-16", "planned"),
        ),
        (
            "Turkey bought S-400 systems from Russia even if it angered Washington.",
            ("transfer", "RUS", "TUR", "S-400", "ordered"),
        ),
        # an origin participle names the supplier, the possessor the recipient
        (
            "The Indian Air Force's Russian-made Su-30 fighters, delivered in the 2000s, "
            "were grounded.",
            ("transfer", "RUS", "IND", "Su-30", "delivered"),
        ),
        # a firm wins an order from its customer
        (
            "Rheinmetall won a contract from Hungary for 218 Lynx infantry fighting vehicles.",
            ("transfer", "DEU", "HUN", "Lynx KF41", "ordered"),
        ),
        # arming non-state groups: participles, adverbial gerunds, shared objects
        (
            "The Houthis, armed by Iran with drones, attacked ships in the Red Sea.",
            ("transfer", "IRN", "Houthis", "uav", "delivered"),
        ),
        (
            "By arming Houthi rebels with drones, Iran has extended its reach.",
            ("transfer", "IRN", "Houthis", "uav", "delivered"),
        ),
        # a buyer's wish with the weapon as its object, a shortlist, a request to a seller
        (
            "Poland has shortlisted the K2 and the Abrams for its new tank programme.",
            ("transfer", "USA", "POL", "Abrams", "interest"),
        ),
        (
            "The Dutch have narrowed down their options to the Mongoose of Italian producer "
            "Agusta and the Panther of French firm Aerospatiale.",
            ("transfer", "FRA", "NLD", "Panther", "interest"),
        ),
        (
            "Ukraine asked Germany to supply Taurus cruise missiles.",
            ("transfer", "DEU", "UKR", "Taurus", "interest"),
        ),
        (
            "Kyiv has urged Washington to send more Patriot batteries.",
            ("transfer", "USA", "UKR", "Patriot", "interest"),
        ),
        (
            "The Saudi government had approached six European countries to supply submarines.",
            # a vague collective is a party by name, no state (dev README: "EU member states")
            ("transfer", "European countries", "SAU", "submarine", "interest"),
        ),
        # co-production
        (
            "Japan, Britain and Italy will jointly develop a new combat jet.",
            ("coproduction", None, None, "aircraft", "planned"),
        ),
    ],
)
def test_extract_reads_one_construction(
    candidate_generator, text: str, expected: tuple  # noqa: ANN001
) -> None:
    assert expected in _facts(candidate_generator, text)


@pytest.mark.parametrize(
    "text",
    [
        # negation and denial
        "France did not sell Rafale jets to Egypt.",
        "The ministry denied that Germany had delivered Leopard tanks to Saudi Arabia.",
        # a question is no fact
        "Asked whether Turkey would sell Bayraktar drones to Serbia, the minister smiled.",
        # use of a foreign system is no transfer
        "Ukraine fired ATACMS missiles at a Russian air base.",
        # a state's own procurement
        "The US Air Force ordered 20 F-35 jets from Lockheed Martin.",
        # civil aircraft
        "Korean Air ordered 20 jets from Airbus.",
        # a currency prefix is no state
        "The company sold tractors worth US$4 billion to Libya.",
        # a person's name that is also a weapon alias
        "Tamir Adar was handed over to Israel by Hamas.",
        # strikes, deployments, crashes, home-made systems, refusals
        "Russia launched 90 Shahed drones and 10 Iskander missiles at Ukrainian cities.",
        "The United States deployed two F-22 squadrons to Poland for a NATO exercise.",
        "A Russian Su-35 fighter jet crashed near the Finnish border.",
        "The Indian Air Force inducted its first squadron of indigenous Tejas fighters.",
        "Boeing delivered 40 commercial jets to airlines in March.",
        "The Pentagon said it had no plans to send Tomahawk missiles to Ukraine.",
        "Germany refused to supply Taurus cruise missiles to Ukraine.",
        # a gerund as the topic of a cost is no fact; goods described by their supplier
        "The cost of buying F-35 jets has risen.",
        # wanting something about a weapon is not wanting the weapon; a seller's unnamed buyer
        "The committee is evaluating the F-35 programme's rising costs.",
        "Auditors want answers on the Rafale contract.",
        "Lockheed Martin is looking to sell more F-16 jets.",
    ],
)
def test_extract_ignores_what_is_no_transfer(extractor, text: str) -> None:  # noqa: ANN001
    assert _facts(extractor, text) == set()


def test_extract_reads_a_deal_frame_as_the_verbs_own_terms(extractor) -> None:  # noqa: ANN001
    text = "The Czech Republic will buy 24 F-35 jets from the US in a deal worth $6.5 billion."
    records = extractor.extract_text(text, published=PUBLISHED)
    assert [(r.supplier, r.recipient, r.status, r.quantity) for r in records] == [
        ("USA", "CZE", "planned", 24)
    ]
    assert records[0].value is not None and records[0].value.amount == 6_500_000_000


def test_extract_keeps_attributive_abbreviations_off_the_recipient(extractor) -> None:  # noqa: ANN001
    text = "The Pentagon provided U.S. Stinger missiles to Ukraine."
    records = extractor.extract_text(text, published=PUBLISHED)
    assert [(r.supplier, r.recipient, r.status) for r in records] == [("USA", "UKR", "delivered")]


def test_extract_fans_out_coordinated_recipients(extractor) -> None:  # noqa: ANN001
    text = "China has sold Wing Loong drones to Saudi Arabia, the UAE and Egypt."
    facts = _facts(extractor, text)
    assert {(f[1], f[2]) for f in facts} == {("CHN", "SAU"), ("CHN", "ARE"), ("CHN", "EGY")}


def test_extract_points_back_with_pronouns_and_plain_nouns(extractor) -> None:  # noqa: ANN001
    text = (
        "Morocco has received its first Bayraktar TB2 drones from Turkey. "
        "Baykar has previously sold it to Qatar and Ukraine. "
        "Poland signed the contract for the system in 2021."
    )
    facts = _facts(extractor, text)
    assert ("transfer", "TUR", "QAT", "Bayraktar", "delivered") in facts
    assert ("transfer", "TUR", "UKR", "Bayraktar", "delivered") in facts
    assert ("transfer", "TUR", "POL", "Bayraktar", "ordered") in facts


def test_extract_resolves_the_balkan_country(extractor) -> None:  # noqa: ANN001
    text = (
        "During his visit to Albania on Thursday, Erdogan said Turkey will donate Bayraktar "
        "drones to the Balkan country."
    )
    (record,) = extractor.extract_text(text, published=PUBLISHED)
    assert (record.supplier, record.recipient, record.deal) == ("TUR", "ALB", "donation")
    assert str(record.date) == "2024-10-10"


def test_extract_reads_quantity_value_and_date(extractor) -> None:  # noqa: ANN001
    text = "Serbia placed an order this summer for 12 Rafale fighter jets for $3 billion."
    (record,) = extractor.extract_text(text, published=PUBLISHED)
    assert record.quantity == 12
    assert record.value is not None and (record.value.amount, record.value.currency) == (
        3_000_000_000,
        "USD",
    )
    assert str(record.date) == "2024"


def test_extract_merges_restatements_into_one_record(extractor) -> None:  # noqa: ANN001
    text = (
        "Turkey delivered drones to Kosovo. Kosovo leaders said the five Turkish drones "
        "would boost their defence. Turkey's delivery of the drones to Kosovo angered Serbia."
    )
    records = extractor.extract_text(text, published=PUBLISHED)
    assert len(records) == 1
    assert (records[0].supplier, records[0].recipient, records[0].quantity) == ("TUR", "XKX", 5)


def test_extract_evidence_offsets_slice_the_text(extractor) -> None:  # noqa: ANN001
    text = (
        "Egypt ordered 20 Mirage jets from France in 1983.\n"
        "Deliveries started last year. The rest is on hold. Saudi Arabia bought\n"
        "48 Tornado jets made by <British Aerospace Plc> last year."
    )
    records = extractor.extract_text(text, published=dt.date(1987, 4, 7))
    assert len(records) >= 2
    # a wire's wrapped lines and company tags stay as they are in the evidence
    assert any("\n" in r.evidence.text and "<" in r.evidence.text for r in records)
    for record in records:
        assert text[record.evidence.start : record.evidence.end] == record.evidence.text


def test_extract_dates_a_contract_won_anywhere_in_a_wire_to_its_day(extractor) -> None:  # noqa: ANN001
    text = (
        "Shares in the group rose on Thursday after strong quarterly results. "
        "Hanwha also has won a contract to supply 12 K9 howitzers to Estonia, "
        "the ministry said. Hanwha had won a contract from Norway for 18 K9 howitzers."
    )
    records = extractor.extract_text(text, published=PUBLISHED)
    dates = {r.recipient: r.date for r in records}
    assert set(dates) == {"EST", "NOR"}
    assert str(dates["EST"]) == PUBLISHED.isoformat()
    assert dates["NOR"] is None  # the past perfect is background, not the day's news


def test_extract_dates_an_order_by_the_contract_it_falls_under(
    candidate_generator,  # noqa: ANN001
) -> None:
    # a reading of the date: the rules' candidates (session 28's refit second-status model
    # also proposes the order as planned, at low confidence)
    text = "Under a contract signed in March 2021, Egypt will buy 30 more Rafale jets from France."
    records = candidate_generator.extract_text(text, published=PUBLISHED)
    assert [(r.supplier, r.recipient, r.status, str(r.date)) for r in records] == [
        ("FRA", "EGY", "ordered", "2021-03")
    ]


def test_extract_reads_a_contract_to_supply_as_a_sale(extractor) -> None:  # noqa: ANN001
    text = "Hanwha has won a contract to supply 12 K9 howitzers to Estonia."
    records = extractor.extract_text(text, published=PUBLISHED)
    assert [(r.supplier, r.recipient, r.status, r.deal) for r in records] == [
        ("KOR", "EST", "ordered", "sale")
    ]


def test_extract_adds_the_parties_an_also_sentence_names(extractor) -> None:  # noqa: ANN001
    text = (
        "The Saudi government had approached six European countries to supply submarines. "
        "It said Britain was expected to offer the Upholder submarine. France, Italy and "
        "Sweden were also submitting proposals."
    )
    facts = _facts(extractor, text)
    assert ("transfer", "GBR", "SAU", "Upholder", "proposed") in facts
    for supplier in ("FRA", "ITA", "SWE"):
        # each bidder offers a submarine of its own, not the British one
        assert ("transfer", supplier, "SAU", "submarine", "proposed") in facts


def test_extract_adds_a_recipient_that_is_also_interested(extractor) -> None:  # noqa: ANN001
    facts = _facts(
        extractor,
        "Vietnam is in talks to buy BrahMos missiles from India. Indonesia is also interested.",
    )
    assert ("transfer", "IND", "IDN", "BrahMos", "interest") in facts


@pytest.mark.parametrize(
    "text",
    [
        "France sold Rafale jets to Egypt. Germany also criticised the sale.",
        "Russia delivered S-400 systems to Turkey. The United States has also warned Ankara "
        "against further purchases.",
    ],
)
def test_extract_adds_no_party_that_only_talks_about_the_fact(extractor, text: str) -> None:  # noqa: ANN001
    facts = _facts(extractor, text)
    assert len(facts) == 1, facts


def test_extract_reads_the_weapons_as_the_one_system_of_the_article(extractor) -> None:  # noqa: ANN001
    text = (
        "Raytheon has been awarded a contract for Patriot air-defense missiles, the Army "
        "said. The company said the system uses a phased array radar. The weapons are "
        "designed to defend against aircraft. They are also being modified against ballistic "
        "missiles. Denmark and Japan have chosen the weapons for their air defense."
    )
    facts = _facts(extractor, text)
    assert ("transfer", "USA", "DNK", "Patriot", "planned") in facts
    assert ("transfer", "USA", "JPN", "Patriot", "planned") in facts


def test_extract_keeps_the_weapons_unresolved_when_the_article_names_several(extractor) -> None:  # noqa: ANN001
    text = (
        "France sold Rafale jets to Egypt. Russia delivered S-400 systems to Turkey. Analysts "
        "discussed costs. Exports rose. Denmark has chosen the weapons for its air force."
    )
    assert not any(f[2] == "DNK" for f in _facts(extractor, text))


def test_extract_takes_the_supplier_from_the_firm_a_clause_describes(extractor) -> None:  # noqa: ANN001
    text = (
        "The director of AB Bofors, which is at the centre of a police inquiry into illegal "
        "arms shipments to Iran, has resigned."
    )
    assert ("transfer", "SWE", "IRN", "other", "delivered") in _facts(extractor, text)


def test_extract_reads_a_firm_speaking_of_itself_under_an_earlier_contract(
    candidate_generator,  # noqa: ANN001
) -> None:
    text = (
        "Raytheon said the US Navy awarded it a contract to produce 1,927 Sparrow missile "
        "sections. Under the contract, the company said it will provide missiles and "
        "associated hardware to the Navy and to several U.S. allies."
    )
    # the rules' reading (the record model, refit in session 21, keeps it below its
    # threshold)
    records = candidate_generator.extract_text(text, published=PUBLISHED)
    assert [(r.supplier, r.recipient, r.weapon_family, r.status, r.deal) for r in records] == [
        ("USA", None, "Sparrow", "ordered", "sale")
    ]


def test_extract_reads_a_foreign_weapon_its_owner_holds(extractor) -> None:  # noqa: ANN001
    facts = _facts(
        extractor,
        "The Hawks will enter service in 1990, replacing the Swiss Air Force's British "
        "De Havilland Vampire jets.",
    )
    assert ("transfer", "GBR", "CHE", "Vampire", "delivered") in facts
    assert not _facts(extractor, "France's own Rafale jets flew over Paris on Bastille Day.")


def test_extract_keeps_hyphenated_co_production_words_whole(extractor) -> None:  # noqa: ANN001
    facts = _facts(
        extractor, "The remaining 19 Hawk jets will be co-produced by BAe and Swiss industry."
    )
    assert ("coproduction", None, None, "Hawk", "planned") in facts


def test_extract_reads_a_misspelt_trigger_as_the_word_it_stands_for(extractor) -> None:  # noqa: ANN001
    # the cheap sentence filter still needs the word's stem ("choos"); the parse reads the rest
    facts = _facts(extractor, "Denmark has choosen the Patriot system for its air defence.")
    assert ("transfer", "USA", "DNK", "Patriot", "planned") in facts


def test_extract_dates_a_fact_by_its_own_clause(extractor) -> None:  # noqa: ANN001
    text = (
        "Israel and Hezbollah fought a war in 2006 and officials have warned that Iran is "
        "delivering missiles to the group."
    )
    records = extractor.extract_text(text, published=PUBLISHED)
    assert records and all(r.date is None for r in records)
    # a report's date is not the date of what the report puts before it
    text = "Earlier this month, Iran acknowledged it had acquired Chinese-made Silkworm missiles."
    records = extractor.extract_text(text, published=PUBLISHED)
    assert [(r.supplier, r.recipient, r.date) for r in records] == [("CHN", "IRN", None)]


def test_extract_counts_a_licensed_production_for_a_customer_as_ordered(extractor) -> None:  # noqa: ANN001
    text = (
        "Helikopter Service, Norway's biggest helicopter operator, will assemble 18 Bell 412 "
        "helicopters for Norwegian Defence under license from Bell Helicopter Textron of the U.S."
    )
    records = extractor.extract_text(text, published=PUBLISHED)
    coproductions = [r for r in records if r.kind == "coproduction"]
    assert [(r.partners, r.status, r.deal) for r in coproductions] == [
        (("NOR", "USA"), "ordered", "licence")
    ]


def test_extract_reads_interest_in_the_one_system_an_article_is_about(extractor) -> None:  # noqa: ANN001
    text = (
        "The Philippines has taken delivery of its first BrahMos missile batteries from India. "
        "The purchase is part of a long-running effort to modernise the navy. Officials hope "
        "for more sales. Vietnam has been reported to be interested in the missile."
    )
    assert ("transfer", "IND", "VNM", "BrahMos", "interest") in _facts(extractor, text)


def test_extract_keeps_two_orders_of_one_system_apart(extractor) -> None:  # noqa: ANN001
    text = (
        "Qatar said on Tuesday it had ordered 12 more Typhoon jets from Britain. "
        "Qatar ordered 24 of the aircraft in December 2017."
    )
    records = extractor.extract_text(text, published=PUBLISHED)
    orders = {r.quantity: str(r.date) for r in records if r.status == "ordered"}
    assert set(orders) == {12, 24}
    assert orders[24] == "2017-12"


def test_extract_merges_a_restatement_without_its_own_count_or_date(extractor) -> None:  # noqa: ANN001
    text = (
        "Qatar said on Tuesday it had ordered 12 more Typhoon jets from Britain. "
        "The order of the Typhoons from Britain was welcomed by BAE Systems."
    )
    records = extractor.extract_text(text, published=PUBLISHED)
    assert [(r.status, r.quantity) for r in records] == [("ordered", 12)]


@pytest.mark.parametrize("joint", ["together with", "along with", ", together with"])
def test_extract_reads_a_system_ordered_together_with_another(extractor, joint: str) -> None:  # noqa: ANN001
    text = f"Morocco ordered 36 Caesar howitzers from France {joint} a Gowind corvette."
    facts = _facts(extractor, text.replace(" ,", ","))
    assert ("transfer", "FRA", "MAR", "Caesar", "ordered") in facts
    assert ("transfer", "FRA", "MAR", "Gowind", "ordered") in facts


def test_extract_adds_no_party_ordered_together_with(extractor) -> None:  # noqa: ANN001
    facts = _facts(extractor, "Morocco ordered 36 Caesar howitzers along with Senegal.")
    assert {fact[3] for fact in facts} == {"Caesar"}


def test_extract_counts_the_part_of_a_partitive(extractor) -> None:  # noqa: ANN001
    text = "Chile bought Leopard 2 tanks in 2006. It has since received 40 of the tanks."
    (delivered,) = [r for r in extractor.extract_text(text, published=PUBLISHED)
                    if r.status == "delivered"]
    assert delivered.quantity == 40


def test_extract_reads_the_aircraft_as_the_aircraft_named_before(candidate_generator) -> None:  # noqa: ANN001
    text = (
        "Hungary ordered Gripen fighters from Sweden together with a Saab radar system "
        "and Meteor missiles. All 14 aircraft have since been delivered."
    )
    records = candidate_generator.extract_text(text, published=PUBLISHED)
    delivered = {(r.weapon_family, r.quantity) for r in records if r.status == "delivered"}
    assert delivered == {("Gripen", 14)}


def test_extract_gives_a_transfer_without_a_buyer_to_the_article_s_one_buyer(extractor) -> None:  # noqa: ANN001
    text = (
        "The first Leopard 2 tanks from Germany have arrived in Lithuania. "
        "Norway has said it will send NASAMS launchers as well."
    )
    assert ("transfer", "NOR", "LTU", "NASAMS", "planned") in _facts(extractor, text)


def test_extract_gives_no_buyer_when_the_article_has_several(extractor) -> None:  # noqa: ANN001
    text = (
        "The first Leopard 2 tanks from Germany have arrived in Lithuania. Poland received "
        "K2 tanks from Korea. Norway has said it will send NASAMS launchers as well."
    )
    assert not any(fact[3] == "NASAMS" for fact in _facts(extractor, text))


def test_extract_reads_the_noun_before_a_gerund_as_its_subject(extractor) -> None:  # noqa: ANN001
    text = "The deal led to Chile buying 30 Leopard 2 tanks from Germany."
    assert _facts(extractor, text) == {("transfer", "DEU", "CHL", "Leopard 2", "ordered")}


def test_extract_reads_a_wish_before_any_seller_with_the_supplier_unknown(
    candidate_generator,  # noqa: ANN001
) -> None:
    # the rules' reading; whether the record is kept is the record model's call, and the
    # gold holds three such candidates in all (one right), too few for it to be sure
    text = "The Philippines is looking to buy two submarines."
    assert ("transfer", None, "PHL", "submarine", "interest") in _facts(candidate_generator, text)


@pytest.mark.parametrize(
    "text",
    [
        "The memorandum could lead to Chile buying 30 Leopard 2 tanks from Germany.",
        "The memorandum paves the way for the sale of 30 Leopard 2 tanks to Chile.",
    ],
)
def test_extract_reads_a_prospect_as_proposed(
    candidate_generator, text: str  # noqa: ANN001
) -> None:
    # the rules' reading; the status model (scoring.StatusModel), learnt from the gold,
    # reads the signed memorandum's sale as planned, as the blind annotators mostly do
    assert _facts(candidate_generator, text) == {
        ("transfer", "DEU", "CHL", "Leopard 2", "proposed")
    }


def test_extract_reads_an_announced_deal_at_the_deal_s_stage(extractor) -> None:  # noqa: ANN001
    text = "Chile ordered 30 Leopard 2 tanks from Germany. The ministers announced the deal."
    statuses = {fact[4] for fact in _facts(extractor, text)}
    assert statuses == {"ordered"}


def test_extract_reads_a_possessive_by_the_owner_of_the_phrase_it_is_listed_with(extractor) -> None:  # noqa: ANN001
    text = (
        "The new jets will serve beside the Chilean air force's Mirage 5 jets, also supplied "
        "by France, and its fleet of US-built F-16s."
    )
    facts = _facts(extractor, text)
    assert ("transfer", "USA", "CHL", "F-16", "delivered") in facts
    assert ("transfer", "USA", "FRA", "F-16", "delivered") not in facts


def test_extract_reads_the_purchase_as_the_purchase_told_before(candidate_generator) -> None:  # noqa: ANN001
    text = (
        "Chile signed a contract on Monday to buy 30 Leopard 2 tanks from Germany. The tanks "
        "will replace older vehicles. Officials said training would start soon. President "
        "Boric announced the purchase in March."
    )
    records = candidate_generator.extract_text(text, published=PUBLISHED)
    planned = [r for r in records if r.status == "planned"]
    assert [(r.supplier, r.recipient, r.weapon_family, str(r.date)) for r in planned] == [
        ("DEU", "CHL", "Leopard 2", "2024-03")
    ]


def test_extract_reads_that_sale_as_the_sale_told_before(extractor) -> None:  # noqa: ANN001
    text = "Chile plans to buy Leopard 2 tanks from Germany. Berlin approved that sale in 2020."
    assert ("transfer", "DEU", "CHL", "Leopard 2", "planned") in _facts(extractor, text)


def test_extract_adds_nothing_for_a_contract_talked_about(extractor) -> None:  # noqa: ANN001
    text = (
        "Chile ordered 30 Leopard 2 tanks from Germany in 2019. "
        "The contract is expected to be completed next year."
    )
    assert _facts(extractor, text) == {("transfer", "DEU", "CHL", "Leopard 2", "ordered")}


def test_extract_gives_a_cancelled_contract_without_buyer_to_the_article_s_buyer(extractor) -> None:  # noqa: ANN001
    text = (
        "Chile ordered 30 Leopard 2 tanks from Germany on Monday. A contract signed in 2015 "
        "for 12 Gepard guns from Germany was abandoned after delays."
    )
    facts = _facts(extractor, text)
    assert ("transfer", "DEU", "CHL", "Gepard", "cancelled") in facts
    assert ("transfer", "DEU", "CHL", "Gepard", "ordered") in facts


@pytest.mark.parametrize(
    "text",
    [
        "Washington approved a $1 billion package of 40 Stryker vehicles for Kenya.",
        "The Pentagon announced a new aid package for Kenya that includes 40 Stryker vehicles.",
    ],
)
def test_extract_reads_an_approved_or_aid_package_as_planned(extractor, text: str) -> None:  # noqa: ANN001
    assert _facts(extractor, text) == {("transfer", "USA", "KEN", "Stryker", "planned")}


def test_extract_reads_no_transfer_in_a_package_of_services(extractor) -> None:  # noqa: ANN001
    text = "The training and logistics package includes a Stryker driving simulator."
    assert _facts(extractor, text) == set()


def test_extract_reads_the_launchers_as_the_launchers_named_before(extractor) -> None:  # noqa: ANN001
    text = (
        "The first HIMARS launchers have arrived in Estonia. The Pentagon then announced a "
        "new aid package for Estonia that includes four more of the truck-mounted launchers."
    )
    records = extractor.extract_text(text, published=PUBLISHED)
    planned = [(r.weapon_family, r.quantity) for r in records if r.status == "planned"]
    assert planned == [("HIMARS", 4)]


@pytest.mark.parametrize(
    "text",
    [
        "Washington said it was removing Turkey from the F-35 fighter jet programme.",
        "Turkey was expelled from the F-35 programme by the United States.",
    ],
)
def test_extract_reads_a_state_put_out_of_a_programme_as_cancelled(extractor, text: str) -> None:  # noqa: ANN001
    assert _facts(extractor, text) == {("transfer", "USA", "TUR", "F-35", "cancelled")}


@pytest.mark.parametrize(
    "text",
    [
        "The US has said it will send a team to Ankara to discuss removing Turkey from the "
        "F-35 programme.",
        "Senators want to debate expelling Turkey from the F-35 programme next month.",
    ],
)
def test_extract_reads_no_cancellation_that_is_only_discussed(extractor, text: str) -> None:  # noqa: ANN001
    # once a KeyError ('cancelled' has no place on the ladder of status strengths)
    assert _facts(extractor, text) == set()


def test_extract_reads_nothing_removed_from_a_programme_that_is_no_state(extractor) -> None:  # noqa: ANN001
    text = "Lockheed removed the old radar from the F-16 upgrade programme."
    assert _facts(extractor, text) == set()


def test_extract_reads_what_a_state_took_delivery_of(extractor) -> None:  # noqa: ANN001
    text = "Cairo took delivery in 2016 of two Gowind corvettes that France had built."
    records = extractor.extract_text(text, published=PUBLISHED)
    assert [(r.supplier, r.recipient, r.weapon_family, r.status, r.quantity, str(r.date))
            for r in records if r.kind == "transfer"] == [
        ("FRA", "EGY", "Gowind", "delivered", 2, "2016")
    ]


def test_extract_reads_weapons_on_their_way_as_planned(candidate_generator) -> None:  # noqa: ANN001
    text = "More Leopard 2 tanks are on their way to Ukraine from Poland."
    assert _facts(candidate_generator, text) == {("transfer", "POL", "UKR", "Leopard 2", "planned")}


def test_extract_reads_nothing_on_its_way_that_is_no_weapon(extractor) -> None:  # noqa: ANN001
    text = "A Polish delegation is on its way to Ukraine to discuss Leopard 2 repairs."
    assert _facts(extractor, text) == set()


def test_extract_reads_a_purchase_an_agreement_foresees_as_planned(extractor) -> None:  # noqa: ANN001
    text = (
        "The framework agreement with Germany envisages the purchase of 40 Leopard 2 tanks "
        "by Chile."
    )
    assert _facts(extractor, text) == {("transfer", "DEU", "CHL", "Leopard 2", "planned")}


def test_extract_reads_final_assembly_by_another_state_s_firm_as_coproduction(extractor) -> None:  # noqa: ANN001
    text = (
        "Chile ordered 20 Gripen jets from Saab, which beat the Rafale and the F-16 in the "
        "competition. Chile's ENAER will carry out final assembly of eight of the jets."
    )
    records = extractor.extract_text(text, published=PUBLISHED)
    coproduction = [(r.partners, r.weapon_family, r.quantity) for r in records
                    if r.kind == "coproduction"]
    assert coproduction == [(("CHL", "SWE"), "Gripen", 8)]
