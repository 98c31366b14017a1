"""What the web benchmarks share: the Reuters database and the pages worth measuring.

Not a benchmark itself; `web_pages.py` and `serve_load.py` import it (a script's own
folder is on `sys.path`).
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
REUTERS = REPO.parent / "shared" / "data" / "corpora" / "reuters21578.jsonl"


def ensure_database(db: Path | None, corpus: Path, folder: Path) -> Path:
    """Return `db` when it exists; else ingest `corpus` into it (or into `folder`) with the CLI."""
    if db is not None and db.exists():
        return db
    target = db or folder / "reuters.db"
    if not corpus.is_file():
        raise SystemExit(f"{corpus}: no such corpus; give --corpus FILE or --db FILE")
    print(f"building {target} from {corpus} with `armstrace ingest` ...", file=sys.stderr)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "armstrace.cli", "ingest", str(corpus), "--db", str(target),
         "--quiet"],
        check=True, env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return target


@dataclass(frozen=True)
class PageSet:
    """One URL per page type, chosen as the heaviest of its kind in the database."""

    urls: dict[str, str]
    documents: int
    deals: int


def heaviest_pages(db: Path) -> PageSet:
    """Return the URLs to measure: the deal with most evidence, the busiest state, ..."""
    from armstrace.store import DealFilter, open_store

    with open_store(db) as store:
        deals = list(store.iter_deals(DealFilter()))
        documents = store.count_documents()
        if not deals:
            raise SystemExit(f"{db}: holds no deal; the pages would be empty")
        deal = max(deals, key=lambda item: (len(item.evidence), item.id))
        parties: Counter[str] = Counter()
        weapons: Counter[str] = Counter()
        for item in deals:
            parties.update(code for code in (item.supplier, item.recipient, *item.partners)
                           if code)
            weapons[item.weapon] += 1
        document_id = max(
            (evidence.document_id for item in deals for evidence in item.evidence),
            key=lambda found: (len(list(store.iter_records(
                _records_of(found)))), found))
    state = parties.most_common(1)[0][0]
    weapon = weapons.most_common(1)[0][0]
    urls = {
        # A rare word (the register's subject) and a word in thousands of Reuters stories.
        "search (missile)": "/search?" + urlencode({"q": "missile"}),
        "search (oil)": "/search?" + urlencode({"q": "oil"}),
        "deals list": "/deals",
        "deal page": f"/deals/{deal.id}",
        "state page": f"/states/{state}",
        "weapon page": f"/weapons/{quote(weapon)}",
        "network": "/network",
        "document page": f"/documents/{document_id}",
    }
    return PageSet(urls=urls, documents=documents, deals=len(deals))


def _records_of(document_id: str):  # noqa: ANN202 - RecordFilter, imported lazily
    from armstrace.store import RecordFilter

    return RecordFilter(document_id=document_id, include_rejected=True)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Return the value below which `fraction` of the sorted values lie (nearest rank)."""
    if not sorted_values:
        return float("nan")
    rank = min(len(sorted_values) - 1, max(0, math.ceil(fraction * len(sorted_values)) - 1))
    return sorted_values[rank]
