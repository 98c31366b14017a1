"""What the sources of one deal disagree on, each value with who states it: a pure function.

A deal keeps every value its records give a slot (spec section 3); a conflict is
a slot given more than one, shown with each value's records and documents so an
analyst can read both sides:

- numbers: the quantity ordered, the quantity delivered, the value, and the kind
  of deal (sale, donation...), as the deal holds them;
- dates: an order or a cancellation happens once, so records of one of them that
  state incompatible dates (2019 and 2020; not 2019 and 2019-08, which refines it)
  disagree. Deliveries and plans come in batches and are never a date conflict;
  a date taken from the publication is not a stated date and never conflicts;
- statuses: on one stated date, documents that give different statuses (one says
  ordered, another delivered) disagree, unless one document states them all
  ("ordered and delivered in 1987").
"""

from __future__ import annotations

from collections.abc import Sequence

from armstrace.model import Conflict, ConflictingValue, Money, PartialDate, Record, StatedValue

# Events that happen once in a deal; two stated dates for one of them are a conflict.
_ONCE = ("ordered", "cancelled")


def find_conflicts(
    ordered: Sequence[Record], stated: Sequence[tuple[str, Sequence[StatedValue]]]
) -> tuple[Conflict, ...]:
    """Return the conflicts of a deal of these records (sorted by date), given its stated slots.

    `stated` is each number slot with the values the deal holds for it, in the
    order they are reported: `[("quantity_ordered", ...), ("value", ...)]`.
    """
    document_of = {record.id: record.document.id for record in ordered}
    conflicts = [
        Conflict(slot, tuple(_value(_text(item.value), item.record_ids, document_of)
                             for item in values))
        for slot, values in stated
        if len(values) > 1
    ]
    deal_kinds: dict[str, list[str]] = {}
    for record in ordered:
        if record.deal != "unknown":
            deal_kinds.setdefault(record.deal, []).append(record.id)
    if len(deal_kinds) > 1:
        conflicts.append(Conflict("deal", tuple(
            _value(kind, ids, document_of) for kind, ids in sorted(deal_kinds.items()))))
    for status in _ONCE:
        conflict = _date_conflict(status, [r for r in ordered if r.status == status], document_of)
        if conflict:
            conflicts.append(conflict)
    conflicts.extend(_status_conflicts(ordered, document_of))
    return tuple(conflicts)


def _date_conflict(
    status: str, records: Sequence[Record], document_of: dict[str, str]
) -> Conflict | None:
    dates: dict[PartialDate, list[str]] = {}
    for record in records:
        if record.date is not None:
            dates.setdefault(record.date, []).append(record.id)
    known = sorted(dates, key=lambda date: (date.year, date.month or 0, date.day or 0))
    if not any(not compatible_dates(a, b) for a in known for b in known):
        return None
    return Conflict(f"date_{status}", tuple(
        _value(str(date), dates[date], document_of) for date in known))


def _status_conflicts(ordered: Sequence[Record], document_of: dict[str, str]) -> list[Conflict]:
    by_date: dict[str, list[Record]] = {}
    for record in ordered:
        if record.date is not None:
            by_date.setdefault(str(record.date), []).append(record)
    conflicts = []
    for date, records in by_date.items():
        statuses = {record.status for record in records}
        if len(statuses) < 2:
            continue
        per_document: dict[str, set[str]] = {}
        for record in records:
            per_document.setdefault(record.document.id, set()).add(record.status)
        if any(told == statuses for told in per_document.values()):
            continue  # one source tells the whole sequence of that date
        by_status: dict[str, list[str]] = {}
        for record in records:
            by_status.setdefault(record.status, []).append(record.id)
        conflicts.append(Conflict("status", tuple(
            _value(f"{status} {date}", by_status[status], document_of)
            for status in sorted(by_status))))
    return conflicts


def compatible_dates(one: PartialDate, other: PartialDate) -> bool:
    """Return whether two dates may name the same day: equal where both are known."""
    if one.year != other.year:
        return False
    if one.month is None or other.month is None:
        return True
    if one.month != other.month:
        return False
    return one.day is None or other.day is None or one.day == other.day


def _value(text: str, record_ids: Sequence[str], document_of: dict[str, str]
           ) -> ConflictingValue:
    return ConflictingValue(
        text,
        tuple(sorted(record_ids)),
        tuple(sorted({document_of[rid] for rid in record_ids if rid in document_of})),
    )


def _text(value: int | Money) -> str:
    return f"{value.amount} {value.currency}" if isinstance(value, Money) else str(value)
