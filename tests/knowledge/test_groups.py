"""The catalogue of armed groups: size, sources, home states, aliases and case rules."""

from __future__ import annotations

import csv

import pytest

from armstrace.knowledge import DATA_DIR, GROUP_KINDS, Knowledge
from armstrace.knowledge.actors import company_key


def test_armed_groups_catalogue_has_at_least_300_groups(knowledge: Knowledge) -> None:
    groups = [
        group for group in knowledge.armed_groups
        if group.kind not in ("collective", "regional authority")
    ]
    assert len(groups) >= 300


def test_armed_groups_every_row_names_a_source() -> None:
    with (DATA_DIR / "armed_groups.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["source"].strip() for row in rows)


def test_armed_groups_home_state_is_a_known_code_or_empty(knowledge: Knowledge) -> None:
    codes = {state.iso3 for state in knowledge.states}
    assert all(g.based_in is None or g.based_in in codes for g in knowledge.armed_groups)


def test_armed_groups_cover_every_region(knowledge: Knowledge) -> None:
    homes = {group.based_in for group in knowledge.armed_groups}
    regions = ("SYR", "IRQ", "YEM", "SDN", "COD", "NGA", "MLI", "MMR", "PHL", "COL", "MEX")
    assert set(regions) | {"UKR", "GBR"} <= homes


def test_armed_groups_use_only_listed_kinds(knowledge: Knowledge) -> None:
    assert {group.kind for group in knowledge.armed_groups} <= set(GROUP_KINDS)


def test_transitional_collective_rows_are_collectives_too(knowledge: Knowledge) -> None:
    # Rows kept only until extraction asks collective_at; each must read as a collective.
    rows = [group for group in knowledge.armed_groups if group.kind == "collective"]
    assert len(rows) <= 4
    assert all(knowledge.is_collective(group.name) for group in rows)


def test_group_aliases_never_name_a_state(knowledge: Knowledge) -> None:
    state_forms = {form for form, _ in knowledge.state_surface_forms()}
    codes = {state.iso3 for state in knowledge.states}
    clashes = [
        (group.name, form)
        for group in knowledge.armed_groups
        for form in group.surface_forms()
        if form in state_forms or form in codes or form.rstrip("s") in state_forms
    ]
    assert clashes == []


def test_group_aliases_never_name_a_leader_or_company(knowledge: Knowledge) -> None:
    leaders = {alias for leader in knowledge.leaders for alias in (leader.name, *leader.aliases)}
    companies = {company_key(alias) for c in knowledge.companies for alias in (c.name, *c.aliases)}
    clashes = [
        form
        for group in knowledge.armed_groups
        for form in group.surface_forms()
        if form in leaders or company_key(form) in companies
    ]
    assert clashes == []


def test_group_aliases_never_repeat_across_groups(knowledge: Knowledge) -> None:
    owners: dict[str, set[str]] = {}
    for group in knowledge.armed_groups:
        for form in group.surface_forms():
            owners.setdefault(form, set()).add(group.name)
    assert {form: names for form, names in owners.items() if len(names) > 1} == {}


@pytest.mark.parametrize(
    ("surface", "name", "home"),
    [
        ("Ansar Allah", "Houthis", "YEM"),
        ("Huthi rebels", "Houthis", "YEM"),
        ("Syrian Democratic Forces", "SDF", "SYR"),
        ("RSF", "Rapid Support Forces", "SDN"),
        ("Hashd al-Shaabi", "Popular Mobilisation Forces", "IRQ"),
        ("Kataib Hezbollah", "Kata'ib Hezbollah", "IRQ"),
        ("M23 rebels", "M23", "COD"),
        ("Amhara Fano", "Fano", "ETH"),
        ("Tigray Defense Forces", "Tigray Defence Forces", "ETH"),
        ("KIA", "Kachin Independence Army", "MMR"),
        ("ISIS-K", "Islamic State Khorasan Province", "AFG"),
        ("Segunda Marquetalia", "Segunda Marquetalia", "COL"),
        ("Estado Mayor Central", "FARC dissidents", "COL"),
        ("CJNG", "Jalisco New Generation Cartel", "MEX"),
        ("Baader-Meinhof Gang", "Red Army Faction", "DEU"),
        ("Euskadi Ta Askatasuna", "ETA", "ESP"),
        ("Khmer People's National Liberation Front", "KPNLF", "KHM"),
        ("Africa Corps", "Africa Corps", "RUS"),
        ("JEM", "Justice and Equality Movement", "SDN"),
        ("JeM", "Jaish-e-Mohammed", "PAK"),
        ("al-shabaab", "al-Shabaab", "SOM"),  # a long name matches in any case
        ("Seleka", "Seleka", "CAF"),
    ],
)
def test_armed_group_alias_gives_group_and_home(
    knowledge: Knowledge, surface: str, name: str, home: str
) -> None:
    group = knowledge.armed_group(surface)
    assert group is not None and (group.name, group.based_in) == (name, home)


@pytest.mark.parametrize(
    "surface", ["kia", "Kia", "eta", "Eta", "fano", "farc-ep", "m23", "HEZBOLLAH", "Brn", "BRN"]
)
def test_armed_group_acronyms_match_only_as_written(knowledge: Knowledge, surface: str) -> None:
    assert knowledge.armed_group(surface) is None


@pytest.mark.parametrize(
    ("form", "case_sensitive"),
    [("RSF", True), ("FARC-EP", True), ("Fano", True), ("Hezbollah", False), ("al-Shabaab", False)],
)
def test_group_surface_forms_flag_acronyms(
    knowledge: Knowledge, form: str, case_sensitive: bool
) -> None:
    flags = {f: flag for f, _, flag in knowledge.group_surface_forms()}
    assert flags[form] is case_sensitive


def _groups_in(knowledge: Knowledge, sentence: str) -> list[str]:
    """Return the groups whose forms occur in `sentence` as whole words, longest first."""
    found: list[str] = []
    taken: set[int] = set()
    forms = sorted(knowledge.group_surface_forms(), key=lambda item: -len(item[0]))
    for form, group, case_sensitive in forms:
        haystack, needle = (sentence, form) if case_sensitive else (sentence.lower(), form.lower())
        index = haystack.find(needle)
        while index >= 0:
            end = index + len(needle)
            span = set(range(index, end))
            bounded = (index == 0 or not sentence[index - 1].isalnum()) and (
                end == len(sentence) or not sentence[end].isalnum()
            )
            if bounded and not span & taken:
                found.append(group.name)
                taken |= span
            index = haystack.find(needle, end)
    return found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Officials said the drones had been smuggled to the Huthi rebels by sea.", ["Houthis"]),
        ("The shipment of rifles reached Fano fighters near Gondar.", ["Fano"]),
        ("Kenya said the RSF had received armoured trucks via Chad.", ["Rapid Support Forces"]),
        ("Mortars seized from the Arakan Army were displayed in Sittwe.", ["Arakan Army"]),
    ],
)
def test_group_forms_find_the_group_in_a_sentence(
    knowledge: Knowledge, sentence: str, expected: list[str]
) -> None:
    assert _groups_in(knowledge, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Reporters without borders, or rsf, criticised the ruling.",
        "The eta of the next convoy was Tuesday morning.",
        "He drove a Kia to the border crossing.",
        "Turkey bought howitzers from South Korea.",
    ],
)
def test_group_forms_ignore_ordinary_words(knowledge: Knowledge, sentence: str) -> None:
    assert _groups_in(knowledge, sentence) == []
