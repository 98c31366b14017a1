"""Read the knowledge CSV files and check their cells, naming file and line on error."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from armstrace.errors import ConfigError

MULTI_SEPARATOR = "|"


@dataclass(frozen=True)
class Row:
    """One data row of a knowledge file, with where it came from for error messages."""

    path: Path
    line: int
    cells: dict[str, str]

    def fail(self, problem: str) -> ConfigError:
        """Return a ConfigError that names this row's file and line."""
        return ConfigError(f"{self.path}:{self.line}: {problem}")

    def text(self, column: str) -> str:
        """Return the stripped cell, raising when it is empty."""
        value = self.cells.get(column, "").strip()
        if not value:
            raise self.fail(f"column {column!r} is empty")
        return value

    def optional(self, column: str) -> str | None:
        """Return the stripped cell, or None when it is empty."""
        value = self.cells.get(column, "").strip()
        return value or None

    def multi(self, column: str) -> tuple[str, ...]:
        """Return the `|`-joined values of a cell, rejecting empty and repeated items."""
        raw = self.cells.get(column, "").strip()
        if not raw:
            return ()
        items = tuple(item.strip() for item in raw.split(MULTI_SEPARATOR))
        if any(not item for item in items):
            raise self.fail(f"column {column!r} has an empty item in {raw!r}")
        repeated = sorted({item for item in items if items.count(item) > 1})
        if repeated:
            raise self.fail(f"column {column!r} repeats {', '.join(repeated)}")
        return items

    def flag(self, column: str) -> bool:
        """Return a 0/1 cell as a bool (empty means 0)."""
        value = self.cells.get(column, "").strip()
        if value in ("", "0"):
            return False
        if value == "1":
            return True
        raise self.fail(f"column {column!r} must be 0 or 1, not {value!r}")

    def year(self, column: str) -> int | None:
        """Return a four-digit year cell, or None when it is empty."""
        value = self.optional(column)
        if value is None:
            return None
        if len(value) != 4 or not value.isdigit():
            raise self.fail(f"column {column!r} must be a year YYYY, not {value!r}")
        return int(value)

    def date(self, column: str, *, end: bool = False) -> dt.date | None:
        """Return a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` cell as a date.

        A partial date stands for its first day, or its last day when `end` is true,
        so that a leader listed as "1990" to "1997" is in office on any day of both years.
        """
        value = self.optional(column)
        if value is None:
            return None
        parts = value.split("-")
        try:
            if len(parts) == 3:
                return dt.date.fromisoformat(value)
            if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
                year, month = int(parts[0]), int(parts[1])
                if end:
                    following = dt.date(year + month // 12, month % 12 + 1, 1)
                    return following - dt.timedelta(days=1)
                return dt.date(year, month, 1)
            if len(parts) == 1 and len(value) == 4 and value.isdigit():
                return dt.date(int(value), 12, 31) if end else dt.date(int(value), 1, 1)
        except ValueError:
            pass
        raise self.fail(f"column {column!r} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")

    def choice(self, column: str, choices: Sequence[str]) -> str:
        """Return a cell that must be one of `choices`."""
        value = self.text(column)
        if value not in choices:
            raise self.fail(f"column {column!r} is {value!r}, not one of {', '.join(choices)}")
        return value


def read_rows(path: Path, columns: Sequence[str]) -> Iterator[Row]:
    """Yield the data rows of a UTF-8 CSV file whose header has every one of `columns`."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise ConfigError(f"{path}: cannot open knowledge file: {error.strerror}") from error
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise ConfigError(f"{path}: the file is empty; it needs a header row") from None
        except UnicodeDecodeError as error:
            raise ConfigError(f"{path}: not UTF-8 ({error.reason}); save it as UTF-8") from None
        missing = [column for column in columns if column not in header]
        if missing:
            raise ConfigError(f"{path}:1: header lacks column(s) {', '.join(missing)}")
        try:
            for values in reader:
                line = reader.line_num
                if not any(value.strip() for value in values):
                    continue
                if len(values) != len(header):
                    raise ConfigError(
                        f"{path}:{line}: {len(values)} cells where the header has {len(header)}"
                        " (quote cells that contain a comma)"
                    )
                yield Row(path, line, dict(zip(header, values, strict=True)))
        except UnicodeDecodeError as error:
            raise ConfigError(f"{path}: not UTF-8 ({error.reason}); save it as UTF-8") from None
