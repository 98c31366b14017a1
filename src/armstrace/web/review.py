"""Analysts' decisions from the web: confirm, reject or correct a record; merge or split deals.

The pages (`review_pages`) and the API call these, which call the review layer
(`armstrace.review`, `armstrace.merge.record_decision`): every decision is stored
with who, when and why, and re-merges the deals it touches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import HTTPException, Request

from armstrace.errors import DealClashError, ReviewError
from armstrace.merge import (
    make_merge_decision,
    make_split_decision,
    record_deal_decision,
    record_decision,
)
from armstrace.model import CATEGORIES, DEALS, KINDS, STATUSES, Deal, Record
from armstrace.review import (
    CORRECTABLE_FIELDS,
    RecordDecision,
    parse_corrections,
    with_weapon_facts,
)
from armstrace.store import Store
from armstrace.web.dependencies import knowledge_of, open_request_store


def decide_record(
    request: Request,
    record_id: str,
    user: str,
    action: str,
    reason: str,
    fields: Mapping[str, str],
) -> tuple[Record, dict[str, Any]]:
    """Store the signed-in user's decision on a record; return the record as it now reads
    and the decision as JSON. 404 for an unknown record, 422 for a decision that does not fit."""
    with open_request_store(request) as store:
        _require_known_user(store, user)
        if store.get_record(record_id) is None:
            raise HTTPException(status_code=404, detail=f"no record with id {record_id}")
        try:
            corrections = parse_corrections(fields) if action == "correct" else {}
            if "weapon" in corrections:  # its family and category follow (review.weapons)
                corrections = with_weapon_facts(corrections, knowledge_of(request))
            decision = RecordDecision(record_id, action, user, reason,  # type: ignore[arg-type]
                                      at=dt.datetime.now(dt.UTC), fields=corrections)
            record = record_decision(store, decision)
        except ReviewError as error:
            raise HTTPException(status_code=422, detail=error.message) from error
    stored = {"record": record_id, "action": decision.action, "user": decision.user,
              "reason": decision.reason, "at": decision.at.isoformat(),
              "fields": decision.fields_json()}
    return record, stored


def decide_records(request: Request, record_ids: Sequence[str], user: str, action: str,
                   reason: str) -> list[Record]:
    """Store one confirm or reject decision per record, all with one reason; return the
    records as they now read. Every decision is checked before any is stored: 404 for an
    unknown record, 422 for a decision that does not fit (nothing stored then)."""
    with open_request_store(request) as store:
        _require_known_user(store, user)
        at = dt.datetime.now(dt.UTC)
        try:
            decisions = [RecordDecision(record_id, action, user, reason, at)  # type: ignore[arg-type]
                         for record_id in dict.fromkeys(record_ids)]
        except ReviewError as error:
            raise HTTPException(status_code=422, detail=error.message) from error
        missing = [d.record_id for d in decisions if store.get_record(d.record_id) is None]
        if missing:
            raise HTTPException(status_code=404, detail=f"no record with id {missing[0]}")
        return [record_decision(store, decision) for decision in decisions]


def merge_deals(request: Request, deal_ids: Sequence[str], user: str, reason: str,
                force: bool = False) -> list[Deal]:
    """Merge these deals into one as the signed-in user; return the deals now holding them.

    422 naming the clash for deals of different parties or kinds, unless `force`.
    """
    with open_request_store(request) as store:
        _require_known_user(store, user)
        try:
            decision = make_merge_decision(store, deal_ids, user=user, reason=reason,
                                           force=force)
            return record_deal_decision(store, decision)
        except DealClashError as error:
            raise HTTPException(
                status_code=422, detail=f"{error.message}; tick 'merge anyway' to merge them"
            ) from error
        except ReviewError as error:
            raise HTTPException(status_code=422, detail=error.message) from error


def split_deal(request: Request, deal_id: str, record_ids: Sequence[str], user: str,
               reason: str) -> list[Deal]:
    """Take these records out of a deal into one of their own; return the deals holding them."""
    with open_request_store(request) as store:
        _require_known_user(store, user)
        try:
            decision = make_split_decision(store, deal_id, record_ids, user=user, reason=reason)
            return record_deal_decision(store, decision)
        except ReviewError as error:
            raise HTTPException(status_code=422, detail=error.message) from error


def correction_fields(form: Mapping[str, Any]) -> dict[str, str]:
    """Return the corrected fields of a review form: `field_NAME` inputs the analyst filled."""
    fields = {}
    for name in CORRECTABLE_FIELDS:
        value = form.get(f"field_{name}")
        if isinstance(value, str) and value.strip():
            fields[name] = value
    return fields


def _require_known_user(store: Store, user: str) -> None:
    # Removing a user ends its sessions; a page open before still posts. The store would
    # refuse its decisions anyway.
    found = store.get_user(user)
    if found is None or not found.active:
        raise HTTPException(status_code=401, detail=f"user {user} no longer exists; sign in again")


# The review form's vocabularies, for its select boxes.
VOCABULARIES = {"kind": KINDS, "category": CATEGORIES, "deal": DEALS, "status": STATUSES}


def review_form_context() -> dict[str, Any]:
    """Return what the review form template needs: the correctable fields and vocabularies."""
    return {"correctable_fields": CORRECTABLE_FIELDS, "vocabularies": VOCABULARIES}
