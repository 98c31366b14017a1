"""A catalogued system's producing state as its implied supplier, across successor states."""

from __future__ import annotations

from armstrace.extract.facts import Party
from armstrace.knowledge import WeaponSystem

# A state that ceased to exist hands its industry to its successor: a Soviet design sold
# in 2015 comes from Russia.
SUCCESSORS = {
    "SUN": ("RUS", 1992),
    "CSK": ("CZE", 1993),
    "YUG": ("SRB", 2006),
    "DDR": ("DEU", 1991),
}


def current_producer(code: str, year: int | None) -> str:
    """Return the state that produces a system in `year` (successors of former states)."""
    successor = SUCCESSORS.get(code)
    if successor is not None and year is not None and year >= successor[1]:
        return successor[0]
    return code


def same_industry(first: str | None, second: str | None) -> bool:
    """Tell whether two codes are one state's industry (a former state and its successor)."""
    if first is None or second is None:
        return False
    return (
        first == second
        or SUCCESSORS.get(first, ("",))[0] == second
        or (SUCCESSORS.get(second, ("",))[0] == first)
    )


def producer_party(system: WeaponSystem, token_index: int, year: int | None = None) -> Party | None:
    """Return the producing state of a catalogued system as an implied supplier."""
    if not system.producers:
        return None
    return Party(current_producer(system.producers[0], year), None, token_index, "producer")
