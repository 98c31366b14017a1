"""The alerts of the watchlists as an Atom feed: `GET /alerts.atom[?watchlist=ID]`."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from armstrace.alerts import render_alerts_atom
from armstrace.web.dependencies import Reader, open_request_store, settings_of

router = APIRouter()

# Feed readers poll often; the newest 100 alerts are what a reader has not seen yet.
FEED_ALERTS = 100


# Out of the OpenAPI schema, like the HTML pages: it documents the JSON API under /api/.
@router.get("/alerts.atom", response_class=Response, include_in_schema=False)
def alerts_feed(
    request: Request,
    reader: Reader,
    watchlist: Annotated[str | None, Query(max_length=64,
                                           description="Only this watchlist's alerts.")] = None,
) -> Response:
    """Return the newest alerts (of one watchlist, or all) as an Atom 1.0 feed."""
    # From the configured address, never the request's Host header: a client chooses that,
    # and a cache or feed aggregator would keep its links for every reader.
    site_url = settings_of(request).base_url
    query = urlencode({"watchlist": watchlist}) if watchlist else ""
    with open_request_store(request) as store:
        atom = render_alerts_atom(
            store.iter_alerts(watchlist, limit=FEED_ALERTS),
            feed_url=f"{site_url or '/'}alerts.atom" + (f"?{query}" if query else ""),
            site_url=site_url or "/",
        )
    return Response(atom, media_type="application/atom+xml; charset=utf-8")
