"""The armstrace command line: output contract, progress, database selection, export, help, demo.

In-process runs use typer's CliRunner (the CLI builds one Extractor per process, so only
the first run pays for spaCy); the one real process runs `extract` as a user would.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from armstrace.cli import app
from armstrace.model import CATEGORIES, DEALS, KINDS, STATUSES

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
FIXTURES = Path(__file__).parent / "fixtures" / "cli"
RUNNER = CliRunner()
# Written for these tests about publicly reported deals: 8 articles in 5 formats.
ARTICLES = sorted(FIXTURES.glob("*.*"))

RECORD_FIELDS = {
    "kind", "supplier", "recipient", "supplier_name", "recipient_name", "partners", "weapon",
    "weapon_family", "category", "quantity", "value", "deal", "status", "date", "evidence",
    "document", "confidence",
}
DOCUMENT_FIELDS = {"id", "url", "title", "published", "source"}
COMMANDS = sorted(
    command.name or command.callback.__name__  # type: ignore[union-attr]
    for command in app.registered_commands
)
PROGRESS = re.compile(r"docs/s")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """Run the CLI in this process; exceptions other than exits propagate (a crash fails)."""
    return RUNNER.invoke(app, [str(arg) for arg in args], env=env, catch_exceptions=False)


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute(sql).fetchall()


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a database holding the records of every fixture article."""
    db = tmp_path_factory.mktemp("register") / "register.db"
    result = invoke("ingest", *ARTICLES, "--db", db, "--quiet", "--published", "2022-01-01")
    assert result.exit_code == 0, result.stderr
    return db


# --- 1. extract: JSON Lines in the contract's shape ----------------------------------------------


@pytest.fixture(scope="module")
def seed_output(shared_data: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    return subprocess.run(
        [sys.executable, "-m", "armstrace.cli", "extract",
         str(shared_data / "seed" / "turkey-serbia-drones.txt"), "--published", "2024-10-11"],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120, check=False,
    )


def test_extract_prints_json_lines_with_the_contract_fields(
    seed_output: subprocess.CompletedProcess[str],
) -> None:
    assert seed_output.returncode == 0, seed_output.stderr
    records = json_lines(seed_output.stdout)

    assert records, "no records printed"
    for record in records:
        assert set(record) >= RECORD_FIELDS
        assert set(record["evidence"]) >= {"text", "start", "end"}
        assert set(record["document"]) >= DOCUMENT_FIELDS


def test_extract_prints_values_from_the_contract_vocabularies(
    seed_output: subprocess.CompletedProcess[str],
) -> None:
    for record in json_lines(seed_output.stdout):
        assert record["kind"] in KINDS
        assert record["category"] in CATEGORIES
        assert record["deal"] in DEALS
        assert record["status"] in STATUSES
        assert isinstance(record["partners"], list)
        assert record["quantity"] is None or isinstance(record["quantity"], int)
        assert record["value"] is None or set(record["value"]) == {"amount", "currency"}
        assert record["date"] is None or DATE.match(str(record["date"]))
        assert 0 <= float(record["confidence"]) <= 1
        evidence = record["evidence"]
        assert 0 <= evidence["start"] < evidence["end"]
        assert evidence["end"] - evidence["start"] == len(evidence["text"])
        assert record["document"]["published"] == "2024-10-11"


def test_extract_writes_nothing_but_records_to_stdout(
    seed_output: subprocess.CompletedProcess[str],
) -> None:
    assert "Traceback" not in seed_output.stderr
    assert all(line.startswith("{") for line in seed_output.stdout.splitlines())


def test_extract_rejects_a_malformed_published_date() -> None:
    result = invoke("extract", FIXTURES / "poland-k2-tanks.txt", "--published", "11/10/2024")

    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


# --- 6. progress ---------------------------------------------------------------------------------


def test_ingest_shows_progress_and_a_summary_on_stderr(tmp_path: Path) -> None:
    result = invoke("ingest", *ARTICLES, "--db", tmp_path / "register.db")

    assert result.exit_code == 0, result.stderr
    assert PROGRESS.search(result.stderr)
    assert re.search(r"\b8 documents\b", result.stderr)
    assert re.search(r"\d+ records", result.stderr)
    assert re.search(r"8 documents added \(0 already stored\), \d+ records, 0 skipped",
                     result.stderr)
    assert result.stdout == ""


def test_ingest_quiet_keeps_only_skipped_lines(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")

    result = invoke("ingest", *ARTICLES, tmp_path / "empty.txt", "--db", tmp_path / "r.db",
                    "--quiet")

    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"skipped {tmp_path / 'empty.txt'}: empty file"]


# --- 7. database selection, records, export ------------------------------------------------------


def test_ingest_db_option_selects_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARMSTRACE_DB", raising=False)

    invoke("ingest", FIXTURES / "poland-k2-tanks.txt", "--db", "chosen.db", "--quiet")

    assert query(tmp_path / "chosen.db", "SELECT count(*) FROM documents") == [(1,)]
    assert not (tmp_path / "armstrace.db").exists()


def test_ingest_environment_variable_selects_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"ARMSTRACE_DB": str(tmp_path / "from-env.db")}

    invoke("ingest", FIXTURES / "poland-k2-tanks.txt", "--quiet", env=env)
    listed = invoke("records", "--json", env=env)

    assert query(tmp_path / "from-env.db", "SELECT count(*) FROM documents") == [(1,)]
    assert not (tmp_path / "armstrace.db").exists()
    assert listed.exit_code == 0
    assert json_lines(listed.stdout)


def test_records_db_option_wins_over_the_environment(register: Path, tmp_path: Path) -> None:
    env = {"ARMSTRACE_DB": str(tmp_path / "elsewhere.db")}

    result = invoke("records", "--db", register, "--json", env=env)

    assert result.exit_code == 0
    assert len(json_lines(result.stdout)) == query(register, "SELECT count(*) FROM records")[0][0]


@pytest.mark.parametrize("command", [["records"], ["records", "--json"], ["export", "--to", "csv"]])
def test_command_on_a_missing_database_fails_in_one_line(
    tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "nowhere.db"

    result = invoke(*command, "--db", missing)

    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(missing) in result.stderr and "no such database" in result.stderr
    assert not missing.exists()


def test_records_table_lists_every_record(register: Path) -> None:
    total = query(register, "SELECT count(*) FROM records")[0][0]

    result = invoke("records", "--db", register)

    assert result.exit_code == 0
    assert f"{total} records" in result.stdout


def test_records_filters_by_supplier(register: Path) -> None:
    result = invoke("records", "--db", register, "--supplier", "FRA", "--json")

    found = json_lines(result.stdout)
    assert found
    assert {record["supplier"] for record in found} == {"FRA"}


def test_records_limit_caps_the_output(register: Path) -> None:
    result = invoke("records", "--db", register, "--limit", "2", "--json")

    assert len(json_lines(result.stdout)) == 2


def test_records_negative_limit_is_a_usage_error(register: Path) -> None:
    result = invoke("records", "--db", register, "--limit", "-1")

    assert result.exit_code == 2
    assert "--limit" in result.stderr


def test_export_csv_writes_every_record(register: Path, tmp_path: Path) -> None:
    output = tmp_path / "records.csv"
    expected = json_lines(invoke("records", "--db", register, "--json").stdout)

    result = invoke("export", "--db", register, "--to", "csv", "-o", output)

    assert result.exit_code == 0
    with output.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["id"] for row in rows] == [record["id"] for record in expected]
    for row, record in zip(rows, expected, strict=True):
        assert (row["supplier"], row["recipient"], row["weapon"], row["status"]) == (
            record["supplier"] or "", record["recipient"] or "", record["weapon"], record["status"]
        )
        assert row["evidence_text"] == record["evidence"]["text"]
    assert f"{len(rows)} records written to {output}" in result.stderr


def test_export_jsonl_writes_every_record(register: Path, tmp_path: Path) -> None:
    output = tmp_path / "records.jsonl"
    expected = json_lines(invoke("records", "--db", register, "--json").stdout)

    result = invoke("export", "--db", register, "--to", "jsonl", "-o", output)

    assert result.exit_code == 0
    assert json_lines(output.read_text(encoding="utf-8")) == expected
    assert len(expected) > 0


def test_export_to_stdout_by_default(register: Path) -> None:
    expected = json_lines(invoke("records", "--db", register, "--json").stdout)

    result = invoke("export", "--db", register, "--to", "jsonl")

    assert json_lines(result.stdout) == expected


def test_export_unknown_format_lists_the_choices(register: Path, tmp_path: Path) -> None:
    output = tmp_path / "records.xlsx"

    result = invoke("export", "--db", register, "--to", "xlsx", "-o", output)

    assert result.exit_code == 2
    assert "xlsx" in result.stderr
    assert "csv" in result.stderr and "jsonl" in result.stderr
    assert not output.exists()


# --- 8. help and README --------------------------------------------------------------------------


def _flatten(text: str) -> str:
    """Return help output with rich's box drawing and line wrapping undone."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_describes_it(command: str) -> None:
    callback = next(c.callback for c in app.registered_commands
                    if (c.name or c.callback.__name__) == command)  # type: ignore[union-attr]
    summary = (callback.__doc__ or "").strip().splitlines()[0] if callback else ""

    result = invoke(command, "--help")

    assert result.exit_code == 0
    assert summary, f"armstrace {command} has no docstring"
    assert summary in _flatten(result.stdout)


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_mentions_command(command: str) -> None:
    assert f"armstrace {command}" in README.read_text(encoding="utf-8")


def test_app_help_lists_every_command() -> None:
    result = invoke("--help")

    assert result.exit_code == 0
    assert all(command in result.stdout for command in COMMANDS)


# --- evaluate ---------------------------------------------------------------------------------

DEMO_DATA = REPO / "src" / "armstrace" / "demo_data"
BAND = re.compile(r"^confidence \d\.\d-\d\.\d: precision (n/a|[01]\.\d{3}) \((\d+) of (\d+) "
                  r"predictions correct\)$", re.M)


def test_evaluate_by_confidence_prints_precision_per_band() -> None:
    result = invoke("evaluate", DEMO_DATA / "gold.jsonl", DEMO_DATA / "articles",
                    "--docs", DEMO_DATA / "documents.txt", "--by-confidence")

    assert result.exit_code == 0, result.stderr
    bands = BAND.findall(result.stdout)
    assert len(bands) == 3
    assert all(int(correct) <= int(claimed) for _, correct, claimed in bands)


SLOTS = re.compile(r"slot accuracy over \d+ matched pairs: .* date (\d\.\d{3})")


def test_evaluate_dates_plain_text_by_the_published_table(tmp_path: Path) -> None:
    args = (DEMO_DATA / "gold.jsonl", DEMO_DATA / "articles", "--docs", DEMO_DATA / "documents.txt")
    undated = invoke("evaluate", *args)
    dated = invoke("evaluate", *args, "--published", DEMO_DATA / "published.json")

    assert undated.exit_code == 0 and dated.exit_code == 0, dated.stderr
    undated_dates, dated_dates = (SLOTS.search(r.stdout) for r in (undated, dated))
    assert undated_dates and dated_dates
    # relative dates ("on Thursday") resolve only against a publication date
    assert float(dated_dates.group(1)) > float(undated_dates.group(1))


def test_evaluate_names_a_bad_published_table(tmp_path: Path) -> None:
    table = tmp_path / "published.json"
    table.write_text('{"a.txt": "last week"}', encoding="utf-8")

    result = invoke("evaluate", DEMO_DATA / "gold.jsonl", DEMO_DATA / "articles",
                    "--published", table)

    assert result.exit_code != 0
    assert "published.json" in result.stderr and "publication dates" in result.stderr


# --- 9. demo -------------------------------------------------------------------------------------

SUMMARY = re.compile(r"(\d+) documents, (\d+) records, (\d+) skipped")


def run_demo(db: Path) -> tuple[int, int, int]:
    result = invoke("demo", "--db", db, "--quiet", "--no-serve")
    assert result.exit_code == 0, result.stderr
    match = SUMMARY.search(result.stdout)
    assert match, result.stdout
    documents, records, skipped = (int(group) for group in match.groups())
    assert re.search(rf"^\s*{records} records\s*$", result.stdout, re.M)  # the table's title
    assert "parties" in result.stdout and "conf" in result.stdout  # and its header
    return documents, records, skipped


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[int, int, int]]:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    return db, run_demo(db)


def test_demo_builds_a_database_from_the_sample(
    demo_db: tuple[Path, tuple[int, int, int]],
) -> None:
    db, (documents, records, skipped) = demo_db

    assert documents >= 20  # the sample holds 25 articles (19 .txt, 1 page, 3 lines, 2 items)
    assert records > documents
    assert query(db, "SELECT count(*) FROM documents") == [(documents,)]
    assert query(db, "SELECT count(*) FROM records") == [(records,)]
    assert skipped == query(db, "SELECT count(*) FROM skipped")[0][0]


def test_demo_documents_all_have_a_published_date(
    demo_db: tuple[Path, tuple[int, int, int]],
) -> None:
    db, _ = demo_db

    assert query(db, "SELECT source FROM documents WHERE published IS NULL") == []


def test_demo_twice_gives_the_same_counts_in_a_fresh_file(
    demo_db: tuple[Path, tuple[int, int, int]], tmp_path: Path
) -> None:
    db, first = demo_db
    again = tmp_path / "demo.db"
    run_demo(again)
    with closing(sqlite3.connect(again)) as connection, connection:
        connection.execute(  # left over from an earlier run: a fresh file must not keep it
            "INSERT INTO skipped (source, stage, reason, first_seen, last_seen) "
            "VALUES ('stale', 'ingest', 'left over', '2020-01-01', '2020-01-01')"
        )

    assert run_demo(again) == first
