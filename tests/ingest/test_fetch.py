"""The HTTP fetcher against a real server on 127.0.0.1: politeness, retries, caching."""

from __future__ import annotations

import datetime as dt
import socket

import pytest

from armstrace.ingest.fetch import (
    ROBOTS_RETRY_SECONDS,
    USER_AGENT,
    FetchConfig,
    Fetcher,
    FetchError,
    Validators,
    parse_retry_after,
)

PAGE = "<html><body><p>A page.</p></body></html>"
FAST = FetchConfig(min_interval=0.0, backoff=0.01, retries=2, timeout=2.0)


class Sleeps:
    """Record the waits a fetcher asks for instead of sleeping through them."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def make_fetcher(config: FetchConfig = FAST) -> tuple[Fetcher, Sleeps]:
    sleeps = Sleeps()
    return Fetcher(config, sleep=sleeps), sleeps


def test_fetch_sends_a_user_agent_naming_armstrace_its_version_and_url(site) -> None:
    site.answer("/page", PAGE)
    fetcher, _ = make_fetcher()
    with fetcher:
        result = fetcher.fetch(site.url("/page"))
    assert result.status == 200
    assert result.body == PAGE.encode()
    [(_m, _p, headers, _b)] = [r for r in site.requests if r[1] == "/page"]
    assert headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("armstrace/0.") and "(+http" in USER_AGENT


def test_fetch_retries_a_server_error_with_backoff_then_succeeds(site) -> None:
    site.answer("/flaky", "down", status=500)
    site.answer("/flaky", PAGE)
    fetcher, sleeps = make_fetcher()
    with fetcher:
        result = fetcher.fetch(site.url("/flaky"))
    assert result.body == PAGE.encode()
    assert site.hits("/flaky") == 2
    assert sleeps.waits == [pytest.approx(0.01)]


def test_fetch_gives_up_after_its_retries_with_one_line_naming_the_url(site) -> None:
    site.answer("/down", "down", status=503)
    fetcher, sleeps = make_fetcher()
    with fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(site.url("/down"))
    assert str(caught.value) == f"{site.url('/down')}: HTTP 503"
    assert caught.value.retryable
    assert site.hits("/down") == 3  # one try and two retries
    assert sleeps.waits == [pytest.approx(0.01), pytest.approx(0.02)]  # exponential


def test_fetch_honours_retry_after_on_429(site) -> None:
    site.answer("/busy", "slow down", status=429, headers={"Retry-After": "7"})
    site.answer("/busy", PAGE)
    fetcher, sleeps = make_fetcher()
    with fetcher:
        assert fetcher.fetch(site.url("/busy")).status == 200
    assert sleeps.waits == [7.0]


def test_parse_retry_after_reads_an_http_date() -> None:
    now = dt.datetime(2026, 11, 26, 12, 0, 0, tzinfo=dt.UTC)
    assert parse_retry_after("Thu, 26 Nov 2026 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("soon", now) is None


def test_fetch_times_out_on_a_slow_page(site) -> None:
    site.answer("/slow", PAGE, delay=1.5)
    fetcher, _ = make_fetcher(FetchConfig(min_interval=0.0, timeout=0.3, retries=0))
    with fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(site.url("/slow"))
    assert "no answer within 0.3 s" in caught.value.problem
    assert caught.value.retryable


def test_fetch_follows_redirects_and_reports_where_it_ended(site) -> None:
    site.answer("/old", status=301, headers={"Location": "/new"})
    site.answer("/new", PAGE)
    fetcher, _ = make_fetcher()
    with fetcher:
        result = fetcher.fetch(site.url("/old"))
    assert result.url == site.url("/old")
    assert result.final_url == site.url("/new")
    assert result.body == PAGE.encode()


def test_fetch_stops_a_redirect_loop(site) -> None:
    site.answer("/a", status=302, headers={"Location": "/b"})
    site.answer("/b", status=302, headers={"Location": "/a"})
    fetcher, _ = make_fetcher(FetchConfig(min_interval=0.0, max_redirects=3))
    with fetcher, pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher.fetch(site.url("/a"))
    assert site.hits("/a") + site.hits("/b") == 4


def test_fetch_never_requests_a_page_robots_txt_disallows(site) -> None:
    site.answer("/robots.txt", "User-agent: armstrace\nDisallow: /private/\n",
                content_type="text/plain")
    site.answer("/private/page", PAGE)
    site.answer("/public", PAGE)
    fetcher, _ = make_fetcher()
    with fetcher:
        with pytest.raises(FetchError, match=r"robots\.txt of .* disallows it"):
            fetcher.fetch(site.url("/private/page"))
        assert fetcher.fetch(site.url("/public")).status == 200
    assert site.hits("/private/page") == 0
    assert site.hits("/robots.txt") == 1  # read once per site


def test_fetch_refuses_a_redirect_into_a_disallowed_path(site) -> None:
    site.answer("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.answer("/go", status=302, headers={"Location": "/private/x"})
    fetcher, _ = make_fetcher()
    with fetcher, pytest.raises(FetchError, match="disallows"):
        fetcher.fetch(site.url("/go"))
    assert site.hits("/private/x") == 0


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_fetch_a_failing_robots_txt_refuses_for_now_and_asks_again_later(site) -> None:
    site.answer("/robots.txt", "oops", status=500)
    site.answer("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.answer("/page", PAGE)
    clock = Clock()
    fetcher = Fetcher(FetchConfig(min_interval=0.0, retries=0), sleep=Sleeps(), clock=clock)
    with fetcher:
        with pytest.raises(FetchError, match=r"robots\.txt of .* could not be read \(HTTP 500\)"
                           r"; not fetched now, tried again later") as refused:
            fetcher.fetch(site.url("/page"))
        assert refused.value.retryable  # a network problem, never a permanent refusal
        with pytest.raises(FetchError, match="could not be read"):
            fetcher.fetch(site.url("/page"))  # not asked again at once
        assert site.hits("/robots.txt") == 1
        clock.now += ROBOTS_RETRY_SECONDS
        assert fetcher.fetch(site.url("/page")).status == 200
    assert site.hits("/robots.txt") == 2
    assert site.hits("/page") == 1


def test_fetch_an_unreachable_site_is_a_retryable_network_problem() -> None:
    with socket.socket() as probe:  # a port nobody listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fetcher = Fetcher(FetchConfig(min_interval=0.0, retries=0, timeout=2.0), sleep=Sleeps())
    with fetcher, pytest.raises(FetchError, match="could not be read") as refused:
        fetcher.fetch(f"http://127.0.0.1:{port}/page")
    assert refused.value.retryable
    assert "disallows" not in str(refused.value)


def test_fetch_sends_validators_back_and_a_304_means_nothing_new(site) -> None:
    site.answer("/feed", "<rss/>", etag='"v1"',
                headers={"Last-Modified": "Wed, 25 Nov 2026 10:00:00 GMT"})
    fetcher, _ = make_fetcher()
    with fetcher:
        first = fetcher.fetch(site.url("/feed"))
        second = fetcher.fetch(site.url("/feed"), Validators(first.etag, first.last_modified))
    assert first.etag == '"v1"' and not first.not_modified
    assert second.not_modified and second.body == b""
    headers = [h for _m, p, h, _b in site.requests if p == "/feed"][1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Wed, 25 Nov 2026 10:00:00 GMT"


def test_fetch_refuses_a_body_over_the_size_limit(site) -> None:
    site.answer("/big", "x" * 5000)
    fetcher, _ = make_fetcher(FetchConfig(min_interval=0.0, max_bytes=1000))
    with fetcher, pytest.raises(FetchError, match="over the limit of"):
        fetcher.fetch(site.url("/big"))


def test_fetch_waits_its_turn_between_requests_to_one_host(site) -> None:
    site.answer("/one", PAGE)
    site.answer("/two", PAGE)
    fetcher, sleeps = make_fetcher(FetchConfig(min_interval=5.0))
    with fetcher:
        fetcher.fetch(site.url("/one"))
        fetcher.fetch(site.url("/two"))
    # robots.txt, /one, /two: each waits about 5 s after the one before.
    assert len(sleeps.waits) == 2
    assert all(4.0 < wait <= 5.0 for wait in sleeps.waits)


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "not a url"])
def test_fetch_refuses_urls_that_are_not_http(url: str) -> None:
    fetcher, _ = make_fetcher()
    with fetcher, pytest.raises(FetchError, match="not an http"):
        fetcher.fetch(url)
