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

