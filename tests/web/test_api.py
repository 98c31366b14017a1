"""The JSON API: shapes of spec/records.md, paging, filters, 404s, the OpenAPI schema."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from fastapi.testclient import TestClient

from armstrace.model import CATEGORIES, STATUSES
from armstrace.store import DEAL_ORDERS, RecordFilter, open_store
from armstrace.web.limits import MAX_PAGE_SIZE
from armstrace.web.schemas import CategoryName, DealOrder, StatusName

RECORD_FIELDS = {
    "id", "kind", "supplier", "recipient", "supplier_name", "recipient_name", "partners",
    "weapon", "weapon_family", "category", "quantity", "value", "deal", "status", "date",
    "evidence", "document", "confidence", "review",
}


def test_schema_vocabularies_are_the_models() -> None:
    assert get_args(StatusName) == STATUSES
    assert get_args(CategoryName) == CATEGORIES
    assert set(get_args(DealOrder)) == set(DEAL_ORDERS)


def test_records_are_the_contract_shape_plus_review_state(client: TestClient,
                                                          register_db: Path) -> None:
    body = client.get("/api/records", params={"limit": 3}).json()

    with open_store(register_db) as store:
        expected = [r.to_json() for r in store.iter_records(RecordFilter(limit=3))]
        total = store.count_records()
    assert body["total"] == total and body["limit"] == 3 and body["offset"] == 0
    assert [set(item) for item in body["items"]] == [RECORD_FIELDS] * 3
    assert [{k: v for k, v in item.items() if k != "review"} for item in body["items"]] == expected


def test_records_filters_and_paging(client: TestClient) -> None:
    first = client.get("/api/records", params={"status": "delivered", "limit": 2}).json()
    second = client.get("/api/records", params={"status": "delivered", "limit": 2,
                                                "offset": 2}).json()

    assert first["total"] == second["total"] >= 3
    assert all(item["status"] == "delivered" for item in first["items"] + second["items"])
    assert {i["id"] for i in first["items"]}.isdisjoint(i["id"] for i in second["items"])


def test_deal_by_id_is_the_deals_json(client: TestClient, register_db: Path) -> None:
    with open_store(register_db) as store:
        deal = next(store.iter_deals())

    assert client.get(f"/api/deals/{deal.id}").json() == deal.to_json()


def test_documents_list_and_one_with_its_records(client: TestClient, register_db: Path) -> None:
    listing = client.get("/api/documents", params={"limit": 2}).json()
    document_id = listing["items"][0]["id"]
    one = client.get(f"/api/documents/{document_id}").json()

    with open_store(register_db) as store:
        assert listing["total"] == store.count_documents()
        stored = store.get_document(document_id)
        records = list(store.iter_records(RecordFilter(document_id=document_id)))
    assert one["text"] == stored.text
    assert [r["id"] for r in one["records"]] == [r.id for r in records]


def test_documents_filtered_by_record_conditions(client: TestClient, register_db: Path) -> None:
    body = client.get("/api/documents", params={"weapon": "Rafale"}).json()

    with open_store(register_db) as store:
        expected = {r.document.id for r in store.iter_records(RecordFilter(weapon="Rafale"))}
    assert {item["id"] for item in body["items"]} == expected == set(
        [item["id"] for item in body["items"]])
    assert body["total"] == len(expected)


def test_search_marks_words_in_snippets(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Bayraktar"}).json()

    assert body["total"] >= 1
    assert all("[" in item["snippet"] for item in body["items"])


def test_state_lists_what_it_supplies_and_receives(client: TestClient) -> None:
    body = client.get("/api/states/fra").json()

    assert body["iso3"] == "FRA" and body["name"] == "France"
    assert body["supplies"] and all(deal["supplier"] == "FRA" for deal in body["supplies"])
    assert all(deal["recipient"] == "FRA" for deal in body["receives"])


def test_weapon_has_catalogue_facts_and_its_deals(client: TestClient) -> None:
    body = client.get("/api/weapons/Rafale").json()

    assert body["designation"] == "Rafale" and body["producers"] == ["FRA"]
    assert body["deals"] and all("Rafale" in (d["weapon_family"] or d["weapon"])
                                 for d in body["deals"])


def test_unknown_weapon_is_an_empty_answer_not_an_error(client: TestClient) -> None:
    body = client.get("/api/weapons/no such thing").json()

    assert body["designation"] is None and body["deals"] == []


@pytest.mark.parametrize("path", ["/api/deals/0000000000000000", "/api/documents/nothing"])
def test_unknown_ids_are_404_json(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert "no " in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/records", "/api/deals", "/api/documents", "/api/search",
                                  "/deals", "/search"])
def test_page_size_above_the_bound_is_refused(client: TestClient, path: str) -> None:
    assert client.get(path, params={"limit": MAX_PAGE_SIZE + 1, "q": "x"}).status_code == 422
    assert client.get(path, params={"limit": MAX_PAGE_SIZE, "q": "x"}).status_code == 200


def test_bad_filter_values_are_422(client: TestClient) -> None:
    assert client.get("/api/records", params={"status": "stolen"}).status_code == 422
    assert client.get("/api/deals", params={"since": "2024-13-01"}).status_code == 422
    assert client.get("/api/deals", params={"since": "2024-02-01",
                                            "until": "2024-01-01"}).status_code == 422
    assert client.get("/api/deals", params={"sort": "id; DROP TABLE deals"}).status_code == 422


def test_openapi_schema_describes_the_api(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()

    paths = set(schema["paths"])
    assert {"/api/documents", "/api/documents/{document_id}", "/api/records", "/api/deals",
            "/api/deals/{deal_id}", "/api/states/{iso3}", "/api/weapons/{name}", "/api/search",
            "/api/records/{record_id}/review"} <= paths
    assert not any(not path.startswith("/api/") for path in paths)
    record = schema["components"]["schemas"]["RecordOut"]["properties"]
    assert set(record) == RECORD_FIELDS


def test_weapon_names_may_hold_slashes(client: TestClient) -> None:
    plain = client.get("/api/weapons/F/A-18 Hornet").json()
    encoded = client.get("/api/weapons/F%2FA-18%20Hornet").json()

    assert plain["designation"] == encoded["designation"] == "F/A-18 Hornet"
