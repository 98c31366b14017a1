"""A small register written straight into a SQLite file, for CLI tests run as subprocesses.

No extraction runs (no spaCy in the test process): each record is made by hand from an
invented one-sentence article written for these tests, then merged into deals as an
ingest would. `run_cli` runs `python -m armstrace` as a user would.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from armstrace.merge import update_deals
from armstrace.model import Document, Evidence, Money, PartialDate, Record, make_document_id
from armstrace.store import open_store

REPO = Path(__file__).resolve().parents[1]

# (sentence, record fields): each sentence is the whole text of one invented article.
FACTS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("Turkey took delivery of Russian S-400 batteries in 2019.",
     {"supplier": "RUS", "recipient": "TUR", "weapon": "S-400", "weapon_family": "S-400",
      "category": "air defence", "status": "delivered", "date": "2019"}),
    ("Poland ordered 32 F-16C jets from the United States for $3.5 billion.",
     {"supplier": "USA", "recipient": "POL", "weapon": "F-16", "weapon_family": "F-16",
      "category": "aircraft", "status": "ordered", "quantity": 32, "date": "2003",
      "value": Money(3_500_000_000, "USD")}),
    ("Serbia signed a contract for 12 Rafale fighters from France.",
     {"supplier": "FRA", "recipient": "SRB", "weapon": "Rafale", "weapon_family": "Rafale",
      "category": "aircraft", "status": "ordered", "quantity": 12, "date": "2024"}),
    ("Iran sent rockets to Hezbollah, officials said.",
     {"supplier": "IRN", "recipient": None, "recipient_name": "Hezbollah", "weapon": "arms",
      "weapon_family": None, "category": "other", "status": "delivered", "date": "2021"}),
    ("Ukraine received Bayraktar TB2 drones from Turkey.",
     {"supplier": "TUR", "recipient": "UKR", "weapon": "Bayraktar TB2",
      "weapon_family": "Bayraktar", "category": "uav", "status": "delivered", "date": "2022"}),
    ("Belarus will deliver Zubr-class landing ships to a buyer it did not name.",
     {"supplier": "BLR", "recipient": None, "recipient_name": "an unnamed buyer",
      "weapon": "Zubr class", "weapon_family": None, "category": "ship",
      "status": "planned", "date": "2025"}),
)


def make_fact(number: int, sentence: str, fields: dict[str, Any]) -> Record:
    """Return the record of one invented article whose whole text is `sentence`."""
    document = Document(
        id=make_document_id(sentence), text=sentence, source=f"fixtures/fact-{number}.txt",
        url=f"https://news.example/fact-{number}", title=f"Fact {number}",
        published=dt.date(2024, 6, 1),
    )
    values: dict[str, Any] = {
        "kind": "transfer", "deal": "sale", "quantity": None, "confidence": 0.9,
        "evidence": Evidence(sentence, 0, len(sentence)), "document": document, **fields,
    }
    values["date"] = PartialDate.parse(values["date"]) if values.get("date") else None
    return Record(**values)


def build_register(db: Path) -> list[Record]:
    """Write every fact into a fresh store at `db`, merge the deals, return the records."""
    records = [make_fact(number, sentence, fields)
               for number, (sentence, fields) in enumerate(FACTS)]
    with open_store(str(db)) as store:
        for record in records:
            store.add_document(record.document, [record])
        update_deals(store)
    return records


def run_cli(*args: str | Path, stdin: str | None = None, columns: int = 80,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m armstrace ARGS` in a fresh process, as a user would from a shell."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), COLUMNS=str(columns))
    env.pop("ARMSTRACE_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "armstrace", *map(str, args)], input=stdin,
        capture_output=True, text=True, env=env, cwd=cwd or REPO, timeout=300, check=False,
    )
