"""Phrases the parser hangs on another word than the one they belong to, and aliases that
need a word before them (issue 12): each reading with a case it must not over-read."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sale's "including" list, hung on the verb that approves the sale
        ("The US approves sales to Chile worth $2 billion, including 12 HIMARS launchers.",
         {("USA", "CHL", "HIMARS")}),
        ("The US approves sales to Chile worth $2 billion, including 12 HIMARS launchers, "
         "M109A7 howitzers and Javelin missiles.",
         {("USA", "CHL", "HIMARS"), ("USA", "CHL", "M109"), ("USA", "CHL", "Javelin")}),
        # a generic "arms sales" still gives way to the items the list names
        ("The US approved arms sales to Chile worth $2 billion, including 12 HIMARS "
         "launchers and Javelin missiles.",
         {("USA", "CHL", "HIMARS"), ("USA", "CHL", "Javelin")}),
    ],
)
def test_an_including_list_hung_on_the_verb_belongs_to_its_object(
    read_candidate_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_candidate_transfers(text, published="2025-06-01") == expected


def test_an_including_list_of_what_is_no_goods_adds_no_weapon(
    read_candidate_transfers,  # noqa: ANN001
) -> None:
    # the verb's object is a visit, not goods: the list names places, no weapons
    text = "The minister visited Chile in May, including its naval base at Talcahuano."
    assert read_candidate_transfers(text, published="2025-06-01") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey is also acquiring used Typhoons from Qatar and Oman.",
         {("QAT", "TUR", "Eurofighter Typhoon"), ("OMN", "TUR", "Eurofighter Typhoon")}),
        ("Romania will buy second-hand Typhoons from Italy.",
         {("ITA", "ROU", "Eurofighter Typhoon")}),
    ],
)
def test_old_stock_supports_an_alias_that_is_also_a_word(
    read_candidate_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_candidate_transfers(text, published="2025-06-01") == expected


def test_a_used_storm_is_no_weapon(read_candidate_transfers) -> None:  # noqa: ANN001
    text = "Forecasters in Japan used Typhoon warnings from Taiwan to plan evacuations."
    assert read_candidate_transfers(text, published="2025-06-01") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saudi Arabia fires Storm Shadow missiles supplied from Britain.",
         {("GBR", "SAU", "Storm Shadow")}),
        ("The rebels used TOW missiles delivered from Turkey.",
         {("TUR", "rebels", "TOW")}),
        # the agent keeps its reading
        ("Saudi Arabia fires Storm Shadow missiles supplied by Britain.",
         {("GBR", "SAU", "Storm Shadow")}),
    ],
)
def test_a_supply_participle_s_own_from_is_the_sender(
    read_candidate_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_candidate_transfers(text) == expected


def test_a_participle_s_from_place_is_no_sender(read_candidate_transfers) -> None:  # noqa: ANN001
    # a made weapon's "from" is where it came off the line, no state sending it
    text = "Ukraine fired Neptune missiles made from parts built in Kyiv."
    assert read_candidate_transfers(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the listing clause hung on the package's own "for" party
        ("The US approved a $2bn package for Poland, which includes 96 Apache helicopters "
         "and Hellfire missiles.",
         {("USA", "POL", "Apache"), ("USA", "POL", "Hellfire")}),
        # an "along with" hung on the verb above the trigger
        ("Ukraine signs a letter of intent with France to acquire up to 100 Rafale F4 "
         "fighters, along with SAMP/T NG air defence systems.",
         {("FRA", "UKR", "Rafale"), ("FRA", "UKR", "SAMP/T")}),
    ],
)
def test_a_list_hung_above_the_goods_is_theirs(
    read_candidate_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_candidate_transfers(text, published="2025-06-01") == expected


def test_a_clause_on_the_party_that_lists_no_weapons_adds_none(
    read_candidate_transfers,  # noqa: ANN001
) -> None:
    text = ("The US approved a $2bn package of Apache helicopters for Poland, which includes "
            "its eastern regions in its air defence plans.")
    assert read_candidate_transfers(text, published="2025-06-01") == {("USA", "POL", "Apache")}


def test_an_along_with_before_the_goods_adds_nothing(
    read_candidate_transfers,  # noqa: ANN001
) -> None:
    # "along with Britain" names a partner of the saying, before the goods
    text = "Along with Britain, France said it would supply Ukraine with SCALP missiles."
    # (SCALP is the French name of the Storm Shadow, the family)
    assert ("FRA", "UKR", "Storm Shadow") in read_candidate_transfers(text, published="2025-06-01")
    assert not any(t[2] == "Britain" for t in read_candidate_transfers(text))


def test_the_user_of_a_participle_is_the_subject_of_its_clause(
    read_candidate_transfers,  # noqa: ANN001
) -> None:
    text = "Syrian crews intercepted the missiles using Pantsir systems delivered by Russia."
    assert read_candidate_transfers(text) == {("RUS", "SYR", "Pantsir")}


def test_a_clause_whose_subject_names_no_party_gives_no_user(
    read_candidate_transfers,  # noqa: ANN001
) -> None:
    # "the army" of no named state: the systems' user is not guessed
    text = "The army intercepted the missiles using Pantsir systems delivered by Russia."
    assert read_candidate_transfers(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a block that "would have" happened did not: the sale is pending
        ("The Senate rejected two resolutions that would have blocked the sale of 50 F-35 "
         "jets to the UAE.",
         {("USA", "ARE", "planned")}),
        # a block that happened cancels
        ("Germany blocked the sale of Eurofighter jets to Saudi Arabia.",
         {("DEU", "SAU", "cancelled")}),
    ],
)
def test_a_block_that_would_have_happened_cancels_nothing(
    read_transfer_stages, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_transfer_stages(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject makes the goods: it sells to its partners
        ("Ankara has also held talks with Saudi Arabia and Azerbaijan about the KAAN fighter.",
         {("TUR", "SAU", "KAAN"), ("TUR", "AZE", "KAAN")}),
        ("South Korea signed a deal with Poland for K2 tanks.", {("KOR", "POL", "K2")}),
        # the partner makes them, or neither does: the partner supplies, as before
        ("Poland signed a deal with South Korea for K2 tanks.", {("KOR", "POL", "K2")}),
        ("Ukraine signed a deal with Denmark for F-16 jets.", {("DNK", "UKR", "F-16")}),
    ],
)
def test_the_maker_of_the_goods_sells_them_to_its_partner(
    read_candidate_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_candidate_transfers(text, published="2025-06-01") == expected


def test_a_list_goes_on_after_goods_the_finder_does_not_know(
    read_candidate_transfers,  # noqa: ANN001
) -> None:
    # "laser guidance kits" name no weapon; the rockets and bombs after them do
    text = ("Washington approves a possible sale to Nigeria of 1,002 APKWS laser guidance kits, "
            "5,000 unguided rockets and 1,002 Mk-82 and Mk-84 bombs, worth $346 million.")
    assert read_candidate_transfers(text, published="2025-06-01") == {
        ("USA", "NGA", "rocket"), ("USA", "NGA", "Mk 80"),
    }


def test_what_follows_goods_after_a_comma_may_be_no_list(
    read_candidate_transfers,  # noqa: ANN001
) -> None:
    # after the comma a new clause: its missiles are no part of the sale
    text = ("Washington approves a possible sale to Nigeria of 1,002 laser guidance kits, "
            "while Russia fired missiles at Kyiv.")
    assert read_candidate_transfers(text, published="2025-06-01") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US imposed sanctions on China for buying Su-35 jets from Russia.",
         {("RUS", "CHN", "Su-35")}),
        ("The US imposed sanctions against Turkey for buying the S-400 from Russia.",
         {("RUS", "TUR", "S-400")}),
        # who is acted on directly, as before
        ("The US sanctioned China for buying Su-35 jets from Russia.", {("RUS", "CHN", "Su-35")}),
    ],
)
def test_the_target_of_sanctions_for_a_purchase_bought(
    read_candidate_transfers, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    assert read_candidate_transfers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey and Indonesia will set up a joint drone factory.",
         {(("IDN", "TUR"), "military drone", "planned")}),
        ("Turkey and Indonesia will set up a joint factory to produce Anka drones.",
         {(("IDN", "TUR"), "Anka", "planned")}),
    ],
)
def test_a_joint_site_of_making_weapons_is_co_production(
    candidate_generator, text: str, expected: set[tuple[object, ...]]  # noqa: ANN001
) -> None:
    found = {
        (tuple(sorted(r.partners)), r.weapon_family or r.weapon, r.status)
        for r in candidate_generator.extract_text(text, published="2025-06-01")
        if r.kind == "coproduction"
    }
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        "France and Germany held a joint exercise with Leopard tanks.",
        "A submarine cable factory opened in Norway.",
        "Turkey and Indonesia issued a joint statement on drones.",
    ],
)
def test_a_joint_act_that_makes_nothing_is_no_co_production(
    candidate_generator, text: str  # noqa: ANN001
) -> None:
    records = candidate_generator.extract_text(text, published="2025-06-01")
    assert not [r for r in records if r.kind == "coproduction"]
