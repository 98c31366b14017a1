"""Deals merged from real 1987 Reuters wires, ingested into an SQLite file in two orders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from armstrace.ingest import read_path
from armstrace.model import Deal
from armstrace.pipeline import ingest_documents
from armstrace.store import SQLiteStore

# Wires about the Iran arms affair (many articles, one transfer), the Saudi Tornado
# order, Dassault's Mirage deliveries to Egypt, US arms for Saudi Arabia, and the
# Japanese-American fighter programmes.
WIRES = (
    "reuters-02759", "reuters-03112", "reuters-03829", "reuters-04618", "reuters-04752",
    "reuters-05157", "reuters-06470", "reuters-07608", "reuters-08095", "reuters-13450",
    "reuters-21169", "reuters-04049", "reuters-12756",
)


@pytest.fixture(scope="module")
def wires(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a JSON Lines file of the chosen wires, copied from the corpus (never the repo)."""
    wanted = set(WIRES)
    lines = [
        line
        for line in (shared_data / "corpora" / "reuters21578.jsonl").open(encoding="utf-8")
        if json.loads(line)["id"] in wanted
    ]
    path = tmp_path_factory.mktemp("reuters") / "wires.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def ingest_deals(path: Path, database: Path, extractor: Any, reverse: bool) -> list[Deal]:
    items = list(read_path(path))
    if reverse:
        items.reverse()
    with SQLiteStore(database) as store:
        ingest_documents(items, store, extractor)
        return sorted(store.iter_deals(), key=lambda deal: deal.id)


@pytest.fixture(scope="module")
def deals(wires: Path, extractor: Any, tmp_path_factory: pytest.TempPathFactory) -> list[Deal]:
    return ingest_deals(wires, tmp_path_factory.mktemp("db") / "a.db", extractor, reverse=False)


def find(deals: list[Deal], supplier: str, recipient: str, family: str | None) -> list[Deal]:
    return [
        deal
        for deal in deals
        if (deal.supplier, deal.recipient, deal.weapon_family) == (supplier, recipient, family)
    ]


def test_reuters_reingest_in_another_order_gives_identical_deals(
    deals: list[Deal], wires: Path, extractor: Any, tmp_path: Path
) -> None:
    assert deals
    assert ingest_deals(wires, tmp_path / "b.db", extractor, reverse=True) == deals


def test_reuters_iran_arms_wires_merge_into_one_deal(deals: list[Deal]) -> None:
    (deal,) = find(deals, "USA", "IRN", None)
    assert deal.source_count >= 5
    assert deal.status == "delivered"


def test_reuters_mirage_history_runs_from_order_to_suspension(deals: list[Deal]) -> None:
    (deal,) = find(deals, "FRA", "EGY", "Mirage")
    statuses = [change.status for change in deal.history]
    assert statuses.index("ordered") < statuses.index("delivered") < statuses.index("cancelled")
    assert deal.status == "cancelled"
    assert [str(change.date) for change in deal.history][0] == "1983"


def test_reuters_tornado_order_keeps_quantity_and_value(deals: list[Deal]) -> None:
    (deal,) = find(deals, "GBR", "SAU", "Tornado")
    assert (deal.status, [item.value for item in deal.quantity_ordered]) == ("ordered", [72])
    assert [(item.value.currency) for item in deal.value] == ["GBP"]  # type: ignore[union-attr]


def test_reuters_unrelated_deals_between_one_pair_stay_apart(deals: list[Deal]) -> None:
    saudi = [deal for deal in deals if (deal.supplier, deal.recipient) == ("USA", "SAU")]
    assert len(saudi) >= 2
    assert len({deal.weapon_family for deal in saudi}) == len(saudi)


def test_reuters_coproduction_programmes_stay_apart_by_system(deals: list[Deal]) -> None:
    programmes = [deal for deal in deals if deal.partners == ("JPN", "USA")]
    assert len(programmes) >= 2
    assert len({deal.weapon_family for deal in programmes}) == len(programmes)

