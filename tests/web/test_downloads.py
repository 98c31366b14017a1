"""The Deals page's downloads through a real `armstrace serve` (issue 16, item 13)."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armstrace.store import DealFilter, RecordFilter, open_store

from .conftest import FORMULA_ID
from .servers import serving

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_deals_csv_quotes_cells_a_spreadsheet_would_run(chosen_ids_db: Path) -> None:
    with serving(chosen_ids_db) as base, \
            urllib.request.urlopen(f"{base}/deals.csv", timeout=30) as response:
        rows = list(csv.reader(io.StringIO(response.read().decode(), newline="")))

    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA_ID in cells
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


# --- every match, in every format, records or deals (issue 14, item 7) ----------------------

FORMATS = [("deals", "csv"), ("deals", "jsonl"), ("deals", "sipri-csv"), ("deals", "parquet"),
           ("deals", "graphml"), ("records", "csv"), ("records", "jsonl"),
           ("records", "parquet")]


def _ids_in(what: str, format_name: str, body: bytes) -> list[str] | int:
    """Return the ids a download holds, or (GraphML, SIPRI's layout: no ids) its row count."""
    import io as bytes_io

    if format_name == "csv":
        return [row["id"] for row in csv.DictReader(io.StringIO(body.decode("utf-8")))]
    if format_name == "jsonl":
        return [json.loads(line)["id"] for line in body.decode("utf-8").splitlines()]
    if format_name == "parquet":
        import pyarrow.parquet as parquet

        return parquet.read_table(bytes_io.BytesIO(body)).column("id").to_pylist()
    if format_name == "graphml":
        import networkx

        graph = networkx.read_graphml(bytes_io.BytesIO(body))
        return sum(int(data.get("deals", 1)) for _, _, data in graph.edges(data=True))
    rows = list(csv.reader(io.StringIO(body.decode("iso-8859-1"))))
    header = next(index for index, row in enumerate(rows) if row and row[0] == "Recipient")
    return len([row for row in rows[header + 1:] if row])


@pytest.mark.parametrize(("what", "format_name"), FORMATS)
def test_download_holds_every_match_in_every_format(client: TestClient, register_db: Path,
                                                   what: str, format_name: str) -> None:
    query = {"category": "aircraft", "limit": 3, "offset": 2}
    response = client.get(f"/download/{what}/{format_name}", params=query)

    assert response.status_code == 200
    assert f'filename="{what}' in response.headers["content-disposition"]
    with open_store(register_db) as store:
        if what == "deals":
            expected = [deal.id for deal in store.iter_deals(DealFilter(category="aircraft"))]
        else:
            expected = [record.id for record in
                        store.iter_records(RecordFilter(category="aircraft"))]
    assert len(expected) > 5
    found = _ids_in(what, format_name, response.content)
    if isinstance(found, int):
        transfers = len(expected) if format_name == "sipri-csv" else found
        assert found >= 5 and found <= transfers
    else:
        assert found == expected


@pytest.mark.parametrize("path", ["/download/records/graphml", "/download/deals/xlsx",
                                  "/download/people/csv"])
def test_download_refuses_what_no_format_holds(client: TestClient, path: str) -> None:
    assert client.get(path).status_code in (404, 422)


def test_deals_page_links_every_download_without_its_paging(client: TestClient) -> None:
    page = client.get("/deals", params={"status": "ordered", "limit": 5, "offset": 5}).text

    links = re.findall(r'href="(/download/[^"]+)"', page)
    assert len(links) == len(FORMATS)
    assert all("status=ordered" in link and "limit" not in link and "offset" not in link
               for link in links)


def test_download_reads_names_as_the_deals_list_does(client: TestClient) -> None:
    by_name = client.get("/download/deals/jsonl", params={"supplier": "France"}).text
    by_code = client.get("/download/deals/jsonl", params={"supplier": "FRA"}).text

    assert by_name == by_code and len(by_name.splitlines()) > 3
