from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.sipri.files import QUIRK_ROWS, write_register

from armstrace.errors import StoreError
from armstrace.sipri.register import read_register
from armstrace.sipri.rows import SipriRegister
from armstrace.store import Store


def _register(tmp_path: Path, rows: list[str], generated: str = "13 Mar 2025 10:02:49 AM",
              name: str = "register.csv") -> SipriRegister:
    return read_register(write_register(tmp_path / name, rows, generated=generated))


def test_import_sipri_register_reads_back_every_row(store: Store, tmp_path: Path) -> None:
    register = _register(tmp_path, QUIRK_ROWS)

    assert store.import_sipri_register(register) == "imported"

    assert list(store.iter_sipri_rows()) == list(register.rows)
    release = store.get_sipri_release()
    assert release is not None
    assert (release.generated, release.digest, release.row_count, release.last_year) == (
        register.generated, register.digest, len(QUIRK_ROWS), 2023)


def test_import_sipri_register_of_the_same_release_changes_nothing(
    store: Store, tmp_path: Path
) -> None:
    register = _register(tmp_path, QUIRK_ROWS)
    store.import_sipri_register(register)
    before = store.get_sipri_release()

    assert store.import_sipri_register(register) == "unchanged"

    assert store.get_sipri_release() == before
    assert len(list(store.iter_sipri_rows())) == len(QUIRK_ROWS)


def test_import_sipri_register_of_a_newer_release_replaces_the_rows(
    store: Store, tmp_path: Path
) -> None:
    store.import_sipri_register(_register(tmp_path, QUIRK_ROWS))
    newer = _register(tmp_path, QUIRK_ROWS[:2], "10 Mar 2026 09:00:00 AM", "newer.csv")

    assert store.import_sipri_register(newer) == "replaced"

    assert list(store.iter_sipri_rows()) == list(newer.rows)


def test_import_sipri_register_refuses_an_older_release(store: Store, tmp_path: Path) -> None:
    store.import_sipri_register(_register(tmp_path, QUIRK_ROWS))
    older = _register(tmp_path, QUIRK_ROWS[:2], "11 Mar 2024 09:00:00 AM", "older.csv")

    with pytest.raises(StoreError, match="before the release the store holds"):
        store.import_sipri_register(older)

    assert len(list(store.iter_sipri_rows())) == len(QUIRK_ROWS)


def test_get_sipri_release_of_a_new_store_is_none(store: Store) -> None:
    assert store.get_sipri_release() is None


def test_import_sipri_register_stores_the_whole_register_in_seconds(
    store: Store, tmp_path: Path
) -> None:
    # SIPRI's register is about 29,500 rows; the invented rows repeated to that size.
    rows = (QUIRK_ROWS[:1] + QUIRK_ROWS[2:]) * 2300
    register = _register(tmp_path, rows)
    started = time.perf_counter()

    store.import_sipri_register(register)

    assert time.perf_counter() - started < 10
    assert store.get_sipri_release().row_count == len(rows)  # type: ignore[union-attr]
