"""Read SIPRI's trade-register CSV export into `SipriRow`s with our state codes.

The format (SIPRI Arms Transfers Database, "trade registers" export): ISO-8859-1;
an optional preamble of about 11 lines whose "Data generated: 13 Mar 2025 10:02:49 AM"
line dates the release; then the header row, whose three columns named ' ' hold
'?' when the value before them is an estimate; one row per deal, a few broken
over two lines by a newline inside a quoted comment. SIPRI's data may not be
redistributed, so nothing of it ships with armstrace: users bring their own file.

A name SIPRI writes for a state is mapped to its ISO alpha-3 code (SIPRI's own
spellings in `data/names.csv`, the rest through the state catalogue); a
non-state actor (ending in '*') or an organisation ('**') keeps its name with
no code; 'unknown supplier(s)' and 'unknown recipient(s)' have neither. A name
that maps to nothing is reported in `SipriRegister.problems`, never dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from armstrace.errors import InputError
from armstrace.knowledge import Knowledge, load_knowledge
from armstrace.knowledge._table import read_rows
from armstrace.knowledge.states import known_iso3_codes
from armstrace.sipri.rows import SipriRegister, SipriRow

NAMES_FILE = Path(__file__).parent / "data" / "names.csv"
# SIPRI's header, column by column; the three ' ' columns flag the value before them.
HEADER = (
    "Recipient",
    "Supplier",
    "Year of order",
    "",
    "Number ordered",
    "",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
)
ESTIMATE_FLAG = "?"
# SIPRI's three values of `status`, and what a row holds when the cell is empty.
STATUSES = ("New", "Second hand", "Second hand but modernized")
UNKNOWN_PARTIES = frozenset({"unknown supplier(s)", "unknown recipient(s)", "unknown"})
_GENERATED = re.compile(
    r"Data generated:\s*(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})"
    r"(?:\s+(\d{1,2}):(\d{2}):(\d{2})\s*([AP]M)?)?"
)
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


class NameMapper:
    """Map SIPRI's party names to ISO alpha-3 codes, remembering the names it could not."""

    def __init__(self, knowledge: Knowledge, sipri_names: dict[str, str]) -> None:
        self._knowledge = knowledge
        self._sipri_names = sipri_names
        self._cache: dict[str, str | None] = {}
        self.unmapped: dict[str, int] = {}

    def code(self, name: str, line: int) -> str | None:
        """Return the code of a SIPRI name, or None (noting a state name it cannot map)."""
        if name in self._cache:
            code = self._cache[name]
        else:
            code = self._cache[name] = self._lookup(name)
        if code is None and is_state_name(name) and name not in self.unmapped:
            self.unmapped[name] = line
        return code

    def _lookup(self, name: str) -> str | None:
        if not is_state_name(name):
            return None
        if name in self._sipri_names:
            return self._sipri_names[name]
        # No date: SIPRI names historical states as themselves, so a name means its
        # current state where one exists ("Russia" is RUS, never SUN).
        return self._knowledge.resolve_state(name)


def is_state_name(name: str) -> bool:
    """Return whether a SIPRI party name stands for a state (not '*', '**' or unknown)."""
    return bool(name) and not name.endswith("*") and name.casefold() not in UNKNOWN_PARTIES


def load_sipri_names(path: Path = NAMES_FILE) -> dict[str, str]:
    """Load names.csv: SIPRI's spellings of states the state catalogue does not know."""
    known = known_iso3_codes()
    names: dict[str, str] = {}
    for row in read_rows(path, ("sipri_name", "iso3", "source")):
        name, code = row.text("sipri_name"), row.text("iso3")
        row.text("source")
        if code not in known:
            raise row.fail(f"{code!r} is not an ISO 3166 alpha-3 code")
        if name in names:
            raise row.fail(f"{name!r} is listed twice")
        names[name] = code
    return names


def read_register(
    source: Path | str, data: bytes | None = None, *, knowledge: Knowledge | None = None
) -> SipriRegister:
    """Read a SIPRI trade-register export (bytes `data`, or the file at `source`).

    Raises `InputError` when the file has no SIPRI header row; a row that cannot
    be read, or a name that maps to no state, is a problem of the register.
    """
    label = str(source)
    if data is None:
        try:
            data = Path(source).read_bytes()
        except OSError as error:
            raise InputError(label, f"cannot read the file ({error.strerror or error})") from error
    # SIPRI writes ISO-8859-1; a file re-saved as UTF-8 reads as well.
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("iso-8859-1")
    lines = text.splitlines(keepends=True)
    start = _header_line(lines, label)
    generated = _generated(lines[:start])
    mapper = NameMapper(knowledge or load_knowledge(), load_sipri_names())
    rows, problems = _read_rows(lines[start:], start, label, mapper)
    problems += [
        f"{label}:{line}: {name!r} names no state armstrace knows; its rows are kept "
        "with no code (add it to armstrace/sipri/data/names.csv)"
        for name, line in sorted(mapper.unmapped.items(), key=lambda item: item[1])
    ]
    return SipriRegister(
        source=label,
        generated=generated,
        digest=hashlib.sha256(data).hexdigest(),
        rows=tuple(rows),
        problems=tuple(problems),
    )


def _header_line(lines: Sequence[str], label: str) -> int:
    for index, line in enumerate(lines[:50]):
        cells = next(csv.reader([line]), [])
        if [cell.strip() for cell in cells[:2]] == ["Recipient", "Supplier"]:
            names = tuple(cell.strip() for cell in cells)
            if names[: len(HEADER)] != HEADER:
                raise InputError(
                    label,
                    f"line {index + 1}: the header row is not SIPRI's trade-register header; "
                    f"expected {','.join(name or ' ' for name in HEADER)}",
                )
            return index
    raise InputError(
        label,
        "no SIPRI trade-register header row (Recipient,Supplier,Year of order,...) in the "
        "first 50 lines; export the register as CSV from SIPRI's trade registers page",
    )


def _generated(preamble: Iterable[str]) -> dt.datetime | None:
    for line in preamble:
        match = _GENERATED.search(line)
        if not match:
            continue
        day, month_name, year, hour, minute, second, half = match.groups()
        month = _MONTHS.get(month_name.casefold())
        if month is None:
            return None
        clock = [int(hour or 0), int(minute or 0), int(second or 0)]
        if half and half.upper() == "PM" and clock[0] < 12:
            clock[0] += 12
        if half and half.upper() == "AM" and clock[0] == 12:
            clock[0] = 0
        try:
            return dt.datetime(int(year), month, int(day), clock[0], clock[1], clock[2])
        except ValueError:
            return None
    return None


def _read_rows(
    lines: Sequence[str], offset: int, label: str, mapper: NameMapper
) -> tuple[list[SipriRow], list[str]]:
    rows: list[SipriRow] = []
    problems: list[str] = []
    reader = csv.reader(io.StringIO("".join(lines)))
    next(reader)  # the header
    consumed = reader.line_num
    for cells in reader:
        # The row's first physical line, 1-based in the file (a comment may add lines).
        first = offset + consumed + 1
        consumed = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        try:
            rows.append(_row(cells, first, mapper))
        except ValueError as error:
            problems.append(f"{label}:{first}: {error}; row skipped")
    return rows, problems


def _row(cells: list[str], line: int, mapper: NameMapper) -> SipriRow:
    if len(cells) < 13:
        raise ValueError(f"{len(cells)} columns where SIPRI's rows have {len(HEADER)}")
    cells = [cell.strip() for cell in cells] + [""] * (len(HEADER) - len(cells))
    recipient_name, supplier_name = cells[0], cells[1]
    status = cells[11] or "New"
    if status not in STATUSES:
        raise ValueError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    designation = cells[6]
    if not designation:
        raise ValueError("no weapon designation")
    return SipriRow(
        line=line,
        recipient=mapper.code(recipient_name, line),
        recipient_name=recipient_name,
        supplier=mapper.code(supplier_name, line),
        supplier_name=supplier_name,
        order_year=_integer(cells[2], "Year of order"),
        order_year_estimated=_flag(cells[3]),
        number_ordered=_integer(cells[4], "Number ordered"),
        number_ordered_estimated=_flag(cells[5]),
        designation=designation,
        description=cells[7],
        number_delivered=_integer(cells[8], "Number delivered"),
        number_delivered_estimated=_flag(cells[9]),
        delivery_years=parse_years(cells[10]),
        status=status,
        comments=cells[12],
        tiv_per_unit=_number(cells[13], "SIPRI TIV per unit"),
        tiv_total=_number(cells[14], "SIPRI TIV for total order"),
        tiv_delivered=_number(cells[15], "SIPRI TIV of delivered weapons"),
    )


def parse_years(cell: str) -> tuple[int, ...]:
    """Return the years of SIPRI's "2018; 2019" (an empty cell: none), sorted."""
    years = []
    for part in re.split(r"[;,]", cell):
        part = part.strip().rstrip("?").strip()
        if part:
            years.append(_integer(part, "Year(s) of delivery"))
    return tuple(sorted({year for year in years if year is not None}))


def format_years(years: Iterable[int]) -> str:
    """Return years as SIPRI writes them: "2018; 2019"."""
    return "; ".join(str(year) for year in years)


def _flag(cell: str) -> bool:
    return cell == ESTIMATE_FLAG


def _integer(cell: str, column: str) -> int | None:
    text = cell.strip().strip("()").replace(",", "")
    if not text:
        return None
    try:
        return int(float(text)) if "." in text else int(text)
    except ValueError:
        raise ValueError(f"{column} {cell!r} is not a whole number") from None


def _number(cell: str, column: str) -> float | None:
    text = cell.strip().replace(",", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{column} {cell!r} is not a number") from None
