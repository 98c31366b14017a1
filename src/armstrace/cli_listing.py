"""The commands that list what a register holds: records, deals, one deal, and exports.

`records`, `deals` and `export` take the same filters; party and weapon names resolve
through the catalogues (`armstrace.filters`).
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from armstrace.cli_terminal import (
    DEFAULT_DB,
    DbOption,
    DealStatusOption,
    JsonOption,
    RecipientOption,
    SinceOption,
    SupplierOption,
    WeaponOption,
    check_choice,
    db_label,
    err,
    fail,
    out,
    parse_day,
    require_database,
    resolve_names,
    results_table,
)
from armstrace.errors import ArmstraceError
from armstrace.model import STATUSES, Deal, Money, Record, StatedValue

if TYPE_CHECKING:
    from armstrace.store import Store

_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def add_listing_commands(app: typer.Typer) -> None:
    """Register `records`, `deals`, `deal` and `export` on the app."""
    for command in (records, deals, deal, export):
        app.command()(command)


# --- records ---------------------------------------------------------------------------------


def records(
    db: DbOption = DEFAULT_DB,
    supplier: SupplierOption = None,
    recipient: RecipientOption = None,
    status: Annotated[str | None, typer.Option(help=f"One of: {', '.join(STATUSES)}.")] = None,
    weapon: WeaponOption = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many records.")] = None,
    review_state: Annotated[
        str | None,
        typer.Option("--review-state",
                     help="unreviewed, confirmed, corrected or rejected (rejected are hidden "
                          "otherwise)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored records as a table, or JSON Lines with --json."""
    from armstrace.review import REVIEW_STATES
    from armstrace.store import RecordFilter, open_store

    check_choice(status, STATUSES, "--status")
    check_choice(review_state, REVIEW_STATES, "--review-state")
    require_database(db)
    try:
        with open_store(db) as store:
            names = resolve_names(store, supplier, recipient, weapon)
            record_filter = RecordFilter(
                supplier=names.supplier, recipient=names.recipient, weapon=names.weapon,
                status=status, limit=limit, review_state=review_state)
            found = store.iter_records(record_filter)
            if as_json:
                for record in found:
                    sys.stdout.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
            else:
                out.print(records_table(list(found)))
    except ArmstraceError as error:
        raise fail(str(error)) from error


def records_table(found: list[Record]) -> Table:
    """Return records as a table narrow enough for an 80-column terminal."""
    table = results_table(f"{len(found)} records")
    table.add_column("parties", overflow="fold", max_width=12)
    table.add_column("weapon", overflow="fold", min_width=10, max_width=18)
    table.add_column("qty", justify="right")
    table.add_column("value", justify="right")
    table.add_column("status", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("conf", justify="right")
    for record in found:
        value = (
            f"{_short_amount(record.value.amount)} {record.value.currency}" if record.value else ""
        )
        if record.kind == "coproduction":
            parties = "+".join(record.partners) + " (co)"
        else:
            supplier = record.supplier or record.supplier_name or "?"
            recipient = record.recipient or record.recipient_name or "?"
            parties = f"{supplier} -> {recipient}"
        table.add_row(
            parties,
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
    since: SinceOption = None,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many deals.")] = None,
    not_in_sipri: Annotated[bool, typer.Option(
        "--not-in-sipri", help="Only deals no row of the imported SIPRI release records.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List deals (records merged across documents) as a table, or JSON Lines with --json."""
    from armstrace.store import DealFilter, open_store

    check_choice(status, STATUSES, "--status")
    day = parse_day(since, "--since")
    require_database(db)
    try:
        with open_store(db) as store:
            names = resolve_names(store, supplier, recipient, weapon)
            deal_filter = DealFilter(supplier=names.supplier, recipient=names.recipient,
                                     weapon=names.weapon, status=status, since=day,
                                     limit=None if not_in_sipri else limit)
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
            found = store.get_deal(deal_id)
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


def _count_of(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _deals_table(found: list[Deal]) -> Table:
    """Return deals as a table; `!` after a quantity marks sources that disagree on it."""
    table = results_table(f"{len(found)} deals")
    table.add_column("id", no_wrap=True)
    table.add_column("parties", overflow="fold", max_width=12)
    table.add_column("weapon", overflow="fold", min_width=10, max_width=14)
    table.add_column("qty", justify="right")
    table.add_column("status", no_wrap=True)
    table.add_column("seen", no_wrap=True)
    table.add_column("src", justify="right")
    for item in found:
        # The quantity ordered, else the quantity delivered (the deal view shows both).
        slot = "quantity_ordered" if item.quantity_ordered else "quantity_delivered"
        quantity = _stated_text(getattr(item, slot)) + ("!" if slot in item.conflict_slots else "")
        table.add_row(
            item.id,
            _parties(item.kind, item.supplier, item.recipient, item.partners,
                     item.supplier_name, item.recipient_name),
            item.weapon,
            quantity,
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
        f"conflicts: {'' if found.conflicts else 'none'}".rstrip(),
        *(f"- {conflict.describe()}" for conflict in found.conflicts),
        f"seen: {found.first_seen or '?'} .. {found.last_seen or '?'} in "
        f"{_count_of(found.source_count, 'document')} from "
        f"{_count_of(len(found.sites), 'site')} with a URL",
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
    sipri_only: Annotated[
        bool, typer.Option("--sipri-only", help="sipri-csv: leave out deals SIPRI would not list.")
    ] = False,
    output: Annotated[str, typer.Option("-o", "--output", help="Output file, - for stdout.")] = "-",
) -> None:
    """Write every stored record or deal in an analysis format."""
    from armstrace.errors import ConfigError
    from armstrace.export import EXPORTS, write_deals_sipri_csv
    from armstrace.store import open_store

    check_choice(to, sorted(EXPORTS), "--to")
    chosen = EXPORTS[to]
    if what is None:
        what = "records" if chosen.write_records is not None else "deals"
    check_choice(what, ("records", "deals"), "--what")
    try:
        writer = chosen.writer(what)
    except ConfigError as error:
        raise typer.BadParameter(str(error), param_hint="--what") from None
    if to == "sipri-csv":
        writer = functools.partial(write_deals_sipri_csv, sipri_only=sipri_only)
    require_database(db)
    try:
        with open_store(db) as store:
            items = store.iter_records() if what == "records" else store.iter_deals()
            if output == "-":
                count = writer(items, sys.stdout.buffer if chosen.binary else sys.stdout)
            elif chosen.binary:
                with open(output, "wb") as binary:
                    count = writer(items, binary)
            else:
                # SIPRI's files are ISO-8859-1 (the writer keeps every cell inside it).
                encoding = "iso-8859-1" if to == "sipri-csv" else "utf-8"
                with open(output, "w", encoding=encoding, newline="") as handle:
                    count = writer(items, handle)
    except (ArmstraceError, OSError) as error:
        raise fail(str(error)) from error
    err.print(f"{count} {what} written to {'stdout' if output == '-' else output}",
              markup=False, soft_wrap=True)
