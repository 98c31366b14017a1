"""Read RSS and Atom feeds (`.xml`, `.rss`, `.atom`) with feedparser: one Document per entry."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
)
from armstrace.ingest.html import extract_article
from armstrace.model import Document, make_document_id

LOGGER = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_feed(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Read an RSS or Atom file: one Document per entry, one Skipped per unusable entry.

    The feed is parsed whole, so the file itself must fit within `max_bytes`.
    """
    source = str(path)
    return guarded(source, _read_feed(Path(path), source, max_bytes))


def _read_feed(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    yield from parse_feed(read_file_bytes(path, source, max_bytes), source)


def parse_feed(data: bytes, source: str) -> Iterator[Item]:
    """Parse feed bytes already read (a file or standard input)."""
    check_nonempty(data, source)
    check_not_binary(data, source)
    # A stream, never a string: feedparser fetches strings that look like URLs.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise InputError(source, f"not a readable RSS/Atom feed ({problem})")
        raise InputError(source, "feed has no entries")
    for number, entry in enumerate(entries, start=1):
        guid = _entry_string(entry, "id")
        where = f"{source}#{guid or number}"
        try:
            yield entry_to_document(entry, where, guid)
        except Exception as error:  # noqa: BLE001  (one bad entry must not stop the feed)
            LOGGER.debug("feed entry failed: %s", where, exc_info=True)
            yield skip(where, f"cannot read this entry: {type(error).__name__}: {error}")


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
