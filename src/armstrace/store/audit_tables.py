"""The audit trail and API tokens of a SQL store (the same SQL on SQLite and PostgreSQL).

A mixin of the stores, beside `ReviewTables` whose decision tables it reads: the log
is every record and deal decision as an `armstrace.review.audit.LogEntry`. Decision
tables are written by people, one row a decision, so the log is filtered in Python.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Collection, Mapping
from typing import Any

from armstrace.errors import StoreError
from armstrace.review.audit import (
    LogEntry,
    LogFilter,
    deal_entry,
    previous_values,
    record_entry,
    select_log,
)
from armstrace.review.decisions import RecordDecision
from armstrace.review.tokens import ApiToken
from armstrace.store.review_tables import ID_BATCH, ReviewTables

_SELECT_DECISION = ("SELECT seq, record_id, action, user_name, reason, at, fields, previous "
                    "FROM record_decisions")
_SELECT_TOKEN = "SELECT id, user_name, label, created, last_used, revoked FROM api_tokens"


class AuditTables(ReviewTables):
    """Log and API-token methods of the `Store` protocol."""

    # -- the audit trail --------------------------------------------------------

    def read_log(self, log_filter: LogFilter) -> tuple[int, list[LogEntry]]:
        """Return how many decisions the filter keeps and the page of them, newest first."""
        with self._translate_errors():
            rows = self._record_decision_rows(log_filter.concerning)
            decisions = [(self._record_decision_from_row(row), row["previous"]) for row in rows]
            entries = self._record_entries(decisions)
            entries += [deal_entry(decision) for decision in self.iter_deal_decisions()]
        return select_log(entries, log_filter)

    def _record_decision_rows(self, record_ids: Collection[str] | None) -> list[Any]:
        """Return the rows of the decisions on these records (on all with None), oldest first.

        A deal page asks for its records' only: read by id, not the whole table.
        """
        if record_ids is None:
            return list(self._execute(f"{_SELECT_DECISION} ORDER BY seq").fetchall())
        rows: list[Any] = []
        ordered = sorted(record_ids)
        for start in range(0, len(ordered), ID_BATCH):
            parameters = {f"id{number}": record_id
                          for number, record_id in enumerate(ordered[start:start + ID_BATCH])}
            marks = ", ".join(f":{name}" for name in parameters)
            rows += self._execute(f"{_SELECT_DECISION} WHERE record_id IN ({marks})",
                                  parameters).fetchall()
        return sorted(rows, key=lambda row: row["seq"])

    def _record_entries(self, decisions: list[tuple[RecordDecision, str | None]]
                        ) -> list[LogEntry]:
        """Return the entries of record decisions; those stored before their old values
        were kept get them by replaying the record's decisions over its extracted values."""
        replayed = self._replayed_values({decision.record_id for decision, previous in decisions
                                          if previous is None}, decisions)
        entries = []
        for decision, previous in decisions:
            values = json.loads(previous) if previous else replayed[decision.record_id].pop(0)
            entries.append(record_entry(decision, values))
        return entries

    def _replayed_values(self, record_ids: set[str],
                         decisions: list[tuple[RecordDecision, str | None]]
                         ) -> dict[str, list[dict[str, Any]]]:
        by_record: defaultdict[str, list[RecordDecision]] = defaultdict(list)
        for decision, _ in decisions:
            if decision.record_id in record_ids:
                by_record[decision.record_id].append(decision)
        replayed = {}
        for record_id, ordered in by_record.items():
            record = self._read_record(record_id)
            review = record.extra.get("review") if record is not None else None
            extracted = review.get("extracted", {}) if review else {}
            replayed[record_id] = previous_values(ordered, extracted)
        return replayed

    # -- API tokens -------------------------------------------------------------

    def add_api_token(self, token: ApiToken, token_hash: str) -> None:
        """Store a new token (only its hash); raise `StoreError` for an unknown user."""
        with self._translate_errors(), self._transaction():
            user = self._require_user(token.user)
            self._execute(
                "INSERT INTO api_tokens (id, token_hash, user_name, label, created) "
                "VALUES (:id, :token_hash, :user_name, :label, :created)",
                {"id": token.id, "token_hash": token_hash, "user_name": user,
                 "label": token.label, "created": token.created.isoformat()})

    def list_api_tokens(self, user: str | None = None) -> list[ApiToken]:
        """Return the tokens (of one user, or everyone's), oldest first, revoked ones too."""
        where = "WHERE user_name = :user" if user else ""
        with self._translate_errors():
            rows = self._execute(f"{_SELECT_TOKEN} {where} ORDER BY created, id",
                                 {"user": user}).fetchall()
        return [_token_from_row(row) for row in rows]

    def revoke_api_token(self, token_id: str, at: dt.datetime) -> bool:
        """Revoke a token from `at` on; return False when no unrevoked token has the id."""
        with self._translate_errors(), self._transaction():
            changed = self._execute(
                "UPDATE api_tokens SET revoked = :at WHERE id = :id AND revoked IS NULL",
                {"id": token_id, "at": at.isoformat()}).rowcount
        return bool(changed)

    def use_api_token(self, token_hash: str, now: dt.datetime) -> ApiToken | None:
        """Return the unrevoked token with this hash, its use stamped, or None."""
        with self._translate_errors(), self._transaction():
            row = self._execute(f"{_SELECT_TOKEN} WHERE token_hash = :hash AND revoked IS NULL",
                                {"hash": token_hash}).fetchone()
            if row is None:
                return None
            self._execute("UPDATE api_tokens SET last_used = :now WHERE id = :id",
                          {"id": row["id"], "now": now.isoformat()})
        return _token_from_row({**dict(row), "last_used": now.isoformat()})


def _token_from_row(row: Mapping[str, Any]) -> ApiToken:
    try:
        return ApiToken(id=row["id"], user=row["user_name"], label=row["label"],
                        created=dt.datetime.fromisoformat(row["created"]),
                        last_used=_moment(row["last_used"]), revoked=_moment(row["revoked"]))
    except (ValueError, TypeError) as exc:
        raise StoreError(f"API token {row['id']} cannot be read: {exc}") from exc


def _moment(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None
