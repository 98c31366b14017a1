"""The HTML pages: Search, Deals (with CSV/JSON download), a Deal, a Document."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from armstrace.merge import deal_history
from armstrace.model import (
    CATEGORIES,
    STATUSES,
    Deal,
    Document,
    Money,
    Record,
    StatedValue,
    site_of,
)
from armstrace.store import DealSummary, RecordFilter, Store
from armstrace.store.sql import search_terms
from armstrace.values import ValueTables, money_line
from armstrace.web.app import WEB_FOLDER
from armstrace.web.cache import PageCache
from armstrace.web.convert import record_parties, record_state
from armstrace.web.dependencies import (
    Reader,
    open_request_store,
    render,
    resolve_query_names,
    signed_in_user,
    state_names,
    value_tables,
)
from armstrace.web.downloads import download_links
from armstrace.web.highlight import (
    MATCH_END,
    MATCH_START,
    Span,
    archive_link,
    excerpt_around,
    mark_matches,
    mark_spans,
    mark_words,
    safe_link,
)
from armstrace.web.overview import deal_facets, overview_of, with_filters
from armstrace.web.pages_sipri import deal_sipri, deals_not_in_sipri
from armstrace.web.review import review_form_context
from armstrace.web.schemas import DealQuery, SearchQuery
from armstrace.web.searching import run_search
from armstrace.web.urls import with_query

router = APIRouter(include_in_schema=False)

ItemId = Annotated[str, Path(max_length=64)]
# Decisions shown on a Deal page; the rest are on /log?id=DEAL.
_HISTORY_SHOWN = 50
# Characters of context around an evidence sentence on the deal page.
_EXCERPT_CONTEXT = 280
# Deal table columns: (sort key or None, heading).
DEAL_COLUMNS = (
    ("supplier", "Supplier"),
    ("recipient", "Recipient"),
    ("weapon", "Weapon"),
    ("category", "Category"),
    (None, "Quantity"),
    (None, "Value"),
    ("status", "Status"),
    ("first_seen", "First seen"),
    ("last_seen", "Last seen"),
    ("sources", "Sources"),
)


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, reader: Reader) -> HTMLResponse:
    """Show the register at a glance; every figure links to the rows it counts."""
    cache: PageCache = request.app.state.page_cache
    names = state_names(request)
    content = cache.get(("overview",), lambda: _overview_content(request, names))
    return render(request, "overview.html", {"title": "Overview", "content": content})


def _overview_content(request: Request, names: dict[str, str]) -> Markup:
    with open_request_store(request) as store:
        overview = overview_of(store, names)
    templates: Jinja2Templates = request.app.state.templates
    return Markup(templates.get_template("_overview_content.html").render({
        "overview": overview, "names": names, "with_filters": with_filters,
        "shown": [shown_deal(deal, names) for deal in overview.latest],
    }))


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    """Answer browsers that ask for /favicon.ico with the site's icon (an SVG)."""
    return FileResponse(WEB_FOLDER / "static" / "favicon.svg", media_type="image/svg+xml",
                        headers={"Cache-Control": "public, max-age=86400"})


@router.get("/search", response_class=HTMLResponse)
async def search_page(
    request: Request, reader: Reader, page: Annotated[SearchQuery, Query()]
) -> HTMLResponse:
    """Search documents and evidence; every hit shows its matched words highlighted."""
    found = await run_search(
        request, lambda store: _search_hits(store, resolve_query_names(request, page, store)))
    return render(request, "search.html", {
        "title": "Search", "page": page, "statuses": STATUSES, "categories": CATEGORIES,
        "countries": country_choices(state_names(request)), **found,
    })


def _search_hits(store: Store, page: SearchQuery) -> dict[str, Any]:
    """Return what the Search page shows of the store: the hits, their count, the summary."""
    words = search_terms(page.q)
    records = page.record_filter(paged=False) if page.has_filters() else None
    hits: list[dict[str, Any]] = []
    total = 0
    summary = store.summary()
    if words:
        total = store.count_search(page.q, records=records)
        found = store.search(page.q, page.limit, highlight=(MATCH_START, MATCH_END),
                             records=records, offset=page.offset, order=page.sort)
        for hit in found:
            evidence = list(store.iter_records(dataclasses.replace(
                page.record_filter(paged=False), document_id=hit.document_id)))
            hits.append({
                "hit": hit,
                "snippet": mark_matches(hit.snippet),
                "sentences": _matching_sentences(evidence, words),
            })
    return {"hits": hits, "total": total, "summary": summary}


def _matching_sentences(records: list[Record], words: list[str]) -> list[dict[str, Any]]:
    """Return the evidence sentences of the records, once each, matched words marked;
    sentences holding a query word first."""
    seen: dict[tuple[int, int], dict[str, Any]] = {}
    lowered = [word.strip('"').lower() for word in words]
    for record in records:
        key = (record.evidence.start, record.evidence.end)
        if key in seen:
            seen[key]["records"].append(record)
            continue
        text = record.evidence.text
        seen[key] = {
            "html": mark_words(text, words),
            "matches": any(word and word in text.lower() for word in lowered),
            "records": [record],
        }
    return sorted(seen.values(), key=lambda item: not item["matches"])


@router.get("/deals", response_class=HTMLResponse)
def deals_page(
    request: Request, reader: Reader, page: Annotated[DealQuery, Query()]
) -> HTMLResponse:
    """List deals: sortable, filterable, paged; the download links give exactly this page."""
    # The page below the header depends on the query string and the store only (the
    # links keep the query as written): made once per query until the store changes.
    cache: PageCache = request.app.state.page_cache
    names = state_names(request)
    content = cache.get(("deals", request.url.query),
                        lambda: _deals_content(request, page, names))
    return render(request, "deals.html", {"title": "Deals", "content": content})


def _deals_content(request: Request, page: DealQuery, names: dict[str, str]) -> Markup:
    """Return the Deals page's HTML below the site header: form, facets, count, table, pager."""
    deal_filter = resolve_query_names(request, page).deal_filter()
    no_release = False
    with open_request_store(request) as store:
        everything = dataclasses.replace(deal_filter, limit=None, offset=0)
        if page.not_in_sipri:
            missing = deals_not_in_sipri(request, store, everything)
            no_release = missing is None  # nothing to compare with: no deal is listed
            matching = [DealSummary.of(deal) for deal in (missing[0] if missing else [])]
        else:
            # List lines, not whole deals: the list shows no evidence, so none is decoded.
            matching = list(store.iter_deal_summaries(everything))
    shown = matching[page.offset:page.offset + page.limit]
    tables = value_tables(request)
    templates: Jinja2Templates = request.app.state.templates
    return Markup(templates.get_template("_deals_content.html").render({
        "request": request, "deals": [shown_deal(summary, names, tables) for summary in shown],
        "total": len(matching), "page": page,
        "facets": deal_facets(matching, names, page.model_dump()),
        "headers": _deal_headers(request, page), "statuses": STATUSES, "categories": CATEGORIES,
        "countries": country_choices(names), "no_release": no_release,
        "deal_downloads": download_links("deals"), "record_downloads": download_links("records"),
    }))


def country_choices(names: Mapping[str, str]) -> list[tuple[str, str]]:
    """Return (code, name) of every state, by name: the filters' country picker."""
    return sorted(names.items(), key=lambda item: item[1])


@dataclasses.dataclass(frozen=True)
class ShownDeal:
    """One line of the Deals table as the page shows it: every cell a plain string.

    Made in Python, so the template only writes (and escapes) strings: no macro
    call per cell, which is where the page's time went (docs/performance.md).
    """

    id: str
    parties: str
    parties_code: str
    coproduction: bool
    recipient: str
    recipient_code: str
    weapon: str
    category: str
    quantity: str
    quantity_conflict: bool
    value: str
    value_conflict: bool
    status: str
    first_seen: str
    last_seen: str
    sources: int


def shown_deal(deal: DealSummary, names: Mapping[str, str] | None = None,
               tables: ValueTables | None = None) -> ShownDeal:
    """Return the Deals table line of a deal: states by their name in `names` (code -> name),
    the codes kept beside them; values also in constant dollars where `tables` can (priced
    in the year the deal was first reported)."""
    names = names or {}
    year = deal.first_seen.year if deal.first_seen else None
    coproduction = deal.kind == "coproduction"
    supplier = deal.supplier or deal.supplier_name
    return ShownDeal(
        id=deal.id,
        parties=(" + ".join(names.get(code, code) for code in deal.partners) if coproduction
                 else names.get(supplier, supplier) if supplier else "?"),
        parties_code=_codes(deal.partners if coproduction else (deal.supplier,), names),
        coproduction=coproduction,
        recipient=names.get(deal.recipient, deal.recipient) if deal.recipient
        else deal.recipient_name or "",
        recipient_code=_codes((deal.recipient,), names),
        weapon=deal.weapon,
        category=deal.category,
        quantity=_stated_line(deal.quantity_ordered or deal.quantity_delivered, year, tables),
        quantity_conflict=bool({"quantity_ordered", "quantity_delivered"} & set(deal.conflicts)),
        value=" / ".join(filter(None, (
            _stated_line(deal.value, year, tables),
            *(f"{money_line(value, year, tables)} (package)"
              for value in deal.package_values)))),
        value_conflict="value" in deal.conflicts,
        status=deal.status,
        first_seen=deal.first_seen.isoformat() if deal.first_seen else "",
        last_seen=deal.last_seen.isoformat() if deal.last_seen else "",
        sources=deal.source_count,
    )


def _codes(codes: tuple[str | None, ...], names: Mapping[str, str]) -> str:
    """Return the ISO codes shown beside states' names ("" where a name is not a state's)."""
    return " + ".join(code for code in codes if code and code in names)


def _stated_line(values: tuple[StatedValue, ...], year: int | None = None,
                 tables: ValueTables | None = None) -> str:
    """Return the values a slot was given, "12,000,000 USD / 15,000,000 USD"."""
    return " / ".join(
        money_line(item.value, year, tables) if isinstance(item.value, Money)
        else str(item.value)
        for item in values
    )


def _deal_headers(request: Request, page: DealQuery) -> list[dict[str, Any]]:
    """Return the Deals table's headings: a sort link (the other order when active)
    and an arrow on the active column."""
    headers: list[dict[str, Any]] = []
    for key, heading in DEAL_COLUMNS:
        header: dict[str, Any] = {"heading": heading, "href": None, "arrow": "",
                                  "number": heading == "Sources"}
        if key:
            active = page.sort == key
            next_order = "asc" if active and page.order == "desc" else "desc"
            header["href"] = with_query(request, sort=key, order=next_order, offset=0)
            if active:
                header["arrow"] = " ▼" if page.order == "desc" else " ▲"
        headers.append(header)
    return headers


@router.get("/deals/{deal_id}", response_class=HTMLResponse)
def deal_page(request: Request, deal_id: ItemId, reader: Reader) -> HTMLResponse:
    """Show one deal: status timeline, slots with conflicts, every evidence in its excerpt."""
    return show_deal_page(request, deal_id)


def show_deal_page(request: Request, deal_id: str, form_error: str | None = None,
                   typed: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
    """Render a Deal page with its history; a refused merge or split shows its form again
    as typed (`typed["form"]` names which), with `form_error` saying why."""
    cache: PageCache = request.app.state.page_cache
    shown = cache.get(("deal", deal_id), lambda: _deal_context(request, deal_id))
    with open_request_store(request) as store:
        history_total, history = deal_history(store, shown["deal"], limit=_HISTORY_SHOWN)
    return render(request, "deal.html", {
        **shown, "can_review": signed_in_user(request) is not None,
        "entries": history, "history_total": history_total,
        "form_error": form_error, "typed": typed or {},
    }, status_code=status_code)


def _deal_context(request: Request, deal_id: str) -> dict[str, Any]:
    """Return what the Deal page shows of a deal, whoever looks (404 when there is none):
    its HTML down to the review forms as `content`, and what those forms need.

    Kept by the page cache and shared between requests: nothing in it is changed.
    """
    with open_request_store(request) as store:
        found = store.get_deal(deal_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no deal with id {deal_id}")
        documents = _documents_of(store, found)
        sipri = deal_sipri(request, store, found)
    evidence = []
    for item in found.evidence:
        document = documents.get(item.document_id)
        evidence.append({"item": item, "excerpt": _excerpt(document, item.evidence.start,
                                                           item.evidence.end,
                                                           item.evidence.text),
                         "link": safe_link(item.url), "outlet": site_of(item.url),
                         "archive": archive_link(item.url)})
    names, tables = state_names(request), value_tables(request)
    year = found.first_seen.year if found.first_seen else None  # the values' year
    slots = [
        ("Quantity ordered", "quantity_ordered", found.quantity_ordered),
        ("Quantity delivered", "quantity_delivered", found.quantity_delivered),
        ("Value", "value", found.value),
    ]
    shown = {
        "title": f"Deal: {_deal_title(found, names)}", "deal": found, "evidence": evidence,
        "slots": [(label, [_stated(item, year, tables) for item in stated],
                   name in found.conflict_slots) for label, name, stated in slots],
        "packages": [(package, money_line(package.value, year, tables))
                     for package in found.packages],
        "parties": _parties(found, names), "sipri": sipri,
    }
    templates: Jinja2Templates = request.app.state.templates
    # Everything above the review forms, the same for every visitor: rendered once.
    shown["content"] = Markup(templates.get_template("_deal_content.html").render(shown))
    return shown


def _documents_of(store: Store, deal: Deal) -> dict[str, Document]:
    documents = {}
    for document_id in dict.fromkeys(item.document_id for item in deal.evidence):
        document = store.get_document(document_id)
        if document is not None:
            documents[document_id] = document
    return documents


def _excerpt(document: Document | None, start: int, end: int, sentence: str) -> Any:
    """Return the evidence highlighted inside an excerpt of its document (escaped)."""
    if document is None or not 0 <= start < end <= len(document.text):
        return mark_spans(sentence, [Span(0, len(sentence), "record")])
    low, high = excerpt_around(document.text, start, end, _EXCERPT_CONTEXT)
    text = document.text[low:high]
    marked = mark_spans(text, [Span(start - low, end - low, "record")])
    return ("… " if low > 0 else "") + marked + (" …" if high < len(document.text) else "")


def _stated(item: StatedValue, year: int | None, tables: ValueTables) -> dict[str, Any]:
    value = item.value
    text = money_line(value, year, tables) if isinstance(value, Money) else f"{value:,}"
    return {"text": text, "records": item.record_ids}


def _parties(deal: Deal, names: Mapping[str, str]) -> str:
    """Return "France → Serbia" (states by name), or the partners of a co-production."""
    if deal.kind == "coproduction":
        return " + ".join(names.get(code, code) for code in deal.partners) + " (co-production)"
    supplier = deal.supplier or deal.supplier_name or "?"
    recipient = deal.recipient or deal.recipient_name or "?"
    return f"{names.get(supplier, supplier)} → {names.get(recipient, recipient)}"


def _deal_title(deal: Deal, names: Mapping[str, str]) -> str:
    return f"{deal.weapon}, {_parties(deal, names)}"


# `:path`: ids from the sources may hold `/` (links encode it as %2F, which arrives decoded).
@router.get("/documents/{document_id:path}", response_class=HTMLResponse)
def document_page(request: Request, document_id: ItemId, reader: Reader) -> HTMLResponse:
    """Show a stored document's text with every record highlighted at its offsets."""
    with open_request_store(request) as store:
        document = store.get_document(document_id)
        if document is None:
            raise HTTPException(status_code=404, detail=f"no document with id {document_id}")
        records = list(store.iter_records(document_records(document_id)))
        deal_ids = store.deal_ids_of_records([record.id for record in records])
    spans = [
        Span(record.evidence.start, record.evidence.end,
             "record rejected" if record_state(record) == "rejected" else "record",
             anchor=f"record-{record.id}",
             title=f"{record.status}: {record.weapon}")
        for record in records
        # By the offsets, which the contract ties to the stored text, even where the
        # extractor's copy of the sentence differs from it (markup characters blanked).
        if 0 <= record.evidence.start < record.evidence.end <= len(document.text)
    ]
    return render(request, "document.html", {
        "title": document.title or document.id, "document": document,
        "text": mark_spans(document.text, spans), "records": records, "deal_ids": deal_ids,
        "parties": {record.id: record_parties(record, state_names(request))
                    for record in records},
        "link": safe_link(document.url), "record_state": record_state,
        # The outlet, never `document.source`: for a file that is a path on the server.
        "outlet": site_of(document.url), "archive_link": archive_link(document.url),
        "can_review": signed_in_user(request) is not None, **review_form_context(),
    })


def document_records(document_id: str) -> RecordFilter:
    """Return the filter for every record of a document, rejected ones included."""
    return RecordFilter(document_id=document_id, include_rejected=True)
