"""The live-feed tables of the SQL store: fetch states, watchlists and alerts.

A mixin of `SQLiteStore`, kept apart so each module stays one job long. The SQL
is plain (named parameters, `ON CONFLICT`, text columns) and runs as written on
PostgreSQL too.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

from armstrace.merge.deals import deal_from_json
from armstrace.store.base import Alert, DealFilter, FetchState, Watchlist

# The DealFilter fields a watchlist keeps (its order and paging are the reader's business).
WATCHLIST_CONDITIONS = ("supplier", "recipient", "status", "weapon", "category", "since", "until")


class WatchTables:
    """Fetch-state, watchlist and alert methods of the `Store` protocol."""

    path: str
    _connection: sqlite3.Connection

    # Provided by SQLiteStore, which overrides these.
    def _translate_errors(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    # -- fetch state -----------------------------------------------------------

    def get_fetch_state(self, url: str) -> FetchState | None:
        """Return what the last fetch of this exact URL left, or None if never fetched."""
        with self._translate_errors():
            row = self._connection.execute(
                "SELECT url, fetched_at, status, etag, last_modified, final_url, document_id, "
                "problem FROM fetches WHERE url = :url",
                {"url": url},
            ).fetchone()
        if row is None:
            return None
        return FetchState(
            url=row[0],
            fetched_at=dt.datetime.fromisoformat(row[1]),
            status=row[2],
            etag=row[3],
            last_modified=row[4],
            final_url=row[5],
            document_id=row[6],
            problem=row[7],
        )

    def save_fetch_state(self, state: FetchState) -> None:
        """Store the state of a fetch, replacing any earlier state of the same URL."""
        row = {
            "url": state.url,
            "fetched_at": _stamp(state.fetched_at),
            "status": state.status,
            "etag": state.etag,
            "last_modified": state.last_modified,
            "final_url": state.final_url,
            "document_id": state.document_id,
            "problem": state.problem,
        }
        with self._translate_errors(), self._transaction():
            self._connection.execute(
                "INSERT INTO fetches (url, fetched_at, status, etag, last_modified, final_url, "
                "document_id, problem) VALUES (:url, :fetched_at, :status, :etag, "
                ":last_modified, :final_url, :document_id, :problem) "
                "ON CONFLICT (url) DO UPDATE SET fetched_at = excluded.fetched_at, "
                "status = excluded.status, etag = excluded.etag, "
                "last_modified = excluded.last_modified, final_url = excluded.final_url, "
                "document_id = excluded.document_id, problem = excluded.problem",
                row,
            )

    # -- watchlists ------------------------------------------------------------

    def add_watchlist(self, watchlist: Watchlist) -> bool:
        """Store a watchlist; return False, changing nothing, when its id is stored."""
        with self._translate_errors(), self._transaction():
            cursor = self._connection.execute(
                "INSERT INTO watchlists (id, conditions, webhook, created) "
                "VALUES (:id, :conditions, :webhook, :created) ON CONFLICT (id) DO NOTHING",
                {
                    "id": watchlist.id,
                    "conditions": json.dumps(watchlist_conditions(watchlist.deals),
                                             sort_keys=True),
                    "webhook": watchlist.webhook,
                    "created": _stamp(watchlist.created),
                },
            )
            return cursor.rowcount > 0

    def iter_watchlists(self) -> Iterator[Watchlist]:
        """Yield every watchlist, oldest first (then by id)."""
        with self._translate_errors():
            rows = self._connection.execute(
                "SELECT id, conditions, webhook, created FROM watchlists ORDER BY created, id"
            ).fetchall()
        for row in rows:
            yield Watchlist(
                id=row[0],
                deals=deal_filter_from_conditions(json.loads(row[1])),
                created=dt.datetime.fromisoformat(row[3]),
                webhook=row[2],
            )

    def remove_watchlist(self, watchlist_id: str) -> bool:
        """Delete a watchlist and its alerts; return False when no watchlist has this id."""
        with self._translate_errors(), self._transaction():
            self._connection.execute(
                "DELETE FROM alerts WHERE watchlist_id = :id", {"id": watchlist_id}
            )
            cursor = self._connection.execute(
                "DELETE FROM watchlists WHERE id = :id", {"id": watchlist_id}
            )
            return cursor.rowcount > 0

    # -- alerts ----------------------------------------------------------------

    def alerted_deal_states(self, watchlist_id: str) -> dict[str, str]:
        """Return, for each deal this watchlist alerted on, the state of its latest alert."""
        with self._translate_errors():
            rows = self._connection.execute(
                "SELECT deal_id, state FROM alerts WHERE watchlist_id = :id ORDER BY seq",
                {"id": watchlist_id},
            ).fetchall()
        # Later rows overwrite earlier ones: the latest state of each deal wins.
        return {row[0]: row[1] for row in rows}

    def add_alert(self, alert: Alert) -> bool:
        """Store an alert; return False, changing nothing, when its id is stored."""
        with self._translate_errors(), self._transaction():
            cursor = self._connection.execute(
                "INSERT INTO alerts (id, watchlist_id, deal_id, state, change, deal, created, "
                "delivered) VALUES (:id, :watchlist_id, :deal_id, :state, :change, :deal, "
                ":created, :delivered) ON CONFLICT (id) DO NOTHING",
                {
                    "id": alert.id,
                    "watchlist_id": alert.watchlist_id,
                    "deal_id": alert.deal.id,
                    "state": alert.state,
                    "change": alert.change,
                    "deal": json.dumps(alert.deal.to_json(), ensure_ascii=False,
                                       sort_keys=True),
                    "created": _stamp(alert.created),
                    "delivered": _stamp(alert.delivered) if alert.delivered else None,
                },
            )
            return cursor.rowcount > 0

    def iter_alerts(
        self, watchlist_id: str | None = None, *, limit: int | None = None
    ) -> Iterator[Alert]:
        """Yield alerts (of one watchlist, or all), newest first (latest stored first)."""
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be 0 or more, not {limit}")
        where = "WHERE watchlist_id = :watchlist_id" if watchlist_id is not None else ""
        parameters: dict[str, Any] = {"watchlist_id": watchlist_id,
                                      "limit": -1 if limit is None else limit}
        with self._translate_errors():
            rows = self._connection.execute(
                "SELECT id, watchlist_id, state, change, deal, created, delivered FROM alerts "
                f"{where} ORDER BY seq DESC LIMIT :limit",
                parameters,
            ).fetchall()
        for row in rows:
            yield Alert(
                id=row[0],
                watchlist_id=row[1],
                deal=deal_from_json(json.loads(row[4])),
                state=row[2],
                change=row[3],
                created=dt.datetime.fromisoformat(row[5]),
                delivered=dt.datetime.fromisoformat(row[6]) if row[6] else None,
            )

    def mark_alert_delivered(self, alert_id: str, delivered: dt.datetime) -> None:
        """Record when the webhook accepted an alert (unknown ids are ignored)."""
        with self._translate_errors(), self._transaction():
            self._connection.execute(
                "UPDATE alerts SET delivered = :delivered WHERE id = :id",
                {"id": alert_id, "delivered": _stamp(delivered)},
            )


def watchlist_conditions(deals: DealFilter) -> dict[str, str]:
    """Return the conditions of a deal filter that a watchlist keeps, as JSON-ready text."""
    conditions: dict[str, str] = {}
    for name in WATCHLIST_CONDITIONS:
        value = getattr(deals, name)
        if value is not None:
            conditions[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
    return conditions


def deal_filter_from_conditions(conditions: dict[str, str]) -> DealFilter:
    """Return the deal filter that `watchlist_conditions` wrote."""
    values: dict[str, Any] = {}
    for name in WATCHLIST_CONDITIONS:
        value = conditions.get(name)
        if value is not None:
            values[name] = dt.date.fromisoformat(value) if name in ("since", "until") else value
    return DealFilter(**values)


def _stamp(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")
