"""The application: start, pages render over a real register, settings, body limits."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from armstrace.web import create_app

from .conftest import SECRET


def test_start_page_is_the_overview(client: TestClient) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert response.url.path == "/"
    assert 'id="totals"' in response.text
    for label in ("Search", "Deals", "Network", "States", "Weapons", "Review"):
        assert f">{label}</a>" in response.text


def test_deals_page_lists_deals_that_link_to_their_page(client: TestClient) -> None:
    response = client.get("/deals")

    assert response.status_code == 200
    assert 'href="/deals/' in response.text


def test_unknown_deal_is_404_page(client: TestClient) -> None:
    response = client.get("/deals/0000000000000000")

    assert response.status_code == 404
    assert "no deal with id" in response.text


def test_require_login_closes_reading(register_db: Path) -> None:
    app = create_app(str(register_db), require_login=True, secret_key=SECRET)
    with TestClient(app) as client:
        page = client.get("/deals?status=ordered", follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"] == "/login?next=%2Fdeals%3Fstatus%3Dordered"
        assert client.get("/api/deals").status_code == 401
        assert client.get("/deals", headers={"Accept": "application/json"}).status_code == 401
        assert client.get("/alerts.atom").status_code == 401
        assert client.get("/login").status_code == 200


def test_oversize_body_is_refused(client: TestClient) -> None:
    response = client.post("/login", content=b"x" * (1024 * 1024),
                           headers={"content-type": "application/x-www-form-urlencoded"})

    assert response.status_code == 413
