"""The Deals list and Deal pages are kept between requests until the store changes:
a review decision made on the web and an ingest by another process show at once."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armstrace.model import Document, make_document_id
from armstrace.pipeline import ingest_documents
from armstrace.review import new_user
from armstrace.store import RecordFilter, open_change_counter, open_store
from armstrace.web import create_app
from armstrace.web.cache import PageCache

from .conftest import SECRET, sign_in

# A new deal, in no article of the test register: Chile orders Black Hawks from the USA.
NEW_DEAL_TEXT = (
    "Chile ordered 8 Black Hawk helicopters from the United States in a deal worth "
    "300 million dollars, the defence ministry said on Monday."
)


@pytest.fixture
def own_db(tmp_path: Path, review_db: Path) -> Path:
    """Return a copy of the review register (one analyst) that this test alone changes."""
    db = tmp_path / "register.db"
    with closing(sqlite3.connect(review_db)) as source, closing(sqlite3.connect(db)) as copy:
        source.backup(copy)
    return db


@pytest.fixture
def own_client(own_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(own_db), secret_key=SECRET)) as test_client:
        yield test_client


def test_deals_list_shows_a_deal_ingested_by_another_connection(
    own_client: TestClient, own_db: Path, extractor  # noqa: ANN001
) -> None:
    before = own_client.get("/deals", params={"limit": 500}).text
    assert own_client.get("/deals", params={"limit": 500}).text == before  # kept
    assert "UH-60 Black Hawk" not in before

    document = Document(id=make_document_id(NEW_DEAL_TEXT), text=NEW_DEAL_TEXT,
                        source="tests/web/page-cache", published=dt.date(2025, 3, 3))
    with open_store(own_db) as store:
        ingest_documents([document], store, extractor)

    after = own_client.get("/deals", params={"limit": 500}).text
    assert "UH-60 Black Hawk" in after
    assert _count(after) == _count(before) + 1


def test_deals_list_and_deal_page_show_a_correction_made_on_the_web(
    own_client: TestClient, own_db: Path
) -> None:
    with open_store(own_db) as store:
        record = next(store.iter_records(RecordFilter(status="ordered", limit=1)))
        deal_id = store.deal_ids_of_records([record.id])[record.id]
    assert "98765" not in own_client.get("/deals", params={"limit": 500}).text
    assert "98,765" not in own_client.get(f"/deals/{deal_id}").text
    token = sign_in(own_client)

    response = own_client.post(
        f"/api/records/{record.id}/review", headers={"X-CSRF-Token": token},
        json={"action": "correct", "reason": "the article says 98765",
              "fields": {"quantity": "98765"}})

    assert response.status_code == 200, response.text
    with open_store(own_db) as store:
        deal_id_after = store.deal_ids_of_records([record.id])[record.id]
    assert "98765" in own_client.get("/deals", params={"limit": 500}).text
    assert "98,765" in own_client.get(f"/deals/{deal_id_after}").text
    if deal_id_after != deal_id:
        assert own_client.get(f"/deals/{deal_id}").status_code == 404


def test_deal_page_review_forms_follow_the_visitor_not_the_cache(
    own_client: TestClient, own_db: Path
) -> None:
    with open_store(own_db) as store:
        deal = next(d for d in store.iter_deals() if len(d.evidence) >= 2)
    anonymous = own_client.get(f"/deals/{deal.id}").text
    token = sign_in(own_client)

    signed_in = own_client.get(f"/deals/{deal.id}").text

    assert 'id="merge-form"' not in anonymous and "to merge or split deals" in anonymous
    assert 'id="merge-form"' in signed_in and f'value="{token}"' in signed_in


def _count(page: str) -> int:
    """Return the number of deals the Deals page says it found."""
    marker = '<p id="result-count"><strong>'
    start = page.index(marker) + len(marker)
    return int(page[start:page.index("</strong>", start)])


def test_page_cache_makes_a_page_once_per_store_version(own_db: Path) -> None:
    cache = PageCache(open_change_counter(own_db))
    made: list[int] = []

    def make() -> int:
        made.append(len(made))
        return len(made)

    first = [cache.get("page", make), cache.get("page", make)]
    with open_store(own_db) as store:
        store.add_user(new_user("bo", "another long password"))
    second = [cache.get("page", make), cache.get("page", make)]
    cache.close()

    assert (first, second) == ([1, 1], [2, 2])
