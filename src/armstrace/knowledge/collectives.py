"""Vague collectives: phrases that name several or unnamed actors, neither a state nor a group.

"western powers", "some Gulf donors", "Nato allies", "Ukraine's partners", "an unnamed
buyer", "the Saudi-led coalition", "the international community": a record whose party is
one of these has no state code and no group name. The words come from collectives.csv;
this module only says how they combine:

    [determiner] [quantifier ...] [modifier ...] head

- a plural `head` ("states", "countries", "powers") needs a quantifier ("some", "other",
  "six") or a region or bloc modifier ("Gulf", "European", "Nato");
- a `relational head` ("allies", "backers", "donors") stands alone or after a state
  ("US allies", "Kyiv's Western backers"): the state is not the party, its allies are;
- a `singular head` ("country", "buyer") needs an article or quantifier and a qualifier
  ("an unnamed buyer", "a Gulf state", "another country");
- a `group head` ("coalition", "alliance", "bloc") takes "the" or a modifier, or "X-led";
- a `phrase` is a whole collective as written ("the West", "the international community",
  "Nato"); kind "bloc" marks a named bloc of states, "vague" everything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from armstrace.knowledge._table import read_rows
from armstrace.knowledge.actors import is_case_sensitive

COLLECTIVE_COLUMNS = ("phrase", "role", "kind", "source")
COLLECTIVE_ROLES = (
    "phrase",
    "determiner",
    "quantifier",
    "numeral",
    "modifier",
    "head",
    "relational head",
    "singular head",
    "singular relational head",
    "group head",
    "not before",
)
COLLECTIVE_KINDS = ("vague", "bloc")
# Determiners that point back at parties already named ("the two countries", "their
# allies" is fine, "these three states" is not vague): a bare numeral after them is anaphora.
_ANAPHORIC = frozenset({"the", "these", "those", "its", "their", "our", "his", "her", "whose"})
_ARTICLES = frozenset({"a", "an", "one"})
# Quantifiers that can stand for the article before a singular head ("another country",
# "the unnamed buyer"); "some government officials" and "other government agencies" show
# that the rest introduce a noun compound instead.
_SINGULAR_QUANTIFIERS = frozenset(
    {"another", "unnamed", "unidentified", "undisclosed", "unspecified", "mystery"}
)
# "Saudi-led coalition", "US-led alliance", "Nato-led": the leader is named, the members not.
_LED = re.compile(r"[A-Z][\w.]*(?:-[A-Z][\w.]*)?-led\b")
# Between two modifiers: "Arab and Western countries", "European, Gulf and Asian buyers".
_JOINER = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|\s+")
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s\b|['’](?=\s)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Collective:
    """One word or phrase of collectives.csv and the part it plays."""

    phrase: str
    role: str
    kind: str | None


@dataclass(frozen=True)
class CollectiveMatch:
    """A span of text that names a vague collective ("some Gulf donors")."""

    start: int
    end: int
    text: str
    kind: str  # "vague" or "bloc"
    head: str | None  # the head noun ("donors"), None for a listed phrase


def load_collectives(path: Path) -> tuple[Collective, ...]:
    """Load and check collectives.csv: known roles, a kind on phrases only, no repeats."""
    entries: list[Collective] = []
    seen: dict[tuple[str, str], int] = {}
    for row in read_rows(path, COLLECTIVE_COLUMNS):
        role = row.choice("role", COLLECTIVE_ROLES)
        kind = row.optional("kind")
        if role == "phrase":
            kind = row.choice("kind", COLLECTIVE_KINDS)
        elif kind is not None:
            raise row.fail(f"column 'kind' is for phrases only; leave it empty for a {role}")
        phrase = _SPACE.sub(" ", row.text("phrase"))
        row.text("source")
        key = (phrase, role)
        if key in seen:
            raise row.fail(f"{phrase!r} is already a {role} on line {seen[key]}")
        seen[key] = row.line
        entries.append(Collective(phrase, role, kind))
    return tuple(entries)


def _alternation(forms: Iterable[str], *, fold: bool) -> re.Pattern[str]:
    """Compile forms into one pattern, longest first, ending at a word boundary.

    With `fold`, forms match in any case unless they are acronyms ("EU", "GCC", "Nato").
    """
    parts = []
    for form in sorted(set(forms), key=lambda f: (-len(f), f)):
        body = r"\s+".join(re.escape(word) for word in form.split(" "))
        parts.append(f"(?i:{body})" if fold and not is_case_sensitive(form) else body)
    if not parts:
        return re.compile(r"(?!)")
    return re.compile(r"(?:" + "|".join(parts) + r")(?![\w-])")


class CollectiveMatcher:
    """Find vague collectives in text (built once by `Knowledge`)."""

    def __init__(self, entries: Iterable[Collective], state_forms: Iterable[str]) -> None:
        entries = tuple(entries)
        by_role: dict[str, list[str]] = {role: [] for role in COLLECTIVE_ROLES}
        self._phrase_kind: dict[str, str] = {}
        for entry in entries:
            by_role[entry.role].append(entry.phrase)
            if entry.role == "phrase" and entry.kind:
                self._phrase_kind[_SPACE.sub(" ", entry.phrase).casefold()] = entry.kind
        blocs = [e.phrase.removeprefix("the ") for e in entries if e.kind == "bloc"]
        phrases = by_role["phrase"]
        # "the West" also opens a sentence: "The West has sent ..."
        capitalised = ["The " + p.removeprefix("the ") for p in phrases if p.startswith("the ")]
        self._phrases = _alternation([*phrases, *capitalised], fold=False)
        self._determiner = _alternation(by_role["determiner"], fold=True)
        self._quantifier = _alternation(by_role["quantifier"], fold=True)
        self._numeral = _alternation(by_role["numeral"], fold=True)
        self._modifier = _alternation([*by_role["modifier"], *blocs], fold=True)
        states = list(state_forms)
        self._state = _alternation(states, fold=False)
        # Heads are common nouns, matched in lower case only: "Islamic State" and
        # "United Arab Emirates" hold a capitalised head and are no collectives.
        self._heads = {
            role: _alternation(by_role[role], fold=False)
            for role in (
                "head",
                "relational head",
                "singular head",
                "singular relational head",
                "group head",
            )
        }
        self._not_before = frozenset(by_role["not before"])
        self._numerals = frozenset(form.casefold() for form in by_role["numeral"])
        # Cheap gate: a match can only begin with one of these words.
        firsts: set[str] = set()
        for role, forms in by_role.items():
            if role != "not before":
                firsts.update(_first_word(form) for form in forms)
        firsts.update(_first_word(form) for form in (*blocs, *states))
        self._first_words = frozenset(firsts)

    def match_at(self, text: str, start: int) -> CollectiveMatch | None:
        """Return the longest collective that begins exactly at `start`, or None."""
        if start < 0 or start >= len(text) or (start > 0 and _is_word_char(text[start - 1])):
            return None
        word = _WORD.match(text, start)
        if word is None or word.group(0).casefold() not in self._first_words:
            return None
        found = [m for m in (self._phrase_at(text, start), self._grammar_at(text, start)) if m]
        return max(found, key=lambda m: m.end) if found else None

    def find_all(self, text: str) -> Iterator[CollectiveMatch]:
        """Yield the non-overlapping collectives in `text`, left to right, longest first."""
        position = 0
        for word in _WORD.finditer(text):
            if word.start() < position:
                continue
            found = self.match_at(text, word.start())
            if found is not None:
                position = found.end
                yield found

    def _phrase_at(self, text: str, start: int) -> CollectiveMatch | None:
        match = self._phrases.match(text, start)
        if match is None:
            return None
        after = text[match.end() : match.end() + 40]
        # "the West Bank", "the Gulf War", "the Gulf of Oman", "Nato-standard" name no party
        if re.match(r"\s+(?:[A-Z]|of\b)", after) or after.startswith("-"):
            return None
        phrase = _SPACE.sub(" ", match.group(0)).casefold()
        kind = self._phrase_kind.get(phrase, "vague")
        return CollectiveMatch(start, match.end(), match.group(0), kind, None)

    def _grammar_at(self, text: str, start: int) -> CollectiveMatch | None:
        position = start
        determiner = None
        quantifiers: list[str] = []
        opening = self._quantifier.match(text, position)  # "a number of" before "a"
        if opening is None and (match := self._determiner.match(text, position)) is not None:
            determiner = match.group(0).casefold()
            position = _skip_space(text, match.end())
        while (
            match := self._quantifier.match(text, position) or self._numeral.match(text, position)
        ) is not None:
            quantifiers.append(match.group(0).casefold())
            position = _skip_space(text, match.end())
        # modifiers: (end of the modifier, whether it is a state form, where the next word starts)
        modifiers: list[tuple[int, bool, bool]] = []
        stops = [position]
        joined = False
        while True:
            match = self._modifier.match(text, position) or _LED.match(text, position)
            state = False
            if match is None and (match := self._state.match(text, position)) is not None:
                state = True
            if match is None:
                break
            if state and modifiers and joined:
                break  # "Cuba, China's major supplier": two parties, not one collective
            end = match.end()
            # "Ukraine's partners", "Nato's members": the owner is no party, the members are
            possessive = (owner := _POSSESSIVE.match(text, end)) is not None
            if owner is not None:
                end = owner.end()
            joiner = _JOINER.match(text, end)
            if joiner is None or joiner.end() == end:
                break
            joined = not joiner.group(0).isspace()
            if state and joined:
                break  # "the US and European allies": the US is a party of its own
            modifiers.append((end, state, possessive))
            position = joiner.end()
            stops.append(position)
        # Try the head after every modifier, the longest reading first.
        for count in range(len(modifiers), -1, -1):
            found = self._head_at(
                text, start, stops[count], determiner, quantifiers, modifiers[:count]
            )
            if found is not None:
                return found
        return None

    def _head_at(
        self,
        text: str,
        start: int,
        position: int,
        determiner: str | None,
        quantifiers: list[str],
        modifiers: list[tuple[int, bool, bool]],
    ) -> CollectiveMatch | None:
        plain = [m for m in modifiers if not m[1]]
        bare_states = [m for m in modifiers if m[1] and not m[2]]
        possessives = [m for m in modifiers if m[2]]
        weak = all(q in self._numerals for q in quantifiers)
        singular = any(q in _SINGULAR_QUANTIFIERS for q in quantifiers)
        if determiner is None:
            # "between the two countries": asked at "two", the "the" before still counts
            determiner = _previous_word(text, start)
        qualified = bool(plain) or (bool(quantifiers) and not (weak and determiner in _ANAPHORIC))
        for role in (
            "relational head",
            "head",
            "singular relational head",
            "singular head",
            "group head",
        ):
            match = self._heads[role].match(text, position)
            if match is None:
                continue
            head = match.group(0)
            if role == "relational head":
                ok = True
            elif role == "head":
                ok = (qualified or bool(possessives)) and not bare_states
            elif role == "singular relational head":
                ok = (determiner in _ARTICLES or singular or bool(possessives)) and (
                    bool(modifiers) or singular
                )
            elif role == "singular head":
                ok = (
                    (determiner in _ARTICLES or singular)
                    and (bool(plain) or singular)
                    and not bare_states
                )
            else:  # group head: "the coalition", "a Saudi-led coalition", "Western alliance"
                ok = determiner in _ANAPHORIC | _ARTICLES or bool(plain)
            if role in ("singular head", "group head") and self._compound(text, match.end()):
                ok = False
            if ok and text[match.end() : match.end() + 1] != "-":
                return CollectiveMatch(start, match.end(), text[start : match.end()], "vague", head)
        return None

    def _compound(self, text: str, end: int) -> bool:
        """Tell whether a singular or group head only modifies the next noun.

        "government officials", "nuclear power plant", "coalition government": the phrase
        names no actor.
        """
        following = _WORD.match(text, _skip_space(text, end))
        return following is not None and following.group(0) in self._not_before


def _first_word(form: str) -> str:
    """Return the leading run of word characters, folded ("U.S." -> "u", "G-7" -> "g")."""
    match = _WORD.match(form)
    return match.group(0).casefold() if match else ""


def _previous_word(text: str, start: int) -> str | None:
    """Return the folded word just before `start`, across spaces only."""
    match = re.search(r"(\w+)\s+$", text[max(0, start - 20) : start])
    return match.group(1).casefold() if match else None


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
