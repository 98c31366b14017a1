"""Names users type in filters, read as the codes and designations the register stores."""

from __future__ import annotations

import pytest

from armstrace.errors import ArmstraceError, UnknownNameError
from armstrace.knowledge import Knowledge


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Russia", "RUS"), ("russian", "RUS"), ("Russians", "RUS"), ("RUS", "RUS"),
        ("rus", "RUS"), ("USA", "USA"), ("usa", "USA"), ("United States", "USA"),
        ("united states of america", "USA"), ("U.S.", "USA"), ("Americans", "USA"),
        ("Turkiye", "TUR"), ("Türkiye", "TUR"), ("Turkey", "TUR"), ("turkish", "TUR"),
        ("Viet Nam", "VNM"), ("eSwatini", "SWZ"), ("Soviet Union", "SUN"), ("USSR", "SUN"),
        ("Czechoslovakia", "CSK"), ("Korea, Republic of", "KOR"), ("GB", "GBR"),
        ("  France ", "FRA"), ("Kosovo", "XKX"),
    ],
)
def test_party_reads_codes_names_demonyms_and_iso_names(
    knowledge: Knowledge, typed: str, code: str
) -> None:
    party = knowledge.names.party(typed)
    assert (party.code, party.name, party.filter_value) == (code, None, code)


@pytest.mark.parametrize(
    ("typed", "name"),
    [("Hezbollah", "Hezbollah"), ("hezbollah", "Hezbollah"), ("Hizbullah", "Hezbollah"),
     ("ansar allah", "Houthis")],
)
def test_party_reads_non_state_groups_by_name_and_alias(
    knowledge: Knowledge, typed: str, name: str
) -> None:
    party = knowledge.names.party(typed)
    assert (party.code, party.name, party.filter_value) == (None, name, name)


def test_party_unknown_lists_close_matches_in_one_line(knowledge: Knowledge) -> None:
    with pytest.raises(UnknownNameError) as raised:
        knowledge.names.party("Rusia", "supplier")
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("supplier 'Rusia' names no state")
    assert raised.value.suggestions[0] == "Russia (RUS)"
    assert isinstance(raised.value, ArmstraceError)
    assert not raised.value.ambiguous


def test_party_unknown_code_says_what_to_give(knowledge: Knowledge) -> None:
    with pytest.raises(UnknownNameError, match="'XXX' names no state.*give an ISO3 code"):
        knowledge.names.party("XXX", "recipient")


def test_party_of_several_states_lists_them(knowledge: Knowledge) -> None:
    with pytest.raises(UnknownNameError, match="COG .*COD ") as raised:
        knowledge.names.party("Congo")
    assert raised.value.ambiguous
    assert set(raised.value.suggestions) == {"COG", "COD"}


@pytest.mark.parametrize(
    ("typed", "filter_value"),
    [
        ("F-16", "F-16"), ("F16", "F-16"), ("f-16s", "F-16"), ("F-16C", "F-16"),
        ("Fighting Falcon", "F-16"), ("S400", "S-400"), ("s-400 triumf", "S-400"),
        ("TB2", "Bayraktar TB2"), ("Bayraktar", "Bayraktar"), ("Mirage 2000", "Mirage 2000"),
        ("drones", "military drone"), ("arms", "arms"),
    ],
)
def test_weapon_reads_aliases_keys_and_families(
    knowledge: Knowledge, typed: str, filter_value: str
) -> None:
    assert knowledge.names.weapon(typed).filter_value == filter_value


def test_weapon_family_name_means_the_family(knowledge: Knowledge) -> None:
    weapon = knowledge.names.weapon("bayraktar")
    assert (weapon.designation, weapon.family, weapon.category) == (None, "Bayraktar", "uav")


def test_weapon_of_several_families_lists_them(knowledge: Knowledge) -> None:
    with pytest.raises(UnknownNameError, match="several families: Hawk, MIM-23 Hawk") as raised:
        knowledge.names.weapon("Hawk")
    assert raised.value.ambiguous


def test_weapon_unknown_lists_close_matches(knowledge: Knowledge) -> None:
    with pytest.raises(UnknownNameError, match="'Rafael' names no weapon.*close: Rafale"):
        knowledge.names.weapon("Rafael")


@pytest.mark.parametrize("typed", ["", "   "])
def test_blank_names_are_refused(knowledge: Knowledge, typed: str) -> None:
    with pytest.raises(UnknownNameError, match="empty name"):
        knowledge.names.party(typed)
    with pytest.raises(UnknownNameError, match="empty name"):
        knowledge.names.weapon(typed)
