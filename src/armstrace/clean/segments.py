"""Cut text into blocks (paragraphs) and sentence-like units, as character spans.

Boilerplate is judged unit by unit, and removed by span, so the text that is
kept stays byte-for-byte what it was (evidence offsets depend on it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Titles and other abbreviations that end in a period but rarely end a sentence.
ABBREVIATIONS = frozenset(
    (
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "ste",
        "mt",
        "ft",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "cmdr",
        "cdr",
        "adm",
        "sgt",
        "cpl",
        "pte",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "jr",
        "sr",
        "no",
        "nos",
        "vs",
        "v",
        "inc",
        "corp",
        "co",
        "ltd",
        "plc",
        "bros",
        "dept",
        "univ",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "fig",
        "approx",
        "est",
        "ave",
        "blvd",
        "rd",
        "mln",
        "bln",
        "dlrs",
        "pct",
    )
)

_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s+[\"“‘'«(\[]?[A-Z0-9•])|\s+•\s+|\s+\|\s+")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)[.!?…]*$")
# Hard-wrapped text (wire copy, e-mail): most lines of similar width, none long.
_WRAP_MIN_LINES = 5
_WRAP_MAX_WIDTH = 100
_WRAP_SHARE = 0.7
_PARAGRAPH_BREAK_WRAPPED = re.compile(r"\n\s*\n|\n(?=[ \t]+\S)")


@dataclass(frozen=True)
class Span:
    """A stretch of text: `text[start:end]`."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def is_hard_wrapped(text: str) -> bool:
    """Say whether line breaks in the text are wrapping (Reuters) rather than paragraphs."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < _WRAP_MIN_LINES or max(len(line) for line in lines) > _WRAP_MAX_WIDTH:
        return False
    mid_width = sum(40 <= len(line.rstrip()) <= 80 for line in lines)
    return mid_width / len(lines) >= _WRAP_SHARE


def split_blocks(text: str, wrapped: bool | None = None) -> list[Span]:
    """Return the paragraphs: lines, or blank-line/indent-separated runs in wrapped text.

    `wrapped` is `is_hard_wrapped(text)`, for a caller that has already computed it.
    """
    if wrapped if wrapped is not None else is_hard_wrapped(text):
        breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK_WRAPPED.finditer(text)]
    else:
        breaks = [
            (m.start(), m.end())
            for m in re.finditer(r"\n", text)
            if not _is_continuation(text, m.start())
        ]
    spans: list[Span] = []
    position = 0
    for start, end in [*breaks, (len(text), len(text))]:
        span = _trim(text, position, start)
        if span is not None:
            spans.append(span)
        position = end
    return spans


def _is_continuation(text: str, newline: int) -> bool:
    """Say whether a line break only wraps a sentence: no end mark before, lower case after."""
    after = text[newline + 1 : newline + 2]
    before = text[:newline].rstrip()[-1:]
    return after.islower() and before not in '.!?:…"”’)' and before != ""


def split_sentences(text: str, block: Span) -> list[Span]:
    """Return sentence-like units of one block (bullets and pipes also separate units)."""
    spans: list[Span] = []
    position = block.start
    segment = text[block.start : block.end]
    for match in _SENTENCE_END.finditer(segment):
        cut = block.start + match.end()
        if match.group(0).rstrip()[-1:] in ".!?…\"”’'»)]" and _is_abbreviation(
            text[position : block.start + match.end()]
        ):
            continue
        span = _trim(text, position, cut)
        if span is not None:
            spans.append(span)
        position = cut
    span = _trim(text, position, block.end)
    if span is not None:
        spans.append(span)
    return spans


def _is_abbreviation(sentence: str) -> bool:
    stripped = sentence.rstrip(" \"”’'»)]")
    if not stripped.endswith("."):
        return False
    match = _WORD_BEFORE.search(stripped)
    if match is None:
        return False
    word = match.group(1).rstrip(".")
    # "J." (an initial), "U.S." (an initialism), "Mr." (a title)
    return len(word) == 1 or "." in word or word.lower() in ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in " \t\r\n•|":
        start += 1
    while end > start and text[end - 1] in " \t\r\n•|":
        end -= 1
    return Span(start, end) if end > start else None
