"""Write deals as SIPRI's Arms Transfers Database writes its trade register.

The same layout and conventions as SIPRI's CSV export, so that a script written for
SIPRI's files reads ours (and `armstrace.sipri.read_register` reads it back): a
preamble of 11 lines ending in "Data generated: ...", SIPRI's header row with its
three ' ' estimate columns, states under SIPRI's spellings ("Turkiye", "UAE"),
a non-state party's name followed by '*', "unknown supplier(s)", delivery years
as "2018; 2019", an undelivered order's Number delivered 0, text in ISO-8859-1.
What SIPRI's columns cannot hold (armstrace's own status, values, sources, the
deal id) is said in Comments. armstrace has no TIVs and no estimates, so those
cells stay empty, and it cannot tell second-hand weapons, so status is "New".
A deal whose current status SIPRI does not record (interest, proposed, planned,
cancelled) keeps its row, that status said in Comments, or is left out with
`sipri_only`.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from armstrace.export.cells import safe_row
from armstrace.export.deals import format_stated
from armstrace.knowledge import DATA_DIR
from armstrace.knowledge._table import read_rows
from armstrace.knowledge.states import State, load_states
from armstrace.model import Deal, StatedValue

# SIPRI's header row as its files spell it: the three ' ' columns flag an estimate.
SIPRI_COLUMNS = (
    "Recipient", "Supplier", "Year of order", " ", "Number ordered", " ",
    "Weapon designation", "Weapon description", "Number delivered", " ",
    "Year(s) of delivery", "status", "Comments", "SIPRI TIV per unit",
    "SIPRI TIV for total order", "SIPRI TIV of delivered weapons",
)
SIPRI_STATUSES = ("ordered", "delivered")
# SIPRI's own spellings of the states whose name in states.csv differs.
SPELLINGS_FILE = Path(__file__).parents[1] / "sipri" / "data" / "spellings.csv"
# Our categories in the words SIPRI's "Weapon description" uses, each read back to the
# same category by armstrace.sipri.designations.description_category.
CATEGORY_DESCRIPTIONS = {
    "aircraft": "aircraft", "helicopter": "helicopter", "uav": "UAV",
    "armoured vehicle": "armoured vehicle", "artillery": "gun", "air defence": "SAM system",
    "missile": "missile", "ship": "ship", "submarine": "submarine",
    "small arms": "small arms", "ammunition": "ammunition", "sensor": "radar",
    "engine": "engine", "other": "other",
}
UNKNOWN_SUPPLIER = "unknown supplier(s)"
UNKNOWN_RECIPIENT = "unknown recipient(s)"


def write_deals_sipri_csv(
    deals: Iterable[Deal], file: TextIO, *, sipri_only: bool = False,
    generated: dt.datetime | None = None,
) -> int:
    """Write SIPRI's preamble, header and one row per deal; return the number of rows.

    With `sipri_only`, deals that were never ordered or delivered, and co-production
    programmes (SIPRI has no partner-set row), are left out. `generated` dates the
    preamble (default: now, in UTC).
    """
    writer = csv.writer(file)
    for line in sipri_preamble(generated or dt.datetime.now(dt.UTC)):
        writer.writerow([line] if line else [])
    writer.writerow(SIPRI_COLUMNS)
    written = 0
    for deal in deals:
        row = sipri_row(deal, sipri_only=sipri_only)
        if row is not None:
            writer.writerow(safe_row([latin1(cell) for cell in row]))
            written += 1
    return written


def sipri_preamble(generated: dt.datetime) -> list[str]:
    """Return the 11 lines before the header, in SIPRI's shape, dated `generated`."""
    stamp = f"{generated:%d %b %Y %I:%M:%S %p}"
    return [
        "Transfers of major weapons: deals reported in the news (armstrace export)",
        "Note: each row is an armstrace deal traced to its articles (see Comments).",
        "Columns and conventions as in SIPRI's trade register; no TIVs and no estimates.",
        "", "", "Source: armstrace (not SIPRI data)", f"Data generated: {stamp}",
        "", "", "", "",
    ]


def sipri_row(deal: Deal, *, sipri_only: bool = False) -> list[str] | None:
    """Return the deal as a SIPRI register row, or None when `sipri_only` leaves it out."""
    recorded = [change for change in deal.history if change.status in SIPRI_STATUSES]
    if sipri_only and (not recorded or deal.kind == "coproduction"):
        return None
    comments: list[str] = []
    year = _first_year(deal)
    if deal.kind == "coproduction":
        # SIPRI has no row for a partner set: the partners are named in Comments.
        recipient, supplier = UNKNOWN_RECIPIENT, UNKNOWN_SUPPLIER
        partners = ", ".join(sipri_state_name(code, year) for code in deal.partners)
        comments.append(f"co-production or licensed production by {partners}")
    else:
        recipient = _party(deal.recipient, deal.recipient_name, year, UNKNOWN_RECIPIENT)
        supplier = _party(deal.supplier, deal.supplier_name, year, UNKNOWN_SUPPLIER)
    when = next((str(c.date) for c in reversed(deal.history)
                 if c.status == deal.status and c.date is not None), "")
    comments.append(f"armstrace status: {deal.status}" + (f" ({when})" if when else ""))
    order_years = sorted(c.date.year for c in deal.history if c.status == "ordered" and c.date)
    delivery_years = sorted(
        {c.date.year for c in deal.history if c.status == "delivered" and c.date}
    )
    for name, stated in (
        ("number ordered", deal.quantity_ordered),
        ("number delivered", deal.quantity_delivered),
        ("value", deal.value),
    ):
        if len(stated) > 1:
            values = ", ".join(format_stated(item.value) for item in stated)
            comments.append(f"sources disagree on {name}: {values}")
    if len(deal.value) == 1:
        comments.append(f"value {format_stated(deal.value[0].value)}")
    plural = "" if deal.source_count == 1 else "s"
    comments.append(f"{deal.source_count} source{plural}; armstrace deal {deal.id}")
    delivered = _best(deal.quantity_delivered)
    if not delivered and not delivery_years and deal.status == "ordered":
        delivered = "0"  # SIPRI's undelivered order: 0 delivered, no years
    return [
        recipient, supplier, str(order_years[0]) if order_years else "", "",
        _best(deal.quantity_ordered), "", deal.weapon,
        CATEGORY_DESCRIPTIONS.get(deal.category, deal.category), delivered, "",
        "; ".join(map(str, delivery_years)), "New", "; ".join(comments), "", "", "",
    ]


def sipri_state_name(code: str, year: int | None) -> str:
    """Return the state's name as SIPRI spells it ("Turkiye"), else as `state_name` does."""
    return _sipri_spellings().get(code.upper()) or state_name(code, year)


def latin1(text: str) -> str:
    """Return `text` writable in ISO-8859-1, SIPRI's encoding: accents kept where it has
    them, dropped where it has not ("Nội" -> "Noi"), anything else as '?'."""
    if not text.isascii():
        text = "".join(_latin1_char(char) for char in text)
    return text


def _latin1_char(char: str) -> str:
    if ord(char) < 256:
        return char
    bare = "".join(c for c in unicodedata.normalize("NFKD", char)
                   if not unicodedata.combining(c))
    return bare if bare and all(ord(c) < 256 for c in bare) else "?"


def _party(code: str | None, name: str | None, year: int | None, unknown: str) -> str:
    if code:
        return sipri_state_name(code, year)
    return f"{name}*" if name else unknown  # SIPRI marks a non-state actor with '*'


@functools.cache
def _sipri_spellings() -> dict[str, str]:
    spellings: dict[str, str] = {}
    for row in read_rows(SPELLINGS_FILE, ("iso3", "sipri_name", "source")):
        spellings[row.text("iso3")] = row.text("sipri_name")
        row.text("source")
    return spellings


def state_name(code: str, year: int | None) -> str:
    """Return the state's name in `year` (its latest name without one), or the code."""
    rows = _states_by_code().get(code.upper(), ())
    if not rows:
        return code
    if year is not None:
        for state in rows:
            if state.valid_on(year):
                return state.name
    return rows[-1].name


@functools.cache
def _states_by_code() -> dict[str, tuple[State, ...]]:
    grouped: dict[str, list[State]] = {}
    for state in load_states(DATA_DIR / "states.csv"):
        grouped.setdefault(state.iso3, []).append(state)
    return {
        code: tuple(sorted(rows, key=lambda s: s.valid_from or 0)) for code, rows in grouped.items()
    }


def _first_year(deal: Deal) -> int | None:
    years = [change.date.year for change in deal.history if change.date]
    return min(years) if years else None


def _best(stated: tuple[StatedValue, ...]) -> str:
    """Return the value most sources give (the smaller on a tie); the rest go in Comments."""
    if not stated:
        return ""
    # `stated` is sorted by value, and max keeps the first of equals.
    return format_stated(max(stated, key=lambda item: len(item.record_ids)).value)
