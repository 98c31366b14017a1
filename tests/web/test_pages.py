"""The pages over a real register: Search, Deals (and downloads), a Deal, a Document."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armstrace.export import DEAL_CSV_COLUMNS
from armstrace.store import DealFilter, RecordFilter, open_store

from .conftest import HOSTILE


def deal_links(page: str) -> list[str]:
    return re.findall(r'href="/deals/([0-9a-f]+)" class="deal-link"', page)


# --- search ---------------------------------------------------------------------------------


def test_search_counts_documents_and_marks_the_matched_words(client: TestClient) -> None:
    response = client.get("/search", params={"q": "drones"})

    assert response.status_code == 200
    count = int(re.search(r'id="result-count"><strong>(\d+)</strong>', response.text).group(1))
    assert count >= 2
    assert response.text.count('class="hit"') >= 2  # one list item per hit
    marked = re.findall(r'<mark class="hit">([^<]*)</mark>', response.text)
    assert marked and all(word.lower().startswith("drone") for word in marked)


def test_search_shows_the_evidence_sentences_of_each_hit(client: TestClient,
                                                         register_db: Path) -> None:
    response = client.get("/search", params={"q": "Rafale"})

    with open_store(register_db) as store:
        sentences = {r.evidence.text for r in store.iter_records(RecordFilter(weapon="Rafale"))}
    shown = html.unescape(re.sub(r"</?mark[^>]*>", "", response.text))
    assert sentences
    assert all(sentence in shown for sentence in sentences)


def test_search_filters_narrow_the_count(client: TestClient, register_db: Path) -> None:
    everything = client.get("/api/search", params={"q": "the"}).json()["total"]
    ordered = client.get("/api/search", params={"q": "the", "status": "ordered"}).json()

    with open_store(register_db) as store:
        expected = store.count_search("the", records=RecordFilter(status="ordered"))
    assert 0 < ordered["total"] == expected < everything
    for item in ordered["items"]:
        assert item["records"] and all(r["status"] == "ordered" for r in item["records"])


def test_search_page_keeps_filters_in_the_form_and_pages(client: TestClient) -> None:
    response = client.get("/search", params={"q": "the", "limit": 2, "category": "aircraft"})

    assert '<option selected>aircraft</option>' in response.text
    assert 'rel="next"' in response.text
    next_link = re.search(r'href="([^"]+)" rel="next"', response.text).group(1)
    assert "category=aircraft" in next_link and "offset=2" in next_link


def test_search_with_only_punctuation_is_an_empty_result(client: TestClient) -> None:
    response = client.get("/search", params={"q": '" * ( ) : ^ -'})

    assert response.status_code == 200


# --- deals ----------------------------------------------------------------------------------


def test_deals_page_shows_the_count_and_one_row_per_deal(client: TestClient,
                                                        register_db: Path) -> None:
    response = client.get("/deals", params={"limit": 500})

    with open_store(register_db) as store:
        total = store.count_deals()
    assert f"<strong>{total}</strong> deal" in response.text
    assert len(deal_links(response.text)) == total


def test_deals_page_lines_from_summaries_equal_lines_from_whole_deals(
    client: TestClient, register_db: Path
) -> None:
    from markupsafe import escape

    from armstrace.knowledge import load_knowledge
    from armstrace.store import DealSummary
    from armstrace.values import load_value_tables
    from armstrace.web.pages import shown_deal

    names = {state.iso3: state.name for state in load_knowledge().states}
    tables = load_value_tables()
    with open_store(register_db) as store:
        light = [shown_deal(summary, names, tables) for summary in store.iter_deal_summaries()]
        whole = [shown_deal(DealSummary.of(deal), names, tables) for deal in store.iter_deals()]
    page = client.get("/deals", params={"limit": 500}).text

    assert light == whole
    assert deal_links(page) == [line.id for line in light]
    # Every shown cell of every line is on the page (escaped as the template escapes it).
    for line in light:
        for cell in (line.parties, line.recipient, line.weapon, line.quantity, line.value,
                     line.last_seen):
            assert str(escape(cell)) in page


def test_deals_sort_by_weapon_both_ways(client: TestClient) -> None:
    ascending = client.get("/api/deals", params={"sort": "weapon", "order": "asc",
                                                 "limit": 500}).json()["items"]
    descending = client.get("/api/deals", params={"sort": "weapon", "order": "desc",
                                                  "limit": 500}).json()["items"]

    weapons = [deal["weapon"].lower() for deal in ascending]
    assert weapons == sorted(weapons)
    assert [deal["weapon"].lower() for deal in descending] == sorted(weapons, reverse=True)


def test_deals_header_links_sort_and_keep_filters(client: TestClient) -> None:
    response = client.get("/deals", params={"status": "delivered"})

    link = re.search(r'href="([^"]*sort=weapon[^"]*)"', response.text).group(1)
    assert "status=delivered" in link.replace("&amp;", "&")


def test_deals_filter_by_category_and_date(client: TestClient, register_db: Path) -> None:
    response = client.get("/deals", params={"category": "aircraft", "since": "2020-01-01",
                                            "limit": 500})

    with open_store(register_db) as store:
        import datetime as dt

        expected = [d.id for d in store.iter_deals(DealFilter(
            category="aircraft", since=dt.date(2020, 1, 1)))]
    assert expected
    assert deal_links(response.text) == expected


def test_deals_pages_do_not_overlap(client: TestClient) -> None:
    first = deal_links(client.get("/deals", params={"limit": 5}).text)
    second = deal_links(client.get("/deals", params={"limit": 5, "offset": 5}).text)

    assert len(first) == len(second) == 5
    assert not set(first) & set(second)


def test_csv_download_holds_every_match_not_the_page_shown(client: TestClient) -> None:
    query = {"sort": "sources", "order": "desc", "limit": 7, "offset": 3}
    download = client.get("/deals.csv", params=query)

    rows = list(csv.DictReader(io.StringIO(download.text)))
    everything = client.get("/api/deals", params={"sort": "sources", "order": "desc",
                                                  "limit": 500}).json()["items"]
    assert download.headers["content-type"].startswith("text/csv")
    assert "attachment" in download.headers["content-disposition"]
    assert tuple(rows[0]) == DEAL_CSV_COLUMNS
    assert len(everything) > 10
    assert [row["id"] for row in rows] == [deal["id"] for deal in everything]


def test_json_download_holds_every_match_of_the_filters(client: TestClient) -> None:
    query = {"category": "aircraft", "limit": 4}
    page = client.get("/deals", params=query)
    download = client.get("/deals.json", params=query)

    deals = [json.loads(line) for line in download.text.splitlines()]
    shown = int(re.search(r'id="result-count"><strong>(\d+)</strong>', page.text).group(1))
    assert len(deals) == shown > 4
    assert deals == client.get("/api/deals", params={**query, "limit": 500}).json()["items"]
    assert re.search(r'href="/deals.json\?category=aircraft"', page.text)  # no limit kept


# --- one deal -------------------------------------------------------------------------------


def _deal_with(register_db: Path, wanted) -> str:  # noqa: ANN001
    with open_store(register_db) as store:
        for deal in store.iter_deals():
            if wanted(deal):
                return deal.id
    pytest.fail("the register has no such deal")


def test_deal_page_shows_timeline_slots_and_every_evidence(client: TestClient,
                                                          register_db: Path) -> None:
    deal_id = _deal_with(register_db, lambda d: len(d.evidence) >= 2 and len(d.history) >= 2)
    deal = client.get(f"/api/deals/{deal_id}").json()

    page = client.get(f"/deals/{deal_id}").text

    timeline = page.split('id="timeline"')[1].split("</ol>")[0]
    assert [step["status"] for step in deal["history"]] == re.findall(
        r"<strong>(\w+)</strong>", timeline)
    for item in deal["evidence"]:
        assert f'id="evidence-{item["record"]}"' in page
        assert f'href="/documents/{item["document"]["id"]}#record-{item["record"]}"' in page
    assert page.count('<mark class="record">') == len(deal["evidence"])


def test_deal_page_flags_conflicting_slots(client: TestClient, register_db: Path) -> None:
    deal_id = _deal_with(register_db, lambda d: bool(
        {"quantity_ordered", "quantity_delivered", "value"} & set(d.conflict_slots)))

    page = client.get(f"/deals/{deal_id}").text

    assert "sources disagree" in page
    assert '<dd class="conflict">' in page


def test_deal_page_links_the_source_url(client: TestClient, register_db: Path) -> None:
    deal_id = _deal_with(register_db, lambda d: any(
        (e.url or "").startswith("http") for e in d.evidence))

    page = client.get(f"/deals/{deal_id}").text

    assert re.search(r'<a href="https?://[^"]+" rel="noopener noreferrer nofollow" '
                     r'class="source-link">', page)


# --- one document ---------------------------------------------------------------------------


def test_document_page_marks_every_record_at_its_offsets(client: TestClient,
                                                        register_db: Path) -> None:
    with open_store(register_db) as store:
        document_id = next(d.id for d in store.iter_documents()
                           if store.count_records(RecordFilter(document_id=d.id)) >= 3)
        records = list(store.iter_records(RecordFilter(document_id=document_id)))

    page = client.get(f"/documents/{document_id}").text

    for record in records:
        assert f'<span class="anchor" id="record-{record.id}"></span>' in page
    text = page.split('id="document-text">')[1].split("</div>")[0]
    marked = html.unescape("".join(re.findall(r"<mark[^>]*>([^<]*)</mark>", text)))
    for record in records:
        assert record.evidence.text in marked


def test_unknown_document_is_404(client: TestClient) -> None:
    assert client.get("/documents/ffffffffffffffff").status_code == 404


def test_hostile_document_page_renders(client: TestClient) -> None:
    assert client.get(f"/documents/{HOSTILE.id}").status_code == 200
