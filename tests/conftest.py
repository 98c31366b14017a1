"""Fixtures shared by the whole suite: the shared data folder, one extractor, and stores."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from armstrace.store import SQLiteStore, Store

# ARMSTRACE_SHARED_DATA points elsewhere, e.g. from a git worktree that has no ../shared.
SHARED_DATA = Path(
    os.environ.get("ARMSTRACE_SHARED_DATA")
    or Path(__file__).resolve().parents[1].parent / "shared" / "data"
)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Return ../shared/data, or skip: a fresh clone of the repository does not have it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"{SHARED_DATA} is absent: a fresh clone without ../shared (CI always has it)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def extractor():  # noqa: ANN201 - the Extractor type is imported lazily (spaCy)
    """Return one Extractor for the session: loading spaCy and the catalogues takes a second."""
    from armstrace.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def read_transfers(candidate_generator):  # noqa: ANN001, ANN201
    """Return a reader of the (supplier, recipient, weapon, status) of the rules' candidates
    for a text (the record model off)."""

    def read(text: str) -> set[tuple[str | None, str | None, str, str]]:
        return {
            (r.supplier, r.recipient, r.weapon, r.status)
            for r in candidate_generator.extract_text(text)
        }

    return read


@pytest.fixture(scope="session")
def candidate_generator(extractor):  # noqa: ANN001, ANN201
    """Return the extractor with the record model off: the rules' candidates, as read."""
    from armstrace.extract import ExtractConfig, Extractor

    return Extractor(
        knowledge=extractor.knowledge,
        config=ExtractConfig(use_record_model=False),
        nlp=extractor.nlp,
    )


class LoopbackSite:
    """A real HTTP server on 127.0.0.1 answering each path from a script (tests of fetching).

    `answer(path, ...)` appends one response to the path's script; the last one repeats.
    An answer with an `etag` is a 304 to a request that sends it back in If-None-Match.
    Paths without a script get 404 (robots.txt too: no robots.txt allows everything).
    Every request is kept in `requests` as (method, path, headers, body).
    """

    def __init__(self) -> None:
        import http.server
        import threading

        self.scripts: dict[str, list[dict[str, object]]] = {}
        self.served: dict[str, int] = {}
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        self.lock = threading.Lock()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # quiet: pytest shows failures, not access logs

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                self._answer(b"")

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                self._answer(self.rfile.read(length))

            def _answer(self, body: bytes) -> None:
                import time

                with site.lock:
                    site.requests.append((self.command, self.path, dict(self.headers), body))
                    script = site.scripts.get(self.path)
                    if script is None:
                        spec: dict[str, object] = {"status": 404, "body": b"not found"}
                    else:
                        number = site.served.get(self.path, 0)
                        site.served[self.path] = number + 1
                        spec = script[min(number, len(script) - 1)]
                delay = float(spec.get("delay", 0.0))  # type: ignore[arg-type]
                if delay:
                    time.sleep(delay)
                status = int(spec.get("status", 200))  # type: ignore[call-overload]
                payload = spec.get("body", b"")
                data = payload.encode("utf-8") if isinstance(payload, str) else payload
                headers = dict(spec.get("headers", {}))  # type: ignore[call-overload]
                etag = spec.get("etag")
                if etag is not None:
                    headers["ETag"] = etag
                    if self.headers.get("If-None-Match") == etag:
                        status, data = 304, b""
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)  # type: ignore[arg-type]
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (timeout tests)

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                import sys

                if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
                    # a client closing its kept-alive connection: socketserver would print
                    # a traceback to whatever sys.stderr is then, often a test's capture
                    return
                super().handle_error(request, client_address)  # type: ignore[arg-type]

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def root(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.root + path

    def answer(self, path: str, body: str | bytes = b"", *, status: int = 200,
               content_type: str = "text/html; charset=utf-8", headers: dict[str, str] | None
               = None, etag: str | None = None, delay: float = 0.0) -> None:
        all_headers = {"Content-Type": content_type, **(headers or {})}
        self.scripts.setdefault(path, []).append(
            {"status": status, "body": body, "headers": all_headers, "etag": etag,
             "delay": delay}
        )

    def hits(self, path: str, method: str = "GET") -> int:
        return sum(1 for m, p, _h, _b in self.requests if p == path and m == method)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():  # noqa: ANN201
    """Return a LoopbackSite on 127.0.0.1; nothing a test fetches leaves the machine."""
    server = LoopbackSite()
    yield server
    server.close()


# -- stores: one suite over SQLite and PostgreSQL -----------------------------------------------

POSTGRES_URL_VARIABLE = "ARMSTRACE_TEST_POSTGRES_URL"

# Every store test runs once per backend; the PostgreSQL run carries the `postgres` marker.
STORE_BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


class FakeClock:
    """A clock that moves one minute each time it is read."""

    def __init__(self) -> None:
        self.now = dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """Return the URL of the test PostgreSQL server, or skip: .ci/run starts one and sets it."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        pytest.skip(
            f"{POSTGRES_URL_VARIABLE} is unset: .ci/run starts a throwaway PostgreSQL and sets it"
        )
    _create_unaccent_in_public(url)
    return url


def _create_unaccent_in_public(url: str) -> None:
    """Create the unaccent extension in `public`, once for the whole database.

    Otherwise the first test schema to migrate creates it in itself, and that
    schema's DROP ... CASCADE takes it away from the text search of every schema
    that another test worker is using at that moment ("cache lookup failed for
    text search dictionary").
    """
    import psycopg

    # UniqueViolation: another test worker created it at the same moment.
    with (
        psycopg.connect(url, autocommit=True) as connection,
        contextlib.suppress(psycopg.errors.UniqueViolation),
    ):
        connection.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")


@pytest.fixture
def fresh_postgres_url(postgres_url: str) -> Iterator[str]:
    """Return a URL of the test server whose search_path is a new, empty schema; drop it after."""
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in postgres_url else "?"
    yield f"{postgres_url}{separator}options=-csearch_path%3D{schema}"
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=STORE_BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return where a new, empty store of each backend is: an SQLite file, a PostgreSQL URL."""
    if request.param == "postgres":
        return str(request.getfixturevalue("fresh_postgres_url"))
    return str(tmp_path / "register.db")


def open_test_store(url: str, clock: Callable[[], dt.datetime] | None = None) -> Store:
    """Open the store at a `store_url`, with a clock of the test's when given."""
    options = {} if clock is None else {"clock": clock}
    if url.startswith("postgresql://"):
        from armstrace.store.postgres import PostgresStore

        return PostgresStore(url, **options)
    return SQLiteStore(url, **options)


@pytest.fixture
def store(store_url: str, clock: FakeClock) -> Iterator[Store]:
    """Yield a new, empty store of each backend."""
    with open_test_store(store_url, clock) as opened:
        yield opened


def undo_migrations(url: str, statements: list[str], count: int) -> None:
    """Take the store at a `store_url` back `count` migrations by hand: run the SQL that
    undoes them (`statements`) and set the schema version, as an older armstrace left it."""
    if url.startswith("postgresql://"):
        import psycopg

        from armstrace.store.postgres_migrations import SCHEMA_VERSION as POSTGRES_VERSION

        with psycopg.connect(url, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)
            connection.execute("UPDATE armstrace_schema_version SET version = %s",
                               (POSTGRES_VERSION - count,))
        return
    import sqlite3
    from contextlib import closing

    from armstrace.store.migrations import SCHEMA_VERSION as SQLITE_VERSION

    with closing(sqlite3.connect(url, isolation_level=None)) as connection:
        for statement in statements:
            connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SQLITE_VERSION - count}")
