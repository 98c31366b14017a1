"""Fixtures shared by the whole suite: the shared data folder and one extractor."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# ARMSTRACE_SHARED_DATA points elsewhere, e.g. from a git worktree that has no ../shared.
SHARED_DATA = Path(
    os.environ.get("ARMSTRACE_SHARED_DATA")
    or Path(__file__).resolve().parents[1].parent / "shared" / "data"
)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Return ../shared/data, or skip: a fresh clone of the repository does not have it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is absent: a fresh clone without ../shared (CI always has it)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def extractor():  # noqa: ANN201 - the Extractor type is imported lazily (spaCy)
    """Return one Extractor for the session: loading spaCy and the catalogues takes a second."""
    from armstrace.extract import Extractor

    return Extractor()
