"""open_store: a path or URL picks the backend."""

from __future__ import annotations

import socket
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


@pytest.mark.postgres
@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg", "PostgreSQL"])
def test_open_store_opens_postgresql_url(fresh_postgres_url: str, scheme: str) -> None:
    from armstrace.store.postgres import PostgresStore

    url = scheme + fresh_postgres_url.removeprefix("postgresql")
    with open_store(url) as store:
        assert isinstance(store, PostgresStore)
        assert store.add_document(make_document())
    with open_store(fresh_postgres_url) as store:
        assert store.count_documents() == 1


def test_open_store_postgresql_without_server_names_url_not_password() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://analyst:s3cret@127.0.0.1:{port}/arms"
    with pytest.raises(StoreError) as raised:
        open_store(url)
    message = str(raised.value)
    assert message.startswith(f"postgresql://analyst@127.0.0.1:{port}/arms: cannot connect")
    assert "s3cret" not in message
    assert "\n" not in message


def test_open_store_unknown_scheme_lists_valid_forms() -> None:
    with pytest.raises(StoreError, match="unknown store URL scheme 'mysql'.*sqlite:///"):
        open_store("mysql://db/arms")
