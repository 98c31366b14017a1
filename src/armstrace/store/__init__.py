"""Where documents, records and skipped inputs are kept: one Store interface, many backends.

`open_store` picks the backend from a path or URL:

    armstrace.db, Path("armstrace.db")   SQLite file (created and migrated on first open)
    sqlite:///relative/path.db           SQLite, SQLAlchemy-style URL (four slashes for /absolute)
    sqlite://                            SQLite in memory
    postgresql://user:password@host/db   PostgreSQL (also postgres://, postgresql+psycopg://);
                                         needs the extra armstrace[postgres] (psycopg 3)
"""

from __future__ import annotations

from pathlib import Path

from armstrace.errors import StoreError
from armstrace.store.base import (
    DEAL_ORDERS,
    RECORD_ORDERS,
    Alert,
    DealFilter,
    DealSummary,
    FetchState,
    RecordFilter,
    SearchHit,
    SkippedEntry,
    Store,
    StoreSummary,
    UserRemoval,
    Watchlist,
    WebSession,
)
from armstrace.store.locations import redact_url
from armstrace.store.sqlite import SQLiteChangeCounter, SQLiteStore

__all__ = [
    "DEAL_ORDERS",
    "RECORD_ORDERS",
    "Alert",
    "DealFilter",
    "DealSummary",
    "FetchState",
    "RecordFilter",
    "SQLiteChangeCounter",
    "SQLiteStore",
    "SearchHit",
    "SkippedEntry",
    "Store",
    "StoreSummary",
    "UserRemoval",
    "Watchlist",
    "WebSession",
    "open_change_counter",
    "open_store",
    "redact_url",
]

_POSTGRES_SCHEMES = ("postgresql", "postgres")


def open_store(url_or_path: str | Path) -> Store:
    """Open (creating if needed) the store at a file path or a database URL."""
    path = _sqlite_path(url_or_path)
    if path is None:
        return _open_postgres("postgresql://" + str(url_or_path).partition("://")[2])
    return SQLiteStore(path)


def open_change_counter(url_or_path: str | Path) -> SQLiteChangeCounter | None:
    """Return a counter whose version moves on every commit to the store, or None.

    For an SQLite file (opened with `open_store` first, so it exists); None for
    PostgreSQL and for SQLite in memory, where nothing tells changes apart cheaply.
    """
    path = _sqlite_path(url_or_path)
    if path is None or path == ":memory:":
        return None
    return SQLiteChangeCounter(path)


def _sqlite_path(url_or_path: str | Path) -> str | Path | None:
    """Return the SQLite file (or ":memory:") a location names; None for PostgreSQL."""
    if isinstance(url_or_path, Path):
        return url_or_path
    scheme, separator, rest = url_or_path.partition("://")
    if not separator:
        return url_or_path
    scheme = scheme.lower()
    if scheme == "sqlite":
        # SQLAlchemy's convention: the third slash ends the empty host part.
        return rest.removeprefix("/") or ":memory:"
    if scheme.split("+")[0] in _POSTGRES_SCHEMES:
        return None
    raise StoreError(
        f"{url_or_path}: unknown store URL scheme {scheme!r}; pass a file path, "
        "sqlite:///path/to/file.db or postgresql://…"
    )


def _open_postgres(url: str) -> Store:
    try:
        from armstrace.store.postgres import PostgresStore
    except ImportError as exc:  # psycopg is an optional extra
        raise StoreError(
            f"PostgreSQL needs psycopg ({exc}); install it with: pip install 'armstrace[postgres]'"
        ) from exc
    return PostgresStore(url)
