"""What the overview (`/`) and the facets beside the Deals list count, from a store.

Every count comes with the query string of the list that shows exactly what was
counted (`/deals?supplier=FRA`, `/review?state=unreviewed`), so each figure on a
page is a link into its rows. A deal counts in a year when it was seen in the news
during that year (first seen on or before its end, last seen on or after its
start): what `/deals?since=YYYY-01-01&until=YYYY-12-31` selects.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from armstrace.model import STATUSES, Record
from armstrace.store import DealFilter, DealSummary, RecordFilter, Store

# Rows of each facet and of the overview's top lists; the rest is one click away.
FACET_ROWS = 8
TOP_PARTIES = 10
LATEST_DEALS = 10


@dataclass(frozen=True)
class Count:
    """One figure: what is counted (`key`), its label, how many, and the filters
    (query parameters) that list those rows."""

    key: str
    label: str
    count: int
    filters: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Facet:
    """Counts of the listed rows by one field (`name`), largest first."""

    name: str
    parameter: str
    counts: tuple[Count, ...]
    more: int  # values left out past FACET_ROWS


def year_filters(year: int) -> tuple[tuple[str, str], ...]:
    """Return the since/until parameters selecting one calendar year."""
    return (("since", f"{year}-01-01"), ("until", f"{year}-12-31"))


def deal_years(deal: DealSummary) -> range:
    """Return the years a deal was seen in the news (none when it has no date)."""
    first = deal.first_seen or deal.last_seen
    last = deal.last_seen or deal.first_seen
    if first is None or last is None:
        return range(0)
    return range(first.year, last.year + 1)


def party_label(code: str, names: Mapping[str, str]) -> str:
    """Return a state's name for its code, or the party as given (a non-state name)."""
    return names.get(code, code)


def deal_facets(deals: Iterable[DealSummary], names: Mapping[str, str],
                chosen: Mapping[str, object]) -> tuple[Facet, ...]:
    """Return the facets of a list of deals: status, category, supplier, recipient, year.

    A facet whose filter is already `chosen` (set in the query) is left out: it has one value.
    """
    by_field: dict[str, Counter[str]] = {name: Counter() for name in
                                         ("status", "category", "supplier", "recipient", "year")}
    for deal in deals:
        by_field["status"][deal.status] += 1
        by_field["category"][deal.category] += 1
        for side in ("supplier", "recipient"):
            for party in _parties_on(deal, side):
                by_field[side][party] += 1
        for year in deal_years(deal):
            by_field["year"][str(year)] += 1
    facets = []
    for field, counts in by_field.items():
        if field == "year" and (chosen.get("since") or chosen.get("until")):
            continue
        if field != "year" and chosen.get(field):
            continue
        facets.append(_facet(field, counts, names))
    return tuple(facets)


def _parties_on(deal: DealSummary, side: str) -> tuple[str, ...]:
    """Return the parties the Deals list's supplier or recipient filter matches for a deal:
    a co-production partner is either party (store/sql.py `deal_where`)."""
    if deal.kind == "coproduction":
        return deal.partners
    if side == "supplier":
        party = deal.supplier or deal.supplier_name
    else:
        party = deal.recipient or deal.recipient_name
    return (party,) if party else ()


def _facet(field: str, counts: Counter[str], names: Mapping[str, str]) -> Facet:
    if field == "year":
        ordered = sorted(counts.items(), reverse=True)
    elif field == "status":
        ordered = sorted(counts.items(), key=lambda item: STATUSES.index(item[0]))
    else:
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = ordered[:FACET_ROWS]
    return Facet(
        name=field, parameter=field,
        counts=tuple(Count(key=value, count=count,
                           label=party_label(value, names) if field in ("supplier", "recipient")
                           else value,
                           filters=year_filters(int(value)) if field == "year"
                           else ((field, value),))
                     for value, count in shown),
        more=len(ordered) - len(shown),
    )


@dataclass(frozen=True)
class Overview:
    """The register at a glance: totals, activity by year, top parties, latest deals."""

    documents: int
    records: int
    deals: int
    unreviewed: int
    deals_by_year: tuple[Count, ...]
    records_by_year: tuple[Count, ...]
    top_suppliers: tuple[Count, ...]
    top_recipients: tuple[Count, ...]
    by_status: tuple[Count, ...]
    latest: tuple[DealSummary, ...]


def overview_of(store: Store, names: Mapping[str, str]) -> Overview:
    """Return the overview of everything in the store (rejected records left out)."""
    deals = list(store.iter_deal_summaries(DealFilter()))
    summary = store.summary()
    facets = {facet.name: facet for facet in deal_facets(deals, names, {})}
    years: Counter[int] = Counter(year for deal in deals for year in deal_years(deal))
    return Overview(
        documents=summary.documents,
        records=store.count_records(RecordFilter()),
        deals=len(deals),
        unreviewed=store.count_records(RecordFilter(review_state="unreviewed")),
        deals_by_year=tuple(Count(str(year), str(year), count, year_filters(year))
                            for year, count in sorted(years.items())),
        records_by_year=_records_by_year(store.iter_records(RecordFilter())),
        top_suppliers=_top(deals, names, "supplier"),
        top_recipients=_top(deals, names, "recipient"),
        by_status=facets["status"].counts,
        latest=tuple(sorted(deals, key=_latest_first)[:LATEST_DEALS]),
    )


def _latest_first(deal: DealSummary) -> tuple[int, str]:
    seen = deal.last_seen or deal.first_seen or dt.date.min
    return (-seen.toordinal(), deal.id)


def _top(deals: list[DealSummary], names: Mapping[str, str], side: str) -> tuple[Count, ...]:
    """Return the states (and named non-state parties) with most deals on one side,
    counted as the Deals list the figure links to filters them (a co-production partner is
    on either side)."""
    counts: Counter[str] = Counter()
    for deal in deals:
        for party in _parties_on(deal, side):
            counts[party] += 1
    return tuple(Count(party, party_label(party, names), count, ((side, party),))
                 for party, count in sorted(counts.items(),
                                            key=lambda item: (-item[1], item[0]))[:TOP_PARTIES])


def _records_by_year(records: Iterable[Record]) -> tuple[Count, ...]:
    """Count records by the year of their date (else their document's publication), as
    the record filters' since/until read it."""
    years: Counter[int] = Counter()
    for record in records:
        if record.date is not None:
            years[record.date.year] += 1
        elif record.document.published is not None:
            years[record.document.published.year] += 1
    return tuple(Count(str(year), str(year), count, (("state", "any"), *year_filters(year)))
                 for year, count in sorted(years.items()))


def with_filters(path: str, count: Count, base: Iterable[tuple[str, str]] = ()) -> str:
    """Return the link listing what `count` counted: `path` with the base filters and its own."""
    from urllib.parse import urlencode

    parameters = dict(base)
    parameters.update(count.filters)
    query = urlencode({key: value for key, value in parameters.items() if value})
    return f"{path}?{query}" if query else path

