"""A span of text that names a party or a weapon: the unit every stage after the scan reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

from armstrace.knowledge import GenericWeapon, WeaponSystem

PARTY_KINDS = ("state", "leader", "company", "group")
# A state written onto where a weapon was made, not who acts: "Chinese-made", "US-built".
ORIGIN_SUFFIX = re.compile(r"-(?:made|built|designed|manufactured|supplied|origin|produced)\b")
@dataclass(frozen=True)
class Mention:
    """A span of document text that names a party or a weapon.

    `kind` is one of "state", "leader", "company", "group", "weapon", "generic".
    `form` tells how a state is named: "name", "adjective" or "capital".
    """

    start: int
    end: int
    kind: str
    surface: str
    state: str | None = None
    name: str | None = None
    form: str = "name"
    weapon: WeaponSystem | None = None
    generic: GenericWeapon | None = None
    needs_context: bool = False  # an alias that is also an ordinary word or a name
    home_states: tuple[str, ...] = ()  # a multinational company's states, `state` first

    @property
    def is_party(self) -> bool:
        return self.kind in PARTY_KINDS

    @property
    def is_weapon(self) -> bool:
        return self.kind in ("weapon", "generic")

    @property
    def category(self) -> str:
        if self.weapon is not None:
            return self.weapon.category
        if self.generic is not None:
            return self.generic.category
        raise ValueError(f"{self.surface!r} is not a weapon mention")
