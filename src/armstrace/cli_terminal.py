"""How the command line talks to the terminal, the same in every command module.

cli.py, cli_review.py and cli_watch.py share from here: the two consoles, the
`--db` option and the deal filters' options, the one-line error that exits 1,
the usage checks that exit 2, and the style of a results table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from armstrace.errors import UnknownNameError
from armstrace.model import STATUSES

if TYPE_CHECKING:
    from armstrace.filters import TypedNames
    from armstrace.store import Store

DEFAULT_DB = "armstrace.db"

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="ARMSTRACE_DB",
                 help="SQLite database file (default ./armstrace.db, or $ARMSTRACE_DB)."),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Write JSON Lines, one object per line, in the spec's shape.")
]
# The deal filters that `deals` and `alert add` share (`records` takes the first three).
SupplierOption = Annotated[
    str | None,
    typer.Option(help="Supplier: ISO3 code, name or demonym (Russia, russian, RUS), or a "
                 "non-state party's name."),
]
RecipientOption = Annotated[
    str | None,
    typer.Option(help="Recipient: ISO3 code, name or demonym (Turkey, Turkiye, TUR), or a "
                 "non-state party's name."),
]
WeaponOption = Annotated[
    str | None,
    typer.Option(help="Weapon system, alias or family (F-16, F16, Fighting Falcon, S400)."),
]
DealStatusOption = Annotated[
    str | None, typer.Option(help=f"Current status, one of: {', '.join(STATUSES)}.")
]
SinceOption = Annotated[
    str | None, typer.Option(help="Only deals in the news on or after this day (YYYY-MM-DD).")
]


def fail(message: str) -> typer.Exit:
    """Print `message` as one error line on stderr; return the exit (status 1) to raise."""
    # Escaped: file names and messages may hold brackets that rich reads as markup.
    err.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
    return typer.Exit(1)


def usage_fail(message: str) -> typer.Exit:
    """Print `message` as one error line on stderr; return the usage exit (status 2) to raise."""
    err.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
    return typer.Exit(2)


def resolve_names(
    store: Store, supplier: str | None, recipient: str | None, weapon: str | None
) -> TypedNames:
    """Return the filter's names as the store compares them; a usage error names a bad one."""
    from armstrace.filters import TypedNames, resolve_typed_names, stored_in

    typed = TypedNames(supplier, recipient, weapon)
    if typed == TypedNames():
        return typed
    from armstrace.knowledge import load_knowledge

    try:
        return resolve_typed_names(typed, load_knowledge().names, stored_in(store))
    except UnknownNameError as error:
        raise usage_fail(str(error)) from None


def require_database(db: str) -> None:
    """Fail unless a database file exists at `db` (a URL is left to the store to check)."""
    if "://" not in db and not Path(db).exists():
        raise fail(f"{db}: no such database; create it with: armstrace ingest PATH --db {db}")


def db_label(db: str) -> str:
    """Return the database as shown to the user: a URL without its password."""
    from armstrace.store.locations import redact_url

    return redact_url(db)


def check_choice(value: str | None, choices: Collection[str], option: str) -> None:
    """Raise a usage error unless `value` is None or one of `choices`, listed in their order."""
    if value is not None and value not in choices:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}",
                                 param_hint=option)


def parse_day(value: str | None, option: str) -> dt.date | None:
    """Return a YYYY-MM-DD option's day (None when not given); a usage error otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date in YYYY-MM-DD form", param_hint=option
        ) from None


def results_table(title: str) -> Table:
    """Return an empty table in the command line's style: a rule under the head, no margins."""
    return Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
