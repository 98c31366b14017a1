"""The live-feed commands of the command line: `watch` and `alert add|list|remove|feed`.

Kept apart from cli.py so each module stays one job long; `add_watch_commands`
registers them on the main app. Thin commands over `armstrace.watch`,
`armstrace.alerts` and `armstrace.ingest.fetch`.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from armstrace.cli_listing import deal_filter_of, list_filters
from armstrace.cli_pipeline import fetch_config, load_extractor, report_notification, report_skipped
from armstrace.cli_terminal import (
    DEFAULT_DB,
    CategoryOption,
    DbOption,
    DealStatusOption,
    PlainHelpGroup,
    RecipientOption,
    SinceOption,
    SupplierOption,
    UntilOption,
    WeaponOption,
    err,
    fail,
    out,
    require_database,
    results_table,
    usage_fail,
)
from armstrace.errors import ArmstraceError
from armstrace.model import Skipped

if TYPE_CHECKING:
    pass

MinIntervalOption = Annotated[
    float,
    typer.Option("--min-interval", min=0.0,
                 help="Seconds between two requests to the same site (robots.txt may ask more)."),
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0.1, help="Seconds to wait for each HTTP answer.")
]

alert_app = typer.Typer(
    cls=PlainHelpGroup, help="Watchlists: alert on new or changed deals that match a filter.",
                        no_args_is_help=True)


def add_watch_commands(app: typer.Typer) -> None:
    """Register `watch` and the `alert` group on the app."""
    app.command("watch")(watch)
    app.add_typer(alert_app, name="alert")


# --- watch -----------------------------------------------------------------------------------


def watch(
    sources: Annotated[
        list[str], typer.Argument(metavar="FEED_URL_OR_FILE...",
                                  help="Feed or page URLs, or feed files whose links to fetch.")
    ],
    db: DbOption = DEFAULT_DB,
    every: Annotated[
        str, typer.Option("--every", help="How often to poll: 30s, 15m, 2h, 1d.")
    ] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit (tests, cron).")] = False,
    min_interval: MinIntervalOption = 1.0,
    timeout: TimeoutOption = 20.0,
) -> None:
    """Poll feeds: fetch each new article page, extract, ingest, merge and alert."""
    from armstrace.alerts import WebhookPoster
    from armstrace.ingest.fetch import Fetcher
    from armstrace.store import open_store
    from armstrace.watch import parse_interval, poll_once

    try:
        seconds = parse_interval(every)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--every") from None
    extractor = load_extractor(db)
    config = fetch_config(min_interval, timeout, None)
    try:
        with open_store(db) as store, Fetcher(config) as fetcher, WebhookPoster() as poster:
            while True:
                started = time.monotonic()

                def on_progress(_report: object, item: object) -> None:
                    if isinstance(item, Skipped):
                        report_skipped(item)

                report = poll_once(sources, store, extractor, fetcher, poster, on_progress)
                report_notification(report.notification)
                live, ingest = report.live, report.ingest
                err.print(
                    f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M:%S}Z: "
                    f"{live.feeds_fetched + live.feeds_not_modified} feeds polled "
                    f"({live.feeds_not_modified} unchanged), "
                    f"{live.pages_fetched} pages fetched ({live.pages_already_fetched} seen "
                    f"before), {ingest.documents_added} documents added, "
                    f"{ingest.records_added} records, {len(report.notification.alerts)} alerts "
                    f"-> {db}",
                    markup=False, soft_wrap=True,
                )
                if once:
                    return
                time.sleep(max(0.0, seconds - (time.monotonic() - started)))
    except KeyboardInterrupt:
        return
    except ArmstraceError as error:
        raise fail(str(error)) from error


# --- alert -----------------------------------------------------------------------------------


@alert_app.command("add")
def alert_add(
    db: DbOption = DEFAULT_DB,
    supplier: SupplierOption = None,
    recipient: RecipientOption = None,
    weapon: WeaponOption = None,
    category: CategoryOption = None,
    status: DealStatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    webhook: Annotated[
        str | None, typer.Option(help="POST each alert as JSON to this http(s) URL.")
    ] = None,
) -> None:
    """Add a watchlist: new or changed deals matching these filters become alerts."""
    from armstrace.alerts import make_watchlist
    from armstrace.store import open_store

    typed = list_filters(supplier, recipient, weapon, status, category, since, until)
    try:
        with open_store(db) as store:
            deal_filter = deal_filter_of(store, typed)
            try:
                watchlist = make_watchlist(deal_filter, webhook=webhook)
            except ValueError as error:
                raise usage_fail(str(error)) from None
            added = store.add_watchlist(watchlist)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    out.print(watchlist.id, markup=False)
    if not added:
        err.print(f"watchlist {watchlist.id} was already there", markup=False)


@alert_app.command("list")
def alert_list(db: DbOption = DEFAULT_DB) -> None:
    """List the watchlists with their filters, webhooks and alert counts."""
    from armstrace.alerts import describe_watchlist
    from armstrace.store import open_store

    require_database(db)
    try:
        with open_store(db) as store:
            rows = [(w, sum(1 for _ in store.iter_alerts(w.id))) for w in store.iter_watchlists()]
    except ArmstraceError as error:
        raise fail(str(error)) from error
    table = results_table(f"{len(rows)} watchlists")
    table.add_column("id", no_wrap=True)
    table.add_column("filter", overflow="fold")
    table.add_column("webhook", overflow="fold")
    table.add_column("alerts", justify="right")
    for watchlist, count in rows:
        table.add_row(watchlist.id, escape(describe_watchlist(watchlist)),
                      escape(watchlist.webhook or ""), str(count))
    out.print(table)


@alert_app.command("remove")
def alert_remove(
    watchlist_id: Annotated[str, typer.Argument(metavar="ID", help="A watchlist id.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Remove a watchlist and its alerts."""
    from armstrace.store import open_store

    require_database(db)
    try:
        with open_store(db) as store:
            removed = store.remove_watchlist(watchlist_id)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    if not removed:
        raise fail(f"no watchlist with id {watchlist_id}; list them with: armstrace alert list")
    err.print(f"watchlist {watchlist_id} removed", markup=False)


@alert_app.command("feed")
def alert_feed(
    db: DbOption = DEFAULT_DB,
    watchlist_id: Annotated[
        str | None, typer.Option("--watchlist", help="Only this watchlist's alerts.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many alerts.")] = 100,
    feed_url: Annotated[
        str, typer.Option("--feed-url", help="The feed's own address (its rel=self link).")
    ] = "http://127.0.0.1:8000/alerts.atom",
) -> None:
    """Write the alerts as an Atom feed to stdout (what `serve` shows at /alerts.atom)."""
    from armstrace.alerts import render_alerts_atom
    from armstrace.store import open_store

    require_database(db)
    try:
        with open_store(db) as store:
            atom = render_alerts_atom(store.iter_alerts(watchlist_id, limit=limit),
                                      feed_url=feed_url)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    sys.stdout.buffer.write(atom)
