"""open_change_counter: a version that moves on every commit to an SQLite store, from anywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from armstrace.store import SQLiteChangeCounter, open_change_counter, open_store

from .builders import make_document


@pytest.fixture
def counter(tmp_path: Path):  # noqa: ANN201 - yields SQLiteChangeCounter
    db = tmp_path / "register.db"
    open_store(db).close()
    found = open_change_counter(db)
    assert isinstance(found, SQLiteChangeCounter)
    yield found
    found.close()


def test_change_counter_is_still_without_commits(counter: SQLiteChangeCounter) -> None:
    first = counter.version()
    with open_store(counter.path) as store:
        store.count_documents()

    assert counter.version() == first


def test_change_counter_moves_on_a_commit_by_another_connection(
    counter: SQLiteChangeCounter,
) -> None:
    first = counter.version()
    with open_store(counter.path) as store:
        store.add_document(make_document())

    assert counter.version() != first


def test_change_counter_moves_when_the_file_is_replaced(counter: SQLiteChangeCounter) -> None:
    first = counter.version()
    replacement = counter.path + ".new"
    open_store(replacement).close()
    os.replace(replacement, counter.path)

    assert counter.version() != first


@pytest.mark.parametrize("location", ["sqlite://", "postgresql://user@127.0.0.1:9/none"])
def test_change_counter_is_none_without_a_cheap_version(location: str) -> None:
    assert open_change_counter(location) is None
