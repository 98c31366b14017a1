"""Analysts' review of the register: users, and decisions on records and deals.

    user = new_user("ana", "a long passphrase")          # argon2id hash
    store.add_user(user)
    decision = RecordDecision(record_id, "correct", "ana", "the article says 14",
                              at=now, fields=parse_corrections({"quantity": "14"}))
    armstrace.merge.record_decision(store, decision)      # stored, record and deals updated

This package holds the nouns and pure functions; `armstrace.merge.record_decision`
and `record_deal_decision` store a decision and re-merge the deals it touches
(they live in merge/ because they rewrite deals). Decisions are keyed by the id
a record had when it was extracted, so they apply again after re-extraction and
re-ingest. See `decisions` for how they combine.
"""

from __future__ import annotations

from armstrace.review.audit import LOG_ACTIONS, FieldChange, LogEntry, LogFilter
from armstrace.review.decisions import (
    CORRECTABLE_FIELDS,
    DEAL_ACTIONS,
    RECORD_ACTIONS,
    REVIEW_STATES,
    DealDecision,
    RecordDecision,
    User,
    apply_decisions,
    check_field,
    check_user_name,
    extracted_record,
    field_from_json,
    field_to_json,
    parse_corrections,
    parse_field,
    review_record,
    review_state,
)
from armstrace.review.passwords import hash_password, new_user, verify_password
from armstrace.review.tokens import ApiToken, hash_api_token, new_api_token
from armstrace.review.weapons import with_weapon_facts

__all__ = [
    "CORRECTABLE_FIELDS",
    "DEAL_ACTIONS",
    "LOG_ACTIONS",
    "RECORD_ACTIONS",
    "REVIEW_STATES",
    "ApiToken",
    "DealDecision",
    "FieldChange",
    "LogEntry",
    "LogFilter",
    "RecordDecision",
    "User",
    "apply_decisions",
    "check_field",
    "check_user_name",
    "extracted_record",
    "field_from_json",
    "field_to_json",
    "hash_api_token",
    "hash_password",
    "new_api_token",
    "new_user",
    "parse_corrections",
    "parse_field",
    "review_record",
    "review_state",
    "verify_password",
    "with_weapon_facts",
]
