"""`armstrace deals` and `armstrace deal`: deals merged at ingest, listed and shown."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from armstrace.cli import app
from armstrace.model import STATUSES
from armstrace.sipri.register import read_register

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
ARTICLES = sorted(FIXTURES.glob("*.*"))
RUNNER = CliRunner()
DEAL_FIELDS = {
    "id", "kind", "supplier", "recipient", "partners", "weapon", "weapon_family", "category",
    "status", "history", "quantity_ordered", "quantity_delivered", "value", "conflicts",
    "first_seen", "last_seen", "sources", "documents", "sites", "evidence",
}


def invoke(*args: str | Path) -> Result:
    return RUNNER.invoke(app, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a database holding the fixture articles, their records and deals."""
    db = tmp_path_factory.mktemp("deals") / "register.db"
    result = invoke("ingest", *ARTICLES, "--db", db, "--quiet", "--published", "2022-01-01")
    assert result.exit_code == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def all_deals(register: Path) -> list[dict[str, Any]]:
    result = invoke("deals", "--db", register, "--json")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_deals_json_lists_every_deal_with_its_fields(all_deals: list[dict[str, Any]]) -> None:
    assert all_deals
    assert all(set(item) >= DEAL_FIELDS for item in all_deals)
    assert all(item["status"] in STATUSES for item in all_deals)


def test_deals_json_covers_every_record(register: Path, all_deals: list[dict[str, Any]]) -> None:
    records = invoke("records", "--db", register, "--json").stdout.splitlines()
    merged = [item["record"] for deal in all_deals for item in deal["evidence"]]
    assert sorted(merged) == sorted(json.loads(line)["id"] for line in records)


def test_deals_table_lists_every_deal_id(
    register: Path, all_deals: list[dict[str, Any]]
) -> None:
    result = invoke("deals", "--db", register)
    assert result.exit_code == 0
    # The table shows the ids' first 12 characters, which `armstrace deal` takes.
    assert all(item["id"][:12] in result.stdout for item in all_deals)


@pytest.mark.parametrize("option", ["--status", "--supplier", "--recipient"])
def test_deals_filters_by_option(
    register: Path, all_deals: list[dict[str, Any]], option: str
) -> None:
    field = option.removeprefix("--")
    value = next(item[field] for item in all_deals if item[field])
    result = invoke("deals", "--db", register, "--json", option, value)
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert found
    assert found == [item for item in all_deals if item[field] == value]


@pytest.mark.parametrize(
    ("option", "value"), [("--status", "signed"), ("--since", "2022/01/01"), ("--limit", "-1")]
)
def test_deals_bad_option_is_a_usage_error(register: Path, option: str, value: str) -> None:
    result = invoke("deals", "--db", register, option, value)
    assert result.exit_code == 2


def test_deals_since_keeps_deals_last_seen_that_day_or_later(
    register: Path, all_deals: list[dict[str, Any]]
) -> None:
    days = sorted(item["last_seen"] for item in all_deals)
    since = days[len(days) // 2]
    result = invoke("deals", "--db", register, "--json", "--since", since)
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert found == [item for item in all_deals if item["last_seen"] >= since]
    assert found


def test_deal_shows_history_and_evidence(
    register: Path, all_deals: list[dict[str, Any]]
) -> None:
    chosen = all_deals[0]
    result = invoke("deal", chosen["id"], "--db", register)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert chosen["id"] in text and "history" in text
    first_words = " ".join(chosen["evidence"][0]["evidence"]["text"].split()[:4])
    assert first_words in text


def test_deal_json_is_the_deals_line(register: Path, all_deals: list[dict[str, Any]]) -> None:
    result = invoke("deal", all_deals[-1]["id"], "--db", register, "--json")
    assert json.loads(result.stdout) == all_deals[-1]


def test_deal_unknown_id_fails_in_one_line(register: Path) -> None:
    result = invoke("deal", "0000000000000000", "--db", register)
    assert result.exit_code == 1
    assert "no deal with id 0000000000000000" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- export of deals ----------------------------------------------------------------------------


def _read_back(fmt: str, path: Path) -> list[str]:
    """Return the deal ids (or SIPRI comments) in an exported file, read by its own reader."""
    if fmt == "csv":
        with path.open(newline="", encoding="utf-8") as stream:
            return [row["id"] for row in csv.DictReader(stream)]
    if fmt == "jsonl":
        return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "parquet":
        return [str(value) for value in pq.read_table(path).column("id").to_pylist()]
    if fmt == "graphml":
        graph = nx.read_graphml(path, force_multigraph=True)
        return [key for _, _, key in graph.edges(keys=True)]
    # sipri-csv: SIPRI's layout, preamble and ISO-8859-1, read by the SIPRI reader
    return [row.comments.rsplit(" ", 1)[-1] for row in read_register(path).rows]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "graphml", "sipri-csv"])
def test_export_deals_writes_every_deal(
    register: Path, all_deals: list[dict[str, Any]], tmp_path: Path, fmt: str
) -> None:
    output = tmp_path / f"deals.{fmt}"
    result = invoke("export", "--db", register, "--to", fmt, "--what", "deals", "-o", output)
    assert result.exit_code == 0, result.stderr
    assert sorted(_read_back(fmt, output)) == sorted(item["id"] for item in all_deals)
    assert f"{len(all_deals)} deals written to {output}" in result.stderr


def test_export_sipri_only_keeps_ordered_or_delivered_transfers(
    register: Path, all_deals: list[dict[str, Any]], tmp_path: Path
) -> None:
    output = tmp_path / "sipri.csv"
    result = invoke("export", "--db", register, "--to", "sipri-csv", "--sipri-only", "-o", output)
    assert result.exit_code == 0, result.stderr
    expected = [
        item["id"] for item in all_deals
        if item["kind"] == "transfer"
        and {"ordered", "delivered"} & {step["status"] for step in item["history"]}
    ]
    assert sorted(_read_back("sipri-csv", output)) == sorted(expected)


def test_export_records_parquet_reads_back_every_record(register: Path, tmp_path: Path) -> None:
    output = tmp_path / "records.parquet"
    result = invoke("export", "--db", register, "--to", "parquet", "-o", output)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in
               invoke("records", "--db", register, "--json").stdout.splitlines()]
    frame = pd.read_parquet(output)
    assert list(frame["id"]) == [record["id"] for record in records]
    assert list(frame["weapon"]) == [record["weapon"] for record in records]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--to", "graphml", "--what", "records"), "graphml cannot export records"),
        (("--to", "csv", "--what", "articles"), "records, deals"),
    ],
)
def test_export_what_a_format_cannot_write_is_a_usage_error(
    register: Path, args: tuple[str, ...], message: str
) -> None:
    result = invoke("export", "--db", register, *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.replace("│", " ").split())
