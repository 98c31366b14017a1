"""`armstrace log` shows who changed what, from what, to what, when and why (issue 14,
item 6), run as a process over a register an analyst worked on."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.processes import run_armstrace
from tests.store.builders import make_document, make_record

from armstrace.store import SQLiteStore


def armstrace(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_armstrace(*args, stdin=stdin, env={"COLUMNS": "200"})


def test_log_shows_corrections_from_and_to_and_filters(tmp_path: Path) -> None:
    db = tmp_path / "register.db"
    document = make_document()
    record, other = make_record(document, quantity=12), make_record(document, weapon="sonar")
    with SQLiteStore(db) as store:
        store.add_document(document, [record, other])
    armstrace("user", "add", "ana", "--db", db, "--password-stdin", stdin="a long passphrase\n")
    armstrace("review", record.id, "--set", "quantity=14", "--reason", "the table says 14",
              "--user", "ana", "--db", db)
    armstrace("review", other.id, "--reject", "--reason", "not a transfer", "--user", "ana",
              "--db", db)

    table = armstrace("log", "--db", db)
    lines = [json.loads(line) for line in armstrace("log", "--db", db, "--json").stdout.split(
        "\n") if line]
    only = armstrace("log", "--db", db, "--id", record.id, "--json").stdout.splitlines()
    bad = armstrace("log", "--db", db, "--action", "delete")

    assert table.returncode == 0, table.stderr
    assert "quantity: 12 -> 14" in table.stdout and "the table says 14" in table.stdout
    assert [entry["action"] for entry in lines] == ["reject", "correct"]
    assert lines[1]["changes"] == [
        {"field": "review", "from": "unreviewed", "to": "corrected"},
        {"field": "quantity", "from": 12, "to": 14}]
    assert lines[0]["user"] == "ana" and lines[0]["records"] == [other.id]
    assert len(only) == 1 and record.id in only[0]
    assert bad.returncode == 2 and "delete" in bad.stderr
