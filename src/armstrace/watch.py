"""Poll live sources: fetch what is new, ingest and merge it, then alert the watchlists.

    with Fetcher() as fetcher, WebhookPoster() as poster:
        report = poll_once(["https://example.org/feed.xml"], store, extractor, fetcher, poster)

One poll is `read_live` (the reader) -> `ingest_documents` (clean, extract,
store, merge) -> `notify_watchlists` (alerts stored, webhooks called). No stage
code of its own: `armstrace watch` repeats it, `armstrace ingest URL` runs it once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from armstrace.alerts import WebhookPoster, deliver_alerts, raise_alerts
from armstrace.ingest.fetch import Fetcher
from armstrace.ingest.live import LiveReport, read_live
from armstrace.model import Document, Skipped
from armstrace.pipeline import IngestReport, ingest_documents
from armstrace.store.base import Alert, Store

if TYPE_CHECKING:
    from armstrace.extract import Extractor

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass
class Notification:
    """What telling the watchlists did: the alerts stored now, and the webhooks that failed."""

    alerts: list[Alert] = field(default_factory=list)
    delivery_problems: list[str] = field(default_factory=list)


@dataclass
class PollReport:
    """What one poll did: fetching, ingesting, alerting."""

    live: LiveReport = field(default_factory=LiveReport)
    ingest: IngestReport = field(default_factory=IngestReport)
    notification: Notification = field(default_factory=Notification)


def notify_watchlists(store: Store, poster: WebhookPoster | None = None,
                      *, site_url: str | None = None) -> Notification:
    """Store alerts for new or changed deals that match a watchlist; POST them to webhooks.

    Without a poster, alerts are stored (and shown in the Atom feed) but not POSTed;
    they are POSTed by the next call that has one.
    """
    notification = Notification(alerts=raise_alerts(store))
    if poster is not None:
        notification.delivery_problems = deliver_alerts(store, poster, site_url=site_url)
    return notification


def poll_once(
    sources: Iterable[str],
    store: Store,
    extractor: Extractor,
    fetcher: Fetcher,
    poster: WebhookPoster | None = None,
    on_progress: Callable[[IngestReport, Document | Skipped], None] | None = None,
) -> PollReport:
    """Fetch the new pages of the sources (URLs of pages or feeds, feed files), ingest them,
    merge deals and alert the watchlists."""
    report = PollReport()
    items = read_live(sources, fetcher, store, report.live)
    report.ingest = ingest_documents(items, store, extractor, on_progress)
    report.notification = notify_watchlists(store, poster)
    return report


def parse_interval(text: str) -> float:
    """Return the seconds of an interval such as `90`, `30s`, `15m`, `2h` or `1d`."""
    found = _INTERVAL.match(text.lower())
    if found is None or float(found.group(1)) <= 0:
        raise ValueError(f"{text!r} is not an interval such as 30s, 15m, 2h or 1d")
    return float(found.group(1)) * _UNIT_SECONDS[found.group(2)]
