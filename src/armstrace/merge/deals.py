"""Merge records from many documents into deals (spec section 3): a pure function.

Records share a deal when they share a key: kind, parties (supplier and
recipient, or the partner set) and weapon (the catalogue family, or the
category when the mention is generic). Within a key, records are ordered by
date, and a new deal starts where the dates say a new transfer began (see
`_starts_new_deal`). Everything is sorted before it is merged, so the same
records in any order give the same deals.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from armstrace.merge.conflicts import find_conflicts
from armstrace.merge.decisions import DealGroup, apply_deal_decisions
from armstrace.merge.packages import find_packages, packages_of
from armstrace.model import (
    STATUSES,
    Conflict,
    ConflictingValue,
    Deal,
    DealEvidence,
    Evidence,
    Money,
    PackageValue,
    PartialDate,
    Record,
    StatedValue,
    StatusChange,
)
from armstrace.review.decisions import DealDecision

# Ties on a date resolve towards the later stage: "ordered and delivered in 1987"
# ends delivered; cancelled ranks last so a same-day cancellation closes the deal.
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}

# A record dated more than this many years after the latest record of a deal
# speaks of another transfer (a second batch decades later is a new deal).
SAME_DEAL_GAP_YEARS = 5

# A new order (or a new wish or offer) more than this many years after the
# deal was delivered or cancelled opens a new deal. `planned` is not a trigger:
# expected deliveries of a running order are often stated as planned.
NEW_CYCLE_AFTER_YEARS = 1
_NEW_CYCLE_STATUSES = frozenset({"interest", "proposed", "ordered"})
_CLOSING_STATUSES = frozenset({"delivered", "cancelled"})


def deal_key(record: Record) -> str:
    """Return what every record of one deal shares: kind, parties and weapon."""
    if record.weapon_family:
        weapon = f"family:{record.weapon_family.casefold()}"
    else:
        weapon = f"generic:{record.category}"
    if record.kind == "coproduction":
        parties = "+".join(sorted(partner.upper() for partner in record.partners))
    else:
        supplier = _party(record.supplier, record.supplier_name)
        recipient = _party(record.recipient, record.recipient_name)
        parties = f"{supplier}>{recipient}"
    return f"{record.kind}|{parties}|{weapon}"


def merge_records(
    records: Iterable[Record],
    decisions: Iterable[DealDecision] = (),
    neighbours: Iterable[Record] = (),
) -> list[Deal]:
    """Return the deals that the records speak of, sorted by key and date.

    A record id seen twice is merged once (the first occurrence wins, as in the
    store). The result depends only on the set of records, never on their order.
    Analysts' merge and split `decisions` are replayed over the rules' deals
    (see `merge.decisions`). `neighbours` are other records of the same documents, in
    deals not merged now: a value one sentence states for a package of systems is
    found across them (see `merge.packages`).
    """
    unique: dict[str, Record] = {}
    for record in records:
        unique.setdefault(record.id, record)
    by_key: defaultdict[str, list[Record]] = defaultdict(list)
    for record in unique.values():
        by_key[deal_key(record)].append(record)
    groups: list[DealGroup] = []
    for key in sorted(by_key):
        for index, segment in enumerate(_split_deals(sorted(by_key[key], key=_sort_key))):
            # Named before the decisions are replayed, so the part of a deal that stays
            # after a split, or the deal others were merged into, keeps its id.
            deal_id = _deal_id(key, segment[0], first_of_key=index == 0)
            groups.append(DealGroup(key, segment, first_of_key=index == 0, deal_id=deal_id))
    groups = apply_deal_decisions(groups, decisions)
    packages = find_packages([*unique.values(), *neighbours])
    return [
        build_deal(group.key, group.records, group.first_of_key, deal_id=group.deal_id,
                   packages=packages)
        for group in groups
    ]


def build_deal(
    key: str,
    records: Sequence[Record],
    first_of_key: bool = True,
    deal_id: str | None = None,
    packages: Mapping[str, PackageValue] | None = None,
) -> Deal:
    """Return the deal made of these records (all with this key), whatever their order.

    `deal_id` names the deal; without it the id is made from the key (see `_deal_id`).
    `packages` gives the package value a record states (`merge.packages`): it is the
    deal's package, not its own value.
    """
    packages = packages or {}
    if not records:
        raise ValueError("a deal needs at least one record")
    ordered = sorted(records, key=_sort_key)
    first = ordered[0]
    history = _history(ordered)
    quantity_ordered = _stated([r for r in ordered if r.status == "ordered"], "quantity")
    quantity_delivered = _stated([r for r in ordered if r.status == "delivered"], "quantity")
    values = _stated([r for r in ordered if r.id not in packages], "value")
    deal_kinds = sorted({r.deal for r in ordered if r.deal != "unknown"})
    conflicts = find_conflicts(ordered, [("quantity_ordered", quantity_ordered),
                                         ("quantity_delivered", quantity_delivered),
                                         ("value", values)])
    published = sorted({r.document.published for r in ordered if r.document.published})
    return Deal(
        id=deal_id or _deal_id(key, first, first_of_key),
        key=key,
        kind=first.kind,
        weapon=_most_common([r.weapon for r in ordered], prefer_long=True),
        category=_most_common([r.category for r in ordered]),
        status=current_status(history),
        history=history,
        evidence=tuple(_evidence(r) for r in ordered),
        supplier=first.supplier,
        recipient=first.recipient,
        supplier_name=_first_name([r.supplier_name for r in ordered]),
        recipient_name=_first_name([r.recipient_name for r in ordered]),
        partners=tuple(sorted(first.partners)),
        weapon_family=first.weapon_family,
        weapons=tuple(sorted({r.weapon for r in ordered})),
        deal=deal_kinds[0] if len(deal_kinds) == 1 else "unknown",
        quantity_ordered=quantity_ordered,
        quantity_delivered=quantity_delivered,
        value=values,
        first_seen=published[0] if published else None,
        last_seen=published[-1] if published else None,
        documents=tuple(sorted({r.document.id for r in ordered})),
        sites=tuple(sorted({site for r in ordered if (site := site_of(r.document.url))})),
        conflicts=conflicts,
        packages=packages_of(ordered, packages),
    )


def current_status(history: Sequence[StatusChange]) -> str:
    """Return the status a history ends in.

    Walking the history in date order, a later stage supersedes an earlier one
    (`delivered` supersedes `ordered`), a `cancelled` closes the deal, and an
    earlier stage stated later (a `planned` delivery date after the order) does
    not move the deal back; after a cancellation any later status reopens it.
    """
    status = history[0].status
    for change in history[1:]:
        if (
            change.status == "cancelled"
            or status == "cancelled"
            or STATUS_RANK[change.status] >= STATUS_RANK[status]
        ):
            status = change.status
    return status


def effective_date(record: Record) -> PartialDate | None:
    """Return the record's date, or its document's publication date when it states none."""
    if record.date is not None:
        return record.date
    if record.document.published is not None:
        return PartialDate.from_date(record.document.published)
    return None


def deal_from_json(data: dict[str, Any]) -> Deal:
    """Return the deal that `Deal.to_json()` wrote."""
    return Deal(
        id=data["id"],
        key=data["key"],
        kind=data["kind"],
        weapon=data["weapon"],
        category=data["category"],
        status=data["status"],
        history=tuple(
            StatusChange(item["status"], _parse_partial(item["date"]), tuple(item["records"]))
            for item in data["history"]
        ),
        evidence=tuple(_evidence_from_json(item) for item in data["evidence"]),
        supplier=data["supplier"],
        recipient=data["recipient"],
        supplier_name=data["supplier_name"],
        recipient_name=data["recipient_name"],
        partners=tuple(data["partners"]),
        weapon_family=data["weapon_family"],
        weapons=tuple(data["weapons"]),
        deal=data["deal"],
        quantity_ordered=stated_values_from_json(data["quantity_ordered"]),
        quantity_delivered=stated_values_from_json(data["quantity_delivered"]),
        value=stated_values_from_json(data["value"]),
        first_seen=_parse_day(data["first_seen"]),
        last_seen=_parse_day(data["last_seen"]),
        documents=tuple(data["documents"]),
        sites=tuple(data["sites"]),
        conflicts=tuple(conflict_from_json(item) for item in data["conflicts"]),
        packages=tuple(_package_from_json(item) for item in data.get("packages", [])),
    )


# --- helpers -------------------------------------------------------------------------------


@dataclass
class _Cycle:
    last_year: int | None = None
    closed_year: int | None = None


def _split_deals(ordered: list[Record]) -> list[list[Record]]:
    segments: list[list[Record]] = []
    current: list[Record] = []
    cycle = _Cycle()
    for record in ordered:
        date = effective_date(record)
        year = date.year if date else None
        if current and year is not None and _starts_new_deal(cycle, record.status, year):
            segments.append(current)
            current, cycle = [], _Cycle()
        current.append(record)
        if year is not None:
            cycle.last_year = max(cycle.last_year or year, year)
            if record.status in _CLOSING_STATUSES:
                cycle.closed_year = max(cycle.closed_year or year, year)
    segments.append(current)
    return segments


def _starts_new_deal(cycle: _Cycle, status: str, year: int) -> bool:
    if cycle.last_year is not None and year - cycle.last_year > SAME_DEAL_GAP_YEARS:
        return True
    return (
        status in _NEW_CYCLE_STATUSES
        and cycle.closed_year is not None
        and year - cycle.closed_year > NEW_CYCLE_AFTER_YEARS
    )


def _sort_key(record: Record) -> tuple[int, int, int, int, int, str]:
    date = effective_date(record)
    if date is None:  # undated and unpublished: first, so it never opens a new deal
        return (0, 0, 0, 0, STATUS_RANK[record.status], record.id)
    return (1, date.year, date.month or 0, date.day or 0, STATUS_RANK[record.status], record.id)


def _history(ordered: Sequence[Record]) -> tuple[StatusChange, ...]:
    steps: dict[tuple[str, str], list[str]] = {}
    dates: dict[tuple[str, str], PartialDate | None] = {}
    for record in ordered:
        date = effective_date(record)
        step = (record.status, str(date) if date else "")
        steps.setdefault(step, []).append(record.id)
        dates[step] = date
    return tuple(
        StatusChange(status, dates[(status, date)], tuple(sorted(ids)))
        for (status, date), ids in steps.items()
    )


def _stated(records: Sequence[Record], slot: str) -> tuple[StatedValue, ...]:
    sources: dict[int | Money, list[str]] = {}
    for record in records:
        value = getattr(record, slot)
        if value is not None:
            sources.setdefault(value, []).append(record.id)
    return tuple(
        StatedValue(value, tuple(sorted(ids)))
        for value, ids in sorted(sources.items(), key=lambda item: _value_order(item[0]))
    )


def _value_order(value: int | Money) -> tuple[str, int]:
    return (value.currency, value.amount) if isinstance(value, Money) else ("", value)


def _most_common(values: Sequence[str], prefer_long: bool = False) -> str:
    counts = Counter(values)
    # Ties go to the longer name (a variant over its family), then alphabetically.
    return min(counts, key=lambda v: (-counts[v], -len(v) if prefer_long else 0, v))


def _first_name(names: Sequence[str | None]) -> str | None:
    present = sorted(name for name in names if name)
    return present[0] if present else None


def _party(code: str | None, name: str | None) -> str:
    if code:
        return code.upper()
    return f"name:{name.casefold()}" if name else "?"


def _deal_id(key: str, opening: Record, first_of_key: bool) -> str:
    """Return a deal id that does not move as news arrives, in any order.

    The first deal of a key (almost always the only one) is named by the key alone, so
    records arriving later, earlier-dated ones included, never change it. A later deal
    of the same key (a new order years after the first was delivered) adds the year
    that opened it.
    """
    if first_of_key:
        return hashlib.sha256(key.encode()).hexdigest()[:16]
    date = effective_date(opening)
    opened = str(date.year) if date is not None else opening.id
    return hashlib.sha256(f"{key}|{opened}".encode()).hexdigest()[:16]


def site_of(url: str | None) -> str | None:
    """Return the host of a document's URL without `www.` (the outlet), or None."""
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _evidence(record: Record) -> DealEvidence:
    return DealEvidence(
        record_id=record.id,
        status=record.status,
        evidence=record.evidence,
        document_id=record.document.id,
        url=record.document.url,
        title=record.document.title,
        published=record.document.published,
    )


def _evidence_from_json(item: dict[str, Any]) -> DealEvidence:
    document = item["document"]
    evidence = item["evidence"]
    return DealEvidence(
        record_id=item["record"],
        status=item["status"],
        evidence=Evidence(evidence["text"], evidence["start"], evidence["end"]),
        document_id=document["id"],
        url=document["url"],
        title=document["title"],
        published=_parse_day(document["published"]),
    )


def stated_values_from_json(items: list[dict[str, Any]]) -> tuple[StatedValue, ...]:
    """Return the stated values of one slot as `Deal.to_json()` wrote them."""
    stated = []
    for item in items:
        raw = item["value"]
        value = Money(raw["amount"], raw["currency"]) if isinstance(raw, dict) else int(raw)
        stated.append(StatedValue(value, tuple(item["records"])))
    return tuple(stated)


def _package_from_json(item: dict[str, Any]) -> PackageValue:
    value = item["value"]
    return PackageValue(item["id"], Money(value["amount"], value["currency"]),
                        tuple(item["records"]), tuple(item["weapons"]), item["document"])


def conflict_from_json(item: dict[str, Any] | str) -> Conflict:
    """Return a conflict as `Deal.to_json()` wrote it (a bare slot name before issue 15)."""
    if isinstance(item, str):
        return Conflict(item, ())
    return Conflict(item["slot"], tuple(
        ConflictingValue(value["value"], tuple(value["records"]), tuple(value["documents"]))
        for value in item["values"]))


def conflict_slots_from_json(items: list[dict[str, Any] | str]) -> tuple[str, ...]:
    """Return the names of the slots in conflict as `Deal.to_json()` wrote them."""
    return tuple(conflict_from_json(item).slot for item in items)


def _parse_partial(text: str | None) -> PartialDate | None:
    return PartialDate.parse(text) if text else None


def _parse_day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
