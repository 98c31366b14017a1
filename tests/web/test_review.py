"""Review from the web: sign in, decide on records (form and API), merge and split deals;
decisions survive a re-ingest and show in the deals and downloads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armstrace.model import Record
from armstrace.pipeline import ingest_documents
from armstrace.store import RecordFilter, open_store

from .conftest import ANALYST, csrf_of, register_items, sign_in


def records_of(db: Path, count: int, skip: int, **conditions: str) -> list[Record]:
    """Return `count` records (after `skip`), so each test decides on records of its own."""
    with open_store(db) as store:
        return list(store.iter_records(RecordFilter(limit=count, offset=skip, **conditions)))


def test_wrong_password_is_refused(review_client: TestClient) -> None:
    token = csrf_of(review_client.get("/login").text)

    response = review_client.post("/login", data={"name": ANALYST, "password": "guess",
                                                  "csrf_token": token})

    assert response.status_code == 401
    assert "wrong password" in response.text
    assert "Sign in</a>" in review_client.get("/search").text


def test_sign_in_then_out(review_client: TestClient) -> None:
    token = sign_in(review_client)
    assert f'<span class="user">{ANALYST}</span>' in review_client.get("/search").text

    review_client.post("/logout", data={"csrf_token": token})

    assert "Sign in</a>" in review_client.get("/search").text


def test_sign_in_goes_back_only_to_this_site(review_client: TestClient) -> None:
    token = csrf_of(review_client.get("/login").text)

    response = review_client.post(
        "/login", data={"name": ANALYST, "password": "correct horse battery staple",
                        "csrf_token": token, "next": "//evil.example/x"},
        follow_redirects=False)

    assert response.status_code == 303 and response.headers["location"] == "/"


def test_reject_from_the_document_page(review_client: TestClient, review_db: Path) -> None:
    (record,) = records_of(review_db, 1, 0)
    sign_in(review_client)
    page = review_client.get(f"/documents/{record.document.id}").text
    assert f'id="review-{record.id}"' in page

    response = review_client.post(f"/records/{record.id}/review", data={
        "csrf_token": csrf_of(page), "action": "reject", "reason": "a quote, not a deal",
        "next": f"/documents/{record.document.id}"})

    assert response.status_code == 200
    assert f"Record {record.id}" in response.text and "is now rejected" in response.text
    assert f'id="row-{record.id}" class="review-rejected"' in response.text
    assert record.id not in review_client.get("/api/records", params={"limit": 500}).text
    review = review_client.get("/review", params={"state": "rejected"}).text
    assert record.id in review and "a quote, not a deal" in review


def test_review_form_with_a_bad_csrf_token_is_403(review_client: TestClient,
                                                  review_db: Path) -> None:
    (record,) = records_of(review_db, 1, 1)
    sign_in(review_client)

    response = review_client.post(f"/records/{record.id}/review", data={
        "csrf_token": "forged", "action": "reject", "reason": "x"})

    assert response.status_code == 403
    assert record.id in review_client.get("/api/records", params={"limit": 500}).text


def test_api_review_needs_the_csrf_header(review_client: TestClient, review_db: Path) -> None:
    (record,) = records_of(review_db, 1, 2)
    sign_in(review_client)

    response = review_client.post(f"/api/records/{record.id}/review",
                                  json={"action": "reject", "reason": "x"},
                                  headers={"X-CSRF-Token": "wrong"})

    assert response.status_code == 403


def test_api_correct_changes_the_record_and_its_deal(review_client: TestClient,
                                                     review_db: Path) -> None:
    (record,) = records_of(review_db, 1, 0, status="ordered")
    token = sign_in(review_client)

    response = review_client.post(
        f"/api/records/{record.id}/review",
        json={"action": "correct", "reason": "the article says 99",
              "fields": {"quantity": "99"}},
        headers={"X-CSRF-Token": token})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["record"]["quantity"] == 99 and body["record"]["review"] == "corrected"
    assert body["decision"]["user"] == ANALYST and body["decision"]["fields"] == {"quantity": 99}
    with open_store(review_db) as store:
        deal_id = store.deal_ids_of_records([record.id])[record.id]
    deal = review_client.get(f"/api/deals/{deal_id}").json()
    assert any(item["value"] == 99 and record.id in item["records"]
               for item in deal["quantity_ordered"])
    download = review_client.get("/deals.csv", params={"limit": 500}).text
    assert re.search(rf"^{deal_id},.*\b99\b", download, re.M)


def test_api_review_errors_are_4xx(review_client: TestClient, review_db: Path) -> None:
    (record,) = records_of(review_db, 1, 3)
    token = sign_in(review_client)
    headers = {"X-CSRF-Token": token}

    no_reason = review_client.post(f"/api/records/{record.id}/review",
                                   json={"action": "reject"}, headers=headers)
    bad_field = review_client.post(f"/api/records/{record.id}/review", headers=headers,
                                   json={"action": "correct", "reason": "r",
                                         "fields": {"status": "stolen"}})
    unknown = review_client.post("/api/records/ffffffffffffffff/review", headers=headers,
                                 json={"action": "confirm"})

    assert no_reason.status_code == 422 and "reason" in no_reason.json()["detail"]
    assert bad_field.status_code == 422 and "status" in bad_field.json()["detail"]
    assert unknown.status_code == 404


def test_split_then_merge_a_deal(review_client: TestClient, review_db: Path) -> None:
    with open_store(review_db) as store:
        deal = next(d for d in store.iter_deals() if len(d.evidence) >= 3)
    sign_in(review_client)
    page = review_client.get(f"/deals/{deal.id}").text
    moved = deal.evidence[-1].record_id

    split = review_client.post(f"/deals/{deal.id}/split", data={
        "csrf_token": csrf_of(page), "record_ids": [moved], "reason": "another order"})

    assert split.status_code == 200 and "Split 1 records" in split.text
    new_id = str(split.url).rsplit("/", 1)[-1]
    assert new_id != deal.id
    assert [e["record"] for e in review_client.get(f"/api/deals/{new_id}").json()["evidence"]] \
        == [moved]
    merge = review_client.post(f"/deals/{new_id}/merge", data={
        "csrf_token": csrf_of(split.text), "others": deal.id, "reason": "same order after all"})
    assert merge.status_code == 200 and "Merged 2 deals" in merge.text
    merged_id = str(merge.url).rsplit("/", 1)[-1]
    merged = review_client.get(f"/api/deals/{merged_id}").json()
    assert set(deal.record_ids) <= {e["record"] for e in merged["evidence"]}


@pytest.mark.slow
def test_decisions_survive_a_re_ingest(review_client: TestClient, review_db: Path,
                                       extractor) -> None:  # noqa: ANN001
    (rejected,) = records_of(review_db, 1, 4)
    (corrected,) = records_of(review_db, 1, 5)
    token = sign_in(review_client)
    headers = {"X-CSRF-Token": token}
    review_client.post(f"/api/records/{rejected.id}/review", headers=headers,
                       json={"action": "reject", "reason": "not an arms deal"})
    review_client.post(f"/api/records/{corrected.id}/review", headers=headers,
                       json={"action": "correct", "reason": "typo",
                             "fields": {"weapon": "Corrected Weapon"}})

    with open_store(review_db) as store:
        ingest_documents(register_items(), store, extractor)

    document = review_client.get(f"/api/documents/{rejected.document.id}").json()
    states = {r["id"]: r["review"] for r in document["records"]}
    assert states[rejected.id] == "rejected"
    after = review_client.get(f"/api/documents/{corrected.document.id}").json()
    mine = next(r for r in after["records"] if r["id"] == corrected.id)
    assert mine["weapon"] == "Corrected Weapon" and mine["review"] == "corrected"


def test_merge_of_other_parties_is_refused_unless_forced(review_client: TestClient,
                                                          review_db: Path) -> None:
    with open_store(review_db) as store:
        deals = list(store.iter_deals())
    one = next(d for d in deals if d.kind == "transfer" and d.supplier)
    other = next(d for d in deals if d.kind == "transfer" and d.supplier
                 and d.supplier != one.supplier)
    sign_in(review_client)
    page = review_client.get(f"/deals/{one.id}").text
    assert 'name="force"' in page

    refused = review_client.post(f"/deals/{one.id}/merge", data={
        "csrf_token": csrf_of(page), "others": other.id, "reason": "same order?"})

    assert refused.status_code == 422
    assert "different parties" in refused.text and "merge anyway" in refused.text
    assert review_client.get(f"/api/deals/{other.id}").status_code == 200
