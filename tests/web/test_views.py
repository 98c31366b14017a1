"""What an analyst sees (issue 14): sources on every evidence, no server paths, the icon,
charts only where there is something to draw."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armstrace.store import DealFilter, RecordFilter, open_store


def test_favicon_is_served_not_404(client: TestClient) -> None:
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert 'rel="icon"' in client.get("/deals").text


def test_document_page_shows_the_outlet_not_the_server_path(client: TestClient,
                                                            register_db: Path) -> None:
    with open_store(register_db) as store:
        documents = {record.document.id: record.document
                     for record in store.iter_records(RecordFilter())}
    for document in documents.values():
        page = client.get(f"/documents/{document.id}").text
        source_line = re.search(r'<p class="muted" id="document-source">(.*?)</p>', page,
                                re.S).group(1)
        assert document.source not in page
        assert "/" not in re.sub(r"<[^>]*>|https?://\S+", "", source_line), source_line


def test_document_page_links_the_article_and_its_archived_copy(client: TestClient) -> None:
    from .conftest import HOSTILE

    page = client.get(f"/documents/{HOSTILE.id}").text

    assert "example.org" in page  # the outlet
    assert 'class="archive-link"' in page
    assert "https://web.archive.org/web/https://example.org/rafale" in page


def test_every_evidence_names_its_outlet(client: TestClient, register_db: Path) -> None:
    with open_store(register_db) as store:
        deal = max(store.iter_deals(DealFilter()), key=lambda item: len(item.evidence))
    page = client.get(f"/deals/{deal.id}").text

    outlets = re.findall(r'<span class="outlet">([^<]*)</span>', page)
    assert len(outlets) == len(deal.evidence)


def test_state_page_draws_no_chart_for_a_side_without_deals(client: TestClient,
                                                            register_db: Path) -> None:
    with open_store(register_db) as store:
        deals = list(store.iter_deals(DealFilter()))
    suppliers = {deal.supplier for deal in deals if deal.supplier}
    recipients = {deal.recipient for deal in deals if deal.recipient}
    only_supplies = sorted(suppliers - recipients)
    assert only_supplies, "the test register has no state that only supplies"

    page = client.get(f"/states/{only_supplies[0]}").text

    assert 'id="chart-supplies"' in page
    assert 'id="chart-receives"' not in page


# --- the overview and the facets: every figure is the count of the list it links to ---------


def _linked_counts(page: str, block_id: str) -> list[tuple[str, int]]:
    """Return (link, count) of each line of a ranking or facet on a page."""
    block = re.search(rf'id="{block_id}"(.*?)</(?:ol|section)>', page, re.S).group(1)
    return [(html.unescape(link), int(count)) for link, count in re.findall(
        r'<a href="([^"]+)">[^<]*</a>.*?<span class="count">(\d+)</span>', block, re.S)]


def _listed(client: TestClient, link: str) -> int:
    page = client.get(link).text
    return int(re.search(r'id="result-count"><strong>(\d+)</strong>', page).group(1))


@pytest.mark.parametrize("block_id", ["top-suppliers", "top-recipients", "by-status"])
def test_overview_figures_link_to_what_they_count(client: TestClient, block_id: str) -> None:
    page = client.get("/").text

    counts = _linked_counts(page, block_id)
    assert counts
    for link, count in counts:
        if block_id == "top-suppliers":  # co-productions count on the list, not in the ranking
            assert _listed(client, link) >= count
        else:
            assert _listed(client, link) == count, link


def test_overview_deals_by_year_link_to_the_deals_of_the_year(client: TestClient) -> None:
    page = client.get("/").text

    bars = re.findall(r'<a href="(/deals\?[^"]+)" aria-label="(\d{4}): (\d+)"', page)
    assert bars
    for link, _year, count in bars:
        assert _listed(client, html.unescape(link)) == int(count)


def test_overview_names_states_and_shows_the_review_backlog(client: TestClient,
                                                            register_db: Path) -> None:
    page = client.get("/").text

    with open_store(register_db) as store:
        unreviewed = store.count_records(RecordFilter(review_state="unreviewed"))
    assert re.search(rf'id="review-backlog"><strong>{unreviewed:,}</strong>', page)
    assert "United States</a>" in page and 'class="code">USA' in page


@pytest.mark.parametrize("facet", ["status", "category", "supplier", "recipient", "year"])
def test_deals_facets_count_what_their_link_lists(client: TestClient, facet: str) -> None:
    page = client.get("/deals").text

    counts = _linked_counts(page, f"facet-{facet}")
    assert counts
    for link, count in counts:
        assert _listed(client, link) == count, link


def test_a_chosen_filter_drops_its_facet_and_narrows_the_others(client: TestClient) -> None:
    page = client.get("/deals", params={"status": "delivered"}).text

    assert 'id="facet-status"' not in page
    total = int(re.search(r'id="result-count"><strong>(\d+)</strong>', page).group(1))
    assert sum(count for _, count in _linked_counts(page, "facet-category")) <= total
    assert all("status=delivered" in link for link, _ in _linked_counts(page, "facet-category"))


def test_deals_list_names_countries_with_their_code_beside(client: TestClient) -> None:
    page = client.get("/deals", params={"supplier": "FRA"}).text

    assert re.search(r'<td class="wrap">France <span class="code">FRA</span>', page)
    assert '<datalist id="countries">' in page and '<option value="FRA">France</option>' in page


# --- search: phrases, OR, by date (issue 14, item 15) ----------------------------------------


def _count(page: str) -> int:
    return int(re.search(r'id="result-count"><strong>(\d+)</strong>', page).group(1))


def test_search_page_finds_a_phrase_and_either_of_two_words(client: TestClient) -> None:
    drones = _count(client.get("/search", params={"q": "drones"}).text)
    rafale = _count(client.get("/search", params={"q": "Rafale"}).text)
    both = _count(client.get("/search", params={"q": "drones Rafale"}).text)

    either = _count(client.get("/search", params={"q": "drones OR Rafale"}).text)
    assert either == drones + rafale - both > max(drones, rafale)
    phrase = client.get("/search", params={"q": '"Rafale jets"'}).text
    assert 0 < _count(phrase) <= rafale
    assert _count(client.get("/search", params={"q": '"jets Rafale"'}).text) == 0


def test_search_sorts_by_date(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "drones OR Rafale", "sort": "newest",
                                             "limit": 50}).json()["items"]
    days = [hit["document"]["published"] for hit in hits if hit["document"]["published"]]
    assert len(days) > 2 and days == sorted(days, reverse=True)
    page = client.get("/search", params={"q": "drones", "sort": "oldest"}).text
    assert '<option value="oldest" selected>' in page


def test_search_of_too_many_or_choices_is_refused(client: TestClient) -> None:
    query = " ".join(f"w{n} OR v{n}" for n in range(7))  # 2 ** 7 combinations
    assert client.get("/api/search", params={"q": query}).status_code == 422


# --- values in constant dollars beside the original currency --------------------------------


def test_values_show_constant_dollars_beside_the_stated_currency(client: TestClient,
                                                                 register_db: Path) -> None:
    from armstrace.model import Money
    from armstrace.values import format_usd, load_value_tables

    with open_store(register_db) as store:
        deal = next(deal for deal in store.iter_deals(DealFilter())
                    if any(isinstance(item.value, Money) and item.value.currency == "EUR"
                           for item in deal.value))
    value = next(item.value for item in deal.value if isinstance(item.value, Money))
    constant = load_value_tables().constant_usd(value, deal.first_seen.year)
    assert constant is not None
    shown = (f"{value.amount:,} EUR (≈ {format_usd(constant.amount)}, "
             f"{constant.base_year} US$)")

    assert shown in html.unescape(client.get(f"/deals/{deal.id}").text)
    assert shown in html.unescape(client.get("/deals", params={"limit": 500}).text)


# --- the flow view ------------------------------------------------------------------------


def test_network_flow_bands_open_the_deals_they_draw(client: TestClient) -> None:
    page = client.get("/network").text

    bands = re.findall(r'<a href="(/deals\?[^"]+)" aria-label="([^"]+): (\d+)" class="flow">',
                       page)
    assert bands and 'id="flows"' in page
    for link, label, deals in bands:
        if "others" in label:
            continue
        # The same link as the graph's arrow: its deals, and any co-production of the pair.
        assert _listed(client, html.unescape(link)) >= int(deals), label
    assert "France" in page  # parties by name


def test_flows_pool_parties_past_the_largest_few() -> None:
    from armstrace.web.flows import OTHERS, SHOWN_PARTIES, Flow, pooled

    flows = [Flow(f"S{n}", "R", n + 1) for n in range(SHOWN_PARTIES + 5)]
    drawn = pooled(flows)

    assert len(drawn) == SHOWN_PARTIES + 1
    assert sum(flow.deals for flow in drawn) == sum(flow.deals for flow in flows)
    assert next(flow for flow in drawn if flow.supplier == OTHERS).deals == sum(range(1, 6))
