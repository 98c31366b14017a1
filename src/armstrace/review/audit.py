"""The audit trail: every analyst's decision as one entry saying who changed what, from what,
to what, when and why.

A record decision keeps, beside its new values, the values the record had just before
(`previous`, stored with the decision since schema 7); for a decision stored before
that, `previous_values` works them out again by replaying the record's decisions over
its extracted values. The review state is one of the changes: a rejection is
`review: unreviewed -> rejected`. Merges and splits name the deals and records they
moved. `select_log` filters and pages the entries, newest first, for the `/log`
page, the record and deal pages and `armstrace log`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from armstrace.errors import ReviewError
from armstrace.review.decisions import DealDecision, RecordDecision

# The actions a log can be filtered by: the record decisions and the deal decisions.
LOG_ACTIONS: tuple[str, ...] = ("confirm", "reject", "correct", "merge", "split")
# The change that says what a decision did to the record's review state.
REVIEW_FIELD = "review"
# What an old value reads as when neither the decision nor the record kept it.
UNKNOWN = "?"


@dataclass(frozen=True)
class FieldChange:
    """One field a decision changed: its name, and its values (JSON shapes) before and after."""

    name: str
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        """Return the change as JSON: `{field, from, to}`."""
        return {"field": self.name, "from": self.old, "to": self.new}


@dataclass(frozen=True)
class LogEntry:
    """One decision in the audit trail: who did what to which records or deals, when, why."""

    at: dt.datetime
    user: str
    action: str
    reason: str
    record_ids: tuple[str, ...]
    deal_ids: tuple[str, ...] = ()
    changes: tuple[FieldChange, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Return the entry as JSON, one object of `armstrace log --json` and `/api/log`."""
        return {"at": self.at.isoformat(), "user": self.user, "action": self.action,
                "reason": self.reason, "records": list(self.record_ids),
                "deals": list(self.deal_ids),
                "changes": [change.to_json() for change in self.changes]}


@dataclass(frozen=True)
class LogFilter:
    """Select log entries; every condition left at None is not applied.

    `concerning` keeps entries naming any of these record or deal ids; `since` and
    `until` are days (inclusive, in UTC). Entries come newest first, paged.
    """

    user: str | None = None
    action: str | None = None
    concerning: frozenset[str] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        if self.action is not None and self.action not in LOG_ACTIONS:
            raise ReviewError(f"action {self.action!r} is not one of: {', '.join(LOG_ACTIONS)}")
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ReviewError(f"since ({self.since}) is after until ({self.until})")

    def keeps(self, entry: LogEntry) -> bool:
        """Return whether the entry meets every condition (paging aside)."""
        day = entry.at.astimezone(dt.UTC).date()
        return ((self.user is None or entry.user.casefold() == self.user.casefold())
                and (self.action is None or entry.action == self.action)
                and (self.concerning is None
                     or not self.concerning.isdisjoint((*entry.record_ids, *entry.deal_ids)))
                and (self.since is None or day >= self.since)
                and (self.until is None or day <= self.until))


def record_entry(decision: RecordDecision, previous: Mapping[str, Any]) -> LogEntry:
    """Return the log entry of a record decision, `previous` holding the values before it."""
    changes = [FieldChange(REVIEW_FIELD, previous.get(REVIEW_FIELD, UNKNOWN), decision.state)]
    changes += [FieldChange(name, previous.get(name, UNKNOWN), new)
                for name, new in decision.fields_json().items()]
    return LogEntry(at=decision.at, user=decision.user, action=decision.action,
                    reason=decision.reason, record_ids=(decision.record_id,),
                    changes=tuple(changes))


def deal_entry(decision: DealDecision) -> LogEntry:
    """Return the log entry of a merge or split decision."""
    return LogEntry(at=decision.at, user=decision.user, action=decision.action,
                    reason=decision.reason, record_ids=decision.record_ids,
                    deal_ids=decision.deal_ids)


def previous_values(decisions: Sequence[RecordDecision], extracted: Mapping[str, Any],
                    review_state: str = "unreviewed") -> list[dict[str, Any]]:
    """Return, for each of a record's decisions (oldest first), the values it found.

    `extracted` holds the extracted value (JSON shape) of every corrected field, as the
    stored record's `extra["review"]["extracted"]` does; a field it lacks reads `UNKNOWN`.
    """
    current: dict[str, Any] = {REVIEW_FIELD: review_state, **extracted}
    found = []
    for decision in decisions:
        new = decision.fields_json()
        found.append({name: current.get(name, UNKNOWN) for name in (REVIEW_FIELD, *new)})
        current.update(new)
        current[REVIEW_FIELD] = decision.state
    return found


def select_log(entries: Iterable[LogEntry], log_filter: LogFilter) -> tuple[int, list[LogEntry]]:
    """Return how many entries the filter keeps and the page of them, newest first."""
    kept = sorted((entry for entry in entries if log_filter.keeps(entry)),
                  key=lambda entry: entry.at, reverse=True)
    end = None if log_filter.limit is None else log_filter.offset + log_filter.limit
    return len(kept), kept[log_filter.offset:end]


def shown_value(value: Any) -> str:
    """Return a field's value (JSON shape) as the log shows it; None is a dash."""
    if value is None or value == []:
        return "–"
    if isinstance(value, dict) and {"amount", "currency"} <= value.keys():
        return f"{value['amount']:,} {value['currency']}"
    if isinstance(value, list):
        return " + ".join(str(item) for item in value)
    return str(value)
