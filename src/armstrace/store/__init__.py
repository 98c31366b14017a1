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
    Alert,
    DealFilter,
    DealSummary,
    FetchState,
    RecordFilter,
    SearchHit,
    SkippedEntry,
    Store,
    StoreSummary,
    Watchlist,
)
from armstrace.store.locations import redact_url
from armstrace.store.sqlite import SQLiteStore

__all__ = [
    "DEAL_ORDERS",
    "Alert",
    "DealFilter",
    "DealSummary",
    "FetchState",
    "RecordFilter",
    "SQLiteStore",
    "SearchHit",
    "SkippedEntry",
    "Store",
    "StoreSummary",
    "Watchlist",
    "open_store",
    "redact_url",
]

_POSTGRES_SCHEMES = ("postgresql", "postgres")


def open_store(url_or_path: str | Path) -> Store:
    """Open (creating if needed) the store at a file path or a database URL."""
    if isinstance(url_or_path, Path):
        return SQLiteStore(url_or_path)
    scheme, separator, rest = url_or_path.partition("://")
    if not separator:
        return SQLiteStore(url_or_path)
    scheme = scheme.lower()
    if scheme == "sqlite":
        # SQLAlchemy's convention: the third slash ends the empty host part.
        path = rest.removeprefix("/")
        return SQLiteStore(path or ":memory:")
    if scheme.split("+")[0] in _POSTGRES_SCHEMES:
        return _open_postgres(f"postgresql://{rest}")
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
