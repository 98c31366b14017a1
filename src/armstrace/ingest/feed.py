"""Read RSS and Atom feeds (`.xml`, `.rss`, `.atom`) with feedparser: one Document per entry."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser

from armstrace.errors import InputError
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
from armstrace.ingest.html import extract_article
from armstrace.model import Document, make_document_id

LOGGER = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_feed(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Read an RSS or Atom file: one Document per entry, one Skipped per unusable entry.

    The feed is parsed whole, so the file itself must fit within `max_bytes`.
    """
    source = source_name(path)
    return guarded(source, _read_feed(Path(path), source, max_bytes))


def _read_feed(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    yield from parse_feed(read_file_bytes(path, source, max_bytes), source)


@dataclass(frozen=True)
class FeedLink:
    """One feed entry's article: its page's URL, and what the feed says of it."""

    url: str
    title: str | None = None
    published: dt.date | None = None
    guid: str | None = None


def parse_feed(data: bytes, source: str) -> Iterator[Item]:
    """Parse feed bytes already read (a file or standard input)."""
    entries = _parse_entries(data, source, allow_empty=False)
    for number, entry in enumerate(entries, start=1):
        guid = _entry_string(entry, "id")
        where = f"{source}#{guid or number}"
        try:
            yield entry_to_document(entry, where, guid)
        except Exception as error:  # noqa: BLE001  (one bad entry must not stop the feed)
            LOGGER.debug("feed entry failed: %s", where, exc_info=True)
            yield skip(where, f"cannot read this entry: {type(error).__name__}: {error}")


def read_feed_links(data: bytes, source: str, base_url: str | None = None) -> list[FeedLink]:
    """Return the article links of a feed's entries, in feed order (entries without one left out).

    Relative links are resolved against `base_url` (where the feed was fetched). A
    feed with no entries gives an empty list; a document that is no feed raises
    `InputError`.
    """
    links: list[FeedLink] = []
    for entry in _parse_entries(data, source, allow_empty=True):
        link = _entry_string(entry, "link")
        if link is None:
            continue
        links.append(FeedLink(
            url=urljoin(base_url, link) if base_url else link,
            title=_entry_string(entry, "title"),
            published=_entry_date(entry),
            guid=_entry_string(entry, "id"),
        ))
    return links


def _parse_entries(data: bytes, source: str, *, allow_empty: bool) -> list[Any]:
    check_nonempty(data, source)
    check_not_binary(data, source)
    # A stream, never a string: feedparser fetches strings that look like URLs.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    entries: list[Any] = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise InputError(source, f"not a readable RSS/Atom feed ({problem})")
        if not allow_empty or not parsed.get("version"):
            raise InputError(source, "feed has no entries")
    return entries


def _entry_string(entry: Any, key: str) -> str | None:
    value = entry.get(key)
    return value.strip() or None if isinstance(value, str) else None


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _hash_id(guid: str) -> str:
    """Return the id of an entry whose feed gives one: its guid hashed like content ids."""
    return hashlib.sha256(guid.encode("utf-8")).hexdigest()[:16]


def entry_to_document(entry: Any, where: str, guid: str | None) -> Item:
    """Turn one feedparser entry into a Document: full content if present, else the summary."""
    contents = entry.get("content") or []
    body = next((c for c in contents if (c.get("value") or "").strip()), None)
    if body is None and (entry.get("summary") or "").strip():
        body = entry.get("summary_detail") or {"value": entry["summary"], "type": "text/html"}
    if body is None:
        return skip(where, "entry has no content and no summary")
    url = _entry_string(entry, "link")
    title = _entry_string(entry, "title")
    published = _entry_date(entry)
    document_id = _hash_id(guid) if guid else None
    value = body.get("value") or ""
    if (body.get("type") or "text/html") in _HTML_TYPES:
        return extract_article(
            value,
            source=where,
            url=url,
            title=title,
            published=published,
            document_id=document_id,
        )
    text = value.strip()
    return Document(
        id=document_id or make_document_id(text),
        text=text,
        source=where,
        url=url,
        title=title,
        published=published,
    )
