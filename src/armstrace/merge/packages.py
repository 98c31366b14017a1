"""Values stated for a package of several systems, kept once: a pure function.

"Poland signed a $3.37bn deal for K2 tanks and K9 howitzers" gives two records
(two deals) with the same value, which is the package's, not each deal's. A
value is a package value when records of one sentence of one document, in
different deals (other weapons), state the same amount: it is kept once as a
`PackageValue`, taken out of each deal's own `value`, and every deal of the
package points to it, so a total over deals counts it once (`total_values`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from armstrace.model import Deal, Money, PackageValue, Record


def find_packages(records: Iterable[Record]) -> dict[str, PackageValue]:
    """Return the package value each record states, by record id (records of none absent).

    `records` must hold every record of each document concerned (those of other deals
    too), or a package is seen only in part.
    """
    unique: dict[str, Record] = {}
    for record in records:
        unique.setdefault(record.id, record)
    groups: defaultdict[tuple[str, int, int, Money], list[Record]] = defaultdict(list)
    for record in unique.values():
        if record.value is not None:
            evidence = record.evidence
            groups[(record.document.id, evidence.start, evidence.end, record.value)].append(record)
    found: dict[str, PackageValue] = {}
    for (document_id, start, end, value), stating in groups.items():
        if len({_system(record) for record in stating}) < 2:
            continue  # one deal's value, however many records state it
        name = f"{document_id}|{start}|{end}|{value.amount}|{value.currency}"
        package = PackageValue(
            id=hashlib.sha256(name.encode()).hexdigest()[:16],
            value=value,
            record_ids=tuple(sorted(record.id for record in stating)),
            weapons=tuple(sorted({record.weapon for record in stating})),
            document_id=document_id,
        )
        for record in stating:
            found[record.id] = package
    return found


def packages_of(records: Sequence[Record], packages: Mapping[str, PackageValue]
                ) -> tuple[PackageValue, ...]:
    """Return the packages these records (one deal's) state a value of, sorted by id."""
    found = {packages[r.id].id: packages[r.id] for r in records if r.id in packages}
    return tuple(found[key] for key in sorted(found))


def total_values(deals: Iterable[Deal]) -> dict[str, int]:
    """Return the value of these deals by currency, each package counted once.

    A deal whose own sources disagree on its value counts the largest (as the
    volume counts the largest quantity); a package shared by several deals once.
    """
    totals: defaultdict[str, int] = defaultdict(int)
    seen: set[str] = set()
    for deal in deals:
        by_currency: dict[str, int] = {}
        for item in deal.value:
            if isinstance(item.value, Money):
                by_currency[item.value.currency] = max(
                    by_currency.get(item.value.currency, 0), item.value.amount)
        for currency, amount in by_currency.items():
            totals[currency] += amount
        for package in deal.packages:
            if package.id not in seen:
                seen.add(package.id)
                totals[package.value.currency] += package.value.amount
    return dict(totals)


def _system(record: Record) -> tuple[object, ...]:
    """Return what tells one deal's records from another's: kind, parties and system."""
    return (record.kind, record.supplier, record.recipient, record.supplier_name,
            record.recipient_name, tuple(sorted(record.partners)),
            (record.weapon_family or record.weapon).casefold())
