"""Write records as JSON Lines: one `Record.to_json()` object per line, with its review."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from armstrace.model import Record
from armstrace.review import review_state


def write_records_jsonl(records: Iterable[Record], file: TextIO) -> int:
    """Write one JSON object per record and line to `file`; return the number of lines.

    Text stays readable (`ensure_ascii=False`); the Unicode line and paragraph
    separators are escaped, because JSON allows them raw but many line readers
    (Python's `str.splitlines`, JavaScript before ES2019) would split a record there.
    """
    written = 0
    for record in records:
        line = json.dumps({**record.to_json(), "review": review_state(record)},
                          ensure_ascii=False)
        line = line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        file.write(line + "\n")
        written += 1
    return written
