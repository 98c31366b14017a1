"""`--outlet` on records, deals and export (issue 14): the site of the sources, run as a
user runs armstrace, in a process of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.processes import run_armstrace
from tests.store.builders import add_outlet_documents

from armstrace.store import SQLiteStore


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("outlets") / "register.db"
    with SQLiteStore(path) as store:
        add_outlet_documents(store)
    return path


@pytest.mark.parametrize("outlet", ["reuters.com", "www.Reuters.com", "https://reuters.com/x"])
def test_records_and_deals_take_an_outlet(db: Path, outlet: str) -> None:
    records = run_armstrace("records", "--db", db, "--outlet", outlet, "--json")
    deals = run_armstrace("deals", "--db", db, "--outlet", outlet, "--json")
    assert records.returncode == 0, records.stderr
    assert [json.loads(line)["recipient"] for line in records.stdout.splitlines()] == ["EST"]
    assert [json.loads(line)["recipient"] for line in deals.stdout.splitlines()] == ["EST"]


@pytest.mark.parametrize("what", ["records", "deals"])
def test_export_takes_an_outlet(db: Path, what: str) -> None:
    done = run_armstrace("export", "--db", db, "--to", "jsonl", "--what", what,
                         "--outlet", "bbc.co.uk")
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["recipient"] for line in done.stdout.splitlines()] == ["LVA"]
    assert done.stderr.strip() == f"1 {what} written to stdout"


def test_a_bad_outlet_is_one_usage_line(db: Path) -> None:
    done = run_armstrace("deals", "--db", db, "--outlet", "not a site")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: --outlet: outlet 'not a site' names no site: give a domain such as reuters.com"]
