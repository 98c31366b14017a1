"""States: coverage of the UN, surface forms, and resolution by date."""

from __future__ import annotations

import datetime as dt

import pytest

from armstrace.knowledge import Knowledge

# The 193 UN member states (un.org/en/about-us/member-states), as ISO 3166-1 alpha-3.
_UN_MEMBER_CODES = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
"""
UN_MEMBERS = _UN_MEMBER_CODES.split()
OTHERS = ["XKX", "TWN", "PSE", "VAT", "SUN", "CSK", "YUG", "DDR"]


def test_un_members_list_has_193_codes() -> None:
    assert len(set(UN_MEMBERS)) == 193


@pytest.mark.parametrize("code", UN_MEMBERS + OTHERS)
def test_states_cover_un_members_and_listed_others(knowledge: Knowledge, code: str) -> None:
    assert code in {state.iso3 for state in knowledge.states}


@pytest.mark.parametrize(
    ("surface", "on", "expected"),
    [
        ("U.S.", None, "USA"),
        ("US", None, "USA"),
        ("America", None, "USA"),
        ("American", dt.date(1987, 5, 1), "USA"),
        ("Pentagon", None, "USA"),
        ("Washington", dt.date(2019, 1, 1), "USA"),
        ("UK", None, "GBR"),
        ("Britain", dt.date(1987, 1, 1), "GBR"),
        ("British", None, "GBR"),
        ("Whitehall", None, "GBR"),
        ("Downing Street", None, "GBR"),
        ("Elysee", None, "FRA"),
        ("Ankara", None, "TUR"),
        ("Turkish", None, "TUR"),
        ("Türkiye", None, "TUR"),
        ("South Korea", None, "KOR"),
        ("ROK", None, "KOR"),
        ("DPRK", None, "PRK"),
        ("North Korean", None, "PRK"),
        ("Ivory Coast", None, "CIV"),
        ("Czechia", None, "CZE"),
        ("Holland", None, "NLD"),
        ("the Netherlands", None, "NLD"),
        ("Dutch", None, "NLD"),
        ("UAE", None, "ARE"),
        ("Emirati", None, "ARE"),
        ("Saudi", None, "SAU"),
        ("Saudis", None, "SAU"),
        ("Israeli", None, "ISR"),
        ("Bosnia", None, "BIH"),
        ("Pretoria", None, "ZAF"),
        ("Kosovo", dt.date(2024, 10, 11), "XKX"),
        ("Kosovar", None, "XKX"),
        ("Pristina", None, "XKX"),
        ("Taiwan", None, "TWN"),
        ("Palestine", None, "PSE"),
        ("Vatican", None, "VAT"),
    ],
)
def test_resolve_state_names_adjectives_and_capitals(
    knowledge: Knowledge, surface: str, on: dt.date | None, expected: str
) -> None:
    assert knowledge.resolve_state(surface, on) == expected


@pytest.mark.parametrize(
    ("surface", "on", "expected"),
    [
        ("Russian", dt.date(1987, 3, 1), "SUN"),
        ("Russia", dt.date(1991, 12, 1), "SUN"),
        ("Moscow", dt.date(1987, 3, 1), "SUN"),
        ("Kremlin", dt.date(1985, 1, 1), "SUN"),
        ("Soviet", dt.date(1987, 3, 1), "SUN"),
        ("Russian", dt.date(1992, 1, 1), "RUS"),
        ("Moscow", dt.date(2019, 7, 12), "RUS"),
        ("Kremlin", dt.date(2022, 3, 1), "RUS"),
        ("Russian", None, "RUS"),
        ("Soviet", None, "SUN"),
        ("West German", dt.date(1987, 1, 1), "DEU"),
        ("German", dt.date(1987, 1, 1), "DEU"),
        ("Bonn", dt.date(1987, 1, 1), "DEU"),
        ("Germany", dt.date(2019, 1, 1), "DEU"),
        ("East German", dt.date(1987, 1, 1), "DDR"),
        ("Czechoslovak", dt.date(1987, 1, 1), "CSK"),
        ("Czech", dt.date(1987, 1, 1), "CSK"),
        ("Czech", dt.date(2004, 1, 1), "CZE"),
        ("Yugoslav", dt.date(1987, 1, 1), "YUG"),
        ("Belgrade", dt.date(1999, 4, 1), "YUG"),
        ("Belgrade", dt.date(2024, 10, 11), "SRB"),
        ("Serbian", dt.date(2024, 10, 11), "SRB"),
        # a name only a dissolved state had keeps its former code (spec: records.md)
        ("Soviet", dt.date(2018, 5, 1), "SUN"),
        ("East German", dt.date(1995, 1, 1), "DDR"),
        ("Yugoslav", dt.date(2012, 1, 1), "YUG"),
    ],
)
def test_resolve_state_by_date(
    knowledge: Knowledge, surface: str, on: dt.date | None, expected: str
) -> None:
    assert knowledge.resolve_state(surface, on) == expected


@pytest.mark.parametrize(
    ("surface", "on"),
    [
        ("turkey", None),  # matching is case-sensitive: the bird is not the state
        ("Narnia", None),
        ("Congo", None),  # two states
        ("Bonn", dt.date(2005, 1, 1)),  # Bonn stands for West Germany only
        ("Ukraine", dt.date(1987, 1, 1)),  # a Soviet republic then, not a state
    ],
)
def test_resolve_state_returns_none_when_unknown_or_ambiguous(
    knowledge: Knowledge, surface: str, on: dt.date | None
) -> None:
    assert knowledge.resolve_state(surface, on) is None


@pytest.mark.parametrize("surface", ["Georgia", "Georgian", "Victoria", "Kingston", "Congo"])
def test_states_mark_ambiguous_forms(knowledge: Knowledge, surface: str) -> None:
    states = knowledge.states_named(surface)
    assert states
    assert all(state.ambiguous and state.needs_context(surface) for state in states)


def test_state_surface_forms_yield_every_form(knowledge: Knowledge) -> None:
    pairs = list(knowledge.state_surface_forms())
    forms = {form for form, _ in pairs}
    assert {"U.S.", "Kremlin", "Emirati", "Soviet", "Bonn"} <= forms
    assert all(form.strip() == form and form for form, _ in pairs)


@pytest.mark.parametrize(
    "phrase", ["Latin America", "New Mexico", "Persian Gulf", "South China Sea", "Niger Delta"]
)
def test_non_state_phrases_list_places_that_hold_a_state_form(
    knowledge: Knowledge, phrase: str
) -> None:
    assert phrase in knowledge.non_state_phrases
    assert knowledge.resolve_state(phrase) is None


@pytest.mark.parametrize(
    ("surface", "expected"), [("Northern Ireland", "GBR"), ("Scottish", "GBR"), ("Welsh", "GBR")]
)
def test_resolve_state_reads_uk_nations_as_the_uk(
    knowledge: Knowledge, surface: str, expected: str
) -> None:
    assert knowledge.resolve_state(surface) == expected


def test_official_names_give_a_state_its_form() -> None:
    from armstrace.knowledge import load_knowledge

    forms = load_knowledge().state_forms
    assert "kingdom" in forms["SAU"] and "kingdom" in forms["JOR"]
    assert "sultanate" in forms["OMN"] and "emirate" in forms["ARE"]
    assert "republic" in forms["YEM"] and "kingdom" not in forms.get("YEM", frozenset())
    assert "kingdom" not in forms.get("QAT", frozenset())  # "State of Qatar"
