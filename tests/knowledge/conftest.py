"""Shared fixtures for the knowledge tests: the packaged catalogues, loaded once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from armstrace.knowledge import DATA_DIR, Knowledge, load_knowledge

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge()


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """Return a writable copy of the packaged data folder, for tests that break a file."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def shared_file(*parts: str) -> Path:
    """Return a file under ../shared/data, skipping the test when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} absent: a fresh clone without ../shared")
    return path
