"""The rows of SIPRI's trade register and a release of it, as plain dataclasses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SipriRow:
    """One deal of SIPRI's trade register, with the parties mapped to our codes.

    `supplier`/`recipient` are ISO alpha-3 codes, or None for a non-state actor, an
    organisation, an unknown party or an unmapped name; `supplier_name` and
    `recipient_name` are always SIPRI's own spelling. The `*_estimated` flags are
    SIPRI's '?' marks. `line` is the row's first line in the file.
    """

    line: int
    recipient: str | None
    recipient_name: str
    supplier: str | None
    supplier_name: str
    order_year: int | None
    designation: str
    description: str
    number_ordered: int | None = None
    number_delivered: int | None = None
    delivery_years: tuple[int, ...] = ()
    status: str = "New"
    comments: str = ""
    order_year_estimated: bool = False
    number_ordered_estimated: bool = False
    number_delivered_estimated: bool = False
    tiv_per_unit: float | None = None
    tiv_total: float | None = None
    tiv_delivered: float | None = None

    def years(self) -> tuple[int, ...]:
        """Return the order year and every delivery year, sorted, without repeats."""
        found = set(self.delivery_years)
        if self.order_year is not None:
            found.add(self.order_year)
        return tuple(sorted(found))

    def to_json(self) -> dict[str, object]:
        """Return the row as one JSON object (field names as above)."""
        return {
            "line": self.line,
            "supplier": self.supplier,
            "supplier_name": self.supplier_name,
            "recipient": self.recipient,
            "recipient_name": self.recipient_name,
            "order_year": self.order_year,
            "order_year_estimated": self.order_year_estimated,
            "number_ordered": self.number_ordered,
            "number_ordered_estimated": self.number_ordered_estimated,
            "designation": self.designation,
            "description": self.description,
            "number_delivered": self.number_delivered,
            "number_delivered_estimated": self.number_delivered_estimated,
            "delivery_years": list(self.delivery_years),
            "status": self.status,
            "comments": self.comments,
            "tiv_per_unit": self.tiv_per_unit,
            "tiv_total": self.tiv_total,
            "tiv_delivered": self.tiv_delivered,
        }


@dataclass(frozen=True)
class SipriRegister:
    """A file of SIPRI's register: its release time, rows, and what could not be read.

    `generated` is the "Data generated" time of the preamble (None for a file
    without one); `digest` is the sha256 of the file's bytes; each problem is
    one line naming the file, the line and the trouble (an unmapped name is one
    problem, however many rows carry it).
    """

    source: str
    generated: dt.datetime | None
    digest: str
    rows: tuple[SipriRow, ...]
    problems: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class SipriRelease:
    """The register a store holds: where it came from, when SIPRI generated it, its rows.

    `generated` is None for a file without SIPRI's preamble; `digest` (sha256 of the
    file) tells a re-import of the same file from a new one.
    """

    source: str
    generated: dt.datetime | None
    digest: str
    imported_at: str
    row_count: int
    last_year: int | None = None
