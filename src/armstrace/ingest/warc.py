"""Read web archives (`.warc`, `.warc.gz`) with warcio: one Document per HTML page captured."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from armstrace.ingest.files import MAX_BYTES, Item, guarded, limit_problem, skip
from armstrace.ingest.html import decode_html, extract_article

LOGGER = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def read_warc(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Read a WARC file: one Document per HTML `response` record with status 200.

    Other records (requests, metadata, images, redirects) are passed over in
    silence: they are the archive's plumbing, not rejected articles.
    """
    source = str(path)
    return guarded(source, _read_warc(Path(path), source, max_bytes))


def _read_warc(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    with path.open("rb") as stream:
        yield from parse_warc(stream, source, max_bytes)


def parse_warc(stream: BinaryIO, source: str, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Parse a WARC stream (gzipped or not); a broken record ends it with one Skipped."""
    records = ArchiveIterator(stream)
    count = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as error:  # noqa: BLE001  (warcio raises many kinds; none is fatal to us)
            # warcio cannot resynchronise after a damaged header or gzip member.
            where = f"{source}#record-{count + 1}"
            yield skip(where, f"broken WARC record, stopped reading here: {error}")
            return
        count += 1
        record_id = record.rec_headers.get_header("WARC-Record-ID") or f"record-{count}"
        where = f"{source}#{record_id}"
        try:
            item = _record_to_item(record, where, max_bytes)
        except Exception as error:  # noqa: BLE001
            LOGGER.debug("WARC record failed: %s", where, exc_info=True)
            item = skip(where, f"cannot read this record: {type(error).__name__}: {error}")
        if item is not None:
            yield item
    if count == 0:
        yield skip(source, "no WARC records found")


def _record_to_item(record: Any, where: str, max_bytes: int) -> Item | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    declared_size = int(record.rec_headers.get_header("Content-Length") or 0)
    if declared_size > max_bytes:
        return skip(where, limit_problem(declared_size, max_bytes, what="record"))
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return skip(where, limit_problem(len(payload), max_bytes, what="decompressed page"))
    raw_stream = record.raw_stream
    if getattr(raw_stream, "limit", 0) > 0 and not raw_stream.read(1):
        read_size = declared_size - raw_stream.limit
        return skip(
            where,
            f"record is truncated ({read_size} of {declared_size} bytes): the file was cut short",
        )
    declared = _CHARSET.search(content_type)
    html = _decode_payload(payload, declared.group(1) if declared else None)
    url = record.rec_headers.get_header("WARC-Target-URI")
    return extract_article(html, source=where, url=url)


def _decode_payload(payload: bytes, charset: str | None) -> str:
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            LOGGER.debug("HTTP charset %r does not decode the page", charset)
    return decode_html(payload)
