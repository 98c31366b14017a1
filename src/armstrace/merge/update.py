"""Keep a store's deals in step with its records and its analysts' decisions.

Merging is incremental: only the keys that new, changed or decided records
concern are merged again, each from all of its records, so the result never
depends on the order in which records or decisions arrived. A key linked to
others by an analyst's merge decision is always merged together with them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection, Iterable, Sequence

from armstrace.errors import DealClashError, ReviewError, StoreError
from armstrace.merge.deals import deal_key, merge_records
from armstrace.model import Deal, Record
from armstrace.review.decisions import DealDecision, RecordDecision, review_state
from armstrace.store.base import RecordFilter, Store

_log = logging.getLogger(__name__)


def update_deals(store: Store, records: Iterable[Record] | None = None) -> int:
    """Merge stored records into the deals they concern; return how many deals were rewritten.

    With `records` (those just stored), only their keys are merged again; without,
    every stored record not yet in a deal is (what a run killed between storing a
    document and merging it, or a database from before deals, leaves behind).
    Records are merged as the store holds them, analysts' decisions applied: a
    record given as extracted is read back reviewed, and a rejected one is left out.
    """
    fresh = list(store.iter_unmerged_records() if records is None else _as_stored(store, records))
    if not fresh:
        return 0
    return len(remerge_deal_keys(store, (), fresh))


def remerge_deal_keys(
    store: Store, keys: Collection[str], records: Sequence[Record] = ()
) -> list[Deal]:
    """Merge again the deals under these keys and those of `records`; return the new deals.

    `records` are stored records (as reviewed) that may be in no deal yet. The keys
    grow to every key their records and the analysts' merge decisions link them to,
    and every deal under those keys is rebuilt, decisions replayed, in one write.
    """
    # Read and written in one turn: another process merging the same keys waits.
    with store.lock_deals():
        decisions = list(store.iter_deal_decisions())
        linked = _merge_decision_keys(store, decisions)
        wanted: set[str] = set()
        pending = set(keys) | {deal_key(record) for record in records}
        known: dict[str, Record] = {record.id: record for record in records}
        while pending:
            pending = _linked_closure(pending | wanted, linked) - wanted
            wanted |= pending
            found = list(store.iter_records_for_deal_keys(pending))
            for record in found:
                known.setdefault(record.id, record)
            # A record filed under one key may now have another (an analyst corrected it).
            pending = {deal_key(record) for record in found} - wanted
        if not wanted:
            return []
        deals = merge_records(known.values(), decisions, _neighbours(store, known))
        # A merged deal takes the key of the first deal it was made of, which is among `wanted`.
        store.replace_deals(wanted, deals)
        _log.debug(
            "merged %d records into %d deals over %d keys", len(known), len(deals), len(wanted)
        )
        return deals


def record_decision(store: Store, decision: RecordDecision) -> Record:
    """Store an analyst's decision on a record and re-merge the deals it concerns.

    Return the record as it now reads (a rejected one too: see `review_state`).
    A rejected record leaves its deal; a corrected one moves to the deal its new
    fields give. Raise `StoreError` for an unknown record or user, `ReviewError`
    for corrections that do not fit the record.
    """
    before = store.get_record(decision.record_id)
    if before is None:
        raise StoreError(f"no record with id {decision.record_id}",
                         hint="list the ids with: armstrace records --json")
    after = store.add_record_decision(decision)
    fresh = [] if review_state(after) == "rejected" else [after]
    remerge_deal_keys(store, {deal_key(before), deal_key(after)}, fresh)
    return after


def record_deal_decision(store: Store, decision: DealDecision) -> list[Deal]:
    """Store a merge or split decision, re-merge the deals it concerns; return the deals now
    holding its records (one, unless some were rejected or removed since).

    Raise `StoreError` for an unknown user.
    """
    keys: set[str] = set()
    for deal_id in decision.deal_ids:
        deal = store.get_deal(deal_id)
        if deal is not None:
            keys.add(deal.key)
    records = [r for r in map(store.get_record, decision.record_ids) if r is not None]
    keys |= {deal_key(record) for record in records}
    store.add_deal_decision(decision)
    deals = remerge_deal_keys(store, keys)
    wanted = set(decision.record_ids)
    return [deal for deal in deals if wanted & set(deal.record_ids)]


def make_merge_decision(
    store: Store,
    deal_ids: Sequence[str],
    *,
    user: str,
    reason: str,
    at: dt.datetime | None = None,
    force: bool = False,
) -> DealDecision:
    """Return the decision that merges these deals, naming every record they hold now.

    Raise `ReviewError` when a deal id is unknown, and `DealClashError` when the
    deals name different parties or kinds of deal (a co-production and a
    transfer, other suppliers or recipients) unless `force` says to merge anyway.
    """
    record_ids: list[str] = []
    deals: list[Deal] = []
    for deal_id in deal_ids:
        deal = store.get_deal(deal_id)
        if deal is None:
            raise ReviewError(f"no deal with id {deal_id}",
                              hint="list the ids with: armstrace deals")
        deals.append(deal)
        record_ids.extend(deal.record_ids)
    clash = describe_clash(deals)
    if clash and not force:
        raise DealClashError(clash)
    return DealDecision("merge", tuple(deal_ids), tuple(record_ids), user, reason,
                        at or dt.datetime.now(dt.UTC))


def describe_clash(deals: Sequence[Deal]) -> str | None:
    """Return in one line how the first deal that differs from the first one clashes with it,
    or None when they all name the same kind and parties.

    "deal 46858dbf is GBR+TUR coproduction, deal 0dab0329 is TUR -> rebels transfer:
    different kinds and parties". The weapon may differ: one sale told once by its family
    and once generically ("Gripen", "fighter jets") is what merging by hand is for.
    """
    if not deals:
        return None
    first = deals[0]
    for other in deals[1:]:
        differences = []
        if other.kind != first.kind:
            differences.append("kinds")
        if _parties_key(other) != _parties_key(first):
            differences.append("parties")
        if differences:
            return (f"deal {first.id[:8]} is {_describe_parties(first)}, "
                    f"deal {other.id[:8]} is {_describe_parties(other)}: "
                    f"different {' and '.join(differences)}")
    return None


def _parties_key(deal: Deal) -> tuple[str, ...]:
    if deal.kind == "coproduction":
        return tuple(sorted(partner.upper() for partner in deal.partners))
    return (_party_name(deal.supplier, deal.supplier_name).casefold(),
            _party_name(deal.recipient, deal.recipient_name).casefold())


def _describe_parties(deal: Deal) -> str:
    if deal.kind == "coproduction":
        return f"{'+'.join(sorted(deal.partners))} {deal.kind}"
    supplier = _party_name(deal.supplier, deal.supplier_name)
    recipient = _party_name(deal.recipient, deal.recipient_name)
    return f"{supplier} -> {recipient} {deal.kind}"


def _party_name(code: str | None, name: str | None) -> str:
    return code.upper() if code else (name or "?")


def make_split_decision(
    store: Store,
    deal_id: str,
    record_ids: Sequence[str],
    *,
    user: str,
    reason: str,
    at: dt.datetime | None = None,
) -> DealDecision:
    """Return the decision that takes these records out of a deal into a deal of their own.

    Raise `ReviewError` when the deal is unknown, a record is not in it, or the
    records are the whole deal (nothing would be split).
    """
    deal = store.get_deal(deal_id)
    if deal is None:
        raise ReviewError(f"no deal with id {deal_id}",
                              hint="list the ids with: armstrace deals")
    outside = sorted(set(record_ids) - set(deal.record_ids))
    if outside:
        raise ReviewError(f"records {', '.join(outside)} are not in deal {deal_id}")
    if set(record_ids) >= set(deal.record_ids):
        raise ReviewError(f"a split must leave at least one record in deal {deal_id}")
    return DealDecision("split", (deal_id,), tuple(record_ids), user, reason,
                        at or dt.datetime.now(dt.UTC))


def _as_stored(store: Store, records: Iterable[Record]) -> list[Record]:
    """Return the records as the store holds them (reviewed), rejected and unknown ones left out."""
    by_document: dict[str, set[str]] = {}
    for record in records:
        by_document.setdefault(record.document.id, set()).add(record.id)
    stored: list[Record] = []
    for document_id, ids in by_document.items():
        for record in store.iter_records(RecordFilter(document_id=document_id)):
            if record.id in ids:
                stored.append(record)
    return stored


def _neighbours(store: Store, known: dict[str, Record]) -> list[Record]:
    """Return the other records of the documents where a known record states a value.

    A value one sentence gives a package of systems is the package's (see
    `merge.packages`), which only the whole document's records tell.
    """
    documents = sorted({r.document.id for r in known.values() if r.value is not None})
    return [record for document_id in documents
            for record in store.iter_records(RecordFilter(document_id=document_id))
            if record.id not in known]


def _linked_closure(keys: set[str], linked: Sequence[set[str]]) -> set[str]:
    """Return the keys with every key a merge decision links to them, transitively."""
    closed = set(keys)
    grew = True
    while grew:
        grew = False
        for group in linked:
            if group & closed and not group <= closed:
                closed |= group
                grew = True
    return closed


def _merge_decision_keys(store: Store, decisions: Sequence[DealDecision]) -> list[set[str]]:
    """Return, for each merge decision, the keys of the records it names as they are now."""
    merges = [decision for decision in decisions if decision.action == "merge"]
    if not merges:
        return []
    wanted = tuple(sorted({rid for decision in merges for rid in decision.record_ids}))
    # One query for them all: this runs on every re-merge, once per ingested document.
    key_of = {r.id: deal_key(r) for r in store.iter_records(RecordFilter(record_ids=wanted))}
    linked: list[set[str]] = []
    for decision in merges:
        keys = {key_of[rid] for rid in decision.record_ids if rid in key_of}
        if len(keys) > 1:
            linked.append(keys)
    return linked
