"""A value stated for a package of several systems is kept once (issue 15, item 3, part)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from fastapi.testclient import TestClient
from tests.merge.builders import make_document, make_record
from typer.testing import CliRunner

from armstrace.cli import app
from armstrace.merge import merge_records, update_deals
from armstrace.merge.packages import total_values
from armstrace.model import Deal, Money, Record
from armstrace.store import SQLiteStore
from armstrace.web import create_app

DAY = dt.date(2022, 8, 26)
PACKAGE = Money(3_370_000_000, "USD")


def _package_records(number: int = 1, value: Money = PACKAGE) -> tuple[Record, Record]:
    """Return two records of one sentence: one value for tanks and howitzers."""
    document = make_document(number, DAY)
    tanks = make_record(document, supplier="KOR", recipient="POL", weapon="K2 Black Panther",
                        weapon_family="K2", category="armoured vehicle", value=value)
    howitzers = make_record(document, supplier="KOR", recipient="POL", weapon="K9 Thunder",
                            weapon_family="K9", category="artillery", value=value)
    return tanks, howitzers


def _deal_of(deals: list[Deal], record: Record) -> Deal:
    [found] = [deal for deal in deals if record.id in deal.record_ids]
    return found


def test_one_sentences_value_for_two_systems_is_one_package() -> None:
    tanks, howitzers = _package_records()

    deals = merge_records([tanks, howitzers])

    assert len(deals) == 2
    assert all(deal.value == () for deal in deals)
    [package] = {package for deal in deals for package in deal.packages}
    assert package.value == PACKAGE
    assert package.record_ids == tuple(sorted((tanks.id, howitzers.id)))
    assert package.weapons == ("K2 Black Panther", "K9 Thunder")


def test_totals_count_a_package_once() -> None:
    deals = merge_records(_package_records())
    assert total_values(deals) == {"USD": 3_370_000_000}


def test_the_same_amount_in_two_documents_is_each_deals_own_value() -> None:
    tanks, _ = _package_records(1)
    _, howitzers = _package_records(2)

    deals = merge_records([tanks, howitzers])

    assert all(deal.packages == () for deal in deals)
    assert [item.value for deal in deals for item in deal.value] == [PACKAGE, PACKAGE]
    assert total_values(deals) == {"USD": 2 * 3_370_000_000}


def test_a_package_holds_when_news_re_merges_only_one_of_its_deals(tmp_path: Path) -> None:
    tanks, howitzers = _package_records()
    later = make_record(make_document(3, dt.date(2022, 9, 1)), supplier="KOR", recipient="POL",
                        weapon="K2 Black Panther", weapon_family="K2",
                        category="armoured vehicle", quantity=180)
    with SQLiteStore(tmp_path / "packages.db") as store:
        store.add_document(tanks.document, [tanks, howitzers])
        update_deals(store, [tanks, howitzers])
        store.add_document(later.document, [later])
        update_deals(store, [later])
        deals = list(store.iter_deals())

    assert _deal_of(deals, later).id == _deal_of(deals, tanks).id
    assert _deal_of(deals, tanks).value == ()
    assert _deal_of(deals, tanks).packages == _deal_of(deals, howitzers).packages != ()
    assert total_values(deals) == {"USD": 3_370_000_000}


def test_deal_and_json_show_the_package_value_once(tmp_path: Path) -> None:
    tanks, howitzers = _package_records()
    db = tmp_path / "cli.db"
    with SQLiteStore(db) as store:
        store.add_document(tanks.document, [tanks, howitzers])
        [deal] = [d for d in update_and_list(store, [tanks, howitzers])
                  if tanks.id in d.record_ids]
    runner = CliRunner()

    shown = runner.invoke(app, ["deal", deal.id, "--db", str(db)], catch_exceptions=False)
    listed = runner.invoke(app, ["deals", "--db", str(db), "--json"], catch_exceptions=False)

    assert "value: -" in shown.stdout
    assert ("package value: 3.37bn USD for K2 Black Panther, K9 Thunder, counted once "
            f"(package {deal.packages[0].id})") in shown.stdout
    packages = [json.loads(line)["packages"] for line in listed.stdout.splitlines()]
    assert [len(found) for found in packages] == [1, 1]
    assert packages[0] == packages[1]
    with TestClient(create_app(str(db))) as client:
        page = client.get(f"/deals/{deal.id}").text
    assert "<dt>Package value</dt>" in page and "counted once" in page


def update_and_list(store: SQLiteStore, records: list[Record]) -> list[Deal]:
    update_deals(store, records)
    return list(store.iter_deals())


def test_the_deals_list_shows_the_package_value(tmp_path: Path) -> None:
    tanks, howitzers = _package_records()
    db = tmp_path / "list.db"
    with SQLiteStore(db) as store:
        store.add_document(tanks.document, [tanks, howitzers])
        update_deals(store, [tanks, howitzers])

    with TestClient(create_app(str(db))) as client:
        page = client.get("/deals").text

    # Once per deal of the package, with its amount in constant dollars beside.
    assert len(re.findall(r"3,370,000,000 USD( \(≈ \$[0-9.]+bn, \d{4} US\$\))? \(package\)",
                          page)) == 2
