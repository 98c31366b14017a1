"""Where documents, records and skipped inputs are kept: one Store interface, many backends.

`open_store` picks the backend from a path or URL:

    armstrace.db, Path("armstrace.db")   SQLite file (created and migrated on first open)
    sqlite:///relative/path.db           SQLite, SQLAlchemy-style URL (four slashes for /absolute)
    sqlite://                            SQLite in memory
    postgresql://...                     not built yet (raises StoreError)
"""

from __future__ import annotations

from pathlib import Path

from armstrace.errors import StoreError
from armstrace.store.base import (
    DEAL_ORDERS,
    Alert,
    DealFilter,
    FetchState,
    RecordFilter,
    SearchHit,
    SkippedEntry,
    Store,
    StoreSummary,
    Watchlist,
)
from armstrace.store.sqlite import SQLiteStore

__all__ = [
    "DEAL_ORDERS",
    "Alert",
    "DealFilter",
    "FetchState",
    "RecordFilter",
    "SQLiteStore",
    "SearchHit",
    "SkippedEntry",
    "Store",
    "StoreSummary",
    "Watchlist",
    "open_store",
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
        raise StoreError(
            "PostgreSQL support is not built yet; for now pass an SQLite file path "
            "such as armstrace.db or sqlite:///armstrace.db"
        )
    raise StoreError(
        f"{url_or_path}: unknown store URL scheme {scheme!r}; pass a file path, "
        "sqlite:///path/to/file.db or postgresql://…"
    )
