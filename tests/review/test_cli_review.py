"""The review commands: accounts, decisions and re-extraction from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.processes import run_armstrace
from tests.store.builders import make_document, make_record
from typer.testing import CliRunner, Result

from armstrace.cli import app
from armstrace.model import Document
from armstrace.review import verify_password
from armstrace.store import RecordFilter, SQLiteStore

RUNNER = CliRunner()


def invoke(*args: str | Path, input: str | None = None) -> Result:
    return RUNNER.invoke(app, [str(arg) for arg in args], input=input, catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    document = make_document()
    with SQLiteStore(path) as store:
        store.add_document(document, [make_record(document), make_record(document, weapon="x")])
    result = invoke("user", "add", "ana", "--db", path, "--password-stdin",
                    input="a long passphrase\n")
    assert result.exit_code == 0, result.output
    return path


def _records(db: Path, include_rejected: bool = False) -> list[dict[str, object]]:
    with SQLiteStore(db) as store:
        return [
            {**r.to_json(), "state": r.extra.get("review", {}).get("state")}
            for r in store.iter_records(RecordFilter(include_rejected=include_rejected))
        ]


def test_user_add_stores_a_hash_that_verifies(db: Path) -> None:
    with SQLiteStore(db) as store:
        user = store.get_user("ana")
    assert user is not None and verify_password(user.password_hash, "a long passphrase")
    assert "a long passphrase" not in db.read_bytes().decode("latin-1")


def test_user_add_asks_twice_with_a_hidden_prompt(db: Path) -> None:
    result = invoke("user", "add", "bob", "--db", db, input="hunter2hunter2\nhunter2hunter2\n")
    assert result.exit_code == 0, result.output
    assert "hunter2hunter2" not in result.output
    listed = invoke("user", "list", "--db", db)
    assert "ana" in listed.stdout and "bob" in listed.stdout


def test_user_add_refuses_a_taken_name_in_one_line(db: Path) -> None:
    result = invoke("user", "add", "ana", "--db", db, "--password-stdin",
                    input="another passphrase\n")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {db}: a user named 'ana' already exists"
    ]


def test_user_add_refuses_a_name_taken_in_another_case(db: Path) -> None:
    result = run_armstrace("user", "add", "ANA", "--db", db, "--password-stdin",
                           stdin="another passphrase\n")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {db}: a user named 'ANA' already exists (as 'ana': user names ignore case)"
    ]


def test_user_password_takes_the_name_in_any_case(db: Path) -> None:
    done = run_armstrace("user", "password", "ANA", "--db", db, "--password-stdin",
                         stdin="a new long passphrase\n")
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == f"new password for ana in {db}; every session of ana ended"


def test_user_remove_keeps_the_name_on_the_audit_trail(db: Path) -> None:
    record_id = _records(db)[0]["id"]
    assert invoke("review", record_id, "--confirm", "--reason", "read it", "--user", "Ana",
                  "--db", db).exit_code == 0

    removed = run_armstrace("user", "remove", "ana", "--db", db)
    decide = run_armstrace("review", record_id, "--reject", "--reason", "no", "--user", "ana",
                           "--db", db)
    log = run_armstrace("log", "--json", "--db", db)
    listed = run_armstrace("user", "list", "--db", db)

    assert removed.returncode == 0, removed.stderr
    assert removed.stderr.strip() == (
        f"user ana removed from {db}: can no longer sign in; 0 sessions ended, 0 API tokens "
        "revoked; the name ana stays on 1 decision")
    assert decide.returncode == 1
    assert "user 'ana' was removed on" in decide.stderr
    assert [json.loads(line)["user"] for line in log.stdout.splitlines()] == ["ana"]
    assert "ana" in listed.stdout and "removed" in listed.stdout


def test_review_rejects_and_corrects(db: Path) -> None:
    first, second = _records(db)
    rejected = invoke("review", first["id"], "--reject", "--reason", "no such radar",
                      "--user", "ana", "--db", db)
    corrected = invoke("review", second["id"], "--set", "quantity=6", "--set", "status=ordered",
                       "--reason", "six ordered", "--user", "ana", "--db", db)

    assert rejected.exit_code == 0 and corrected.exit_code == 0, rejected.output
    assert f"record {first['id']} rejected" in rejected.stdout
    [kept] = _records(db)
    assert (kept["id"], kept["quantity"], kept["status"], kept["state"]) == (
        second["id"], 6, "ordered", "corrected"
    )
    assert len(_records(db, include_rejected=True)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "colour=red"], "'colour' is not a field an analyst can correct"),
        (["--set", "date=soon"], "date must be YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--reject", "--user", "zoe"], "no user named 'zoe'"),
    ],
)
def test_review_names_a_bad_decision_in_one_line(db: Path, args: list[str], message: str
                                                 ) -> None:
    record_id = str(_records(db)[0]["id"])
    extra = [] if "--user" in args else ["--user", "ana"]
    result = invoke("review", record_id, *args, *extra, "--reason", "x", "--db", db)
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert message in line


def test_review_needs_exactly_one_action(db: Path) -> None:
    record_id = str(_records(db)[0]["id"])
    result = invoke("review", record_id, "--reject", "--confirm", "--user", "ana", "--db", db)
    assert result.exit_code == 2


def test_reextract_reports_and_keeps_decisions(db: Path, extractor: object) -> None:
    seed_like = Document(id="d1", text="Serbia ordered 12 Rafale jets from France.",
                         source="inline")
    with SQLiteStore(db) as store:
        store.add_document(seed_like)
    first = str(_records(db)[0]["id"])
    invoke("review", first, "--reject", "--reason", "no", "--user", "ana", "--db", db)

    result = invoke("reextract", "--db", db)

    assert result.exit_code == 0, result.output
    assert "2 documents re-extracted, 2 changed" in result.stderr
    records = _records(db)
    assert first not in [r["id"] for r in records]
    assert any(r["weapon"] == "Rafale" for r in records)
    assert json.dumps(records)  # every record still serialises in the contract's shape
    with SQLiteStore(db) as store:  # the decision is kept for when the fact comes back
        assert [d.action for d in store.iter_record_decisions(first)] == ["reject"]


def test_records_lists_one_review_state(db: Path) -> None:
    first = str(_records(db)[0]["id"])
    invoke("review", first, "--reject", "--reason", "no", "--user", "ana", "--db", db)

    rejected = invoke("records", "--db", db, "--review-state", "rejected", "--json")
    shown = invoke("records", "--db", db, "--json")

    assert [json.loads(line)["id"] for line in rejected.stdout.splitlines()] == [first]
    assert first not in shown.stdout and len(shown.stdout.splitlines()) == 1
