"""Weapon systems and generic weapon phrases."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from armstrace.knowledge import Knowledge, designation_key
from armstrace.model import CATEGORIES

from .conftest import shared_file


def _gold_named_weapons(*parts: str) -> list[tuple[str, str, str]]:
    path = shared_file(*parts)
    named = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["weapon_family"]:
            named.add((record["weapon"], record["weapon_family"], record["category"]))
    return sorted(named)


@pytest.mark.parametrize(
    "gold", [("seed", "turkey-serbia-drones.gold.jsonl"), ("dev", "gold.jsonl")]
)
def test_weapon_by_alias_resolves_every_gold_designation(
    knowledge: Knowledge, gold: tuple[str, str]
) -> None:
    for weapon, family, category in _gold_named_weapons(*gold):
        system = knowledge.weapon_by_alias(weapon)
        assert system is not None, weapon
        assert (system.designation, system.family, system.category) == (
            weapon,
            family,
            category,
        )


@pytest.mark.parametrize(
    ("surface", "designation", "family"),
    [
        ("F16", "F-16", "F-16"),
        ("F-16s", "F-16", "F-16"),
        ("Fighting Falcon", "F-16", "F-16"),
        ("Mirage-2000", "Mirage 2000", "Mirage"),
        ("Mirage", "Mirage", "Mirage"),
        ("M-1A", "M1A1 Abrams", "Abrams"),
        ("M-1A1", "M1A1 Abrams", "Abrams"),
        ("Abrams", "M1A1 Abrams", "Abrams"),
        ("M-48", "M48 Patton", "Patton"),
        ("TB2", "Bayraktar TB2", "Bayraktar"),
        ("Bayraktars", "Bayraktar TB2", "Bayraktar"),
        ("AWACS", "E-3 Sentry", "E-3 Sentry"),
        ("Mongoose", "A129 Mangusta", "A129"),
        ("Lynx III", "Lynx 3", "Lynx"),
        ("Bell 412 SP", "Bell 412", "Bell 412"),
        ("F-18", "F/A-18 Hornet", "F/A-18 Hornet"),
        ("MI-24", "Mi-24", "Mi-24"),
        ("Improved Hawk", "I-Hawk", "MIM-23 Hawk"),
        ("Hawk Mk 66", "Hawk Mk 66", "Hawk"),
        ("patriot", "Patriot", "Patriot"),
        ("S-300PMU-2", "S-300", "S-300"),
        ("Su-30MKI", "Su-30", "Su-30"),
        ("Leopard 2A6", "Leopard 2", "Leopard 2"),
        ("Kilo-class", "Kilo class", "Kilo"),
        ("Scorpene", "Scorpène", "Scorpène"),
        ("Akıncı", "Bayraktar Akinci", "Bayraktar"),
        ("KAAN", "KAAN", "KAAN"),
        ("TF-X", "KAAN", "KAAN"),
        ("Shahed 136", "Shahed-136", "Shahed"),
    ],
)
def test_weapon_by_alias_tolerates_spelling_variants(
    knowledge: Knowledge, surface: str, designation: str, family: str
) -> None:
    system = knowledge.weapon_by_alias(surface)
    assert system is not None
    assert (system.designation, system.family) == (designation, family)


@pytest.mark.parametrize("surface", ["", "Gripen-X", "drone", "Spitfire Mk 99"])
def test_weapon_by_alias_returns_none_for_unknown(knowledge: Knowledge, surface: str) -> None:
    assert knowledge.weapon_by_alias(surface) is None


@pytest.mark.parametrize(
    ("surface", "families"),
    [
        ("Hawk", {"Hawk", "MIM-23 Hawk"}),
        ("Panther", {"Panther", "KF51 Panther"}),
        ("Lynx", {"Lynx", "Lynx KF41"}),
        ("Javelin", {"Javelin", "Shorts Javelin"}),
    ],
)
def test_weapons_by_alias_lists_every_reading_of_an_ambiguous_alias(
    knowledge: Knowledge, surface: str, families: set[str]
) -> None:
    systems = knowledge.weapons_by_alias(surface)
    assert {system.family for system in systems} == families
    assert all(system.needs_context(surface) for system in systems)


@pytest.mark.parametrize(
    ("surface", "designation"),
    [("Panther", "AS565 Panther"), ("Patriot", "Patriot"), ("Harpoon", "AGM-84 Harpoon")],
)
def test_weapon_needs_context_only_for_listed_aliases(
    knowledge: Knowledge, surface: str, designation: str
) -> None:
    system = knowledge.weapon_by_alias(surface)
    assert system is not None and system.designation == designation
    assert system.ambiguous and system.needs_context(surface)
    assert not system.needs_context(designation) or designation == surface


def test_weapon_aliases_cross_families_only_when_marked_ambiguous(knowledge: Knowledge) -> None:
    by_key = defaultdict(set)
    for form, system in knowledge.weapon_surface_forms():
        by_key[designation_key(form)].add((system.family, system.needs_context(form)))
    clashes = {
        key: readings
        for key, readings in by_key.items()
        if len({family for family, _ in readings}) > 1 and not all(a for _, a in readings)
    }
    assert clashes == {}


def test_weapons_catalogue_has_at_least_500_systems(knowledge: Knowledge) -> None:
    assert len(knowledge.weapons) >= 500


# Named systems of category "other" are rare by design: "other" is for unnamed arms.
@pytest.mark.parametrize("category", [c for c in CATEGORIES if c != "other"])
def test_weapons_catalogue_covers_every_category_but_other(
    knowledge: Knowledge, category: str
) -> None:
    assert any(system.category == category for system in knowledge.weapons)


def test_weapons_have_valid_categories_and_producers(knowledge: Knowledge) -> None:
    codes = {state.iso3 for state in knowledge.states}
    for system in knowledge.weapons:
        assert system.category in CATEGORIES
        assert system.producers and set(system.producers) <= codes


@pytest.mark.parametrize(
    ("designation", "producers"),
    [("Tornado", ("GBR", "DEU", "ITA")), ("Roland", ("FRA", "DEU")), ("L-39", ("CSK", "CZE"))],
)
def test_weapons_list_multinational_producers_main_first(
    knowledge: Knowledge, designation: str, producers: tuple[str, ...]
) -> None:
    system = knowledge.weapon_by_alias(designation)
    assert system is not None and system.producers == producers


@pytest.mark.parametrize(
    ("surface", "category", "output", "needs_context"),
    [
        ("drone", "uav", "military drone", False),
        ("drones", "uav", "military drone", False),
        ("UAV", "uav", "military drone", False),
        ("unmanned aerial vehicle", "uav", "military drone", False),
        ("fighter jets", "aircraft", "fighter jet", False),
        ("warplanes", "aircraft", "warplane", False),
        ("fighter", "aircraft", "fighter jet", True),
        ("helicopter gunship", "helicopter", "helicopter gunship", False),
        ("armored personnel carrier", "armoured vehicle", "armoured personnel carrier", False),
        ("armoured personnel carrier", "armoured vehicle", "armoured personnel carrier", False),
        ("howitzers", "artillery", "howitzer", False),
        ("air defense system", "air defence", "air defence system", False),
        ("surface-to-air missile", "air defence", "surface-to-air missile", False),
        ("anti-ship missile", "missile", "anti-ship missile", False),
        ("rocket", "missile", "rocket", True),
        ("frigates", "ship", "frigate", False),
        ("submarine", "submarine", "submarine", False),
        ("small arms", "small arms", "small arms", False),
        ("shells", "ammunition", "shell", True),
        ("radar", "sensor", "radar", False),
        ("engine", "engine", "engine", True),
        ("arms", "other", "arms", False),
        ("weaponry", "other", "weaponry", False),
        ("military hardware", "other", "military hardware", False),
        ("spare parts", "other", "spare part", False),
        ("equipment", "other", "military equipment", True),
    ],
)
def test_generic_weapon_maps_phrases_to_category_and_output(
    knowledge: Knowledge, surface: str, category: str, output: str, needs_context: bool
) -> None:
    generic = knowledge.generic_weapon(surface)
    assert generic is not None
    assert (generic.category, generic.output, generic.needs_context) == (
        category,
        output,
        needs_context,
    )


def test_generic_weapons_outputs_are_lower_case_and_categories_valid(
    knowledge: Knowledge,
) -> None:
    for generic in knowledge.generic_weapons:
        assert generic.output == generic.output.lower()
        assert generic.category in CATEGORIES
