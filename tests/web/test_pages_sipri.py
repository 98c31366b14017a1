"""SIPRI on the web: /sipri/compare, a deal's SIPRI rows, "not in SIPRI", dependency chart.

The test register (the sample, the seed article, a hostile article) with the invented
seed rows of tests/sipri/files.py imported, as `armstrace sipri import` does.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.sipri.files import SEED_ROWS, write_register

from armstrace.dependency import Dependency, SupplierShare
from armstrace.knowledge import load_knowledge
from armstrace.sipri.compare import Window, store_comparer
from armstrace.sipri.register import read_register
from armstrace.store import open_store
from armstrace.web import create_app
from armstrace.web.pages_sipri import dependency_svg

from .conftest import SECRET, SEED


@pytest.fixture(scope="module")
def sipri_db(tmp_path_factory: pytest.TempPathFactory, register_db: Path) -> Path:
    if not SEED.is_file():
        pytest.skip(f"{SEED} is absent: the invented SIPRI rows are about the seed article")
    folder = tmp_path_factory.mktemp("web-sipri")
    db = folder / "sipri.db"
    shutil.copy(register_db, db)
    with open_store(db) as store:
        store.import_sipri_register(read_register(write_register(folder / "seed.csv",
                                                                 SEED_ROWS)))
    return db


@pytest.fixture
def sipri_client(sipri_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(sipri_db), secret_key=SECRET)) as test_client:
        yield test_client


def deal_links(html_text: str) -> list[str]:
    return re.findall(r'href="/deals/([0-9a-f]+)" class="deal-link"', html_text)


def section(page: str, element_id: str) -> str:
    return page.split(f'id="{element_id}"')[1].split("</table>")[0]


def test_compare_page_shows_the_three_lists(sipri_client: TestClient, sipri_db: Path) -> None:
    page = sipri_client.get("/sipri/compare?since=2015").text

    with open_store(sipri_db) as store:
        comparer = store_comparer(store, load_knowledge())
        assert comparer is not None
        expected = comparer.compare(store.iter_deals(), Window(since=2015))
    assert "In both: 3" in page
    assert sorted(deal_links(section(page, "matched"))) == sorted(
        item.deal.id for item in expected.matched)
    assert sorted(deal_links(section(page, "news-only-deals"))) == sorted(
        item.deal.id for item in expected.news_only)
    assert "number ordered: news 12, SIPRI 10" in section(page, "matched")
    rows = section(page, "sipri-only-rows")
    assert "Mistral" in rows and "Kirpi" in rows and "Gazelle" not in rows
    assert 'href="/deals?supplier=FRA&amp;recipient=SRB"' in rows


def test_compare_page_gives_each_news_only_deal_its_reason(sipri_client: TestClient) -> None:
    table = section(sipri_client.get("/sipri/compare?since=2015").text, "news-only-deals")

    assert table.count('class="reason"') == len(deal_links(table)) > 0
    assert "SIPRI records orders and deliveries, not &#39;planned&#39; deals" in table


def test_compare_page_window_leaves_later_rows_out(sipri_client: TestClient) -> None:
    page = sipri_client.get("/sipri/compare?since=2025&until=2030").text

    assert "In both: 0" in page
    assert "In SIPRI only, between pairs the news covers: 0" in page


def test_compare_page_refuses_a_window_in_reverse(sipri_client: TestClient) -> None:
    assert sipri_client.get("/sipri/compare?since=2024&until=2020").status_code == 422


def test_compare_page_without_a_release_says_how_to_import(client: TestClient) -> None:
    page = client.get("/sipri/compare").text

    assert 'id="no-release"' in page and "armstrace sipri import FILE" in page


def _deal_id(db: Path, weapon: str, recipient: str) -> str:
    with open_store(db) as store:
        return next(deal.id for deal in store.iter_deals()
                    if deal.weapon == weapon and deal.recipient == recipient)


def test_deal_page_shows_the_matched_sipri_row(sipri_client: TestClient, sipri_db: Path) -> None:
    page = sipri_client.get(f"/deals/{_deal_id(sipri_db, 'Rafale', 'SRB')}").text

    block = page.split('id="sipri"')[1]
    assert "SIPRI (2025-03-13 release), line 13: France -&gt; Serbia: Rafale (FGA aircraft)" in (
        block)
    assert "differs: number ordered: news 12, SIPRI 10" in block


def test_deal_page_says_why_sipri_does_not_record_a_deal(
    sipri_client: TestClient, sipri_db: Path
) -> None:
    page = sipri_client.get(f"/deals/{_deal_id(sipri_db, 'Bayraktar TB2', 'ALB')}").text

    assert "not recorded;" in page.split('id="sipri"')[1]


def test_deal_page_without_a_release_has_no_sipri_section(
    client: TestClient, register_db: Path
) -> None:
    assert 'id="sipri"' not in client.get(f"/deals/{_deal_id(register_db, 'Rafale', 'SRB')}").text


def test_deals_list_filters_deals_not_in_sipri(sipri_client: TestClient, sipri_db: Path) -> None:
    with open_store(sipri_db) as store:
        comparer = store_comparer(store, load_knowledge())
        assert comparer is not None
        missing = {deal.id for deal in store.iter_deals() if not comparer.rows_of(deal)}
        everything = {deal.id for deal in store.iter_deals()}

    page = sipri_client.get("/deals?not_in_sipri=true&limit=500").text
    download = sipri_client.get("/deals.json?not_in_sipri=true&limit=500").text

    assert set(deal_links(page)) == missing != everything
    assert f"<strong>{len(missing)}</strong> deals" in page
    assert {line.split('"id": "')[1][:16] for line in download.splitlines()} == missing


def test_api_deals_filters_deals_not_in_sipri(sipri_client: TestClient, sipri_db: Path) -> None:
    with open_store(sipri_db) as store:
        comparer = store_comparer(store, load_knowledge())
        assert comparer is not None
        missing = {deal.id for deal in store.iter_deals() if not comparer.rows_of(deal)}

    page = sipri_client.get("/api/deals?not_in_sipri=true&limit=500").json()

    assert {item["id"] for item in page["items"]} == missing
    assert page["total"] == len(missing)


def test_api_deals_not_in_sipri_without_a_release_is_a_conflict(client: TestClient) -> None:
    response = client.get("/api/deals?not_in_sipri=true")

    assert response.status_code == 409
    assert "no SIPRI register is imported" in response.json()["detail"]


def test_deals_list_pages_the_deals_not_in_sipri(sipri_client: TestClient) -> None:
    first = deal_links(sipri_client.get("/deals?not_in_sipri=true&limit=2").text)
    second = deal_links(sipri_client.get("/deals?not_in_sipri=true&limit=2&offset=2").text)

    assert len(first) == len(second) == 2 and not set(first) & set(second)


def test_deals_list_not_in_sipri_without_a_release_says_why(client: TestClient) -> None:
    page = client.get("/deals?not_in_sipri=true").text

    assert 'id="no-release"' in page and deal_links(page) == []


def test_state_page_draws_the_supplier_dependency(sipri_client: TestClient) -> None:
    page = sipri_client.get("/states/SRB?since=2015").text

    chart = page.split('<div class="chart-svg">')[1].split("</div>")[0]
    assert chart.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert ">France</text>" in chart
    summary = page.split('id="dependency-summary">')[1].split("</p>")[0]
    assert "by SIPRI TIV 10,000 (1 deal matched to SIPRI rows)" in summary
    table = section(page, "dependency-table")
    assert 'href="/deals?supplier=FRA&amp;recipient=SRB"' in table


def test_state_page_dependency_of_years_without_imports_draws_no_chart(
    sipri_client: TestClient,
) -> None:
    page = sipri_client.get("/states/SRB?since=2030").text

    assert "No import ordered or delivered in these years" in page
    assert '<div class="chart-svg"></div>' in page


def test_dependency_chart_draws_the_smallest_suppliers_as_one_bar() -> None:
    shares = tuple(SupplierShare(f"S{index:02}", 10 - index, 0, 0.0, (10 - index) / 55, None,
                                 None) for index in range(10))
    found = Dependency("UKR", Window(), shares, 55, 0, 0.0, 0, 0, 1500.0, None, None)

    chart = str(dependency_svg(found, {"S00": "<Ruritania>"}))

    assert "&lt;Ruritania&gt;</text>" in chart and "<Ruritania>" not in chart
    assert ">2 others</text>" in chart and ">S08</text>" not in chart
    assert chart.count("<rect") == 3 + 9 * 3  # the legend, then three bars a supplier
