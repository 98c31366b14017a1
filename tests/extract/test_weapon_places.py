"""Where a trigger's weapons stand when they are not its object: the subject a passive
infinitive is raised to, the "for" of a letter of intent, a force's "with", the unit noun
a participle describes. The rules' candidates are checked (the record model is off)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The eight Gripen jets are expected to be delivered to Colombia by Sweden next year.",
         ("SWE", "COL", "Gripen", "planned")),
        ("Four Mi-17 helicopters are scheduled to be handed over to Mali by Russia in March.",
         ("RUS", "MLI", "Mi-17", "planned")),
        ("Twelve K9 howitzers promised in 2024 are due to be shipped to Estonia by South Korea.",
         ("KOR", "EST", "K9 Thunder", "planned")),
    ],
)
def test_a_passive_infinitive_moves_the_subject_of_the_verb_it_hangs_from(
    read_transfers, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    assert expected in read_transfers(text)


def test_an_active_infinitive_subject_is_no_weapon(read_transfers) -> None:  # noqa: ANN001
    # the subject of "expects" is the buyer; nothing is raised from it
    records = read_transfers("Colombia expects to be consulted on the offer.")
    assert records == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peru signed a letter of intent for 24 Gripen fighters from Sweden.",
         ("SWE", "PER", "Gripen", "planned")),
        ("Kenya and Turkey signed a memorandum of intent for six Bayraktar TB2 drones.",
         ("TUR", "KEN", "Bayraktar TB2", "planned")),
    ],
)
def test_a_letter_of_intent_for_weapons_plans_them(
    read_transfers, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    assert expected in read_transfers(text)


def test_a_letter_of_complaint_for_weapons_is_no_plan(read_transfers) -> None:  # noqa: ANN001
    records = read_transfers(
        "Peru sent a letter of complaint for the delay of Gripen fighters to Sweden."
    )
    assert not any(status == "planned" for *_, status in records)


def test_a_forces_with_phrase_names_what_it_was_supplied(read_transfers) -> None:  # noqa: ANN001
    records = read_transfers("France has supplied Chad's army with VAB armoured vehicles.")
    assert ("FRA", "TCD", "VAB", "delivered") in records


def test_a_participle_on_a_unit_noun_moves_the_system_it_counts(
    read_transfers,  # noqa: ANN001
) -> None:
    records = read_transfers(
        "Egypt still awaits the last two of six S-300 batteries ordered from Russia in 2015."
    )
    assert ("RUS", "EGY", "S-300", "ordered") in records


# --- session 12: a clause on a list, a part of the goods, one weapon of two facts ---------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle after a list covers the whole list (the parser hangs it on the first)
        ("Leopard 2 tanks and PzH 2000 howitzers, bought from Germany in 2013, are in service "
         "with the Qatari army.", {("DEU", "QAT", "Leopard 2"), ("DEU", "QAT", "PzH 2000")}),
        # ... whichever system the parser hangs it on
        ("IRIS-T launchers and Gepard guns, donated by Germany to Ukraine in 2023, protect Kyiv.",
         {("DEU", "UKR", "IRIS-T SLM"), ("DEU", "UKR", "Gepard")}),
    ],
)
def test_a_participle_after_a_list_covers_every_system_listed(
    read_transfers, text: str, expected: set[tuple[str, str, str]]  # noqa: ANN001
) -> None:
    read = {(s, r, w) for s, r, w, _ in read_transfers(text)}
    assert expected <= read


@pytest.mark.parametrize(
    "text",
    [
        "Leopard 2 tanks bought from Germany and CV90 vehicles built at home serve with the "
        "Danish army.",
        "CV90 vehicles built at home and Leopard 2 tanks bought from Germany serve with the "
        "Danish army.",
    ],
)
def test_a_participle_inside_a_list_covers_only_its_own_noun(
    read_transfers, text: str  # noqa: ANN001
) -> None:
    # each system has its own participle: the German one alone was bought from Germany
    read = read_transfers(text)
    assert ("DEU", "DNK", "Leopard 2", "delivered") in read
    assert not any(w.startswith("CV90") and s == "DEU" for s, _, w, _ in read)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile received the first of the ten Leopard 2A4 tanks that it ordered from Germany.",
         ("DEU", "CHL", "Leopard 2", "delivered")),
        ("Norway gave most of its M109 howitzers to Ukraine last year.",
         ("NOR", "UKR", "M109", "delivered")),
    ],
)
def test_a_part_of_the_goods_is_the_object_of_a_transfer(
    read_transfers, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    assert expected in read_transfers(text)


def test_a_part_of_something_else_is_no_weapon(read_transfers) -> None:  # noqa: ANN001
    read = read_transfers("Chile received the first of the ten reports on its Leopard 2 tanks.")
    assert not any(status == "delivered" for *_, status in read)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the arrival names no party; the order of the same tanks does
        ("The first 20 of 60 K2 tanks ordered by Poland from South Korea arrived in Gdynia on "
         "Tuesday.", ("KOR", "POL", "K2 Black Panther", "delivered")),
        ("Sixty K2 tanks ordered by Poland from South Korea were delivered on Tuesday.",
         ("KOR", "POL", "K2 Black Panther", "delivered")),
    ],
)
def test_a_transfer_without_parties_takes_those_of_its_weapons_other_fact(
    read_transfers, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    assert expected in read_transfers(text)


def test_weapons_of_no_other_fact_lend_no_parties(read_transfers) -> None:  # noqa: ANN001
    # the tanks handed over are not the batteries Poland bought
    read = read_transfers(
        "Patriot batteries bought by Poland from the US are late, while the Leopard 2 "
        "tanks were handed over."
    )
    assert ("USA", "POL", "Patriot", "delivered") in read
    assert not any(w == "Leopard 2" and r == "POL" for _, r, w, _ in read)


def test_a_second_participle_shares_the_noun_of_the_first(read_transfers) -> None:  # noqa: ANN001
    read = read_transfers(
        "Investigators found fragments of a guided bomb made by Raytheon and sold to "
        "Saudi Arabia."
    )
    assert ("USA", "SAU", "guided bomb", "delivered") in read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Poland's air force declared the Patriot system operational, two years after Warsaw "
         "ordered it from the United States.", ("USA", "POL", "Patriot", "ordered")),
        ("Turkey praised the Bayraktar TB2, and Kyiv bought it in 2019.",
         ("TUR", "UKR", "Bayraktar TB2", "delivered")),
    ],
)
def test_an_object_pronoun_is_the_system_named_before_it_in_its_sentence(
    read_transfers, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    assert expected in read_transfers(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany approved Poland's request to pass five MiG-29 fighters on to Ukraine.",
         ("POL", "UKR", "MiG-29", "planned")),
        ("Iranian cargo planes ferried rockets to Hezbollah.",
         ("IRN", None, "rocket", "delivered")),
    ],
)
def test_passing_on_and_ferrying_weapons_are_transfers(
    read_transfers, text: str, expected: tuple[str | None, str | None, str, str]  # noqa: ANN001
) -> None:
    assert expected in read_transfers(text)


def test_passing_what_is_no_weapon_is_no_transfer(read_transfers) -> None:  # noqa: ANN001
    assert read_transfers("Congress passed a bill on tanks for Turkey.") == set()


def test_what_was_also_bought_has_the_parties_of_the_purchase_before_it(  # noqa: D103
    read_transfers,  # noqa: ANN001
) -> None:
    read = read_transfers(
        "Tehran has ordered Su-35 fighter jets from Russia, and an MP said helicopters "
        "had also been bought."
    )
    assert ("RUS", "IRN", "helicopter", "ordered") in read
    # without "also" nothing says the helicopters came from the same deal
    read = read_transfers(
        "Tehran has ordered Su-35 fighter jets from Russia, and an MP said helicopters "
        "had been bought."
    )
    assert not any(w == "helicopter" and r == "IRN" and s == "RUS" for s, r, w, _ in read)


@pytest.mark.parametrize(
    ("text", "weapons"),
    [
        # the parser tears the items after the comma from the "including" list
        ("The State Department notified Congress of sales to Taiwan worth $2bn, including 20 "
         "HIMARS launchers and 80 ATACMS missiles, M109A7 howitzers, Javelin missiles and "
         "Switchblade drones.",
         {"HIMARS", "MGM-140 ATACMS", "M109", "FGM-148 Javelin", "Switchblade"}),
        # a list after the party a verb equips, read from the first item on
        ("Washington will equip the Kurdish fighters with machine guns, mortars and armoured "
         "cars.", {"machine gun", "mortar", "armoured vehicle"}),
    ],
)
def test_every_item_of_a_list_the_parser_splits_is_a_weapon_of_the_transfer(
    read_transfers, text: str, weapons: set[str]  # noqa: ANN001
) -> None:
    assert {weapon for *_, weapon, _ in read_transfers(text)} >= weapons


def test_a_pair_of_its_own_after_a_comma_is_no_item_of_the_list(read_transfers) -> None:  # noqa: ANN001
    read = read_transfers("Germany sold Leopard tanks to Chile, Patriot systems to Peru.")
    assert ("DEU", "PER", "Leopard 2", "delivered") not in read


def test_the_ends_of_a_range_of_weapons_are_weapons_of_the_transfer(read_transfers) -> None:  # noqa: ANN001
    read = read_transfers("Iran has supplied the Houthis with weapons ranging from Katyusha "
                          "rockets to Zelzal missiles.")
    assert {weapon for *_, weapon, _ in read} >= {"Katyusha", "Zelzal"}


@pytest.mark.parametrize(
    "text",
    [
        "The weapons Germany sent to the Kurds included 30 Milan launchers.",
        "Among the weapons Germany sent to the Kurds were 30 Milan launchers.",
    ],
)
def test_what_a_clause_noun_is_said_to_hold_is_the_transfer_s_weapon(
    read_transfers, text: str  # noqa: ANN001
) -> None:
    assert ("DEU", None, "MILAN", "delivered") in read_transfers(text)


def test_arms_a_package_holds_are_the_goods(read_transfers) -> None:  # noqa: ANN001
    read = read_transfers("Slovakia will receive a US arms package worth $700 million.")
    assert ("USA", "SVK", "arms", "planned") in read


def test_a_weapon_word_before_a_noun_of_no_goods_is_no_weapon(read_transfers) -> None:  # noqa: ANN001
    assert read_transfers("Norway will receive a US submarine cable next year.") == set()
