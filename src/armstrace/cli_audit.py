"""The audit commands of the command line: the log of analysts' decisions, and API tokens.

Kept apart from cli.py so each module stays one job long; `add_audit_commands`
registers them on the main app. Thin commands over `armstrace.review` and the store.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer
from rich.markup import escape

from armstrace.cli_terminal import (
    DEFAULT_DB,
    DbOption,
    check_choice,
    db_label,
    err,
    fail,
    out,
    parse_day,
    require_database,
    results_table,
)
from armstrace.errors import ArmstraceError
from armstrace.review.audit import LOG_ACTIONS, FieldChange, LogEntry, shown_value

token_app = typer.Typer(help="Manage the API tokens scripts write with (Authorization: Bearer).",
                        no_args_is_help=True)


def add_audit_commands(app: typer.Typer) -> None:
    """Register `log` and `token` on the app."""
    app.command("log")(log)
    app.add_typer(token_app, name="token")


def log(
    db: DbOption = DEFAULT_DB,
    user: Annotated[str | None, typer.Option("--user", help="Only this analyst's.")] = None,
    action: Annotated[str | None, typer.Option(
        "--action", help=f"Only this decision: {', '.join(LOG_ACTIONS)}.")] = None,
    item_id: Annotated[str | None, typer.Option(
        "--id", help="Only decisions on this record or deal (a deal's takes in its records).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="On or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="On or before this day (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many, newest first.")] = 50,
    json_lines: Annotated[bool, typer.Option("--json", help="JSON Lines, one decision a line."
                                             )] = False,
) -> None:
    """Show analysts' decisions: who changed what, from what, to what, when and why."""
    from armstrace.merge import read_log_about
    from armstrace.review import LogFilter
    from armstrace.store import open_store

    check_choice(action, LOG_ACTIONS, "--action")
    log_filter_args = {"user": user, "action": action, "since": parse_day(since, "--since"),
                       "until": parse_day(until, "--until"), "limit": limit}
    require_database(db)
    try:
        log_filter = LogFilter(**log_filter_args)  # type: ignore[arg-type]
        with open_store(db) as store:
            total, entries = read_log_about(store, log_filter, item_id)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    if json_lines:
        for entry in entries:
            out.print(json.dumps(entry.to_json(), ensure_ascii=False), markup=False,
                      soft_wrap=True, highlight=False)
        return
    table = results_table(f"{len(entries)} of {total} decisions, newest first")
    for column in ("when (UTC)", "who", "decision", "on", "from -> to", "why"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        table.add_row(entry.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M"), escape(entry.user),
                      entry.action, _targets(entry),
                      escape("\n".join(_change_line(change) for change in entry.changes)),
                      escape(entry.reason))
    out.print(table)


def _targets(entry: LogEntry) -> str:
    deals = [f"deal {deal_id}" for deal_id in entry.deal_ids]
    records = [f"record {record_id}" for record_id in entry.record_ids[:4]]
    more = len(entry.record_ids) - len(records)
    return "\n".join([*deals, *records, *([f"and {more} more records"] if more > 0 else [])])


def _change_line(change: FieldChange) -> str:
    return f"{change.name}: {shown_value(change.old)} -> {shown_value(change.new)}"


# --- token -----------------------------------------------------------------------------------


@token_app.command("add")
def token_add(
    user: Annotated[str, typer.Option("--user", help="The analyst the token writes as.")],
    label: Annotated[str, typer.Option("--label", help="What the token is for.")] = "",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Make an API token for a user; it is printed once, and only its hash is kept."""
    from armstrace.review import new_api_token
    from armstrace.store import open_store

    require_database(db)
    try:
        token, facts, token_hash = new_api_token(user, label)
        with open_store(db) as store:
            store.add_api_token(facts, token_hash)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    out.print(token, markup=False, highlight=False)
    err.print(f"token {facts.id} for {user} in {db_label(db)}; keep it now: it is not shown "
              "again. Send it as 'Authorization: Bearer TOKEN'.", markup=False, soft_wrap=True)


@token_app.command("list")
def token_list(
    user: Annotated[str | None, typer.Option("--user", help="Only this user's tokens.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """List API tokens: id, user, label, when made, last used and revoked (never the token)."""
    from armstrace.store import open_store

    require_database(db)
    try:
        with open_store(db) as store:
            tokens = store.list_api_tokens(user)
    except ArmstraceError as error:
        raise fail(str(error)) from error
    table = results_table(f"{len(tokens)} tokens")
    for column in ("id", "user", "label", "created", "last used", "revoked"):
        table.add_column(column)
    for token in tokens:
        table.add_row(token.id, escape(token.user), escape(token.label), _moment(token.created),
                      _moment(token.last_used), _moment(token.revoked))
    out.print(table)


@token_app.command("revoke")
def token_revoke(
    token_id: Annotated[str, typer.Argument(metavar="ID", help="The token's id (token list).")],
    user: Annotated[str | None, typer.Option(
        "--user", help="The token's user, checked when given.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Revoke an API token: it writes nothing from now on."""
    from armstrace.store import open_store

    require_database(db)
    try:
        with open_store(db) as store:
            owned = [t.id for t in store.list_api_tokens(user) if t.revoked is None]
            if token_id not in owned or not store.revoke_api_token(
                    token_id, dt.datetime.now(dt.UTC)):
                whose = f" of {user}" if user else ""
                raise fail(f"no unrevoked token{whose} has id {token_id}; "
                           "list them with: armstrace token list")
    except ArmstraceError as error:
        raise fail(str(error)) from error
    err.print(f"token {token_id} revoked in {db_label(db)}", markup=False, soft_wrap=True)


def _moment(moment: dt.datetime | None) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M") if moment else ""
