"""Names in the web filters (issue 14, items 1 and 2): `/deals?supplier=France`, the API
and the downloads read names, demonyms and weapon aliases as the command line does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.cli_register import build_register

from armstrace.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("web-names") / "register.db"
    build_register(db)
    with TestClient(create_app(str(db), secret_key="names-test-key")) as test_client:
        yield test_client


@pytest.mark.parametrize(
    ("query", "field", "stored"),
    [
        ("supplier=France", "supplier", "FRA"),
        ("supplier=russian", "supplier", "RUS"),
        ("recipient=Turkiye", "recipient", "TUR"),
        ("recipient=hezbollah", "recipient_name", "Hezbollah"),
        ("weapon=F16", "weapon", "F-16"),
        ("weapon=Fighting%20Falcon", "weapon", "F-16"),
        ("weapon=S400", "weapon", "S-400"),
        ("recipient=an%20unnamed%20buyer", "recipient_name", "an unnamed buyer"),
    ],
)
@pytest.mark.parametrize("route", ["/api/deals", "/api/records"])
def test_api_filters_read_names(
    client: TestClient, route: str, query: str, field: str, stored: str
) -> None:
    response = client.get(f"{route}?{query}")
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert items and {item[field] for item in items} == {stored}


def test_deals_page_filters_by_country_name(client: TestClient) -> None:
    france = client.get("/deals?supplier=France")
    assert france.status_code == 200
    assert "Rafale" in france.text and "S-400" not in france.text


def test_deals_download_filters_by_weapon_alias(client: TestClient) -> None:
    response = client.get("/deals.csv?weapon=Fighting%20Falcon")
    assert response.status_code == 200
    assert "F-16" in response.text and "Rafale" not in response.text


@pytest.mark.parametrize(
    ("query", "wanted"),
    [("supplier=Rusia", "close: Russia (RUS)"), ("weapon=Rafael", "close: Rafale"),
     ("recipient=XXX", "names no state")],
)
def test_unknown_names_are_a_422_with_close_matches(
    client: TestClient, query: str, wanted: str
) -> None:
    response = client.get(f"/api/deals?{query}")
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert wanted in error["msg"]
    assert error["loc"] == ["query", query.split("=")[0]]


@pytest.mark.parametrize("typed", ["F16", "f-16", "Fighting Falcon", "F-16C"])
def test_weapon_search_reads_aliases(client: TestClient, typed: str) -> None:
    page = client.get("/weapons", params={"q": typed})
    assert page.status_code == 200
    assert 'href="/weapons/F-16"' in page.text
    assert 'href="/weapons/Rafale"' not in page.text
