"""Open input files safely: size limits, gzip, encodings, sniffing, and one-line problems.

Every reader goes through these helpers so that a bad file becomes one clear
`InputError(source, problem)`, which the readers turn into a `Skipped`.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from armstrace.errors import InputError
from armstrace.model import Document, Skipped

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
        yield from items
    except InputError as error:
        yield skip(error.source, error.problem)
    except OSError as error:
        yield skip(source, describe_os_error(error))
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        yield skip(source, f"truncated or corrupt gzip data ({error}); re-download it")
    except Exception as error:  # noqa: BLE001  (the contract: a bad input never raises)
        LOGGER.debug("reader failed on %s", source, exc_info=True)
        yield skip(source, f"cannot parse it: {type(error).__name__}: {error}")


def is_gzip_file(path: Path) -> bool:
    """Say whether a file starts with the gzip magic number (whatever its name)."""
    with path.open("rb") as stream:
        return stream.read(2) == b"\x1f\x8b"


@contextlib.contextmanager
def open_binary(path: Path) -> Iterator[BinaryIO]:
    """Open a file for binary reading, decompressing gzip transparently."""
    if is_gzip_file(path):
        with gzip.open(path, "rb") as stream:
            yield stream  # type: ignore[misc]
    else:
        with path.open("rb") as stream:
            yield stream


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
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as inner:
                inner_head = inner.read(SNIFF_BYTES)
        except (OSError, EOFError, zlib.error):
            return None
        return sniff_format(inner_head)
    return sniff_format(head)
