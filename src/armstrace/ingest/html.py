"""Read HTML pages (`.html`, `.htm`, `.html.gz`): main text with trafilatura, date with htmldate.

`extract_article` is the one HTML-to-Document function; the JSON Lines, feed
and WARC readers call it too.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import DEFAULT_CONFIG

from armstrace.ingest.files import (
    MAX_BYTES,
    Item,
    check_nonempty,
    check_not_binary,
    guarded,
    read_file_bytes,
    skip,
    source_name,
)
from armstrace.model import Document, Skipped, make_document_id

LOGGER = logging.getLogger(__name__)

# Settings (favor_precision, no comments; see extract_article): on the
# article-extraction-benchmark (181 pages) they score shingle F1 0.961
# (P 0.958, R 0.971) against 0.947 for the defaults, 0.945 for favor_recall and
# 0.941 with fast=True. A missed paragraph costs a record; a kept "related
# stories" list costs false records from other stories.
_CONFIG = deepcopy(DEFAULT_CONFIG)
# The library caps decompressed input itself (max_bytes); trafilatura's own
# 20 MB cap would only hide our clearer message.
_CONFIG.set("DEFAULT", "MAX_FILE_SIZE", str(10**9))

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_PAGE_MARKERS = ("<html", "<body", "<head", "<!doctype")
_BLOCK_TAGS = frozenset(
    ("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption")
    + ("figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main")
    + ("nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul")
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def decode_html(data: bytes) -> str:
    """Decode HTML bytes: UTF-8, else the page's declared charset, else Windows-1252.

    Windows-1252 is the WHATWG encoding standard's fallback for unlabelled
    legacy pages in English-language locales; it never fails to decode.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            LOGGER.debug("unknown declared charset %r", declared.group(1))
    return data.decode("cp1252", errors="replace")


def date_from_iso(value: str | None) -> dt.date | None:
    """Return the date of an ISO `YYYY-MM-DD[...]` string, or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def fragment_to_text(html: str) -> str:
    """Return the text of an HTML fragment, one line per block element.

    For feed summaries and JSON `html` snippets: too short for trafilatura's
    page heuristics (it returns nothing under ~250 characters) and carrying no
    page chrome to remove.
    """
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _clean_lines(html)
    for unwanted in root.xpath("//script|//style|//noscript|//template"):
        unwanted.drop_tree()
    parts: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        is_block = isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS
        if is_block:
            parts.append("\n")
        if isinstance(element.tag, str) and element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if is_block:
            parts.append("\n")

    walk(root)
    return _clean_lines("".join(parts))


def _clean_lines(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _is_fragment(html: str) -> bool:
    head = html[:2048].lower()
    return not any(marker in head for marker in _PAGE_MARKERS)


def extract_article(
    html: str | bytes,
    *,
    source: str,
    url: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    document_id: str | None = None,
) -> Document | Skipped:
    """Turn one HTML page (or fragment) into a Document of its main text, or say why not.

    Given `url`, `title` and `published` win over what the page's metadata says
    (a feed or a JSON record knows them better than the page's markup).
    """
    if isinstance(html, bytes):
        html = decode_html(html)
    if not html.strip():
        return skip(source, "empty HTML")
    if _is_fragment(html):
        text = fragment_to_text(html)
        if not text:
            return skip(source, "HTML fragment holds no text")
        return Document(
            id=document_id or make_document_id(text),
            text=text,
            source=source,
            url=url,
            title=title,
            published=published,
        )
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        # htmldate: original (not last-modified) date, and no extensive search:
        # that search takes dates from the body text (the dates of the events
        # reported), and a wrong `published` shifts every relative date.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": dt.date.today().isoformat(),
        },
        config=_CONFIG,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
    )
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        return skip(source, "no article text found in the HTML (trafilatura extracted nothing)")
    return Document(
        id=document_id or make_document_id(text),
        text=text,
        source=source,
        url=url or getattr(result, "url", None) or None,
        title=title or getattr(result, "title", None) or None,
        published=published or date_from_iso(getattr(result, "date", None)),
    )


def read_html(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Read one HTML page (optionally gzipped) as one Document, or one Skipped."""
    source = source_name(path)
    return guarded(source, _read_html(Path(path), source, max_bytes))


def _read_html(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    data = read_file_bytes(path, source, max_bytes)
    yield from parse_html(data, source)


def parse_html(data: bytes, source: str) -> Iterator[Item]:
    """Parse HTML bytes already read (a file or standard input)."""
    check_nonempty(data, source)
    check_not_binary(data, source)
    yield extract_article(data, source=source)
