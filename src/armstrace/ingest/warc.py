"""Read web archives (`.warc`, `.warc.gz`) with warcio: one Document per HTML page captured."""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from armstrace.ingest.files import CHUNK_BYTES, MAX_BYTES, Item, guarded, limit_problem, skip
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
    tracker = _GzipTracker(stream)
    records = ArchiveIterator(tracker)
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
            missing = _drain(record)
        except Exception as error:  # noqa: BLE001
            LOGGER.debug("WARC record failed: %s", where, exc_info=True)
            item = skip(where, f"cannot read this record: {type(error).__name__}: {error}")
            missing = 0
        if missing:
            declared = int(record.rec_headers.get_header("Content-Length") or 0)
            yield skip(
                where,
                f"record is truncated ({declared - missing} of {declared} bytes): "
                "the file was cut short",
            )
        elif item is not None:
            yield item
    if not tracker.complete:
        yield skip(
            source,
            f"truncated gzip: the file ends inside a compressed record, after reading {count} "
            "records; re-download it",
        )
    elif count == 0:
        yield skip(source, "no WARC records found")


class _GzipTracker:
    """A pass-through stream that notes whether a gzip file ends on a member boundary.

    warcio stops quietly at a gzip member cut short; running the compressed
    bytes through a second decompressor (its output thrown away) is cheap next
    to HTML extraction, and tells a finished file from a truncated one.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decompressor: Any = None
        self._checking: bool | None = None  # decided on the first bytes

    @property
    def complete(self) -> bool:
        return self._decompressor is None

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if self._checking is None and data:
            self._checking = data[:2] == b"\x1f\x8b"
        if self._checking:
            self._feed(data)
        return data

    def _feed(self, data: bytes) -> None:
        while data:
            if self._decompressor is None:
                data = data.lstrip(b"\x00")  # padding between members
                if not data:
                    return
                self._decompressor = zlib.decompressobj(31)
            while data:
                self._decompressor.decompress(data, CHUNK_BYTES)
                data = self._decompressor.unconsumed_tail
            if self._decompressor.eof:
                data = self._decompressor.unused_data
                self._decompressor = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


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
    declared = _CHARSET.search(content_type)
    html = _decode_payload(payload, declared.group(1) if declared else None)
    url = record.rec_headers.get_header("WARC-Target-URI")
    return extract_article(html, source=where, url=url)


def _drain(record: Any) -> int:
    """Read a record to its end; return how many of its declared bytes were missing."""
    raw_stream = record.raw_stream
    while raw_stream.read(CHUNK_BYTES):
        pass
    return int(getattr(raw_stream, "limit", 0))


def _decode_payload(payload: bytes, charset: str | None) -> str:
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            LOGGER.debug("HTTP charset %r does not decode the page", charset)
    return decode_html(payload)
