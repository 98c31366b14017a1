"""The commands that list what a register holds: records, deals, one deal, and exports.

`records`, `deals` and `export` take the same filters; party and weapon names resolve
through the catalogues (`armstrace.filters`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from armstrace.cli_terminal import (
    DEFAULT_DB,
    SHORT_ID,
    CategoryOption,
    DbOption,
    DealStatusOption,
    JsonOption,
    OutletOption,
    RecipientOption,
    ReviewStateOption,
    SinceOption,
    StatusOption,
    SupplierOption,
    UntilOption,
    WeaponOption,
    check_choice,
    count_of,
    db_label,
    err,
    fail,
    out,
    parse_day,
    require_database,
    resolve_names,
    results_table,
    unique_id,
    usage_fail,
)
from armstrace.errors import ArmstraceError
from armstrace.model import CATEGORIES, STATUSES, Deal, Money, Record, StatedValue

if TYPE_CHECKING:
    from armstrace.store import DealFilter, RecordFilter, Store


_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def add_listing_commands(app: typer.Typer) -> None:
    """Register `records`, `deals`, `deal` and `export` on the app."""
    for command in (records, deals, deal, export):
        app.command()(command)


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListFilters:
    """The filters `records`, `deals` and `export` share, checked but with names as typed."""

    supplier: str | None = None
    recipient: str | None = None
    weapon: str | None = None
    status: str | None = None
    category: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    review_state: str | None = None
    limit: int | None = None
    outlet: str | None = None


def list_filters(supplier: str | None, recipient: str | None, weapon: str | None,
                 status: str | None, category: str | None, since: str | None,
                 until: str | None, review_state: str | None = None,
                 limit: int | None = None, outlet: str | None = None) -> ListFilters:
    """Return the filters the options give; a bad choice, day or outlet is a one-line
    usage error."""
    from armstrace.review import REVIEW_STATES

    return ListFilters(
        supplier=supplier, recipient=recipient, weapon=weapon,
        status=check_choice(status, STATUSES, "--status"),
        category=check_choice(category, CATEGORIES, "--category"),
        since=parse_day(since, "--since"), until=parse_day(until, "--until", end=True),
        review_state=check_choice(review_state, REVIEW_STATES, "--review-state"),
        limit=limit, outlet=_outlet(outlet),
    )


def _outlet(typed: str | None) -> str | None:
    from armstrace.errors import ConfigError
    from armstrace.filters import read_outlet

    try:
        return None if typed is None else read_outlet(typed)
    except ConfigError as error:
        raise usage_fail(f"--outlet: {error}") from None


def record_filter_of(store: Store, typed: ListFilters) -> RecordFilter:
    """Return the store's record filter: names resolved through the catalogues."""
    from armstrace.store import RecordFilter

    names = resolve_names(store, typed.supplier, typed.recipient, typed.weapon)
    return RecordFilter(supplier=names.supplier, recipient=names.recipient, weapon=names.weapon,
                        status=typed.status, category=typed.category, since=typed.since,
                        until=typed.until, review_state=typed.review_state, limit=typed.limit,
                        outlet=typed.outlet)


def deal_filter_of(store: Store, typed: ListFilters) -> DealFilter:
    """Return the store's deal filter: names resolved through the catalogues."""
    from armstrace.store import DealFilter

    if typed.review_state is not None:
        raise usage_fail("--review-state: records have a review state, deals do not; "
                         "use --what records")
    names = resolve_names(store, typed.supplier, typed.recipient, typed.weapon)
    return DealFilter(supplier=names.supplier, recipient=names.recipient, weapon=names.weapon,
                      status=typed.status, category=typed.category, since=typed.since,
                      until=typed.until, limit=typed.limit, outlet=typed.outlet)


def record_json(record: Record) -> dict[str, object]:
    """Return the record in the contract's shape with its review state, as the API does."""
    from armstrace.review import review_state

    return {**record.to_json(), "review": review_state(record)}


def records(
    db: DbOption = DEFAULT_DB,
    supplier: SupplierOption = None,
    recipient: RecipientOption = None,
    weapon: WeaponOption = None,
    status: StatusOption = None,
    category: CategoryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    review_state: ReviewStateOption = None,
    outlet: OutletOption = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many records.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored records as a table, or JSON Lines with --json (with review state)."""
    from armstrace.store import open_store

    typed = list_filters(supplier, recipient, weapon, status, category, since, until,
                         review_state, limit, outlet)
    require_database(db)
    try:
        with open_store(db) as store:
            found = store.iter_records(record_filter_of(store, typed))
            if as_json:
                for record in found:
                    sys.stdout.write(json.dumps(record_json(record), ensure_ascii=False) + "\n")
            else:
                out.print(records_table(list(found)))
    except ArmstraceError as error:
        raise fail(str(error)) from error


def records_table(found: list[Record]) -> Table:
    """Return records as a table as wide as the terminal; `review` takes the short id."""
    table = results_table(f"{len(found)} records")
    table.add_column("id", no_wrap=True)
    table.add_column("parties", overflow="fold", min_width=7)
    table.add_column("weapon", overflow="fold", min_width=7)
    table.add_column("qty", justify="right")
    table.add_column("value", justify="right")
    table.add_column("status", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("conf", justify="right")
    for record in found:
        value = (
            f"{_short_amount(record.value.amount)} {record.value.currency}" if record.value else ""
        )
        table.add_row(
            record.id[:SHORT_ID],
            _parties(record.kind, record.supplier, record.recipient, record.partners,
                     record.supplier_name, record.recipient_name),
            record.weapon,
            "" if record.quantity is None else str(record.quantity),
            value,
            record.status,
            str(record.date or ""),
            f"{record.confidence:.2f}",
        )
    return table


def _short_amount(amount: int) -> str:
    """Return 3000000000 as "3bn", 84000000 as "84m"."""
    for size, suffix in ((1_000_000_000, "bn"), (1_000_000, "m"), (1_000, "k")):
        if amount >= size:
            return f"{amount / size:.3g}{suffix}"
    return str(amount)


# --- deals -----------------------------------------------------------------------------------


def deals(
    db: DbOption = DEFAULT_DB,
    supplier: SupplierOption = None,
    recipient: RecipientOption = None,
    weapon: WeaponOption = None,
    status: DealStatusOption = None,
    category: CategoryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    outlet: OutletOption = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many deals.")] = None,
    not_in_sipri: Annotated[bool, typer.Option(
        "--not-in-sipri", help="Only deals no row of the imported SIPRI release records.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List deals (records merged across documents) as a table, or JSON Lines with --json."""
    from armstrace.store import open_store

    typed = list_filters(supplier, recipient, weapon, status, category, since, until,
                         limit=limit, outlet=outlet)
    require_database(db)
    try:
        with open_store(db) as store:
            deal_filter = deal_filter_of(store, typed)
            if not_in_sipri:
                deal_filter = dataclasses.replace(deal_filter, limit=None)
            found = store.iter_deals(deal_filter)
            if not_in_sipri:
                found = _not_in_sipri(store, found, limit, db)
            if as_json:
                for found_deal in found:
                    sys.stdout.write(json.dumps(found_deal.to_json(), ensure_ascii=False) + "\n")
            else:
                out.print(_deals_table(list(found)))
    except ArmstraceError as error:
        raise fail(str(error)) from error


def _not_in_sipri(store: Store, deals: Iterator[Deal], limit: int | None,
                  db: str) -> Iterator[Deal]:
    """Return the deals no row of the store's SIPRI release records, at most `limit`."""
    from itertools import islice

    from armstrace.knowledge import load_knowledge
    from armstrace.sipri.compare import store_comparer

    comparer = store_comparer(store, load_knowledge())
    if comparer is None:
        raise fail(f"{db_label(db)}: no SIPRI register imported, so no deal can be said not "
                   f"to be in it; run: armstrace sipri import FILE --db {db_label(db)}")
    return islice((deal for deal in deals if not comparer.rows_of(deal)), limit)


def deal(
    deal_id: Annotated[str, typer.Argument(metavar="ID", help="A deal id from armstrace deals.")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Show one deal: its slots, status history and every piece of evidence."""
    from armstrace.cli_sipri import sipri_lines
    from armstrace.store import open_store

    require_database(db)
    sipri: list[str] = []
    try:
        with open_store(db) as store:
            found = store.get_deal(_deal_id(store, deal_id.strip(), db))
            if found is not None and not as_json:
                sipri = sipri_lines(store, found)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    if found is None:
        raise fail(f"{db_label(db)}: no deal with id {deal_id}; "
                    f"list the ids with: armstrace deals --db {db_label(db)}")
    if as_json:
        sys.stdout.write(json.dumps(found.to_json(), ensure_ascii=False) + "\n")
        return
    _print_deal(found)
    for line in sipri:
        out.print(line, markup=False, soft_wrap=True)


def _deal_id(store: Store, typed: str, db: str) -> str:
    """Return the deal id `typed` is, or the one it starts (as git takes a short id)."""
    if store.get_deal(typed.strip()) is not None:
        return typed.strip()
    return unique_id(typed, (summary.id for summary in store.iter_deal_summaries()), "deal",
                     f"armstrace deals --db {db_label(db)}")


def _parties(kind: str, supplier: str | None, recipient: str | None, partners: tuple[str, ...],
             supplier_name: str | None = None, recipient_name: str | None = None) -> str:
    if kind == "coproduction":
        return "+".join(partners) + " (co)"
    return f"{supplier or supplier_name or '?'} -> {recipient or recipient_name or '?'}"


def _stated_text(stated: tuple[StatedValue, ...]) -> str:
    """Return every value a slot was given, "12/14" when sources disagree."""
    return "/".join(
        f"{_short_amount(item.value.amount)} {item.value.currency}"
        if isinstance(item.value, Money)
        else str(item.value)
        for item in stated
    )


def _deals_table(found: list[Deal]) -> Table:
    """Return deals as a table as wide as the terminal, with short ids (`deal` takes them);
    `!` marks sources that disagree."""
    table = results_table(f"{len(found)} deals")
    table.add_column("id", no_wrap=True)
    table.add_column("parties", overflow="fold", min_width=7)
    table.add_column("weapon", overflow="fold", min_width=7)
    table.add_column("qty", justify="right")
    table.add_column("value", justify="right")
    table.add_column("status", no_wrap=True)
    table.add_column("seen", no_wrap=True)
    table.add_column("src", justify="right")
    for item in found:
        # The quantity ordered, else the quantity delivered (the deal view shows both).
        slot = "quantity_ordered" if item.quantity_ordered else "quantity_delivered"
        quantity = _stated_text(getattr(item, slot)) + ("!" if slot in item.conflict_slots else "")
        value = _stated_text(item.value) + ("!" if "value" in item.conflict_slots else "")
        if not value and item.packages:
            value = "package"  # a value stated for several systems: `deal ID` says which
        table.add_row(
            item.id[:SHORT_ID],
            _parties(item.kind, item.supplier, item.recipient, item.partners,
                     item.supplier_name, item.recipient_name),
            item.weapon,
            quantity,
            value,
            item.status,
            item.last_seen.isoformat() if item.last_seen else "",
            str(item.source_count),
        )
    return table


def _print_deal(found: Deal) -> None:
    parties = _parties(found.kind, found.supplier, found.recipient, found.partners,
                       found.supplier_name, found.recipient_name)
    lines = [
        f"deal {found.id}: {parties}, {found.weapon} ({found.category}), {found.status}",
        f"weapons: {', '.join(found.weapons)}",
        f"deal type: {found.deal}",
        f"quantity ordered: {_stated_text(found.quantity_ordered) or '-'}",
        f"quantity delivered: {_stated_text(found.quantity_delivered) or '-'}",
        f"value: {_stated_text(found.value) or '-'}",
        *(f"package value: {_short_amount(package.value.amount)} {package.value.currency} "
          f"for {', '.join(package.weapons)}, counted once (package {package.id})"
          for package in found.packages),
        *(f"related: {link.describe()}" for link in found.related),
        f"conflicts: {'' if found.conflicts else 'none'}".rstrip(),
        *(f"- {conflict.describe()}" for conflict in found.conflicts),
        f"seen: {found.first_seen or '?'} .. {found.last_seen or '?'} in "
        f"{count_of(found.source_count, 'document')} from "
        f"{count_of(len(found.sites), 'site')} with a URL",
    ]
    for line in lines:
        out.print(line, markup=False, soft_wrap=True)
    history = results_table("history")
    history.add_column("date", no_wrap=True)
    history.add_column("status", no_wrap=True)
    history.add_column("records", overflow="fold")
    for change in found.history:
        history.add_row(str(change.date or "?"), change.status, " ".join(change.record_ids))
    out.print(history)
    out.print("evidence", markup=False)
    for item in found.evidence:
        source = item.url or item.document_id
        sentence = _LINE_BREAKS.sub(" ", item.evidence.text)
        out.print(f"- [{item.status}] {sentence} ({source}, {item.published or 'undated'})",
                  markup=False, soft_wrap=True)


# --- export ----------------------------------------------------------------------------------


def export(
    to: Annotated[
        str, typer.Option("--to", help="Output format: csv, jsonl, sipri-csv, parquet or graphml.")
    ],
    db: DbOption = DEFAULT_DB,
    what: Annotated[
        str | None,
        typer.Option("--what", help="records or deals (default: records where the format can)."),
    ] = None,
    supplier: SupplierOption = None,
    recipient: RecipientOption = None,
    weapon: WeaponOption = None,
    status: StatusOption = None,
    category: CategoryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    review_state: ReviewStateOption = None,
    outlet: OutletOption = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many rows.")] = None,
    sipri_only: Annotated[
        bool, typer.Option("--sipri-only", help="sipri-csv: leave out deals SIPRI would not list.")
    ] = False,
    output: Annotated[str, typer.Option("-o", "--output", help="Output file, - for stdout.")] = "-",
) -> None:
    """Write the stored records or deals the filters select (all by default) in an analysis
    format; the filters are those of `records` and `deals`."""
    from armstrace.export import EXPORTS
    from armstrace.store import open_store

    chosen = EXPORTS[check_choice(to, sorted(EXPORTS), "--to") or to]
    what = check_choice(what, ("records", "deals"), "--what") or (
        "records" if chosen.write_records is not None else "deals")
    typed = list_filters(supplier, recipient, weapon, status, category, since, until,
                         review_state, limit, outlet)
    writer = _export_writer(to, what, sipri_only)
    if output == "-" and chosen.binary and sys.stdout.isatty():
        raise usage_fail(f"--to {to} writes binary data, not for a terminal: give -o FILE, "
                         "or redirect the output to a file or a pipe")
    require_database(db)
    try:
        with open_store(db) as store:
            items = (store.iter_records(record_filter_of(store, typed)) if what == "records"
                     else store.iter_deals(deal_filter_of(store, typed)))
            count = _write_export(items, writer, chosen.binary, output,
                                  "iso-8859-1" if to == "sipri-csv" else "utf-8")
    except (ArmstraceError, OSError) as error:
        raise fail(str(error)) from error
    err.print(f"{count} {what} written to {'stdout' if output == '-' else output}",
              markup=False, soft_wrap=True)


def _export_writer(to: str, what: str, sipri_only: bool) -> Callable[..., int]:
    """Return the writer of `what` in format `to`; a format that cannot is a usage error."""
    from armstrace.errors import ConfigError
    from armstrace.export import EXPORTS, write_deals_sipri_csv

    if to == "sipri-csv":
        return functools.partial(write_deals_sipri_csv, sipri_only=sipri_only)
    try:
        return EXPORTS[to].writer(what)
    except ConfigError as error:
        raise usage_fail(f"--what: {error}") from None


def _write_export(items: Iterable[object], writer: Callable[..., int], binary: bool,
                  output: str, encoding: str) -> int:
    """Write `items` to stdout (`-`) or a file; SIPRI's files are ISO-8859-1."""
    if output == "-":
        return writer(items, sys.stdout.buffer if binary else sys.stdout)
    if binary:
        with open(output, "wb") as binary_file:
            return writer(items, binary_file)
    with open(output, "w", encoding=encoding, newline="") as handle:
        return writer(items, handle)
