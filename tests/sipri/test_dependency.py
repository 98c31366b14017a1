"""Supplier dependency: shares of a state's imports by deals, units and SIPRI TIV, and HHI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.sipri.test_cli_sipri import invoke, json_lines, seed_db  # noqa: F401 - fixture

from armstrace.dependency import herfindahl, supplier_dependency
from armstrace.knowledge import load_knowledge
from armstrace.model import Deal, PartialDate, StatedValue, StatusChange
from armstrace.sipri.compare import SipriComparer, Window
from armstrace.sipri.rows import SipriRelease, SipriRow

RELEASE = SipriRelease(source="invented.csv", generated=dt.datetime(2025, 3, 13),
                       digest="0" * 64, imported_at="2025-03-14T00:00:00+00:00", row_count=1,
                       last_year=2024)


def make_deal(supplier: str | None, weapon: str, family: str, units: int, status: str = "ordered",
              year: int = 2022, **overrides: Any) -> Deal:
    fields: dict[str, Any] = {
        "id": f"{supplier}-{weapon}-{status}-{year}", "key": "k", "kind": "transfer",
        "weapon": weapon, "weapon_family": family, "category": "artillery", "status": status,
        "history": (StatusChange(status, PartialDate(year), ("r1",)),), "evidence": (),
        "supplier": supplier, "recipient": "UKR",
        "quantity_ordered": (StatedValue(units, ("r1",)),) if units else (),
    }
    fields.update(overrides)
    return Deal(**fields)


DEALS = [
    make_deal("USA", "M777", "M777", 90),
    make_deal("USA", "HIMARS", "HIMARS", 10),
    make_deal("DEU", "PzH 2000", "PzH 2000", 0),
    make_deal("FRA", "Caesar", "Caesar", 18, status="planned"),  # no import yet
    make_deal("GBR", "Challenger 2", "Challenger", 14, year=2010),  # before the window
    make_deal(None, "howitzer", "howitzer", 5, supplier_name="Wagner Group"),
]


def test_herfindahl_sums_squared_percent_shares() -> None:
    assert herfindahl([1.0]) == 10_000
    assert herfindahl([0.5, 0.5]) == 5_000
    assert round(herfindahl([0.6, 0.3, 0.1])) == 4_600


def test_supplier_dependency_shares_imports_by_deals_and_units() -> None:
    found = supplier_dependency(DEALS, "UKR", Window(since=2015))

    assert [(s.supplier, s.deals, s.units) for s in found.shares] == [
        ("USA", 2, 100), ("DEU", 1, 0)]
    assert [round(s.deal_share, 3) for s in found.shares] == [0.667, 0.333]
    assert [s.unit_share for s in found.shares] == [1.0, 0.0]
    assert round(found.hhi_deals or 0) == 5_556
    assert found.hhi_units == 10_000
    assert (found.without_supplier, found.hhi_tiv) == (1, None)


def test_supplier_dependency_counts_tiv_of_matched_sipri_rows() -> None:
    row = SipriRow(line=13, supplier="USA", supplier_name="United States", recipient="UKR",
                   recipient_name="Ukraine", order_year=2022, designation="M-777",
                   description="towed gun", number_ordered=90, tiv_per_unit=1.5)
    comparer = SipriComparer(load_knowledge(), [row], RELEASE)

    found = supplier_dependency(DEALS, "UKR", Window(since=2015), comparer)

    assert [(s.supplier, s.tiv, s.tiv_share) for s in found.shares] == [
        ("USA", 135.0, 1.0), ("DEU", 0.0, 0.0)]
    assert (found.tiv_deals, found.hhi_tiv) == (1, 10_000)


def test_supplier_dependency_of_a_state_with_no_imports_is_empty() -> None:
    found = supplier_dependency(DEALS, "POL")

    assert (found.shares, found.deals, found.hhi_deals) == ((), 0, None)


def test_dependency_command_prints_the_shares_and_the_index(seed_db: Path) -> None:  # noqa: F811
    result = invoke("dependency", "SRB", "--since", "2015", "--db", seed_db)

    assert result.exit_code == 0, result.stderr
    assert "Imports of SRB by supplier, 2015-now: 1 deals ordered or delivered" in result.stdout
    assert ("Herfindahl-Hirschman index: by deals 10,000, by units 10,000, by SIPRI TIV 10,000 "
            "(1 of 1 deals matched)") in result.stdout


def test_dependency_command_writes_json(seed_db: Path) -> None:  # noqa: F811
    (line,) = json_lines(invoke("dependency", "srb", "--json", "--db", seed_db).stdout)

    assert line["suppliers"] == [{"supplier": "FRA", "deals": 1, "units": 12, "tiv": 500.0,
                                  "deal_share": 1.0, "unit_share": 1.0, "tiv_share": 1.0}]
    assert line["hhi"] == {"deals": 10000.0, "units": 10000.0, "tiv": 10000.0}


def test_dependency_command_rejects_an_unknown_code(seed_db: Path) -> None:  # noqa: F811
    result = invoke("dependency", "XYZ", "--db", seed_db)

    assert result.exit_code == 2
    assert "no ISO alpha-3 code" in result.stderr
