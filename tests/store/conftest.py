from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import FakeClock

from armstrace.store import SQLiteStore


@pytest.fixture
def database_path(tmp_path: Path) -> Path:
    return tmp_path / "register.db"


@pytest.fixture
def sqlite_store(database_path: Path, clock: FakeClock) -> Iterator[SQLiteStore]:
    """Yield a new SQLite store at `database_path`, for what only SQLite has (its file)."""
    with SQLiteStore(database_path, clock=clock) as opened:
        yield opened
