"""Response headers and the Atom feed's links through a real `armstrace serve`
(issue 16, item 14)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import feedparser
import httpx
import pytest

from armstrace.alerts import make_watchlist, raise_alerts
from armstrace.store import DealFilter, open_store

from .servers import serving


@pytest.mark.parametrize("path", ["/search", "/api/deals", "/login", "/static/style.css"])
def test_every_answer_carries_the_browser_policies(chosen_ids_db: Path, path: str) -> None:
    with serving(chosen_ids_db) as base:
        response = httpx.get(base + path, timeout=30)

    assert response.headers["Permissions-Policy"].startswith("camera=()")
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_https_only_asks_browsers_for_https_from_then_on(chosen_ids_db: Path) -> None:
    with serving(chosen_ids_db, "--https-only") as base:
        response = httpx.get(f"{base}/search", timeout=30)

    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


@pytest.fixture
def alerts_db(chosen_ids_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "alerts.db"
    shutil.copy(chosen_ids_db, db)
    with open_store(db) as store:
        store.add_watchlist(make_watchlist(DealFilter(since=dt.date(2000, 1, 1))))
        assert raise_alerts(store)
    return db


@pytest.mark.parametrize("base_url", [None, "https://register.example.org/armstrace/"])
def test_alerts_feed_links_ignore_the_host_header(alerts_db: Path, base_url: str | None) -> None:
    options = ("--base-url", base_url) if base_url else ()
    with serving(alerts_db, *options) as base:
        response = httpx.get(f"{base}/alerts.atom", headers={"Host": "evil.example"},
                             timeout=30)
    expected = base_url or base + "/"

    feed = feedparser.parse(response.content)
    links = [link.href for link in feed.feed.links] + [entry.link for entry in feed.entries]
    assert feed.entries and links
    assert all(link.startswith(expected) for link in links), links
    assert "evil.example" not in response.text
