"""Turn the model's records and deals into the API's JSON shapes (spec/records.md)."""

from __future__ import annotations

from typing import Any

from armstrace.model import Deal, Document, Record


def record_state(record: Record) -> str:
    """Return the record's review state: unreviewed, confirmed, corrected or rejected."""
    review = record.extra.get("review")
    return str(review.get("state", "unreviewed")) if isinstance(review, dict) else "unreviewed"


def record_json(record: Record) -> dict[str, Any]:
    """Return `Record.to_json()` with the record's review state."""
    return {**record.to_json(), "review": record_state(record)}


def deal_json(deal: Deal) -> dict[str, Any]:
    """Return `Deal.to_json()`."""
    return deal.to_json()


def document_json(document: Document) -> dict[str, Any]:
    """Return a document's reference fields (spec section 2)."""
    return document.reference()


def change_text(value: Any) -> str:
    """Return a field's value as the audit trail shows it (JSON shapes; None is a dash)."""
    if value is None or value == []:
        return "–"
    if isinstance(value, dict) and {"amount", "currency"} <= value.keys():
        return f"{value['amount']:,} {value['currency']}"
    if isinstance(value, list):
        return " + ".join(str(item) for item in value)
    return str(value)
