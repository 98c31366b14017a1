"""Split a document's text into sentences with exact character offsets.

A cheap rule-based splitter: the extractor only parses the few sentences that
mention a weapon, so splitting must be fast over whole articles and must never
shift offsets. It knows news abbreviations ("U.S.", "Gen.", "Jan."), initials,
decimals, and the newswire layout where an indented line starts a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Words that end with a full stop but rarely end a sentence in news text.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "cpl",
        "pvt",
        "sen",
        "rep",
        "gov",
        "pres",
        "supt",
        "insp",
        "st",
        "mt",
        "ft",
        "jr",
        "sr",
        "rev",
        "hon",
        "messrs",
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
        "co",
        "corp",
        "inc",
        "ltd",
        "plc",
        "bros",
        "cie",
        "ag",
        "nv",
        "sa",
        "spa",
        "no",
        "nos",
        "vol",
        "fig",
        "approx",
        "est",
        "dept",
        "univ",
        "assn",
        "ave",
        "blvd",
        "rd",
        "vs",
        "etc",
        "al",
        "ie",
        "eg",
        "cf",
        "u.s",
        "u.k",
        "u.n",
        "u.s.s.r",
        "e.u",
    ]
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s)""")
# A paragraph break: a blank line, or a newline followed by indentation (newswire layout).
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=[ \t]{2,}\S)")
_LINE_BREAK = re.compile(r"\n\s*")
_WORD_BEFORE = re.compile(r"(?:^|[^\w.-])([A-Za-z][A-Za-z.]*)\.$")
# What may start a sentence after a boundary.
_SENTENCE_START = re.compile(r"""\s+["'“‘(\[]?[A-Z0-9]""")


@dataclass(frozen=True)
class SentenceSpan:
    """A sentence as offsets into its document's text."""

    start: int
    end: int


def _is_abbreviation_end(text: str, dot_end: int) -> bool:
    """Tell whether the full stop just before `dot_end` closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text[max(0, dot_end - 20) : dot_end])
    if not match:
        return False
    word = match.group(1).lower()
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    # A single capital letter ("J. Smith") or dotted initials ("U.S.") that are not all
    # upper-case sentence words.
    return len(word.replace(".", "")) == 1 or ("." in word and len(word) <= 6)


def _split_paragraph(text: str, start: int, end: int) -> Iterator[SentenceSpan]:
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        boundary = match.end()
        if not _SENTENCE_START.match(text, boundary, end):
            continue
        single_full_stop = text[match.start()] == "." and match.end() - match.start() == 1
        if single_full_stop and _is_abbreviation_end(text, match.start() + 1):
            continue
        yield from _trimmed(text, sentence_start, boundary)
        sentence_start = boundary
    yield from _trimmed(text, sentence_start, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[SentenceSpan]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield SentenceSpan(start, end)


def _is_hard_wrapped(text: str) -> bool:
    """Tell whether single newlines are line wraps (newswire) rather than paragraph breaks.

    Wrapped text has many lines of similar, short length; text with one paragraph per
    line has long lines. 90 characters separates the two layouts in the corpora we read.
    """
    lengths = sorted(len(line) for line in text.split("\n") if line.strip())
    return len(lengths) >= 3 and lengths[len(lengths) // 2] < 90


def split_sentences(text: str) -> list[SentenceSpan]:
    """Return the sentences of `text` as offset spans, in order."""
    spans: list[SentenceSpan] = []
    paragraph_start = 0
    breaks = _PARAGRAPH if _is_hard_wrapped(text) else _LINE_BREAK
    for match in breaks.finditer(text):
        spans.extend(_split_paragraph(text, paragraph_start, match.start()))
        paragraph_start = match.end()
    spans.extend(_split_paragraph(text, paragraph_start, len(text)))
    return spans
