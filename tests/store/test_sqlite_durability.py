"""Stores under failure: crashes, kills, locks, old and foreign files (mostly SQLite's).

The two tests on the `store` fixture run against every backend.
"""

from __future__ import annotations

import gc
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from armstrace.errors import StoreError
from armstrace.model import Record
from armstrace.store import SQLiteStore, Store
from armstrace.store.migrations import APPLICATION_ID, SCHEMA_VERSION

from .builders import make_document, make_record, make_records

RECORDS_PER_DOCUMENT = 40

WRITER = """
import pathlib, sys, time
path, tests, source, per_document, stall_at, marker = sys.argv[1:7]
sys.path[:0] = [tests, source]
from builders import make_document, make_records
from armstrace.store import SQLiteStore


class StallingExtra(dict):
    # Serialised inside the transaction, after the document row: a hang here
    # leaves the process mid-transaction until it is killed.
    def items(self):
        pathlib.Path(marker).touch()
        time.sleep(60)
        return super().items()


with SQLiteStore(path) as store:
    for number in range(100_000):
        document = make_document(number)
        records = make_records(document, int(per_document))
        if number == int(stall_at):
            last = records[-1]
            records[-1] = type(last)(**{**vars(last), "extra": StallingExtra(x=1)})
        store.add_document(document, records)
"""


def _assert_nothing_stored(store: Store, document_id: str) -> None:
    assert not store.has_document(document_id)
    assert store.count_documents() == 0
    assert store.count_records() == 0
    assert store.search("radars") == []


def test_add_document_stores_nothing_when_a_record_insert_fails(store: Store) -> None:
    document = make_document()
    good = make_record(document)
    # Integers are 64-bit in both databases: this one fails after the document row is written.
    too_big = make_record(document, weapon="coastal radar model 9", quantity=2**70)
    with pytest.raises(StoreError, match=f"record {too_big.id} of document {document.id}"):
        store.add_document(document, [good, too_big])
    _assert_nothing_stored(store, document.id)
    assert store.add_document(document, [good])
    assert store.count_records() == 1


def test_add_document_stores_nothing_when_extractor_fails_half_way(store: Store) -> None:
    document = make_document()

    def failing_extractor() -> Iterator[Record]:
        yield make_record(document)
        raise RuntimeError("parser crashed")

    with pytest.raises(RuntimeError, match="parser crashed"):
        store.add_document(document, failing_extractor())
    _assert_nothing_stored(store, document.id)


def _wait_for_documents(path: Path, minimum: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        if path.exists():
            try:
                with SQLiteStore(path) as reader:
                    if reader.count_documents() >= minimum:
                        return
            except StoreError:
                pass  # the writer is still creating the schema
        time.sleep(0.02)
    pytest.fail(f"the writer stored fewer than {minimum} documents in time")


def _start_writer(path: Path, marker: Path, stall_at: int) -> subprocess.Popen[bytes]:
    tests = Path(__file__).parent
    source = Path(__file__).parents[2] / "src"
    arguments = [path, tests, source, RECORDS_PER_DOCUMENT, stall_at, marker]
    return subprocess.Popen([sys.executable, "-c", WRITER, *map(str, arguments)])


def _kill(writer: subprocess.Popen[bytes]) -> None:
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL


def _assert_whole_documents_and_rerun_completes(path: Path) -> int:
    """Check the killed writer's database; return how many documents it had stored."""
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = connection.execute(
            "SELECT count(r.id) FROM documents d LEFT JOIN records r ON r.document_id = d.id "
            "GROUP BY d.id"
        ).fetchall()
    assert {count for (count,) in counts} == {RECORDS_PER_DOCUMENT}  # no half documents

    with SQLiteStore(path) as store:
        stored = store.count_documents()
        total = stored + 5
        added = []
        for number in range(total):
            document = make_document(number)
            added.append(store.add_document(document, make_records(document, RECORDS_PER_DOCUMENT)))
        assert added == [False] * stored + [True] * 5
        assert store.count_documents() == total
        assert store.count_records() == total * RECORDS_PER_DOCUMENT
        assert len(store.search("Bulletin", limit=total + 10)) == total
    return stored


needs_kill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")


@needs_kill
def test_writer_killed_mid_transaction_leaves_no_trace_of_that_document(tmp_path: Path) -> None:
    path, marker = tmp_path / "register.db", tmp_path / "stalled"
    writer = _start_writer(path, marker, stall_at=12)
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline and writer.poll() is None:
            time.sleep(0.01)
        assert marker.exists(), "the writer never reached document 12"
    finally:
        _kill(writer)
    assert _assert_whole_documents_and_rerun_completes(path) == 12


@needs_kill
def test_writer_killed_at_any_moment_leaves_whole_documents(tmp_path: Path) -> None:
    path = tmp_path / "register.db"
    writer = _start_writer(path, tmp_path / "unused", stall_at=-1)
    try:
        _wait_for_documents(path, 15, time.monotonic() + 30)
    finally:
        _kill(writer)
    assert _assert_whole_documents_and_rerun_completes(path) >= 15


def test_open_migrates_empty_file(database_path: Path) -> None:
    database_path.touch()
    with SQLiteStore(database_path) as store:
        assert store.count_documents() == 0
    with sqlite3.connect(database_path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"documents", "records", "skipped", "documents_fts"} <= tables


def test_reopen_keeps_data_and_schema(database_path: Path) -> None:
    document = make_document()
    with SQLiteStore(database_path) as store:
        store.add_document(document, [make_record(document)])
    with SQLiteStore(database_path) as store:
        assert store.get_document(document.id) == document
        assert [r.id for r in store.iter_records()] == [make_record(document).id]
        assert not store.add_document(document, [make_record(document)])
    with sqlite3.connect(database_path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_open_two_stores_on_one_file_at_once(database_path: Path) -> None:
    with SQLiteStore(database_path) as writer, SQLiteStore(database_path) as reader:
        document = make_document()
        writer.add_document(document, make_records(document, 3))
        assert reader.count_records() == 3


@pytest.mark.parametrize(
    "content",
    [b"id,name\n1,radar\n", b"\x00" * 4096, random.Random(7).randbytes(2048)],
    ids=["csv", "zeros", "noise"],
)
def test_open_non_database_file_raises_store_error(database_path: Path, content: bytes) -> None:
    database_path.write_bytes(content)
    with pytest.raises(StoreError) as raised:
        SQLiteStore(database_path)
    message = str(raised.value)
    assert str(database_path) in message
    assert "is not an SQLite database (file is encrypted or is not a database)" in message


def test_open_foreign_sqlite_database_raises_store_error(database_path: Path) -> None:
    with sqlite3.connect(database_path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match="not an armstrace one .*invoices"):
        SQLiteStore(database_path)


def test_open_newer_schema_raises_store_error(database_path: Path) -> None:
    SQLiteStore(database_path).close()
    with sqlite3.connect(database_path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this armstrace knows"):
        SQLiteStore(database_path)


def test_open_missing_folder_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "no-such-folder" / "register.db"
    with pytest.raises(StoreError, match="cannot be opened.*folder exists"):
        SQLiteStore(path)


def test_add_document_raises_store_error_while_another_process_writes(database_path: Path) -> None:
    SQLiteStore(database_path).close()
    holder = sqlite3.connect(database_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with SQLiteStore(database_path, busy_timeout=0.05) as store:
            with pytest.raises(StoreError, match="is locked by another process"):
                store.add_document(make_document())
            holder.execute("ROLLBACK")
            assert store.add_document(make_document())
    finally:
        holder.close()


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 command is not installed")
def test_database_opens_in_the_sqlite3_command(
    sqlite_store: SQLiteStore, database_path: Path
) -> None:
    document = make_document()
    sqlite_store.add_document(document, [make_record(document)])
    sqlite_store.close()
    tables = subprocess.run(
        ["sqlite3", str(database_path), ".tables"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert {"documents", "records", "skipped", "documents_fts"} <= set(tables)
    check = subprocess.run(
        ["sqlite3", str(database_path), "PRAGMA integrity_check;"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert check.stdout.strip() == "ok"


def test_a_transaction_left_open_by_an_interruption_ends_quietly_after_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C between entering a merge's lock and leaving it: the context is collected
    after the store closed, and must not report the closed database."""
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    store = SQLiteStore(tmp_path / "interrupted.db")
    held = store.lock_deals()
    held.__enter__()
    store.close()
    del held
    gc.collect()

    assert unraisable == []
