"""How the command line talks to the terminal, the same in every command module.

cli.py, cli_review.py and cli_watch.py share from here: the two consoles, the
`--db` option and the deal filters' options, the one-line error that exits 1,
the usage checks that exit 2, and the style of a results table.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.core import TyperArgument, TyperGroup, TyperOption

from armstrace.errors import UnknownNameError
from armstrace.model import CATEGORIES, STATUSES

if TYPE_CHECKING:
    from armstrace.filters import TypedNames
    from armstrace.store import Store

DEFAULT_DB = "armstrace.db"


# What an option takes, by its Python type, in the words of classic command-line help.
_PLAIN_TYPES = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH"}


class PlainHelpGroup(TyperGroup):
    """A command group whose help names what an option takes in words (TEXT, INTEGER),
    never Python's type tags (`<bool>`, `<list[str]>`), and nothing for a flag."""

    # typer carries its own copy of click: its Context, Command and HelpFormatter.
    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            plain_metavars(command, ctx)
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        plain_metavars(self, ctx)
        super().format_help(ctx, formatter)


def plain_metavars(command: Any, ctx: Any) -> None:
    """Give each parameter of `command` a plain type label (none for a flag or --help)."""
    help_option = command.get_help_option(ctx)
    for param in [*command.params, *([help_option] if help_option else [])]:
        if isinstance(param, TyperArgument):
            # An argument's label is also its name in the usage line: only its type
            # column changes, so the instance gets its own plain answer.
            param.display_type_rich = functools.partial(  # type: ignore[method-assign]
                _fixed_label, _plain_type(param))  # typer offers no hook for this column
        elif isinstance(param, TyperOption) and param.metavar is None:
            plain = "" if param.is_flag or param.count else _plain_type(param)
            param.metavar = plain + ("..." if plain and param.multiple else "")


def _plain_type(param: Any) -> str:
    annotation = param.type_descriptor.annotation
    element = typing.get_args(annotation)[0] if param.type_descriptor.is_list else annotation
    return _PLAIN_TYPES.get(getattr(element, "__name__", ""), "TEXT")


def _fixed_label(label: str, ctx: Any = None) -> str:
    return label

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
# The filters that `records`, `deals`, `export` and `alert add` share.
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
    str | None,
    typer.Option(help=f"Current status, one of: {', '.join(STATUSES)} (any case)."),
]
StatusOption = Annotated[
    str | None, typer.Option(help=f"Status, one of: {', '.join(STATUSES)} (any case).")
]
OutletOption = Annotated[
    str | None, typer.Option(help="Outlet: the site of the sources (reuters.com; subdomains too).")
]
CategoryOption = Annotated[
    str | None, typer.Option(help=f"Weapon category, one of: {', '.join(CATEGORIES)}.")
]
ReviewStateOption = Annotated[
    str | None,
    typer.Option("--review-state",
                 help="Records in this review state only: unreviewed, confirmed, corrected or "
                 "rejected (rejected records are left out otherwise)."),
]
SinceOption = Annotated[
    str | None,
    typer.Option(help="On or after this day: YYYY-MM-DD, or a month YYYY-MM or year YYYY "
                 "(from its first day). Deals: last seen then or later."),
]
UntilOption = Annotated[
    str | None,
    typer.Option(help="On or before this day: YYYY-MM-DD, or a month YYYY-MM or year YYYY "
                 "(to its last day). Deals: first seen then or earlier."),
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


# Characters of an id the tables show; `deal` and `review` take any unique prefix, as git.
SHORT_ID = 12
# Ids an ambiguous prefix lists before "and N more".
_AMBIGUOUS_SHOWN = 5


def unique_id(typed: str, ids: Iterable[str], noun: str, listing: str) -> str:
    """Return the one id of `ids` that is `typed` or starts with it (case-blind).

    None, or several, is one error line (exit 1): for several, the first few, so that
    more of one can be typed; for none, the command that lists the ids (`listing`).
    """
    wanted = typed.strip().lower()
    matching = sorted({item for item in ids if item.lower().startswith(wanted)}) if wanted else []
    if wanted in matching:
        return wanted
    if len(matching) == 1:
        return matching[0]
    if not matching:
        raise fail(f"no {noun} with id {typed.strip()} (nor one starting so); list the ids "
                   f"with: {listing}")
    hidden = len(matching) - _AMBIGUOUS_SHOWN
    more = f" and {hidden} more" if hidden > 0 else ""
    raise fail(f"{typed!r} is the start of {len(matching)} {noun} ids "
               f"({', '.join(matching[:_AMBIGUOUS_SHOWN])}{more}); give more of the id")


def require_database(db: str) -> None:
    """Fail unless a database file exists at `db` (a URL is left to the store to check)."""
    if "://" not in db and not Path(db).exists():
        raise fail(f"{db}: no such database; create it with: armstrace ingest PATH --db {db}")


def db_label(db: str) -> str:
    """Return the database as shown to the user: a URL without its password."""
    from armstrace.store.locations import redact_url

    return redact_url(db)


def check_choice(value: str | None, choices: Collection[str], option: str) -> str | None:
    """Return the one of `choices` that `value` names in any case (None stays None).

    Anything else is a usage error in one line that lists the choices in their order.
    """
    if value is None:
        return None
    for choice in choices:
        if choice.casefold() == value.strip().casefold():
            return choice
    raise usage_fail(f"{option}: {value!r} is not one of {', '.join(choices)}")


def parse_day(value: str | None, option: str, *, end: bool = False) -> dt.date | None:
    """Return the day a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` option means (None if not given).

    A year or month stands for its first day, or with `end` for its last, so that
    `--since 2018 --until 2019` covers both whole years. Anything else is a usage error.
    """
    if value is None:
        return None
    try:
        return _day_of(value.strip(), end)
    except ValueError:
        raise usage_fail(f"{option}: {value!r} is not a date; give YYYY, YYYY-MM or "
                         "YYYY-MM-DD") from None


def _day_of(text: str, end: bool) -> dt.date:
    parts = text.split("-")
    if len(parts) == 3:
        return dt.date.fromisoformat(text)
    if not all(part.isdigit() for part in parts) or len(parts[0]) != 4 or len(parts) > 2:
        raise ValueError(text)
    year = int(parts[0])
    if len(parts) == 1:
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    if len(parts[1]) != 2:
        raise ValueError(text)
    month = int(parts[1])
    first = dt.date(year, month, 1)
    if not end:
        return first
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def results_table(title: str) -> Table:
    """Return an empty table in the command line's style: a rule under the head, no margins."""
    return Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False,
                 collapse_padding=True)


def count_of(number: int, noun: str) -> str:
    """Return a count with its noun, plural but for one: "1 site", "3 sites"."""
    return f"{number} {noun}" + ("" if number == 1 else "s")
