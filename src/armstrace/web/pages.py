"""The HTML pages: start, Search, Deals, a Deal, a Document, Review."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from armstrace.store import DealFilter
from armstrace.web.dependencies import Reader, open_request_store, render
from armstrace.web.highlight import MATCH_END, MATCH_START, mark_matches
from armstrace.web.limits import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

router = APIRouter(include_in_schema=False)

PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


@router.get("/")
def start(reader: Reader) -> RedirectResponse:
    """Send visitors to the search page."""
    return RedirectResponse("/search", status_code=307)


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    reader: Reader,
    q: Annotated[str, Query(max_length=500)] = "",
    limit: PageSize = DEFAULT_PAGE_SIZE,
) -> HTMLResponse:
    """Search documents and evidence; every hit shows its matched words highlighted."""
    hits = []
    with open_request_store(request) as store:
        summary = store.summary()
        if q.strip():
            hits = [
                (hit, mark_matches(hit.snippet))
                for hit in store.search(q, limit, highlight=(MATCH_START, MATCH_END))
            ]
    return render(request, "search.html",
                  {"title": "Search", "q": q, "hits": hits, "summary": summary})


@router.get("/deals", response_class=HTMLResponse)
def deals_page(
    request: Request, reader: Reader, limit: PageSize = DEFAULT_PAGE_SIZE, offset: Offset = 0
) -> HTMLResponse:
    """List deals, latest first."""
    with open_request_store(request) as store:
        deal_filter = DealFilter(limit=limit, offset=offset)
        found = list(store.iter_deals(deal_filter))
        total = store.count_deals(deal_filter)
    return render(request, "deals.html",
                  {"title": "Deals", "deals": found, "total": total, "offset": offset,
                   "limit": limit})


@router.get("/deals/{deal_id}", response_class=HTMLResponse)
def deal_page(request: Request, deal_id: str, reader: Reader) -> HTMLResponse:
    """Show one deal: status timeline, slots, and every piece of evidence."""
    with open_request_store(request) as store:
        found = store.get_deal(deal_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no deal with id {deal_id}")
    return render(request, "deal.html", {"title": f"Deal {found.id}", "deal": found})
