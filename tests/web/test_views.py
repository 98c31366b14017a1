"""What an analyst sees (issue 14): sources on every evidence, no server paths, the icon,
charts only where there is something to draw."""

from __future__ import annotations

import re
from pathlib import Path

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
