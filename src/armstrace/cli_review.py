"""The review commands of the command line: accounts, decisions, re-extraction.

Kept apart from cli.py so each module stays one job long; `add_review_commands`
registers them on the main app. Thin commands over `armstrace.review`,
`armstrace.merge` and `armstrace.pipeline`.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from armstrace.cli_terminal import (
    DEFAULT_DB,
    DbOption,
    PlainHelpGroup,
    count_of,
    db_label,
    err,
    fail,
    out,
    require_database,
    results_table,
    unique_id,
)
from armstrace.errors import ArmstraceError, DealClashError
from armstrace.model import Record

if TYPE_CHECKING:
    from armstrace.store import Store

UserOption = Annotated[
    str, typer.Option("--user", envvar="ARMSTRACE_USER", help="Who decides (a user name).")
]
ReasonOption = Annotated[
    str, typer.Option("--reason", help="Why: one line kept with the decision.")
]

user_app = typer.Typer(cls=PlainHelpGroup, help="Manage the analysts who may sign in and review.",
                       no_args_is_help=True)


def add_review_commands(app: typer.Typer) -> None:
    """Register `user`, `review`, `merge-deals`, `split-deal` and `reextract` on the app."""
    app.add_typer(user_app, name="user")
    app.command("review")(review)
    app.command("merge-deals")(merge_deals)
    app.command("split-deal")(split_deal)
    app.command("reextract")(reextract)


# --- user ------------------------------------------------------------------------------------


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="The user name (letters, digits, . _ @ -).")],
    db: DbOption = DEFAULT_DB,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from the first line of stdin."),
    ] = False,
) -> None:
    """Create an analyst account; the password is asked twice, hidden, and stored hashed."""
    from armstrace.review import check_user_name, new_user
    from armstrace.store import open_store

    try:
        check_user_name(name)
    except ArmstraceError as error:
        raise typer.BadParameter(str(error), param_hint="NAME") from None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = new_user(name, password)
        with open_store(db) as store:
            store.add_user(user)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    err.print(f"user {name} added to {db_label(db)}", markup=False, soft_wrap=True)


@user_app.command("password")
def user_password(
    name: Annotated[str, typer.Argument(help="The user whose password changes.")],
    db: DbOption = DEFAULT_DB,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from the first line of stdin."),
    ] = False,
) -> None:
    """Give an analyst a new password and sign the analyst out of every web session."""
    from armstrace.review import hash_password
    from armstrace.store import open_store

    require_database(db)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    try:
        password_hash = hash_password(password)
        with open_store(db) as store:
            store.set_password(name, password_hash)
            user = store.get_user(name)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    shown = user.name if user is not None else name  # as stored: names ignore case
    err.print(f"new password for {shown} in {db_label(db)}; every session of {shown} ended",
              markup=False, soft_wrap=True)


@user_app.command("list")
def user_list(db: DbOption = DEFAULT_DB) -> None:
    """List the analyst accounts and when each was created."""
    from armstrace.store import open_store

    require_database(db)
    try:
        with open_store(db) as store:
            users = store.list_users()
    except ArmstraceError as error:
        raise fail(str(error)) from error
    table = results_table(f"{len(users)} users")
    table.add_column("name")
    table.add_column("created")
    table.add_column("removed")
    for user in users:
        removed = user.removed.isoformat(timespec="seconds") if user.removed else ""
        table.add_row(escape(user.name), user.created.isoformat(timespec="seconds"), removed)
    out.print(table)


@user_app.command("remove")
def user_remove(
    name: Annotated[str, typer.Argument(help="The user to remove (any case).")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Remove an analyst: no more sign-ins or decisions, sessions and tokens end; the
    name stays on the audit trail, on every decision the analyst made, and is not reused."""
    from armstrace.store import open_store

    require_database(db)
    try:
        with open_store(db) as store:
            removal = store.remove_user(name, dt.datetime.now(dt.UTC))
    except ArmstraceError as error:
        raise fail(str(error)) from error
    err.print(f"user {removal.user.name} removed from {db_label(db)}: can no longer sign in; "
              f"{count_of(removal.sessions_ended, 'session')} ended, "
              f"{count_of(removal.tokens_revoked, 'API token')} revoked; "
              f"the name {removal.user.name} stays on {count_of(removal.decisions, 'decision')}",
              markup=False, soft_wrap=True)


# --- review ----------------------------------------------------------------------------------


def review(
    record_id: Annotated[str, typer.Argument(
        metavar="RECORD_ID", help="A record id, or its start (as armstrace records shows it).")],
    user: UserOption,
    reason: ReasonOption = "",
    confirm: Annotated[bool, typer.Option("--confirm", help="The record is right.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="The record is wrong.")] = False,
    set_fields: Annotated[
        list[str] | None,
        typer.Option("--set", metavar="FIELD=VALUE",
                     help="Correct a field (repeatable): --set quantity=14 --set date=2024-10."),
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Confirm, reject or correct a record; the decision survives re-extraction and re-ingest."""
    from armstrace.knowledge import load_knowledge
    from armstrace.merge import record_decision
    from armstrace.review import RecordDecision, parse_corrections, with_weapon_facts
    from armstrace.store import open_store

    chosen = [flag for flag, on in (("--confirm", confirm), ("--reject", reject),
                                    ("--set", bool(set_fields))) if on]
    if len(chosen) != 1:
        raise typer.BadParameter("give exactly one of --confirm, --reject or --set FIELD=VALUE",
                                 param_hint="--confirm/--reject/--set")
    texts: dict[str, str] = {}
    for item in set_fields or []:
        name, separator, value = item.partition("=")
        if not separator:
            raise typer.BadParameter(f"{item!r} is not FIELD=VALUE", param_hint="--set")
        texts[name.strip()] = value
    action = "confirm" if confirm else "reject" if reject else "correct"
    require_database(db)
    try:
        corrections = parse_corrections(texts)
        if "weapon" in corrections:  # its family and category follow (review.weapons)
            corrections = with_weapon_facts(corrections, load_knowledge())
        with open_store(db) as store:
            decision = RecordDecision(_record_id(store, record_id, db),
                                      action, user, reason,  # type: ignore[arg-type]
                                      dt.datetime.now(dt.UTC), corrections)
            reviewed = record_decision(store, decision)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    out.print(_describe(reviewed), markup=False, soft_wrap=True)


def _record_id(store: Store, typed: str, db: str) -> str:
    """Return the record id `typed` is, or the one it starts (as git takes a short id)."""
    from armstrace.store import RecordFilter

    if store.get_record(typed.strip()) is not None:
        return typed.strip()
    every = store.iter_records(RecordFilter(include_rejected=True))
    return unique_id(typed, (record.id for record in every), "record",
                     f"armstrace records --db {db_label(db)}")


def _describe(record: Record) -> str:
    review = record.extra.get("review", {})
    parties = (
        "+".join(record.partners) if record.kind == "coproduction"
        else f"{record.supplier or record.supplier_name or '?'} -> "
             f"{record.recipient or record.recipient_name or '?'}"
    )
    quantity = "" if record.quantity is None else f" x{record.quantity}"
    return (f"record {record.id} {review.get('state', 'unreviewed')}: {parties}, "
            f"{record.weapon}{quantity}, {record.status} {record.date or ''}".rstrip())


# --- deals -----------------------------------------------------------------------------------


def merge_deals(
    deal_ids: Annotated[list[str], typer.Argument(metavar="DEAL_ID...", help="Two or more deals.")],
    user: UserOption,
    reason: ReasonOption,
    db: DbOption = DEFAULT_DB,
    force: Annotated[
        bool, typer.Option("--force", help="Merge deals of different parties or kinds anyway.")
    ] = False,
) -> None:
    """Merge deals that are one transfer; every later re-merge keeps them together.

    Deals of different parties or kinds are refused, the clash named, unless --force.
    """
    from armstrace.merge import make_merge_decision, record_deal_decision
    from armstrace.store import open_store

    require_database(db)
    try:
        with open_store(db) as store:
            decision = make_merge_decision(store, deal_ids, user=user, reason=reason,
                                           force=force)
            deals = record_deal_decision(store, decision)
    except DealClashError as error:
        raise fail(f"{error}; add --force to merge anyway") from error
    except ArmstraceError as error:
        raise fail(str(error)) from error
    for deal in deals:
        out.print(f"deal {deal.id}: {len(deal.record_ids)} records", markup=False)


def split_deal(
    deal_id: Annotated[str, typer.Argument(metavar="DEAL_ID", help="The deal to split.")],
    record_ids: Annotated[
        list[str], typer.Argument(metavar="RECORD_ID...", help="Records to take out of it.")
    ],
    user: UserOption,
    reason: ReasonOption,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Take records out of a deal into a deal of their own; every later re-merge keeps it so."""
    from armstrace.merge import make_split_decision, record_deal_decision
    from armstrace.store import open_store

    require_database(db)
    try:
        with open_store(db) as store:
            decision = make_split_decision(store, deal_id, record_ids, user=user, reason=reason)
            deals = record_deal_decision(store, decision)
            stays = store.get_deal(deal_id)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    if stays is not None:
        out.print(f"deal {stays.id}: {len(stays.record_ids)} records (stays)", markup=False)
    for deal in deals:
        out.print(f"deal {deal.id}: {len(deal.record_ids)} records (split off)", markup=False)


# --- reextract -------------------------------------------------------------------------------


def reextract(
    db: DbOption = DEFAULT_DB,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
) -> None:
    """Run the extractor again over every stored document; analysts' decisions still apply."""
    from armstrace.cli_pipeline import load_extractor  # the process's one Extractor
    from armstrace.pipeline import reextract_documents
    from armstrace.store import open_store

    require_database(db)
    extractor = load_extractor(db)  # with SIPRI's designations after an import
    try:
        with open_store(db) as store:
            report = reextract_documents(store, extractor)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    if not quiet:
        err.print(
            f"{report.documents} documents re-extracted, {report.documents_changed} changed: "
            f"{report.records_before} records before, {report.records_after} after, "
            f"{report.deals_updated} deals rewritten -> {db_label(db)}",
            markup=False, soft_wrap=True,
        )
