"""Write deals as CSV (one row per deal, lists joined) or JSON Lines (`Deal.to_json()`)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from armstrace.export.cells import safe_row
from armstrace.model import Deal, Money, StatedValue

DEAL_CSV_COLUMNS = (
    "id",
    "kind",
    "supplier",
    "recipient",
    "supplier_name",
    "recipient_name",
    "partners",
    "weapon",
    "weapon_family",
    "weapons",
    "category",
    "deal",
    "status",
    "history",
    "quantity_ordered",
    "quantity_delivered",
    "value",
    "packages",
    "related",
    "conflicts",
    "first_seen",
    "last_seen",
    "sources",
    "sites",
    "documents",
    "records",
)

# Lists in one cell: `;` between items (as for partners in the record CSV).
LIST_SEPARATOR = ";"


def write_deals_csv(deals: Iterable[Deal], file: TextIO) -> int:
    """Write a header and one row per deal to `file`; return the number of rows.

    List cells join their items with `;`: history steps as `status date`
    (`ordered 1983;delivered 1986`), values as `amount currency`; every value
    the sources gave is kept, so `12;14` in a quantity means they disagree.
    Open the file with `newline=""`. Empty cells stand for null; a text cell that a
    spreadsheet would run as a formula starts with `'` (armstrace.export.cells).
    """
    writer = csv.writer(file)
    writer.writerow(DEAL_CSV_COLUMNS)
    written = 0
    for deal in deals:
        writer.writerow(safe_row(_flatten_deal(deal)))
        written += 1
    return written


def write_deals_jsonl(deals: Iterable[Deal], file: TextIO) -> int:
    """Write one `Deal.to_json()` object per line to `file`; return the number of lines."""
    written = 0
    for deal in deals:
        line = json.dumps(deal.to_json(), ensure_ascii=False)
        # As for records: raw U+2028/U+2029 would split a line for many line readers.
        file.write(line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n")
        written += 1
    return written


def format_stated(value: int | Money) -> str:
    """Return a stated value as one cell: `12`, or `5000000000 GBP`."""
    return f"{value.amount} {value.currency}" if isinstance(value, Money) else str(value)


def _join_stated(stated: tuple[StatedValue, ...]) -> str:
    return LIST_SEPARATOR.join(format_stated(item.value) for item in stated)


def _flatten_deal(deal: Deal) -> list[Any]:
    cells: dict[str, Any] = {
        "id": deal.id,
        "kind": deal.kind,
        "supplier": deal.supplier,
        "recipient": deal.recipient,
        "supplier_name": deal.supplier_name,
        "recipient_name": deal.recipient_name,
        "partners": LIST_SEPARATOR.join(deal.partners),
        "weapon": deal.weapon,
        "weapon_family": deal.weapon_family,
        "weapons": LIST_SEPARATOR.join(deal.weapons),
        "category": deal.category,
        "deal": deal.deal,
        "status": deal.status,
        "history": LIST_SEPARATOR.join(
            f"{change.status} {change.date}" if change.date else change.status
            for change in deal.history
        ),
        "quantity_ordered": _join_stated(deal.quantity_ordered),
        "quantity_delivered": _join_stated(deal.quantity_delivered),
        "value": _join_stated(deal.value),
        "packages": LIST_SEPARATOR.join(package.describe() for package in deal.packages),
        "related": LIST_SEPARATOR.join(link.describe() for link in deal.related),
        "conflicts": LIST_SEPARATOR.join(conflict.describe() for conflict in deal.conflicts),
        "first_seen": deal.first_seen.isoformat() if deal.first_seen else None,
        "last_seen": deal.last_seen.isoformat() if deal.last_seen else None,
        "sources": deal.source_count,
        "sites": LIST_SEPARATOR.join(deal.sites),
        "documents": LIST_SEPARATOR.join(deal.documents),
        "records": LIST_SEPARATOR.join(deal.record_ids),
    }
    return ["" if cells[column] is None else cells[column] for column in DEAL_CSV_COLUMNS]
