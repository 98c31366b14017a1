"""Deal and Parquet exports, each read back by its own ecosystem's reader, field by field."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest

from armstrace.export import (
    DEAL_CSV_COLUMNS,
    EXPORTS,
    SIPRI_COLUMNS,
    write_deals_csv,
    write_deals_jsonl,
    write_deals_sipri_csv,
)
from armstrace.export.graphml import write_deals_graphml
from armstrace.export.parquet import write_deals_parquet, write_records_parquet
from armstrace.merge import merge_records
from armstrace.model import Deal, Document, Evidence, Money, PartialDate, Record, make_document_id

LATER_TEXT = "Lithuania received the first four Bayraktar TB2 drones on Monday, officials said."
OTHER_TEXT = "Vilnius said Turkey would supply eight Bayraktar TB2 drones under the 2024 order."


def _later_record(text: str, **fields: object) -> Record:
    document = Document(
        id=make_document_id(text),
        text=text,
        source="wire.jsonl",
        url=f"https://www.wire.example/{make_document_id(text)}",
        title="Drones for Lithuania",
        published=dt.date(2025, 2, 3),
    )
    return Record(
        kind="transfer",
        supplier="TUR",
        recipient="LTU",
        weapon="Bayraktar TB2",
        weapon_family="Bayraktar",
        category="uav",
        evidence=Evidence(text, 0, len(text)),
        document=document,
        **fields,  # type: ignore[arg-type]
    )


@pytest.fixture
def deals(records: list[Record]) -> list[Deal]:
    """Return deals of the awkward records plus two later wires on the drone deal."""
    later = [
        _later_record(LATER_TEXT, status="delivered", quantity=4, date=PartialDate(2025, 2)),
        _later_record(OTHER_TEXT, status="ordered", quantity=8, value=Money(9, "USD"),
                      date=PartialDate(2024)),
    ]
    return merge_records([*records, *later])


def drone_deal(deals: list[Deal]) -> Deal:
    return next(deal for deal in deals if deal.weapon_family == "Bayraktar")


def test_fixture_drone_deal_has_history_and_conflicts(deals: list[Deal]) -> None:
    deal = drone_deal(deals)
    assert [change.status for change in deal.history] == ["ordered", "ordered", "delivered"]
    assert deal.conflict_slots == ("quantity_ordered", "value")


def test_write_deals_csv_reads_back_field_by_field(deals: list[Deal]) -> None:
    buffer = io.StringIO(newline="")
    assert write_deals_csv(deals, buffer) == len(deals)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
    assert list(rows[0]) == list(DEAL_CSV_COLUMNS)
    for row, deal in zip(rows, deals, strict=True):
        assert row["id"] == deal.id
        assert (row["supplier"], row["recipient"]) == (deal.supplier or "", deal.recipient or "")
        assert row["partners"].split(";") == list(deal.partners or [""])
        assert (row["weapon"], row["category"], row["status"]) == (
            deal.weapon, deal.category, deal.status
        )
        assert row["history"].split(";") == [
            f"{c.status} {c.date}" if c.date else c.status for c in deal.history
        ]
        assert row["quantity_ordered"] == ";".join(str(q.value) for q in deal.quantity_ordered)
        assert row["conflicts"] == ";".join(c.describe() for c in deal.conflicts)
        assert int(row["sources"]) == deal.source_count
        assert row["records"].split(";") == list(deal.record_ids)
        assert row["last_seen"] == (deal.last_seen.isoformat() if deal.last_seen else "")


def test_write_deals_csv_keeps_conflicting_values(deals: list[Deal]) -> None:
    buffer = io.StringIO(newline="")
    write_deals_csv([drone_deal(deals)], buffer)
    (row,) = csv.DictReader(io.StringIO(buffer.getvalue(), newline=""))
    assert (row["quantity_ordered"], row["value"]) == ("6;8", "34000000000 CZK;9 USD")


def test_write_deals_jsonl_reads_back_to_json(deals: list[Deal]) -> None:
    buffer = io.StringIO()
    assert write_deals_jsonl(deals, buffer) == len(deals)
    assert [json.loads(line) for line in buffer.getvalue().splitlines()] == [
        deal.to_json() for deal in deals
    ]


def test_write_deals_parquet_reads_back_with_pyarrow(deals: list[Deal], tmp_path: Path) -> None:
    path = tmp_path / "deals.parquet"
    with path.open("wb") as file:
        assert write_deals_parquet(deals, file) == len(deals)
    rows = pq.read_table(path).to_pylist()
    for row, deal in zip(rows, deals, strict=True):
        expected = deal.to_json()
        for field in ("id", "supplier", "recipient", "partners", "weapon", "weapons", "status",
                      "history", "documents", "sites"):
            assert row[field] == expected[field], field
        assert row["conflicts"] == [conflict.describe() for conflict in deal.conflicts]
        assert row["quantity_ordered"] == [item.value for item in deal.quantity_ordered]
        assert row["value"] == [item["value"] for item in expected["value"]]
        assert (row["first_seen"], row["last_seen"]) == (deal.first_seen, deal.last_seen)
        assert row["sources"] == deal.source_count
        assert [item["evidence"] for item in row["evidence"]] == [
            item.evidence.to_json() for item in deal.evidence
        ]


def test_write_records_parquet_reads_back_with_pandas(
    records: list[Record], tmp_path: Path
) -> None:
    path = tmp_path / "records.parquet"
    with path.open("wb") as file:
        assert write_records_parquet(records, file) == len(records)
    frame = pd.read_parquet(path)
    assert len(frame) == len(records)
    for (_, row), record in zip(frame.iterrows(), records, strict=True):
        data = record.to_json()
        assert row["id"] == data["id"]
        assert list(row["partners"]) == data["partners"]
        assert row["evidence_text"] == data["evidence"]["text"]
        assert row["evidence_start"] == data["evidence"]["start"]
        expected_quantity = data["quantity"]
        assert (pd.isna(row["quantity"]) if expected_quantity is None
                else row["quantity"] == expected_quantity)
        value = data["value"] or {"amount": None, "currency": None}
        assert (None if pd.isna(row["value_amount"]) else row["value_amount"]) == value["amount"]
        assert row["confidence"] == pytest.approx(record.confidence)
        title = data["document"]["title"]
        assert pd.isna(row["document_title"]) if title is None else row["document_title"] == title


def test_write_deals_parquet_of_nothing_reads_back_empty(tmp_path: Path) -> None:
    path = tmp_path / "none.parquet"
    with path.open("wb") as file:
        assert write_deals_parquet([], file) == 0
    assert pq.read_table(path).num_rows == 0


def test_write_deals_graphml_reads_back_with_networkx(deals: list[Deal], tmp_path: Path) -> None:
    path = tmp_path / "deals.graphml"
    with path.open("wb") as file:
        assert write_deals_graphml(deals, file) == len(deals)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert set(graph.nodes) == {"TUR", "LTU", "ESP", "SEN"}
    edges = {key: (source, target, data) for source, target, key, data in
             graph.edges(keys=True, data=True)}
    assert set(edges) == {deal.id for deal in deals}
    for deal in deals:
        source, target, data = edges[deal.id]
        ends = (deal.supplier, deal.recipient) if deal.kind == "transfer" else deal.partners
        assert (source, target) == tuple(ends)
        assert (data["weapon"], data["status"], data["sources"]) == (
            deal.weapon, deal.status, deal.source_count
        )
    assert edges[drone_deal(deals).id][2]["quantity_ordered"] == 6


def _sipri_rows(deals: list[Deal], **options: Any) -> list[dict[str, str]]:
    buffer = io.StringIO(newline="")
    write_deals_sipri_csv(deals, buffer, **options)
    lines = buffer.getvalue().splitlines(keepends=True)[11:]  # SIPRI's 11-line preamble
    return [dict(zip(SIPRI_COLUMNS, cells, strict=True))
            for cells in list(csv.reader(io.StringIO("".join(lines), newline="")))[1:]]


def test_write_deals_sipri_csv_writes_sipri_header_after_its_preamble(
    deals: list[Deal],
) -> None:
    buffer = io.StringIO(newline="")
    assert write_deals_sipri_csv(deals, buffer,
                                 generated=dt.datetime(2025, 3, 13, 22, 2, 49)) == len(deals)
    lines = buffer.getvalue().split("\r\n")
    assert lines[6] == "Data generated: 13 Mar 2025 10:02:49 PM"
    assert lines[11] == (
        "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,"
        "Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,"
        "SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons"
    )


def test_write_deals_sipri_csv_uses_sipri_conventions(deals: list[Deal]) -> None:
    row = next(row for row in _sipri_rows(deals)
               if row["Weapon designation"] == "Bayraktar TB2")

    assert (row["Recipient"], row["Supplier"], row["Year of order"]) == (
        "Lithuania", "Turkiye", "2024")
    assert (row["Number ordered"], row["Number delivered"], row["Year(s) of delivery"]) == (
        "6", "4", "2025")
    assert (row["Weapon description"], row["status"]) == ("UAV", "New")
    assert "armstrace status: delivered (2025-02)" in row["Comments"]
    assert "sources disagree on number ordered: 6, 8" in row["Comments"]


def test_write_deals_sipri_csv_says_other_statuses_in_comments(deals: list[Deal]) -> None:
    planned = next(row for row in _sipri_rows(deals) if row["Supplier"] == "Spain")
    assert planned["status"] == "New"
    assert "armstrace status: planned (2025)" in planned["Comments"]


def test_write_deals_sipri_csv_sipri_only_leaves_out_what_sipri_does_not_list(
    deals: list[Deal],
) -> None:
    (row,) = _sipri_rows(deals, sipri_only=True)
    assert row["Weapon designation"] == "Bayraktar TB2"


@pytest.mark.parametrize(
    ("name", "records", "deals"),
    [
        ("csv", True, True),
        ("jsonl", True, True),
        ("parquet", True, True),
        ("sipri-csv", False, True),
        ("graphml", False, True),
    ],
)
def test_exports_say_what_each_format_writes(name: str, records: bool, deals: bool) -> None:
    found = EXPORTS[name]
    assert (found.write_records is not None, found.write_deals is not None) == (records, deals)
    assert found.binary == (name in ("parquet", "graphml"))
