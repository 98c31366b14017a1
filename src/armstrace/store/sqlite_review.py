"""The review tables of the SQLite store: users and analysts' decisions.

A mixin of `SQLiteStore`, kept apart so each module stays one job long. The
decision tables are append-only: a decision is never updated or deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterator
from contextlib import AbstractContextManager

from armstrace.errors import StoreError
from armstrace.model import Record
from armstrace.review.decisions import (
    DealDecision,
    RecordDecision,
    User,
    field_from_json,
    review_record,
)

# SQLite's default limit on host parameters is 999 (older builds); ids go in batches.
_BATCH = 500


class ReviewTables:
    """User and decision methods of the `Store` protocol."""

    path: str
    _connection: sqlite3.Connection

    # Provided by SQLiteStore, which overrides these.
    def _translate_errors(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _read_record(self, record_id: str) -> Record | None:
        raise NotImplementedError

    def _rewrite_record(self, record: Record) -> None:
        raise NotImplementedError

    # -- users --------------------------------------------------------------

    def add_user(self, user: User) -> None:
        """Store a new user; raise `StoreError` when the name is taken."""
        with self._translate_errors(), self._transaction():
            taken = self._connection.execute(
                "SELECT 1 FROM users WHERE name = ?", (user.name,)
            ).fetchone()
            if taken is not None:
                raise StoreError(f"{self.path}: a user named {user.name!r} already exists")
            self._connection.execute(
                "INSERT INTO users (name, password_hash, created) VALUES (?, ?, ?)",
                (user.name, user.password_hash, user.created.isoformat()),
            )

    def get_user(self, name: str) -> User | None:
        """Return the user with this name (compared exactly), or None."""
        with self._translate_errors():
            row = self._connection.execute(
                "SELECT name, password_hash, created FROM users WHERE name = ?", (name,)
            ).fetchone()
        return None if row is None else _user_from_row(row)

    def list_users(self) -> list[User]:
        """Return every user, sorted by name."""
        with self._translate_errors():
            rows = self._connection.execute(
                "SELECT name, password_hash, created FROM users ORDER BY name"
            ).fetchall()
        return [_user_from_row(row) for row in rows]

    # -- record decisions -----------------------------------------------------

    def add_record_decision(self, decision: RecordDecision) -> Record:
        """Store a decision and rewrite its record as reviewed, in one transaction.

        Return the record as it now reads (rejected or not). Raise `StoreError`
        when no stored record has the decision's id or no user has its name, and
        `ReviewError` when the corrections do not fit the record.
        """
        with self._translate_errors(), self._transaction():
            self._require_user(decision.user)
            record = self._read_record(decision.record_id)
            if record is None:
                raise StoreError(
                    f"{self.path}: no record with id {decision.record_id}; "
                    "list the ids with: armstrace records --json"
                )
            self._connection.execute(
                "INSERT INTO record_decisions (record_id, action, user_name, reason, at, fields) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    decision.record_id,
                    decision.action,
                    decision.user,
                    decision.reason,
                    decision.at.isoformat(),
                    json.dumps(decision.fields_json(), ensure_ascii=False, sort_keys=True),
                ),
            )
            decisions = self._decisions_for([decision.record_id])[decision.record_id]
            reviewed = review_record(record, decisions)
            self._rewrite_record(reviewed)
        return reviewed

    def iter_record_decisions(self, record_id: str | None = None) -> Iterator[RecordDecision]:
        """Yield the decisions on one record (every record with None), oldest first."""
        where, parameters = ("WHERE record_id = ?", (record_id,)) if record_id else ("", ())
        with self._translate_errors():
            cursor = self._connection.execute(
                f"SELECT record_id, action, user_name, reason, at, fields FROM record_decisions "
                f"{where} ORDER BY seq",
                parameters,
            )
            for row in cursor:
                yield self._record_decision_from_row(row)

    def _decisions_for(self, record_ids: Collection[str]) -> dict[str, list[RecordDecision]]:
        """Return the stored decisions on these record ids, oldest first, by id."""
        found: defaultdict[str, list[RecordDecision]] = defaultdict(list)
        ordered = sorted(set(record_ids))
        for start in range(0, len(ordered), _BATCH):
            batch = ordered[start : start + _BATCH]
            marks = ", ".join("?" for _ in batch)
            rows = self._connection.execute(
                "SELECT record_id, action, user_name, reason, at, fields FROM record_decisions "
                f"WHERE record_id IN ({marks}) ORDER BY seq",
                batch,
            ).fetchall()
            for row in rows:
                found[row["record_id"]].append(self._record_decision_from_row(row))
        return found

    def _record_decision_from_row(self, row: sqlite3.Row) -> RecordDecision:
        try:
            raw = json.loads(row["fields"])
            return RecordDecision(
                record_id=row["record_id"],
                action=row["action"],
                user=row["user_name"],
                reason=row["reason"],
                at=dt.datetime.fromisoformat(row["at"]),
                fields={name: field_from_json(name, value) for name, value in raw.items()},
            )
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(
                f"{self.path}: a decision on record {row['record_id']} cannot be read: {exc}"
            ) from exc

    # -- deal decisions -------------------------------------------------------

    def add_deal_decision(self, decision: DealDecision) -> None:
        """Store a merge or split decision; raise `StoreError` when its user is unknown."""
        with self._translate_errors(), self._transaction():
            self._require_user(decision.user)
            self._connection.execute(
                "INSERT INTO deal_decisions (action, deal_ids, record_ids, user_name, reason, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    decision.action,
                    json.dumps(list(decision.deal_ids)),
                    json.dumps(list(decision.record_ids)),
                    decision.user,
                    decision.reason,
                    decision.at.isoformat(),
                ),
            )

    def iter_deal_decisions(self) -> Iterator[DealDecision]:
        """Yield every merge and split decision, oldest first."""
        with self._translate_errors():
            rows = self._connection.execute(
                "SELECT seq, action, deal_ids, record_ids, user_name, reason, at "
                "FROM deal_decisions ORDER BY seq"
            ).fetchall()
        for row in rows:
            try:
                yield DealDecision(
                    action=row["action"],
                    deal_ids=tuple(json.loads(row["deal_ids"])),
                    record_ids=tuple(json.loads(row["record_ids"])),
                    user=row["user_name"],
                    reason=row["reason"],
                    at=dt.datetime.fromisoformat(row["at"]),
                )
            except (ValueError, TypeError) as exc:
                raise StoreError(
                    f"{self.path}: deal decision {row['seq']} cannot be read: {exc}"
                ) from exc

    def _require_user(self, name: str) -> None:
        known = self._connection.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone()
        if known is None:
            raise StoreError(
                f"{self.path}: no user named {name!r}; create one with: armstrace user add {name}"
            )


def _user_from_row(row: sqlite3.Row) -> User:
    return User(
        name=row["name"],
        password_hash=row["password_hash"],
        created=dt.datetime.fromisoformat(row["created"]),
    )

