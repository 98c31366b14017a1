"""Fixtures for the clean tests: the hand-written pages and the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shared_corpora() -> Path:
    """Return ../shared/data/corpora, or skip when a fresh clone lacks it."""
    corpora = SHARED_DATA / "corpora"
    if not corpora.is_dir():
        pytest.skip(f"{corpora} is absent: a fresh clone without ../shared")
    return corpora


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Return ../shared/data, or skip when a fresh clone lacks it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is absent: a fresh clone without ../shared")
    return SHARED_DATA
