"""The Review page and the review forms (record decisions, deal merge and split).

Every form posts the session's CSRF token; every write needs a signed-in user
(anonymous posts get 401). After a decision the analyst goes back to the page
the form was on, with a one-line notice of what was stored.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse

from armstrace.model import CATEGORIES, DEALS, KINDS, STATUSES
from armstrace.review import CORRECTABLE_FIELDS, REVIEW_STATES
from armstrace.web.auth import check_csrf, safe_next
from armstrace.web.convert import record_state
from armstrace.web.dependencies import (
    Reader,
    Writer,
    open_request_store,
    render,
    signed_in_user,
)
from armstrace.web.highlight import Span, mark_spans
from armstrace.web.review import correction_fields, decide_record, merge_deals, split_deal
from armstrace.web.schemas import RecordQuery
from armstrace.web.sessions import leave_notice, session_of
from armstrace.web.urls import path_part

router = APIRouter(include_in_schema=False)

ItemId = Annotated[str, Path(max_length=64)]
Reason = Annotated[str, Form(max_length=2000)]
Token = Annotated[str, Form(max_length=200)]
Next = Annotated[str, Form(max_length=2000)]
# Most decisions shown on the Review page.
_RECENT_DECISIONS = 30
_IDS = re.compile(r"[0-9A-Za-z]+")
# The review form's vocabularies, for its select boxes.
VOCABULARIES = {"kind": KINDS, "category": CATEGORIES, "deal": DEALS, "status": STATUSES}


class ReviewQuery(RecordQuery):
    """The Review page's filters: the record filters plus a review state."""

    state: str = "unreviewed"


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request, reader: Reader, page: Annotated[ReviewQuery, Query()]
) -> HTMLResponse:
    """List records to review (unreviewed first by default) and the latest decisions."""
    if page.state not in (*REVIEW_STATES, "any"):
        raise HTTPException(status_code=422,
                            detail=f"state must be one of: {', '.join(REVIEW_STATES)}, any")
    record_filter = page.record_filter()
    if page.state == "any":
        record_filter = dataclasses.replace(record_filter, include_rejected=True)
    else:
        record_filter = dataclasses.replace(record_filter, review_state=page.state)
    with open_request_store(request) as store:
        records = list(store.iter_records(record_filter))
        total = store.count_records(record_filter)
        decisions = list(store.iter_record_decisions())[-_RECENT_DECISIONS:][::-1]
    rows = [{"record": record, "state": record_state(record),
             "evidence": mark_spans(record.evidence.text,
                                    [Span(0, len(record.evidence.text), "record")])}
            for record in records]
    return render(request, "review.html", {
        "title": "Review", "rows": rows, "total": total, "page": page,
        "decisions": decisions, "states": (*REVIEW_STATES, "any"),
        "statuses": STATUSES, "categories": CATEGORIES,
        "signed_in": signed_in_user(request) is not None,
    })


@router.post("/records/{record_id}/review")
async def review_record_form(request: Request, record_id: ItemId, user: Writer
                             ) -> RedirectResponse:
    """Store a decision on a record from the review form, then go back to the form's page."""
    form = await request.form(max_fields=64, max_files=0)
    check_csrf(request, _text(form.get("csrf_token")))
    action = _text(form.get("action"))
    reason = _text(form.get("reason"))[:2000]
    fields = correction_fields({key: _text(value) for key, value in form.items()})
    record, _ = await run_in_threadpool(decide_record, request, record_id, user, action,
                                        reason, fields)
    await run_in_threadpool(
        _leave_notice, request,
        f"Record {record_id} ({record.weapon}) is now {record_state(record)}.")
    target = safe_next(_text(form.get("next")) or f"/documents/{path_part(record.document.id)}")
    return RedirectResponse(f"{target}#record-{record_id}" if "#" not in target else target,
                            status_code=303)


@router.post("/deals/{deal_id}/merge")
def merge_deal_form(
    request: Request,
    deal_id: ItemId,
    user: Writer,
    others: Annotated[str, Form(max_length=2000)],
    reason: Reason,
    csrf_token: Token = "",
    force: Annotated[str, Form(max_length=10)] = "",
) -> RedirectResponse:
    """Merge this deal with the other deals named in the form (of other parties or kinds
    only when "merge anyway" is ticked)."""
    check_csrf(request, csrf_token)
    deal_ids = [deal_id, *(found for found in _IDS.findall(others) if found != deal_id)]
    deals = merge_deals(request, deal_ids, user, reason, force=bool(force))
    _leave_notice(request, f"Merged {len(deal_ids)} deals.")
    return RedirectResponse(f"/deals/{deals[0].id}" if deals else "/deals", status_code=303)


@router.post("/deals/{deal_id}/split")
def split_deal_form(
    request: Request,
    deal_id: ItemId,
    user: Writer,
    reason: Reason,
    record_ids: Annotated[list[str], Form(max_length=500)],
    csrf_token: Token = "",
) -> RedirectResponse:
    """Take the checked records out of this deal into a deal of their own."""
    check_csrf(request, csrf_token)
    deals = split_deal(request, deal_id, record_ids, user, reason)
    _leave_notice(request, f"Split {len(record_ids)} records off into a deal of their own.")
    moved = [deal for deal in deals if deal.id != deal_id]
    return RedirectResponse(f"/deals/{(moved or deals)[0].id}" if deals else "/deals",
                            status_code=303)


def _leave_notice(request: Request, notice: str) -> None:
    with open_request_store(request) as store:
        leave_notice(store, session_of(request), notice)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def review_form_context() -> dict[str, Any]:
    """Return what the review form template needs: the correctable fields and vocabularies."""
    return {"correctable_fields": CORRECTABLE_FIELDS, "vocabularies": VOCABULARIES}
