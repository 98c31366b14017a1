"""Read plain-text articles (`.txt`): the first line is the title, the rest the text.

A text of one line that reads as a sentence (it ends as one: `.`, `!`, `?`, a closing
quote) is an article without a title: `echo "Serbia ordered 12 Rafale jets." | armstrace
extract -`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from armstrace.errors import InputError
from armstrace.ingest.files import (
    MAX_BYTES,
    Item,
    check_nonempty,
    check_not_binary,
    decode_utf8,
    guarded,
    read_file_bytes,
    source_name,
)
from armstrace.model import Document, make_document_id

# How a one-line text that is an article (not a bare title) ends.
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "'", "’")


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Read one UTF-8 text file as one Document (title = first line), or one Skipped."""
    source = source_name(path)
    return guarded(source, _read_text(Path(path), source, max_bytes))


def _read_text(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    yield from parse_text(read_file_bytes(path, source, max_bytes), source)


def parse_text(data: bytes, source: str) -> Iterator[Item]:
    """Parse text bytes already read (a file or standard input)."""
    check_nonempty(data, source)
    check_not_binary(data, source)
    raw = decode_utf8(data, source)
    # Universal newlines, as Python's text mode reads files; LF files are untouched.
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in raw.strip():
        sentence = raw.strip()
        if not sentence.endswith(_SENTENCE_ENDS):
            raise InputError(source, "only one line, and no sentence: a .txt file needs a "
                             "title line, then the text")
        yield Document(id=make_document_id(sentence), text=sentence, source=source)
        return
    first_line, rest = raw.split("\n", 1)
    # Exactly `raw.split("\n", 1)[1].strip()`: the dev gold's BBC offsets depend on it.
    text = rest.strip()
    if not text:
        # The title line may itself be blank at the top of the file.
        raise InputError(source, "no text after the title line")
    yield Document(
        id=make_document_id(text),
        text=text,
        source=source,
        title=first_line.strip() or None,
    )
