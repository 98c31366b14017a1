"""Find time expressions in a sentence and resolve them against the publication date.

`find_dates(text, published)` returns every time expression it can write as
`YYYY`, `YYYY-MM` or `YYYY-MM-DD` (spec/records.md, `date`). A small rule set
over regular expressions, compiled once, does the work: it is fast enough to run
on every sentence of a corpus and it never guesses a date the text does not give.

Conventions (the dev gold set's, see data/dev/README.md "Dates"):

- Absolute years need a date context: "in 1983", "by 1990", "since 2019",
  "fiscal 1988", "September 1985", "a 2019 deal"; "1,983 tanks" is no date.
  Decades and vaguer spans ("mid-1990s", "early 1970s") give no mention.
- "last year" / "this year" / "next year" give the year; "this summer" gives the
  year (precision year); "last October" is the most recent October strictly
  before the published month, "next October" the first one after it.
- A bare month ("in October") is the October of the published year, unless that
  lies more than one month after publication, in which case it is the previous
  year's; when the clause before it is future-tense ("will", "is due to",
  "expected to", ...) it is the first such month on or after publication.
  A day and month without a year ("March 4") follow the same rule.
- A weekday ("Friday", "on Thursday") is the most recent such day on or before
  publication (the publication day itself when it is that weekday), or the first
  on or after it in a future-tense clause; "last Friday" is strictly before.
- "October last year" and "21 December last year" take the year from "last year".
- "this week" / "earlier this month" give the published month; "last week" the
  month of the day a week before publication; "last month" the previous month.
- With `published` None, every expression that needs it yields no mention.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from armstrace.model import PartialDate

__all__ = [
    "DATE_KINDS",
    "MONTH_NUMBERS",
    "MONTH_PATTERN",
    "WEEKDAYS",
    "DateMention",
    "find_dates",
]

DATE_KINDS = ("absolute", "relative", "fiscal")

MONTH_NUMBERS: Mapping[str, int] = MappingProxyType(
    {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
        "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
        "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
        "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    }
)  # fmt: skip

# Case-sensitive: "may" and "march" in lower case are a verb and a noun.
MONTH_PATTERN = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WORD_COUNTS: Mapping[str, int] = MappingProxyType(
    {
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    }
)  # fmt: skip

_M = rf"(?P<month>{MONTH_PATTERN})"
# A year: 1800-2099, not part of a longer number ("1,983"), not a decade ("1980s").
_Y = r"(?<![\d,.$£€])(?P<year>1[89]\d\d|20\d\d)(?![\d]|[,.]\d|['’]?s\b)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d]|[,.:]\d)"

_ISO_DATE = re.compile(
    r"\b(?P<expr>(?P<year>1[89]\d\d|20\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d))\b"
)
_MONTH_DAY = re.compile(rf"\b(?P<expr>{_M}\s+{_DAY}(?:,?\s+{_Y})?)")
_DAY_MONTH = re.compile(rf"(?<![\d,.$£€])\b(?P<expr>{_DAY}\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?)")
_MONTH_YEAR = re.compile(rf"\b(?P<expr>(?:(?i:early|mid|late)[\s-]+)?{_M},?\s+(?:of\s+)?{_Y})")
# "October last year", "on 21 December last year", "March 4 this year".
_MONTH_RELATIVE_YEAR = re.compile(
    rf"\b(?P<expr>(?:(?P<day1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_M}"
    r"(?:\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?"
    r"(?P<rel>(?i:last|this|next))\s+(?i:year))\b"
)
# A month named alone, then the cue and modifier before it, read backwards from the month
# (matching the cues at every character of a corpus would be slow).
_MONTH_ALONE = re.compile(rf"(?<!\w)(?=[ADFJMNOS]){_M}(?!,?\s*\d|['’]s\b)")
_MONTH_CUE_BEFORE = re.compile(
    r"(?:\b(?P<cue>in|since|until|till|through|during|by|of|for|from|after|before)\s+)?"
    r"(?:\b(?P<rel>last|this|next|early|late|mid|(?:earlier|later)\s+this"
    r"|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]+)?$",
    re.IGNORECASE,
)
_CUE_LOOKBACK = 40
# "May" is also a name (Theresa May): only the unambiguous cues date it.
_MAY_CUES = frozenset({"in", "since", "until", "till", "during"})
_YEAR_CUED = re.compile(
    r"(?:\b(?i:in|since|by|until|till|through|throughout|from|during|before|after|of|for"
    r"|early|late|circa|around|year|spring|summer|autumn|fall|winter|as\s+of)\s+"
    r"|\b(?i:mid)-?\s*|\bQ[1-4]\s+)"
    rf"(?P<expr>{_Y})"
)
_YEAR_RANGE = re.compile(
    rf"\b(?i:from|between)\s+(?P<expr>{_Y})\s*(?:-|–|\bto\b|\band\b|\buntil\b)\s*"
    rf"(?P<expr2>{_Y.replace('year', 'year2')})"
)
_EVENT_NOUNS = (
    r"deal|contract|agreement|accord|order|purchase|sale|sales|delivery|deliveries|treaty"
    r"|memorandum|embargo|ban|budget|law|act|decision|plan|election|war|invasion|coup"
    r"|visit|summit|report|review|tender|acquisition|programme|program"
)
_YEAR_ATTRIBUTIVE = re.compile(
    rf"\b(?i:the|a|an|its|their|his|her|this|that)\s+(?P<expr>{_Y})\s+"
    rf"(?=(?:[a-z-]+\s+)?(?:{_EVENT_NOUNS})\b)"
)
_FISCAL = re.compile(
    rf"\b(?P<expr>(?i:fiscal)(?:\s+(?i:year))?\s+{_Y}(?:[-/](?:\d\d){{1,2}}\b)?"
    r"|FY\s?(?P<fy>\d{4}|\d\d)(?:[-/](?:\d\d){1,2})?\b)"
)
_DAY_WORD = re.compile(r"\b(?P<expr>(?i:yesterday|today|tonight|tomorrow))\b(?!['’]s\b)")
_RELATIVE_UNIT = re.compile(
    r"(?<!\bthe\s)(?<!\bThe\s)\b(?P<expr>(?:(?i:earlier|later|early|late)\s+)?"
    r"(?P<rel>(?i:this|last|next))\s+(?P<unit>(?i:year|month|week)))\b"
)
_SEASON = re.compile(
    r"(?<!\bthe\s)\b(?P<expr>(?:(?i:earlier|later|early|late)\s+)?(?P<rel>(?i:this|last|next))\s+"
    r"(?P<season>(?i:spring|summer|autumn|fall|winter)))\b"
)
_AGO = re.compile(
    r"\b(?P<expr>(?P<count>\d{1,2}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve))\s+(?P<unit>(?i:years?|months?|weeks?|days?))\s+(?i:ago))\b"
)
_WEEKDAY = re.compile(
    r"\b(?P<expr>(?:(?P<rel>(?i:last|next|this))\s+)?(?=[MTWFS][a-z]+day\b)"
    r"(?<!\bGood\s)(?<!\bBlack\s)(?<!\bHoly\s)(?<!\bAsh\s)(?<!\bSuper\s)(?<!\bCyber\s)"
    r"(?<!\bBloody\s)(?<!\bEaster\s)(?<!\bPalm\s)(?<!\bMaundy\s)"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
    rf"(?!,?\s+(?:{MONTH_PATTERN}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_PATTERN}))"
    r"(?!['’]s\b)(?!\s+[A-Z][a-z])"  # "The Sunday Express", "Friday Prayers" are names
)

# A future-tense clause before the expression: "will visit the Dutch parliament on Monday".
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|is\s+due|are\s+due|due\s+to|expected\s+to|scheduled"
    r"|set\s+to|plans?\s+to|planning\s+to|going\s+to|intends?\s+to)\b|\w['’]ll\b",
    re.IGNORECASE,
)
# Where the clause that holds the expression begins: a sentence end (not "U.S.") or , ; :
_CLAUSE_START = re.compile(r"(?<=[a-z0-9)\]][.!?])\s+|[,;:]")
_FUTURE_WINDOW = 80  # characters looked back for a future cue
_BARE_MONTH_SLACK = 1  # a bare month may lie this many months after publication
_BARE_DAY_SLACK = dt.timedelta(days=31)
# The publication dates a relative expression can be resolved against: a year inside
# the calendar's ends, so that "next week" or "a year ago" stays a date. A source that
# says 9999-12-31 (or 0001-01-01) states no real date; its relative expressions give
# no mention, as without one.
_EARLIEST_PUBLISHED = dt.date(dt.MINYEAR + 1, 1, 1)
_LATEST_PUBLISHED = dt.date(dt.MAXYEAR - 2, 12, 31)


@dataclass(frozen=True)
class DateMention:
    """A time expression at `text[start:end]` and the date it stands for.

    `kind` is "absolute" when the text writes the year, "fiscal" for a fiscal
    year, and "relative" when the date was resolved against `published`.
    """

    start: int
    end: int
    date: PartialDate
    kind: str

    @property
    def precision(self) -> str:
        """Return "year", "month" or "day"."""
        if self.date.month is None:
            return "year"
        return "month" if self.date.day is None else "day"


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Return the time expressions of `text`, resolved against `published`, in text order.

    Overlapping matches keep the longest ("March 4, 1987" over "1987").
    """
    if published is not None and not _EARLIEST_PUBLISHED <= published <= _LATEST_PUBLISHED:
        published = None
    candidates = [mention for finder in _FINDERS for mention in finder(text, published)]
    candidates.sort(key=lambda m: (m.start - m.end, m.start))
    kept: list[DateMention] = []
    for mention in candidates:
        if all(mention.end <= other.start or mention.start >= other.end for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _month_number(name: str) -> int:
    return MONTH_NUMBERS[name.rstrip(".").lower()]


def _is_future(text: str, start: int) -> bool:
    """Say whether the clause before `start` is in the future tense."""
    window_start = max(0, start - _FUTURE_WINDOW)
    window = text[window_start:start]
    boundaries = list(_CLAUSE_START.finditer(window))
    if boundaries:
        window = window[boundaries[-1].end() :]
    return _FUTURE_CUE.search(window) is not None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _mention(
    match: re.Match[str], date: PartialDate, kind: str, group: str = "expr"
) -> DateMention:
    return DateMention(match.start(group), match.end(group), date, kind)


def _safe_date(year: int, month: int, day: int) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def _find_iso(text: str, published: dt.date | None) -> Iterator[DateMention]:
    for match in _ISO_DATE.finditer(text):
        date = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
        if date is not None:
            yield _mention(match, date, "absolute")


def _resolve_day_month(
    text: str, start: int, month: int, day: int, published: dt.date
) -> PartialDate | None:
    """Return the year-less day and month as a date near publication (module docstring)."""
    if _is_future(text, start):
        for year in (published.year, published.year + 1):
            date = _safe_date(year, month, day)
            if date is not None and dt.date(year, month, day) >= published:
                return date
        return None
    for year in (published.year, published.year - 1):
        date = _safe_date(year, month, day)
        if date is not None and dt.date(year, month, day) <= published + _BARE_DAY_SLACK:
            return date
    return None


def _find_day_and_month(text: str, published: dt.date | None) -> Iterator[DateMention]:
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for match in pattern.finditer(text):
            month, day = _month_number(match["month"]), int(match["day"])
            if not 1 <= day <= 31:
                continue
            if match["year"]:
                date = _safe_date(int(match["year"]), month, day)
                if date is not None:
                    yield _mention(match, date, "absolute")
            elif published is not None:
                date = _resolve_day_month(text, match.start("expr"), month, day, published)
                if date is not None:
                    yield _mention(match, date, "relative")


def _find_month_year(text: str, published: dt.date | None) -> Iterator[DateMention]:
    for match in _MONTH_YEAR.finditer(text):
        yield _mention(
            match, PartialDate(int(match["year"]), _month_number(match["month"])), "absolute"
        )


def _find_month_relative_year(text: str, published: dt.date | None) -> Iterator[DateMention]:
    if published is None:
        return
    steps = {"last": -1, "this": 0, "next": 1}
    for match in _MONTH_RELATIVE_YEAR.finditer(text):
        year = published.year + steps[match["rel"].lower()]
        month = _month_number(match["month"])
        day = match["day1"] or match["day2"]
        date = PartialDate(year, month) if day is None else _safe_date(year, month, int(day))
        if date is not None:
            yield _mention(match, date, "relative")


def _resolve_month(text: str, start: int, month: int, rel: str, published: dt.date) -> PartialDate:
    """Return the year of a month named without one (module docstring)."""
    year = published.year
    if rel == "last":
        return PartialDate(year if month < published.month else year - 1, month)
    if rel == "next":
        return PartialDate(year if month > published.month else year + 1, month)
    if rel in ("this", "earlier this", "later this"):
        return PartialDate(year, month)
    if _is_future(text, start):
        return PartialDate(year if month >= published.month else year + 1, month)
    ahead = (month - published.month) % 12
    # A month up to _BARE_MONTH_SLACK ahead is still this year's; further ahead, last year's.
    if month > published.month and ahead > _BARE_MONTH_SLACK:
        return PartialDate(year - 1, month)
    return PartialDate(year, month)


def _find_cued_month(text: str, published: dt.date | None) -> Iterator[DateMention]:
    if published is None:
        return
    for match in _MONTH_ALONE.finditer(text):
        before = _MONTH_CUE_BEFORE.search(
            text, max(0, match.start() - _CUE_LOOKBACK), match.start()
        )
        if before is None:  # never: the pattern also matches the empty string
            continue
        cue = (before["cue"] or "").lower()
        rel = " ".join((before["rel"] or "").lower().split())
        if not cue and not rel:
            continue
        if match["month"] == "May" and not rel and cue not in _MAY_CUES:
            continue
        start = before.start("rel") if rel else match.start()
        month = _month_number(match["month"])
        date = _resolve_month(text, start, month, rel, published)
        yield DateMention(start, match.end(), date, "relative")


def _find_cued_year(text: str, published: dt.date | None) -> Iterator[DateMention]:
    for pattern in (_YEAR_CUED, _YEAR_ATTRIBUTIVE):
        for match in pattern.finditer(text):
            yield _mention(match, PartialDate(int(match["year"])), "absolute")
    for match in _YEAR_RANGE.finditer(text):
        yield _mention(match, PartialDate(int(match["year"])), "absolute")
        yield _mention(match, PartialDate(int(match["year2"])), "absolute", "expr2")


def _find_fiscal(text: str, published: dt.date | None) -> Iterator[DateMention]:
    for match in _FISCAL.finditer(text):
        if match["year"]:
            year = int(match["year"])
        else:
            digits = match["fy"]
            # FY25 is 2025, FY87 is 1987: two-digit fiscal years before 70 are this century.
            year = (
                int(digits)
                if len(digits) == 4
                else (2000 if int(digits) < 70 else 1900) + int(digits)
            )
        yield _mention(match, PartialDate(year), "fiscal")


def _find_day_words(text: str, published: dt.date | None) -> Iterator[DateMention]:
    if published is None:
        return
    offsets = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
    for match in _DAY_WORD.finditer(text):
        day = published + dt.timedelta(days=offsets[match["expr"].lower()])
        yield _mention(match, PartialDate.from_date(day), "relative")


def _find_relative_units(text: str, published: dt.date | None) -> Iterator[DateMention]:
    if published is None:
        return
    steps = {"last": -1, "this": 0, "next": 1}
    for match in _RELATIVE_UNIT.finditer(text):
        step = steps[match["rel"].lower()]
        unit = match["unit"].lower()
        if unit == "year":
            date = PartialDate(published.year + step)
        elif unit == "month":
            date = PartialDate(*_shift_month(published.year, published.month, step))
        else:  # a week is reported to the month it falls in
            day = published + dt.timedelta(weeks=step)
            date = PartialDate(day.year, day.month)
        yield _mention(match, date, "relative")


# (first month, last month) of each northern-hemisphere season but winter.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _find_seasons(text: str, published: dt.date | None) -> Iterator[DateMention]:
    if published is None:
        return
    for match in _SEASON.finditer(text):
        rel, season = match["rel"].lower(), match["season"].lower()
        year = published.year
        if rel == "this":
            yield _mention(match, PartialDate(year), "relative")
        elif season in _SEASONS:  # "last winter" straddles two years: no year to give
            first, last = _SEASONS[season]
            if rel == "last":
                yield _mention(
                    match, PartialDate(year if published.month > last else year - 1), "relative"
                )
            else:
                yield _mention(
                    match, PartialDate(year if published.month < first else year + 1), "relative"
                )


def _find_ago(text: str, published: dt.date | None) -> Iterator[DateMention]:
    if published is None:
        return
    for match in _AGO.finditer(text):
        word = match["count"].lower()
        count = int(word) if word.isdigit() else _WORD_COUNTS[word]
        unit = match["unit"].lower().rstrip("s")
        if unit == "year":
            date = PartialDate(published.year - count)
        elif unit == "month":
            date = PartialDate(*_shift_month(published.year, published.month, -count))
        elif unit == "week":
            day = published - dt.timedelta(weeks=count)
            date = PartialDate(day.year, day.month)
        else:
            date = PartialDate.from_date(published - dt.timedelta(days=count))
        yield _mention(match, date, "relative")


def _find_weekdays(text: str, published: dt.date | None) -> Iterator[DateMention]:
    if published is None:
        return
    for match in _WEEKDAY.finditer(text):
        weekday = WEEKDAYS.index(match["weekday"].lower())
        rel = (match["rel"] or "").lower()
        back = (published.weekday() - weekday) % 7
        ahead = (weekday - published.weekday()) % 7
        if rel == "last":
            day = published - dt.timedelta(days=back or 7)
        elif rel == "next":
            day = published + dt.timedelta(days=ahead or 7)
        elif rel == "this" or _is_future(text, match.start("expr")):
            day = published + dt.timedelta(days=ahead)
        else:
            day = published - dt.timedelta(days=back)
        yield _mention(match, PartialDate.from_date(day), "relative")


_FINDERS: tuple[Callable[[str, dt.date | None], Iterator[DateMention]], ...] = (
    _find_iso,
    _find_day_and_month,
    _find_month_year,
    _find_month_relative_year,
    _find_cued_month,
    _find_cued_year,
    _find_fiscal,
    _find_day_words,
    _find_relative_units,
    _find_seasons,
    _find_ago,
    _find_weekdays,
)
