"""The deal tables of a SQL store: written by the merge, read by `armstrace deals`.

A mixin of the stores (`SQLiteStore`, `PostgresStore`), kept apart so each
module stays one job long; the same SQL runs on both.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

from armstrace.errors import StoreError
from armstrace.merge.deals import (
    conflict_slots_from_json,
    deal_from_json,
    stated_values_from_json,
)
from armstrace.model import Deal, Money, Record
from armstrace.store.base import DealFilter, DealSummary
from armstrace.store.sql import (
    INSERT_DEAL,
    NOT_REJECTED,
    deal_order,
    deal_row,
    deal_where,
    parse_day,
)
from armstrace.store.tables import SQLTables

# SQLite's default limit on host parameters is 999 (older builds); keys go in batches.
_BATCH = 500
# The slots of a deal's JSON that its list line shows; the rest of the columns are columns.
_SUMMARY_SLOTS = ("quantity_ordered", "quantity_delivered", "value", "conflicts", "packages")


class DealTables(SQLTables):
    """Deal methods of the `Store` protocol over the `deals` and `deal_records` tables."""

    def iter_unmerged_records(self) -> Iterator[Record]:
        """Yield the stored records that are in no deal yet, in stored order, rejected left out."""
        yield from self._query_records(
            "WHERE NOT EXISTS (SELECT 1 FROM deal_records m WHERE m.record_id = r.id) "
            f"AND {NOT_REJECTED} ORDER BY {self._dialect.record_order}",
            {},
        )

    def iter_records_for_deal_keys(self, keys: Collection[str]) -> Iterator[Record]:
        """Yield the records merged into deals under any of these keys, rejected ones left out."""
        ordered = sorted(keys)
        for start in range(0, len(ordered), _BATCH):
            batch = ordered[start : start + _BATCH]
            parameters = {f"key{number}": key for number, key in enumerate(batch)}
            marks = ", ".join(f":{name}" for name in parameters)
            yield from self._query_records(
                f"JOIN deal_records m ON m.record_id = r.id WHERE m.deal_key IN ({marks}) "
                f"AND {NOT_REJECTED} ORDER BY {self._dialect.record_order}",
                parameters,
            )

    def replace_deals(self, keys: Collection[str], deals: Iterable[Deal]) -> None:
        """Replace every deal under these keys with `deals`, in one transaction."""
        wanted = set(keys)
        new = list(deals)
        for deal in new:
            if deal.key not in wanted:
                raise ValueError(f"deal {deal.id} has key {deal.key!r}, not one being replaced")
        with self._translate_errors(), self._transaction():
            for key in sorted(wanted):
                self._execute("DELETE FROM deal_records WHERE deal_key = :key", {"key": key})
                self._execute("DELETE FROM deals WHERE key = :key", {"key": key})
            for deal in new:
                self._execute(INSERT_DEAL, deal_row(deal))
                self._executemany(
                    "INSERT INTO deal_records (record_id, deal_id, deal_key) "
                    "VALUES (:record_id, :deal_id, :deal_key)",
                    [
                        {"record_id": record_id, "deal_id": deal.id, "deal_key": deal.key}
                        for record_id in deal.record_ids
                    ],
                )

    def iter_deals(self, filter: DealFilter | None = None) -> Iterator[Deal]:
        """Yield the deals that match the filter, last seen latest first, then by id."""
        deal_filter = filter or DealFilter()
        where, parameters = deal_where(deal_filter, self._dialect)
        limit = deal_filter.limit
        parameters["limit"] = self._dialect.no_limit if limit is None else limit
        parameters["offset"] = deal_filter.offset
        with self._translate_errors():
            rows = self._execute(
                f"SELECT id, data FROM deals {where} "
                f"ORDER BY {deal_order(deal_filter)} LIMIT :limit OFFSET :offset",
                parameters,
            )
            for row in rows:
                yield self._deal_from_row(row)

    def iter_deal_summaries(self, filter: DealFilter | None = None) -> Iterator[DealSummary]:
        """Yield the list lines of the deals `iter_deals` yields, in the same order.

        The line's columns come from the deals table and its five slots out of the
        stored JSON by the database, so no deal's evidence is read into Python.
        """
        deal_filter = filter or DealFilter()
        where, parameters = deal_where(deal_filter, self._dialect)
        limit = deal_filter.limit
        parameters["limit"] = self._dialect.no_limit if limit is None else limit
        parameters["offset"] = deal_filter.offset
        slots = ", ".join(
            f"{self._dialect.json_text.format(json='data', key=slot)} AS {slot}"
            for slot in _SUMMARY_SLOTS
        )
        with self._translate_errors():
            rows = self._execute(
                "SELECT id, kind, weapon, category, status, supplier, recipient, supplier_name, "
                f"recipient_name, partners, first_seen, last_seen, sources, {slots} "
                f"FROM deals {where} "
                f"ORDER BY {deal_order(deal_filter)} LIMIT :limit OFFSET :offset",
                parameters,
            )
            for row in rows:
                yield self._summary_from_row(row)

    def get_deal(self, deal_id: str) -> Deal | None:
        """Return the deal with this id, or None."""
        with self._translate_errors():
            row = self._execute(
                "SELECT id, data FROM deals WHERE id = :id", {"id": deal_id}
            ).fetchone()
        return None if row is None else self._deal_from_row(row)

    def deal_ids_of_records(self, record_ids: Collection[str]) -> dict[str, str]:
        """Return the id of the deal each of these records is merged into (unmerged: absent)."""
        found: dict[str, str] = {}
        ids = list(record_ids)
        with self._translate_errors():
            for start in range(0, len(ids), _BATCH):
                batch = ids[start:start + _BATCH]
                parameters = {f"id{number}": record_id for number, record_id in enumerate(batch)}
                marks = ", ".join(f":{name}" for name in parameters)
                for row in self._execute(
                    f"SELECT record_id, deal_id FROM deal_records WHERE record_id IN ({marks})",
                    parameters,
                ):
                    found[row["record_id"]] = row["deal_id"]
        return found

    def count_deals(self, filter: DealFilter | None = None) -> int:
        """Return how many deals match the filter (limit and offset ignored)."""
        where, parameters = deal_where(filter or DealFilter(), self._dialect)
        return self._count(f"SELECT count(*) AS n FROM deals {where}", parameters)

    def _deal_from_row(self, row: Mapping[str, Any]) -> Deal:
        try:
            return deal_from_json(json.loads(row["data"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"{self.label}: deal {row['id']} cannot be read: {exc}") from exc

    def _summary_from_row(self, row: Mapping[str, Any]) -> DealSummary:
        try:
            return DealSummary(
                id=row["id"], kind=row["kind"], weapon=row["weapon"],
                category=row["category"], status=row["status"], supplier=row["supplier"],
                recipient=row["recipient"], supplier_name=row["supplier_name"],
                recipient_name=row["recipient_name"], partners=tuple(json.loads(row["partners"])),
                quantity_ordered=stated_values_from_json(json.loads(row["quantity_ordered"])),
                quantity_delivered=stated_values_from_json(json.loads(row["quantity_delivered"])),
                value=stated_values_from_json(json.loads(row["value"])),
                first_seen=parse_day(row["first_seen"]), last_seen=parse_day(row["last_seen"]),
                source_count=row["sources"],
                conflicts=conflict_slots_from_json(json.loads(row["conflicts"])),
                # Absent from deals merged before package values were kept apart.
                package_values=tuple(
                    Money(item["value"]["amount"], item["value"]["currency"])
                    for item in json.loads(row["packages"] or "[]")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"{self.label}: deal {row['id']} cannot be read: {exc}") from exc
