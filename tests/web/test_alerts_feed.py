"""GET /alerts.atom: the watchlists' alerts as an Atom feed a feed reader parses."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
from fastapi.testclient import TestClient

from armstrace.alerts import make_watchlist, raise_alerts
from armstrace.store import DealFilter, open_store
from armstrace.web import create_app

SECRET = "test-secret-key-for-alerts"


def test_alerts_atom_lists_the_alerts_of_the_watchlists(register_db: Path,
                                                        tmp_path: Path) -> None:
    db = tmp_path / "register.db"
    shutil.copy(register_db, db)  # the session's register stays as it was
    with open_store(db) as store:
        watchlist = make_watchlist(DealFilter(recipient="SRB"))
        store.add_watchlist(watchlist)
        other = make_watchlist(DealFilter(category="submarine"))
        store.add_watchlist(other)
        raised = raise_alerts(store)
    mine = [alert for alert in raised if alert.watchlist_id == watchlist.id]
    assert mine

    with TestClient(create_app(str(db), secret_key=SECRET,
                               base_url="https://register.example.org/")) as client:
        everything = client.get("/alerts.atom")
        one = client.get("/alerts.atom", params={"watchlist": watchlist.id})

    assert everything.status_code == 200
    assert everything.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(everything.content)
    assert parsed.version == "atom10" and not parsed.bozo
    assert len(parsed.entries) == len(raised)
    assert parsed.feed.links[0].href == "https://register.example.org/alerts.atom"
    only = feedparser.parse(one.content)
    assert {entry.id for entry in only.entries} == {
        f"tag:armstrace,2026:alert:{alert.id}" for alert in mine}
    assert all("SRB" in entry.title for entry in only.entries)
    assert all(entry.link.startswith("https://register.example.org/deals/")
               for entry in only.entries)


def test_alerts_atom_is_a_valid_empty_feed_without_alerts(client: TestClient) -> None:
    response = client.get("/alerts.atom")

    parsed = feedparser.parse(response.content)
    assert response.status_code == 200
    assert parsed.version == "atom10" and not parsed.bozo
    assert parsed.entries == []
