"""The demo cases of issue 15 on the demo database `armstrace demo --no-serve` builds, read
with `armstrace deals --json` and `armstrace deal ID` (the fifth case, a merge by hand of
other parties, is tests/review/test_cli_deal_checks.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def armstrace(*args: str | Path) -> str:
    """Run the command line in a process of its own; return what it printed."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    done = subprocess.run([sys.executable, "-m", "armstrace.cli", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "armstrace-demo.db"
    armstrace("demo", "--no-serve", "--quiet", "--db", db)
    return db


@pytest.fixture(scope="module")
def demo_deals(demo_db: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in armstrace("deals", "--db", demo_db, "--json").splitlines()]


def deals_of(deals: list[dict[str, Any]], supplier: str, recipient: str, family: str
             ) -> list[dict[str, Any]]:
    found = [d for d in deals if (d["supplier"], d["recipient"], d["weapon_family"])
             == (supplier, recipient, family)]
    return sorted(found, key=lambda d: [h["date"] or "" for h in d["history"]])


def stated(deal: dict[str, Any], slot: str) -> list[Any]:
    return [item["value"] for item in deal[slot]]


def test_demo_taiwan_f16_sale_is_approved_not_delivered(
    demo_db: Path, demo_deals: list[dict[str, Any]]
) -> None:
    # "approved the sale of 66 F-16 fighter jets" on Tuesday; "older F-16A/B jets bought in
    # the 1990s" is an earlier deal (undated, no later than 1999), never the sale's status.
    # The record model refit in session 22 keeps that earlier purchase below its threshold,
    # so the demo may hold it or not; where it does, it is a deal of its own (the rules'
    # reading of it is the next test).
    deals = deals_of(demo_deals, "USA", "TWN", "F-16")
    [deal] = [d for d in deals if d["status"] == "planned"]
    assert [h["status"] for h in deal["history"]] == ["planned"]
    assert not deal["related"]
    for earlier in [d for d in deals if d is not deal]:
        assert (earlier["status"], earlier["history"][0]["date"]) == ("delivered", None)
        assert not earlier["related"]
    shown = armstrace("deal", deal["id"], "--db", demo_db)
    assert shown.startswith(f"deal {deal['id']}: USA -> TWN, F-16 (aircraft), planned")


def test_rules_read_the_earlier_taiwan_f16_purchase_as_its_own_delivered_record(
    candidate_generator,  # noqa: ANN001
) -> None:
    # the demo article's sentences (our own text): the 1990s purchase is a second record,
    # delivered and undated, beside the approved sale
    text = ("The US State Department on Tuesday approved the sale of 66 F-16 fighter jets to "
            "Taiwan, in a deal worth an estimated $8 billion. It is the largest arms sale to "
            "Taiwan in decades. The island's air force already flies older F-16A/B jets bought "
            "in the 1990s, which are being upgraded to a similar standard.")
    records = candidate_generator.extract_text(text, published="2019-08-21")
    read = sorted((r.supplier, r.recipient, r.weapon_family, r.status, r.quantity)
                  for r in records if r.weapon_family == "F-16")
    assert read == [("USA", "TWN", "F-16", "delivered", None),
                    ("USA", "TWN", "F-16", "planned", 66)]
    [earlier] = [r for r in records if r.status == "delivered"]
    assert earlier.date is None


def test_demo_egypt_rafale_orders_are_two_deals_linked(
    demo_db: Path, demo_deals: list[dict[str, Any]]
) -> None:
    # 24 ordered in February 2015, "all 24 aircraft have since been delivered"; 30 more
    # ordered on Monday
    first, second = deals_of(demo_deals, "FRA", "EGY", "Rafale")
    assert (first["status"], stated(first, "quantity_ordered")) == ("delivered", [24])
    assert stated(first, "quantity_delivered") == [24]
    assert (second["status"], stated(second, "quantity_ordered")) == ("ordered", [30])
    assert second["related"] == [{"relation": "follow-on of", "deal": first["id"]}]
    assert first["related"] == [{"relation": "followed by", "deal": second["id"]}]
    shown = armstrace("deal", second["id"], "--db", demo_db)
    assert f"related: follow-on of {first['id']}" in shown


def test_demo_greece_rafale_is_ordered_not_delivered(demo_deals: list[dict[str, Any]]) -> None:
    # "The purchase makes Greece the first ... to fly the Rafale" is no dated delivery
    [deal] = deals_of(demo_deals, "FRA", "GRC", "Rafale")
    assert deal["status"] == "ordered"
    assert all(h["date"] is None for h in deal["history"] if h["status"] == "delivered")
    assert stated(deal, "quantity_ordered") == [18]


@pytest.mark.parametrize(
    ("supplier", "family", "value"),
    [
        # A$90bn is the cancelled Attack-class programme's, not the US or UK submarines'
        ("FRA", "Barracuda", {"amount": 90_000_000_000, "currency": "AUD"}),
        ("USA", None, None),
        ("GBR", None, None),
    ],
)
def test_demo_submarine_value_is_the_cancelled_programmes_only(
    demo_deals: list[dict[str, Any]], supplier: str, family: str | None,
    value: dict[str, Any] | None
) -> None:
    [deal] = [d for d in demo_deals if (d["supplier"], d["recipient"], d["category"])
              == (supplier, "AUS", "submarine") and d["weapon_family"] == family]
    assert stated(deal, "value") == ([value] if value else [])
    assert deal["packages"] == []


@pytest.mark.parametrize(
    ("recipient", "family", "value"),
    [
        # the tank contract $3.37bn, the howitzer contract $2.4bn: no shared package
        ("POL", "K2", {"amount": 3_370_000_000, "currency": "USD"}),
        ("POL", "K9", {"amount": 2_400_000_000, "currency": "USD"}),
        # "taking the total value of the agreements ... to more than 17 billion euros"
        ("ARE", "H225M", None),
    ],
)
def test_demo_value_is_the_deals_own(
    demo_db: Path, demo_deals: list[dict[str, Any]], recipient: str, family: str,
    value: dict[str, Any] | None
) -> None:
    [deal] = [d for d in demo_deals if d["recipient"] == recipient
              and d["weapon_family"] == family and d["status"] == "ordered"]
    assert stated(deal, "value") == ([value] if value else [])
    assert deal["packages"] == []
