"""Load the catalogues in knowledge/data/ and look states, weapons and actors up in them.

    knowledge = load_knowledge()
    knowledge.resolve_state("Russian", on=datetime.date(1987, 3, 1))   # "SUN"
    knowledge.weapon_by_alias("F-16s").designation                     # "F-16"
    knowledge.armed_group("Ansar Allah").name                          # "Houthis"
    knowledge.collective_at("arms from some Gulf donors", 10).text     # "some Gulf donors"
    knowledge.names.party("Turkiye").code                              # "TUR" (typed names)

Every file is checked on load; a bad row raises `ConfigError` naming the file and line.
There is no global state: the caller keeps the `Knowledge` it loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from armstrace.knowledge.actors import (
    GROUP_KINDS,
    LEADER_ROLES,
    ActorIndex,
    ArmedGroup,
    Company,
    Leader,
    is_case_sensitive,
    load_armed_groups,
    load_companies,
    load_leaders,
)
from armstrace.knowledge.collectives import (
    Collective,
    CollectiveMatch,
    CollectiveMatcher,
    load_collectives,
)
from armstrace.knowledge.names import NameResolver, PartyName, WeaponName
from armstrace.knowledge.states import State, StateIndex, load_non_state_phrases, load_states
from armstrace.knowledge.weapons import (
    GenericWeapon,
    WeaponIndex,
    WeaponSystem,
    designation_key,
    load_generic_weapons,
    load_weapons,
)

DATA_DIR = Path(__file__).parent / "data"


# Forms of state a description may name ("the kingdom", "the emirate"), and the words of
# official names that give a state each form.
STATE_FORM_WORDS: dict[str, frozenset[str]] = {
    "kingdom": frozenset({"kingdom"}),
    "emirate": frozenset({"emirate", "emirates"}),
    "sultanate": frozenset({"sultanate"}),
    "republic": frozenset({"republic"}),
    "principality": frozenset({"principality"}),
    "federation": frozenset({"federation"}),
}


@dataclass(frozen=True)
class Knowledge:
    """The loaded catalogues, with look-ups by surface form and date."""

    states: tuple[State, ...]
    weapons: tuple[WeaponSystem, ...]
    generic_weapons: tuple[GenericWeapon, ...]
    leaders: tuple[Leader, ...]
    companies: tuple[Company, ...]
    armed_groups: tuple[ArmedGroup, ...]
    # Phrases that contain a state's form but name no state ("Latin America", "New Mexico",
    # "Persian Gulf"): matchers add them so that the longer phrase wins over the state.
    non_state_phrases: tuple[str, ...] = ()
    # Words that name several or unnamed actors ("western powers", "some Gulf donors"):
    # neither a state nor a named group (collectives.py has the grammar).
    collectives: tuple[Collective, ...] = ()
    _state_index: StateIndex = field(init=False, repr=False, compare=False)
    _weapon_index: WeaponIndex = field(init=False, repr=False, compare=False)
    _actor_index: ActorIndex = field(init=False, repr=False, compare=False)
    _collective_matcher: CollectiveMatcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen dataclass: the indexes are derived once here and never change afterwards.
        object.__setattr__(self, "_state_index", StateIndex(self.states))
        object.__setattr__(self, "_weapon_index", WeaponIndex(self.weapons, self.generic_weapons))
        object.__setattr__(
            self, "_actor_index", ActorIndex(self.leaders, self.companies, self.armed_groups)
        )
        state_forms = [form for state in self.states for form in state.surface_forms()]
        object.__setattr__(
            self, "_collective_matcher", CollectiveMatcher(self.collectives, state_forms)
        )

    def __repr__(self) -> str:
        return (
            f"Knowledge({len(self.states)} states, {len(self.weapons)} weapons, "
            f"{len(self.generic_weapons)} generic weapons, {len(self.leaders)} leaders, "
            f"{len(self.companies)} companies, {len(self.armed_groups)} armed groups, "
            f"{len(self.collectives)} collective words)"
        )

    @cached_property
    def state_forms(self) -> dict[str, frozenset[str]]:
        """Return, by state code, the forms of state its official names give it ("Kingdom
        of Saudi Arabia": kingdom; "Sultanate of Oman": sultanate; "United Arab Emirates":
        emirate), for descriptions that point back to a state ("the kingdom")."""
        forms: dict[str, set[str]] = {}
        for state in self.states:
            words = {w.lower() for name in (state.name, *state.names) for w in name.split()}
            found = {form for form, spellings in STATE_FORM_WORDS.items() if words & spellings}
            forms.setdefault(state.iso3, set()).update(found)
        return {code: frozenset(found) for code, found in forms.items() if found}

    @cached_property
    def names(self) -> NameResolver:
        """Return the resolver of names users type in filters ("russian", "F16"), built once.

        Built on first use only: extraction never needs it.
        """
        return NameResolver(self.states, self.armed_groups, self.weapons, self.generic_weapons)

    def resolve_state(self, surface: str, on: dt.date | None = None) -> str | None:
        """Return the ISO code `surface` names on the date `on`, case-sensitively.

        "U.S." gives "USA"; "Russian" gives "SUN" on 1987-03-01 and "RUS" in 2019. With
        `on` None the state that exists now is preferred. None when the form is unknown
        or names several states at that date ("Congo").
        """
        return self._state_index.resolve(surface, on)

    def states_named(self, surface: str) -> tuple[State, ...]:
        """Return every state row (any period) that `surface` names."""
        return self._state_index.candidates(surface)

    def resolve_leader(self, surface: str, on: dt.date | None = None) -> str | None:
        """Return the state of the leader `surface` names who is in office on `on`.

        None when nobody of that name is in office then, or when the name fits leaders of
        several states ("Kim" in 2021). With `on` None every term counts.
        """
        codes = {leader.state for leader in self.leaders_named(surface, on)}
        return codes.pop() if len(codes) == 1 else None

    def leaders_named(self, surface: str, on: dt.date | None = None) -> tuple[Leader, ...]:
        """Return the leaders `surface` names who are in office on `on` (any time if None)."""
        return self._actor_index.leaders(surface, on)

    def weapon_by_alias(self, surface: str) -> WeaponSystem | None:
        """Return the system `surface` names: its first reading when the alias is ambiguous.

        Matching is exact first, then blind to case, hyphens, spaces and a plural "s"
        ("F16", "F-16s", "Mirage-2000").
        """
        systems = self._weapon_index.systems(surface)
        return systems[0] if systems else None

    def weapons_by_alias(self, surface: str) -> tuple[WeaponSystem, ...]:
        """Return every system `surface` may name ("Hawk": the jet and the missile)."""
        return self._weapon_index.systems(surface)

    def generic_weapon(self, surface: str) -> GenericWeapon | None:
        """Return the generic phrase entry for `surface` ("drones" -> drone, uav)."""
        return self._weapon_index.generic(surface)

    def company(self, surface: str) -> Company | None:
        """Return the company `surface` names ("General Dynamics Corp", "<Agusta Spa>")."""
        return self._actor_index.company(surface)

    def company_state(self, surface: str) -> str | None:
        """Return the state of the company `surface` names, or None if unknown."""
        company = self._actor_index.company(surface)
        return company.state if company else None

    def armed_group(self, surface: str) -> ArmedGroup | None:
        """Return the non-state armed group `surface` names, or None."""
        return self._actor_index.armed_group(surface)

    def group_surface_forms(self) -> Iterator[tuple[str, ArmedGroup, bool]]:
        """Yield every group name and alias with its group and whether case must match.

        Acronyms and short forms ("RSF", "FARC-EP", "Fano") must match as written; other
        names ("Hezbollah", "al-Shabaab") may match in any case.
        """
        for group in self.armed_groups:
            for form in group.surface_forms():
                yield form, group, is_case_sensitive(form)

    def collective_at(self, text: str, start: int) -> CollectiveMatch | None:
        """Return the vague collective that begins at `start` in `text`, or None.

        "Nato allies", "some Gulf donors", "Ukraine's Western partners", "an unnamed buyer",
        "the Saudi-led coalition": the longest reading that starts exactly there. Asked at
        a state's mention ("US" in "US allies"), a match says the state is no party.
        """
        return self._collective_matcher.match_at(text, start)

    def collectives_in(self, text: str) -> tuple[CollectiveMatch, ...]:
        """Return every vague collective in `text`, left to right, without overlaps."""
        return tuple(self._collective_matcher.find_all(text))

    def is_collective(self, phrase: str) -> bool:
        """Tell whether the whole of `phrase` names a vague collective ("western powers")."""
        stripped = phrase.strip()
        found = self._collective_matcher.match_at(stripped, 0)
        return found is not None and found.end == len(stripped)

    def state_surface_forms(self) -> Iterator[tuple[str, State]]:
        """Yield every name, adjective and capital with its state row, for matchers."""
        for state in self.states:
            for form in state.surface_forms():
                yield form, state

    def weapon_surface_forms(self) -> Iterator[tuple[str, WeaponSystem]]:
        """Yield every designation and alias with its system, for matchers."""
        for system in self.weapons:
            for form in system.surface_forms():
                yield form, system


def load_knowledge(data_dir: Path | None = None) -> Knowledge:
    """Load and check every catalogue in `data_dir` (default: the packaged data)."""
    folder = DATA_DIR if data_dir is None else Path(data_dir)
    states = load_states(folder / "states.csv")
    codes = frozenset(state.iso3 for state in states)
    weapons = load_weapons(folder / "weapons.csv", codes)
    designations = frozenset(system.designation for system in weapons)
    return Knowledge(
        states=states,
        weapons=weapons,
        generic_weapons=load_generic_weapons(folder / "generic_weapons.csv"),
        leaders=load_leaders(folder / "leaders.csv", codes),
        companies=load_companies(folder / "companies.csv", codes, designations),
        armed_groups=load_armed_groups(folder / "armed_groups.csv", codes),
        non_state_phrases=load_non_state_phrases(folder / "non_state_phrases.csv", states),
        collectives=load_collectives(folder / "collectives.csv"),
    )


__all__ = [
    "ArmedGroup",
    "Collective",
    "CollectiveMatch",
    "Company",
    "DATA_DIR",
    "GROUP_KINDS",
    "GenericWeapon",
    "Knowledge",
    "LEADER_ROLES",
    "Leader",
    "NameResolver",
    "PartyName",
    "State",
    "WeaponName",
    "WeaponSystem",
    "designation_key",
    "load_knowledge",
]
