"""Read JSON Lines (`.jsonl`) and JSON (`.json`: one object, an array, or lines), streaming.

Each object holds `text` or `html`, and optionally `id`, `url`, `title` and
`published`. Nothing is loaded whole: a 20 MB file of 21,577 Reuters stories
is read line by line, and a JSON array element by element.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from armstrace.ingest.files import (
    CHUNK_BYTES,
    MAX_BYTES,
    Item,
    PeekableStream,
    guarded,
    iter_lines,
    limit_problem,
    open_binary,
    skip,
    source_name,
)
from armstrace.ingest.html import extract_article
from armstrace.model import Document, Skipped, make_document_id

LOGGER = logging.getLogger(__name__)
BOM = b"\xef\xbb\xbf"
_SEPARATORS = frozenset(" \t\r\n,\ufeff")


# Skips for the same reason in a row that are shown one by one; the rest of such a run
# is counted and shown as one (a 1 MB .json.gz can hold 18 million empty objects).
REPEATS_SHOWN = 100


def read_jsonl(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Read a JSON Lines or JSON file: one Document per object, one Skipped per bad line."""
    source = source_name(path)
    return guarded(source, summarise_repeats(_read_jsonl(Path(path), source, max_bytes)))


def summarise_repeats(items: Iterator[Item]) -> Iterator[Item]:
    """Yield the items; of a run of skips for one reason, the first REPEATS_SHOWN, then one
    Skipped counting the rest (from where to where), so every value is still accounted for."""
    reason: str | None = None
    in_a_row = hidden = 0
    first = last = ""

    def summary() -> Skipped:
        where = first if first == last else f"{first} to {last}"
        return skip(where, f"{hidden} more values skipped for the same reason: {reason}")

    for item in items:
        if isinstance(item, Skipped) and item.reason == reason:
            in_a_row += 1
            if in_a_row > REPEATS_SHOWN:
                first, last, hidden = first if hidden else item.source, item.source, hidden + 1
                continue
        else:
            if hidden:
                yield summary()
                hidden = 0
            reason, in_a_row = (item.reason, 1) if isinstance(item, Skipped) else (None, 0)
        yield item
    if hidden:
        yield summary()


def _read_jsonl(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    with open_binary(path) as raw:
        stream = PeekableStream(raw)
        head = stream.peek_past_whitespace(max_bytes)
        first = head.removeprefix(BOM).lstrip()[:1]
        if not first and len(head) <= max_bytes:
            yield skip(source, "empty file" if not head else "empty file (only whitespace)")
            return
        is_json = path.name.lower().removesuffix(".gz").endswith(".json")
        if first == b"[" or (is_json and first != b"{"):
            yield from parse_json_values(stream, source, max_bytes)
        else:
            yield from parse_jsonl(stream, source, max_bytes)


def parse_jsonl(stream: Any, source: str, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Parse a JSON Lines stream: one object per line; a bad line is skipped, the rest go on."""
    for number, line in iter_lines(stream, max_bytes):
        where = f"{source}:{number}"
        if isinstance(line, int):
            yield skip(where, limit_problem(line, max_bytes, what="line"))
            continue
        item = parse_jsonl_line(line.removeprefix(BOM) if number == 1 else line, where)
        if item is not None:
            yield item


def parse_jsonl_line(line: bytes, where: str) -> Item | None:
    """Parse one JSON Lines line into a Document or a Skipped; None for a blank line.

    `where` names the line ("file.jsonl:17"). The same function reads a line of a
    local file and a line Spark read from any Hadoop-compatible file system.
    """
    # Without its line break: else an unclosed string reads as "Invalid control character".
    line = line.rstrip(b"\r\n")
    if not line.strip():
        return None
    try:
        value = json.loads(line)
    except UnicodeDecodeError as error:
        return skip(where, f"not UTF-8 (byte 0x{line[error.start]:02x}); JSON must be UTF-8")
    except json.JSONDecodeError as error:
        return skip(where, f"malformed JSON ({describe_json_error(error, 'line')})")
    except (ValueError, RecursionError) as error:
        return skip(where, f"JSON that cannot be read: {describe_value_error(error)}")
    return record_to_document(value, where)


def describe_value_error(error: ValueError | RecursionError) -> str:
    """Say why well-formed JSON could not be decoded: a huge number, or nesting too deep."""
    if isinstance(error, RecursionError):
        return "nested too deeply (an article is an object of strings)"
    message = " ".join(str(error).split())
    if "integer string conversion" in message:
        return "a number of more than 4,300 digits"
    return message[:200]


def parse_json_values(stream: Any, source: str, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Parse a stream of JSON values (an array's elements, or concatenated objects).

    Each value is decoded as soon as it is complete; memory holds one value at
    a time (at most `max_bytes`). A value over that limit, or too deeply nested, or
    holding a number too long to decode, is passed over with a Skipped, and the values
    after it are read. A malformed value ends the file: inside an array there is no
    safe place to resume.
    """
    decoder = json.JSONDecoder()
    text_decoder = codecs.getincrementaldecoder("utf-8")()
    buffer, position, line_base, at_eof = "", 0, 1, False
    in_array = False
    values = 0  # decoded or passed over: a file of none is said to hold none

    # Line breaks counted so far in the buffer: up to which position, and how many. Counted
    # on from there, not from the buffer's start, or a buffer of a million tiny values
    # would be counted a million times over.
    counted = [0, 0]

    def line_at(at: int) -> int:
        if at < counted[0]:
            counted[:] = [0, 0]
        counted[1] += buffer.count("\n", counted[0], at)
        counted[0] = at
        return line_base + counted[1]

    def fill() -> bool:
        nonlocal buffer, position, line_base, at_eof
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            at_eof = True
            buffer += text_decoder.decode(b"", final=True)
            return False
        line_base = line_at(position)
        buffer = buffer[position:] + text_decoder.decode(chunk)
        position = 0
        counted[:] = [0, 0]
        return True

    while True:
        while True:  # skip separators between values
            while position < len(buffer) and buffer[position] in _SEPARATORS:
                position += 1
            if position < len(buffer) or not fill():
                break
        if position >= len(buffer):
            if in_array:
                yield skip(f"{source}:{line_at(position)}", "the file ends inside a JSON array "
                           "(no closing ]); cut short? Every value before was read")
            elif not values:
                yield skip(source, "no JSON value in it (an empty array?)")
            return
        where = f"{source}:{line_at(position)}"
        if buffer[position] == "[" and not in_array:
            in_array, position = True, position + 1
            continue
        if buffer[position] == "]" and in_array:
            in_array, position = False, position + 1
            continue
        problem: str | None = None
        while True:
            try:
                value, end = decoder.raw_decode(buffer, position)
                break
            except json.JSONDecodeError as error:
                if len(buffer) - position > max_bytes:
                    problem = (f"value is over the {max_bytes / 1e6:g} MB limit per document; "
                               "split it or raise --max-bytes")
                    break
                if at_eof or not fill():
                    problem = describe_json_error(error, "file", first_line=line_base)
                    yield skip(where, f"malformed JSON ({problem}); stopped reading this file")
                    return
                where = f"{source}:{line_at(position)}"
            except (ValueError, RecursionError) as error:
                problem = f"JSON that cannot be read: {describe_value_error(error)}"
                break
        if problem is not None:
            # Well-formed as far as it goes, so its end can be found without decoding it:
            # pass over it, and go on with the values after it.
            skimmer = _Skimmer(buffer[position])
            while (end_at := skimmer.scan(buffer, position)) is None:
                position = len(buffer)
                if not fill():
                    yield skip(where, f"{problem}; the file ends inside it")
                    return
            yield skip(where, f"{problem}; passed over")
            position = end_at
            values += 1
            continue
        position = end
        values += 1
        yield record_to_document(value, where)


# What ends a value that is no string, array or object (a number, true, false, null).
_SCALAR_END = re.compile(r"[\s,\]}]")
# What matters when passing over a string, an array or an object.
_STRUCTURE = re.compile(r'[\\"\[\]{}]')


class _Skimmer:
    """Find where a JSON value ends without decoding it, chunk by chunk, holding no chunk.

    Only strings (with their escapes) and brackets are followed, which is all it takes
    to find the end of a value too large, or too deep, or of too many digits to decode.
    """

    def __init__(self, first: str) -> None:
        self.scalar = first not in '"[{'
        self.depth = 0
        self.in_string = False
        self.escaped = False  # the chunk before ended with a backslash inside a string

    def scan(self, buffer: str, start: int) -> int | None:
        """Return the position just after the value's end in `buffer`, or None: read more."""
        if self.scalar:
            found = _SCALAR_END.search(buffer, start)
            return None if found is None else found.start()
        if self.escaped:
            start, self.escaped = start + 1, False
        skip_next = -1
        for match in _STRUCTURE.finditer(buffer, start):
            at, character = match.start(), match.group()
            if at == skip_next:
                continue
            if self.in_string:
                if character == "\\":
                    if at + 1 >= len(buffer):
                        self.escaped = True
                        return None
                    skip_next = at + 1
                elif character == '"':
                    self.in_string = False
                    if self.depth == 0:
                        return at + 1
            elif character == '"':
                self.in_string = True
            elif character in "[{":
                self.depth += 1
            elif character in "]}":
                self.depth -= 1
                if self.depth <= 0:
                    return at + 1
        return None


def describe_json_error(error: json.JSONDecodeError, unit: str, first_line: int = 0) -> str:
    """Return a JSON syntax error in words: what is wrong, and where in the line or file.

    `unit` is what the decoded text was ("line" or "file"); `first_line` is the
    line number of its first character, 0 to give the column alone.
    """
    # The json module's messages are written to be followed by ": line L column C",
    # hence "Unterminated string starting at" and "Invalid control character at".
    what = error.msg.removesuffix(" at")
    hint = ""
    if what == "Invalid control character" and error.pos < len(error.doc):
        character = error.doc[error.pos]
        what = f"raw control character {character!r} in a string"
        hint = f"; write it escaped, as {json.dumps(character)[1:-1]}"
    elif error.pos >= len(error.doc.rstrip()):
        what = f"the {unit} ends inside a JSON value: {what.lower()}"
        if unit == "line":
            what += "; JSON Lines holds one whole object per line"
        return what
    if first_line:
        return f"{what} at line {first_line + error.lineno - 1} column {error.colno}{hint}"
    return f"{what} at column {error.colno}{hint}"


def parse_published(value: Any, where: str) -> dt.date | None:
    """Return the date of a `published` field (ISO 8601 or RFC 2822), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
        try:
            return email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError):
            pass
    LOGGER.warning("%s: published %r is not a date (use YYYY-MM-DD); left empty", where, value)
    return None


def _optional_string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    return str(value).strip() or None


def record_to_document(value: Any, where: str) -> Item:
    """Turn one decoded JSON object into a Document, or a Skipped saying what is missing."""
    if not isinstance(value, dict):
        return skip(where, f"expected a JSON object, got {type(value).__name__}")
    source_id = _optional_string(value, "id")
    url = _optional_string(value, "url")
    title = _optional_string(value, "title")
    published = parse_published(value.get("published"), where)
    text = value.get("text")
    if isinstance(text, str) and text.strip():
        # Kept exactly as given: gold evidence offsets point into this string.
        return Document(
            id=source_id or make_document_id(text),
            text=text,
            source=where,
            url=url,
            title=title,
            published=published,
        )
    html = value.get("html")
    if isinstance(html, str) and html.strip():
        return extract_article(
            html,
            source=where,
            url=url,
            title=title,
            published=published,
            document_id=source_id,
        )
    return skip(where, "object has no non-empty `text` or `html` field")
