"""The JSON API under /api/: documents, records, deals, states, weapons, search, review.

Every list is paged (`limit` at most `MAX_PAGE_SIZE`, `offset`) and answers
`{total, limit, offset, items}`; records and deals are in the contract's JSON
shape (spec/records.md). Reading follows the application's login policy;
`POST /api/records/{id}/review` needs a signed-in user and the session's CSRF
token in the `X-CSRF-Token` header, or an API token (`Authorization: Bearer`).
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Path, Query, Request

from armstrace.store import DealFilter, RecordFilter, Store
from armstrace.web.convert import deal_json, document_json, record_json
from armstrace.web.dependencies import (
    Author,
    Reader,
    knowledge_of,
    open_request_store,
    resolve_query_names,
)
from armstrace.web.pages_sipri import deals_not_in_sipri
from armstrace.web.schemas import (
    DealOut,
    DealPage,
    DealQuery,
    DocumentDetailOut,
    DocumentPage,
    RecordPage,
    RecordQuery,
    ReviewIn,
    ReviewOut,
    SearchPage,
    SearchQuery,
    StateOut,
    WeaponOut,
)
from armstrace.web.searching import run_search

router = APIRouter(prefix="/api", tags=["api"])

# Ids are 16 hex digits; names are bounded so no path can ask for a huge look-up.
DocumentId = Annotated[str, Path(max_length=64, description="Document id.")]
DealId = Annotated[str, Path(max_length=64, description="Deal id.")]
RecordId = Annotated[str, Path(max_length=64, description="Record id.")]
# Deals per side shown for a state or a weapon: the rest is one /api/deals query away.
_DEALS_SHOWN = 200
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "Not found"}}


@router.get("/documents", response_model=DocumentPage)
def list_documents(
    request: Request,
    reader: Reader,
    page: Annotated[RecordQuery, Query()],
) -> dict[str, Any]:
    """List documents, in the order they were stored; with filters, those holding a match."""
    records = (resolve_query_names(request, page).record_filter(paged=False)
               if page.has_filters() else None)
    with open_request_store(request) as store:
        documents = list(store.iter_documents(records, limit=page.limit, offset=page.offset))
        total = store.count_documents(records)
    return {"total": total, "limit": page.limit, "offset": page.offset,
            "items": [{**document_json(d), "source": d.source} for d in documents]}


# `:path`: ids from the sources may hold `/` (sent as %2F).
@router.get("/documents/{document_id:path}", response_model=DocumentDetailOut, responses=_NOT_FOUND)
def get_document(request: Request, document_id: DocumentId, reader: Reader) -> dict[str, Any]:
    """Return one stored document with its text and every record extracted from it."""
    with open_request_store(request) as store:
        document = store.get_document(document_id)
        if document is None:
            raise HTTPException(status_code=404, detail=f"no document with id {document_id}")
        records = list(store.iter_records(
            RecordFilter(document_id=document_id, include_rejected=True)))
    return {**document_json(document), "source": document.source, "text": document.text,
            "records": [record_json(record) for record in records]}


@router.get("/records", response_model=RecordPage)
def list_records(
    request: Request, reader: Reader, page: Annotated[RecordQuery, Query()]
) -> dict[str, Any]:
    """List records matching the filters, in the order they were stored."""
    record_filter = resolve_query_names(request, page).record_filter()
    with open_request_store(request) as store:
        records = list(store.iter_records(record_filter))
        total = store.count_records(record_filter)
    return {"total": total, "limit": page.limit, "offset": page.offset,
            "items": [record_json(record) for record in records]}


@router.get("/deals", response_model=DealPage,
            responses={409: {"description": "not_in_sipri asked, but no SIPRI release is "
                             "imported"}})
def list_deals(
    request: Request, reader: Reader, page: Annotated[DealQuery, Query()]
) -> dict[str, Any]:
    """List deals matching the filters, sorted as asked (latest seen first by default)."""
    deal_filter = resolve_query_names(request, page).deal_filter()
    with open_request_store(request) as store:
        if page.not_in_sipri:
            missing = deals_not_in_sipri(request, store, deal_filter)
            if missing is None:
                raise HTTPException(status_code=409, detail="no SIPRI register is imported, "
                                    "so no deal can be said not to be in it")
            deals, total = missing
        else:
            deals = list(store.iter_deals(deal_filter))
            total = store.count_deals(deal_filter)
    return {"total": total, "limit": page.limit, "offset": page.offset,
            "items": [deal_json(deal) for deal in deals]}


@router.get("/deals/{deal_id}", response_model=DealOut, responses=_NOT_FOUND)
def get_deal(request: Request, deal_id: DealId, reader: Reader) -> dict[str, Any]:
    """Return one deal: slots, status history and every piece of evidence."""
    with open_request_store(request) as store:
        deal = store.get_deal(deal_id)
    if deal is None:
        raise HTTPException(status_code=404, detail=f"no deal with id {deal_id}")
    return deal_json(deal)


@router.get("/search", response_model=SearchPage,
            responses={503: {"description": "Too many searches at once, or stopped after "
                                            "its time limit"}})
async def search(
    request: Request, reader: Reader, page: Annotated[SearchQuery, Query()]
) -> dict[str, Any]:
    """Search documents by words; filters keep documents holding a matching record."""
    return await run_search(
        request, lambda store: _search_page(store, resolve_query_names(request, page, store)))


def _search_page(store: Store, page: SearchQuery) -> dict[str, Any]:
    records = page.record_filter(paged=False) if page.has_filters() else None
    items = []
    hits = store.search(page.q, page.limit, records=records, offset=page.offset,
                        order=page.sort) \
        if page.q.strip() else []
    total = store.count_search(page.q, records=records)
    for hit in hits:
        found = store.iter_records(
            _with_document(page.record_filter(paged=False), hit.document_id))
        items.append({
            "document": {"id": hit.document_id, "url": hit.url, "title": hit.title,
                         "published": hit.published.isoformat() if hit.published else None},
            "snippet": hit.snippet,
            "score": hit.score,
            "records": [record_json(record) for record in found],
        })
    return {"q": page.q, "total": total, "limit": page.limit, "offset": page.offset,
            "items": items}


def _with_document(record_filter: RecordFilter, document_id: str) -> RecordFilter:
    return dataclasses.replace(record_filter, document_id=document_id)


@router.get("/states/{iso3}", response_model=StateOut)
def get_state(
    request: Request,
    iso3: Annotated[str, Path(min_length=3, max_length=3, description="ISO 3166 alpha-3 code.")],
    reader: Reader,
) -> dict[str, Any]:
    """Return what a state supplies, receives and co-produces (the latest deals first)."""
    code = iso3.upper()
    names = [state.name for state in knowledge_of(request).states if state.iso3 == code]
    with open_request_store(request) as store:
        supplies = list(store.iter_deals(DealFilter(supplier=code, limit=_DEALS_SHOWN)))
        receives = list(store.iter_deals(DealFilter(recipient=code, limit=_DEALS_SHOWN)))
    coproduction = [deal for deal in supplies if deal.kind == "coproduction"]
    return {
        "iso3": code,
        "name": names[-1] if names else None,
        "supplies": [deal_json(d) for d in supplies if d.kind == "transfer" and d.supplier == code],
        "receives": [deal_json(d) for d in receives if d.kind == "transfer"],
        "coproduction": [deal_json(d) for d in coproduction],
    }


# `:path`: designations hold slashes (F/A-18, SAMP/T).
@router.get("/weapons/{name:path}", response_model=WeaponOut)
def get_weapon(
    request: Request,
    name: Annotated[str, Path(max_length=200, description="Designation, alias or family.")],
    reader: Reader,
) -> dict[str, Any]:
    """Return a weapon system's catalogue facts and every deal involving it."""
    system = knowledge_of(request).weapon_by_alias(name)
    wanted = system.designation if system else name
    with open_request_store(request) as store:
        deals = list(store.iter_deals(DealFilter(weapon=wanted, limit=_DEALS_SHOWN)))
        if system is not None and system.family != system.designation:
            seen = {deal.id for deal in deals}
            deals += [deal for deal in store.iter_deals(
                DealFilter(weapon=system.family, limit=_DEALS_SHOWN)) if deal.id not in seen]
    return {
        "name": name,
        "designation": system.designation if system else None,
        "family": system.family if system else None,
        "category": system.category if system else None,
        "producers": list(system.producers) if system else [],
        "manufacturer": system.manufacturer if system else None,
        "aliases": list(system.aliases) if system else [],
        "deals": [deal_json(deal) for deal in deals],
    }


@router.post(
    "/records/{record_id}/review",
    response_model=ReviewOut,
    responses={401: {"description": "Not signed in, or a bad API token"},
               403: {"description": "Bad CSRF token (a signed-in browser session)"},
               404: {"description": "No such record"},
               422: {"description": "The decision does not fit the record"}},
)
def review_record(
    request: Request,
    record_id: RecordId,
    decision: ReviewIn,
    author: Author,
    csrf: Annotated[str | None, Header(alias="X-CSRF-Token", max_length=200)] = None,
) -> dict[str, Any]:
    """Confirm, reject or correct a record, with a reason, as the signed-in user (with the
    session's CSRF token in `X-CSRF-Token`) or as an API token's user
    (`Authorization: Bearer TOKEN`, no CSRF token needed). A corrected `weapon` brings
    its family and category from the catalogue; every decision goes into the log."""
    from armstrace.web.auth import check_csrf
    from armstrace.web.review import decide_record

    if not author.by_token:  # a browser's cookie is sent by any page: the CSRF token proves it
        check_csrf(request, csrf)
    record, stored = decide_record(request, record_id, author.user, decision.action,
                                   decision.reason, decision.fields)
    return {"record": record_json(record), "decision": stored}
