"""The deal tables of the SQLite store: written by the merge, read by `armstrace deals`.

A mixin of `SQLiteStore`, kept apart so each module stays one job long.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any

from armstrace.errors import StoreError
from armstrace.merge.deals import deal_from_json
from armstrace.model import Deal, Record
from armstrace.store.base import DealFilter

# SQLite's default limit on host parameters is 999 (older builds); keys go in batches.
_BATCH = 500


class DealTables:
    """Deal methods of the `Store` protocol over the `deals` and `deal_records` tables."""

    path: str
    _connection: sqlite3.Connection

    # Provided by SQLiteStore, which overrides these.
    def _translate_errors(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _query_records(self, tail: str, parameters: dict[str, Any]) -> Iterator[Record]:
        raise NotImplementedError

    def iter_unmerged_records(self) -> Iterator[Record]:
        """Yield the stored records that are in no deal yet, in stored order, rejected left out."""
        yield from self._query_records(
            "WHERE NOT EXISTS (SELECT 1 FROM deal_records m WHERE m.record_id = r.id) "
            "AND r.review_state IS NOT 'rejected' ORDER BY r.rowid",
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
                "AND r.review_state IS NOT 'rejected' ORDER BY r.rowid",
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
            connection = self._connection
            for key in sorted(wanted):
                connection.execute("DELETE FROM deal_records WHERE deal_key = ?", (key,))
                connection.execute("DELETE FROM deals WHERE key = ?", (key,))
            for deal in new:
                connection.execute(_INSERT_DEAL, _deal_row(deal))
                connection.executemany(
                    "INSERT INTO deal_records (record_id, deal_id, deal_key) VALUES (?, ?, ?)",
                    [(record_id, deal.id, deal.key) for record_id in deal.record_ids],
                )

    def iter_deals(self, filter: DealFilter | None = None) -> Iterator[Deal]:
        """Yield the deals that match the filter, last seen latest first, then by id."""
        deal_filter = filter or DealFilter()
        where, parameters = _deal_where(deal_filter)
        parameters["limit"] = -1 if deal_filter.limit is None else deal_filter.limit
        parameters["offset"] = deal_filter.offset
        with self._translate_errors():
            cursor = self._connection.execute(
                f"SELECT id, data FROM deals {where} "
                f"ORDER BY {_deal_order(deal_filter)} LIMIT :limit OFFSET :offset",
                parameters,
            )
            for row in cursor:
                yield self._deal_from_row(row)

    def get_deal(self, deal_id: str) -> Deal | None:
        """Return the deal with this id, or None."""
        with self._translate_errors():
            row = self._connection.execute(
                "SELECT id, data FROM deals WHERE id = ?", (deal_id,)
            ).fetchone()
        return None if row is None else self._deal_from_row(row)

    def deal_ids_of_records(self, record_ids: Collection[str]) -> dict[str, str]:
        """Return the id of the deal each of these records is merged into (unmerged: absent)."""
        found: dict[str, str] = {}
        ids = list(record_ids)
        with self._translate_errors():
            for start in range(0, len(ids), _BATCH):
                batch = ids[start:start + _BATCH]
                marks = ", ".join("?" * len(batch))
                for row in self._connection.execute(
                    f"SELECT record_id, deal_id FROM deal_records WHERE record_id IN ({marks})",
                    batch,
                ):
                    found[row[0]] = row[1]
        return found

    def count_deals(self, filter: DealFilter | None = None) -> int:
        """Return how many deals match the filter (limit and offset ignored)."""
        where, parameters = _deal_where(filter or DealFilter())
        with self._translate_errors():
            row = self._connection.execute(f"SELECT count(*) FROM deals {where}", parameters)
            return int(row.fetchone()[0])

    def _deal_from_row(self, row: sqlite3.Row) -> Deal:
        try:
            return deal_from_json(json.loads(row[1]))
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"{self.path}: deal {row[0]} cannot be read: {exc}") from exc


_DEAL_COLUMNS = (
    "id",
    "key",
    "kind",
    "supplier",
    "recipient",
    "supplier_name",
    "recipient_name",
    "partners",
    "weapon",
    "weapon_family",
    "category",
    "status",
    "first_seen",
    "last_seen",
    "sources",
    "data",
)
_INSERT_DEAL = (
    f"INSERT INTO deals ({', '.join(_DEAL_COLUMNS)}) "
    f"VALUES ({', '.join(':' + column for column in _DEAL_COLUMNS)})"
)


def _deal_row(deal: Deal) -> dict[str, Any]:
    data = deal.to_json()
    return {
        **{column: data[column] for column in _DEAL_COLUMNS if column in data},
        "partners": json.dumps(list(deal.partners)),
        "sources": deal.source_count,
        "data": json.dumps(data, ensure_ascii=False, sort_keys=True),
    }


def _deal_where(deal_filter: DealFilter) -> tuple[str, dict[str, Any]]:
    conditions: list[str] = []
    parameters: dict[str, Any] = {}
    for party in ("supplier", "recipient"):
        value = getattr(deal_filter, party)
        if value is not None:
            # A co-production partner is either party; partners are stored as a JSON list.
            conditions.append(
                f"({party} = :{party} OR {party}_name = :{party} OR "
                f"EXISTS (SELECT 1 FROM json_each(partners) WHERE upper(value) = upper(:{party})))"
            )
            parameters[party] = value
    if deal_filter.status is not None:
        conditions.append("status = :status")
        parameters["status"] = deal_filter.status
    if deal_filter.weapon is not None:
        conditions.append(
            "(weapon = :weapon OR weapon_family = :weapon OR EXISTS (SELECT 1 FROM "
            "json_each(data, '$.weapons') WHERE lower(value) = lower(:weapon)))"
        )
        parameters["weapon"] = deal_filter.weapon
    if deal_filter.category is not None:
        conditions.append("category = :category")
        parameters["category"] = deal_filter.category
    if deal_filter.since is not None:
        conditions.append("last_seen >= :since")
        parameters["since"] = deal_filter.since.isoformat()
    if deal_filter.until is not None:
        conditions.append("first_seen <= :until")
        parameters["until"] = deal_filter.until.isoformat()
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return where, parameters


# ORDER BY terms per DEAL_ORDERS name (the filter validated it; no user text reaches SQL).
# Empty values sort last either way; ties go by id so pages never overlap.
_DEAL_ORDER_COLUMNS = {
    "last_seen": "last_seen",
    "first_seen": "first_seen",
    "supplier": "coalesce(supplier, supplier_name, partners)",
    "recipient": "coalesce(recipient, recipient_name)",
    "weapon": "weapon",
    "category": "category",
    "status": "status",
    "sources": "sources",
}


def _deal_order(deal_filter: DealFilter) -> str:
    column = _DEAL_ORDER_COLUMNS[deal_filter.order_by]
    direction = "DESC" if deal_filter.descending else "ASC"
    return f"{column} IS NULL, {column} {direction}, id"
