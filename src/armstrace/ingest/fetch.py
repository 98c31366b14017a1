"""Fetch pages and feeds over HTTP politely: robots.txt, a per-site pace, conditional GET.

`Fetcher.fetch(url, previous)` returns a `FetchResult` or raises `FetchError`
(an `InputError` naming the URL and the problem). What it does, in order:

- asks the site's robots.txt (fetched once per site and kept; RFC 9309: a
  missing robots.txt (4xx) allows everything, an unreachable one (5xx, network
  error) allows nothing);
- waits until `min_interval` seconds have passed since its last request to the
  same host;
- sends `If-None-Match` / `If-Modified-Since` from `previous` (the state the
  store kept of the URL's last fetch), so a 304 costs the site nothing;
- retries connect errors, timeouts, 5xx and 429 with exponential back-off,
  honouring `Retry-After` (seconds or an HTTP date), capped at `max_backoff`;
- follows redirects itself (robots.txt and the pace apply to every hop), at most
  `max_redirects`;
- reads at most `max_bytes` of a body.

The network is one pluggable boundary: pass an `httpx.BaseTransport` (tests use
a real server on 127.0.0.1; `httpx.MockTransport` works too), and `sleep` /
`clock` for the waits.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self
from urllib.parse import urljoin, urlsplit

import httpx

from armstrace import __version__
from armstrace.errors import InputError
from armstrace.ingest.files import MAX_BYTES, format_size

LOGGER = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/armstrace/armstrace"
# The product token robots.txt rules name; the full user agent adds version and URL.
ROBOTS_AGENT = "armstrace"
USER_AGENT = f"{ROBOTS_AGENT}/{__version__} (+{PROJECT_URL})"

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# A robots.txt that could not be read is asked for again after this many seconds (within
# one run; each run of `watch --once` or `ingest URL` asks afresh).
ROBOTS_RETRY_SECONDS = 300.0
# robots.txt files are small; Google reads the first 500 KiB and ignores the rest.
_ROBOTS_MAX_BYTES = 500 * 1024


class FetchError(InputError):
    """A URL cannot be fetched; the message names the URL and the problem.

    `status` is the last HTTP status (None for a network error); `retryable`
    says whether a later attempt may succeed (network errors, 5xx, 429).
    """

    def __init__(self, url: str, problem: str, *, status: int | None = None,
                 retryable: bool = False) -> None:
        super().__init__(url, problem)
        self.status = status
        self.retryable = retryable


@dataclass(frozen=True)
class FetchConfig:
    """How politely and how patiently to fetch.

    Defaults: 20 s per request (news sites answer in well under that); 3 retries
    with back-off 1, 2, 4 s; 1 s between two requests to the same host (the
    crawl-delay most news sites' robots.txt ask for, when they ask).
    """

    user_agent: str = USER_AGENT
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 60.0
    min_interval: float = 1.0
    max_redirects: int = 5
    max_bytes: int = MAX_BYTES
    obey_robots: bool = True


@dataclass(frozen=True)
class FetchResult:
    """What one fetch returned.

    `url` is the URL asked for, `final_url` the one answered after redirects.
    `not_modified` is true for a 304 (then `body` is empty: nothing new).
    """

    url: str
    final_url: str
    status: int
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def not_modified(self) -> bool:
        """Return whether the server said the page has not changed since the last fetch."""
        return self.status == 304


@dataclass(frozen=True)
class Validators:
    """What a conditional GET sends back: the ETag and Last-Modified of the last fetch."""

    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    """An HTTP client that honours robots.txt, paces each host and retries with back-off.

    Use as a context manager, or call `close()`. Not thread-safe: one per worker.
    """

    def __init__(
        self,
        config: FetchConfig | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config or FetchConfig()
        self._sleep = sleep
        self._clock = clock
        self._client = httpx.Client(
            transport=transport,
            timeout=self.config.timeout,
            follow_redirects=False,  # followed by hand: robots.txt and the pace apply per hop
            headers={"User-Agent": self.config.user_agent},
        )
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        # Sites whose robots.txt could not be read: the problem and when (this clock).
        self._robots_unreachable: dict[str, tuple[str, float]] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    # -- public ----------------------------------------------------------------

    def fetch(self, url: str, previous: Validators | None = None) -> FetchResult:
        """Fetch a URL (following redirects); raise `FetchError` saying why not."""
        _check_url(url)
        current = url
        for _hop in range(self.config.max_redirects + 1):
            if not self.allowed(current):
                raise self._refusal(current)
            response_status, headers, body = self._get_with_retries(current, previous)
            if response_status in _REDIRECT_STATUSES:
                location = headers.get("location")
                if not location:
                    raise FetchError(current, f"HTTP {response_status} redirect without Location",
                                     status=response_status)
                current = urljoin(current, location)
                _check_url(current)
                previous = None  # validators belong to the URL first asked for
                continue
            if response_status == 304:
                return FetchResult(url, current, 304, etag=headers.get("etag"),
                                   last_modified=headers.get("last-modified"))
            if response_status >= 400:
                raise FetchError(current, f"HTTP {response_status}", status=response_status,
                                 retryable=response_status in _RETRY_STATUSES)
            return FetchResult(
                url,
                current,
                response_status,
                body=body,
                content_type=headers.get("content-type"),
                etag=headers.get("etag"),
                last_modified=headers.get("last-modified"),
            )
        raise FetchError(url, f"more than {self.config.max_redirects} redirects")

    def allowed(self, url: str) -> bool:
        """Return whether the site's robots.txt lets this user agent fetch the URL now.

        While the robots.txt cannot be read (a network error, 5xx), nothing of the site
        may be fetched (RFC 9309 2.3.1.4); it is asked again after `ROBOTS_RETRY_SECONDS`.
        """
        if not self.config.obey_robots:
            return True
        origin = _origin(url)
        unreachable = self._robots_unreachable.get(origin)
        if unreachable is not None and self._clock() - unreachable[1] < ROBOTS_RETRY_SECONDS:
            return False
        parser = self._robots.get(origin)
        if parser is None:
            found = self._read_robots(origin)
            if found is None:
                return False
            parser = self._robots[origin] = found
        return parser.can_fetch(ROBOTS_AGENT, url)

    def _refusal(self, url: str) -> FetchError:
        """Return why `url` may not be fetched: a rule of robots.txt, or none readable yet.

        An unreadable robots.txt is a network problem, retryable: the page is asked for
        again on a later run, never refused for good.
        """
        origin = _origin(url)
        if origin in self._robots_unreachable:
            problem = self._robots_unreachable[origin][0]
            return FetchError(url, f"robots.txt of {origin} could not be read ({problem}); "
                              "not fetched now, tried again later", retryable=True)
        return FetchError(url, f"robots.txt of {origin} disallows it")

    # -- plumbing ----------------------------------------------------------------

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """Return the site's robots.txt rules, or None (noted) when it cannot be read now."""
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        problem: str | None = None
        try:
            status, _headers, body = self._get_with_retries(
                origin + "/robots.txt", None, max_bytes=_ROBOTS_MAX_BYTES, redirects=True
            )
        except FetchError as error:
            problem = error.problem
        else:
            problem = f"HTTP {status}" if status >= 500 else None
        if problem is not None:
            # RFC 9309 2.3.1.4: an unreachable robots.txt means nothing may be fetched,
            # for now: the site is asked again later, never refused for good.
            LOGGER.warning("%s/robots.txt unreachable (%s): not fetching from it for now",
                           origin, problem)
            self._robots_unreachable[origin] = (problem, self._clock())
            return None
        self._robots_unreachable.pop(origin, None)
        if status >= 400:
            parser.parse([])  # RFC 9309 2.3.1.3: "unavailable" allows everything
        else:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay is not None and float(delay) > self.config.min_interval:
            LOGGER.info("%s asks for %s s between requests", origin, delay)
        return parser

    def _interval(self, host: str) -> float:
        parser = self._robots.get(host)
        delay = parser.crawl_delay(ROBOTS_AGENT) if parser is not None else None
        return max(self.config.min_interval, float(delay or 0))

    def _wait_turn(self, url: str) -> None:
        origin = _origin(url)
        last = self._last_request.get(origin)
        if last is not None:
            wait = last + self._interval(origin) - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[origin] = self._clock()

    def _get_with_retries(
        self,
        url: str,
        previous: Validators | None,
        *,
        max_bytes: int | None = None,
        redirects: bool = False,
    ) -> tuple[int, httpx.Headers, bytes]:
        headers: dict[str, str] = {}
        if previous is not None and previous.etag:
            headers["If-None-Match"] = previous.etag
        if previous is not None and previous.last_modified:
            headers["If-Modified-Since"] = previous.last_modified
        attempt = 0
        while True:
            self._wait_turn(url)
            try:
                status, answer_headers, body = self._get_once(
                    url, headers, max_bytes or self.config.max_bytes, redirects
                )
            except (httpx.TransportError, httpx.TooManyRedirects) as error:
                problem = _describe_transport_error(error, self.config.timeout)
                if attempt >= self.config.retries or isinstance(error, httpx.TooManyRedirects):
                    raise FetchError(url, problem, retryable=True) from error
                wait = self._backoff(attempt, None)
                LOGGER.info("%s: %s; retrying in %.1f s", url, problem, wait)
            else:
                if status not in _RETRY_STATUSES or attempt >= self.config.retries:
                    return status, answer_headers, body
                wait = self._backoff(attempt, answer_headers.get("retry-after"))
                LOGGER.info("%s: HTTP %d; retrying in %.1f s", url, status, wait)
            self._sleep(wait)
            attempt += 1

    def _get_once(self, url: str, headers: dict[str, str], max_bytes: int, redirects: bool
                  ) -> tuple[int, httpx.Headers, bytes]:
        with self._client.stream("GET", url, headers=headers,
                                 follow_redirects=redirects) as response:
            if response.status_code >= 300:
                return response.status_code, response.headers, b""
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(url, _too_large(int(declared), max_bytes))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(url, _too_large(size, max_bytes, at_least=True))
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        wait = self.config.backoff * 2**attempt
        asked = parse_retry_after(retry_after) if retry_after else None
        if asked is not None:
            wait = max(wait, asked)
        return min(wait, self.config.max_backoff)


def parse_retry_after(value: str, now: dt.datetime | None = None) -> float | None:
    """Return the seconds a `Retry-After` header asks to wait (delay-seconds or HTTP-date)."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(url, "not an http:// or https:// URL")


def _too_large(size: int, max_bytes: int, *, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return (f"body is {more}{format_size(size)}, over the limit of {format_size(max_bytes)} "
            "(raise it with --max-bytes)")


def _describe_transport_error(error: Exception, timeout: float) -> str:
    if isinstance(error, httpx.TimeoutException):
        return f"no answer within {timeout:g} s ({type(error).__name__})"
    if isinstance(error, httpx.ConnectError):
        return f"cannot connect ({error})"
    return f"{type(error).__name__}: {error}"
