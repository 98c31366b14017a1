"""States: ISO codes with the names, adjectives and capitals that stand for them in news."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pycountry

from armstrace.knowledge._table import Row, read_rows

STATE_COLUMNS = (
    "iso3",
    "name",
    "names",
    "adjectives",
    "capitals",
    "valid_from",
    "valid_to",
    "ambiguous",
    "source",
)
# ISO 3166-1 has no code for Kosovo; XKX is the user-assigned code the EU and the IMF use.
EXTRA_CODES = frozenset({"XKX"})
_ISO3 = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class State:
    """A state in one period, with every surface form that names it in that period.

    A code may have several rows, one per period (West Germany with "Bonn" to 1990,
    Germany with "Berlin" from 1991). `ambiguous_forms` lists the forms that are also
    ordinary words or other places ("Georgia"), so a caller can demand more context.
    """

    iso3: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]
    valid_from: int | None
    valid_to: int | None
    ambiguous: bool
    ambiguous_forms: tuple[str, ...] = ()

    def surface_forms(self) -> tuple[str, ...]:
        """Return the name, other names, adjectives and capitals, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.names, *self.adjectives, *self.capitals)))

    def valid_on(self, year: int) -> bool:
        """Return whether the state existed (in this row's form) in `year`."""
        if self.valid_from is not None and year < self.valid_from:
            return False
        return self.valid_to is None or year <= self.valid_to

    def needs_context(self, surface: str) -> bool:
        """Return whether `surface` is one of this state's forms that need more context."""
        return surface in self.ambiguous_forms


def known_iso3_codes() -> frozenset[str]:
    """Return the codes a knowledge file may use: ISO 3166-1, ISO 3166-3 and Kosovo's XKX."""
    current = {country.alpha_3 for country in pycountry.countries}
    former = {country.alpha_3 for country in pycountry.historic_countries}
    return frozenset(current | former | EXTRA_CODES)


def check_iso3(row: Row, code: str, known: frozenset[str]) -> str:
    """Return `code` when it is a known alpha-3 code, else raise naming the row."""
    if not _ISO3.fullmatch(code) or code not in known:
        raise row.fail(f"{code!r} is not an ISO 3166 alpha-3 code (or XKX for Kosovo)")
    return code


def _parse_state(row: Row, known: frozenset[str]) -> State:
    iso3 = check_iso3(row, row.text("iso3"), known)
    valid_from, valid_to = row.year("valid_from"), row.year("valid_to")
    if valid_from is not None and valid_to is not None and valid_from > valid_to:
        raise row.fail(f"valid_from {valid_from} is after valid_to {valid_to}")
    state = State(
        iso3=iso3,
        name=row.text("name"),
        names=row.multi("names"),
        adjectives=row.multi("adjectives"),
        capitals=row.multi("capitals"),
        valid_from=valid_from,
        valid_to=valid_to,
        ambiguous=row.flag("ambiguous"),
        ambiguous_forms=row.multi("ambiguous_forms"),
    )
    row.text("source")
    # A form may be both a name and an adjective ("U.S. officials", "the U.S."), but a
    # capital that repeats a name, or a name given twice, is a slip.
    forms = (state.name, *state.names, *state.capitals)
    repeated = sorted({form for form in forms if forms.count(form) > 1})
    repeated += sorted(
        {form for form in state.adjectives if form in state.capitals or form == state.name}
    )
    if repeated:
        raise row.fail(f"{iso3}: form(s) listed twice: {', '.join(repeated)}")
    forms += state.adjectives
    strays = [form for form in state.ambiguous_forms if form not in forms]
    if strays:
        raise row.fail(f"{iso3}: ambiguous_forms {', '.join(strays)} are not forms of this row")
    if state.ambiguous != bool(state.ambiguous_forms):
        raise row.fail(f"{iso3}: ambiguous is 1 exactly when ambiguous_forms lists the forms")
    return state


def _overlap(first: State, second: State) -> bool:
    low = max(first.valid_from or 0, second.valid_from or 0)
    high = min(first.valid_to or 9999, second.valid_to or 9999)
    return low <= high


def load_states(path: Path) -> tuple[State, ...]:
    """Load and check states.csv: known codes, periods of a code that do not overlap,
    and no form shared by two states at once unless both rows mark it ambiguous."""
    known = known_iso3_codes()
    rows: list[tuple[Row, State]] = []
    for row in read_rows(path, STATE_COLUMNS):
        rows.append((row, _parse_state(row, known)))
    by_code: dict[str, list[State]] = defaultdict(list)
    by_form: dict[str, list[State]] = defaultdict(list)
    for row, state in rows:
        for earlier in by_code[state.iso3]:
            if _overlap(earlier, state):
                raise row.fail(f"{state.iso3}: period overlaps another row of the same code")
        by_code[state.iso3].append(state)
        for form in state.surface_forms():
            for other in by_form[form]:
                if other.iso3 == state.iso3 or not _overlap(other, state):
                    continue
                if not (state.needs_context(form) and other.needs_context(form)):
                    raise row.fail(
                        f"{form!r} names both {other.iso3} and {state.iso3} in the same years;"
                        " list it in ambiguous_forms of both rows or split the periods"
                    )
            by_form[form].append(state)
    return tuple(state for _, state in rows)


class StateIndex:
    """Look states up by surface form and date (built once by `Knowledge`)."""

    def __init__(self, states: Iterable[State]) -> None:
        self._by_form: dict[str, list[State]] = defaultdict(list)
        self._adjectives: set[str] = set()
        for state in states:
            for form in state.surface_forms():
                self._by_form[form].append(state)
            self._adjectives.update(state.adjectives)

    def _lookup(self, surface: str) -> list[State]:
        found = self._by_form.get(surface)
        if found:
            return found
        # A plural demonym ("Saudis", "Americans") names the state its singular names.
        singular = surface[:-1]
        if surface.endswith("s") and singular in self._adjectives:
            return self._by_form[singular]
        return []

    def candidates(self, surface: str) -> tuple[State, ...]:
        """Return every state row that `surface` names, in any period."""
        return tuple(self._lookup(surface))

    def resolve(self, surface: str, on: dt.date | None) -> str | None:
        """Return the one code `surface` names on `on` (or now), else None."""
        states = self._lookup(surface)
        if not states:
            return None
        if on is not None:
            codes = {state.iso3 for state in states if state.valid_on(on.year)}
            if not codes and len({state.iso3 for state in states}) == 1:
                # a name only one state ever had still names it once the state is gone:
                # the "Soviet-made" S-200 of a 2018 report is the Soviet Union's (SUN);
                # a capital then stands for its city, and a state not yet born is none
                codes = {
                    state.iso3
                    for state in states
                    if state.valid_to is not None
                    and state.valid_to < on.year
                    and surface not in state.capitals
                }
        else:
            current = {state.iso3 for state in states if state.valid_to is None}
            codes = current or {state.iso3 for state in states}
        return codes.pop() if len(codes) == 1 else None


def _contains_word(text: str, word: str) -> bool:
    """Return whether `word` (or its plural) occurs in `text` between non-word characters."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if end < len(text) and text[end] == "s":
            end += 1
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = text.find(word, start + 1)
    return False


def load_non_state_phrases(path: Path, states: Iterable[State]) -> tuple[str, ...]:
    """Load non_state_phrases.csv: phrases that contain a state's form but name no state.

    Each phrase must contain some state form as a whole word ("Latin America" holds
    "America"), or it has no reason to be listed.
    """
    forms = {form for state in states for form in state.surface_forms()}
    phrases: dict[str, int] = {}
    for row in read_rows(path, ("phrase", "source")):
        phrase = row.text("phrase")
        row.text("source")
        if phrase in phrases:
            raise row.fail(f"phrase {phrase!r} already on line {phrases[phrase]}")
        if not any(_contains_word(phrase, form) for form in forms):
            raise row.fail(f"{phrase!r} contains no state form, so it needs no listing")
        phrases[phrase] = row.line
    return tuple(phrases)


def require_known_state(row: Row, code: str, codes: frozenset[str]) -> str:
    """Return `code` if states.csv has it, else raise naming the row."""
    if code not in codes:
        raise row.fail(f"{code!r} is not a code listed in states.csv")
    return code
