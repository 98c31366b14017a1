"""Leaders, companies and armed groups."""

from __future__ import annotations

import datetime as dt

import pytest

from armstrace.knowledge import GROUP_KINDS, LEADER_ROLES, Knowledge


@pytest.mark.parametrize(
    ("surface", "on", "expected"),
    [
        ("Erdogan", dt.date(2024, 10, 11), "TUR"),
        ("Erdoğan", dt.date(2019, 7, 12), "TUR"),
        ("Recep Tayyip Erdogan", dt.date(2010, 1, 1), "TUR"),
        ("Thatcher", dt.date(1987, 3, 1), "GBR"),
        ("Vucic", dt.date(2024, 10, 11), "SRB"),
        ("Vučić", dt.date(2015, 1, 1), "SRB"),
        ("Reagan", dt.date(1987, 3, 1), "USA"),
        ("Gorbachev", dt.date(1987, 3, 1), "SUN"),
        ("Putin", dt.date(2019, 1, 1), "RUS"),
        ("Kurihara", dt.date(1987, 6, 1), "JPN"),
        ("Kim", dt.date(2020, 1, 1), "PRK"),
        ("Bush", dt.date(1990, 1, 1), "USA"),
        ("Macron", dt.date(2024, 1, 1), "FRA"),
        ("Kurti", dt.date(2024, 10, 11), "XKX"),
        ("Milosevic", dt.date(1995, 1, 1), "YUG"),
        ("Honecker", dt.date(1987, 1, 1), "DDR"),
        ("Kohl", dt.date(1987, 1, 1), "DEU"),
        ("Zelensky", dt.date(2023, 1, 1), "UKR"),
    ],
)
def test_resolve_leader_by_date(
    knowledge: Knowledge, surface: str, on: dt.date, expected: str
) -> None:
    assert knowledge.resolve_leader(surface, on) == expected


@pytest.mark.parametrize(
    ("surface", "on"),
    [
        ("Thatcher", dt.date(2000, 1, 1)),  # out of office
        ("Kim", dt.date(2000, 1, 1)),  # Kim Dae-jung (KOR) and Kim Jong-il (PRK)
        ("Hussein", dt.date(1990, 1, 1)),  # Saddam Hussein (IRQ) and King Hussein (JOR)
        ("Abdullah", dt.date(2010, 1, 1)),  # the kings of Saudi Arabia and of Jordan
        ("Nobody", dt.date(2010, 1, 1)),
    ],
)
def test_resolve_leader_returns_none_out_of_office_or_ambiguous(
    knowledge: Knowledge, surface: str, on: dt.date
) -> None:
    assert knowledge.resolve_leader(surface, on) is None


def test_leaders_named_returns_every_holder_in_office(knowledge: Knowledge) -> None:
    holders = knowledge.leaders_named("Kim", dt.date(2000, 1, 1))
    assert {leader.state for leader in holders} == {"KOR", "PRK"}


def test_leaders_have_valid_roles_states_and_dates(knowledge: Knowledge) -> None:
    codes = {state.iso3 for state in knowledge.states}
    for leader in knowledge.leaders:
        assert leader.role in LEADER_ROLES
        assert leader.state in codes
        assert leader.end is None or leader.start <= leader.end


_COVERED_STATES = """
USA SUN RUS CHN FRA GBR DEU ITA ISR TUR SRB UKR IND PAK SAU ARE EGY IRN IRQ JPN
KOR PRK AUS CAN ESP NLD SWE NOR POL GRC BRA QAT TWN XKX ALB BIH HUN ROU
"""


@pytest.mark.parametrize(
    "code",
    _COVERED_STATES.split(),
)
def test_leaders_cover_main_supplier_and_recipient_states(knowledge: Knowledge, code: str) -> None:
    assert any(leader.state == code for leader in knowledge.leaders)


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Avions Marcel Dassault-Breguet Aviation <AVMD.PA>", "FRA"),
        ("Dassault", "FRA"),
        ("BAe", "GBR"),
        ("British Aerospace Plc", "GBR"),
        ("BAE Systems", "GBR"),
        ("Ferranti", "GBR"),
        ("Short Brothers", "GBR"),
        ("Shorts", "GBR"),
        ("Raytheon", "USA"),
        ("General Electric Co", "USA"),
        ("GE", "USA"),
        ("Northrop", "USA"),
        ("LTV", "USA"),
        ("General Dynamics Corp", "USA"),
        ("McDonnell Douglas Corp", "USA"),
        ("Lockheed", "USA"),
        ("<Bell Helicopters Textron>", "USA"),
        ("Elbit", "ISR"),
        ("Bofors", "SWE"),
        ("<Agusta Spa>", "ITA"),
        ("<Aerospatiale>", "FRA"),
        ("<Westland>", "GBR"),
        ("Vickers Plc", "GBR"),
        ("Baykar", "TUR"),
        ("Rosoboronexport", "RUS"),
        ("Norinco", "CHN"),
        ("KMW", "DEU"),
        ("Krauss-Maffei", "DEU"),
        ("Nexter", "FRA"),
        ("Hindustan Aeronautics (HAL)", "IND"),
        ("TAI", "TUR"),
        ("Hanwha", "KOR"),
        ("Mitsubishi Heavy Industries", "JPN"),
    ],
)
def test_company_state_names_the_company_state(
    knowledge: Knowledge, surface: str, expected: str
) -> None:
    assert knowledge.company_state(surface) == expected


def test_company_state_returns_none_for_unknown(knowledge: Knowledge) -> None:
    assert knowledge.company_state("Acme Widgets Inc") is None


def test_companies_catalogue_has_at_least_150_companies(knowledge: Knowledge) -> None:
    assert len(knowledge.companies) >= 150


def test_company_products_are_catalogue_designations(knowledge: Knowledge) -> None:
    designations = {system.designation for system in knowledge.weapons}
    for company in knowledge.companies:
        assert set(company.products) <= designations


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("Hezbollah", "Hezbollah"),
        ("Hizbollah", "Hezbollah"),
        ("Hamas", "Hamas"),
        ("Ansar Allah", "Houthis"),
        ("Contras", "Contras"),
        ("Contra rebels", "Contras"),
        ("ISIS", "Islamic State"),
        ("Isis", "Islamic State"),
        ("ISIL", "Islamic State"),
        ("al-Qaida", "al-Qaeda"),
        ("YPG", "YPG"),
        ("Syrian Democratic Forces", "SDF"),
        ("Wagner", "Wagner Group"),
        ("LTTE", "Tamil Tigers"),
        ("Popular Mobilization Forces", "Popular Mobilisation Forces"),
        ("RSF", "Rapid Support Forces"),
    ],
)
def test_armed_group_resolves_aliases(knowledge: Knowledge, surface: str, name: str) -> None:
    group = knowledge.armed_group(surface)
    assert group is not None and group.name == name


@pytest.mark.parametrize("surface", ["rsf", "sdf", "hezbollah party", "Nobody"])
def test_armed_group_short_forms_are_case_sensitive(knowledge: Knowledge, surface: str) -> None:
    assert knowledge.armed_group(surface) is None


def test_armed_groups_have_valid_kinds(knowledge: Knowledge) -> None:
    assert all(group.kind in GROUP_KINDS for group in knowledge.armed_groups)


def test_party_names_never_double_as_weapon_aliases(knowledge: Knowledge) -> None:
    # Matchers scan text for every form at once; a form that is both a weapon and a
    # state, leader or group ("Juan Carlos I", "Gabriel") would be read one way only.
    weapons = {form for form, _ in knowledge.weapon_surface_forms()}
    parties = {form for form, _ in knowledge.state_surface_forms()}
    parties |= {alias for leader in knowledge.leaders for alias in (leader.name, *leader.aliases)}
    parties |= {alias for group in knowledge.armed_groups for alias in (group.name, *group.aliases)}
    assert weapons & parties == set()


def test_leader_names_never_double_as_state_forms(knowledge: Knowledge) -> None:
    states = {form for form, _ in knowledge.state_surface_forms()}
    leaders = {alias for leader in knowledge.leaders for alias in (leader.name, *leader.aliases)}
    assert states & leaders == set()
