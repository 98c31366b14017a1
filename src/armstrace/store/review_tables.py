"""The review tables of a SQL store: users, their web sessions and analysts' decisions.

A mixin of the stores (`SQLiteStore`, `PostgresStore`), kept apart so each
module stays one job long; the same SQL runs on both. The decision tables are
append-only: a decision is never updated or deleted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping
from dataclasses import replace
from typing import Any

from armstrace.errors import StoreError
from armstrace.model import Record
from armstrace.review.decisions import (
    DealDecision,
    RecordDecision,
    User,
    field_from_json,
    field_to_json,
    review_record,
    review_state,
)
from armstrace.store.base import UserRemoval, WebSession
from armstrace.store.tables import SQLTables

# SQLite's default limit on host parameters is 999 (older builds); ids go in batches.
ID_BATCH = 500

_SELECT_USER = "SELECT name, password_hash, created, removed FROM users"

_SELECT_RECORD_DECISION = (
    "SELECT record_id, action, user_name, reason, at, fields FROM record_decisions"
)


class ReviewTables(SQLTables):
    """User and decision methods of the `Store` protocol."""

    # -- users --------------------------------------------------------------

    def add_user(self, user: User) -> None:
        """Store a new user; raise `StoreError` when the name is taken, in any case,
        by a user or by a removed user (whose decisions still carry it)."""
        with self._translate_errors(), self._transaction():
            taken = self._find_user(user.name)
            if taken is not None:
                raise StoreError(f"{self.label}: {_taken_message(user.name, taken)}")
            self._execute(
                "INSERT INTO users (name, password_hash, created) "
                "VALUES (:name, :password_hash, :created)",
                {
                    "name": user.name,
                    "password_hash": user.password_hash,
                    "created": user.created.isoformat(),
                },
            )

    def get_user(self, name: str) -> User | None:
        """Return the user with this name, ignoring case (a removed one too), or None.

        Where a removed user and a later one share a name, the one not removed.
        """
        with self._translate_errors():
            return self._find_user(name)

    def list_users(self) -> list[User]:
        """Return every user, removed ones too, sorted by name."""
        with self._translate_errors():
            rows = self._execute(f"{_SELECT_USER} ORDER BY lower(name), name").fetchall()
        return [_user_from_row(row) for row in rows]

    def set_password(self, name: str, password_hash: str) -> None:
        """Give a user a new password hash and end every web session of the user.

        Raise `StoreError` when no user not removed has the name.
        """
        with self._translate_errors(), self._transaction():
            user = self._require_user(name)
            self._execute(
                "UPDATE users SET password_hash = :password_hash WHERE name = :name",
                {"name": user, "password_hash": password_hash},
            )
            self._execute("DELETE FROM web_sessions WHERE user_name = :name", {"name": user})

    def remove_user(self, name: str, at: dt.datetime) -> UserRemoval:
        """Remove a user from `at` on: it can no longer sign in or decide, its web sessions
        end and its API tokens are revoked; its decisions keep its name, and so does the
        users table, so no one else can take the name. Raise `StoreError` when no user
        not removed has the name."""
        with self._translate_errors(), self._transaction():
            user = self._require_user(name)
            parameters = {"name": user, "at": at.isoformat()}
            self._execute("UPDATE users SET removed = :at WHERE name = :name", parameters)
            sessions = self._execute("DELETE FROM web_sessions WHERE user_name = :name",
                                     parameters).rowcount
            tokens = self._execute("UPDATE api_tokens SET revoked = :at "
                                   "WHERE user_name = :name AND revoked IS NULL",
                                   parameters).rowcount
            decisions = sum(
                int(self._execute(f"SELECT count(*) AS n FROM {table} WHERE user_name = :name",
                                  parameters).fetchone()["n"])
                for table in ("record_decisions", "deal_decisions"))
            removed = self._find_user(user)
        assert removed is not None  # found above, in the same transaction
        return UserRemoval(user=removed, sessions_ended=max(sessions, 0),
                           tokens_revoked=max(tokens, 0), decisions=decisions)

    def _find_user(self, name: str) -> User | None:
        row = self._execute(
            f"{_SELECT_USER} WHERE lower(name) = lower(:name) "
            "ORDER BY removed IS NOT NULL, created LIMIT 1", {"name": name}
        ).fetchone()
        return None if row is None else _user_from_row(row)

    # -- web sessions ---------------------------------------------------------

    def start_web_session(self, session: WebSession) -> None:
        """Store a new signed-in session (and forget the sessions that have expired)."""
        with self._translate_errors(), self._transaction():
            self._execute("DELETE FROM web_sessions WHERE expires <= :now",
                          {"now": _session_time(session.created)})
            self._execute(
                "INSERT INTO web_sessions (token_hash, user_name, created, expires, notice) "
                "VALUES (:token_hash, :user_name, :created, :expires, :notice)",
                {"token_hash": session.token_hash, "user_name": session.user,
                 "created": _session_time(session.created),
                 "expires": _session_time(session.expires), "notice": session.notice},
            )

    def get_web_session(self, token_hash: str, now: dt.datetime) -> WebSession | None:
        """Return the session with this token hash unless it has expired by `now`."""
        with self._translate_errors():
            row = self._execute(
                "SELECT token_hash, user_name, created, expires, notice FROM web_sessions "
                "WHERE token_hash = :token_hash AND expires > :now",
                {"token_hash": token_hash, "now": _session_time(now)},
            ).fetchone()
        if row is None:
            return None
        return WebSession(token_hash=row["token_hash"], user=row["user_name"],
                          created=dt.datetime.fromisoformat(row["created"]),
                          expires=dt.datetime.fromisoformat(row["expires"]),
                          notice=row["notice"])

    def end_web_session(self, token_hash: str) -> None:
        """Forget a session (signing out); forgetting an unknown one is harmless."""
        with self._translate_errors(), self._transaction():
            self._execute("DELETE FROM web_sessions WHERE token_hash = :token_hash",
                          {"token_hash": token_hash})

    def set_web_session_notice(self, token_hash: str, notice: str | None) -> None:
        """Set (or with None, clear) the notice the session's next page shows."""
        with self._translate_errors(), self._transaction():
            self._execute("UPDATE web_sessions SET notice = :notice WHERE token_hash = :token_hash",
                          {"token_hash": token_hash, "notice": notice})

    # -- record decisions -----------------------------------------------------

    def add_record_decision(self, decision: RecordDecision) -> Record:
        """Store a decision and rewrite its record as reviewed, in one transaction.

        Return the record as it now reads (rejected or not). Raise `StoreError`
        when no stored record has the decision's id or no user has its name, and
        `ReviewError` when the corrections do not fit the record.
        """
        with self._translate_errors(), self._transaction():
            decision = replace(decision, user=self._require_user(decision.user))
            record = self._read_record(decision.record_id)
            if record is None:
                raise StoreError(f"{self.label}: no record with id {decision.record_id}",
                                 hint="list the ids with: armstrace records --json")
            # What the record read before: the audit trail's "from" (armstrace.review.audit).
            previous = {"review": review_state(record),
                        **{name: field_to_json(name, getattr(record, name))
                           for name in decision.fields}}
            self._execute(
                "INSERT INTO record_decisions "
                "(record_id, action, user_name, reason, at, fields, previous) "
                "VALUES (:record_id, :action, :user_name, :reason, :at, :fields, :previous)",
                {
                    "record_id": decision.record_id,
                    "action": decision.action,
                    "user_name": decision.user,
                    "reason": decision.reason,
                    "at": decision.at.isoformat(),
                    "fields": json.dumps(
                        decision.fields_json(), ensure_ascii=False, sort_keys=True
                    ),
                    "previous": json.dumps(previous, ensure_ascii=False, sort_keys=True),
                },
            )
            decisions = self._decisions_for([decision.record_id])[decision.record_id]
            reviewed = review_record(record, decisions)
            self._rewrite_record(reviewed)
        return reviewed

    def iter_record_decisions(self, record_id: str | None = None) -> Iterator[RecordDecision]:
        """Yield the decisions on one record (every record with None), oldest first."""
        where = "WHERE record_id = :record_id" if record_id else ""
        with self._translate_errors():
            rows = self._execute(
                f"{_SELECT_RECORD_DECISION} {where} ORDER BY seq", {"record_id": record_id}
            )
            for row in rows:
                yield self._record_decision_from_row(row)

    def _decisions_for(self, record_ids: Collection[str]) -> dict[str, list[RecordDecision]]:
        """Return the stored decisions on these record ids, oldest first, by id."""
        found: defaultdict[str, list[RecordDecision]] = defaultdict(list)
        ordered = sorted(set(record_ids))
        for start in range(0, len(ordered), ID_BATCH):
            batch = ordered[start : start + ID_BATCH]
            parameters = {f"id{number}": record_id for number, record_id in enumerate(batch)}
            marks = ", ".join(f":{name}" for name in parameters)
            rows = self._execute(
                f"{_SELECT_RECORD_DECISION} WHERE record_id IN ({marks}) ORDER BY seq",
                parameters,
            ).fetchall()
            for row in rows:
                found[row["record_id"]].append(self._record_decision_from_row(row))
        return found

    def _record_decision_from_row(self, row: Mapping[str, Any]) -> RecordDecision:
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
                f"{self.label}: a decision on record {row['record_id']} cannot be read: {exc}"
            ) from exc

    # -- deal decisions -------------------------------------------------------

    def add_deal_decision(self, decision: DealDecision) -> None:
        """Store a merge or split decision; raise `StoreError` when its user is unknown."""
        with self._translate_errors(), self._transaction():
            decision = replace(decision, user=self._require_user(decision.user))
            self._execute(
                "INSERT INTO deal_decisions (action, deal_ids, record_ids, user_name, reason, at) "
                "VALUES (:action, :deal_ids, :record_ids, :user_name, :reason, :at)",
                {
                    "action": decision.action,
                    "deal_ids": json.dumps(list(decision.deal_ids)),
                    "record_ids": json.dumps(list(decision.record_ids)),
                    "user_name": decision.user,
                    "reason": decision.reason,
                    "at": decision.at.isoformat(),
                },
            )

    def iter_deal_decisions(self) -> Iterator[DealDecision]:
        """Yield every merge and split decision, oldest first."""
        with self._translate_errors():
            rows = self._execute(
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
                    f"{self.label}: deal decision {row['seq']} cannot be read: {exc}"
                ) from exc

    def _require_user(self, name: str) -> str:
        """Return the user's name as stored (names ignore case); raise `StoreError` when
        no user has it or the user was removed."""
        user = self._find_user(name)
        if user is None:
            raise StoreError(f"{self.label}: no user named {name!r}",
                             hint=f"create one with: armstrace user add {name}")
        if user.removed is not None:
            raise StoreError(f"{self.label}: user {user.name!r} was removed on "
                             f"{user.removed.date().isoformat()} and can no longer decide")
        return user.name


def _session_time(moment: dt.datetime) -> str:
    # One fixed shape in UTC, so the times compare as text in either database.
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _user_from_row(row: Mapping[str, Any]) -> User:
    return User(
        name=row["name"],
        password_hash=row["password_hash"],
        created=dt.datetime.fromisoformat(row["created"]),
        removed=dt.datetime.fromisoformat(row["removed"]) if row["removed"] else None,
    )


def _taken_message(name: str, taken: User) -> str:
    same = "" if taken.name == name else f" (as {taken.name!r}: user names ignore case)"
    if taken.removed is None:
        return f"a user named {name!r} already exists{same}"
    return (f"the name {name!r} belongs to a user removed on "
            f"{taken.removed.date().isoformat()}{same}, whose decisions keep it; "
            "choose another name")
