"""Open input files safely: size limits, gzip, encodings, sniffing, and one-line problems.

Every reader goes through these helpers so that a bad file becomes one clear
`InputError(source, problem)`, which the readers turn into a `Skipped`.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import os
import re
import stat
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, cast

from armstrace.deadline import TimeLimitExceeded
from armstrace.errors import InputError
from armstrace.model import Document, Skipped, encodable

LOGGER = logging.getLogger(__name__)

# 10 MB per document: far above any news article (the longest Reuters story is
# ~50 kB), low enough that a stray log file or data dump is refused, not parsed.
MAX_BYTES = 10_000_000
SNIFF_BYTES = 4096
CHUNK_BYTES = 1 << 16

Item = Document | Skipped


def format_size(size: int) -> str:
    """Return a size in decimal megabytes ("52.4 MB"), the unit the limit is stated in."""
    return f"{size / 1e6:.1f} MB"


def limit_problem(size: int, max_bytes: int, what: str = "file") -> str:
    """Return the message for an input over the per-document size limit."""
    return (
        f"{what} is {format_size(size)}, over the {max_bytes / 1e6:g} MB limit per document; "
        "split it or raise --max-bytes"
    )


# Characters of a file name that must not reach a terminal or a log as they are: control
# characters (an ANSI escape sequence starts with ESC, 0x1b) and the bidirectional
# overrides that make a name read differently from what it is ("Trojan Source").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Return the text with control characters written as escapes (ESC as `\\x1b`)."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode(), text)


def source_name(path: str | Path) -> str:
    """Return a path as documents and skip lines name it: as given, made safe to store and show.

    A name holding bytes that are not UTF-8 (Python gives them as lone surrogates) can
    be neither stored nor printed, and a name holding control characters would drive the
    terminal it is printed on: each such byte or character is written as an escape
    (`\\xff`, `\\x1b`).
    """
    name = os.fspath(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        name = os.fsencode(name).decode("utf-8", "backslashreplace")
    return printable(name)


def describe_special_file(mode: int) -> str | None:
    """Return what a file that is neither a regular file nor a directory is, or None."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


@contextlib.contextmanager
def open_regular(path: Path) -> Iterator[BinaryIO]:
    """Open a regular file for binary reading; refuse anything else without blocking on it.

    Opened with O_NONBLOCK and checked after opening (not before, when a FIFO could take
    the file's place): reading a FIFO or a device would wait forever or never end.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        kind = describe_special_file(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise InputError(source_name(path), f"is {kind}, not a regular file; not read")
        os.set_blocking(descriptor, True)
        stream = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with stream:
        yield stream


def encodable_document(document: Document) -> Document:
    """Return the document with every text field encodable as UTF-8 (see `encodable`).

    A JSON string, a feed's character reference or an HTML entity can name half a
    surrogate pair, which is no character: it becomes U+FFFD, and the run goes on.
    """
    fields = (document.id, document.text, document.source, document.url, document.title)
    if all(value is None or encodable(value) is value for value in fields):
        return document
    LOGGER.warning("%s: lone surrogates replaced by U+FFFD", encodable(document.source))
    return replace(
        document,
        id=encodable(document.id),
        text=encodable(document.text),
        source=encodable(document.source),
        url=None if document.url is None else encodable(document.url),
        title=None if document.title is None else encodable(document.title),
    )


def skip(source: str, reason: str) -> Skipped:
    """Return an ingest-stage Skipped."""
    return Skipped(source=source, stage="ingest", reason=reason)


def describe_os_error(error: OSError) -> str:
    """Return one line saying what went wrong opening or reading a path."""
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied: cannot read it (check the file's permissions)"
    if isinstance(error, IsADirectoryError):
        return "is a directory where a file was expected"
    return f"cannot read it: {error.strerror or error}"


def guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Yield from `items`, turning any exception into one final Skipped naming `source`.

    Third-party parsers (lxml, feedparser, warcio, gzip) raise whatever they
    raise; one bad file or record must not stop a run over thousands.
    """
    try:
        for item in items:
            yield encodable_document(item) if isinstance(item, Document) else item
    except InputError as error:
        yield skip(error.source, error.problem)
    except TimeLimitExceeded as error:
        yield skip(source, read_too_long(error.seconds))
    except OSError as error:
        yield skip(source, describe_os_error(error))
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        yield skip(source, f"truncated or corrupt gzip data ({error}); re-download it")
    except Exception as error:  # noqa: BLE001  (the contract: a bad input never raises)
        LOGGER.debug("reader failed on %s", source, exc_info=True)
        yield skip(source, f"cannot parse it: {type(error).__name__}: {error}")


def read_too_long(seconds: float) -> str:
    """Return the reason for an input whose reading ran out of time."""
    return (f"reading stopped after {seconds:g} s, the limit per document (raise it with "
            "--max-seconds); what it held after that is not read")


def is_gzip_file(path: Path) -> bool:
    """Say whether a file starts with the gzip magic number (whatever its name)."""
    with open_regular(path) as stream:
        return stream.read(2) == b"\x1f\x8b"


@contextlib.contextmanager
def open_binary(path: Path) -> Iterator[BinaryIO]:
    """Open a regular file for binary reading, decompressing gzip transparently."""
    with open_regular(path) as raw:
        if raw.read(2) == b"\x1f\x8b":
            raw.seek(0)
            with gzip.GzipFile(fileobj=raw, mode="rb") as stream:
                yield stream  # type: ignore[misc]
        else:
            raw.seek(0)
            yield raw


def read_limited(stream: BinaryIO, source: str, max_bytes: int, what: str = "file") -> bytes:
    """Read a whole stream, refusing (without reading further) one over `max_bytes`."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            source,
            f"{what} is over the {max_bytes / 1e6:g} MB limit per document; "
            "split it or raise --max-bytes",
        )
    return data


def read_file_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    """Read a file that holds one document, checking its size before reading it."""
    if not is_gzip_file(path):
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, limit_problem(size, max_bytes))
    with open_binary(path) as stream:
        try:
            return read_limited(stream, source, max_bytes, what="decompressed file")
        except (EOFError, zlib.error, gzip.BadGzipFile) as error:
            raise InputError(
                source, f"truncated or corrupt gzip file ({error}); re-download or re-compress it"
            ) from error


def check_not_binary(data: bytes, source: str) -> None:
    """Refuse data that holds NUL bytes near its start (how git tells binary from text)."""
    head = data[:SNIFF_BYTES]
    if head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff"):
        raise InputError(source, "file is UTF-16; re-save it as UTF-8")
    if head.lstrip().startswith(b"%PDF-"):
        raise InputError(source, "file is a PDF document, which armstrace does not read; "
                         "extract its text first (pdftotext FILE.pdf FILE.txt) and read that")
    if b"\x00" in head:
        kind = "a PNG image" if head.startswith(b"\x89PNG") else "binary data"
        raise InputError(
            source, f"file is {kind} (NUL bytes), not text, HTML, JSON, a feed or a WARC file"
        )


def decode_utf8(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without a BOM), or say exactly where it is not UTF-8.

    No guessing: charset detectors (charset_normalizer) misread short Latin-1
    news text (it calls the BBC corpus's one Latin-1 file cp932), and a wrong
    guess corrupts text silently, so we refuse and say how to fix it.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start - (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        raise InputError(
            source,
            f"cannot decode as UTF-8 (byte 0x{data[error.start]:02x} at offset {max(offset, 0)}); "
            "re-save it as UTF-8 (from Windows-1252: iconv -f cp1252 -t utf-8)",
        ) from error


def check_nonempty(data: bytes, source: str) -> None:
    if not data.strip():
        raise InputError(source, "empty file" if not data else "empty file (only whitespace)")


def sniff_format(head: bytes) -> str | None:
    """Return the reader name that the first bytes of a file suggest, or None.

    Names: "warc", "feed", "html", "jsonl", "json", "text"; None for binary data.
    """
    if head.startswith(b"\x1f\x8b"):
        return None  # callers decompress first, then sniff again
    stripped = head.lstrip(b"\xef\xbb\xbf").lstrip()
    lower = stripped[:SNIFF_BYTES].lower()
    head = stripped[:SNIFF_BYTES]  # what follows the white space is what is sniffed
    if lower.startswith(b"warc/1."):
        return "warc"
    if b"\x00" in head[:SNIFF_BYTES]:
        return None
    if lower.startswith(b"<?xml") or lower.startswith(b"<rss") or lower.startswith(b"<feed"):
        if b"<rss" in lower or b"<feed" in lower or b"<rdf:rdf" in lower:
            return "feed"
        if b"<html" in lower:
            return "html"
        return "feed"
    if lower.startswith(b"<") and any(
        tag in lower for tag in (b"<!doctype html", b"<html", b"<head", b"<body", b"<p", b"<div")
    ):
        return "html"
    if lower.startswith(b"{"):
        return "jsonl"
    if lower.startswith(b"["):
        return "json"
    return "text"


class PeekableStream:
    """A binary stream whose first bytes can be looked at before a reader takes it."""

    def __init__(self, stream: BinaryIO, head_size: int = SNIFF_BYTES) -> None:
        self._stream = stream
        self._head = stream.read(head_size)

    @property
    def head(self) -> bytes:
        return self._head

    def peek_past_whitespace(self, limit: int) -> bytes:
        """Read into the head until it holds more than white space (or `limit` bytes, or EOF).

        Sniffing looks at the first bytes that are not white space: a file may start
        with any amount of it (a JSON Lines file with blank lines first).
        """
        while len(self._head) <= limit and not self._head.lstrip(b"\xef\xbb\xbf \t\r\n\f\v"):
            more = self._stream.read(CHUNK_BYTES)
            if not more:
                break
            self._head += more
        return self._head

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            data, self._head = self._head + self._stream.read(), b""
            return data
        if len(self._head) >= size:
            data, self._head = self._head[:size], self._head[size:]
            return data
        data, self._head = self._head, b""
        return data + self._stream.read(size - len(data))

    def readline(self, size: int = -1) -> bytes:
        limit = size if size is not None and size >= 0 else None
        newline = self._head.find(b"\n")
        if newline >= 0 and (limit is None or newline < limit):
            data, self._head = self._head[: newline + 1], self._head[newline + 1 :]
            return data
        if limit is not None and len(self._head) >= limit:
            data, self._head = self._head[:limit], self._head[limit:]
            return data
        data, self._head = self._head, b""
        rest = limit - len(data) if limit is not None else -1
        return data + self._stream.readline(rest)


def iter_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """Yield (line number, line bytes) from a stream, or (number, size) for an over-long line.

    An over-long line is skipped chunk by chunk, never held in memory whole.
    """
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if line.endswith(b"\n") or len(line) <= max_bytes:
            yield number, line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(CHUNK_BYTES)
            if not line:
                break
            size += len(line)
        yield number, size


def sniff_path(path: Path) -> str | None:
    """Return the reader a file's content suggests (see `sniff_format`), looking inside gzip."""
    with open_regular(path) as stream:
        head = stream.read(SNIFF_BYTES)
        if head.startswith(b"\x1f\x8b"):
            stream.seek(0)
            try:
                with gzip.GzipFile(fileobj=stream, mode="rb") as inner:
                    inner_head = PeekableStream(cast(BinaryIO, inner)).peek_past_whitespace(
                        MAX_BYTES
                    )
            except (OSError, EOFError, zlib.error):
                return None
            return sniff_format(inner_head)
        stream.seek(0)
        return sniff_format(PeekableStream(stream).peek_past_whitespace(MAX_BYTES))
