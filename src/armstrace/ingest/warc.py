"""Read web archives (`.warc`, `.warc.gz`) with warcio: one Document per HTML page captured.

A damaged archive yields what can be read, then one Skipped saying where reading
stopped and why. A file cut short (an interrupted download or crawl) is told
apart from a broken record inside a file, and is reported once, at the record
where it ends.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecordLoader

from armstrace.ingest.files import (
    CHUNK_BYTES,
    MAX_BYTES,
    Item,
    guarded,
    limit_problem,
    open_regular,
    skip,
    source_name,
)
from armstrace.ingest.html import decode_html, extract_article

LOGGER = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
# Enough of a bad line to recognise it, short enough to keep the report on one line.
QUOTE_CHARS = 60


def read_warc(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Read a WARC file: one Document per HTML `response` record with status 200.

    Other records (requests, metadata, images, redirects) are passed over in
    silence: they are the archive's plumbing, not rejected articles.
    """
    source = source_name(path)
    return guarded(source, _read_warc(Path(path), source, max_bytes))


def _read_warc(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    with open_regular(path) as stream:
        yield from parse_warc(stream, source, max_bytes)


def parse_warc(stream: BinaryIO, source: str, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Parse a WARC stream (gzipped or not); a damaged file ends it with one Skipped.

    A file that gives neither a page nor a problem (every record a request, a redirect,
    an image) is one Skipped saying so: no file goes unreported.
    """
    records_read = [0]
    said_anything = False
    for item in _parse_warc(stream, source, max_bytes, records_read):
        said_anything = True
        yield item
    if not said_anything:
        yield skip(source, f"no article in it: none of its {plural(records_read[0], 'record')} "
                   "is an HTML page fetched with status 200")


def _parse_warc(
    stream: BinaryIO, source: str, max_bytes: int, records_read: list[int]
) -> Iterator[Item]:
    tracker = _EndTracker(stream)
    records = _Records(tracker)
    count = 0
    where = source
    while True:
        try:
            record = next(records)
        except StopIteration:
            yield from _stray_lines(records, where)
            break
        except Exception as error:  # noqa: BLE001  (warcio raises many kinds; none is fatal to us)
            # warcio cannot resynchronise after a damaged header or gzip member.
            problem = _broken_problem(records, tracker, error, count + 1)
            yield skip(f"{source}#record-{count + 1}", problem)
            return
        yield from _stray_lines(records, where)
        count += 1
        records_read[0] = count
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        where = f"{source}#{record_id or f'record-{count}'}"
        try:
            item, swallowed = _record_to_item(record, where, max_bytes)
            drained, missing, drained_swallowed = _drain(record)
        except Exception as error:  # noqa: BLE001
            LOGGER.debug("WARC record failed: %s", where, exc_info=True)
            yield skip(where, f"cannot read this record: {type(error).__name__}: {one_line(error)}")
            continue
        if swallowed or drained_swallowed:
            # Its Content-Length is too large: the block ran on over the next record(s),
            # which are lost with it. Said once, here, rather than stored as one page.
            yield skip(where, "broken WARC record: its Content-Length runs past its end (a "
                       "WARC header line lies inside its content), so the record(s) after it "
                       "were read as its content and are lost with it; re-download the file")
            continue
        declared = record.rec_headers.get_header("Content-Length")
        if declared is None or not declared.strip().isdigit():
            # Nothing after the headers and nothing after the record: the headers are cut.
            if drained == 0 and record.http_headers is None and _nothing_left(records, tracker):
                yield skip(where, f"file is truncated: it ends inside the WARC headers of record "
                           f"{count}; re-download it")
                return
            if declared is None:
                # warcio read on to the end of the file (or gzip member) as this record's block.
                yield skip(where, "record has no Content-Length header, so the rest of the file "
                           "(or of its gzip member) was read as its content")
                continue
            # warcio takes the block as empty, then would read its content as the next record.
            yield skip(where, f"broken WARC record, stopped reading here: Content-Length "
                       f"{quote(declared)} is not a number of bytes")
            return
        if missing:
            length = int(declared)
            cut = (f"record {count} is cut short (Content-Length says {plural(length, 'byte')}, "
                   f"{length - missing} remain)")
            if _nothing_left(records, tracker):
                yield skip(where, f"file is truncated: {cut}; re-download it")
                return
            # Only in a gzip file can more follow: its member ended before the block did.
            yield skip(where, f"{cut}: its gzip member ends early; passed over")
            continue
        if item is not None:
            yield item
    if not tracker.complete:
        whole = plural(count, "whole record")
        yield skip(
            f"{source}#record-{count + 1}",
            f"file is truncated: it ends inside a gzip member, after {whole}; re-download it",
        )
    elif count == 0:
        yield skip(source, "no WARC records found")


def _stray_lines(records: _Records, where: str) -> Iterator[Item]:
    """Report what warcio found between the record at `where` and the next, then forget it."""
    for line in records.stray_lines:
        yield skip(where, f"broken WARC record: its Content-Length is shorter than its content; "
                   f"{quote(line)} follows it and was passed over")
    records.stray_lines.clear()


def quote(data: bytes | str, limit: int = QUOTE_CHARS) -> str:
    """Return bytes or text from a file quoted on one line (repr, CR/LF escaped), shortened.

    Bytes are shown as Python shows them, less the b prefix: what is not
    printable ASCII is escaped (`\\r`, `\\x00`, `\\xff`), so no byte is lost or hidden.
    """
    shown = repr(data[:limit])
    return shown.removeprefix("b") + ("..." if len(data) > limit else "")


def plural(number: int, noun: str) -> str:
    """Return "1 byte", "2 bytes"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def one_line(error: BaseException) -> str:
    """Return an exception's message with its line breaks and runs of spaces made single spaces."""
    return " ".join(str(error).split())


class _RecordLoader(ArcWarcRecordLoader):  # type: ignore[misc]  # warcio has no type hints
    """warcio's record parser, keeping each record's first line and reading short records.

    The first line is quoted when a record is broken. A record whose block is
    empty, or that has no WARC-Target-URI, is read with no HTTP headers: warcio
    1.8 takes the first for the end of the file (dropping the record in
    silence) and fails on the second with an AttributeError, so a record cut
    short after its headers would never reach the length check in `parse_warc`.
    """

    first_line: bytes | None = None

    def parse_record_stream(
        self,
        stream: Any,
        statusline: bytes | str | None = None,
        known_format: str | None = None,
        no_record_parse: bool = False,
        ensure_http_headers: bool = False,
        check_digests: bool = False,
    ) -> Any:
        if statusline is None:
            statusline = stream.readline()
        self.first_line = statusline.encode() if isinstance(statusline, str) else statusline
        return super().parse_record_stream(
            stream, statusline, known_format, no_record_parse, ensure_http_headers, check_digests
        )

    def load_http_headers(self, rec_type: str, uri: str | None, stream: Any, length: Any) -> Any:
        try:
            return super().load_http_headers(rec_type, uri or "", stream, length)
        except EOFError:
            return None


class _Records(ArchiveIterator):  # type: ignore[misc]  # warcio has no type hints
    """warcio's ArchiveIterator with our record loader, reading WARC files gzipped whole."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.loader = _RecordLoader(verify_http=False, arc2warc=False)
        self.stray_lines: list[bytes] = []

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        # warcio's own, but what it finds where blank lines should be (a Content-Length
        # too short) is kept to report as a Skipped, not written to standard error.
        empty_size = 0
        first_line = True
        while True:
            line = self.reader.readline()
            if len(line) == 0:
                return None, empty_size
            stripped = line.rstrip()
            if len(stripped) == 0 or first_line:
                empty_size += len(line)
                if len(stripped) != 0:
                    self.stray_lines.append(line)
                    self.err_count += 1
                first_line = False
                continue
            return line, empty_size

    def _raise_invalid_gzip_err(self) -> None:
        # warcio refuses a WARC gzipped as one member (`gzip crawl.warc`) because a replay
        # tool cannot seek to a record in it; reading straight through, we can use it.
        return None


def _broken_problem(records: _Records, tracker: _EndTracker, error: Exception, number: int) -> str:
    """Say why warcio could not parse record `number`: the file ends, or the record is broken."""
    first_line = records.loader.first_line
    line_cut = first_line is not None and not first_line.endswith(b"\n")
    if (line_cut or not tracker.complete) and _nothing_left(records, tracker):
        return (f"file is truncated: it ends inside the WARC headers of record {number}; "
                "re-download it")
    if first_line is not None and "first line" in str(error):
        return (f"broken WARC record, stopped reading here: expected a WARC/1.0 or WARC/1.1 "
                f"header line, found {quote(first_line)}")
    LOGGER.debug("WARC record broken", exc_info=True)
    return f"broken WARC record, stopped reading here: {type(error).__name__}: {one_line(error)}"


def _nothing_left(records: _Records, tracker: _EndTracker) -> bool:
    """Say whether the file ends where warcio stopped reading it."""
    reader = records.reader
    if reader is not None and reader.rem_length() > 0:
        return False
    return tracker.at_end()


class _EndTracker:
    """A pass-through stream that can tell where its file ends, and a truncated gzip file.

    `at_end` reads one byte ahead and keeps it for the next `read`, so that
    warcio, reading in blocks, loses nothing. warcio stops quietly at a gzip
    member cut short; running the compressed bytes through a second
    decompressor (its output thrown away) is cheap next to HTML extraction, and
    tells a finished gzip file from a truncated one.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._ahead = b""  # read by `at_end`, not yet passed on
        self._decompressor: Any = None
        self._checking: bool | None = None  # decided on the first bytes

    @property
    def complete(self) -> bool:
        """Say whether the bytes read so far end on a gzip member boundary (or are not gzip)."""
        return self._decompressor is None

    def at_end(self) -> bool:
        """Say whether the stream has nothing more to read."""
        if not self._ahead:
            self._ahead = self._read(1)
        return not self._ahead

    def read(self, size: int | None = -1) -> bytes:
        ahead, self._ahead = self._ahead, b""
        if size is None or size < 0:
            return ahead + self._read(-1)
        if size <= len(ahead):
            self._ahead = ahead[size:]
            return ahead[:size]
        return ahead + self._read(size - len(ahead))

    def tell(self) -> int:
        return int(self._stream.tell()) - len(self._ahead)

    def _read(self, size: int) -> bytes:
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


# Where one record ends and the next begins: the block's two line breaks, then a header line.
_NEXT_RECORD = re.compile(rb"\r\n\r\nWARC/1\.[01]\r\n")
_NEXT_RECORD_BYTES = 16  # what a chunk keeps of the one before, so no match is cut in two


def _record_to_item(record: Any, where: str, max_bytes: int) -> tuple[Item | None, bool]:
    """Return the page a record holds (or None), and whether its block holds a next record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None, False
    if record.http_headers.get_statuscode() != "200":
        return None, False
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None, False
    declared_size = int(record.rec_headers.get_header("Content-Length") or 0)
    if declared_size > max_bytes:
        return skip(where, limit_problem(declared_size, max_bytes, what="record")), False
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        problem = limit_problem(len(payload), max_bytes, what="decompressed page")
        return skip(where, problem), False
    if _NEXT_RECORD.search(payload):
        return None, True
    declared = _CHARSET.search(content_type)
    html = _decode_payload(payload, declared.group(1) if declared else None)
    url = record.rec_headers.get_header("WARC-Target-URI")
    return extract_article(html, source=where, url=url), False


def _drain(record: Any) -> tuple[int, int, bool]:
    """Read a record's block to its end; return the bytes read now, those missing from it,
    and whether what was read holds the start of a next record."""
    raw_stream = record.raw_stream
    drained = 0
    tail = b""
    swallowed = False
    while chunk := raw_stream.read(CHUNK_BYTES):
        drained += len(chunk)
        if not swallowed and _NEXT_RECORD.search(tail + chunk):
            swallowed = True
        tail = chunk[-_NEXT_RECORD_BYTES:]
    return drained, int(getattr(raw_stream, "limit", 0)), swallowed


def _decode_payload(payload: bytes, charset: str | None) -> str:
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            LOGGER.debug("HTTP charset %r does not decode the page", charset)
    return decode_html(payload)
