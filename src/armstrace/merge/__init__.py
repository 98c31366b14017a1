"""Records from many documents -> deals with a status history (spec section 3)."""

from __future__ import annotations

from armstrace.merge.deals import (
    build_deal,
    current_status,
    deal_from_json,
    deal_key,
    merge_records,
)
from armstrace.merge.decisions import DealGroup, apply_deal_decisions
from armstrace.merge.history import deal_history, read_log_about
from armstrace.merge.update import (
    describe_clash,
    make_merge_decision,
    make_split_decision,
    record_deal_decision,
    record_decision,
    remerge_deal_keys,
    update_deals,
)

__all__ = [
    "DealGroup",
    "apply_deal_decisions",
    "build_deal",
    "current_status",
    "deal_from_json",
    "deal_history",
    "deal_key",
    "describe_clash",
    "make_merge_decision",
    "make_split_decision",
    "merge_records",
    "read_log_about",
    "record_deal_decision",
    "record_decision",
    "remerge_deal_keys",
    "update_deals",
]
