"""The command line as an analyst's workbench (issue 14, items 7, 10 and 12), run as a user
would: help without type tags, --version, tables that fit the terminal with ids and values,
short ids, years as dates, statuses in any case, and exports that take the filters."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from tests.cli_register import REPO, build_register, run_cli


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("workbench") / "register.db"
    build_register(db)
    return db


@pytest.fixture(scope="module")
def deal_ids(register: Path) -> dict[str, str]:
    """Return each deal's id by its weapon."""
    listed = run_cli("deals", "--db", register, "--json")
    return {deal["weapon"]: deal["id"] for deal in map(json.loads, listed.stdout.splitlines())}


def _one_error_line(result: subprocess.CompletedProcess[str], status: int, wanted: str) -> None:
    assert result.returncode == status, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and wanted in lines[0], result.stderr


# --- item 10: help, version, tables ----------------------------------------------------------


def test_version_prints_the_version() -> None:
    from armstrace import __version__

    result = run_cli("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"armstrace {__version__}")


@pytest.mark.parametrize(
    "command",
    [(), ("records",), ("deals",), ("export",), ("review",), ("extract",), ("alert", "add"),
     ("user", "add")],
)
def test_help_shows_no_type_tags(command: tuple[str, ...]) -> None:
    result = run_cli(*command, "--help", columns=120)
    assert result.returncode == 0
    assert "Usage" in result.stdout
    assert not re.search(r"<(bool|str|int|float|list|Path)", result.stdout), result.stdout


@pytest.mark.parametrize("command", ["records", "deals"])
def test_tables_fit_a_narrow_terminal(register: Path, command: str) -> None:
    result = run_cli(command, "--db", register, columns=70)
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 70


@pytest.mark.parametrize("command", ["records", "deals"])
def test_tables_use_a_wide_terminal_without_wrapping_names(register: Path, command: str) -> None:
    result = run_cli(command, "--db", register, columns=160)
    assert "IRN -> Hezbollah" in result.stdout
    assert "BLR -> an unnamed buyer" in result.stdout


def test_records_table_shows_ids_review_takes(register: Path, tmp_path: Path) -> None:
    db = tmp_path / "review.db"
    build_register(db)
    listed = run_cli("records", "--db", db, "--json").stdout
    records = [json.loads(line) for line in listed.splitlines()]
    rafale = next(record for record in records if record["weapon"] == "Rafale")
    table = run_cli("records", "--db", db).stdout
    assert rafale["id"][:12] in table
    run_cli("user", "add", "ana", "--password-stdin", "--db", db, stdin="a long passphrase\n")
    reviewed = run_cli("review", rafale["id"][:12], "--confirm", "--user", "ana",
                       "--reason", "checked", "--db", db)
    assert reviewed.returncode == 0, reviewed.stderr
    after = run_cli("records", "--db", db, "--json").stdout
    states = {record["id"]: record["review"] for record in map(json.loads, after.splitlines())}
    assert states[rafale["id"]] == "confirmed"


def test_deals_table_shows_the_value(register: Path) -> None:
    table = run_cli("deals", "--db", register, columns=160).stdout
    assert "value" in table.splitlines()[1]
    assert "3.5bn USD" in table


def test_deal_takes_a_unique_id_prefix(register: Path, deal_ids: dict[str, str]) -> None:
    result = run_cli("deal", deal_ids["Rafale"][:6], "--db", register)
    assert result.returncode == 0, result.stderr
    assert f"deal {deal_ids['Rafale']}" in result.stdout


def test_deal_refuses_an_ambiguous_prefix_in_one_line(
    register: Path, deal_ids: dict[str, str]
) -> None:
    firsts = [deal_id[0] for deal_id in deal_ids.values()]
    shared = next(char for char in firsts if firsts.count(char) > 1)
    _one_error_line(run_cli("deal", shared, "--db", register), 1, "give more of the id")


def test_deal_refuses_an_unknown_id_in_one_line(register: Path) -> None:
    _one_error_line(run_cli("deal", "zz12", "--db", register), 1, "no deal with id zz12")


# --- item 12: filters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "weapons"),
    [
        (("deals", "--category", "aircraft"), {"F-16", "Rafale"}),
        (("deals", "--status", "Ordered"), {"F-16", "Rafale"}),
        (("records", "--status", "DELIVERED"), {"S-400", "arms", "Bayraktar TB2"}),
        (("records", "--since", "2022"), {"Rafale", "Bayraktar TB2", "Zubr class"}),
        (("records", "--until", "2019"), {"S-400", "F-16"}),
        (("records", "--since", "2019-01", "--until", "2021"), {"S-400", "arms"}),
        (("deals", "--since", "2018"), {"S-400", "F-16", "Rafale", "arms", "Bayraktar TB2",
                                        "Zubr class"}),
        (("deals", "--until", "2023"), set()),
        (("records", "--category", "UAV"), {"Bayraktar TB2"}),
    ],
)
def test_filters_take_years_categories_and_any_case(
    register: Path, args: tuple[str, ...], weapons: set[str]
) -> None:
    result = run_cli(*args, "--db", register, "--json")
    assert result.returncode == 0, result.stderr
    assert {json.loads(line)["weapon"] for line in result.stdout.splitlines()} == weapons


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (("deals", "--since", "18"), "--since: '18' is not a date"),
        (("deals", "--status", "sold"), "--status: 'sold' is not one of"),
        (("records", "--category", "tanks"), "--category: 'tanks' is not one of"),
    ],
)
def test_bad_filters_are_one_usage_line(register: Path, args: tuple[str, ...], wanted: str) -> None:
    _one_error_line(run_cli(*args, "--db", register), 2, wanted)


# --- item 7: exports ---------------------------------------------------------------------------


def test_export_takes_the_filters_of_records(register: Path, tmp_path: Path) -> None:
    target = tmp_path / "france.csv"
    result = run_cli("export", "--to", "csv", "--supplier", "France", "-o", target,
                     "--db", register)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [(row["supplier"], row["weapon"], row["review"]) for row in rows] == [
        ("FRA", "Rafale", "unreviewed")]


def test_export_of_deals_takes_the_filters_of_deals(register: Path) -> None:
    result = run_cli("export", "--to", "jsonl", "--what", "deals", "--weapon", "F16",
                     "--db", register)
    assert [json.loads(line)["weapon"] for line in result.stdout.splitlines()] == ["F-16"]


def test_export_refuses_review_state_for_deals(register: Path) -> None:
    result = run_cli("export", "--to", "csv", "--what", "deals", "--review-state", "confirmed",
                     "--db", register)
    _one_error_line(result, 2, "deals do not")


def test_export_parquet_carries_the_review_state(register: Path, tmp_path: Path) -> None:
    target = tmp_path / "records.parquet"
    assert run_cli("export", "--to", "parquet", "-o", target, "--db", register).returncode == 0
    assert set(pq.read_table(target).column("review").to_pylist()) == {"unreviewed"}


def test_export_graphml_names_parties_and_values_edges(register: Path, tmp_path: Path) -> None:
    target = tmp_path / "deals.graphml"
    assert run_cli("export", "--to", "graphml", "-o", target, "--db", register).returncode == 0
    graph = nx.read_graphml(target)
    assert graph.nodes["RUS"] == {"label": "Russia", "state": True}
    assert graph.nodes["Hezbollah"] == {"label": "Hezbollah", "state": False}
    (f16,) = [data for _, _, data in graph.edges(data=True) if data["weapon"] == "F-16"]
    assert (f16["value_amount"], f16["value_currency"]) == (3_500_000_000, "USD")


def test_export_parquet_to_a_terminal_is_refused(register: Path) -> None:
    leader, follower = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), COLUMNS="200")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "armstrace", "export", "--to", "parquet", "--db", str(register)],
            stdout=follower, stderr=subprocess.PIPE, text=True, env=env, timeout=120, check=False)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not for a terminal: give -o FILE" in lines[0]


# --- item 11: inputs ---------------------------------------------------------------------------


def test_extract_of_a_missing_file_fails_in_one_line(tmp_path: Path) -> None:
    _one_error_line(run_cli("extract", tmp_path / "nonexistent.txt"), 1,
                    "nonexistent.txt: no such file or directory")


def test_extract_reads_a_folder_skipping_a_pdf_and_a_csv_with_reasons(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "article.txt").write_text(
        "Jets for Serbia\nSerbia ordered 12 Rafale jets from France in 2024.\n", encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n")
    (folder / "deals.csv").write_text("supplier,recipient\nFRA,SRB\n", encoding="utf-8")
    result = run_cli("extract", folder, "--published", "2024-03-01")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["weapon"] for line in result.stdout.splitlines()] == ["Rafale"]
    assert "PDF document" in result.stderr and "a CSV table, not an article" in result.stderr


def test_extract_takes_a_one_line_article_on_stdin() -> None:
    result = run_cli("extract", "-", "--published", "2024-03-01",
                     stdin="Serbia ordered 12 Rafale jets from France.\n")
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["supplier"], record["recipient"], record["weapon"]) == ("FRA", "SRB", "Rafale")


def test_extract_says_when_it_finds_nothing() -> None:
    result = run_cli("extract", "-", stdin="Weather\nIt rained in Belgrade on Monday.\n")
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "no records found in 1 document"


def test_extract_fails_when_nothing_could_be_read(tmp_path: Path) -> None:
    table = tmp_path / "deals.csv"
    table.write_text("supplier,recipient\nFRA,SRB\n", encoding="utf-8")
    result = run_cli("extract", table)
    assert result.returncode == 1
    assert "no document could be read (1 skipped)" in result.stderr


# --- item 5: demo keeps analysts' work ---------------------------------------------------------


def test_demo_keeps_users_and_review_decisions_unless_fresh(tmp_path: Path) -> None:
    db = tmp_path / "armstrace-demo.db"
    build_register(db)
    run_cli("user", "add", "ana", "--password-stdin", "--db", db, stdin="a long passphrase\n")
    record_id = json.loads(run_cli("records", "--db", db, "--json").stdout.splitlines()[0])["id"]
    rejected = run_cli("review", record_id, "--reject", "--user", "ana", "--reason", "wrong",
                       "--db", db)
    assert rejected.returncode == 0, rejected.stderr

    again = run_cli("demo", "--db", db, "--no-serve", "--quiet")
    assert again.returncode == 0, again.stderr
    assert "kept: it holds 1 user, 1 review decision" in again.stderr
    assert "ana" in run_cli("user", "list", "--db", db).stdout
    still = run_cli("records", "--db", db, "--review-state", "rejected", "--json").stdout
    assert [json.loads(line)["id"] for line in still.splitlines()] == [record_id]

    fresh = run_cli("demo", "--db", db, "--no-serve", "--quiet", "--fresh")
    assert fresh.returncode == 0, fresh.stderr
    assert "ana" not in run_cli("user", "list", "--db", db).stdout
