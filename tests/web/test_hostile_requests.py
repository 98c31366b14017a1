"""Hostile requests through a real `armstrace serve` get a 4xx that says why, never a 500
(issue 16, item 14): corrections the database cannot store, a NUL in a search."""

from __future__ import annotations

import html
import json
import re
from contextlib import closing
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import httpx
import pytest
from markupsafe import escape

from armstrace.store import DealFilter, RecordFilter, open_store

from .conftest import ANALYST, ANALYST_PASSWORD, CHOSEN_IDS, FORMULA_ID, FORMULA_TITLE
from .servers import serving, signed_in_client


@pytest.fixture(scope="module")
def served(chosen_ids_db: Path):  # noqa: ANN201 - a generator of the base URL
    with serving(chosen_ids_db) as base:
        yield base


def a_record_id(db: Path) -> str:
    with open_store(db) as store:
        return next(iter(store.iter_records(RecordFilter(document_id=FORMULA_ID)))).id


def post_json(client: httpx.Client, path: str, body: object, token: str) -> httpx.Response:
    # JSON's own escapes (\ud800), as a hostile client sends them: no UTF-8 text holds one.
    return client.post(path, content=json.dumps(body, ensure_ascii=True),
                       headers={"X-CSRF-Token": token, "Content-Type": "application/json"})


@pytest.mark.parametrize(("fields", "named"), [
    ({"quantity": "1" * 30}, "quantity must be at most"),
    ({"value": "1" * 30 + " USD"}, "value amount must be at most"),
    ({"quantity": "²"}, "quantity must be a whole number"),
    ({"weapon": "Rafale \ud800"}, "weapon holds a lone surrogate"),
    ({"supplier_name": "Dassault\x00"}, "supplier_name holds a NUL character"),
])
def test_api_correction_the_database_cannot_store_is_422(
    served: str, chosen_ids_db: Path, fields: dict[str, str], named: str
) -> None:
    client, token = signed_in_client(served, ANALYST, ANALYST_PASSWORD)
    with closing(client):
        response = post_json(client, f"/api/records/{a_record_id(chosen_ids_db)}/review",
                             {"action": "correct", "reason": "test", "fields": fields}, token)

    assert response.status_code == 422, response.text
    assert named in response.json()["detail"]


def test_api_reason_with_a_lone_surrogate_is_422(served: str, chosen_ids_db: Path) -> None:
    client, token = signed_in_client(served, ANALYST, ANALYST_PASSWORD)
    with closing(client):
        response = post_json(client, f"/api/records/{a_record_id(chosen_ids_db)}/review",
                             {"action": "reject", "reason": "wrong \udfff"}, token)

    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", "reason"]


@pytest.mark.parametrize("path", ["/api/search", "/search"])
def test_search_for_a_nul_is_422(served: str, path: str) -> None:
    response = httpx.get(f"{served}{path}", params={"q": "missile \x00"}, timeout=30)

    assert response.status_code == 422, response.text
    assert "NUL" in response.text


def test_links_to_documents_with_chosen_ids_open_those_documents(
    served: str, chosen_ids_db: Path
) -> None:
    with open_store(chosen_ids_db) as store:
        deal_ids = [deal.id for deal in store.iter_deals(DealFilter())]
    opened = {}
    for deal_id in deal_ids:
        page_url = f"{served}/deals/{deal_id}"
        page = httpx.get(page_url, timeout=30).text
        for href in re.findall(r'href="(/documents/[^"]*)"', page):
            # Resolved as a browser does: dot segments removed, %2F kept, no fragment.
            target = urldefrag(urljoin(page_url, html.unescape(href))).url
            response = httpx.get(target, timeout=30)
            assert response.status_code == 200, target
            opened[target] = response.text

    shown = set()
    for target, page in opened.items():
        assert f'id="document-title">{escape(FORMULA_TITLE)}' in page
        api = re.search(r'href="(/api/documents/[^"]+)"', page)
        assert api
        shown.add(httpx.get(urljoin(target, html.unescape(api.group(1))), timeout=30).json()["id"])
    assert shown == set(CHOSEN_IDS)
