"""open_store: a path or URL picks the backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from armstrace.errors import StoreError
from armstrace.store import SQLiteStore, open_store

from .builders import make_document


@pytest.mark.parametrize(
    "spelling",
    [
        lambda path: path,
        lambda path: str(path),
        lambda path: f"sqlite:///{path}",  # absolute path: four slashes in all
    ],
    ids=["Path", "str", "sqlite-url"],
)
def test_open_store_opens_sqlite_file(tmp_path: Path, spelling) -> None:
    path = tmp_path / "register.db"
    with open_store(spelling(path)) as store:
        assert isinstance(store, SQLiteStore)
        store.add_document(make_document())
    assert path.exists()
    with open_store(path) as store:
        assert store.count_documents() == 1


def test_open_store_relative_sqlite_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    open_store("sqlite:///relative.db").close()
    assert (tmp_path / "relative.db").exists()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", ":memory:"])
def test_open_store_in_memory(url: str) -> None:
    with open_store(url) as store:
        assert store.add_document(make_document())
        assert store.count_documents() == 1


@pytest.mark.parametrize(
    "url", ["postgresql://user@localhost/arms", "postgres://db/arms", "postgresql+psycopg://db/a"]
)
def test_open_store_postgresql_not_built_yet(url: str) -> None:
    with pytest.raises(StoreError, match="PostgreSQL support is not built yet"):
        open_store(url)


def test_open_store_unknown_scheme_lists_valid_forms() -> None:
    with pytest.raises(StoreError, match="unknown store URL scheme 'mysql'.*sqlite:///"):
        open_store("mysql://db/arms")
