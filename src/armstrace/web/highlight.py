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
    """A stretch of text to mark, `text[start:end]`: its CSS class, anchor id and tooltip."""

    start: int
    end: int
    css_class: str = "hit"
    anchor: str | None = None
    title: str | None = None


def mark_spans(text: str, spans: Iterable[Span]) -> Markup:
    """Return `text` escaped, each stretch covered by spans wrapped in one `<mark>`.

    Spans may overlap (two records stated by one sentence): the text is cut at
    every span boundary, and each piece is marked with the classes and titles of
    all the spans covering it. A span's anchor is an empty element at its start,
    so `#anchor` links scroll to it. Offsets outside the text are cut to it.
    """
    kept = [span for span in spans if 0 <= span.start < span.end and span.start < len(text)]
    cuts = sorted({0, len(text), *(s.start for s in kept), *(min(s.end, len(text)) for s in kept)})
    pieces: list[str] = []
    for low, high in zip(cuts, cuts[1:], strict=False):
        for span in kept:
            if span.start == low and span.anchor:
                pieces.append(f'<span class="anchor" id="{escape(span.anchor)}"></span>')
        covering = [span for span in kept if span.start <= low and span.end >= high]
        piece = escape(text[low:high])
        if not covering:
            pieces.append(piece)
            continue
        classes = " ".join(dict.fromkeys(
            name for span in covering for name in span.css_class.split()))
        titles = "; ".join(dict.fromkeys(span.title for span in covering if span.title))
        title = f' title="{escape(titles)}"' if titles else ""
        pieces.append(f'<mark class="{escape(classes)}"{title}>{piece}</mark>')
    return Markup("".join(pieces))


def mark_words(text: str, words: Iterable[str]) -> Markup:
    """Return `text` escaped, with every occurrence of the words (any case, at a word start)
    marked: how a search hit shows the words it matched in an evidence sentence."""
    terms = sorted({word.strip('"').lower() for word in words if word.strip('"')}, key=len,
                   reverse=True)
    if not terms:
        return Markup(escape(text))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(term) for term in terms) + ")",
                         re.IGNORECASE)
    return mark_spans(text, [Span(m.start(), m.end()) for m in pattern.finditer(text)])


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


def safe_link(url: str | None) -> str | None:
    """Return the URL if it is http(s), else None: a `javascript:` URL is never a link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def archive_link(url: str | None) -> str | None:
    """Return the Internet Archive's address for the page at `url` (http(s) only), or None.

    A link for the reader to follow when the article has moved; nothing is fetched here.
    """
    link = safe_link(url)
    return f"https://web.archive.org/web/{link}" if link else None


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
