"""`export --to sipri-csv` read back by our SIPRI reader: the same deals, row for row."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.sipri.test_cli_sipri import invoke, json_lines

from armstrace.export.sipri import latin1
from armstrace.sipri.compare import delivery_years, order_year
from armstrace.sipri.designations import description_category
from armstrace.sipri.register import read_register
from armstrace.store import open_store


@pytest.fixture(scope="module")
def seed_export(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sipri-export")
    db = folder / "seed.db"
    invoke("ingest", shared_data / "seed" / "turkey-serbia-drones.txt", "--db", db, "--quiet")
    exported = folder / "seed-sipri.csv"
    result = invoke("export", "--to", "sipri-csv", "--db", db, "-o", exported)
    assert result.exit_code == 0, result.stderr
    return exported


def test_sipri_csv_export_reads_back_through_the_sipri_reader(
    seed_export: Path, shared_data: Path
) -> None:
    register = read_register(seed_export)
    db = seed_export.parent / "seed.db"
    with open_store(db) as store:
        deals = list(store.iter_deals())

    assert register.problems == ()
    assert register.generated is not None
    assert [
        (row.supplier, row.recipient, row.order_year, row.number_ordered, row.designation,
         description_category(row.description), row.number_delivered, row.delivery_years)
        for row in register.rows
    ] == [
        (deal.supplier, deal.recipient, order_year(deal),
         deal.quantity_ordered[0].value if deal.quantity_ordered else None, deal.weapon,
         deal.category,
         deal.quantity_delivered[0].value if deal.quantity_delivered else (
             0 if deal.status == "ordered" and not delivery_years(deal) else None),
         delivery_years(deal))
        for deal in deals
    ]


def test_sipri_csv_export_names_parties_as_sipri_does(seed_export: Path) -> None:
    rows = read_register(seed_export).rows

    assert {row.supplier_name for row in rows} >= {"Turkiye", "France"}
    assert {row.supplier_name for row in rows if row.supplier is None} <= {
        "unknown supplier(s)"} | {row.supplier_name for row in rows
                                  if row.supplier_name.endswith("*")}


def test_sipri_csv_export_is_latin_1_with_crlf_lines(seed_export: Path) -> None:
    lines = seed_export.read_bytes().decode("iso-8859-1").split("\r\n")

    assert lines[11].startswith("Recipient,Supplier,Year of order, ,Number ordered, ,")
    assert all('"' not in line for line in lines[:11])


def test_sipri_csv_export_leaves_no_undated_status_in_comments(seed_export: Path) -> None:
    assert "(None)" not in seed_export.read_bytes().decode("iso-8859-1")


@pytest.mark.parametrize(("text", "written"), [
    ("Türkiye", "Türkiye"), ("Hình", "Hình"), ("Hà Nội", "Hà Noi"),
    ("Kč34 billion", "Kc34 billion"),
    ("drones \u2028 arrive", "drones ? arrive"), ("plain", "plain"),
])
def test_latin1_keeps_what_iso_8859_1_can_hold(text: str, written: str) -> None:
    assert latin1(text) == written
    written.encode("iso-8859-1")


def test_seed_deals_for_the_round_trip_exist(seed_export: Path) -> None:
    deals = json_lines(invoke("deals", "--json", "--db", seed_export.parent / "seed.db").stdout)
    assert len(deals) >= 5
