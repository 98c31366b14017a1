"""A corrected weapon brings its family and category with it, from the weapon catalogue.

Deals group records by weapon family (or, for a generic weapon, by category), so a
correction of `weapon` alone would leave the record in the deal of the old weapon.
`with_weapon_facts` completes the corrections the way the extractor names a weapon:
a catalogued system gives its designation, family and category; a generic noun
("drones") its phrase ("military drone") and category and no family; a name the catalogue lacks no
family (an open-class name has none) and the category unchanged. Fields the analyst
corrected too are kept as given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from armstrace.knowledge import Knowledge


def with_weapon_facts(fields: Mapping[str, Any], knowledge: Knowledge) -> dict[str, Any]:
    """Return the corrections with the weapon's family and category added (see module)."""
    completed = dict(fields)
    weapon = fields.get("weapon")
    if not isinstance(weapon, str):
        return completed
    system = knowledge.weapon_by_alias(weapon)
    generic = None if system else knowledge.generic_weapon(weapon)
    derived: dict[str, Any] = {"weapon_family": None}
    if system is not None:
        derived = {"weapon": system.designation, "weapon_family": system.family or None,
                   "category": system.category}
    elif generic is not None:
        derived.update(weapon=generic.output, category=generic.category)
    for name, value in derived.items():
        if name == "weapon" or name not in fields:
            completed[name] = value
    return completed
