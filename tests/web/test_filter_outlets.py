"""The outlet filter on the web (issue 14): `/deals?outlet=reuters.com`, the API, the
Search and Review pages and every download take the site of the sources."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.store.builders import add_outlet_documents

from armstrace.store import SQLiteStore
from armstrace.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("web-outlets") / "register.db"
    with SQLiteStore(db) as store:
        add_outlet_documents(store)
    with TestClient(create_app(str(db), secret_key="outlets-test-key")) as test_client:
        yield test_client


@pytest.mark.parametrize("route", ["/api/deals", "/api/records"])
def test_api_filters_by_outlet(client: TestClient, route: str) -> None:
    response = client.get(f"{route}?outlet=www.bbc.co.uk")
    assert response.status_code == 200, response.text
    assert [item["recipient"] for item in response.json()["items"]] == ["LVA"]


def test_api_names_a_bad_outlet(client: TestClient) -> None:
    response = client.get("/api/deals?outlet=not%20a%20site")
    assert response.status_code == 422
    assert "outlet 'not a site' names no site" in response.text


@pytest.mark.parametrize("what", ["deals", "records"])
def test_downloads_hold_what_the_outlet_selects(client: TestClient, what: str) -> None:
    response = client.get(f"/download/{what}/jsonl?outlet=reuters.com")
    assert response.status_code == 200, response.text
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [line["recipient"] for line in lines] == ["EST"]


def test_deals_search_and_review_pages_filter_by_outlet(client: TestClient) -> None:
    deals = client.get("/deals?outlet=bbc.co.uk").text
    review = client.get("/review?outlet=bbc.co.uk").text
    search = client.get("/search?q=radars&outlet=bbc.co.uk").text
    table = deals[deals.index('id="deals"'):deals.index("</table>")]
    assert 'name="outlet" value="bbc.co.uk"' in deals
    assert "Latvia" in table and "Estonia" not in table
    assert review.count('id="review-row-') == 1 and "Latvia (LVA)" in review
    assert "bulletin 1" in search and "bulletin 0" not in search
