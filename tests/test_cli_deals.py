"""`armstrace deals` and `armstrace deal`: deals merged at ingest, listed and shown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from armstrace.cli import app
from armstrace.model import STATUSES

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
    assert all(item["id"] in result.stdout for item in all_deals)


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
