"""People and organisations: leaders, defence companies and non-state armed groups."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from armstrace.knowledge._table import Row, read_rows
from armstrace.knowledge.states import require_known_state

LEADER_ROLES = (
    "head of state",
    "head of government",
    "defence minister",
    "foreign minister",
    "monarch",
)
# What a non-state party is, as its main public source describes it. "terrorist organisation"
# is kept for groups on the UN Security Council ISIL and al-Qaida (1267) sanctions list, so the
# label rests on one public list rather than on our judgement.
GROUP_KINDS = (
    "armed group",
    "rebel movement",
    "militia",
    "paramilitary force",
    "private military company",
    "terrorist organisation",
    "criminal organisation",
    # A region's own government that receives arms in its own name, not its state's (the
    # Kurdistan Regional Government): a non-state party under spec/records.md.
    "regional authority",
    # One of two rival governments of a divided state that news and the gold name in
    # their own right (Libya's Government of National Accord, 2016-2021).
    "rival government",
    # Transitional: the four rows of groups of states ("Western powers", "Nato powers")
    # that extract/ still reads as named parties; collectives.csv replaces them once
    # extraction asks Knowledge.collective_at. Not counted as armed groups.
    "collective",
)
LEADER_COLUMNS = ("name", "aliases", "state", "role", "start", "end", "source")
COMPANY_COLUMNS = ("name", "aliases", "state", "products", "historical", "source")
GROUP_COLUMNS = ("name", "aliases", "based_in", "kind", "source")

# Legal-form words news appends to company names ("General Dynamics Corp", "<Agusta Spa>",
# "Vickers Plc"); they are dropped before comparing names.
_LEGAL_FORM_WORDS = """
corp corporation inc incorporated co company plc ltd limited llc ag sa spa sas gmbh nv bv ab
as asa oy oyj kk se sarl pty pjsc jsc ojsc
"""
_LEGAL_FORMS = frozenset(_LEGAL_FORM_WORDS.split())
_TICKER = re.compile(r"\b[A-Z]{2,6}\.[A-Z]{1,2}\b")  # Reuters' "<AVMD.PA>"
_DOTS = re.compile(r"[.'’]")
_PUNCTUATION = re.compile(r"[<>,()\"“”]")
_TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)\s*$")  # "Hindustan Aeronautics (HAL)"
_SPACES = re.compile(r"\s+")
_SHORT_FORM = 4  # names of up to four characters ("IRA", "SDF", "Isis") match case-sensitively
_LETTERS = str.maketrans({"ı": "i", "İ": "I", "ß": "ss", "&": " and ", "-": " "})


@dataclass(frozen=True)
class Leader:
    """A person in one office of one state for one term."""

    name: str
    aliases: tuple[str, ...]
    state: str
    role: str
    start: dt.date
    end: dt.date | None

    def in_office(self, on: dt.date) -> bool:
        """Return whether the term covers the day `on`."""
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Company:
    """A defence manufacturer or exporter and the state it belongs to."""

    name: str
    aliases: tuple[str, ...]
    state: str
    products: tuple[str, ...]
    historical: bool
    # a multinational's home states, the main one (`state`) first: "MBDA" is French,
    # British, Italian and German, so Britain buying from it buys at home
    home_states: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArmedGroup:
    """A non-state party that supplies or receives arms ("Hezbollah", "Contras")."""

    name: str
    aliases: tuple[str, ...]
    based_in: str | None
    kind: str

    def surface_forms(self) -> tuple[str, ...]:
        """Return the name and every alias, each once, name first."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


def is_case_sensitive(form: str) -> bool:
    """Tell whether a group name must match exactly as written.

    Acronyms ("RSF", "FARC-EP", "SPLM-IO", "M23") and names of up to four characters
    ("Isis", "JeM", "Fano") are matched only as written: their other spellings are
    ordinary words ("rsf", "fano") or other groups ("JeM" is Pakistani, "JEM" Sudanese).
    Longer names that have lower-case letters ("Hezbollah", "al-Shabaab") match in any case.
    """
    return len(form) <= _SHORT_FORM or not any(char.islower() for char in form)


def group_key(form: str) -> str:
    """Return the key under which two group names count as the same name."""
    return form if is_case_sensitive(form) else company_key(form)


def fold_accents(text: str) -> str:
    """Return `text` without diacritics ("Erdoğan" -> "Erdogan", "Vučić" -> "Vucic")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def company_key(surface: str) -> str:
    """Return a company name's comparison key: no case, accents, brackets or legal form."""
    text = _TRAILING_BRACKET.sub("", surface) or surface
    text = _DOTS.sub("", _TICKER.sub(" ", fold_accents(text).translate(_LETTERS)))
    text = _PUNCTUATION.sub(" ", text).casefold()
    words = _SPACES.sub(" ", text).strip().split(" ")
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def load_leaders(path: Path, codes: frozenset[str]) -> tuple[Leader, ...]:
    """Load and check leaders.csv: known states and roles, dates that parse, no repeats."""
    leaders: list[Leader] = []
    seen: dict[tuple[str, str, str, dt.date], int] = {}
    for row in read_rows(path, LEADER_COLUMNS):
        start = row.date("start")
        if start is None:
            raise row.fail("column 'start' is empty")
        end = row.date("end", end=True)
        if end is not None and end < start:
            raise row.fail(f"end {end} is before start {start}")
        leader = Leader(
            name=row.text("name"),
            aliases=row.multi("aliases"),
            state=require_known_state(row, row.text("state"), codes),
            role=row.choice("role", LEADER_ROLES),
            start=start,
            end=end,
        )
        row.text("source")
        key = (leader.name, leader.state, leader.role, leader.start)
        if key in seen:
            raise row.fail(f"{leader.name} ({leader.role}) already listed on line {seen[key]}")
        seen[key] = row.line
        leaders.append(leader)
    return tuple(leaders)


def _check_names(
    row: Row,
    forms: Iterable[str],
    owner: str,
    seen: dict[str, tuple[str, int]],
    same: str,
    key_of: Callable[[str], str] = company_key,
) -> None:
    """Reject a name that an earlier row with a different `same` value already uses."""
    for form in forms:
        key = key_of(form)
        if key in seen and seen[key][0] != same:
            raise row.fail(f"{form!r} of {owner} already names a row on line {seen[key][1]}")
        seen.setdefault(key, (same, row.line))


def load_companies(
    path: Path, codes: frozenset[str], designations: frozenset[str]
) -> tuple[Company, ...]:
    """Load and check companies.csv: known states, products listed in weapons.csv,
    and no name shared by companies of two states."""
    companies: list[Company] = []
    seen: dict[str, tuple[str, int]] = {}
    names: set[str] = set()
    for row in read_rows(path, COMPANY_COLUMNS):
        home_states = tuple(require_known_state(row, code, codes) for code in row.multi("state"))
        if not home_states:
            raise row.fail("column 'state' is empty")
        company = Company(
            name=row.text("name"),
            aliases=row.multi("aliases"),
            state=home_states[0],
            products=row.multi("products"),
            historical=row.flag("historical"),
            home_states=home_states,
        )
        row.text("source")
        if company.name in names:
            raise row.fail(f"company {company.name!r} is listed twice")
        names.add(company.name)
        unknown = [product for product in company.products if product not in designations]
        if unknown:
            raise row.fail(f"products not in weapons.csv: {', '.join(unknown)}")
        _check_names(row, (company.name, *company.aliases), company.name, seen, company.state)
        companies.append(company)
    return tuple(companies)


def load_armed_groups(path: Path, codes: frozenset[str]) -> tuple[ArmedGroup, ...]:
    """Load and check armed_groups.csv: known kinds and states, no name used by two groups.

    Names compare as `group_key` does: "JEM" (Sudan) and "JeM" (Pakistan) are two names,
    "Mai-Mai" and "Mai Mai" one.
    """
    groups: list[ArmedGroup] = []
    seen: dict[str, tuple[str, int]] = {}
    for row in read_rows(path, GROUP_COLUMNS):
        based_in = row.optional("based_in")
        group = ArmedGroup(
            name=row.text("name"),
            aliases=row.multi("aliases"),
            based_in=require_known_state(row, based_in, codes) if based_in else None,
            kind=row.choice("kind", GROUP_KINDS),
        )
        row.text("source")
        _check_names(row, group.surface_forms(), group.name, seen, group.name, group_key)
        groups.append(group)
    return tuple(groups)


class ActorIndex:
    """Look leaders, companies and armed groups up by name (built once by `Knowledge`)."""

    def __init__(
        self, leaders: Iterable[Leader], companies: Iterable[Company], groups: Iterable[ArmedGroup]
    ) -> None:
        self._leaders: dict[str, list[Leader]] = defaultdict(list)
        for leader in leaders:
            for form in dict.fromkeys((leader.name, *leader.aliases)):
                bucket = self._leaders[fold_accents(form)]
                if leader not in bucket:
                    bucket.append(leader)
        self._companies: dict[str, Company] = {}
        for company in companies:
            for form in (company.name, *company.aliases):
                self._companies.setdefault(company_key(form), company)
        self._groups: dict[str, ArmedGroup] = {}
        for group in groups:
            for form in group.surface_forms():
                self._groups.setdefault(form, group)
            for form in group.surface_forms():
                if not is_case_sensitive(form):
                    self._groups.setdefault(fold_accents(form).casefold(), group)

    def leaders(self, surface: str, on: dt.date | None) -> tuple[Leader, ...]:
        """Return the leaders `surface` names who are in office on `on` (any time if None)."""
        found = self._leaders.get(fold_accents(surface), [])
        return tuple(leader for leader in found if on is None or leader.in_office(on))

    def company(self, surface: str) -> Company | None:
        """Return the company `surface` names, ignoring case, brackets and legal form."""
        return self._companies.get(company_key(surface))

    def armed_group(self, surface: str) -> ArmedGroup | None:
        """Return the armed group `surface` names (exact, then case- and accent-blind).

        Acronyms and short forms ("RSF", "SDF", "FARC-EP") match only as written (see
        `is_case_sensitive`); a surface that is itself all capitals ("HEZBOLLAH") is not
        folded either, so a shouted headline word never turns into an acronym's reading.
        """
        found = self._groups.get(surface.strip())
        if found is None and not is_case_sensitive(surface.strip()):
            found = self._groups.get(fold_accents(surface.strip()).casefold())
        return found
