"""Keep a store's deals in step with its records: merge only the deals new records concern."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from armstrace.merge.deals import deal_key, merge_records
from armstrace.model import Record
from armstrace.store.base import Store

_log = logging.getLogger(__name__)


def update_deals(store: Store, records: Iterable[Record] | None = None) -> int:
    """Merge stored records into the deals they concern; return how many deals were rewritten.

    With `records` (those just stored), only their keys are merged again; without,
    every stored record not yet in a deal is (what a run killed between storing a
    document and merging it, or a database from before deals, leaves behind).
    Each key's deals are rebuilt from all its records, so the result never
    depends on the order the records arrived in.
    """
    fresh = list(store.iter_unmerged_records() if records is None else records)
    if not fresh:
        return 0
    keys = {deal_key(record) for record in fresh}
    known = list(store.iter_records_for_deal_keys(keys))
    deals = merge_records([*fresh, *known])
    store.replace_deals(keys, deals)
    _log.debug("merged %d records into %d deals over %d keys", len(fresh), len(deals), len(keys))
    return len(deals)
