"""Ingest, serve and review at once on one SQLite register (issue 16).

`armstrace ingest` writes into the register while `armstrace serve` answers pages over it
and a script posts review decisions through the API: every page answers 200, every
decision is stored, nothing is written to stderr, and the register ends with what a
clean ingest of the same articles alone gives (documents, records, deals, skipped rows).
Real Reuters articles from the shared corpus, chosen by words only: those naming arms
(which give records) and others (which give the ingest its length).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from tests.processes import run_armstrace
from tests.web.servers import free_port, start_serve, wait_until_up

REPO = Path(__file__).resolve().parents[1]
REUTERS = REPO.parent / "shared" / "data" / "corpora" / "reuters21578.jsonl"
ARMS_WORDS = re.compile(r"\b(arms|missiles?|fighters?|warships?|frigates?|helicopters?|weapons)\b",
                        re.IGNORECASE)
ARMS_ARTICLES = 80
OTHER_ARTICLES = 160
PAGES = ("/", "/deals", "/api/deals?limit=50", "/search?q=missile", "/api/search?q=arms",
         "/review")
TABLES = ("documents", "records", "deals", "skipped")
USER = "ana"
PASSWORD = "a passphrase for the concurrency test"
INGEST_SECONDS = 120


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write the articles: the first ARMS_ARTICLES naming arms, then OTHER_ARTICLES others."""
    if not REUTERS.is_file():
        pytest.skip(f"{REUTERS} is absent (the shared corpora are not in the repository)")
    arms: list[str] = []
    others: list[str] = []
    with REUTERS.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line).get("text", "")
            chosen = arms if ARMS_WORDS.search(text) else others
            chosen.append(line)
            if len(arms) >= ARMS_ARTICLES and len(others) >= OTHER_ARTICLES:
                break
    path = tmp_path_factory.mktemp("concurrent") / "articles.jsonl"
    # Interleaved, so records keep coming while the ingest runs.
    mixed = [line for pair in zip(arms[:ARMS_ARTICLES], others, strict=False) for line in pair]
    path.write_text("".join(mixed + others[ARMS_ARTICLES:OTHER_ARTICLES]), encoding="utf-8")
    return path


def counts(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as connection:
        return {table: int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in TABLES}


def stored_decisions(db: Path) -> dict[str, str]:
    with closing(sqlite3.connect(db)) as connection:
        return dict(connection.execute("SELECT record_id, action FROM record_decisions"))


def new_register_with_token(db: Path) -> str:
    """Create the register with an analyst and return an API token of theirs."""
    added = run_armstrace("user", "add", USER, "--password-stdin", "--db", db,
                          stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    token = run_armstrace("token", "add", "--user", USER, "--label", "concurrency", "--db", db)
    assert token.returncode == 0, token.stderr
    return token.stdout.strip()


def start_ingest(articles: Path, db: Path, workers: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "armstrace.cli", "ingest", str(articles), "--db", str(db),
         "--quiet", "--workers", str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )


class Reviewer:
    """Reads pages and confirms every record it has not confirmed yet, through the API."""

    def __init__(self, base: str, token: str) -> None:
        self.client = httpx.Client(base_url=base, timeout=30)
        self.bearer = {"Authorization": f"Bearer {token}"}
        self.page_statuses: dict[int, int] = {}
        self.posted: set[str] = set()
        self.refused: list[str] = []

    def read_pages(self) -> None:
        for page in PAGES:
            status = self.client.get(page).status_code
            self.page_statuses[status] = self.page_statuses.get(status, 0) + 1

    def confirm_new_records(self) -> None:
        offset = 0
        while True:
            found = self.client.get("/api/records", params={"limit": 500, "offset": offset})
            assert found.status_code == 200, found.text
            items = found.json()["items"]
            for record in items:
                if record["id"] not in self.posted:
                    self._confirm(record["id"])
            if len(items) < 500:
                return
            offset += 500

    def _confirm(self, record_id: str) -> None:
        answer = self.client.post(f"/api/records/{record_id}/review", headers=self.bearer,
                                  json={"action": "confirm", "reason": "concurrency test"})
        if answer.status_code == 200:
            self.posted.add(record_id)
        else:
            self.refused.append(f"{record_id}: {answer.status_code} {answer.text[:200]}")


@pytest.mark.slow
def test_ingest_serve_and_reviews_at_once_end_as_a_clean_ingest(
    articles: Path, tmp_path: Path
) -> None:
    clean_db = tmp_path / "clean.db"
    started = time.monotonic()
    with start_ingest(articles, clean_db, workers=1) as clean:
        _, clean_stderr = clean.communicate(timeout=INGEST_SECONDS)
    assert clean.returncode == 0, clean_stderr
    clean_seconds = time.monotonic() - started

    db = tmp_path / "busy.db"
    token = new_register_with_token(db)
    port = free_port()
    server = start_serve(db, port, "--workers", "1", ARMSTRACE_SECRET_KEY="test-key")
    try:
        wait_until_up(f"http://127.0.0.1:{port}/login", server)
        reviewer = Reviewer(f"http://127.0.0.1:{port}", token)
        with start_ingest(articles, db, workers=2) as ingest:
            rounds_during_ingest = 0
            deadline = time.monotonic() + INGEST_SECONDS
            while ingest.poll() is None and time.monotonic() < deadline:
                reviewer.read_pages()
                reviewer.confirm_new_records()
                rounds_during_ingest += 1
            _, ingest_stderr = ingest.communicate(timeout=INGEST_SECONDS)
        reviewer.confirm_new_records()  # those stored after the last round
        reviewer.read_pages()
        reviewer.client.close()
    finally:
        server.terminate()
        _, server_stderr = server.communicate(timeout=20)

    print(f"clean ingest {clean_seconds:.1f} s; during the ingest {rounds_during_ingest} rounds "
          f"of pages and reviews; {len(reviewer.posted)} records confirmed; {counts(db)}")
    assert ingest.returncode == 0, ingest_stderr
    assert ingest_stderr == ""
    assert server_stderr == ""
    assert rounds_during_ingest >= 2, "the ingest ended before the pages were read twice"
    assert reviewer.refused == []
    assert set(reviewer.page_statuses) == {200}
    assert counts(db) == counts(clean_db)
    # No decision lost: one stored per record confirmed, each as posted.
    assert stored_decisions(db) == dict.fromkeys(reviewer.posted, "confirm")
    assert len(reviewer.posted) == counts(db)["records"] > 0
