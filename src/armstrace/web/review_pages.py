"""The Review page and the review forms (record decisions, deal merge and split).

Every form posts the session's CSRF token; every write needs a signed-in user
(anonymous posts get 401). After a decision the analyst goes back to the page
the form was on, with a one-line notice of what was stored.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import Field

from armstrace.model import CATEGORIES, STATUSES, Record
from armstrace.review import RECORD_ACTIONS, REVIEW_STATES, LogFilter
from armstrace.store import RecordFilter
from armstrace.web.auth import check_csrf, safe_next
from armstrace.web.convert import record_parties, record_state
from armstrace.web.dependencies import (
    Reader,
    Writer,
    open_request_store,
    render,
    resolve_query_names,
    signed_in_user,
    state_names,
)
from armstrace.web.highlight import Span, mark_spans
from armstrace.web.pages import show_deal_page
from armstrace.web.review import (
    correction_fields,
    decide_record,
    decide_records,
    merge_deals,
    review_form_context,
    split_deal,
)
from armstrace.web.schemas import RecordQuery
from armstrace.web.sessions import leave_notice, session_of
from armstrace.web.urls import path_part, with_query

router = APIRouter(include_in_schema=False)

ItemId = Annotated[str, Path(max_length=64)]
Reason = Annotated[str, Form(max_length=2000)]
Token = Annotated[str, Form(max_length=200)]
Next = Annotated[str, Form(max_length=2000)]
# Most decisions shown on the Review page.
_RECENT_DECISIONS = 30
# Most records one bulk decision may name: a page of the queue at its largest.
_MAX_BULK = 500
_IDS = re.compile(r"[0-9A-Za-z]+")


# The Review queue's orders: (value of `sort`, label, store order, descending).
REVIEW_SORTS = (
    ("confidence", "lowest confidence first", "confidence", False),
    ("-confidence", "highest confidence first", "confidence", True),
    ("-date", "latest date first", "date", True),
    ("date", "earliest date first", "date", False),
    ("stored", "order stored", "stored", False),
)
ReviewSort = Literal["confidence", "-confidence", "-date", "date", "stored"]


class ReviewQuery(RecordQuery):
    """The Review page's filters: the record filters, a review state and the queue's order."""

    state: str = "unreviewed"
    sort: ReviewSort = Field("confidence", description="Queue order; lowest confidence first.")

    def review_filter(self) -> RecordFilter:
        """Return the store filter: the record filters, the state and the order."""
        if self.state not in (*REVIEW_STATES, "any"):
            raise HTTPException(status_code=422,
                                detail=f"state must be one of: {', '.join(REVIEW_STATES)}, any")
        order_by, descending = next((order, down) for key, _, order, down in REVIEW_SORTS
                                    if key == self.sort)
        chosen: dict[str, Any] = ({"include_rejected": True} if self.state == "any"
                                  else {"review_state": self.state})
        return dataclasses.replace(self.record_filter(), order_by=order_by,
                                   descending=descending, **chosen)


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request, reader: Reader, page: Annotated[ReviewQuery, Query()]
) -> HTMLResponse:
    """List records to review, lowest confidence first by default, and the latest decisions."""
    return show_review_page(request, page)


def show_review_page(request: Request, page: ReviewQuery, bulk_error: str | None = None,
                     bulk_typed: dict[str, Any] | None = None, status_code: int = 200
                     ) -> HTMLResponse:
    """Render the Review page; a refused bulk decision is shown again with what was typed."""
    record_filter = resolve_query_names(request, page).review_filter()
    with open_request_store(request) as store:
        records = list(store.iter_records(record_filter))
        total = store.count_records(record_filter)
        _, decisions = store.read_log(LogFilter(limit=_RECENT_DECISIONS))
    names = state_names(request)
    rows = [{"record": record, "state": record_state(record),
             "parties": record_parties(record, names),
             "evidence": mark_spans(record.evidence.text,
                                    [Span(0, len(record.evidence.text), "record")])}
            for record in records]
    return render(request, "review.html", {
        "title": "Review", "rows": rows, "total": total, "page": page,
        "entries": decisions, "states": (*REVIEW_STATES, "any"),
        "sorts": [(key, label) for key, label, _, _ in REVIEW_SORTS],
        "statuses": STATUSES, "categories": CATEGORIES,
        "signed_in": signed_in_user(request) is not None,
        "bulk_error": bulk_error,
        "bulk_typed": bulk_typed or {"action": "", "reason": "", "record_ids": ()},
        **review_form_context(),
    }, status_code=status_code)


@router.post("/review/bulk", response_model=None)
async def bulk_review_form(request: Request, user: Writer,
                           page: Annotated[ReviewQuery, Query()]) -> Response:
    """Confirm or reject every selected record with one reason, then show the queue again.

    Nothing is stored unless every decision fits; a refused one shows the page again
    with the message, the records still ticked and the reason as typed.
    """
    form = await request.form(max_fields=_MAX_BULK + 8, max_files=0)
    check_csrf(request, _text(form.get("csrf_token")))
    action = _text(form.get("action"))
    reason = _text(form.get("reason"))[:2000]
    record_ids = [value for value in form.getlist("record_ids") if isinstance(value, str)]
    typed = {"action": action, "reason": reason, "record_ids": tuple(record_ids)}
    problem = _bulk_problem(action, record_ids)
    if problem is None:
        try:
            decided = await run_in_threadpool(decide_records, request, record_ids, user,
                                              action, reason)
        except HTTPException as error:
            if error.status_code != 422:
                raise
            problem = str(error.detail)
    if problem is not None:
        return await run_in_threadpool(show_review_page, request, page, problem, typed, 422)
    past = "confirmed" if action == "confirm" else "rejected"
    await run_in_threadpool(_leave_notice, request,
                            f"{len(decided)} record{'' if len(decided) == 1 else 's'} {past}.")
    return RedirectResponse(with_query(request, "/review"), status_code=303)


def _bulk_problem(action: str, record_ids: list[str]) -> str | None:
    if action not in ("confirm", "reject"):
        return "Choose a decision for the selected records: confirm or reject."
    if not record_ids:
        return "Tick the records the decision is for."
    if len(record_ids) > _MAX_BULK:
        return f"At most {_MAX_BULK} records at once; tick fewer."
    return None


@router.get("/records/{record_id}", response_class=HTMLResponse)
def record_page(request: Request, record_id: ItemId, reader: Reader) -> HTMLResponse:
    """Show one record: its facts, its evidence, its history and the review form."""
    return show_record_page(request, record_id)


def show_record_page(request: Request, record_id: str, form_error: str | None = None,
                     typed: dict[str, Any] | None = None, status_code: int = 200
                     ) -> HTMLResponse:
    """Render a record's page; a refused decision shows its form again as it was typed."""
    with open_request_store(request) as store:
        record = store.get_record(record_id)
        if record is None:
            raise HTTPException(status_code=404, detail=f"no record with id {record_id}")
        deal_id = store.deal_ids_of_records([record.id]).get(record.id)
        _, history = store.read_log(LogFilter(concerning=frozenset({record.id})))
    parties = record_parties(record, state_names(request))
    return render(request, "record.html", {
        "title": f"Record {record.weapon}", "record": record, "state": record_state(record),
        "parties": parties, "facts": record_facts(record, parties), "deal_id": deal_id,
        "evidence": mark_spans(record.evidence.text,
                               [Span(0, len(record.evidence.text), "record")]),
        "entries": history, "can_review": signed_in_user(request) is not None,
        "form_error": form_error, "typed": typed or {}, **review_form_context(),
    }, status_code=status_code)


def record_facts(record: Record, parties: str) -> list[tuple[str, str]]:
    """Return the record's fields as the page lists them, each as text."""
    value = f"{record.value.amount:,} {record.value.currency}" if record.value else "–"
    return [
        ("Kind", record.kind), ("Parties", parties), ("Weapon", record.weapon),
        ("Family", record.weapon_family or "–"), ("Category", record.category),
        ("Quantity", "–" if record.quantity is None else f"{record.quantity:,}"),
        ("Value", value), ("Deal type", record.deal), ("Status", record.status),
        ("Date", str(record.date) if record.date else "–"),
        ("Confidence", f"{record.confidence:.2f}"),
    ]


@router.post("/records/{record_id}/review", response_model=None)
async def review_record_form(request: Request, record_id: ItemId, user: Writer) -> Response:
    """Store a decision on a record from the review form, then go back to the form's page.

    A decision that does not fit shows the record's page with the form as typed and why.
    """
    form = await request.form(max_fields=64, max_files=0)
    check_csrf(request, _text(form.get("csrf_token")))
    action = _text(form.get("action"))
    reason = _text(form.get("reason"))[:2000]
    fields = correction_fields({key: _text(value) for key, value in form.items()})
    typed = {"action": action, "reason": reason, "fields": fields}
    problem = None if action in RECORD_ACTIONS else (
        "Choose a decision: confirm, reject or correct.")
    if problem is None:
        try:
            record, _ = await run_in_threadpool(decide_record, request, record_id, user,
                                                action, reason, fields)
        except HTTPException as error:
            if error.status_code != 422:
                raise
            problem = str(error.detail)
    if problem is not None:
        return await run_in_threadpool(show_record_page, request, record_id, problem, typed,
                                       422)
    await run_in_threadpool(
        _leave_notice, request,
        f"Record {record_id} ({record.weapon}) is now {record_state(record)}.")
    target = safe_next(_text(form.get("next")) or f"/documents/{path_part(record.document.id)}")
    return RedirectResponse(f"{target}#record-{record_id}" if "#" not in target else target,
                            status_code=303)


@router.post("/deals/{deal_id}/merge", response_model=None)
def merge_deal_form(
    request: Request,
    deal_id: ItemId,
    user: Writer,
    others: Annotated[str, Form(max_length=2000)],
    reason: Reason,
    csrf_token: Token = "",
    force: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Merge this deal with the other deals named in the form (of other parties or kinds
    only when "merge anyway" is ticked); a refused merge shows the form again, as typed."""
    check_csrf(request, csrf_token)
    deal_ids = [deal_id, *(found for found in _IDS.findall(others) if found != deal_id)]
    try:
        deals = merge_deals(request, deal_ids, user, reason, force=bool(force))
    except HTTPException as error:
        if error.status_code != 422:
            raise
        typed = {"form": "merge", "others": others, "reason": reason, "force": bool(force)}
        return show_deal_page(request, deal_id, str(error.detail), typed, 422)
    _leave_notice(request, f"Merged {len(deal_ids)} deals.")
    return RedirectResponse(f"/deals/{deals[0].id}" if deals else "/deals", status_code=303)


@router.post("/deals/{deal_id}/split", response_model=None)
def split_deal_form(
    request: Request,
    deal_id: ItemId,
    user: Writer,
    reason: Reason,
    record_ids: Annotated[list[str], Form(max_length=500)],
    csrf_token: Token = "",
) -> Response:
    """Take the checked records out of this deal into a deal of their own; a refused split
    shows the form again, as typed."""
    check_csrf(request, csrf_token)
    try:
        deals = split_deal(request, deal_id, record_ids, user, reason)
    except HTTPException as error:
        if error.status_code != 422:
            raise
        typed = {"form": "split", "reason": reason, "record_ids": tuple(record_ids)}
        return show_deal_page(request, deal_id, str(error.detail), typed, 422)
    _leave_notice(request, f"Split {len(record_ids)} records off into a deal of their own.")
    moved = [deal for deal in deals if deal.id != deal_id]
    return RedirectResponse(f"/deals/{(moved or deals)[0].id}" if deals else "/deals",
                            status_code=303)


def _leave_notice(request: Request, notice: str) -> None:
    with open_request_store(request) as store:
        leave_notice(store, session_of(request), notice)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
