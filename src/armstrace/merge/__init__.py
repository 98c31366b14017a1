"""Records from many documents -> deals with a status history (spec section 3)."""

from __future__ import annotations

from armstrace.merge.deals import (
    build_deal,
    current_status,
    deal_from_json,
    deal_key,
    effective_date,
    merge_records,
)
from armstrace.merge.update import update_deals

__all__ = [
    "build_deal",
    "current_status",
    "deal_from_json",
    "deal_key",
    "effective_date",
    "merge_records",
    "update_deals",
]
