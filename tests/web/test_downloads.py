"""The Deals page's downloads through a real `armstrace serve` (issue 16, item 13)."""

from __future__ import annotations

import csv
import io
import urllib.request
from pathlib import Path

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
