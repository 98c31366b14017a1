"""Write deals in the layout of the SIPRI Arms Transfers Database's trade register.

SIPRI records transfers that were ordered or delivered. A deal whose current
status SIPRI does not record (interest, proposed, planned, cancelled) keeps its
row with that status said in Comments, or is left out with `sipri_only`.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from typing import TextIO

from armstrace.export.cells import safe_row
from armstrace.export.deals import format_stated
from armstrace.knowledge import DATA_DIR
from armstrace.knowledge.states import State, load_states
from armstrace.model import Deal, StatedValue

SIPRI_COLUMNS = (
    "Recipient",
    "Supplier",
    "Year of order",
    "Number ordered",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "Year(s) of delivery",
    "status",
    "Comments",
)
SIPRI_STATUSES = ("ordered", "delivered")


def write_deals_sipri_csv(deals: Iterable[Deal], file: TextIO, *, sipri_only: bool = False) -> int:
    """Write a header and one SIPRI-style row per deal; return the number of rows.

    With `sipri_only`, deals that were never ordered or delivered, and
    co-production programmes (SIPRI has no partner-set row), are left out.
    """
    writer = csv.writer(file)
    writer.writerow(SIPRI_COLUMNS)
    written = 0
    for deal in deals:
        row = sipri_row(deal, sipri_only=sipri_only)
        if row is not None:
            writer.writerow(safe_row(row))
            written += 1
    return written


def sipri_row(deal: Deal, *, sipri_only: bool = False) -> list[str] | None:
    """Return the deal as a SIPRI register row, or None when `sipri_only` leaves it out."""
    recorded = [change for change in deal.history if change.status in SIPRI_STATUSES]
    if sipri_only and (not recorded or deal.kind == "coproduction"):
        return None
    comments: list[str] = []
    year = _first_year(deal)
    if deal.kind == "coproduction":
        recipient = "/".join(state_name(code, year) for code in deal.partners)
        supplier = ""
        comments.append("co-production or licensed production by these partners")
    else:
        recipient = (state_name(deal.recipient, year) if deal.recipient else None) or (
            deal.recipient_name or ""
        )
        supplier = (state_name(deal.supplier, year) if deal.supplier else None) or (
            deal.supplier_name or ""
        )
    status = deal.status if deal.status in SIPRI_STATUSES else ""
    if not status:
        latest = recorded[-1].status if recorded else ""
        status = "" if sipri_only and not latest else latest
        when = next((str(c.date) for c in reversed(deal.history) if c.status == deal.status), "")
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
    return [
        recipient,
        supplier,
        str(order_years[0]) if order_years else "",
        _best(deal.quantity_ordered),
        deal.weapon,
        deal.category,
        _best(deal.quantity_delivered),
        _year_span(delivery_years),
        status,
        "; ".join(comments),
    ]


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


def _year_span(years: list[int]) -> str:
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}-{years[-1]}"
