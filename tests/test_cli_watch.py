"""`armstrace watch`, `armstrace ingest URL` and `armstrace alert` against a loopback site."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
from typer.testing import CliRunner, Result

from armstrace.cli import app
from live_pages import live_page

RUNNER = CliRunner()


def invoke(*args: str | Path) -> Result:
    return RUNNER.invoke(app, [str(arg) for arg in args], catch_exceptions=False)


def rss(site, *slugs: str) -> str:
    items = "".join(f"<item><title>{s}</title><link>{site.url('/' + s)}</link></item>"
                    for s in slugs)
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
            f"{items}</channel></rss>")


def serve_news(site) -> None:
    site.answer("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    for name in ("serbia-drones", "poland-apache"):
        site.answer(f"/{name}", live_page(name))
    site.answer("/rss.xml", rss(site, "serbia-drones", "poland-apache", "private/x"),
                content_type="application/rss+xml", etag='"1"')
    site.answer("/hook", "", status=204, content_type="text/plain")


def test_alert_add_list_remove(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    added = invoke("alert", "add", "--db", db, "--recipient", "SRB", "--category", "uav")
    again = invoke("alert", "add", "--db", db, "--recipient", "SRB", "--category", "uav")
    listed = invoke("alert", "list", "--db", db)
    watchlist_id = added.stdout.strip()
    removed = invoke("alert", "remove", watchlist_id, "--db", db)
    gone = invoke("alert", "remove", watchlist_id, "--db", db)

    assert added.exit_code == 0 and len(watchlist_id) == 12
    assert again.stdout.strip() == watchlist_id
    assert "already there" in again.stderr
    assert watchlist_id in listed.stdout
    assert "--recipient SRB --category uav" in listed.stdout
    assert removed.exit_code == 0
    assert gone.exit_code == 1
    assert f"no watchlist with id {watchlist_id}" in gone.stderr


def test_alert_add_refuses_an_unknown_category_and_an_empty_filter(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    unknown = invoke("alert", "add", "--db", db, "--category", "spaceship")
    empty = invoke("alert", "add", "--db", db)

    assert unknown.exit_code == 2
    assert "'spaceship' is not one of" in unknown.stderr
    assert empty.exit_code == 2
    assert "needs at least one condition" in empty.stderr


def test_watch_once_ingests_alerts_and_posts_the_webhook(site, tmp_path: Path) -> None:
    serve_news(site)
    db = tmp_path / "w.db"
    invoke("alert", "add", "--db", db, "--recipient", "SRB", "--category", "uav",
           "--webhook", site.url("/hook"))

    first = invoke("watch", site.url("/rss.xml"), "--once", "--db", db, "--min-interval", "0")
    second = invoke("watch", site.url("/rss.xml"), "--once", "--db", db, "--min-interval", "0")
    feed = invoke("alert", "feed", "--db", db)

    assert first.exit_code == 0, first.stderr
    assert f"skipped {site.url('/private/x')}: robots.txt of {site.root} disallows it" in (
        first.stderr)
    assert "alert " in first.stderr and "TUR -> SRB, Bayraktar TB2" in first.stderr
    assert "2 documents added" in first.stderr
    assert "1 feeds polled (1 unchanged), 0 pages fetched" in second.stderr
    assert site.hits("/serbia-drones") == 1
    [post] = [json.loads(b) for m, p, _h, b in site.requests if m == "POST" and p == "/hook"]
    assert post["deal"]["recipient"] == "SRB"
    parsed = feedparser.parse(feed.stdout_bytes)
    assert parsed.version == "atom10" and len(parsed.entries) == 1


def test_ingest_url_reads_one_page_and_alerts(site, tmp_path: Path) -> None:
    serve_news(site)
    db = tmp_path / "i.db"
    invoke("alert", "add", "--db", db, "--supplier", "USA")

    result = invoke("ingest", site.url("/poland-apache"), "--db", db, "--quiet")
    again = invoke("ingest", site.url("/poland-apache"), "--db", db, "--quiet")
    records = invoke("records", "--db", db, "--json")

    assert result.exit_code == 0, result.stderr
    assert "alert " in result.stderr and "USA -> POL" in result.stderr
    assert again.exit_code == 0
    assert "1 pages fetched before (never fetched twice)" in again.stderr
    assert site.hits("/poland-apache") == 1
    found = [json.loads(line) for line in records.stdout.splitlines()]
    assert any(record["recipient"] == "POL" for record in found)
    assert {record["document"]["url"] for record in found} == {site.url("/poland-apache")}


def test_ingest_url_reports_an_unreachable_page_as_one_line(site, tmp_path: Path) -> None:
    db = tmp_path / "i.db"
    result = invoke("ingest", site.url("/missing"), "--db", db, "--quiet")

    assert result.exit_code == 1
    assert result.stderr.strip() == f"skipped {site.url('/missing')}: HTTP 404"


def test_watch_refuses_a_bad_interval(tmp_path: Path) -> None:
    result = invoke("watch", "feed.xml", "--every", "often", "--db", tmp_path / "x.db")

    assert result.exit_code == 2
    assert "is not an interval" in result.stderr
