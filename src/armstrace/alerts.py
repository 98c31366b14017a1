"""Watchlists: standing deal filters whose new or changed matches become alerts.

    watchlist = make_watchlist(DealFilter(recipient="SRB", category="uav"))
    store.add_watchlist(watchlist)
    ...                                      # ingest, merge
    new = raise_alerts(store)                # stored; the same deal state never twice
    atom = render_alerts_atom(store.iter_alerts(limit=100), feed_url=...)
    problems = deliver_alerts(store, WebhookPoster())  # POST JSON to each webhook

An alert is a deal as it read when it matched. A deal alerts again when it
changes (a new source, a new status, a corrected field): its `state`, a hash of
the deal's JSON, differs from the state of the watchlist's last alert on it.
A new watchlist first alerts on every deal that already matches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import httpx
from lxml import etree

from armstrace.model import Deal
from armstrace.store.base import Alert, DealFilter, Store, Watchlist
from armstrace.store.watch_tables import watchlist_conditions

_log = logging.getLogger(__name__)

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
# Tag URIs (RFC 4151) make ids that are unique and stable without a domain of our own.
_TAG_PREFIX = "tag:armstrace,2026:"


def make_watchlist(
    deals: DealFilter, *, webhook: str | None = None, created: dt.datetime | None = None
) -> Watchlist:
    """Return a watchlist over the filter's conditions, its id derived from them and the webhook."""
    conditions = watchlist_conditions(deals)
    if not conditions:
        raise ValueError("a watchlist needs at least one condition (--recipient, --category ...)")
    if webhook is not None and not webhook.startswith(("http://", "https://")):
        raise ValueError(f"webhook {webhook!r} is not an http:// or https:// URL")
    key = json.dumps({"conditions": conditions, "webhook": webhook}, sort_keys=True)
    return Watchlist(
        id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:12],
        deals=DealFilter(**_typed(deals, conditions)),
        created=created or dt.datetime.now(dt.UTC),
        webhook=webhook,
    )


def _typed(deals: DealFilter, conditions: dict[str, str]) -> dict[str, Any]:
    return {name: getattr(deals, name) for name in conditions}


def describe_watchlist(watchlist: Watchlist) -> str:
    """Return the watchlist's conditions as command-line options: `--recipient SRB ...`."""
    conditions = watchlist_conditions(watchlist.deals)
    return " ".join(f"--{name} {value}" for name, value in conditions.items())


def deal_state(deal: Deal) -> str:
    """Return a hash of everything the deal says: equal states mean nothing changed."""
    text = json.dumps(deal.to_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def raise_alerts(store: Store, *, now: dt.datetime | None = None) -> list[Alert]:
    """Store an alert for each deal that matches a watchlist and is new or changed to it.

    Return the alerts stored now. Running it again with nothing ingested stores nothing.
    """
    moment = now or dt.datetime.now(dt.UTC)
    raised: list[Alert] = []
    for watchlist in store.iter_watchlists():
        seen = store.alerted_deal_states(watchlist.id)
        for deal in store.iter_deals(watchlist.deals):
            state = deal_state(deal)
            if seen.get(deal.id) == state:
                continue
            alert_id = hashlib.sha256(
                f"{watchlist.id}|{deal.id}|{state}".encode()
            ).hexdigest()[:16]
            alert = Alert(
                id=alert_id,
                watchlist_id=watchlist.id,
                deal=deal,
                state=state,
                change="changed" if deal.id in seen else "new",
                created=moment,
            )
            if store.add_alert(alert):
                raised.append(alert)
    return raised


def alert_title(alert: Alert) -> str:
    """Return a one-line headline: `New deal: TUR -> SRB, Bayraktar TB2 (ordered)`."""
    deal = alert.deal
    if deal.kind == "coproduction":
        parties = " + ".join(deal.partners) + " co-production"
    else:
        supplier = deal.supplier or deal.supplier_name or "unknown supplier"
        recipient = deal.recipient or deal.recipient_name or "unknown recipient"
        parties = f"{supplier} -> {recipient}"
    what = "New deal" if alert.change == "new" else "Deal changed"
    return f"{what}: {parties}, {deal.weapon} ({deal.status})"


def alert_summary(alert: Alert) -> str:
    """Return a few plain lines on the deal: status history, quantities, sources."""
    deal = alert.deal
    lines = [alert_title(alert)]
    for change in deal.history:
        lines.append(f"{change.status}: {change.date or 'undated'}")
    for label, stated in (("ordered", deal.quantity_ordered), ("delivered",
                                                                deal.quantity_delivered)):
        if stated:
            lines.append(f"quantity {label}: " + ", ".join(str(s.value) for s in stated))
    lines.append(f"{deal.source_count} source(s); seen {deal.first_seen or '?'} to "
                 f"{deal.last_seen or '?'}")
    for item in deal.evidence[:3]:
        lines.append(f"“{item.evidence.text}” ({item.url or item.document_id})")
    return "\n".join(lines)


def alert_json(alert: Alert, *, deal_url: str | None = None) -> dict[str, Any]:
    """Return what a webhook receives: the alert's fields and the deal in the spec's shape."""
    return {
        "id": alert.id,
        "watchlist": alert.watchlist_id,
        "change": alert.change,
        "title": alert_title(alert),
        "created": alert.created.isoformat(timespec="seconds"),
        "deal_url": deal_url,
        "deal": alert.deal.to_json(),
    }


def render_alerts_atom(
    alerts: Iterable[Alert],
    *,
    feed_url: str,
    site_url: str | None = None,
    title: str = "armstrace alerts",
    updated: dt.datetime | None = None,
) -> bytes:
    """Return the alerts as an Atom 1.0 feed (RFC 4287), newest first as given.

    `feed_url` is the feed's own address (its rel="self" link); with `site_url`
    (the web application's root, ending in /) each entry links to its deal page.
    """
    items = list(alerts)
    atom = f"{{{ATOM_NAMESPACE}}}"
    feed = etree.Element(f"{atom}feed", nsmap={None: ATOM_NAMESPACE})
    etree.SubElement(feed, f"{atom}id").text = _TAG_PREFIX + "alerts:" + feed_url
    etree.SubElement(feed, f"{atom}title").text = title
    newest = max((a.created for a in items), default=None)
    etree.SubElement(feed, f"{atom}updated").text = _atom_time(
        newest or updated or dt.datetime.now(dt.UTC)
    )
    author = etree.SubElement(feed, f"{atom}author")
    etree.SubElement(author, f"{atom}name").text = "armstrace"
    etree.SubElement(feed, f"{atom}link", rel="self", href=feed_url,
                     type="application/atom+xml")
    if site_url:
        etree.SubElement(feed, f"{atom}link", rel="alternate", href=site_url)
    etree.SubElement(feed, f"{atom}generator").text = "armstrace"
    for alert in items:
        entry = etree.SubElement(feed, f"{atom}entry")
        etree.SubElement(entry, f"{atom}id").text = _TAG_PREFIX + "alert:" + alert.id
        etree.SubElement(entry, f"{atom}title").text = alert_title(alert)
        etree.SubElement(entry, f"{atom}updated").text = _atom_time(alert.created)
        if site_url:
            etree.SubElement(entry, f"{atom}link", rel="alternate",
                             href=f"{site_url}deals/{alert.deal.id}")
        etree.SubElement(entry, f"{atom}category", term=alert.deal.category)
        etree.SubElement(entry, f"{atom}category", term=alert.deal.status)
        content = etree.SubElement(entry, f"{atom}content", type="text")
        content.text = alert_summary(alert)
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="utf-8",
                                pretty_print=True))


def _atom_time(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class WebhookConfig:
    """How patiently to POST alerts: 10 s per attempt, 2 retries after 1 and 2 s."""

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    user_agent: str = ""


class WebhookPoster:
    """POST alerts as JSON to webhooks; retry network errors, 5xx and 429 with back-off."""

    def __init__(
        self,
        config: WebhookConfig | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        from armstrace.ingest.fetch import USER_AGENT

        self.config = config or WebhookConfig()
        self._sleep = sleep
        self._client = httpx.Client(
            transport=transport,
            timeout=self.config.timeout,
            headers={"User-Agent": self.config.user_agent or USER_AGENT},
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def post(self, url: str, payload: dict[str, Any]) -> str | None:
        """POST the payload; return None when the webhook took it (2xx), else the problem."""
        problem = ""
        for attempt in range(self.config.retries + 1):
            if attempt:
                self._sleep(self.config.backoff * 2 ** (attempt - 1))
            try:
                response = self._client.post(url, json=payload)
            except httpx.TransportError as error:
                problem = f"{type(error).__name__}: {error}"
                continue
            if response.is_success:
                return None
            problem = f"HTTP {response.status_code}"
            if response.status_code != 429 and response.status_code < 500:
                break  # the webhook refuses this payload; asking again will not help
        return problem


def deliver_alerts(
    store: Store,
    poster: WebhookPoster,
    *,
    site_url: str | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> list[str]:
    """POST every undelivered alert of a watchlist with a webhook; return one line per failure.

    An alert the webhook took is marked delivered and never sent again; a failed
    one is tried again on the next call.
    """
    problems: list[str] = []
    for watchlist in store.iter_watchlists():
        if watchlist.webhook is None:
            continue
        pending = [a for a in store.iter_alerts(watchlist.id) if a.delivered is None]
        for alert in reversed(pending):  # oldest first
            deal_url = f"{site_url}deals/{alert.deal.id}" if site_url else None
            problem = poster.post(watchlist.webhook, alert_json(alert, deal_url=deal_url))
            if problem is None:
                store.mark_alert_delivered(alert.id, now())
            else:
                _log.warning("webhook %s: alert %s not delivered: %s", watchlist.webhook,
                             alert.id, problem)
                problems.append(f"{watchlist.webhook}: alert {alert.id} not delivered "
                                f"({problem}); it is sent again on the next run")
    return problems
