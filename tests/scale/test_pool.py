"""`armstrace ingest --workers N` writes the same database as `--workers 1`, on real news.

The input is a slice of Reuters-21578 (the dev set's Reuters articles, which state arms
transfers, among the first articles of the corpus, which mostly do not), with a
duplicate, a German article and a broken line added, so that every path of the pooled
ingest runs: records and deals, documents already stored, documents the clean stage
rejects, and inputs the reader rejects.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from armstrace.cli import app
from armstrace.extract import Extractor
from armstrace.model import Document, Skipped
from armstrace.pipeline import ingest_documents
from armstrace.scale.pool import BATCH_SIZE, PoolConfig, ingest_documents_pooled, read_batches
from armstrace.store import open_store

RUNNER = CliRunner()
GERMAN = (
    "Die Bundesregierung hat am Freitag beschlossen, der Ukraine weitere Flugabwehrsysteme "
    "vom Typ Iris-T zu liefern. Das Verteidigungsministerium teilte mit, die ersten Systeme "
    "sollten noch vor dem Winter übergeben werden. Die Opposition kritisierte die Entscheidung."
)
# Every table a run writes, in a stable order; time stamps left out (they differ by run).
TABLES = {
    "documents": "SELECT seq, id, url, title, published, source, text FROM documents ORDER BY seq",
    "records": "SELECT * FROM records ORDER BY rowid",
    "skipped": "SELECT source, stage, reason, document_id, count FROM skipped ORDER BY id",
    "deals": "SELECT * FROM deals ORDER BY id",
    "deal_records": "SELECT * FROM deal_records ORDER BY record_id",
    "search": "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'missiles' ORDER BY rowid",
}
TIME_STAMPS = {"extracted_at", "ingested_at", "first_seen", "last_seen"}


@pytest.fixture(scope="module")
def reuters_slice(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write the slice as JSON Lines: the corpus's own lines, and the three added ones."""
    corpus = shared_data / "corpora" / "reuters21578.jsonl"
    dev_ids = set((shared_data / "dev" / "documents.txt").read_text().split())
    chosen: list[str] = []
    with corpus.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number < 150 or json.loads(line)["id"] in dev_ids:
                chosen.append(line.rstrip("\n"))
    german = {"id": "german-1", "title": "Iris-T", "published": "2024-10-04", "text": GERMAN}
    chosen[40:40] = [chosen[3], json.dumps(german, ensure_ascii=False), '{"id": "broken", "te']
    path = tmp_path_factory.mktemp("pool") / "slice.jsonl"
    path.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return path


def read_tables(database: Path) -> dict[str, list[dict[str, Any]]]:
    with closing(sqlite3.connect(database)) as connection:
        connection.row_factory = sqlite3.Row
        return {
            table: [
                # sqlite3.Row iterates over values; its keys() are the column names.
                {key: row[key] for key in row.keys() if key not in TIME_STAMPS}  # noqa: SIM118
                for row in connection.execute(query)
            ]
            for table, query in TABLES.items()
        }


def test_ingest_with_two_workers_writes_what_one_worker_writes(
    reuters_slice: Path, tmp_path: Path
) -> None:
    # About 190 documents: six batches of BATCH_SIZE, four of them in flight at once.
    assert sum(1 for _ in reuters_slice.open()) > 4 * BATCH_SIZE
    databases = {}
    for workers in (1, 2):
        databases[workers] = tmp_path / f"workers-{workers}.db"
        result = RUNNER.invoke(
            app,
            [
                "ingest",
                str(reuters_slice),
                "--db",
                str(databases[workers]),
                "--quiet",
                "--workers",
                str(workers),
            ],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
    one, two = read_tables(databases[1]), read_tables(databases[2])
    assert len(one["records"]) >= 10 and len(one["deals"]) >= 5  # the dev articles' facts
    assert [row["stage"] for row in one["skipped"]] == ["clean", "ingest"]  # German, broken
    assert len(one["documents"]) == sum(1 for _ in reuters_slice.open()) - 3
    for table in TABLES:
        assert two[table] == one[table], table


def test_pooled_ingest_reports_what_the_one_process_loop_reports(
    reuters_slice: Path, tmp_path: Path, extractor: Extractor
) -> None:
    from armstrace.ingest import read_paths

    reports = {}
    seen: dict[str, list[str]] = {}
    for name in ("loop", "pool"):
        order: list[str] = []
        seen[name] = order

        def remember(_report: object, item: Document | Skipped, order: list[str] = order) -> None:
            order.append(item.id if isinstance(item, Document) else f"skipped {item.reason}")

        with open_store(tmp_path / f"{name}.db") as store:
            # The first 80 items: the duplicate, the German article and the broken line
            # among them (the records are tested above, through the command).
            items = itertools.islice(read_paths([str(reuters_slice)]), 80)
            if name == "loop":
                reports[name] = ingest_documents(items, store, extractor, remember)
            else:
                # Workers replaced after every two batches: a fresh fork changes nothing.
                config = PoolConfig(
                    workers=2, batch_size=5, in_flight_per_worker=1, batches_per_worker=2
                )
                reports[name] = ingest_documents_pooled(items, store, extractor, config, remember)
    loop, pooled = reports["loop"], reports["pool"]
    assert (pooled.documents_read, pooled.documents_added, pooled.documents_already_stored) == (
        loop.documents_read,
        loop.documents_added,
        loop.documents_already_stored,
    )
    assert loop.documents_already_stored == 1
    assert (pooled.records_added, pooled.deals_updated) == (loop.records_added, loop.deals_updated)
    assert [s.reason for s in pooled.skipped] == [s.reason for s in loop.skipped]
    assert seen["pool"] == seen["loop"]  # progress is told in input order


def test_read_batches_reads_no_further_than_the_batch_it_yields() -> None:
    read: list[int] = []

    def numbers() -> Any:
        for number in range(10):
            read.append(number)
            yield number

    batches = read_batches(numbers(), 4)
    assert next(batches) == [0, 1, 2, 3]
    assert read == [0, 1, 2, 3]
    assert list(batches) == [[4, 5, 6, 7], [8, 9]]
