"""The migration runner both stores share, on a real SQLite file with migrations of its own."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from armstrace.errors import StoreError
from armstrace.store.migration_runner import apply_migrations
from armstrace.store.migrations import SQLiteSchemaHistory

TWO_MIGRATIONS = (
    ("CREATE TABLE ships (name TEXT)", "INSERT INTO ships VALUES ('Kalvari')"),
    ("CREATE TABLE tanks (name TEXT)",),
)


@pytest.fixture
def connection(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    opened = sqlite3.connect(tmp_path / "runner.db", isolation_level=None)
    yield opened
    opened.close()


def _tables(connection: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]


def _version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def test_apply_migrations_runs_every_step_in_order_and_writes_the_version(
    connection: sqlite3.Connection,
) -> None:
    history = SQLiteSchemaHistory(connection, "runner.db")

    assert apply_migrations(history, TWO_MIGRATIONS) == 2

    assert sorted(_tables(connection)) == ["ships", "tanks"]
    assert connection.execute("SELECT name FROM ships").fetchall() == [("Kalvari",)]
    assert _version(connection) == 2


def test_apply_migrations_runs_only_the_missing_ones(connection: sqlite3.Connection) -> None:
    history = SQLiteSchemaHistory(connection, "runner.db")
    apply_migrations(history, TWO_MIGRATIONS[:1])
    connection.execute("DELETE FROM ships")

    assert apply_migrations(history, TWO_MIGRATIONS) == 2

    # The first migration's insert did not run again.
    assert connection.execute("SELECT count(*) FROM ships").fetchone()[0] == 0
    assert "tanks" in _tables(connection)


def test_apply_migrations_leaves_nothing_of_a_migration_that_fails(
    connection: sqlite3.Connection,
) -> None:
    history = SQLiteSchemaHistory(connection, "runner.db")
    broken_third = ("CREATE TABLE drones (name TEXT)", "INSERT INTO nowhere VALUES (1)")
    failing = (*TWO_MIGRATIONS, broken_third)

    with pytest.raises(sqlite3.OperationalError, match="nowhere"):
        apply_migrations(history, failing)

    assert _tables(connection) == []
    assert _version(connection) == 0
    assert not connection.in_transaction


def test_apply_migrations_refuses_a_newer_database(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA user_version = 3")
    history = SQLiteSchemaHistory(connection, "runner.db")

    with pytest.raises(StoreError, match="runner.db has schema version 3, newer than .* knows"):
        apply_migrations(history, TWO_MIGRATIONS)

    assert _tables(connection) == []
