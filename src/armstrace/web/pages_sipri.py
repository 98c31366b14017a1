"""SIPRI beside the news on the web: the comparison page, a deal's SIPRI rows, the
"not in SIPRI" deals filter and a state's supplier dependency chart.

`create_app` includes `router` (/sipri/compare). The comparer of the imported release
is built once per release and kept on `app.state` (rows read from the store, the
catalogue's aliases); the pages that use it are kept by the page cache like the
others, until the store changes.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from armstrace.dependency import Dependency, supplier_dependency
from armstrace.model import Deal
from armstrace.sipri.compare import Matched, SipriComparer, Window, store_comparer
from armstrace.sipri.rows import SipriRow
from armstrace.store import DealFilter, Store
from armstrace.web.cache import PageCache
from armstrace.web.dependencies import Reader, knowledge_of, open_request_store, render

router = APIRouter()

FIRST_YEAR, LAST_YEAR = 1900, 2100
# Suppliers drawn one by one in the dependency chart; the rest share one bar.
CHART_SUPPLIERS = 8


class YearWindow(BaseModel):
    """A window of years from a query string; blank fields mean open."""

    model_config = ConfigDict(extra="ignore")

    since: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="First year.")
    until: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Last year.")

    @field_validator("since", "until", mode="before")
    @classmethod
    def _blank_is_open(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _in_order(self) -> YearWindow:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        return self

    def window(self) -> Window:
        return Window(self.since, self.until)


def sipri_comparer_of(request: Request, store: Store) -> SipriComparer | None:
    """Return the comparer of the store's SIPRI release (kept per release), or None."""
    release = store.get_sipri_release()
    if release is None:
        return None
    kept = getattr(request.app.state, "sipri_comparer", None)
    if kept is not None and kept[0] == (release.digest, release.imported_at):
        comparer: SipriComparer = kept[1]
        return comparer
    found = store_comparer(store, knowledge_of(request))
    request.app.state.sipri_comparer = ((release.digest, release.imported_at), found)
    return found


@router.get("/sipri/compare", response_class=HTMLResponse, include_in_schema=False)
def compare_page(request: Request, reader: Reader,
                 years: Annotated[YearWindow, Query()]) -> HTMLResponse:
    """List deals in both SIPRI and the news, in the news only (why), in SIPRI only."""
    cache: PageCache = request.app.state.page_cache
    content = cache.get(("sipri-compare", request.url.query),
                        lambda: _compare_content(request, years))
    return render(request, "sipri_compare.html", {"title": "SIPRI and the news", **content})


def _compare_content(request: Request, years: YearWindow) -> dict[str, Any]:
    with open_request_store(request) as store:
        comparer = sipri_comparer_of(request, store)
        if comparer is None:
            return {"years": years, "release": None}
        comparison = comparer.compare(store.iter_deals(), years.window())
    return {
        "years": years, "release": comparison.release,
        "matched": [{"deal": item.deal, "parties": deal_parties(item.deal),
                     "rows": [sipri_cell(row) for row in item.rows],
                     "differences": item.differences} for item in comparison.matched],
        "news_only": [{"deal": item.deal, "parties": deal_parties(item.deal),
                       "reason": item.reason, "detail": item.detail}
                      for item in comparison.news_only],
        "sipri_only": [{"row": row, "cell": sipri_cell(row)} for row in comparison.sipri_only],
    }


def deal_sipri(request: Request, store: Store, deal: Deal) -> dict[str, Any] | None:
    """Return what the imported release says of a deal, for its page (None: no release)."""
    comparer = sipri_comparer_of(request, store)
    if comparer is None or comparer.release is None:
        return None
    release = comparer.release
    found = comparer.describe(deal)
    shown: dict[str, Any] = {
        "release": f"{release.generated:%Y-%m-%d}" if release.generated else "undated"}
    if isinstance(found, Matched):
        return {**shown, "rows": [{"line": row.line, "cell": sipri_cell(row)}
                                  for row in found.rows],
                "differences": found.differences}
    return {**shown, "rows": [], "reason": found.reason, "detail": found.detail}


def deals_not_in_sipri(request: Request, store: Store, deal_filter: DealFilter
                       ) -> tuple[list[Deal], int] | None:
    """Return the page of deals no SIPRI row records, and how many there are in all.

    None when no release is imported. The filter's limit and offset apply to the
    deals left after SIPRI's rows are matched, so a page is full.
    """
    comparer = sipri_comparer_of(request, store)
    if comparer is None:
        return None
    everything = dataclasses.replace(deal_filter, limit=None, offset=0)
    missing = [deal for deal in store.iter_deals(everything) if not comparer.rows_of(deal)]
    end = None if deal_filter.limit is None else deal_filter.offset + deal_filter.limit
    return missing[deal_filter.offset:end], len(missing)


def state_dependency(request: Request, store: Store, iso3: str, years: YearWindow,
                     names: dict[str, str]) -> dict[str, Any]:
    """Return a state's supplier dependency and its chart, for the State page."""
    found = supplier_dependency(store.iter_deals(DealFilter(recipient=iso3)), iso3,
                                years.window(), sipri_comparer_of(request, store))
    return {"dependency": found, "dependency_chart": dependency_svg(found, names),
            "years": years}


def dependency_svg(found: Dependency, names: dict[str, str]) -> Markup:
    """Draw each supplier's shares by deals, units and TIV as bars, in SVG (no script)."""
    if not found.shares:
        return Markup("")
    shares = list(found.shares[:CHART_SUPPLIERS])
    rest = found.shares[CHART_SUPPLIERS:]
    bars: list[tuple[str, tuple[float | None, ...]]] = [
        (names.get(share.supplier, share.supplier),
         (share.deal_share, share.unit_share, share.tiv_share)) for share in shares]
    if rest:
        bars.append((f"{len(rest)} others", (
            sum(share.deal_share for share in rest),
            sum(share.unit_share or 0.0 for share in rest),
            sum(share.tiv_share or 0.0 for share in rest))))
    label_width, bar_width, bar, gap = 150, 320, 9, 10
    height = len(bars) * (3 * bar + gap) + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="dependency-chart" '
             f'id="dependency-chart" viewBox="0 0 {label_width + bar_width + 50} {height}" '
             f'role="img" aria-labelledby="dependency-chart-title">',
             f'<title id="dependency-chart-title">Imports of {escape(found.recipient)} by '
             'supplier: shares of deals, units and SIPRI TIV</title>']
    legend = (("deals", "#3465a4"), ("units", "#73a946"), ("SIPRI TIV", "#c17d11"))
    for index, (text, colour) in enumerate(legend):
        x = label_width + index * 100
        parts.append(f'<rect x="{x}" y="2" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{x + 14}" y="11" font-size="11">{text}</text>')
    for row, (label, values) in enumerate(bars):
        top = 24 + row * (3 * bar + gap)
        parts.append(f'<text x="{label_width - 6}" y="{top + 2 * bar}" font-size="12" '
                     f'text-anchor="end">{escape(label)}</text>')
        for index, value in enumerate(values):
            y = top + index * bar
            width = round((value or 0.0) * bar_width, 1)
            shown = "–" if value is None else f"{value:.0%}"
            parts.append(f'<rect x="{label_width}" y="{y}" width="{width}" height="{bar - 1}" '
                         f'fill="{legend[index][1]}"><title>{escape(label)}, '
                         f'{legend[index][0]}: {shown}</title></rect>'
                         f'<text x="{label_width + width + 4}" y="{y + bar - 1}" '
                         f'font-size="9">{shown}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def deal_parties(deal: Deal) -> str:
    """Return "FRA -> SRB", a co-production's partners, or the names of non-state parties."""
    if deal.kind == "coproduction":
        return " + ".join(deal.partners)
    return (f"{deal.supplier or deal.supplier_name or '?'} -> "
            f"{deal.recipient or deal.recipient_name or '?'}")


def sipri_cell(row: SipriRow) -> str:
    """Return a SIPRI row as one line: designation, numbers, years, with SIPRI's '?' marks."""
    ordered = f"{row.number_ordered if row.number_ordered is not None else '?'}"
    years = "; ".join(map(str, row.delivery_years)) or "-"
    return (f"{row.supplier_name} -> {row.recipient_name}: {row.designation} "
            f"({row.description}), {ordered}{'?' if row.number_ordered_estimated else ''} "
            f"ordered {row.order_year or '?'}{'?' if row.order_year_estimated else ''}, "
            f"{row.number_delivered if row.number_delivered is not None else '?'} delivered "
            f"{years}")
