"""Find the counts a sentence states ("12", "1,200", "twenty-four", "a dozen").

`find_counts(text)` returns every count expression with its value, so that the
caller can take the one attached to a weapon noun; `parse_count(phrase)` gives
the count a phrase states. Numbers that are not counts are left out: years
(1800-2099 written without a thousands comma: "in 1983", "1987 sales"),
decimals ("12.5"), percentages, money ("$3 billion", "84 mln dlrs"), ordinals
("4th"), times ("10:30", "0800 GMT"), days of a month ("March 4"), compound
modifiers ("a 10-year period", "five-ton trucks") and numbers that belong to a
designation ("F-16", "Type 209", "S-400", "Mk 66", "TB2").

Values follow the dev gold set's Quantity rule: ranges and vague amounts have
no value. Each mention carries a `kind`:

| kind | example | value | low, high |
|---|---|---|---|
| exact | "12", "a pair of", "two dozen" | the count | count, count |
| approximate | "some 300", "about 20" | the count | count, count |
| at_least | "more than 100", "at least two" | None | 100, None |
| up_to | "up to 10", "as many as 10" | None | None, 10 |
| range | "between six and eight", "6-8" | None | 6, 8 |
| vague | "several", "a number of", "an unspecified number of" | None | None, None |

"up to N" is kept as a bound, not a count: the text does not say how many, only
how many at most (money is different: "up to 2.9 billion dlrs" is the stated
maximum value, see money.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from armstrace.extract.dates import MONTH_PATTERN

__all__ = [
    "COUNT_KINDS",
    "WORD_NUMBER_PATTERN",
    "CountMention",
    "find_counts",
    "parse_count",
    "parse_number_words",
]

COUNT_KINDS = ("exact", "approximate", "at_least", "up_to", "range", "vague")

_UNITS: Mapping[str, int] = MappingProxyType(
    {
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
        "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19,
    }
)  # fmt: skip
_TENS: Mapping[str, int] = MappingProxyType(
    {
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90,
    }
)  # fmt: skip
_SCALES: Mapping[str, int] = MappingProxyType(
    {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
)
# Abbreviated scales written after digits ("1.5 mln"); "m"/"bn" alone only count as money.
_DIGIT_SCALES: Mapping[str, int] = MappingProxyType({**_SCALES, "mln": 10**6, "bln": 10**9})

_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_SMALL = rf"(?:(?:{_TENS_RE})(?:[-\s](?:{_UNIT_RE})\b)?|(?:{_UNIT_RE}))"
_CHUNK = (
    rf"(?:(?:{_SMALL}|an?)\s+hundred(?:\s+(?:and\s+)?{_SMALL}\b)?|{_SMALL}"
    r"|an?(?=\s+(?:thousand|million|billion|trillion)\b))"
)
_SCALE_RE = "thousand|million|billion|trillion"
# A number written in words: "five", "twenty-four", "three hundred", "a thousand",
# "two million five hundred thousand". Case-insensitive; use with word boundaries.
WORD_NUMBER_PATTERN = (
    rf"(?i:\b{_CHUNK}\b(?:,?\s+(?:and\s+)?(?:{_SCALE_RE})\b(?:,?\s+(?:and\s+)?{_CHUNK}\b)?)*)"
)
_DOZEN = rf"(?i:\b(?:half\s+an?|{_SMALL}|an?)\s+dozen\b)"
_PAIR = r"(?i:\ba\s+pair\s+of\b)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGIT_SCALE_RE = "|".join(_DIGIT_SCALES)

# One number: digits (with an optional spelled-out scale) or words.
_NUMBER = (
    rf"(?:(?<![\w.,:/#$£€¥₹])(?P<digits>{_DIGITS})(?:[\s-](?P<scale>(?i:{_DIGIT_SCALE_RE}))\b)?"
    rf"|(?=[zotfsenahZOTFSENAH])(?:(?P<dozen>{_DOZEN})|(?P<pair>{_PAIR})"
    rf"|(?P<words>{WORD_NUMBER_PATTERN})))"
)
_NUMBER_RE = re.compile(_NUMBER)

_APPROXIMATE = (
    r"about|around|some|roughly|approximately|nearly|almost|close\s+to|an\s+estimated"
    r"|estimated|circa|c\."
)
_AT_LEAST = (
    r"at\s+least|more\s+than|over|in\s+excess\s+of|upwards\s+of|no\s+fewer\s+than|a\s+minimum\s+of"
)
_UP_TO = (
    r"up\s+to|as\s+many\s+as|as\s+much\s+as|at\s+most|no\s+more\s+than|fewer\s+than|less\s+than"
    r"|a\s+maximum\s+of|under"
)
_QUALIFIER = re.compile(
    rf"(?i:\b(?P<approximate>{_APPROXIMATE})|\b(?P<at_least>{_AT_LEAST})|\b(?P<up_to>{_UP_TO}))\s+$"
)
_BETWEEN = re.compile(r"(?i:\b(?:between|from))\s+$")
_RANGE_JOIN = re.compile(r"^(?:\s*[-–—]\s*|\s+(?i:to|or|and)\s+)")
_OR_MORE = re.compile(r"^(?:\s+or\s+more\b|\+|-plus\b)", re.IGNORECASE)
_VAGUE = re.compile(
    r"\b(?i:several|some|a\s+few|few|many|numerous|multiple|various|a\s+handful\s+of"
    r"|a\s+couple\s+of|a\s+couple|(?:tens\s+of\s+)?(?:dozens|scores|hundreds|thousands|millions)\s+of"
    r"|an?\s+(?:(?:unspecified|undisclosed|unknown|unnamed|large|small|limited|significant"
    r"|substantial|growing|increasing|certain|sizeable|sizable|considerable)\s+)?"
    r"(?:number|amount|quantity)\s+of)\b"
)

# What may follow a number that is not a count.
_NOT_COUNT_AFTER = re.compile(
    r"^(?:[A-Za-z]|['’]?s\b|\.\d|,\d|:\d|/\d|-\d+/\d|-[A-Za-z]|%|\s*(?i:pct|percent|per\s*cent)\b"
    r"|\s*(?i:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|hrs\b|utc\b)|\s+(?:EST|EDT|BST|CET)\b"
    rf"|\s+(?:of\s+)?{MONTH_PATTERN})"
)
# A letter and a joiner just before: "F-16", "F/A-18", "S-400".
_DESIGNATION_BEFORE = re.compile(r"[A-Za-z][-/]$")
# A digit and a hyphen just before: the end of a range ("6-8") or of a name ("737-800").
_RANGE_TAIL_BEFORE = re.compile(r"\d[-–]$")
_DESIGNATION_WORDS = frozenset(
    {
        "type", "mk", "mk.", "mark", "model", "block", "series", "batch", "tranche", "flight",
        "class", "version", "variant", "no.", "number", "phase", "lot", "generation", "article",
        "resolution", "route", "section", "chapter", "page", "room", "gate", "pier", "level",
    }
)  # fmt: skip
# Capitalised words that may stand before a count ("The 18 helicopters"): not designations.
_FUNCTION_WORDS = frozenset(
    {
        "the", "a", "an", "some", "about", "only", "all", "another", "its", "their", "his",
        "her", "our", "my", "your", "with", "and", "but", "or", "of", "in", "on", "at", "for",
        "to", "by", "from", "nearly", "almost", "around", "over", "under", "up", "just",
        "those", "these", "total", "including", "than", "least", "roughly", "approximately",
        "estimated", "between", "when", "while", "after", "before", "since", "last", "each",
        "every", "first", "both", "said", "also", "as", "were", "are", "was", "is", "had",
        "has", "have", "then", "so", "if", "that", "this", "further", "exactly",
    }
)  # fmt: skip
_WORD_BEFORE = re.compile(r"([A-Za-z][\w.]*)\s+$")
_MONTH_BEFORE = re.compile(rf"{MONTH_PATTERN}\s+$")
_YEAR_DIGITS = re.compile(r"^(?:1[89]|20)\d\d$")
_LOOKBACK = 40  # characters of left context the rules inspect


@dataclass(frozen=True)
class CountMention:
    """A count expression at `text[start:end]`; `kind` is one of COUNT_KINDS.

    `value` is the count when the text states one (exact or approximate), else
    None; `low` and `high` are the stated bounds of ranges and bounded amounts.
    """

    start: int
    end: int
    value: int | None
    kind: str = "exact"
    low: int | None = None
    high: int | None = None


def parse_number_words(text: str) -> int | None:
    """Return the value of a number written in words ("twenty-four", "a thousand"), else None."""
    tokens = re.findall(r"[a-z]+", text.lower())
    if not tokens:
        return None
    total = current = 0
    seen = False
    for token in tokens:
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token in ("a", "an"):
            current += 1
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = 0
        elif token == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_count(text: str) -> int | None:
    """Return the number of units `text` states, or None when it states no exact count.

    The first count expression decides: "12 French-made Rafale jets" is 12,
    "twenty-four" 24, "a pair of" 2, "some 300" 300; "12.5", "between six and
    eight", "up to 10", "several" and "an unspecified number" are None.
    """
    mentions = find_counts(text)
    return mentions[0].value if mentions else None


def find_counts(text: str) -> list[CountMention]:
    """Return every count expression of `text` in text order (see the module docstring)."""
    # Imported here because money.py builds on this module's number grammar.
    from armstrace.extract.money import find_money_spans

    money_spans = find_money_spans(text)
    numbers = [
        n
        for n in _atomic_numbers(text)
        if all(n.end <= start or n.start >= end for start, end in money_spans)
    ]
    mentions = _combine(text, numbers)
    for match in _VAGUE.finditer(text):
        if all(match.end() <= m.start or match.start() >= m.end for m in mentions):
            mentions.append(CountMention(match.start(), match.end(), None, "vague"))
    return sorted(mentions, key=lambda m: m.start)


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: int


def _number_value(match: re.Match[str]) -> int | None:
    if match["digits"]:
        amount = Decimal(match["digits"].replace(",", ""))
        if match["scale"]:
            amount *= _DIGIT_SCALES[match["scale"].lower()]
        return int(amount) if amount == amount.to_integral_value() else None
    if match["dozen"]:
        words = match["dozen"].lower().split()
        if words[0] == "half":
            return 6
        head = parse_number_words(" ".join(words[:-1]))
        return None if head is None else head * 12
    if match["pair"]:
        return 2
    return parse_number_words(match["words"])


def _atomic_numbers(text: str) -> list[_Number]:
    """Return the numbers of `text` that may be counts."""
    numbers: list[_Number] = []
    for match in _NUMBER_RE.finditer(text):
        start, end = match.start(), match.end()
        after = text[end : end + _LOOKBACK]
        before = text[max(0, start - _LOOKBACK) : start]
        if _NOT_COUNT_AFTER.match(after):
            continue
        if match["digits"]:
            if not match["scale"] and _is_year(match["digits"]):
                continue
            if _is_designation(before) or _MONTH_BEFORE.search(before):
                continue
            # "6-8" continues a range only when its first number is a count ("737-800" is not).
            if _RANGE_TAIL_BEFORE.search(before) and not (numbers and numbers[-1].end == start - 1):
                continue
        value = _number_value(match)
        if value is not None:
            numbers.append(_Number(start, end, value))
    return numbers


def _is_year(digits: str) -> bool:
    """Say whether a number is a year: 1800-2099 written without a thousands comma.

    "1986 sales" and "in 1987" are years; a count in that range is written
    "2,000 troops". One written "2000 troops" is lost, a rare case next to the
    many "1987 earnings" of news text.
    """
    return _YEAR_DIGITS.match(digits) is not None


def _is_designation(before: str) -> bool:
    """Say whether the text just before a number makes it part of a name ("Type 209")."""
    if _DESIGNATION_BEFORE.search(before):
        return True
    word = _WORD_BEFORE.search(before)
    if word is None:
        return False
    token = word.group(1)
    if token.lower() in _DESIGNATION_WORDS:
        return True
    return token[0].isupper() and token.lower().rstrip(".") not in _FUNCTION_WORDS


def _combine(text: str, numbers: list[_Number]) -> list[CountMention]:
    """Join numbers into ranges and attach qualifiers ("up to", "some", "or more")."""
    mentions: list[CountMention] = []
    index = 0
    while index < len(numbers):
        number = numbers[index]
        following = numbers[index + 1] if index + 1 < len(numbers) else None
        before = text[max(0, number.start - _LOOKBACK) : number.start]
        between = text[number.end : following.start] if following else ""
        join = _RANGE_JOIN.match(between) if following else None
        if following is not None and join is not None and join.end() == len(between):
            is_and = "and" in between.lower()
            if (not is_and or _BETWEEN.search(before)) and following.value > number.value:
                start = number.start
                lead = _BETWEEN.search(before)
                if lead is not None:
                    start = number.start - (len(before) - lead.start())
                mentions.append(
                    CountMention(start, following.end, None, "range", number.value, following.value)
                )
                index += 2
                continue
        mentions.append(_qualified(text, number, before))
        index += 1
    return mentions


def _qualified(text: str, number: _Number, before: str) -> CountMention:
    qualifier = _QUALIFIER.search(before)
    start = number.start if qualifier is None else number.start - (len(before) - qualifier.start())
    or_more = _OR_MORE.match(text[number.end : number.end + _LOOKBACK])
    if or_more is not None:
        return CountMention(start, number.end + or_more.end(), None, "at_least", number.value)
    if qualifier is None:
        return CountMention(
            number.start, number.end, number.value, "exact", number.value, number.value
        )
    if qualifier["approximate"]:
        return CountMention(
            start, number.end, number.value, "approximate", number.value, number.value
        )
    if qualifier["at_least"]:
        return CountMention(start, number.end, None, "at_least", number.value)
    return CountMention(start, number.end, None, "up_to", None, number.value)
