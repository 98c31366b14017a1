"""SIPRI's designations as extra weapon systems, so extraction recognises them.

After `armstrace sipri import`, the designations of the imported release join the
catalogue of `knowledge/data/weapons.csv` for the extractor of `ingest` and
`reextract`: each designation SIPRI writes, in the spellings news uses (`M-777` is
also `M777` and `M 777`, `PzH-2000 155mm` is also `PzH 2000`, `Storm Shadow/SCALP-EG`
is also `SCALP`), and the variants and local names its comments give ("Rafale F4
version", "Indian designation Vajra-T"). A form the catalogue knows already is left
to the catalogue; a designation of a known family (`F-16C` of `F-16`) takes that
family's family, category and producers; any other takes its category from SIPRI's
description and names no producer, so a record of it needs a stated supplier.

Nothing here is global: `knowledge_with_sipri` returns a new `Knowledge` that the
caller passes to `Extractor(knowledge=...)`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from armstrace.knowledge import Knowledge, WeaponSystem, designation_key
from armstrace.sipri.designations import (
    CALIBRE as _CALIBRE,
)
from armstrace.sipri.designations import (
    bare_designation,
    description_category,
    designation_forms,
)
from armstrace.sipri.rows import SipriRow

# A hyphen between a code's letters and its number: "M-777", "PzH-2000", "Type-056".
_CODE_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=\d)")
# A name with a short variant code after a hyphen: "SCALP-EG" is news's "SCALP".
_NAME_AND_VARIANT = re.compile(r"^([A-Z][A-Za-z]{3,})-[A-Z]{1,3}$")
# A variant code after the number: "F-16C", "Mi-24V", "T-72B3" are of "F-16", "Mi-24", "T-72".
_VARIANT_SUFFIX = re.compile(r"^(.*?[A-Za-z]-?\d+)[A-Z][A-Za-z0-9]{0,3}$")
# What SIPRI's comments say of a local name or a variant.
_LOCAL_DESIGNATION = re.compile(
    r"\bdesignation:? ([A-Z0-9][\w.-]*(?: [A-Z0-9][\w.-]*){0,2})")
_VARIANT_VERSION = re.compile(r"\b([A-Z][\w.-]*(?: [A-Z0-9][\w.-]*){0,2}) version\b")
# The shortest key a form may have to be looked for in news (not "M", "T").
_SHORTEST_KEY = 3


def knowledge_with_sipri(knowledge: Knowledge, rows: Iterable[SipriRow]) -> Knowledge:
    """Return `knowledge` with the weapon systems of SIPRI's `rows` it does not know."""
    extra = sipri_weapon_systems(rows, knowledge)
    if not extra:
        return knowledge
    return dataclasses.replace(knowledge, weapons=(*knowledge.weapons, *extra))


def sipri_weapon_systems(
    rows: Iterable[SipriRow], knowledge: Knowledge
) -> tuple[WeaponSystem, ...]:
    """Return a system per SIPRI designation with forms the catalogue does not know."""
    by_designation: dict[str, list[SipriRow]] = {}
    for row in rows:
        by_designation.setdefault(row.designation, []).append(row)
    taken: set[str] = set()
    systems = []
    for designation, its_rows in by_designation.items():
        system = _system(designation, its_rows, knowledge, taken)
        if system is not None:
            systems.append(system)
    return tuple(systems)


def news_forms(designation: str) -> tuple[str, ...]:
    """Return the ways news writes a SIPRI designation ("M-777": "M777", "M 777").

    "PzH-2000 155mm" is "PzH-2000", "PzH2000", "PzH 2000"; "Storm Shadow/SCALP-EG" is
    "Storm Shadow", "SCALP-EG", "SCALP"; "F/A-18E" is not a pair.
    """
    written = designation_forms(designation)
    forms: list[str] = []
    for form in written:
        if _CALIBRE.search(form) or ("/" in form and len(written) > 1):
            continue  # news drops the calibre, and writes one name of a slash pair
        forms.append(form)
        if _CODE_HYPHEN.search(form):
            forms += [_CODE_HYPHEN.sub("", form), _CODE_HYPHEN.sub(" ", form)]
        named = _NAME_AND_VARIANT.match(form)
        if named:
            forms.append(named.group(1))
    return tuple(dict.fromkeys(forms))


def comment_aliases(comments: str) -> tuple[str, ...]:
    """Return the local names and variants a SIPRI comment gives.

    "Indian designation Vajra-T" gives "Vajra-T"; "Rafale F4 version" gives "Rafale F4"
    (a version's name must hold a number: "ASW version" names no system).
    """
    found = [match.group(1) for match in _LOCAL_DESIGNATION.finditer(comments)]
    found += [match.group(1) for match in _VARIANT_VERSION.finditer(comments)
              if any(char.isdigit() for char in match.group(1))]
    return tuple(dict.fromkeys(alias.rstrip(".-") for alias in found))


def _system(designation: str, rows: list[SipriRow], knowledge: Knowledge,
            taken: set[str]) -> WeaponSystem | None:
    forms = list(news_forms(designation))
    for row in rows:
        for alias in comment_aliases(row.comments):
            forms += news_forms(alias)
    keys = {form: designation_key(form) for form in forms}
    new = [form for form, key in keys.items()
           if len(key) >= _SHORTEST_KEY and key not in taken
           and not knowledge.weapons_by_alias(form)
           and knowledge.generic_weapon(form) is None  # "military drone" names no system
           and knowledge.resolve_state(form) is None]
    if not new:
        return None
    taken.update(keys[form] for form in new)
    known = _known_system(forms, knowledge)
    if known is not None:
        family, category, producers = known.family, known.category, known.producers
    else:
        family = bare_designation(designation)
        category = _category(rows)
        producers = ()
    ambiguous = tuple(form for form in new if _needs_context(form))
    return WeaponSystem(
        designation=new[0], family=family, category=category, producers=producers,
        manufacturer=None, aliases=tuple(new[1:]), ambiguous=bool(ambiguous),
        ambiguous_aliases=ambiguous,
    )


def _known_system(forms: list[str], knowledge: Knowledge) -> WeaponSystem | None:
    """Return the catalogue's system some form names, or the family of a variant's base."""
    for form in forms:
        systems = knowledge.weapons_by_alias(form)
        if len(systems) == 1:
            return systems[0]
    for form in forms:
        base = _VARIANT_SUFFIX.match(form)
        candidates = [base.group(1)] if base else []
        candidates += [word for word in form.split() if len(word) >= 4 and word != form]
        for candidate in candidates:
            systems = knowledge.weapons_by_alias(candidate)
            if len(systems) == 1 and not systems[0].needs_context(candidate):
                return systems[0]
    return None


def _category(rows: list[SipriRow]) -> str:
    for row in rows:
        category = description_category(row.description)
        if category is not None:
            return category
    return "other"


def _needs_context(form: str) -> bool:
    """Tell whether a form may be an ordinary word or a name ("Gazelle", "Storm Shadow").

    A form with a number ("M-777", "Bayraktar TB2"), a hyphen or a slash ("Vajra-T",
    "Storm Shadow/SCALP-EG") or an acronym of four letters or more ("ASRAAM") names the
    weapon alone.
    """
    if any(char.isdigit() or char in "-/" for char in form):
        return False
    return not (form.isupper() and len(form) >= 4)
