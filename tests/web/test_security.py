"""Untrusted input: article text escaped everywhere, SQL parameterised, writes guarded."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armstrace.store import RecordFilter, open_store
from armstrace.web import create_app

from .conftest import HOSTILE, SECRET, csrf_of

# What must never appear raw in a page: the hostile document's markup.
RAW = ('<script>alert("xss")</script>', "<script>alert(", '" onmouseover="alert(1)"',
       "<img src=x onerror=alert(2)>")


class _Elements(HTMLParser):
    """Collect every element and attribute of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        source = dict(attrs).get("src") or ""
        if tag == "script" and source.startswith("/static/js/"):
            return  # the site's own script file (every page loads static/js/site.js)
        self.tags.append(tag)
        self.attributes.extend(attrs)


def assert_escaped(page: str) -> None:
    """Fail if the hostile text became markup: a script, an image, an event handler."""
    for raw in RAW:
        assert raw not in page
    elements = _Elements()
    elements.feed(page)
    assert "script" not in elements.tags and "img" not in elements.tags
    assert not [name for name, _ in elements.attributes if name.startswith("on")]
    assert "x" not in [name for name, _ in elements.attributes]


def hostile_deal_id(register_db: Path) -> str:
    with open_store(register_db) as store:
        records = list(store.iter_records(RecordFilter(document_id=HOSTILE.id)))
        deal_ids = store.deal_ids_of_records([record.id for record in records])
    assert records, "the extractor found no record in the hostile article"
    return next(iter(deal_ids.values()))


def test_hostile_document_page_shows_the_text_escaped(client: TestClient) -> None:
    page = client.get(f"/documents/{HOSTILE.id}").text

    assert_escaped(page)
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in page
    assert "Rafale &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; deal" in page
    assert '<mark class="record"' in page  # records still marked, around escaped text


def test_hostile_text_is_escaped_in_search_hits(client: TestClient) -> None:
    page = client.get("/search", params={"q": "onmouseover alert script"}).text

    assert 'id="result-count"><strong>1</strong>' in page
    assert_escaped(page)
    assert '<mark class="hit">' in page


def test_hostile_evidence_is_escaped_on_its_deal_page(client: TestClient,
                                                     register_db: Path) -> None:
    page = client.get(f"/deals/{hostile_deal_id(register_db)}").text

    assert_escaped(page)
    assert "&lt;script&gt;" in page


def test_hostile_url_is_an_escaped_attribute(client: TestClient) -> None:
    page = client.get(f"/documents/{HOSTILE.id}").text

    assert 'href="https://example.org/rafale?a=1&amp;b=&#34;&lt;x&gt;"' in page


def test_javascript_urls_are_never_links(register_db: Path, tmp_path: Path) -> None:
    from armstrace.web.highlight import safe_link

    assert safe_link("javascript:alert(1)") is None
    assert safe_link(" JavaScript:alert(1)") is None
    assert safe_link("data:text/html,<script>") is None
    assert safe_link("https://example.org/a") == "https://example.org/a"


INJECTIONS = [
    "' OR '1'='1",
    "FRA'; DROP TABLE records; --",
    '" OR 1=1 --',
    "1) UNION SELECT name, sql FROM sqlite_master --",
    "%' OR supplier LIKE '%",
    "\\'; SELECT * FROM users; --",
]


@pytest.mark.parametrize("injection", INJECTIONS)
def test_injection_strings_in_filters_are_plain_values(client: TestClient, register_db: Path,
                                                       injection: str) -> None:
    for path in ("/api/records", "/api/deals", "/api/documents", "/deals", "/search",
                 "/review"):
        for name in ("supplier", "recipient", "weapon"):
            response = client.get(path, params={name: injection, "q": injection})
            # A name no catalogue knows is looked up in the store as a plain value, then
            # refused as unknown (422): never run as SQL.
            assert response.status_code == 422, (path, name, response.text[:200])
            if path.startswith("/api/"):
                assert response.json()["detail"][0]["loc"] == ["query", name]
    assert client.get("/api/search", params={"q": injection}).status_code == 200
    assert client.get(f"/api/weapons/{injection}").status_code == 200
    with open_store(register_db) as store:
        assert store.count_records() > 0  # nothing was dropped


def test_anonymous_review_post_is_401(client: TestClient, register_db: Path) -> None:
    with open_store(register_db) as store:
        record_id = next(store.iter_records()).id

    api = client.post(f"/api/records/{record_id}/review",
                      json={"action": "reject", "reason": "spam"})
    form = client.post(f"/records/{record_id}/review",
                       data={"action": "reject", "reason": "spam"})

    assert api.status_code == 401
    assert form.status_code == 401
    assert client.post("/deals/x/merge", data={"others": "y", "reason": "r"}).status_code == 401


def test_login_needs_the_csrf_token(client: TestClient) -> None:
    response = client.post("/login", data={"name": "ana", "password": "x",
                                           "csrf_token": "forged"})

    assert response.status_code == 403


def test_session_cookie_is_signed_and_http_only(client: TestClient) -> None:
    response = client.get("/login")

    cookie = response.headers["set-cookie"]
    assert "armstrace_session=" in cookie and "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower()
    forged = TestClient(create_app(str(client.app.state.settings.store_url),
                                   secret_key="another key"))
    forged.cookies.set("armstrace_session", cookie.split(";")[0].split("=", 1)[1])
    assert "Sign in</a>" in forged.get("/search").text  # not signed in: the cookie is ignored
    assert re.search(r"armstrace_session=[^;]+\.[^;]+", cookie)  # payload.signature


def test_https_only_marks_the_cookie_secure(register_db: Path) -> None:
    with TestClient(create_app(str(register_db), secret_key=SECRET, https_only=True),
                    base_url="https://testserver") as client:
        assert "secure" in client.get("/login").headers["set-cookie"].lower()


def test_csrf_token_is_in_every_write_form(client: TestClient) -> None:
    page = client.get("/login").text

    assert csrf_of(page)


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/search", "/api/deals", "/static/style.css", "/nowhere"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"


def test_no_page_loads_anything_from_another_site(client: TestClient) -> None:
    for path in ("/search?q=drones", "/deals", "/review", "/login"):
        page = client.get(path).text
        assert not re.search(r'src="(https?:)?//', page), path  # scripts, images
        assert not re.search(r'<link[^>]*href="(https?:)?//', page), path  # styles
    assert client.get("/api/docs").status_code == 404  # Swagger UI would come from a CDN
