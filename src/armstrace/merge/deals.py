"""Merge records from many documents into deals (spec section 3): a pure function.

Records share a deal when they share a key: kind, parties (supplier and
recipient, or the partner set) and weapon (the catalogue family, or the
category when the mention is generic). Within a key, dated records are ordered
by date, and a new deal starts where the dates say a new transfer began (see
`_starts_new_deal`): a later order for another number of units is a deal of its
own, linked to the one before ("follow-on of"). Everything is sorted before it is
merged, so the same records in any order give the same deals.

Time is evidence: a record's date is the date its status happened, or unknown. An
undated record whose text places it before every dated record of its key ("older jets
bought in the 1990s" beside a 2019 sale, `model.PERIOD_END`) is an earlier deal of its
own. Another undated record (background: "already flies") joins the deal whose order
states its number of units, or the latest deal opened by its publication; it never
becomes the current status over a dated one, unless it states the number of units of
the deal's dated order, which puts it after that order ("ordered 24 in February 2015 ...
All 24 aircraft have since been delivered").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from armstrace.merge.conflicts import compatible_dates, find_conflicts
from armstrace.merge.decisions import DealGroup, apply_deal_decisions
from armstrace.merge.packages import find_packages, packages_of
from armstrace.model import (
    PERIOD_END,
    STATUSES,
    Conflict,
    ConflictingValue,
    Deal,
    DealEvidence,
    DealLink,
    Evidence,
    Money,
    PackageValue,
    PartialDate,
    Record,
    StatedValue,
    StatusChange,
    site_of,
)
from armstrace.review.decisions import DealDecision

# Ties on a date resolve towards the later stage: "ordered and delivered in 1987"
# ends delivered; cancelled ranks last so a same-day cancellation closes the deal.
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}

# Words a cancellation is read from that name an order, not a plan: "cancelled its
# contract for 12 submarines", "cancelled the order".
CANCELLED_ORDER_NOUNS = frozenset({"contract", "order"})

# A record dated more than this many years after the latest record of a deal
# speaks of another transfer (a second batch decades later is a new deal).
SAME_DEAL_GAP_YEARS = 5

# A new order (or a new wish or offer) more than this many years after the
# deal was delivered or cancelled opens a new deal. `planned` is not a trigger:
# expected deliveries of a running order are often stated as planned.
NEW_CYCLE_AFTER_YEARS = 1
_NEW_CYCLE_STATUSES = frozenset({"interest", "proposed", "ordered"})
_CLOSING_STATUSES = frozenset({"delivered", "cancelled"})

# A dated order whose date is not that of the deal's order is another order (a follow-on
# order, a second batch) when it is for another number of units, or comes this many
# years or more after it. Two sources dating one order a year apart, for the same number
# or an unstated one, disagree (a conflict); they do not make two orders.
FOLLOW_ON_AFTER_YEARS = 3

# An undated record told in an article published more than this many years after every
# article that tells a dated record of its deal tells where the deal stands by then ("the
# F-2 fighters, which Mitsubishi developed with the United States", told in 2022 of the
# FSX decided in a 1987 article): it counts at its publication. Background told in the
# news of the dated facts ("already flies older F-16s") stays background.
LATER_STATE_AFTER_YEARS = 1


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
    follow_ons: list[tuple[str, str]] = []  # (later deal, earlier deal) of one key
    for key in sorted(by_key):
        index = 0
        for system in _generic_systems(by_key[key]):
            earlier, rest = _told_as_earlier(system)
            segments = _split_deals(rest) + ([earlier] if earlier else [])
            for order, segment in enumerate(segments):
                # Named before the decisions are replayed, so the part of a deal that stays
                # after a split, or the deal others were merged into, keeps its id.
                deal_id = _deal_id(key, segment[0], first_of_key=index == 0,
                                   taken={group.deal_id for group in groups})
                if order and segment is not earlier:
                    follow_ons.append((deal_id, groups[-1].deal_id or ""))
                groups.append(DealGroup(key, segment, first_of_key=index == 0, deal_id=deal_id))
                index += 1
    groups = apply_deal_decisions(groups, decisions)
    packages = find_packages([*unique.values(), *neighbours])
    related = _links({group.deal_id or "" for group in groups}, follow_ons)
    return [
        build_deal(group.key, group.records, group.first_of_key, deal_id=group.deal_id,
                   packages=packages, related=related.get(group.deal_id or "", ()))
        for group in groups
    ]


def _links(deal_ids: set[str], follow_ons: Sequence[tuple[str, str]]
           ) -> dict[str, tuple[DealLink, ...]]:
    """Return each deal's links to the deals of its key just before and after it, among
    the deals that are left once the analysts' decisions are replayed."""
    links: defaultdict[str, list[DealLink]] = defaultdict(list)
    for later, earlier in follow_ons:
        if later in deal_ids and earlier in deal_ids:
            links[later].append(DealLink("follow-on of", earlier))
            links[earlier].append(DealLink("followed by", later))
    return {deal_id: tuple(found) for deal_id, found in links.items()}


def build_deal(
    key: str,
    records: Sequence[Record],
    first_of_key: bool = True,
    deal_id: str | None = None,
    packages: Mapping[str, PackageValue] | None = None,
    related: tuple[DealLink, ...] = (),
) -> Deal:
    """Return the deal made of these records (all with this key), whatever their order.

    `deal_id` names the deal; without it the id is made from the key (see `_deal_id`).
    `packages` gives the package value a record states (`merge.packages`): it is the
    deal's package, not its own value. `related` links it to the deals of its key
    before and after it (`merge_records` finds them).
    """
    packages = packages or {}
    if not records:
        raise ValueError("a deal needs at least one record")
    ordered = sorted(records, key=_sort_key)
    first = ordered[0]
    timeline = _timeline(ordered)
    history = _history(ordered, timeline)
    quantity_ordered = _stated([r for r in ordered if r.status == "ordered"], "quantity")
    if not quantity_ordered:
        # "cancelled its contract for 12 submarines": the cancelled order's number of units
        quantity_ordered = _stated([r for r in ordered if _cancels_an_order(r, ordered)],
                                   "quantity")
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
        status=_latest_status([record.status for record in timeline]),
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
        related=related,
    )


def current_status(history: Sequence[StatusChange]) -> str:
    """Return the status a history ends in.

    Walking the history in date order, a later stage supersedes an earlier one
    (`delivered` supersedes `ordered`), a `cancelled` closes the deal, and an
    earlier stage stated later (a `planned` delivery date after the order) does
    not move the deal back; after a cancellation any later status reopens it.
    """
    return _latest_status([change.status for change in history])


def _latest_status(statuses: Sequence[str]) -> str:
    status = statuses[0]
    for later in statuses[1:]:
        if (
            later == "cancelled"
            or status == "cancelled"
            or STATUS_RANK[later] >= STATUS_RANK[status]
        ):
            status = later
    return status


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
        related=tuple(DealLink(item["relation"], item["deal"])
                      for item in data.get("related", [])),
    )


# --- helpers -------------------------------------------------------------------------------


@dataclass
class _Cycle:
    last_year: int | None = None
    closed_year: int | None = None
    orders: list[Record] = field(default_factory=list)


def _generic_systems(records: Sequence[Record]) -> list[list[Record]]:
    """Return the records of one generic key by the systems they speak of.

    A generic noun names no system, so one key may hold several. Where one sentence tells
    two facts of different stages on two different nouns of the category ("has produced a
    short-range missile ... and is working on a longer-range missile"), each noun is a
    system of its own; every other record joins the system of its own noun, or the first.
    """
    if any(record.weapon_family for record in records):
        return [list(records)]
    told: defaultdict[tuple[str, int], set[tuple[str, str]]] = defaultdict(set)
    for record in records:
        told[(record.document.id, record.evidence.start)].add((record.weapon, record.status))
    apart = sorted({
        weapon for facts in told.values() for weapon, status in facts
        if any(other != weapon and stage != status for other, stage in facts)
    })
    if not apart:
        return [list(records)]
    systems: dict[str, list[Record]] = {weapon: [] for weapon in apart}
    for record in sorted(records, key=_sort_key):
        systems[record.weapon if record.weapon in systems else apart[0]].append(record)
    return list(systems.values())


def _told_as_earlier(records: Sequence[Record]) -> tuple[list[Record], list[Record]]:
    """Return the undated records whose text places them before every dated record of the
    key ("older F-16A/B jets bought in the 1990s" beside a 2019 sale: an earlier deal), and
    the rest. Without a dated record there is nothing to be earlier than."""
    years = [r.date.year for r in records if r.date is not None]
    if not years:
        return [], list(records)
    opened = min(years)
    earlier = [r for r in records
               if r.date is None and r.extra.get(PERIOD_END, opened) < opened]
    kept = {r.id for r in earlier}
    return earlier, [r for r in records if r.id not in kept]


def _split_deals(records: Sequence[Record]) -> list[list[Record]]:
    """Return the records of one key cut into deals, each opened by its first dated record:
    the dated records by their dates, then each undated one where it belongs (`_home_of`)."""
    dated = sorted((r for r in records if r.date is not None), key=_sort_key)
    undated = sorted((r for r in records if r.date is None), key=_sort_key)
    segments = _split_dated(dated)
    if not segments:
        return [undated]
    for record in undated:
        segments[_home_of(record, segments)].append(record)
    return segments


def _split_dated(ordered: list[Record]) -> list[list[Record]]:
    segments: list[list[Record]] = []
    current: list[Record] = []
    cycle = _Cycle()
    for record in ordered:
        if record.date is None:
            continue  # only dated records are given
        year = record.date.year
        if current and _starts_new_deal(cycle, record, year):
            segments.append(current)
            current, cycle = [], _Cycle()
        current.append(record)
        cycle.last_year = max(cycle.last_year or year, year)
        if record.status in _CLOSING_STATUSES:
            cycle.closed_year = max(cycle.closed_year or year, year)
        if record.status == "ordered":
            cycle.orders.append(record)
    if current:
        segments.append(current)
    return segments


def _starts_new_deal(cycle: _Cycle, record: Record, year: int) -> bool:
    if cycle.last_year is not None and year - cycle.last_year > SAME_DEAL_GAP_YEARS:
        return True
    if record.status == "ordered" and _another_order(cycle.orders, record):
        return True
    return (
        record.status in _NEW_CYCLE_STATUSES
        and cycle.closed_year is not None
        and year - cycle.closed_year > NEW_CYCLE_AFTER_YEARS
    )


def _another_order(orders: Sequence[Record], order: Record) -> bool:
    """Tell whether a dated order is not one of these dated orders of a deal but a later
    one: on another date, and for another number of units or years later."""
    date = order.date
    if date is None or not orders or any(compatible_dates(o.date, date)
                                         for o in orders if o.date):
        return False
    quantities = {o.quantity for o in orders if o.quantity is not None}
    if order.quantity is not None and quantities and order.quantity not in quantities:
        return True
    latest = max(o.date.year for o in orders if o.date)
    return date.year - latest >= FOLLOW_ON_AFTER_YEARS


def _home_of(record: Record, segments: Sequence[Sequence[Record]]) -> int:
    """Return the index of the deal an undated record belongs to: the latest whose dated
    order is for its number of units, else the latest opened by the record's publication
    (the first when none was, or it has none)."""
    if record.quantity is not None:
        same = [index for index, segment in enumerate(segments)
                if any(_anchors(order, record) for order in segment)]
        if same:
            return same[-1]
    published = record.document.published
    if published is None:
        return 0
    day = (published.year, published.month, published.day)
    opened = [index for index, segment in enumerate(segments)
              if _day_tuple(segment[0].date) <= day]
    return opened[-1] if opened else 0


def _day_tuple(date: PartialDate | None) -> tuple[int, int, int]:
    return (date.year, date.month or 1, date.day or 1) if date else (0, 0, 0)


def _anchors(order: Record, undated: Record) -> bool:
    """Tell whether a dated order places an undated record of the same deal after it: the
    record states the order's number of units ("All 24 aircraft have since been delivered")."""
    return (order.status == "ordered" and order.date is not None
            and order.quantity is not None and order.quantity == undated.quantity)


def _timeline(ordered: Sequence[Record]) -> list[Record]:
    """Return the records whose statuses make the current status, in time order.

    Dated records by date, each undated one that a dated order anchors right after that
    order, and each undated one told in an article years after every article that tells
    a dated record, at its publication (`LATER_STATE_AFTER_YEARS`). Other undated records
    are background: they count only in a deal with no dated record, by stage (a
    cancellation last).
    """
    orders = [r for r in ordered if r.status == "ordered" and r.date is not None]
    latest = max((_told_year(r) for r in ordered if r.date is not None), default=None)
    placed: list[tuple[tuple[int, int, int, int, int, str], Record]] = []
    for record in ordered:
        if record.date is not None:
            placed.append((_sort_key(record), record))
            continue
        anchor = next((o for o in reversed(orders) if _anchors(o, record)), None)
        published = record.document.published
        if anchor is not None:
            placed.append(((*_sort_key(anchor)[:4], STATUS_RANK[record.status], record.id),
                           record))
        elif (latest is not None and published is not None
              and published.year - latest > LATER_STATE_AFTER_YEARS):
            placed.append(((1, published.year, published.month, published.day,
                            STATUS_RANK[record.status], record.id), record))
    if not placed:
        return sorted(ordered, key=lambda r: (STATUS_RANK[r.status], r.id))
    return [record for _, record in sorted(placed, key=lambda item: item[0])]


def _told_year(record: Record) -> int:
    """Return the year a dated record was told: its article's, else its own date's."""
    published = record.document.published
    if published is not None:
        return published.year
    assert record.date is not None
    return record.date.year


def _sort_key(record: Record) -> tuple[int, int, int, int, int, str]:
    date = record.date
    if date is None:  # undated: first, so it never opens a new deal
        return (0, 0, 0, 0, STATUS_RANK[record.status], record.id)
    return (1, date.year, date.month or 0, date.day or 0, STATUS_RANK[record.status], record.id)


def _history(ordered: Sequence[Record], timeline: Sequence[Record]
             ) -> tuple[StatusChange, ...]:
    """Return the status steps: background (undated, in no timeline) first, by stage, then
    the timeline's; a step is a status and the date the records give it (None: undated)."""
    placed = {record.id for record in timeline}
    background = sorted((r for r in ordered if r.id not in placed),
                        key=lambda r: (STATUS_RANK[r.status], r.id))
    steps: dict[tuple[str, str], list[str]] = {}
    dates: dict[tuple[str, str], PartialDate | None] = {}
    for record in [*background, *timeline]:
        step = (record.status, str(record.date) if record.date else "")
        steps.setdefault(step, []).append(record.id)
        dates[step] = record.date
    return tuple(
        StatusChange(status, dates[(status, date)], tuple(sorted(ids)))
        for (status, date), ids in steps.items()
    )


def _cancels_an_order(record: Record, records: Sequence[Record]) -> bool:
    """Tell whether a cancelled record's number is that of an order: the deal holds the
    order, or the record cancels a contract or an order ("cancelled its contract for 12
    submarines"), not a plan ("halted the planned sale of 26,000 rifles")."""
    if record.status != "cancelled":
        return False
    return (any(r.status == "ordered" for r in records)
            or record.extra.get("trigger") in CANCELLED_ORDER_NOUNS)


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


def _deal_id(key: str, opening: Record, first_of_key: bool,
             taken: Collection[str | None] = ()) -> str:
    """Return a deal id that does not move as news arrives, in any order.

    The first deal of a key (almost always the only one) is named by the key alone, so
    records arriving later, earlier-dated ones included, never change it. A later deal
    of the same key (a new order years after the first was delivered) adds the year
    that opened it; one more opened in that year (a second batch ordered months after
    the first), whose id would be `taken` already, adds its opening record too.
    """
    if first_of_key:
        return hashlib.sha256(key.encode()).hexdigest()[:16]
    date = opening.date
    opened = str(date.year) if date is not None else opening.id
    deal_id = hashlib.sha256(f"{key}|{opened}".encode()).hexdigest()[:16]
    if deal_id in taken:
        deal_id = hashlib.sha256(f"{key}|{opened}|{opening.id}".encode()).hexdigest()[:16]
    return deal_id


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
