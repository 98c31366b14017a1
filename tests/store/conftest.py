from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from armstrace.store import SQLiteStore


class FakeClock:
    """A clock that moves one minute each time it is read."""

    def __init__(self) -> None:
        self.now = dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


@pytest.fixture
def database_path(tmp_path: Path) -> Path:
    return tmp_path / "register.db"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(database_path: Path, clock: FakeClock) -> Iterator[SQLiteStore]:
    with SQLiteStore(database_path, clock=clock) as opened:
        yield opened
