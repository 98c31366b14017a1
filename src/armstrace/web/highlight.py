"""Show untrusted article text as HTML with some spans marked.

Always escape first, then wrap: the text is split at the span offsets, each piece
is escaped on its own, and only then are `<mark>` tags put around the marked
pieces. No article character ever reaches the page unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

# Characters from Unicode's private use area: FTS5 puts them around matched words
# in a snippet; articles practically never hold them, and a stray one is dropped.
MATCH_START = "\ue000"
MATCH_END = "\ue001"
_MARKED = re.compile(
    f"{MATCH_START}(?P<marked>[^{MATCH_START}{MATCH_END}]*){MATCH_END}"
    f"|(?P<plain>[^{MATCH_START}]+|{MATCH_START})",
)


@dataclass(frozen=True)
class Span:
    """A stretch of text to mark: `text[start:end]`, with a CSS class and an optional id."""

    start: int
    end: int
    css_class: str = "hit"
    anchor: str | None = None
    title: str | None = None


def mark_spans(text: str, spans: Iterable[Span]) -> Markup:
    """Return `text` escaped, with each span wrapped in `<mark>`.

    Overlapping spans are merged into the first; spans outside the text are cut to it.
    """
    ordered = sorted(
        (span for span in spans if 0 <= span.start < span.end),
        key=lambda span: (span.start, -span.end),
    )
    pieces: list[str] = []
    position = 0
    for span in ordered:
        start, end = max(span.start, position), min(span.end, len(text))
        if start >= end:
            continue
        pieces.append(escape(text[position:start]))
        attributes = f' class="{escape(span.css_class)}"'
        if span.anchor:
            attributes += f' id="{escape(span.anchor)}"'
        if span.title:
            attributes += f' title="{escape(span.title)}"'
        pieces.append(f"<mark{attributes}>{escape(text[start:end])}</mark>")
        position = end
    pieces.append(escape(text[position:]))
    return Markup("".join(pieces))


def mark_matches(snippet: str) -> Markup:
    """Return an FTS5 snippet escaped, its matched words (between the markers) in `<mark>`.

    Only a marker pair becomes a tag; a stray marker (one that was in the article
    itself) is dropped, so the tags are always balanced.
    """
    pieces: list[str] = []
    for match in _MARKED.finditer(snippet):
        if match.group("marked") is not None:
            pieces.append(f'<mark class="hit">{escape(match.group("marked"))}</mark>')
        else:
            pieces.append(str(escape(match.group("plain").replace(MATCH_START, "")
                                     .replace(MATCH_END, ""))))
    return Markup("".join(pieces))


def excerpt_around(text: str, start: int, end: int, context: int = 300) -> tuple[int, int]:
    """Return the bounds of an excerpt of `text` with `context` characters around a span,
    widened to whole words."""
    low = max(0, start - context)
    high = min(len(text), end + context)
    while low > 0 and not text[low - 1].isspace():
        low -= 1
    while high < len(text) and not text[high].isspace():
        high += 1
    return low, high
