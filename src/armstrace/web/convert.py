"""Turn the model's records and deals into the API's JSON shapes (spec/records.md)."""

from __future__ import annotations

from collections.abc import Mapping
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



def record_parties(record: Record, names: Mapping[str, str]) -> str:
    """Return who supplies whom, or the partners of a co-production, states by their name
    in `names` (code -> name) with the code beside: "France (FRA) → Serbia (SRB)"."""
    if record.kind == "coproduction":
        partners = (show_party(partner, names) for partner in record.partners)
        return " + ".join(partners) + " (co-production)"
    supplier = record.supplier or record.supplier_name
    recipient = record.recipient or record.recipient_name
    return (f"{show_party(supplier, names) if supplier else '?'} → "
            f"{show_party(recipient, names) if recipient else '?'}")


def show_party(party: str, names: Mapping[str, str]) -> str:
    """Return a state's name with its code ("France (FRA)"), any other party as it is."""
    return f"{names[party]} ({party})" if party in names else party
