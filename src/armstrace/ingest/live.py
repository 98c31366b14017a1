"""Read news over HTTP: one page, or a feed whose new article pages are fetched.

`read_live(sources, fetcher, store)` is a reader like `read_paths`: it yields
Documents and Skipped, and feeds `armstrace.pipeline.ingest_documents`. What it
fetched is remembered in the store (`Store.save_fetch_state`), so:

- an article page is fetched once, ever (a page that failed with a network
  error, 5xx or 429 is tried again on a later run);
- a feed is fetched again on every poll, conditionally (ETag, Last-Modified):
  a 304 means nothing new;
- a feed given as a local file is read from disk, its article pages fetched.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from armstrace.errors import InputError
from armstrace.ingest.feed import FeedLink, read_feed_links
from armstrace.ingest.fetch import Fetcher, FetchError, FetchResult, Validators
from armstrace.ingest.files import read_file_bytes, skip, sniff_format
from armstrace.ingest.html import extract_article
from armstrace.model import Document, Skipped
from armstrace.store.base import FetchState, Store

LOGGER = logging.getLogger(__name__)

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
               "application/xml", "text/xml", "application/feed+json")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class LiveReport:
    """What one pass over live sources fetched (counts; skipped inputs go to the ingest)."""

    feeds_fetched: int = 0
    feeds_not_modified: int = 0
    pages_fetched: int = 0
    pages_already_fetched: int = 0
    fetch_failures: int = 0


def is_url(source: str) -> bool:
    """Return whether a command-line source is an http(s) URL rather than a path."""
    return source.startswith(("http://", "https://"))


def read_live(
    sources: Iterable[str],
    fetcher: Fetcher,
    store: Store,
    report: LiveReport | None = None,
) -> Iterator[Document | Skipped]:
    """Yield the documents of URLs (a page or a feed) and feed files, fetching what is new."""
    tally = report if report is not None else LiveReport()
    for source in sources:
        if is_url(source):
            yield from _read_url(source, fetcher, store, tally)
        else:
            yield from _read_feed_file(source, fetcher, store, tally)


def _read_feed_file(path: str, fetcher: Fetcher, store: Store, tally: LiveReport
                    ) -> Iterator[Document | Skipped]:
    try:
        data = read_file_bytes(Path(path), path, fetcher.config.max_bytes)
        links = read_feed_links(data, path)
    except InputError as error:
        yield skip(error.source, error.problem)
        return
    except OSError as error:
        yield skip(path, f"cannot read it: {error.strerror or error}")
        return
    tally.feeds_fetched += 1
    for link in links:
        yield from _read_article(link, fetcher, store, tally)


def _read_url(url: str, fetcher: Fetcher, store: Store, tally: LiveReport
              ) -> Iterator[Document | Skipped]:
    previous = store.get_fetch_state(url)
    if previous is not None and previous.document_id is not None:
        # A page already read: never fetched again (feeds have no document of their own).
        tally.pages_already_fetched += 1
        return
    validators = None
    if previous is not None and previous.problem is None:
        validators = Validators(previous.etag, previous.last_modified)
    result = _fetch(url, fetcher, store, validators, tally)
    if isinstance(result, Skipped):
        yield result
        return
    if result.not_modified:
        tally.feeds_not_modified += 1
        # A 304 may leave out the validators; the earlier ones still hold.
        store.save_fetch_state(_state(result, previous=previous))
        return
    kind = _kind(result)
    if kind == "feed":
        try:
            links = read_feed_links(result.body, url, base_url=result.final_url)
        except InputError as error:
            store.save_fetch_state(_state(result, problem=error.problem))
            yield skip(url, error.problem)
            return
        tally.feeds_fetched += 1
        store.save_fetch_state(_state(result))
        for link in links:
            yield from _read_article(link, fetcher, store, tally)
    elif kind == "html":
        tally.pages_fetched += 1
        yield _page_document(result, FeedLink(url), store)
    else:
        problem = (f"neither an HTML page nor an RSS/Atom feed "
                   f"(content type {result.content_type or 'not given'})")
        store.save_fetch_state(_state(result, problem=problem))
        yield skip(url, problem)


def _read_article(link: FeedLink, fetcher: Fetcher, store: Store, tally: LiveReport
                  ) -> Iterator[Document | Skipped]:
    previous = store.get_fetch_state(link.url)
    if previous is not None and not _worth_retrying(previous):
        tally.pages_already_fetched += 1
        return
    result = _fetch(link.url, fetcher, store, None, tally)
    if isinstance(result, Skipped):
        yield result
        return
    tally.pages_fetched += 1
    if _kind(result) != "html":
        problem = f"article link is not an HTML page (content type {result.content_type})"
        store.save_fetch_state(_state(result, problem=problem))
        yield skip(link.url, problem)
        return
    yield _page_document(result, link, store)


def _fetch(url: str, fetcher: Fetcher, store: Store, validators: Validators | None,
           tally: LiveReport) -> FetchResult | Skipped:
    try:
        return fetcher.fetch(url, validators)
    except FetchError as error:
        tally.fetch_failures += 1
        store.save_fetch_state(FetchState(
            url=url,
            fetched_at=_now(),
            status=error.status,
            problem=error.problem if error.retryable else f"permanent: {error.problem}",
        ))
        return skip(error.source, error.problem)


def _page_document(result: FetchResult, link: FeedLink, store: Store) -> Document | Skipped:
    item = extract_article(
        result.body,
        source=result.url,
        url=result.final_url,
        title=link.title,
        published=link.published,
    )
    if isinstance(item, Document):
        store.save_fetch_state(_state(result, document_id=item.id))
    else:
        store.save_fetch_state(_state(result, problem=item.reason))
    return item


def _worth_retrying(previous: FetchState) -> bool:
    """Return whether an article fetch failed in a way a later attempt may mend."""
    if previous.problem is None or previous.problem.startswith("permanent: "):
        return False
    return previous.status is None or previous.status >= 500 or previous.status == 429


def _kind(result: FetchResult) -> str | None:
    content_type = (result.content_type or "").split(";")[0].strip().lower()
    if content_type in _HTML_TYPES:
        # Some sites serve feeds as text/html; the body decides.
        return "feed" if sniff_format(result.body[:4096]) == "feed" else "html"
    if content_type in _FEED_TYPES or content_type.endswith("+xml"):
        return "feed"
    sniffed = sniff_format(result.body[:4096])
    return sniffed if sniffed in ("feed", "html") else None


def _state(result: FetchResult, *, previous: FetchState | None = None,
           document_id: str | None = None, problem: str | None = None) -> FetchState:
    return FetchState(
        url=result.url,
        fetched_at=result.fetched_at,
        status=result.status,
        etag=result.etag or (previous.etag if previous else None),
        last_modified=result.last_modified or (previous.last_modified if previous else None),
        final_url=result.final_url,
        document_id=document_id,
        problem=problem,
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
