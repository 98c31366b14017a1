"""One fact, one record: merge the restatements of a fact within one document.

Articles state their news several times (headline, lead, quote, background). Records
with the same kind, parties, weapon and status are one fact; the most confident one
keeps its evidence and the others fill its empty slots. Two statements that give the
fact different quantities and different dates are two occasions, not one ("the country
ordered 30 more Rafales" on Monday; "it ordered 24 of the jets in February 2015") and
stay apart. Three weaker forms merge into
a stronger record when exactly one fits: a generic mention ("the drones") into a named
system of the same category, a record whose supplier was not stated into one that
states it, and a restatement without a status of its own ("Selling Rafales to Serbia
has raised concerns") into any record of the same transfer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from armstrace.model import PartialDate, Record

_StatusFree = tuple[str, str | None, str | None, tuple[str, ...], str]


def _party(code: str | None, name: str | None) -> str | None:
    return code or name


def _weapon_key(record: Record) -> str:
    if record.weapon_family:
        return "family:" + record.weapon_family
    return "category:" + record.category


def _fact_key(record: Record) -> tuple[object, ...]:
    return (*_transfer_key(record), record.status)


def _transfer_key(record: Record) -> _StatusFree:
    return (
        record.kind,
        _party(record.supplier, record.supplier_name),
        _party(record.recipient, record.recipient_name),
        record.partners,
        _weapon_key(record),
    )


def _fill(target: Record, source: Record) -> Record:
    """Return `target` with its empty slots filled from `source`; a supplier one of them
    guessed from the catalogue and the other states is stated ("the Gripen jets received
    by Ukraine, ... delivered by Sweden and Norway": Sweden, stated)."""
    extra = target.extra
    if extra.get("supplier_inferred") and source.extra.get("supplier_inferred") is False:
        extra = {
            **extra,
            "supplier_inferred": False,
            "supplier_how": source.extra.get("supplier_how"),
        }
    return replace(
        target,
        extra=extra,
        quantity=target.quantity if target.quantity is not None else source.quantity,
        value=target.value or source.value,
        date=target.date or source.date,
        deal=target.deal if target.deal != "unknown" else source.deal,
        weapon=target.weapon if target.weapon_family or not source.weapon_family else source.weapon,
        confidence=max(target.confidence, source.confidence),
    )


def _better(first: Record, second: Record) -> tuple[Record, Record]:
    """Order two records of one fact: the one whose evidence should stand first."""

    def informativeness(record: Record) -> tuple[float, int, int]:
        slots = sum(x is not None for x in (record.quantity, record.value, record.date))
        return (
            record.confidence,
            slots + (record.weapon_family is not None),
            -record.evidence.start,
        )

    return (first, second) if informativeness(first) >= informativeness(second) else (second, first)


def merge_restatements(records: Sequence[Record]) -> list[Record]:
    """Return one record per fact, in the order the facts are first stated."""
    restatements = [r for r in records if r.extra.get("restatement")]
    stated = [r for r in records if not r.extra.get("restatement")]

    merged: dict[tuple[object, ...], Record] = {}
    for record in stated:
        fact = _fact_key(record)
        occasions = [k for k in merged if k[:-1] == fact]
        same = [
            k
            for k in occasions
            if not _other_occasion(merged[k], record) and not _listed_apart(merged[k], record)
        ]
        if same:
            best, other = _better(merged[same[0]], record)
            merged[same[0]] = _fill(best, other)
        else:
            merged[(*fact, len(occasions))] = record

    merged = _absorb(merged, _generic_into_named)
    merged = _absorb(merged, _unstated_supplier_into_stated)
    merged = _absorb(merged, _inferred_supplier_into_stated)
    for record in restatements:
        targets = [k for k, r in merged.items() if _transfer_key(r) == _transfer_key(record)]
        if len(targets) == 1:
            merged[targets[0]] = _fill(merged[targets[0]], record)
    return sorted(merged.values(), key=lambda r: r.evidence.start)


def _other_occasion(first: Record, second: Record) -> bool:
    """Tell whether two records of one fact state two occasions: quantities and dates differ."""
    return (
        first.quantity is not None
        and second.quantity is not None
        and first.quantity != second.quantity
        and first.date is not None
        and second.date is not None
        and not _same_time(first.date, second.date)
    )


def _listed_apart(first: Record, second: Record) -> bool:
    """Tell whether two records of one family are two systems one sentence lists: "Mk-82
    and Mk-84 bombs" are two records; "the F-16V jets ... the F-16s" later is one, and so
    are two generic nouns of one category ("military trucks and spare parts")."""
    return (
        first.evidence.start == second.evidence.start
        and first.weapon_family is not None
        and first.weapon != second.weapon
    )


def _same_time(first: PartialDate, second: PartialDate) -> bool:
    """Tell whether two dates can name the same time: equal at the coarser one's precision."""
    shared = min(len(str(first)), len(str(second)))
    return str(first)[:shared] == str(second)[:shared]


def _generic_into_named(weak: Record, strong: Record) -> bool:
    # a system the catalogue does not know ("BLU-117 bomb bodies") has no family, but it
    # is named: it is no vaguer telling of the catalogued one beside it
    return (
        weak.weapon_family is None
        and weak.extra.get("generic", True)
        and strong.weapon_family is not None
        and weak.category == strong.category
        and weak.kind == strong.kind
        and weak.status == strong.status
        and _party(weak.recipient, weak.recipient_name)
        == _party(strong.recipient, strong.recipient_name)
        and weak.partners == strong.partners
        and _party(weak.supplier, weak.supplier_name)
        in (None, _party(strong.supplier, strong.supplier_name))
    )


def _unstated_supplier_into_stated(weak: Record, strong: Record) -> bool:
    return (
        weak.kind == "transfer"
        and strong.kind == "transfer"
        and weak.supplier is None
        and weak.supplier_name is None
        and _party(strong.supplier, strong.supplier_name) is not None
        and weak.status == strong.status
        and _party(weak.recipient, weak.recipient_name)
        == _party(strong.recipient, strong.recipient_name)
        and weak.category == strong.category
        and (weak.weapon_family is None or weak.weapon_family == strong.weapon_family)
    )


def _inferred_supplier_into_stated(weak: Record, strong: Record) -> bool:
    """A supplier guessed from the catalogue yields to one the text states.

    "Qatar signed a contract to buy 24 Typhoons from Britain, the largest order for the
    aircraft": the order's supplier came from the catalogue (Germany is listed first for the
    Eurofighter); the sentence says Britain.
    """
    return (
        weak.kind == "transfer"
        and strong.kind == "transfer"
        and bool(weak.extra.get("supplier_inferred"))
        and not strong.extra.get("supplier_inferred")
        and weak.supplier != strong.supplier
        and weak.status == strong.status
        and weak.recipient == strong.recipient
        and weak.recipient_name == strong.recipient_name
        and weak.weapon_family is not None
        and weak.weapon_family == strong.weapon_family
    )


def _absorb(
    merged: dict[tuple[object, ...], Record], fits: object
) -> dict[tuple[object, ...], Record]:
    """Merge each record into the one stronger record it `fits`, when exactly one fits."""
    result = dict(merged)
    for key, weak in list(merged.items()):
        if key not in result:
            continue
        strong_keys = [k for k, r in result.items() if k != key and fits(weak, r)]  # type: ignore[operator]
        if len(strong_keys) > 1:
            # the one stated in the same sentence ("80 Rafales ..., the largest order ever
            # for the French warplane")
            strong_keys = [
                k for k in strong_keys if result[k].evidence.start == weak.evidence.start
            ]
        if len(strong_keys) == 1:
            target = strong_keys[0]
            result[target] = _fill(result[target], weak)
            del result[key]
    return result
