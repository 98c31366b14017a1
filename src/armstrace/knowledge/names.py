"""Read the names a user types for a party or a weapon as the codes the register stores.

    names = load_knowledge().names
    names.party("russian").code                  # "RUS"
    names.party("Turkiye").code                  # "TUR"
    names.party("hezbollah").name                # "Hezbollah" (a non-state party)
    names.weapon("F16C").filter_value            # "F-16"
    names.weapon("Bayraktar").family             # "Bayraktar" (every system of the family)
    names.party("Rusia")                         # UnknownNameError: ... close: Russia (RUS) ...

A filter option (`--supplier`, `?recipient=`, a watchlist) takes any of these; a name
armstrace cannot read, or one that names several things, is one `UnknownNameError` line
that lists the close or possible readings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

import pycountry
from rapidfuzz import fuzz, process

from armstrace.errors import UnknownNameError
from armstrace.knowledge.actors import ArmedGroup, fold_accents
from armstrace.knowledge.states import State
from armstrace.knowledge.weapons import GenericWeapon, WeaponSystem, designation_key

# Close matches shown in an error: enough to spot a typo, few enough for one line.
SUGGESTIONS = 5
# rapidfuzz QRatio (0-100) below which a name is no "close match": "Rusia" scores 91 with
# "Russia", "Rafael" 83 with "Rafale", "Xyz" under 60 with every state.
SUGGESTION_CUTOFF = 70

Entry = TypeVar("Entry")


@dataclass(frozen=True)
class PartyName:
    """A party a user named: a state's ISO code, or a non-state party's catalogue name."""

    code: str | None
    name: str | None
    label: str  # as shown back to the user: "RUS (Russia)", "Hezbollah (non-state)"

    @property
    def filter_value(self) -> str:
        """Return the value a store filter compares: the code, else the non-state name."""
        return self.code or self.name or ""


@dataclass(frozen=True)
class WeaponName:
    """A weapon a user named: one catalogue system, a whole family, or a generic phrase.

    `designation` is set when one system is meant ("F-16C" means the F-16), `family`
    alone when the name is a family's ("Bayraktar": every Bayraktar system), `generic`
    when the name is a generic phrase ("drones" -> "military drone", as records store it).
    """

    designation: str | None
    family: str | None
    generic: str | None
    category: str

    @property
    def filter_value(self) -> str:
        """Return the value a store filter compares with a weapon or its family."""
        return self.designation or self.family or self.generic or ""


def fold_name(text: str) -> str:
    """Return the key two spellings of one name share: no case, accents, dots or extra spaces."""
    return " ".join(fold_accents(text).casefold().replace(".", "").split())


def _add_once(table: dict[str, list[Entry]], key: str, entry: Entry) -> None:
    """Append `entry` to the list under `key` unless it is there already."""
    bucket = table[key]
    if entry not in bucket:
        bucket.append(entry)


class NameResolver:
    """Resolve user-typed party and weapon names against the catalogues (built once)."""

    def __init__(
        self,
        states: Iterable[State],
        groups: Iterable[ArmedGroup],
        systems: Iterable[WeaponSystem],
        generics: Iterable[GenericWeapon],
    ) -> None:
        self._state_names: dict[str, str] = {}
        self._states_by_form: dict[str, list[State]] = defaultdict(list)
        for state in states:
            self._state_names.setdefault(state.iso3, state.name)
            if state.valid_to is None:
                self._state_names[state.iso3] = state.name  # today's name wins
            forms = (*state.surface_forms(), *(form + "s" for form in state.adjectives))
            for form in forms:
                _add_once(self._states_by_form, fold_name(form), state)
        self._groups: dict[str, list[ArmedGroup]] = defaultdict(list)
        for group in groups:
            for form in group.surface_forms():
                _add_once(self._groups, fold_name(form), group)
        self._systems_by_key: dict[str, list[WeaponSystem]] = defaultdict(list)
        self._families: dict[str, tuple[str, str]] = {}  # key -> (family, category)
        for system in systems:
            self._families.setdefault(designation_key(system.family),
                                      (system.family, system.category))
            for form in system.surface_forms():
                _add_once(self._systems_by_key, designation_key(form), system)
        self._generics: dict[str, GenericWeapon] = {}
        for generic in generics:
            self._generics.setdefault(fold_name(generic.phrase), generic)
            self._generics.setdefault(fold_name(generic.phrase) + "s", generic)
            self._generics.setdefault(fold_name(generic.output), generic)
        self._party_choices = self._party_suggestions()
        self._weapon_choices = self._weapon_suggestions()

    # --- parties ---------------------------------------------------------------------------

    def party(self, text: str, role: str = "party") -> PartyName:
        """Return the state or non-state party `text` names; raise `UnknownNameError` if none.

        Taken, in this order: an ISO 3166 alpha-3 code in any case ("usa"), a name,
        demonym, capital or alias of the state catalogue in any case or accents
        ("russians", "Turkiye"), ISO names and alpha-2 codes ("Viet Nam", "Korea,
        Republic of", "GB"), then an armed group's name or alias ("hezbollah"). A name of
        several states today ("Congo") is refused with its readings. `role` names the
        option in messages ("supplier").
        """
        wanted = text.strip()
        if not wanted:
            raise UnknownNameError(f"{role}: an empty name names no party", role=role)
        codes = self._state_codes(wanted)
        if len(codes) > 1:
            readings = ", ".join(self._state_label(code) for code in codes)
            raise UnknownNameError(
                f"{role} {wanted!r} names several states: {readings}; give one of the codes",
                suggestions=codes, ambiguous=True, role=role)
        if codes:
            return PartyName(codes[0], None, self._state_label(codes[0]))
        groups = self._groups.get(fold_name(wanted), [])
        if len(groups) == 1:
            return PartyName(None, groups[0].name, f"{groups[0].name} (non-state)")
        if groups:
            readings = ", ".join(group.name for group in groups)
            raise UnknownNameError(
                f"{role} {wanted!r} names several armed groups: {readings}; give the full name",
                suggestions=tuple(group.name for group in groups), ambiguous=True, role=role)
        close = self._close(wanted, self._party_choices)
        hint = f"; close: {', '.join(close)}" if close else "; give an ISO3 code or a name"
        raise UnknownNameError(
            f"{role} {wanted!r} names no state or armed group armstrace knows{hint}",
            suggestions=close, role=role)

    def _state_codes(self, wanted: str) -> tuple[str, ...]:
        if len(wanted) == 3 and wanted.isalpha() and wanted.upper() in self._state_names:
            return (wanted.upper(),)
        states = self._states_by_form.get(fold_name(wanted), [])
        current = [state.iso3 for state in states if state.valid_to is None]
        codes = tuple(dict.fromkeys(current or [state.iso3 for state in states]))
        if codes:
            return codes
        return self._iso_code(wanted)

    def _iso_code(self, wanted: str) -> tuple[str, ...]:
        """Return the code ISO 3166 (pycountry) gives a name or alpha-2 code, if we list it."""
        for table in (pycountry.countries, pycountry.historic_countries):
            try:
                found = table.lookup(wanted)
            except LookupError:
                continue
            if found.alpha_3 in self._state_names:
                return (found.alpha_3,)
        return ()

    def _state_label(self, code: str) -> str:
        return f"{code} ({self._state_names[code]})"

    def _party_suggestions(self) -> dict[str, str]:
        """Return every form a party may be typed as, with the label a suggestion shows."""
        choices: dict[str, str] = {}
        for form, states in self._states_by_form.items():
            current = [state.iso3 for state in states if state.valid_to is None]
            codes = dict.fromkeys(current or [state.iso3 for state in states])
            choices[form] = " or ".join(
                f"{self._state_names[code]} ({code})" for code in codes)
        for form, groups in self._groups.items():
            choices.setdefault(form, " or ".join(group.name for group in groups))
        return choices

    # --- weapons ---------------------------------------------------------------------------

    def weapon(self, text: str, role: str = "weapon") -> WeaponName:
        """Return the system, family or generic weapon `text` names; raise if none or several.

        Names compare blind to case, accents, hyphens, spaces and a plural "s" ("F16",
        "f-16s", "S400"), through every alias ("Fighting Falcon", "F-16C"). A family's
        name means the whole family ("Bayraktar"); a name of systems of several
        families ("Hawk": the jet and the missile) is refused with its readings.
        """
        wanted = text.strip()
        key = designation_key(wanted)
        if not key:
            raise UnknownNameError(f"{role}: an empty name names no weapon", role=role)
        systems = self._systems(key)
        family = self._families.get(key)
        if family is None and not systems and key.endswith("s"):
            family = self._families.get(key[:-1])  # "Bayraktars"
        families = dict.fromkeys(
            [*([family[0]] if family else []), *(system.family for system in systems)])
        if len(families) > 1:
            readings = tuple(dict.fromkeys(
                [*([family[0]] if family else []), *(system.designation for system in systems)]))
            raise UnknownNameError(
                f"{role} {wanted!r} names systems of several families: "
                f"{', '.join(readings)}; give one of them", suggestions=readings,
                ambiguous=True, role=role)
        if family is not None:
            return WeaponName(None, family[0], None, family[1])
        if len(systems) == 1:
            system = systems[0]
            return WeaponName(system.designation, system.family, None, system.category)
        if systems:  # several systems of one family: the family
            return WeaponName(None, systems[0].family, None, systems[0].category)
        generic = self._generics.get(fold_name(wanted))
        if generic is not None:
            return WeaponName(None, None, generic.output, generic.category)
        close = self._close(wanted, self._weapon_choices)
        hint = f"; close: {', '.join(close)}" if close else ""
        raise UnknownNameError(
            f"{role} {wanted!r} names no weapon system, family or generic weapon armstrace "
            f"knows{hint}", suggestions=close, role=role)

    def _systems(self, key: str) -> list[WeaponSystem]:
        found = self._systems_by_key.get(key)
        if not found and key.endswith("s") and len(key) > 2:
            found = self._systems_by_key.get(key[:-1])
        return list(found or ())

    def _weapon_suggestions(self) -> dict[str, str]:
        choices: dict[str, str] = {}
        for systems in self._systems_by_key.values():
            for system in systems:
                for form in system.surface_forms():
                    choices.setdefault(fold_name(form), system.designation)
        for family, _ in self._families.values():
            choices.setdefault(fold_name(family), family)
        for generic in self._generics.values():
            choices.setdefault(fold_name(generic.phrase), generic.phrase)
        return choices

    # --- both ------------------------------------------------------------------------------

    @staticmethod
    def _close(wanted: str, choices: dict[str, str]) -> tuple[str, ...]:
        """Return the labels of the forms closest to `wanted`, best first, each label once."""
        found = process.extract(fold_name(wanted), list(choices), scorer=fuzz.QRatio,
                                limit=SUGGESTIONS * 4, score_cutoff=SUGGESTION_CUTOFF)
        labels = dict.fromkeys(choices[form] for form, _, _ in found)
        return tuple(labels)[:SUGGESTIONS]
