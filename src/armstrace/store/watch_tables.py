"""The live-feed tables of the SQL store: fetch states, watchlists and alerts.

A mixin of the stores (`SQLiteStore`, `PostgresStore`), kept apart so each
module stays one job long. The SQL is plain (named parameters, `ON CONFLICT`,
text columns) and runs as written on both.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from armstrace.merge.deals import deal_from_json
from armstrace.store.base import Alert, DealFilter, FetchState, Watchlist
from armstrace.store.tables import SQLTables

# The DealFilter fields a watchlist keeps (its order and paging are the reader's business).
WATCHLIST_CONDITIONS = ("supplier", "recipient", "status", "weapon", "category", "since", "until")


class WatchTables(SQLTables):
    """Fetch-state, watchlist and alert methods of the `Store` protocol."""

    # -- fetch state -----------------------------------------------------------

    def get_fetch_state(self, url: str) -> FetchState | None:
        """Return what the last fetch of this exact URL left, or None if never fetched."""
        with self._translate_errors():
            row = self._execute(
                "SELECT url, fetched_at, status, etag, last_modified, final_url, document_id, "
                "problem FROM fetches WHERE url = :url",
                {"url": url},
            ).fetchone()
        if row is None:
            return None
        return FetchState(
            url=row["url"],
            fetched_at=dt.datetime.fromisoformat(row["fetched_at"]),
            status=row["status"],
            etag=row["etag"],
            last_modified=row["last_modified"],
            final_url=row["final_url"],
            document_id=row["document_id"],
            problem=row["problem"],
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
            self._execute(
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
            cursor = self._execute(
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
            rows = self._execute(
                "SELECT id, conditions, webhook, created FROM watchlists ORDER BY created, id"
            ).fetchall()
        for row in rows:
            yield Watchlist(
                id=row["id"],
                deals=deal_filter_from_conditions(json.loads(row["conditions"])),
                created=dt.datetime.fromisoformat(row["created"]),
                webhook=row["webhook"],
            )

    def remove_watchlist(self, watchlist_id: str) -> bool:
        """Delete a watchlist and its alerts; return False when no watchlist has this id."""
        with self._translate_errors(), self._transaction():
            self._execute(
                "DELETE FROM alerts WHERE watchlist_id = :id", {"id": watchlist_id}
            )
            cursor = self._execute(
                "DELETE FROM watchlists WHERE id = :id", {"id": watchlist_id}
            )
            return cursor.rowcount > 0

    # -- alerts ----------------------------------------------------------------

    def alerted_deal_states(self, watchlist_id: str) -> dict[str, str]:
        """Return, for each deal this watchlist alerted on, the state of its latest alert."""
        with self._translate_errors():
            rows = self._execute(
                "SELECT deal_id, state FROM alerts WHERE watchlist_id = :id ORDER BY seq",
                {"id": watchlist_id},
            ).fetchall()
        # Later rows overwrite earlier ones: the latest state of each deal wins.
        return {row["deal_id"]: row["state"] for row in rows}

    def add_alert(self, alert: Alert) -> bool:
        """Store an alert; return False, changing nothing, when its id is stored."""
        with self._translate_errors(), self._transaction():
            cursor = self._execute(
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
                                      "limit": self._dialect.no_limit if limit is None else limit}
        with self._translate_errors():
            rows = self._execute(
                "SELECT id, watchlist_id, state, change, deal, created, delivered FROM alerts "
                f"{where} ORDER BY seq DESC LIMIT :limit",
                parameters,
            ).fetchall()
        for row in rows:
            yield Alert(
                id=row["id"],
                watchlist_id=row["watchlist_id"],
                deal=deal_from_json(json.loads(row["deal"])),
                state=row["state"],
                change=row["change"],
                created=dt.datetime.fromisoformat(row["created"]),
                delivered=dt.datetime.fromisoformat(row["delivered"]) if row["delivered"] else None,
            )

    def mark_alert_delivered(self, alert_id: str, delivered: dt.datetime) -> None:
        """Record when the webhook accepted an alert (unknown ids are ignored)."""
        with self._translate_errors(), self._transaction():
            self._execute(
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
