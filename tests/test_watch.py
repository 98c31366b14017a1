"""Live feeds end to end on a real HTTP server on 127.0.0.1: poll, fetch, ingest, alert.

The loopback site (tests/conftest.py) serves an RSS feed with an ETag, an Atom feed
without one, article pages written for these tests (tests/fixtures/live), a page that
fails once, a page robots.txt disallows, a page that is gone, and a webhook receiver.
Nothing leaves the machine.
"""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from armstrace.alerts import WebhookConfig, WebhookPoster, make_watchlist, render_alerts_atom
from armstrace.ingest.fetch import FetchConfig, Fetcher
from armstrace.model import Document, Skipped
from armstrace.store import DealFilter, open_store
from armstrace.watch import parse_interval, poll_once
from live_pages import live_page

ROBOTS = "User-agent: *\nDisallow: /private/\n"


def rss(site, *slugs: str) -> str:
    items = "".join(
        f"<item><title>{slug}</title><link>{site.url('/' + slug)}</link>"
        f"<guid>{site.url('/' + slug)}</guid>"
        "<pubDate>Tue, 24 Nov 2026 08:30:00 GMT</pubDate></item>"
        for slug in slugs
    )
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            f"<link>{site.root}</link><description>News</description>{items}</channel></rss>")


def atom(*slugs: str) -> str:
    # Relative links: resolved against the feed's own URL.
    entries = "".join(
        f"<entry><id>urn:test:{slug}</id><title>{slug}</title>"
        f'<link href="{slug}"/><updated>2026-11-25T08:30:00Z</updated></entry>'
        for slug in slugs
    )
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<id>urn:test:feed</id><title>Wire</title><updated>2026-11-25T08:30:00Z</updated>"
            f"{entries}</feed>")


class NoSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def tools() -> tuple[Fetcher, WebhookPoster]:
    fetcher = Fetcher(FetchConfig(min_interval=0.0, backoff=0.01, timeout=5.0), sleep=NoSleep())
    poster = WebhookPoster(WebhookConfig(backoff=0.01, timeout=5.0), sleep=NoSleep())
    return fetcher, poster


def posts(site, path: str) -> list[dict]:
    return [json.loads(body) for method, p, _h, body in site.requests
            if method == "POST" and p == path]


@pytest.fixture
def news_site(site):  # noqa: ANN201
    site.answer("/robots.txt", ROBOTS, content_type="text/plain")
    site.answer("/serbia-drones", live_page("serbia-drones"))
    site.answer("/poland-apache", "temporarily down", status=500)
    site.answer("/poland-apache", live_page("poland-apache"))
    site.answer("/serbia-delivery", live_page("serbia-delivery"))
    site.answer("/private/leak", live_page("serbia-delivery"))
    site.answer("/hook", "", status=204, content_type="text/plain")
    return site


def test_poll_ingests_new_pages_alerts_once_and_a_304_fetches_nothing(
    news_site, tmp_path: Path, extractor
) -> None:
    site = news_site
    feed = site.url("/rss.xml")
    site.answer("/rss.xml", rss(site, "serbia-drones", "poland-apache", "private/leak", "gone"),
                content_type="application/rss+xml", etag='"rss-1"')
    fetcher, poster = tools()
    with open_store(tmp_path / "live.db") as store, fetcher, poster:
        store.add_watchlist(make_watchlist(DealFilter(recipient="SRB", category="uav"),
                                           webhook=site.url("/hook")))
        first = poll_once([feed], store, extractor, fetcher, poster)
        second = poll_once([feed], store, extractor, fetcher, poster)
        deals = list(store.iter_deals())

    assert first.ingest.documents_added == 2
    reasons = sorted(s.message() for s in first.ingest.skipped)
    assert reasons == [
        f"{site.url('/gone')}: HTTP 404",
        f"{site.url('/private/leak')}: robots.txt of {site.root} disallows it",
    ]
    assert site.hits("/poland-apache") == 2  # a 500, then the retry that worked
    assert site.hits("/private/leak") == 0
    assert {(d.supplier, d.recipient, d.category) for d in deals} >= {
        ("TUR", "SRB", "uav"), ("USA", "POL", "helicopter")}
    [alert] = first.notification.alerts
    assert alert.change == "new" and alert.deal.recipient == "SRB"
    [delivered] = posts(site, "/hook")
    assert delivered["deal"]["recipient"] == "SRB"
    assert delivered["deal"]["category"] == "uav"
    assert delivered["change"] == "new"
    # The second poll: the feed answers 304 to its ETag, so nothing is fetched or alerted.
    assert second.live.feeds_not_modified == 1
    assert second.ingest.documents_read == 0
    assert second.notification.alerts == []
    assert site.hits("/serbia-drones") == 1
    assert len(posts(site, "/hook")) == 1
    headers = [h for m, p, h, _b in site.requests if p == "/rss.xml"]
    assert headers[1]["If-None-Match"] == '"rss-1"'


def test_a_feed_repolled_adds_only_its_new_entries_across_runs(
    news_site, tmp_path: Path, extractor
) -> None:
    site = news_site
    feed = site.url("/feeds/atom.xml")
    site.answer("/feeds/atom.xml", atom("../serbia-drones"), content_type="application/atom+xml")
    site.answer("/feeds/atom.xml", atom("../serbia-delivery", "../serbia-drones"),
                content_type="application/atom+xml")
    database = tmp_path / "live.db"
    runs = []
    for _run in range(3):  # three runs, each with a fresh store connection and fetcher
        fetcher, poster = tools()
        with open_store(database) as store, fetcher, poster:
            if not list(store.iter_watchlists()):
                store.add_watchlist(make_watchlist(DealFilter(recipient="SRB")))
            runs.append(poll_once([feed], store, extractor, fetcher, poster))
    with open_store(database) as store:
        documents = list(store.iter_documents())
        alerts = list(store.iter_alerts())

    assert [run.ingest.documents_added for run in runs] == [1, 1, 0]
    assert site.hits("/serbia-drones") == 1
    assert site.hits("/serbia-delivery") == 1
    assert len(documents) == 2
    assert [run.live.pages_already_fetched for run in runs] == [0, 1, 2]
    # The delivery changed the deal: one more alert, then none.
    assert [len(run.notification.alerts) for run in runs] == [1, 1, 0]
    assert [alert.change for alert in alerts] == ["changed", "new"]  # newest first
    assert alerts[0].deal.status == "delivered"


def test_one_page_url_is_ingested_once(news_site, tmp_path: Path, extractor) -> None:
    site = news_site
    fetcher, poster = tools()
    with open_store(tmp_path / "live.db") as store, fetcher, poster:
        first = poll_once([site.url("/serbia-drones")], store, extractor, fetcher)
        again = poll_once([site.url("/serbia-drones")], store, extractor, fetcher)
        [document] = store.iter_documents()

    assert first.ingest.documents_added == 1
    assert again.live.pages_already_fetched == 1
    assert site.hits("/serbia-drones") == 1
    assert isinstance(document, Document)
    assert document.url == site.url("/serbia-drones")
    assert document.title == "Serbia signs contract for Turkish combat drones"
    assert "Related stories" not in document.text
    assert "Bayraktar TB2" in document.text


def test_a_failing_webhook_is_reported_and_retried_on_the_next_run(
    news_site, tmp_path: Path, extractor
) -> None:
    site = news_site
    site.answer("/broken-hook", "no", status=503, content_type="text/plain")
    site.answer("/broken-hook", "no", status=503, content_type="text/plain")
    site.answer("/broken-hook", "no", status=503, content_type="text/plain")
    site.answer("/broken-hook", "", status=204, content_type="text/plain")
    fetcher, poster = tools()
    with open_store(tmp_path / "live.db") as store, fetcher, poster:
        store.add_watchlist(make_watchlist(DealFilter(category="uav"),
                                           webhook=site.url("/broken-hook")))
        first = poll_once([site.url("/serbia-drones")], store, extractor, fetcher, poster)
        second = poll_once([], store, extractor, fetcher, poster)
        [alert] = store.iter_alerts()

    [problem] = first.notification.delivery_problems
    assert problem.startswith(f"{site.url('/broken-hook')}: alert {alert.id} not delivered")
    assert "HTTP 503" in problem
    assert second.notification.delivery_problems == []
    assert alert.delivered is not None
    assert site.hits("/broken-hook", "POST") == 4  # 1 + 2 retries, then the next run's


def test_a_feed_file_has_its_links_fetched(news_site, tmp_path: Path, extractor) -> None:
    site = news_site
    feed_file = tmp_path / "wire.rss"
    feed_file.write_text(rss(site, "serbia-drones", "private/leak"), encoding="utf-8")
    fetcher, _poster = tools()
    with open_store(tmp_path / "live.db") as store, fetcher:
        report = poll_once([str(feed_file)], store, extractor, fetcher)

    assert report.ingest.documents_added == 1
    assert [s.reason for s in report.ingest.skipped] == [
        f"robots.txt of {site.root} disallows it"]


def test_a_page_that_is_neither_html_nor_a_feed_is_one_skipped_line(
    site, tmp_path: Path, extractor
) -> None:
    site.answer("/data.bin", b"\x00\x01\x02", content_type="application/octet-stream")
    fetcher, _poster = tools()
    with open_store(tmp_path / "live.db") as store, fetcher:
        report = poll_once([site.url("/data.bin")], store, extractor, fetcher)
        [entry] = store.iter_skipped()

    [skipped] = report.ingest.skipped
    assert isinstance(skipped, Skipped)
    assert "neither an HTML page nor an RSS/Atom feed" in skipped.reason
    assert entry.skipped == skipped


def test_alerts_render_as_an_atom_feed_feedparser_reads(
    news_site, tmp_path: Path, extractor
) -> None:
    site = news_site
    fetcher, _poster = tools()
    with open_store(tmp_path / "live.db") as store, fetcher:
        store.add_watchlist(make_watchlist(DealFilter(recipient="SRB")))
        poll_once([site.url("/serbia-drones"), site.url("/serbia-delivery")], store, extractor,
                  fetcher)
        alerts = list(store.iter_alerts())
        atom_bytes = render_alerts_atom(alerts, feed_url="http://127.0.0.1:8000/alerts.atom",
                                        site_url="http://127.0.0.1:8000/")

    parsed = feedparser.parse(atom_bytes)
    assert parsed.version == "atom10"
    assert not parsed.bozo
    assert len(parsed.entries) == len(alerts) >= 1
    entry = parsed.entries[0]
    assert entry.title.startswith(("New deal: TUR -> SRB, Bayraktar TB2",
                                   "Deal changed: TUR -> SRB, Bayraktar TB2"))
    assert entry.link == f"http://127.0.0.1:8000/deals/{alerts[0].deal.id}"
    assert entry.id == f"tag:armstrace,2026:alert:{alerts[0].id}"
    assert "Bayraktar TB2" in entry.summary


@pytest.mark.parametrize(("text", "seconds"),
                         [("90", 90), ("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400)])
def test_parse_interval_reads_units(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0m", "fast", "-5m", "15 minutes"])
def test_parse_interval_refuses_what_is_no_interval(text: str) -> None:
    with pytest.raises(ValueError, match="is not an interval"):
        parse_interval(text)


def test_poll_without_robots_txt_tries_the_page_again_on_the_next_poll(
    site, tmp_path: Path, extractor
) -> None:
    # Issue 14, item 13: with no network, robots.txt cannot be read; that is a network
    # problem, retried, never "robots.txt disallows it" for good.
    site.answer("/robots.txt", "down", status=503)
    site.answer("/robots.txt", ROBOTS, content_type="text/plain")
    site.answer("/serbia-drones", live_page("serbia-drones"))
    feed = tmp_path / "wire.rss"  # a feed file: only its links are fetched
    feed.write_text(rss(site, "serbia-drones"), encoding="utf-8")
    with open_store(tmp_path / "live.db") as store:
        for _ in range(2):  # two runs, as `watch --once` from cron makes them
            fetcher = Fetcher(FetchConfig(min_interval=0.0, retries=0, timeout=5.0),
                              sleep=NoSleep())
            with fetcher:
                polls = poll_once([str(feed)], store, extractor, fetcher)
            if not polls.ingest.documents_added:
                state = store.get_fetch_state(site.url("/serbia-drones"))
                assert state is not None and state.problem is not None
                assert not state.problem.startswith("permanent")
                assert "could not be read" in state.problem
        assert polls.ingest.documents_added == 1
    assert site.hits("/serbia-drones") == 1
