"""Weapon systems (named designations) and generic weapon phrases."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from armstrace.knowledge._table import Row, read_rows
from armstrace.knowledge.states import require_known_state
from armstrace.model import CATEGORIES

WEAPON_COLUMNS = (
    "designation",
    "family",
    "category",
    "producers",
    "manufacturer",
    "aliases",
    "ambiguous",
    "source",
)
GENERIC_COLUMNS = ("phrase", "category", "output", "needs_context", "source")
# Characters news writes in or between the parts of a designation: "F-16", "F 16", "F/A-18",
# "Su-30MKI", typographic hyphens. They are dropped when comparing.
_SEPARATORS = str.maketrans("", "", " -‐‑‒–—/._'’")
_LETTERS = str.maketrans({"ı": "i", "İ": "I", "ß": "ss"})


@dataclass(frozen=True)
class WeaponSystem:
    """A named weapon system: its canonical designation, product family and surface forms.

    `ambiguous` is true when some alias is an ordinary word or another thing's name
    ("Hawk", "Panther"); `ambiguous_aliases` says which, so "AS565" needs no context
    while "Panther" does.
    """

    designation: str
    family: str
    category: str
    producers: tuple[str, ...]
    manufacturer: str | None
    aliases: tuple[str, ...]
    ambiguous: bool
    ambiguous_aliases: tuple[str, ...] = ()

    def surface_forms(self) -> tuple[str, ...]:
        """Return the designation and every alias, without repeats."""
        return tuple(dict.fromkeys((self.designation, *self.aliases)))

    def needs_context(self, surface: str) -> bool:
        """Return whether `surface` is one of the aliases that need context to count."""
        key = designation_key(surface)
        return any(designation_key(alias) == key for alias in self.ambiguous_aliases)


@dataclass(frozen=True)
class GenericWeapon:
    """A generic weapon noun ("drone", "fighter jet") with its category and output phrase."""

    phrase: str
    category: str
    output: str
    needs_context: bool


def designation_key(surface: str) -> str:
    """Return the comparison key of a designation: case-, accent- and hyphen-blind."""
    if surface.isascii():  # the common case, and the loader computes thousands of keys
        return surface.casefold().translate(_SEPARATORS)
    text = unicodedata.normalize("NFKD", surface.translate(_LETTERS))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return text.casefold().translate(_SEPARATORS)


def _parse_weapon(row: Row, codes: frozenset[str]) -> WeaponSystem:
    producers = row.multi("producers")
    if not producers:
        raise row.fail("column 'producers' is empty; give at least the main producer")
    for code in producers:
        require_known_state(row, code, codes)
    system = WeaponSystem(
        designation=row.text("designation"),
        family=row.text("family"),
        category=row.choice("category", CATEGORIES),
        producers=producers,
        manufacturer=row.optional("manufacturer"),
        aliases=row.multi("aliases"),
        ambiguous=row.flag("ambiguous"),
        ambiguous_aliases=row.multi("ambiguous_aliases"),
    )
    row.text("source")
    forms = system.surface_forms()
    strays = [alias for alias in system.ambiguous_aliases if alias not in forms]
    if strays:
        raise row.fail(f"ambiguous_aliases {', '.join(strays)} are not aliases of this row")
    if system.ambiguous != bool(system.ambiguous_aliases):
        raise row.fail("ambiguous is 1 exactly when ambiguous_aliases lists the aliases")
    return system


def load_weapons(path: Path, codes: frozenset[str]) -> tuple[WeaponSystem, ...]:
    """Load and check weapons.csv.

    Rejects a repeated designation, and a surface form (compared by `designation_key`)
    that names systems of two families unless both rows list it as ambiguous.
    """
    systems: list[WeaponSystem] = []
    designations: dict[str, int] = {}
    by_key: dict[str, list[WeaponSystem]] = defaultdict(list)
    for row in read_rows(path, WEAPON_COLUMNS):
        system = _parse_weapon(row, codes)
        if system.designation in designations:
            raise row.fail(
                f"designation {system.designation!r} already on line "
                f"{designations[system.designation]}"
            )
        designations[system.designation] = row.line
        for form in system.surface_forms():
            key = designation_key(form)
            for other in by_key[key]:
                if other.family == system.family or other is system:
                    continue
                if not (system.needs_context(form) and other.needs_context(form)):
                    raise row.fail(
                        f"{form!r} names {other.designation!r} ({other.family}) and "
                        f"{system.designation!r} ({system.family}); list it in"
                        " ambiguous_aliases of both rows"
                    )
            if system not in by_key[key]:
                by_key[key].append(system)
        systems.append(system)
    return tuple(systems)


def load_generic_weapons(path: Path) -> tuple[GenericWeapon, ...]:
    """Load and check generic_weapons.csv (valid categories, no repeated phrase)."""
    phrases: dict[str, int] = {}
    generics: list[GenericWeapon] = []
    for row in read_rows(path, GENERIC_COLUMNS):
        generic = GenericWeapon(
            phrase=row.text("phrase"),
            category=row.choice("category", CATEGORIES),
            output=row.text("output"),
            needs_context=row.flag("needs_context"),
        )
        row.text("source")
        if generic.output != generic.output.lower():
            raise row.fail(f"output {generic.output!r} must be lower-case")
        if generic.phrase in phrases:
            raise row.fail(f"phrase {generic.phrase!r} already on line {phrases[generic.phrase]}")
        phrases[generic.phrase] = row.line
        generics.append(generic)
    return tuple(generics)


def _plural_keys(key: str) -> tuple[str, ...]:
    """Return the keys a plural or possessive key may stand for ("f16s" -> "f16")."""
    if key.endswith("s") and len(key) > 2:
        return (key[:-1],)
    return ()


class WeaponIndex:
    """Look weapon systems and generic phrases up by surface form (built once by `Knowledge`)."""

    def __init__(self, systems: Iterable[WeaponSystem], generics: Iterable[GenericWeapon]) -> None:
        self._exact: dict[str, list[WeaponSystem]] = defaultdict(list)
        self._by_key: dict[str, list[WeaponSystem]] = defaultdict(list)
        for system in systems:
            for form in system.surface_forms():
                self._exact[form].append(system)
                bucket = self._by_key[designation_key(form)]
                if system not in bucket:
                    bucket.append(system)
        self._generic: dict[str, GenericWeapon] = {}
        for generic in generics:
            self._generic[generic.phrase] = generic
            self._generic.setdefault(generic.phrase.lower(), generic)

    def systems(self, surface: str) -> tuple[WeaponSystem, ...]:
        """Return the systems `surface` may name, the file's first reading first."""
        found = self._exact.get(surface)
        if found:
            return tuple(found)
        key = designation_key(surface)
        if not key:
            return ()
        for candidate in (key, *_plural_keys(key)):
            found = self._by_key.get(candidate)
            if found:
                return tuple(found)
        return ()

    def generic(self, surface: str) -> GenericWeapon | None:
        """Return the generic phrase `surface` is (exact, lower-case, or plural of one)."""
        for candidate in (surface, surface.lower()):
            for form in (candidate, candidate[:-1] if candidate.endswith("s") else None):
                if form and form in self._generic:
                    return self._generic[form]
        return None
