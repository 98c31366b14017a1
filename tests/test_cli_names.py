"""Names in filters (issue 14, items 1 and 2): `records`, `deals` and `alert add` read a
country, demonym, alias or weapon alias as the code or designation stored, and refuse an
unknown one in one line listing close matches. Run as a user would, in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli_register import build_register, run_cli


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("names") / "register.db"
    build_register(db)
    return db


def _json(db: Path, *args: str) -> list[dict[str, object]]:
    result = run_cli(*args, "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    ("command", "option", "typed", "field", "stored"),
    [
        ("records", "--supplier", "Russia", "supplier", "RUS"),
        ("deals", "--supplier", "russian", "supplier", "RUS"),
        ("records", "--recipient", "Turkiye", "recipient", "TUR"),
        ("deals", "--recipient", "Turkey", "recipient", "TUR"),
        ("deals", "--supplier", "United States", "supplier", "USA"),
        ("records", "--supplier", "usa", "supplier", "USA"),
        ("deals", "--recipient", "hezbollah", "recipient_name", "Hezbollah"),
    ],
)
def test_party_names_filter_like_codes(
    register: Path, command: str, option: str, typed: str, field: str, stored: str
) -> None:
    found = _json(register, command, option, typed)
    assert found
    assert {item[field] for item in found} == {stored}


@pytest.mark.parametrize(
    ("command", "typed", "weapon"),
    [("deals", "F-16C", "F-16"), ("records", "F16", "F-16"),
     ("deals", "Fighting Falcon", "F-16"), ("records", "S400", "S-400"),
     ("deals", "Bayraktar", "Bayraktar TB2"), ("records", "tb2", "Bayraktar TB2")],
)
def test_weapon_aliases_filter_like_designations(
    register: Path, command: str, typed: str, weapon: str
) -> None:
    found = _json(register, command, "--weapon", typed)
    assert [item["weapon"] for item in found] == [weapon]


@pytest.mark.parametrize(
    ("option", "typed"),
    [("--recipient", "an unnamed buyer"), ("--weapon", "Zubr class")],
)
def test_names_only_the_store_holds_still_filter(register: Path, option: str, typed: str) -> None:
    assert len(_json(register, "deals", option, typed)) == 1


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (("records", "--supplier", "Rusia"), "supplier 'Rusia' names no state"),
        (("deals", "--recipient", "Turky"), "close: Turkey (TUR)"),
        (("deals", "--weapon", "Rafael"), "close: Rafale"),
        (("deals", "--supplier", "Congo"), "names several states"),
        (("alert", "add", "--recipient", "XXX"), "recipient 'XXX' names no state"),
    ],
)
def test_unknown_names_are_one_error_line(
    register: Path, args: tuple[str, ...], wanted: str
) -> None:
    result = run_cli(*args, "--db", register)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and wanted in lines[0], result.stderr
    assert result.stdout == ""


def test_alert_add_stores_the_resolved_code(register: Path, tmp_path: Path) -> None:
    db = tmp_path / "alerts.db"
    build_register(db)
    added = run_cli("alert", "add", "--recipient", "Turkiye", "--weapon", "S400", "--db", db)
    assert added.returncode == 0, added.stderr
    listed = run_cli("alert", "list", "--db", db)
    assert "TUR" in listed.stdout and "S-400" in listed.stdout
