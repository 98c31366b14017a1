"""A deal's history: every decision on the deal or on a record it holds or held.

The audit trail names records and deals by id; a deal's own entries are the merges
and splits naming it, and the decisions on its records, rejected ones included (a
rejection takes a record out of its deal, so it is found by the deal's key).
"""

from __future__ import annotations

import dataclasses

from armstrace.merge.deals import deal_key
from armstrace.model import Deal
from armstrace.review.audit import LogEntry, LogFilter
from armstrace.store import RecordFilter, Store


def deal_history(store: Store, deal: Deal, limit: int | None = None,
                 log_filter: LogFilter | None = None) -> tuple[int, list[LogEntry]]:
    """Return how many decisions concern the deal and the latest `limit` of them.

    `log_filter` narrows them further (its own `concerning` is replaced, its paging kept).
    """
    # Only records of the deal's parties can share its key: the others are not read.
    transfer = deal.kind == "transfer"
    rejected = store.iter_records(RecordFilter(
        review_state="rejected",
        supplier=(deal.supplier or deal.supplier_name) if transfer else None,
        recipient=(deal.recipient or deal.recipient_name) if transfer else None))
    ids = {deal.id, *deal.record_ids,
           *(record.id for record in rejected if deal_key(record) == deal.key)}
    chosen = log_filter or LogFilter(limit=limit)
    return store.read_log(dataclasses.replace(chosen, concerning=frozenset(ids)))


def read_log_about(store: Store, log_filter: LogFilter, item_id: str | None = None
                   ) -> tuple[int, list[LogEntry]]:
    """Return the decisions the filter keeps (how many, and the page), narrowed to those
    about `item_id` when given: a deal's id takes in the decisions on its records."""
    if item_id is None:
        return store.read_log(log_filter)
    deal = store.get_deal(item_id)
    if deal is not None:
        return deal_history(store, deal, log_filter=log_filter)
    return store.read_log(dataclasses.replace(log_filter, concerning=frozenset({item_id})))
