"""Read news from files, directories and standard input into Documents.

`read_path` picks a reader by suffix, or by sniffing the content when the
suffix says nothing; every problem becomes a `Skipped` naming the file (and
line or record), never an exception.

    >>> for item in read_path("corpora/bbc"):
    ...     print(item.source)
"""

from __future__ import annotations

import datetime as dt
import errno
import gzip
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, cast

from armstrace.deadline import TimeLimitExceeded, time_limit
from armstrace.errors import InputError
from armstrace.ingest.feed import parse_feed, read_feed
from armstrace.ingest.files import (
    MAX_BYTES,
    Item,
    PeekableStream,
    describe_os_error,
    describe_special_file,
    guarded,
    read_limited,
    read_too_long,
    skip,
    sniff_format,
    sniff_path,
    source_name,
)
from armstrace.ingest.html import extract_article, parse_html, read_html
from armstrace.ingest.jsonl import parse_json_values, parse_jsonl, read_jsonl, summarise_repeats
from armstrace.ingest.text import parse_text, read_text
from armstrace.ingest.warc import parse_warc, read_warc
from armstrace.model import Document, Skipped

__all__ = [
    "MAX_BYTES",
    "STDIN_SOURCE",
    "extract_article",
    "read_feed",
    "read_html",
    "read_jsonl",
    "read_path",
    "read_paths",
    "read_text",
    "read_warc",
    "reader_for",
]

STDIN_SOURCE = "<stdin>"

_READERS: dict[str, Callable[..., Iterator[Item]]] = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "json": read_jsonl,
    "feed": read_feed,
    "warc": read_warc,
}
_SUFFIXES = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}
# Data tables a folder of articles often holds beside them: never read as an article's text.
_TABLE_SUFFIXES = {".csv": "a CSV table", ".tsv": "a TSV table"}
_WHOLE_FILE_PARSERS: dict[str, Callable[[bytes, str], Iterator[Item]]] = {
    "text": parse_text,
    "html": parse_html,
    "feed": parse_feed,
}


def reader_for(name: str) -> str | None:
    """Return the format a file name's suffix names ("text", "html", ...), or None.

    A trailing `.gz` is looked through: `page.html.gz` is HTML, `crawl.warc.gz` a WARC.
    """
    lower = name.lower().removesuffix(".gz")
    return _SUFFIXES.get(os.path.splitext(lower)[1])


def read_path(
    path: str | Path,
    *,
    published: dt.date | None = None,
    max_bytes: int = MAX_BYTES,
    stdin: BinaryIO | None = None,
    follow_links: bool = False,
    max_seconds: float | None = None,
) -> Iterator[Document | Skipped]:
    """Read a file, a directory (recursively, sorted) or `-` (standard input).

    `published` fills in documents that carry no date of their own;
    `max_bytes` caps each document; `stdin` replaces `sys.stdin.buffer` (tests).
    Each Document's `source` starts with the path as given.

    Symbolic links met inside a directory are followed only to files inside it; with
    `follow_links`, to any file or directory (each directory read once, so a loop
    ends). A path given itself is read wherever its link points: it was named. Anything
    not read (a FIFO, a socket, a device, a broken link, a link loop, a link that leads
    out of the directory) is a Skipped that says so, never a silence or a wait.

    With `max_seconds`, reading one document (an HTML page's extraction, a JSON line)
    may take that long; a file whose reading runs longer is a Skipped from there on
    (armstrace.deadline: in the main thread only).
    """
    for item in _read_any(path, max_bytes, stdin, follow_links, max_seconds):
        if published is not None and isinstance(item, Document) and item.published is None:
            item = replace(item, published=published)
        yield item


def read_paths(
    paths: Iterable[str | Path],
    *,
    published: dt.date | None = None,
    max_bytes: int = MAX_BYTES,
    stdin: BinaryIO | None = None,
    follow_links: bool = False,
    max_seconds: float | None = None,
) -> Iterator[Document | Skipped]:
    """Read several paths one after another (see `read_path`)."""
    for path in paths:
        yield from read_path(path, published=published, max_bytes=max_bytes, stdin=stdin,
                             follow_links=follow_links, max_seconds=max_seconds)


def _read_any(
    path: str | Path,
    max_bytes: int,
    stdin: BinaryIO | None,
    follow_links: bool,
    max_seconds: float | None,
) -> Iterator[Item]:
    name = os.fspath(path)
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        items = guarded(STDIN_SOURCE, _read_stream(stream, STDIN_SOURCE, max_bytes))
        yield from _in_time(STDIN_SOURCE, items, max_seconds)
        return
    status = _stat(name)
    if isinstance(status, Skipped):
        yield status
    elif stat.S_ISDIR(status.st_mode):
        for child in _walk(name, os.path.realpath(name), follow_links, {_identity(status)}):
            if isinstance(child, Skipped):
                yield child
            else:
                yield from _in_time(source_name(child), _read_file(child, max_bytes),
                                    max_seconds)
    elif (kind := describe_special_file(status.st_mode)) is not None:
        yield skip(source_name(name), f"is {kind}, not a regular file; not read")
    else:
        yield from _in_time(source_name(name), _read_file(name, max_bytes), max_seconds)


def _in_time(source: str, items: Iterator[Item], seconds: float | None) -> Iterator[Item]:
    """Yield the items of one file, each read within `seconds` (the reader says when not)."""
    while True:
        try:
            with time_limit(seconds):
                item = next(items, None)
        except TimeLimitExceeded as error:  # out of time outside the reader's own guard
            yield skip(source, read_too_long(error.seconds))
            return
        if item is None:
            return
        yield item


def _stat(name: str) -> os.stat_result | Skipped:
    """Return what a path leads to (through links), or the Skipped saying why it leads nowhere."""
    try:
        return os.stat(name)
    except OSError as error:
        return skip(source_name(name), _describe_stat_error(name, error))


def _describe_stat_error(name: str, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop (a link that leads back to itself); not read"
    if isinstance(error, FileNotFoundError) and os.path.islink(name):
        target = source_name(os.readlink(name))
        return f"broken symbolic link (to {target}, which does not exist); not read"
    return describe_os_error(error)


def _identity(status: os.stat_result) -> tuple[int, int]:
    return status.st_dev, status.st_ino


def _walk(
    directory: str, root: str, follow_links: bool, visited: set[tuple[int, int]]
) -> Iterator[str | Skipped]:
    """Yield the files under a directory in sorted order, hidden ones left out.

    `root` is the real path of the directory given; `visited` the directories read so
    far (with `follow_links`, a link back up the tree would otherwise never end).
    """
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as error:
        yield skip(source_name(directory), describe_os_error(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = os.path.join(directory, entry.name)
        status = _stat(child)
        if isinstance(status, Skipped):
            yield status
            continue
        if entry.is_symlink():
            target = os.path.realpath(child)
            inside = os.path.commonpath([root, target]) == root
            if not follow_links and not (inside and stat.S_ISREG(status.st_mode)):
                where = "a directory" if stat.S_ISDIR(status.st_mode) else (
                    "a file" if inside else f"{source_name(target)}, outside {source_name(root)}"
                )
                yield skip(source_name(child), f"symbolic link to {where}; not followed "
                           "(pass --follow-links to read what links lead to)")
                continue
        if stat.S_ISDIR(status.st_mode):
            if _identity(status) in visited:
                yield skip(source_name(child), "directory already read (a symbolic link "
                           "leads back to it); not read again")
                continue
            visited.add(_identity(status))
            yield from _walk(child, root, follow_links, visited)
        elif (kind := describe_special_file(status.st_mode)) is not None:
            yield skip(source_name(child), f"is {kind}, not a regular file; not read")
        else:
            yield child


def _read_file(name: str, max_bytes: int) -> Iterator[Item]:
    table = _TABLE_SUFFIXES.get(os.path.splitext(name.lower().removesuffix(".gz"))[1])
    if table is not None:
        yield skip(source_name(name), f"{table}, not an article (text, HTML, JSON Lines, a "
                   "feed or WARC); not read")
        return
    kind = reader_for(name)
    if kind is None:
        try:
            kind = sniff_path(Path(name))
        except InputError as error:
            yield skip(error.source, error.problem)
            return
        except OSError as error:
            yield skip(source_name(name), describe_os_error(error))
            return
        if kind is None:
            yield skip(source_name(name),
                       "binary file of unknown format (not text, HTML, JSON, a feed or WARC)")
            return
    yield from _READERS[kind](name, max_bytes=max_bytes)


def _read_stream(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[Item]:
    """Read standard input: sniff what it holds, then stream it or read it whole."""
    peekable = PeekableStream(stream)
    if peekable.head.startswith(b"\x1f\x8b"):
        unzipped = gzip.GzipFile(fileobj=cast(BinaryIO, peekable), mode="rb")
        peekable = PeekableStream(cast(BinaryIO, unzipped))
    kind = sniff_format(peekable.peek_past_whitespace(max_bytes))
    if kind is None:
        if not peekable.head:
            yield skip(source, "empty input")
        else:
            yield skip(source, "binary data of unknown format (not text, HTML, JSON, feed or WARC)")
    elif kind == "warc":
        yield from parse_warc(cast(BinaryIO, peekable), source, max_bytes)
    elif kind == "jsonl":
        yield from summarise_repeats(parse_jsonl(peekable, source, max_bytes))
    elif kind == "json":
        yield from summarise_repeats(parse_json_values(peekable, source, max_bytes))
    else:
        data = read_limited(cast(BinaryIO, peekable), source, max_bytes, what="input")
        yield from _WHOLE_FILE_PARSERS[kind](data, source)
