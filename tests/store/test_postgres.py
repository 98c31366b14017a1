"""What only the PostgreSQL store has: a server, several writers at once, a schema of its own.

The behaviour both stores share is tested once for both (test_store.py and the
others on the `store` fixture). Every test here needs the server of
ARMSTRACE_TEST_POSTGRES_URL (started by .ci/run) and skips without it, except
those that check messages for a server that is not there.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from typer.testing import CliRunner

from armstrace.cli import app
from armstrace.errors import StoreError
from armstrace.ingest import read_path
from armstrace.pipeline import ingest_documents
from armstrace.store import SQLiteStore, Store, open_store, redact_url
from armstrace.store.postgres import PostgresStore
from armstrace.store.postgres_migrations import SCHEMA_VERSION
from armstrace.store.sql import to_pyformat

from .builders import make_document, make_record

REPO = Path(__file__).resolve().parents[2]
CLI_ARTICLES = sorted((REPO / "tests" / "fixtures" / "cli").glob("*.*"))


def _query(url: str, sql: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(url, autocommit=True) as connection:
        cursor = connection.execute(sql)  # type: ignore[arg-type]
        return cursor.fetchall() if cursor.description else []


# -- without a server --------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT a FROM t WHERE a = :a OR b = :b", "SELECT a FROM t WHERE a = %(a)s OR b = %(b)s"),
        ("SELECT :x::jsonb, '{1}'::int[]", "SELECT %(x)s::jsonb, '{1}'::int[]"),
        ("SELECT 50 % 7, (:n)", "SELECT 50 %% 7, (%(n)s)"),
    ],
)
def test_to_pyformat_turns_named_parameters_into_psycopg_style(sql: str, expected: str) -> None:
    assert to_pyformat(sql) == expected


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("postgresql://ana:pw@db.example:5433/arms", "postgresql://ana@db.example:5433/arms"),
        ("postgresql://db.example/arms?sslmode=require", "postgresql://db.example/arms"),
        ("postgresql://ana:pw@[::1]/arms", "postgresql://ana@[::1]/arms"),
        ("register.db", "register.db"),
    ],
)
def test_redact_url_drops_password_and_query(url: str, label: str) -> None:
    assert redact_url(url) == label


# -- schema ------------------------------------------------------------------


@pytest.mark.postgres
def test_open_creates_schema_with_text_search_index(fresh_postgres_url: str) -> None:
    PostgresStore(fresh_postgres_url).close()
    with PostgresStore(fresh_postgres_url) as store:  # a second open finds it migrated
        assert store.count_documents() == 0
    with psycopg.connect(fresh_postgres_url, autocommit=True) as connection:
        [(version,)] = connection.execute("SELECT version FROM armstrace_schema_version").fetchall()
        [(index,)] = connection.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND indexname = 'documents_search'"
        ).fetchall()
    assert version == SCHEMA_VERSION
    assert "USING gin (search_vector)" in index


@pytest.mark.postgres
def test_search_uses_the_text_search_index(fresh_postgres_url: str) -> None:
    with PostgresStore(fresh_postgres_url) as store:
        for number in range(30):
            store.add_document(make_document(number))
    with psycopg.connect(fresh_postgres_url, autocommit=True) as connection:
        connection.execute("ANALYZE documents")
        connection.execute("SET enable_seqscan = off")
        plan = "\n".join(
            row[0]
            for row in connection.execute(
                "EXPLAIN SELECT id FROM documents "
                "WHERE search_vector @@ websearch_to_tsquery('armstrace_english', 'radars')"
            )
        )
    assert "documents_search" in plan


@pytest.mark.postgres
def test_open_foreign_schema_raises_store_error(fresh_postgres_url: str) -> None:
    with psycopg.connect(fresh_postgres_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE invoices (id integer PRIMARY KEY)")
    with pytest.raises(StoreError, match="not an armstrace one .*invoices"):
        PostgresStore(fresh_postgres_url)


@pytest.mark.postgres
def test_open_newer_schema_raises_store_error(fresh_postgres_url: str) -> None:
    PostgresStore(fresh_postgres_url).close()
    with psycopg.connect(fresh_postgres_url, autocommit=True) as connection:
        connection.execute(f"UPDATE armstrace_schema_version SET version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this armstrace knows"):
        PostgresStore(fresh_postgres_url)


@pytest.mark.postgres
def test_open_missing_database_says_how_to_create_it(postgres_url: str) -> None:
    url = postgres_url.rsplit("/", 1)[0] + "/no_such_armstrace_db"
    with pytest.raises(StoreError) as raised:
        PostgresStore(url)
    message = str(raised.value)
    assert "does not exist; create it with: createdb no_such_armstrace_db" in message
    assert "\n" not in message


@pytest.mark.postgres
def test_open_wrong_password_is_one_line_without_the_password(postgres_url: str) -> None:
    scheme, rest = postgres_url.split("://", 1)
    user = rest.split("@", 1)[0].split(":", 1)[0]
    url = f"{scheme}://{user}:wrong-password@{rest.split('@', 1)[1]}"
    with pytest.raises(StoreError, match="refused the user or password") as raised:
        PostgresStore(url)
    assert "wrong-password" not in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.postgres
def test_two_schemas_of_one_database_are_two_stores(
    fresh_postgres_url: str, postgres_url: str
) -> None:
    document = make_document()
    with PostgresStore(fresh_postgres_url) as store:
        store.add_document(document, [make_record(document)])
    other = fresh_postgres_url.replace("search_path%3Dtest_", "search_path%3Dother_")
    schema = other.rsplit("%3D", 1)[1]
    _query(postgres_url, f"CREATE SCHEMA {schema}")
    try:
        with PostgresStore(other) as store:
            assert store.count_documents() == 0
    finally:
        _query(postgres_url, f"DROP SCHEMA {schema} CASCADE")


# -- several processes at once -------------------------------------------------


def _dev_documents(shared_data: Path) -> list[str]:
    """Return the JSON lines of the Reuters documents of the development set, in its order."""
    wanted = (shared_data / "dev" / "documents.txt").read_text().split()
    found: dict[str, str] = {}
    with (shared_data / "corpora" / "reuters21578.jsonl").open(encoding="utf-8") as corpus:
        for line in corpus:
            identifier = json.loads(line)["id"]
            if identifier in wanted:
                found[identifier] = line
    return [found[identifier] for identifier in wanted if identifier in found]


def _deals_of(store: Store) -> list[dict[str, Any]]:
    return sorted((deal.to_json() for deal in store.iter_deals()), key=lambda deal: deal["id"])


@pytest.mark.postgres
@pytest.mark.slow
def test_concurrent_ingests_of_overlapping_inputs_store_everything_once(
    fresh_postgres_url: str, shared_data: Path, tmp_path: Path, extractor: Any
) -> None:
    lines = _dev_documents(shared_data)
    lines = lines[:40]  # the first are the positives: many records, shared deals
    assert len(lines) == 40
    # Three overlapping slices, one backwards, so the processes meet on the same
    # documents (and the same deals) at the same moments.
    slices = [lines[0:28], lines[12:], list(reversed(lines[6:34]))]
    inputs = []
    for number, chosen in enumerate(slices):
        path = tmp_path / f"slice-{number}.jsonl"
        path.write_text("".join(chosen), encoding="utf-8")
        inputs.append(path)
    environment = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "armstrace.cli", "ingest", str(path),
             "--db", fresh_postgres_url, "--quiet"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
        )
        for path in inputs
    ]
    # A reader (what the web server does) is never blocked by the writers.
    reads = 0
    while any(writer.poll() is None for writer in writers):
        try:
            with PostgresStore(fresh_postgres_url) as reader:
                reader.count_deals()
                reader.search("oil")
                reads += 1
        except StoreError as error:  # only while the first writer creates the schema
            assert "armstrace" in str(error) or "does not exist" in str(error), error
        time.sleep(0.05)
    for writer in writers:
        _, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors
    assert reads > 0

    everything = tmp_path / "all.jsonl"
    everything.write_text("".join(lines), encoding="utf-8")
    with SQLiteStore(tmp_path / "serial.db") as serial:
        ingest_documents(read_path(everything), serial, extractor)
        expected_records = sorted(record.id for record in serial.iter_records())
        expected_deals = _deals_of(serial)
    assert expected_records and expected_deals

    with PostgresStore(fresh_postgres_url) as store:
        assert store.count_documents() == len(lines)
        assert sorted(record.id for record in store.iter_records()) == expected_records
        assert list(store.iter_unmerged_records()) == []
        assert _deals_of(store) == expected_deals
    [(documents, distinct_documents)] = _query(
        fresh_postgres_url, "SELECT count(*), count(DISTINCT id) FROM documents"
    )
    [(links, distinct_links)] = _query(
        fresh_postgres_url, "SELECT count(*), count(DISTINCT record_id) FROM deal_records"
    )
    assert documents == distinct_documents == len(lines)
    assert links == distinct_links == len(expected_records)


@pytest.mark.postgres
def test_add_document_at_once_from_two_connections_stores_it_once(
    fresh_postgres_url: str,
) -> None:
    document = make_document()
    records = [make_record(document)]
    with PostgresStore(fresh_postgres_url) as first, PostgresStore(fresh_postgres_url) as second:
        # The first holds its transaction open; the second's insert waits for it.
        with first._transaction():
            assert first.add_document(document, records)
            holder = subprocess.Popen(
                [sys.executable, "-c", _ADD_AGAIN, fresh_postgres_url, str(REPO / "src"),
                 str(Path(__file__).parent)],
                stdout=subprocess.PIPE, text=True,
            )
            time.sleep(0.5)
            assert holder.poll() is None, "the second writer did not wait for the first"
        output, _ = holder.communicate(timeout=60)
        assert output.strip() == "False"
        assert second.count_documents() == 1
        assert second.count_records() == 1


_ADD_AGAIN = """
import sys
url, source, tests = sys.argv[1:4]
sys.path[:0] = [source, tests]
from builders import make_document, make_record
from armstrace.store.postgres import PostgresStore
document = make_document()
with PostgresStore(url) as store:
    print(store.add_document(document, [make_record(document)]))
"""


# -- the command line ------------------------------------------------------------


@pytest.mark.postgres
def test_cli_ingest_and_deals_give_what_sqlite_gives(
    fresh_postgres_url: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    outputs = []
    for db in (fresh_postgres_url, str(tmp_path / "register.db")):
        ingested = runner.invoke(
            app, ["ingest", *map(str, CLI_ARTICLES), "--db", db, "--quiet",
                  "--published", "2022-01-01"],
            catch_exceptions=False,
        )
        assert ingested.exit_code == 0, ingested.stderr
        deals = runner.invoke(app, ["deals", "--db", db, "--json"], catch_exceptions=False)
        assert deals.exit_code == 0, deals.stderr
        outputs.append([json.loads(line) for line in deals.stdout.splitlines()])
    postgres_deals, sqlite_deals = outputs
    assert postgres_deals, "no deals"
    assert postgres_deals == sqlite_deals
    with open_store(fresh_postgres_url) as store:
        assert store.count_deals() == len(postgres_deals)


def test_cli_names_an_unreachable_postgresql_in_one_line() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://analyst:s3cret@127.0.0.1:{port}/arms"
    result = CliRunner().invoke(app, ["deals", "--db", url], catch_exceptions=False)
    assert result.exit_code == 1
    assert "cannot connect to PostgreSQL" in result.stderr
    assert "s3cret" not in result.stderr + result.stdout
