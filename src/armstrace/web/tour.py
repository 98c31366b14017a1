"""Every page of the web application, one example of each, chosen from a store.

The screenshot script (scripts/screenshots.py), the phone-width layout test and the
accessibility test all visit `site_pages(store)`, so a page added here is shot and
checked by all three.
"""

from __future__ import annotations

from urllib.parse import quote

from armstrace.store import DealFilter, RecordFilter, Store
from armstrace.web.urls import path_part


def site_pages(store: Store) -> dict[str, str]:
    """Return {page name: path} for every page type, its example the busiest of its kind."""
    deals = list(store.iter_deals(DealFilter()))
    pages = {
        "overview": "/",
        "search": "/search",
        "deals": "/deals",
        "network": "/network",
        "states": "/states",
        "weapons": "/weapons",
        "review": "/review",
        "log": "/log",
        "api": "/docs",
        "sipri": "/sipri/compare",
        "sign-in": "/login",
        "not-found": "/deals/no-such-deal",
    }
    if not deals:
        return pages
    deal = max(deals, key=lambda item: (len(item.evidence), item.id))
    record = next(iter(store.iter_records(RecordFilter(limit=1))), None)
    pages["search-results"] = f"/search?q={quote(deal.weapon)}"
    pages["deals-filtered"] = f"/deals?category={quote(deal.category)}"
    pages["deal"] = f"/deals/{path_part(deal.id)}"
    if record is not None:
        pages["document"] = f"/documents/{path_part(record.document.id)}"
        pages["record"] = f"/records/{path_part(record.id)}"
    state = deal.supplier or deal.recipient or (deal.partners[0] if deal.partners else None)
    if state:
        pages["state"] = f"/states/{state}"
    pages["weapon"] = f"/weapons/{quote(deal.weapon, safe='')}"
    return pages
