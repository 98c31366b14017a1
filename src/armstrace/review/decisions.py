"""Analysts' decisions on records and deals, and how a decision changes a record.

A `RecordDecision` confirms, rejects or corrects one record, named by the id it
had when it was extracted (`Record.id`: a hash of document, kind, parties,
weapon and status), so the decision applies again whenever the extractor finds
the same fact: after `armstrace reextract`, after a re-ingest. A `DealDecision`
merges deals or splits records off a deal; it names the records concerned, so
it applies again on every re-merge (see `armstrace.merge.decisions`).

How decisions combine (`review_record`): they are applied oldest first. The
record's review state is the action of the latest decision (`confirmed`,
`corrected`, `rejected`); corrected fields accumulate, a later correction of
the same field replacing an earlier one. To undo a correction, correct the
field back to its extracted value; to undo a rejection, confirm or correct.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any, Literal

import pycountry

from armstrace.errors import ReviewError
from armstrace.knowledge.states import known_iso3_codes
from armstrace.model import (
    CATEGORIES,
    DEALS,
    FACT_FIELDS,
    KINDS,
    STATUSES,
    Money,
    PartialDate,
    Record,
)

RecordAction = Literal["confirm", "reject", "correct"]
DealAction = Literal["merge", "split"]
RECORD_ACTIONS: tuple[str, ...] = ("confirm", "reject", "correct")
DEAL_ACTIONS: tuple[str, ...] = ("merge", "split")
# The state a record is in after each action; a record with no decision is unreviewed.
REVIEW_STATES: tuple[str, ...] = ("unreviewed", "confirmed", "corrected", "rejected")
_STATE_OF_ACTION = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}

# The fields of a record an analyst can correct: every field of the fact.
CORRECTABLE_FIELDS: tuple[str, ...] = FACT_FIELDS
_VOCABULARIES = {"kind": KINDS, "category": CATEGORIES, "deal": DEALS, "status": STATUSES}
_NULLABLE_TEXT = ("supplier_name", "recipient_name", "weapon_family")
_USER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
# The largest quantity or amount a correction may set: 2**53 - 1, the largest whole number
# a JSON reader in JavaScript holds exactly (and far inside a 64-bit database column).
MAX_WHOLE_NUMBER = 2**53 - 1
_WHOLE_NUMBER = re.compile(r"[0-9]+")
# Characters no stored text may hold: NUL (PostgreSQL refuses it in text) and lone
# surrogates (not Unicode scalar values: no UTF-8 encoding, so no database stores them).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class User:
    """An analyst who may sign in and make decisions; `password_hash` is an argon2 hash.

    Names ignore case ("alice" and "Alice" are one user). A removed user (`removed`:
    when) keeps its name on the audit trail but can no longer sign in or decide.
    """

    name: str
    password_hash: str
    created: dt.datetime
    removed: dt.datetime | None = None

    def __post_init__(self) -> None:
        check_user_name(self.name)
        _require_aware(self.created, "created")
        if self.removed is not None:
            _require_aware(self.removed, "removed")

    @property
    def active(self) -> bool:
        """Return whether the user may sign in and decide (was never removed)."""
        return self.removed is None


@dataclass(frozen=True)
class RecordDecision:
    """One analyst's decision on one record: who, when, why, and for `correct` the new values.

    `fields` maps spec field names (`CORRECTABLE_FIELDS`) to typed values: str or
    None for text and ISO codes, a tuple of ISO codes for `partners`, int or None for
    `quantity`, `Money` or None for `value`, `PartialDate` or None for `date`. It is
    checked and normalised on construction (ISO codes upper-cased, partners sorted);
    `parse_corrections` builds it from text. A bad field raises `ReviewError`.
    """

    record_id: str
    action: RecordAction
    user: str
    reason: str
    at: dt.datetime
    fields: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if self.action not in RECORD_ACTIONS:
            raise ReviewError(
                f"unknown record action {self.action!r}; choose one of: {', '.join(RECORD_ACTIONS)}"
            )
        if not self.record_id:
            raise ReviewError("a decision needs the id of the record it concerns")
        check_user_name(self.user)
        _require_aware(self.at, "at")
        if self.action != "confirm" and not self.reason.strip():
            raise ReviewError(f"say why: a {self.action} decision needs a reason")
        check_text("reason", self.reason)
        if self.action == "correct" and not self.fields:
            raise ReviewError("a correct decision needs at least one field=value")
        if self.action != "correct" and self.fields:
            raise ReviewError(f"only a correct decision sets fields, not {self.action}")
        checked = {name: check_field(name, value) for name, value in self.fields.items()}
        object.__setattr__(self, "fields", MappingProxyType(checked))

    @property
    def state(self) -> str:
        """Return the review state this decision puts its record in."""
        return _STATE_OF_ACTION[self.action]

    def fields_json(self) -> dict[str, Any]:
        """Return the corrected fields as JSON values (the contract's shapes)."""
        return {name: field_to_json(name, value) for name, value in self.fields.items()}


@dataclass(frozen=True)
class DealDecision:
    """One analyst's decision on deals: merge several into one, or split records off one.

    `merge`: `deal_ids` names two or more deals; `record_ids` holds their records at
    the time of the decision, and every later merge unites whatever deals then hold
    any of them. `split`: `record_ids` are the records to take out into a deal of
    their own, `deal_ids` the deal they came from. Ids are kept sorted and unique.
    """

    action: DealAction
    deal_ids: tuple[str, ...]
    record_ids: tuple[str, ...]
    user: str
    reason: str
    at: dt.datetime

    def __post_init__(self) -> None:
        if self.action not in DEAL_ACTIONS:
            raise ReviewError(
                f"unknown deal action {self.action!r}; choose one of: {', '.join(DEAL_ACTIONS)}"
            )
        check_user_name(self.user)
        _require_aware(self.at, "at")
        if not self.reason.strip():
            raise ReviewError(f"say why: a {self.action} decision needs a reason")
        check_text("reason", self.reason)
        object.__setattr__(self, "deal_ids", tuple(sorted(set(self.deal_ids))))
        object.__setattr__(self, "record_ids", tuple(sorted(set(self.record_ids))))
        if self.action == "merge" and len(self.deal_ids) < 2:
            raise ReviewError("a merge needs two or more deal ids")
        if not self.record_ids:
            raise ReviewError(f"a {self.action} decision needs the ids of the records it moves")


def check_text(name: str, text: str) -> str:
    """Return `text` if a database can store it, else raise `ReviewError` naming `name`."""
    found = _UNSTORABLE.search(text)
    if found:
        what = "a NUL character" if found.group() == "\x00" else "a lone surrogate"
        raise ReviewError(f"{name} holds {what} at position {found.start()}, which cannot be "
                          "stored; send it as UTF-8 text")
    return text


def check_user_name(name: str) -> str:
    """Return `name` if it can name a user (1-64 letters, digits, `._@-`), else raise."""
    if not _USER_NAME.fullmatch(name):
        raise ReviewError(
            f"{name!r} cannot name a user: use 1 to 64 letters, digits, '.', '_', '@' or '-', "
            "starting with a letter or digit"
        )
    return name


def check_field(name: str, value: Any) -> Any:
    """Return a corrected field's value, normalised, or raise `ReviewError` saying why not."""
    if name not in CORRECTABLE_FIELDS:
        raise ReviewError(
            f"{name!r} is not a field an analyst can correct; choose one of: "
            f"{', '.join(CORRECTABLE_FIELDS)}"
        )
    if name in _VOCABULARIES:
        if value not in _VOCABULARIES[name]:
            raise ReviewError(
                f"{name} {value!r} is not one of: {', '.join(_VOCABULARIES[name])}"
            )
        return value
    if name in ("supplier", "recipient"):
        return None if value is None else _check_iso3(name, value)
    if name == "partners":
        if isinstance(value, str) or not isinstance(value, Iterable):
            raise ReviewError(f"partners must be a list of ISO 3166 alpha-3 codes, not {value!r}")
        return tuple(sorted({_check_iso3(name, code) for code in value}))
    if name == "weapon":
        if not isinstance(value, str) or not value.strip():
            raise ReviewError(f"weapon must be a non-empty text, not {value!r}")
        return check_text(name, value.strip())
    if name in _NULLABLE_TEXT:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise ReviewError(f"{name} must be a non-empty text or null, not {value!r}")
        return check_text(name, value.strip())
    if name == "quantity":
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ReviewError(
                f"quantity must be a whole number of 0 or more, or null, not {value!r}"
            )
        if value > MAX_WHOLE_NUMBER:
            raise ReviewError(f"quantity must be at most {MAX_WHOLE_NUMBER:,}, not {value:,}")
        return value
    if name == "value":
        if value is None:
            return None
        if not isinstance(value, Money):
            raise ReviewError(f"value must be an amount and a currency, not {value!r}")
        return _check_money(value)
    # date
    if value is None or isinstance(value, PartialDate):
        return value
    raise ReviewError(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, or null, not {value!r}")


def parse_corrections(texts: Mapping[str, str]) -> dict[str, Any]:
    """Return corrected fields parsed from text, as typed values for `RecordDecision.fields`.

    What a form or `--set field=value` gives: an empty text (or `null`) clears a
    nullable field; `partners` is codes separated by `;`, `,` or spaces;
    `value` is `AMOUNT CURRENCY` (`3000000000 USD`); `date` is `YYYY[-MM[-DD]]`;
    `quantity` a whole number. Raise `ReviewError` naming the first bad field.
    """
    return {name: parse_field(name, text) for name, text in texts.items()}


def parse_field(name: str, text: str) -> Any:
    """Return one corrected field parsed from text (see `parse_corrections`)."""
    if name not in CORRECTABLE_FIELDS:
        return check_field(name, text)  # raises, naming the valid fields
    stripped = text.strip()
    empty = stripped == "" or stripped.lower() == "null"
    if name == "partners":
        return check_field(name, [code for code in re.split(r"[;,\s]+", stripped) if code])
    if empty and name not in _VOCABULARIES and name != "weapon":
        return check_field(name, None)
    if name == "quantity":
        if not _WHOLE_NUMBER.fullmatch(stripped.replace(",", "").replace("_", "")):
            raise ReviewError(f"quantity must be a whole number of 0 or more, not {text!r}")
        return int(stripped.replace(",", "").replace("_", ""))
    if name == "value":
        parts = stripped.split()
        amount = parts[0].replace(",", "").replace("_", "") if parts else ""
        if len(parts) != 2 or not _WHOLE_NUMBER.fullmatch(amount):
            raise ReviewError(f"value must be AMOUNT CURRENCY, e.g. 3000000000 USD, not {text!r}")
        return check_field(name, Money(int(amount), parts[1].upper()))
    if name == "date":
        try:
            return PartialDate.parse(stripped)
        except ValueError:
            raise ReviewError(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}") from None
    return check_field(name, stripped)


def field_to_json(name: str, value: Any) -> Any:
    """Return a field's value in the contract's JSON shape."""
    if value is None:
        return None
    if name == "partners":
        return list(value)
    if name == "value":
        return value.to_json()
    if name == "date":
        return str(value)
    return value


def field_from_json(name: str, raw: Any) -> Any:
    """Return a field's typed value from its JSON shape (the inverse of `field_to_json`)."""
    if raw is None:
        return check_field(name, None)
    if name == "partners":
        return check_field(name, raw)
    if name == "value":
        return check_field(name, Money(int(raw["amount"]), str(raw["currency"])))
    if name == "date":
        return check_field(name, PartialDate.parse(raw))
    return check_field(name, raw)


def review_state(record: Record) -> str:
    """Return the record's review state: one of `REVIEW_STATES`."""
    review = record.extra.get("review")
    return str(review["state"]) if review else "unreviewed"


def extracted_record(record: Record) -> Record:
    """Return the record as the extractor gave it: corrections undone, review state removed."""
    review = record.extra.get("review")
    if not review:
        return record
    original = {name: field_from_json(name, raw) for name, raw in review["extracted"].items()}
    extra = {key: value for key, value in record.extra.items() if key != "review"}
    return dataclasses.replace(record, **original, extra=extra, extracted_id=None)


def review_record(record: Record, decisions: Iterable[RecordDecision]) -> Record:
    """Return the record with its decisions applied, rejected or not.

    The decisions must concern this record (by its extracted id). Corrected fields
    replace the extracted ones and `extra["review"]` says `state`, `by`, `at` and
    `reason` (of the latest decision), `decisions` (how many) and `extracted` (the
    extracted value of each corrected field, in JSON shape). The record keeps its
    extracted id whatever fields change. Without decisions, the extracted record.
    Applying to a record that was already reviewed starts from its extracted form.
    """
    base = extracted_record(record)
    ordered = sorted(decisions, key=lambda decision: decision.at)  # stable: ties keep order
    for decision in ordered:
        if decision.record_id != base.id:
            raise ValueError(f"decision on record {decision.record_id} applied to {base.id}")
    if not ordered:
        return base
    corrected: dict[str, Any] = {}
    for decision in ordered:
        corrected.update(decision.fields)
    latest = ordered[-1]
    review = {
        "state": latest.state,
        "by": latest.user,
        "at": latest.at.isoformat(),
        "reason": latest.reason,
        "decisions": len(ordered),
        "extracted": {name: field_to_json(name, getattr(base, name)) for name in corrected},
    }
    try:
        return dataclasses.replace(
            base, **corrected, extra={**base.extra, "review": review}, extracted_id=base.id
        )
    except ValueError as exc:
        raise ReviewError(f"record {base.id}: the corrections do not fit: {exc}") from exc


def apply_decisions(record: Record, decisions: Iterable[RecordDecision]) -> Record | None:
    """Return the record with its decisions applied, or None when the latest rejects it."""
    reviewed = review_record(record, decisions)
    return None if review_state(reviewed) == "rejected" else reviewed


def _check_iso3(name: str, value: Any) -> str:
    code = value.strip().upper() if isinstance(value, str) else value
    if not isinstance(code, str) or code not in _iso3_codes():
        raise ReviewError(
            f"{name} {value!r} is not an ISO 3166 alpha-3 code (e.g. TUR; XKX for Kosovo, "
            "SUN for the Soviet Union)"
        )
    return code


def _check_money(value: Money) -> Money:
    if isinstance(value.amount, bool) or not isinstance(value.amount, int) or value.amount < 0:
        raise ReviewError(f"value amount must be a whole number of 0 or more, not {value.amount!r}")
    if value.amount > MAX_WHOLE_NUMBER:
        raise ReviewError(
            f"value amount must be at most {MAX_WHOLE_NUMBER:,}, not {value.amount:,}")
    check_text("value currency", value.currency)
    currency = value.currency.strip().upper()
    if pycountry.currencies.get(alpha_3=currency) is None:
        raise ReviewError(f"value currency {value.currency!r} is not an ISO 4217 code (e.g. USD)")
    return Money(value.amount, currency)


@cache
def _iso3_codes() -> frozenset[str]:
    # Cached: pycountry builds its tables on first use; the set never changes in a process.
    return known_iso3_codes()


def _require_aware(moment: dt.datetime, name: str) -> None:
    if not isinstance(moment, dt.datetime) or moment.tzinfo is None:
        raise ReviewError(f"{name} must be a datetime with a time zone, not {moment!r}")
