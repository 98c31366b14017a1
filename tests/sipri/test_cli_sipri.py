from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from tests.sipri.files import QUIRK_ROWS, SEED_ROWS, write_register
from typer.testing import CliRunner

from armstrace.cli import app
from armstrace.store import open_store

RUNNER = CliRunner()


def invoke(*args: str | Path) -> Result:
    return RUNNER.invoke(app, [str(arg) for arg in args], catch_exceptions=False)


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def seed_db(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a database holding the seed article's deals and the invented seed rows."""
    folder = tmp_path_factory.mktemp("sipri-seed")
    db = folder / "seed.db"
    # the seed is a plain text file with no date of its own: the date it was published
    result = invoke("ingest", shared_data / "seed" / "turkey-serbia-drones.txt", "--db", db,
                    "--published", "2024-10-11", "--quiet")
    assert result.exit_code == 0, result.stderr
    result = invoke("sipri", "import", write_register(folder / "seed.csv", SEED_ROWS), "--db", db)
    assert result.exit_code == 0, result.stderr
    return db


def test_sipri_import_reports_each_unmapped_name_on_stderr(tmp_path: Path) -> None:
    register = write_register(tmp_path / "register.csv", QUIRK_ROWS)

    result = invoke("sipri", "import", register, "--db", tmp_path / "a.db")

    assert result.exit_code == 0
    assert f"imported {len(QUIRK_ROWS)} rows" in result.stdout
    assert [line for line in result.stderr.splitlines() if "names no state" in line] == [
        line for line in result.stderr.splitlines() if "Ruritania" in line]
    assert len([line for line in result.stderr.splitlines() if "Ruritania" in line]) == 1


def test_sipri_import_twice_says_unchanged(tmp_path: Path) -> None:
    register = write_register(tmp_path / "register.csv", QUIRK_ROWS)
    invoke("sipri", "import", register, "--db", tmp_path / "a.db")

    result = invoke("sipri", "import", register, "--db", tmp_path / "a.db")

    assert result.stdout.startswith("unchanged")


def test_sipri_import_of_a_file_that_is_not_sipri_fails(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")

    result = invoke("sipri", "import", other, "--db", tmp_path / "a.db")

    assert result.exit_code == 1
    assert "no SIPRI trade-register header" in result.stderr


def test_sipri_compare_without_an_import_says_how(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    open_store(db).close()

    result = invoke("sipri", "compare", "--db", db)

    assert result.exit_code == 1
    assert "no SIPRI register imported; run: armstrace sipri import FILE" in result.stderr


def _summary(lines: list[dict[str, Any]], which: str) -> list[tuple[Any, ...]]:
    found = []
    for line in lines:
        if line["list"] != which:
            continue
        if which == "sipri only":
            row = line["sipri"]
            found.append((row["supplier"], row["recipient"], row["designation"]))
        else:
            deal = line["deal"]
            parties = (deal["supplier"], deal["recipient"])
            extra = line["reason"] if which == "news only" else tuple(line["differences"])
            found.append((*parties, deal["weapon"], deal["status"], extra))
    return sorted(found, key=repr)


def test_sipri_compare_on_the_seed_lists_the_deals_in_both(seed_db: Path) -> None:
    lines = json_lines(invoke("sipri", "compare", "--since", "2015", "--json", "--db",
                              seed_db).stdout)

    assert _summary(lines, "matched") == [
        ("FRA", "SRB", "Rafale", "ordered", ("number ordered: news 12, SIPRI 10",)),
        ("TUR", "ROU", "Bayraktar TB2", "delivered", ()),
        ("TUR", "XKX", "military drone", "delivered", ()),
    ]


def test_sipri_compare_on_the_seed_gives_every_news_only_deal_a_reason(seed_db: Path) -> None:
    lines = json_lines(invoke("sipri", "compare", "--since", "2015", "--json", "--db",
                              seed_db).stdout)

    # Serbia seeking drones "somewhere else" is optional in the seed's gold: the record
    # model may keep it or not, and either way it is news only
    assert [row for row in _summary(lines, "news only") if row != OPTIONAL_WISH] == [
        ("TUR", "ALB", "Bayraktar TB2", "planned", "status"),
        ("TUR", "BIH", "Bayraktar TB2", "interest", "status"),
        ("TUR", "SRB", "Bayraktar TB2", "cancelled", "status"),
        (None, None, "military drone", "proposed", "status"),
    ]


OPTIONAL_WISH = (None, "SRB", "military drone", "interest", "status")


def test_sipri_compare_on_the_seed_lists_sipri_rows_no_article_mentioned(seed_db: Path) -> None:
    lines = json_lines(invoke("sipri", "compare", "--since", "2015", "--json", "--db",
                              seed_db).stdout)

    # Not the 2009 Gazelle (before the window), nor USA -> ROU (a pair the seed never names).
    assert _summary(lines, "sipri only") == [
        ("FRA", "SRB", "Mistral"), ("TUR", "BIH", "Kirpi")]


def test_sipri_compare_prints_three_tables(seed_db: Path) -> None:
    result = invoke("sipri", "compare", "--db", seed_db)
    lines = json_lines(invoke("sipri", "compare", "--since", "2015", "--json", "--db",
                              seed_db).stdout)
    news_only = len(_summary(lines, "news only"))

    assert result.exit_code == 0
    assert news_only in (4, 5)  # with or without the optional wish (above)
    assert "In both: 3" in result.stdout
    assert f"In the news only: {news_only}" in result.stdout
    assert "In SIPRI only, between pairs the news covers: 3" in result.stdout


def _deal_id(db: Path, weapon: str, recipient: str) -> str:
    deals = json_lines(invoke("deals", "--json", "--db", db).stdout)
    return next(deal["id"] for deal in deals
                if deal["weapon"] == weapon and deal["recipient"] == recipient)


def test_deal_shows_the_matched_sipri_row_and_the_differences(seed_db: Path) -> None:
    result = invoke("deal", _deal_id(seed_db, "Rafale", "SRB"), "--db", seed_db)

    assert "SIPRI (2025-03-13 release), line 13: Rafale (FGA aircraft): 10? ordered 2024" in (
        result.stdout)
    assert "differs: number ordered: news 12, SIPRI 10" in result.stdout


def test_deal_says_why_sipri_does_not_record_it(seed_db: Path) -> None:
    result = invoke("deal", _deal_id(seed_db, "Bayraktar TB2", "ALB"), "--db", seed_db)

    assert ("SIPRI (2025-03-13 release): not recorded; status: SIPRI records orders and "
            "deliveries, not 'planned' deals") in result.stdout


def test_deals_not_in_sipri_lists_the_deals_no_row_records(seed_db: Path) -> None:
    everything = json_lines(invoke("deals", "--json", "--db", seed_db).stdout)
    missing = json_lines(invoke("deals", "--not-in-sipri", "--json", "--db", seed_db).stdout)

    matched = {("FRA", "SRB", "Rafale"), ("TUR", "ROU", "Bayraktar TB2"),
               ("TUR", "XKX", "military drone")}
    assert [deal["id"] for deal in missing] == [
        deal["id"] for deal in everything
        if (deal["supplier"], deal["recipient"], deal["weapon"]) not in matched]


def test_deals_not_in_sipri_applies_the_limit_after_matching(seed_db: Path) -> None:
    missing = json_lines(invoke("deals", "--not-in-sipri", "--limit", "2", "--json", "--db",
                                seed_db).stdout)

    assert len(missing) == 2


def test_deals_not_in_sipri_without_an_import_says_how(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    open_store(db).close()

    result = invoke("deals", "--not-in-sipri", "--db", db)

    assert result.exit_code == 1
    assert "no SIPRI register imported" in result.stderr
