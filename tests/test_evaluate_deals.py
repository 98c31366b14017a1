"""Deal-level scoring against the deal gold set (issue 15, item 6)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.merge.builders import make_document, make_record

from armstrace.errors import InputError
from armstrace.evaluate_deals import GoldDeal, format_deal_report, load_gold_deals, score_deals
from armstrace.merge import merge_records
from armstrace.model import Money

REPO = Path(__file__).resolve().parents[1]
DEAL_GOLD = REPO / "eval" / "deals" / "gold.jsonl"
SAMPLE = REPO / "src" / "armstrace" / "demo_data"


def _gold(**fields: Any) -> GoldDeal:
    base: dict[str, Any] = dict(
        deal="g1", docs=("d",), kind="transfer", supplier="SWE", recipient="THA", partners=(),
        weapons=("Gripen C",), weapon_family="Gripen", category="aircraft", status="ordered",
        history=(("ordered", "2019"),), quantity_ordered=12, quantity_delivered=None,
        values=(), package=None)
    base.update(fields)
    return GoldDeal(**base)


def _deals(*specs: dict[str, Any]) -> list[Any]:
    records = [make_record(make_document(number, dt.date(2024, 1, 1)), **spec)
               for number, spec in enumerate(specs)]
    return merge_records(records)


def test_score_deals_counts_found_status_quantities_and_value() -> None:
    deals = _deals({"status": "ordered", "date": "2019", "quantity": 12,
                    "value": Money(5, "USD")},
                   {"status": "delivered", "date": "2020", "quantity": 12})
    right = _gold(status="delivered", values=(Money(5, "USD"),), quantity_delivered=12)
    report = score_deals([right], deals)
    assert (len(report.pairs), report.share("status"), report.share("quantities"),
            report.share("value")) == (1, (1, 1), (1, 1), (1, 1))


def test_score_deals_names_confusions_misses_and_false_deals() -> None:
    deals = _deals({"status": "ordered", "date": "2019", "quantity": 14},
                   {"recipient": "HUN", "status": "planned"})
    report = score_deals([_gold(status="delivered"), _gold(deal="g2", recipient="NOR")], deals)
    assert report.confusions == {("delivered", "ordered"): 1}
    assert report.share("quantities") == (0, 1)
    assert [deal.deal for deal in report.missed] == ["g2"]
    assert [deal.recipient for deal in report.false_deals] == ["HUN"]


def test_format_deal_report_prints_each_slot_over_all_gold_and_over_the_found() -> None:
    deals = _deals({"status": "ordered", "date": "2019", "quantity": 12})
    gold = [_gold(), _gold(deal="g2", recipient="NOR", values=(Money(5, "USD"),))]
    report = score_deals(gold, deals)
    assert report.share_of_gold("status") == (1, 2)  # the missed deal counts as wrong
    assert report.share_of_gold("quantities") == (1, 2)
    assert report.share_of_gold("value") == (0, 1)
    lines = format_deal_report(report).splitlines()
    assert lines[1].split() == ["right", "over", "all", "gold", "deals", "that", "state", "it",
                                "over", "the", "deals", "found"]
    assert lines[2].split() == ["current", "status", "1", "of", "2", "(0.500)",
                                "1", "of", "1", "(1.000)"]
    assert report.to_json()["status"] == {"right": 1, "of": 1, "of_gold": 2}


def test_score_deals_pairs_follow_on_orders_with_their_own_gold() -> None:
    deals = _deals({"status": "ordered", "date": "2015", "quantity": 24},
                   {"status": "ordered", "date": "2021", "quantity": 30})
    gold = [_gold(deal="later", quantity_ordered=30), _gold(deal="first", quantity_ordered=24)]
    report = score_deals(gold, deals)
    assert report.share("quantities") == (2, 2)


def test_score_deals_counts_a_package_held_as_two_deals_own_value() -> None:
    document = make_document(1, dt.date(2024, 1, 1))
    tanks = make_record(document, weapon="K2", weapon_family="K2", value=Money(3, "USD"))
    guns = make_record(document, weapon="K9", weapon_family="K9", value=Money(3, "USD"))
    deals = merge_records([tanks, guns])
    assert score_deals([], deals).values_counted_twice == 0  # a package, counted once
    own = [merge_records([tanks])[0], merge_records([guns])[0]]
    assert score_deals([], own).values_counted_twice == 1


def test_load_gold_deals_names_the_file_and_line_of_a_bad_deal(tmp_path: Path) -> None:
    path = tmp_path / "deals.jsonl"
    line = json.loads(DEAL_GOLD.read_text(encoding="utf-8").splitlines()[0])
    path.write_text(json.dumps(line) + "\n" + json.dumps({**line, "status": "sold"}) + "\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"deals\.jsonl:2: status 'sold' is not one of"):
        load_gold_deals(path)


def test_deal_gold_set_has_sixty_deals_grouped_from_gold_records(shared_data: Path) -> None:
    deals = load_gold_deals(DEAL_GOLD)
    assert len(deals) >= 60
    lines = {"sample": (SAMPLE / "gold.jsonl").read_text(encoding="utf-8").splitlines(),
             "dev": (shared_data / "dev" / "gold.jsonl").read_text(encoding="utf-8").splitlines()}
    for row in map(json.loads, DEAL_GOLD.read_text(encoding="utf-8").splitlines()):
        for ref in row["records"]:
            set_name, number = ref.split(":L")
            record = json.loads(lines[set_name][int(number) - 1])
            assert record["kind"] == row["kind"] and record["doc"] in row["docs"], ref
            assert record["status"] in [step["status"] for step in row["history"]], ref


# Measured 2026-12-05 (session 6) on the sample's 68 gold deals: status 58 of 59 found,
# quantities 25 of 25, value 15 of 15 (the whole set: eval/deals/README.md). Raise them when
# the deals improve.
SAMPLE_FLOORS = {"status": 0.95, "quantities": 0.95, "value": 0.95}


def test_evaluate_deals_on_the_sample_at_least_floor(tmp_path: Path) -> None:
    sample_gold = tmp_path / "sample-deals.jsonl"
    rows = [line for line in DEAL_GOLD.read_text(encoding="utf-8").splitlines()
            if json.loads(line)["set"] == "sample"]
    sample_gold.write_text("\n".join(rows) + "\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    done = subprocess.run(
        [sys.executable, "-m", "armstrace.cli", "evaluate", "--deals", str(sample_gold),
         str(SAMPLE / "articles"), "--docs", str(SAMPLE / "documents.txt"),
         "--published", str(SAMPLE / "published.json"), "--json"],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    for slot, floor in SAMPLE_FLOORS.items():
        assert report[slot]["right"] / report[slot]["of"] >= floor, (slot, report[slot])
    assert report["values_counted_twice"] == 0
