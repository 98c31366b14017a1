"""The `sipri` commands: import SIPRI's trade register, compare it with the news's deals."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from armstrace.cli_terminal import (
    DEFAULT_DB,
    DbOption,
    PlainHelpGroup,
    err,
    fail,
    out,
    require_database,
)
from armstrace.errors import ArmstraceError

if TYPE_CHECKING:
    from armstrace.dependency import Dependency
    from armstrace.model import Deal
    from armstrace.sipri.compare import Comparison
    from armstrace.sipri.rows import SipriRow
    from armstrace.store import Store

sipri_app = typer.Typer(
    cls=PlainHelpGroup, help="SIPRI's Arms Transfers Database beside the news: import, compare.",
                        no_args_is_help=True)


def add_sipri_commands(app: typer.Typer) -> None:
    """Register the `sipri` group and `dependency` on the app."""
    app.add_typer(sipri_app, name="sipri")
    app.command("dependency")(dependency)


@sipri_app.command("import")
def sipri_import(
    file: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, help="SIPRI's trade-register CSV export (ISO-8859-1).")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Store a SIPRI trade-register export; the same file again changes nothing."""
    from armstrace.knowledge import load_knowledge
    from armstrace.sipri.catalogue import sipri_weapon_systems
    from armstrace.sipri.register import read_register
    from armstrace.store import open_store

    try:
        register = read_register(file)
        for problem in register.problems:
            err.print(f"[yellow]warning[/yellow] {escape(problem)}", soft_wrap=True)
        with open_store(db) as store:
            outcome = store.import_sipri_register(register)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    generated = f"{register.generated:%Y-%m-%d %H:%M}" if register.generated else "no date"
    done = {"imported": "imported", "replaced": "replaced the older release with",
            "unchanged": "unchanged: the store holds this release already,"}[outcome]
    out.print(f"{done} {len(register.rows)} rows of SIPRI's register (generated {generated}) "
              f"from {escape(str(file))}; {len(register.problems)} "
              f"warning{'' if len(register.problems) == 1 else 's'}", soft_wrap=True)
    systems = sipri_weapon_systems(register.rows, load_knowledge())
    if systems:
        plural = "" if len(systems) == 1 else "s"
        out.print(f"{len(systems)} designation{plural} the catalogue lacked now "
                  f"join{'s' if len(systems) == 1 else ''} it for ingest and reextract "
                  f"(run: armstrace reextract --db {escape(db)})", soft_wrap=True)
    else:
        out.print("the catalogue knew every designation already", soft_wrap=True)


@sipri_app.command("compare")
def sipri_compare(
    db: DbOption = DEFAULT_DB,
    since: Annotated[int | None, typer.Option(help="First year of the window.")] = None,
    until: Annotated[int | None, typer.Option(help="Last year of the window.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Write JSON Lines.")] = False,
) -> None:
    """List deals in both SIPRI and the news, in the news only (why), in SIPRI only."""
    from armstrace.knowledge import load_knowledge
    from armstrace.sipri.compare import Window, store_comparer
    from armstrace.store import open_store

    require_database(db)
    try:
        with open_store(db) as store:
            comparer = store_comparer(store, load_knowledge())
            if comparer is None:
                raise fail(f"{db}: no SIPRI register imported; run: armstrace sipri import "
                           f"FILE --db {db}")
            comparison = comparer.compare(store.iter_deals(), Window(since, until))
    except ArmstraceError as error:
        raise fail(str(error)) from error
    if as_json:
        _write_json(comparison)
    else:
        _print_comparison(comparison)


def sipri_lines(store: Store, deal: Deal) -> list[str]:
    """Return what the imported SIPRI release says of a deal (nothing before an import)."""
    from armstrace.knowledge import load_knowledge
    from armstrace.sipri.compare import Matched, store_comparer

    comparer = store_comparer(store, load_knowledge())
    if comparer is None or comparer.release is None:
        return []
    release = comparer.release
    generated = f"{release.generated:%Y-%m-%d}" if release.generated else "undated"
    found = comparer.describe(deal)
    if not isinstance(found, Matched):
        return [f"SIPRI ({generated} release): not recorded; {found.reason}: {found.detail}"]
    lines = [f"SIPRI ({generated} release), line {row.line}: {_sipri_cell(row)}"
             for row in found.rows]
    lines += [f"  differs: {difference}" for difference in found.differences]
    return lines


def dependency(
    iso3: Annotated[str, typer.Argument(help="The importing state's ISO alpha-3 code.")],
    db: DbOption = DEFAULT_DB,
    since: Annotated[int | None, typer.Option(help="First year of the period.")] = None,
    until: Annotated[int | None, typer.Option(help="Last year of the period.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Write one JSON object.")] = False,
) -> None:
    """Show a state's imports by supplier (deals, units, SIPRI TIV) and their HHI."""
    from armstrace.dependency import supplier_dependency
    from armstrace.knowledge import load_knowledge
    from armstrace.sipri.compare import Window, store_comparer
    from armstrace.store import open_store

    require_database(db)
    code = iso3.upper()
    knowledge = load_knowledge()
    if code not in {state.iso3 for state in knowledge.states}:
        raise typer.BadParameter(f"{iso3!r} is no ISO alpha-3 code armstrace knows",
                                 param_hint="ISO3")
    try:
        with open_store(db) as store:
            comparer = store_comparer(store, knowledge)
            found = supplier_dependency(store.iter_deals(), code, Window(since, until), comparer)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    if as_json:
        sys.stdout.write(json.dumps(found.to_json(), ensure_ascii=False) + "\n")
        return
    _print_dependency(found, has_sipri=comparer is not None)


def _print_dependency(found: Dependency, *, has_sipri: bool) -> None:
    window = (f"{found.window.since or 'any year'}-{found.window.until or 'now'}"
              if found.window.since or found.window.until else "all years")
    out.print(f"Imports of {found.recipient} by supplier, {window}: {found.deals} deals "
              "ordered or delivered", soft_wrap=True)
    table = Table("supplier", "deals", "share", "units", "share", "SIPRI TIV", "share")
    for share in found.shares:
        table.add_row(share.supplier, str(share.deals), _percent(share.deal_share),
                      str(share.units), _percent(share.unit_share),
                      f"{share.tiv:g}" if share.tiv else "", _percent(share.tiv_share))
    out.print(table)
    tiv = (f"{_hhi(found.hhi_tiv)} ({found.tiv_deals} of {found.deals} deals matched)"
           if has_sipri else "no SIPRI release imported")
    out.print(f"Herfindahl-Hirschman index: by deals {_hhi(found.hhi_deals)}, by units "
              f"{_hhi(found.hhi_units)}, by SIPRI TIV {tiv}", soft_wrap=True)
    if found.without_supplier:
        out.print(f"{found.without_supplier} deals with no named state as supplier are in no "
                  "share", soft_wrap=True)


def _percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


def _hhi(index: float | None) -> str:
    return "-" if index is None else f"{index:,.0f}"


def _write_json(comparison: Comparison) -> None:
    for matched in comparison.matched:
        sys.stdout.write(json.dumps(matched.to_json(), ensure_ascii=False) + "\n")
    for news_only in comparison.news_only:
        sys.stdout.write(json.dumps(news_only.to_json(), ensure_ascii=False) + "\n")
    for row in comparison.sipri_only:
        line = {"list": "sipri only", "sipri": row.to_json()}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


def _parties(supplier: str | None, supplier_name: str | None, recipient: str | None,
             recipient_name: str | None) -> str:
    return f"{supplier or supplier_name or '?'} -> {recipient or recipient_name or '?'}"


def _sipri_cell(row: SipriRow) -> str:
    ordered = f"{row.number_ordered}{'?' if row.number_ordered_estimated else ''}"
    years = "; ".join(map(str, row.delivery_years)) or "-"
    return (f"{row.designation} ({row.description}): {ordered} ordered "
            f"{row.order_year}{'?' if row.order_year_estimated else ''}, "
            f"{row.number_delivered} delivered {years}")


def _print_comparison(comparison: Comparison) -> None:
    release = comparison.release
    if release is not None:
        generated = f"{release.generated:%Y-%m-%d}" if release.generated else "undated"
        out.print(f"SIPRI release {generated} ({release.row_count} rows, last year "
                  f"{release.last_year}) against the news")
    matched = Table("deal", "parties", "news", "SIPRI", "differences",
                    title=f"In both: {len(comparison.matched)}", title_justify="left")
    for item in comparison.matched:
        deal = item.deal
        matched.add_row(deal.id[:12], _parties(deal.supplier, None, deal.recipient, None),
                        f"{deal.weapon} ({deal.status})",
                        "\n".join(_sipri_cell(row) for row in item.rows),
                        "\n".join(item.differences) or "none")
    out.print(matched)
    news = Table("deal", "parties", "news", "reason",
                 title=f"In the news only: {len(comparison.news_only)}", title_justify="left")
    for only in comparison.news_only:
        deal = only.deal
        parties = (" + ".join(deal.partners) if deal.kind == "coproduction" else
                   _parties(deal.supplier, deal.supplier_name, deal.recipient,
                            deal.recipient_name))
        news.add_row(deal.id[:12], parties, f"{deal.weapon} ({deal.status})",
                     f"{only.reason}: {only.detail}")
    out.print(news)
    sipri = Table("line", "parties", "SIPRI", title=f"In SIPRI only, between pairs the news "
                  f"covers: {len(comparison.sipri_only)}", title_justify="left")
    for row in comparison.sipri_only:
        sipri.add_row(str(row.line), _parties(row.supplier, row.supplier_name, row.recipient,
                                              row.recipient_name), _sipri_cell(row))
    out.print(sipri)
