"""Two documents that disagree on a quantity: the deal flags it with each source's value
in `armstrace deal`, `armstrace deals --json`, the exports and the deal page (issue 15, item 4)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.merge.builders import make_document, make_record
from typer.testing import CliRunner, Result

from armstrace.cli import app
from armstrace.merge import update_deals
from armstrace.model import Record
from armstrace.store import SQLiteStore
from armstrace.web import create_app

RUNNER = CliRunner()


def invoke(*args: str | Path) -> Result:
    return RUNNER.invoke(app, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def disagreeing(tmp_path: Path) -> tuple[Path, Record, Record]:
    """Return a register where one source says 66 jets were ordered and another 60."""
    sixty_six = make_record(make_document(1, dt.date(2019, 8, 20)), quantity=66)
    sixty = make_record(make_document(2, dt.date(2019, 8, 21), site="other.example"),
                        quantity=60)
    db = tmp_path / "conflicts.db"
    with SQLiteStore(db) as store:
        for record in (sixty_six, sixty):
            store.add_document(record.document, [record])
        update_deals(store, [sixty_six, sixty])
    return db, sixty_six, sixty


def _deal_id(db: Path) -> str:
    with SQLiteStore(db) as store:
        [deal] = store.iter_deals()
    return deal.id


def _source(record: Record) -> str:
    return f"(document {record.document.id}: record {record.id})"


def test_deal_shows_each_sources_quantity(disagreeing: tuple[Path, Record, Record]) -> None:
    db, sixty_six, sixty = disagreeing

    result = invoke("deal", _deal_id(db), "--db", db)

    assert result.exit_code == 0, result.output
    assert "conflicts: none" not in result.stdout
    assert (f"- quantity_ordered: 60 {_source(sixty)} / 66 {_source(sixty_six)}"
            in result.stdout)


def test_deals_json_gives_each_conflicting_value_its_sources(
    disagreeing: tuple[Path, Record, Record]
) -> None:
    db, sixty_six, sixty = disagreeing

    [line] = invoke("deals", "--db", db, "--json").stdout.splitlines()

    assert json.loads(line)["conflicts"] == [{"slot": "quantity_ordered", "values": [
        {"value": "60", "records": [sixty.id], "documents": [sixty.document.id]},
        {"value": "66", "records": [sixty_six.id], "documents": [sixty_six.document.id]},
    ]}]


def test_export_csv_has_a_conflicts_column_with_each_source(
    disagreeing: tuple[Path, Record, Record], tmp_path: Path
) -> None:
    db, sixty_six, sixty = disagreeing
    out = tmp_path / "deals.csv"

    result = invoke("export", "--to", "csv", "--what", "deals", "-o", out, "--db", db)

    assert result.exit_code == 0, result.output
    [row] = csv.DictReader(out.open(encoding="utf-8", newline=""))
    assert row["conflicts"] == (f"quantity_ordered: 60 {_source(sixty)} / "
                                f"66 {_source(sixty_six)}")


def test_deal_page_lists_each_sources_quantity(
    disagreeing: tuple[Path, Record, Record]
) -> None:
    db, sixty_six, sixty = disagreeing
    deal_id = _deal_id(db)

    with TestClient(create_app(str(db))) as client:
        page = client.get(f"/deals/{deal_id}").text
        api = client.get(f"/api/deals/{deal_id}").json()

    assert 'id="conflicts"' in page and "quantity ordered" in page
    for record, quantity in ((sixty, "60"), (sixty_six, "66")):
        assert f'<a href="/documents/{record.document.id}">document {record.document.id}</a>' \
            in page
        assert f'<a href="#evidence-{record.id}">record {record.id}</a>' in page
        assert quantity in page
    assert [value["value"] for value in api["conflicts"][0]["values"]] == ["60", "66"]
