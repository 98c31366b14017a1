"""End to end: every input format, and every kind of bad input, through `armstrace ingest`.

Each test writes a real SQLite file and reads it back with `armstrace records --json` or
with `sqlite3`. The articles are short texts about publicly reported deals, written for
these tests (tests/fixtures/cli/); WARC archives and bad inputs are written here. Most
runs are in-process (typer's CliRunner, one Extractor for the whole session); real
processes are started only where the protocol matters: a pipe on stdin, kill -9, Ctrl-C.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from tests.processes import (
    SYSTEM_TICKS,
    USER_TICKS,
    child_processes,
    kill_all,
    process_stat,
    wait_until_ended,
)
from typer.testing import CliRunner, Result
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from armstrace.cli import app

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "cli"
RUNNER = CliRunner()

Expected = tuple[str, str, str]  # supplier ISO3, recipient ISO3, a word of the weapon's name

TEXT_ARTICLE = FIXTURES / "poland-k2-tanks.txt"
HTML_PAGE = FIXTURES / "germany-iris-t.html"
JSONL_FILE = FIXTURES / "wire.jsonl"
RSS_FEED = FIXTURES / "wire.rss"
ATOM_FEED = FIXTURES / "wire.atom"

# Not top-level fixtures (those are the articles in one file each): the page archived in
# the WARC files written here, and the article piped to standard input.
WARC_PAGE = (FIXTURES / "payloads" / "hungary-leopard-page.html").read_bytes()
STDIN_ARTICLE = (FIXTURES / "payloads" / "india-s400-stdin.txt").read_bytes()

EXPECTED: dict[str, list[Expected]] = {
    "txt": [("KOR", "POL", "K2")],
    "html": [("DEU", "UKR", "IRIS-T")],
    "jsonl": [("FRA", "EGY", "Rafale"), ("FRA", "GRC", "Rafale")],
    "rss": [("IND", "PHL", "BrahMos"), ("USA", "UKR", "HIMARS")],
    "atom": [("SWE", "BRA", "Gripen"), ("FRA", "ARE", "Rafale")],
    "warc": [("DEU", "HUN", "Leopard")],
}
STDIN_EXPECTED: list[Expected] = [("RUS", "IND", "S-400")]


# --- helpers -------------------------------------------------------------------------------------


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """Run the CLI in this process; exceptions other than exits propagate (a crash fails)."""
    return RUNNER.invoke(app, [str(arg) for arg in args], env=env, catch_exceptions=False)


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("ARMSTRACE_DB", None)
    return env


def cli_command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "armstrace.cli", *(str(arg) for arg in args)]


def query(db: Path, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Run one query on an SQLite file with the standard library, as any SQLite tool would."""
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute(sql, parameters).fetchall()


def count(db: Path, table: str) -> int:
    [(number,)] = query(db, f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
    assert isinstance(number, int)
    return number


def integrity(db: Path) -> str:
    return str(query(db, "PRAGMA integrity_check")[0][0])


def stored_records(db: Path) -> list[dict[str, object]]:
    """Return the records `armstrace records --json` prints for a database."""
    result = invoke("records", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def has_record(records: list[dict[str, object]], expected: Expected) -> bool:
    supplier, recipient, weapon_word = expected
    for record in records:
        names = f"{record['weapon']} {record['weapon_family'] or ''}".lower()
        if (
            record["kind"] == "transfer"
            and record["supplier"] == supplier
            and record["recipient"] == recipient
            and weapon_word.lower() in names
        ):
            return True
    return False


def write_warc(path: Path, pages: list[tuple[str, bytes]], *, compress: bool) -> None:
    """Write an archive of HTML responses, each behind a request and before an image response."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=compress)
        for url, html in pages:
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.org")],
                                              is_http_request=True),
            )
            writer.write_record(request)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(html), http_headers=headers
            ))
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url + "/logo.png", "response", payload=io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"),
                http_headers=image,
            ))


def make_warc(folder: Path) -> Path:
    path = folder / "crawl.warc"
    write_warc(path, [("https://example.org/2018/12/20/hungary-leopard", WARC_PAGE)],
               compress=False)
    return path


INPUTS: dict[str, Callable[[Path], Path]] = {
    "txt": lambda _: TEXT_ARTICLE,
    "html": lambda _: HTML_PAGE,
    "jsonl": lambda _: JSONL_FILE,
    "rss": lambda _: RSS_FEED,
    "atom": lambda _: ATOM_FEED,
    "warc": make_warc,
}


def make_corpus(folder: Path) -> Path:
    """Lay out every good input in a tree two levels deep; return its root."""
    root = folder / "corpus"
    (root / "text").mkdir(parents=True)
    (root / "web" / "pages").mkdir(parents=True)
    (root / "feeds").mkdir()
    shutil.copy(TEXT_ARTICLE, root / "text")
    shutil.copy(HTML_PAGE, root / "web" / "pages")
    shutil.copy(JSONL_FILE, root / "feeds")
    shutil.copy(RSS_FEED, root / "feeds")
    shutil.copy(ATOM_FEED, root / "feeds")
    make_warc(root / "web")
    return root


# --- 2. every input format, end to end -----------------------------------------------------------


@pytest.mark.parametrize("input_format", sorted(INPUTS))
def test_ingest_stores_records_of_each_format(input_format: str, tmp_path: Path) -> None:
    path = INPUTS[input_format](tmp_path)
    db = tmp_path / "register.db"

    result = invoke("ingest", path, "--db", db, "--published", "2022-01-01", "--quiet")

    assert result.exit_code == 0, result.stderr
    records = stored_records(db)
    found = [(r["supplier"], r["recipient"], r["weapon"]) for r in records]
    assert [e for e in EXPECTED[input_format] if not has_record(records, e)] == [], found
    sources = {str(record["document"]["source"]) for record in records}  # type: ignore[index]
    assert all(source.startswith(str(path)) for source in sources)


def test_ingest_html_stores_the_article_without_page_furniture(tmp_path: Path) -> None:
    db = tmp_path / "register.db"

    invoke("ingest", HTML_PAGE, "--db", db, "--quiet")

    [(text, published)] = query(db, "SELECT text, published FROM documents")
    assert "IRIS-T SLM air defence system to Ukraine" in str(text)
    for furniture in ("cookies", "Subscribe now", "Advertisement", "Ten recipes", "Copyright"):
        assert furniture not in str(text)
    assert published == "2022-10-11"


def test_ingest_warc_passes_over_requests_and_images(tmp_path: Path) -> None:
    db = tmp_path / "register.db"

    result = invoke("ingest", make_warc(tmp_path), "--db", db, "--quiet")

    assert result.exit_code == 0
    assert count(db, "documents") == 1
    assert count(db, "skipped") == 0
    assert result.stderr == ""


def test_ingest_walks_a_directory_recursively(tmp_path: Path) -> None:
    root = make_corpus(tmp_path)
    db = tmp_path / "register.db"

    result = invoke("ingest", root, "--db", db, "--published", "2022-01-01", "--quiet")

    assert result.exit_code == 0, result.stderr
    records = stored_records(db)
    expected = [e for entries in EXPECTED.values() for e in entries]
    assert [e for e in expected if not has_record(records, e)] == []
    assert count(db, "documents") == 9  # 1 txt + 1 html + 2 jsonl + 2 rss + 2 atom + 1 warc
    assert count(db, "skipped") == 0


def test_ingest_reads_standard_input_from_a_pipe(tmp_path: Path) -> None:
    db = tmp_path / "register.db"

    process = subprocess.run(
        cli_command("ingest", "-", "--db", db, "--published", "2021-12-06"),
        input=STDIN_ARTICLE, capture_output=True, env=subprocess_env(),
        cwd=tmp_path, timeout=60, check=False,
    )

    assert process.returncode == 0, process.stderr.decode()
    records = stored_records(db)
    assert [e for e in STDIN_EXPECTED if not has_record(records, e)] == []
    assert query(db, "SELECT source, title, published FROM documents") == [
        ("<stdin>", "India receives first S-400 systems from Russia", "2021-12-06")
    ]


def test_ingest_max_bytes_lowers_the_size_limit(tmp_path: Path) -> None:
    db = tmp_path / "register.db"

    result = invoke("ingest", TEXT_ARTICLE, "--db", db, "--max-bytes", "100")

    assert result.exit_code == 1
    assert "over the 0.0001 MB limit" in result.stderr
    assert count(db, "documents") == 0


# --- 3. bad input --------------------------------------------------------------------------------


def _gzip_cut(data: bytes, keep: float) -> bytes:
    packed = gzip.compress(data)
    return packed[: int(len(packed) * keep)]


def _truncated_warc_gz(path: Path) -> None:
    pages = [(f"https://example.org/{n}", WARC_PAGE.replace(b"Wednesday", b"day %d" % n))
             for n in range(3)]
    write_warc(path, pages, compress=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # ends inside a gzip member of the second page


def _broken_record_warc(path: Path) -> None:
    write_warc(path, [("https://example.org/before", WARC_PAGE)], compress=False)
    with path.open("ab") as stream:
        stream.write(b"this line should be a WARC/1.0 header but is not\r\n\r\n")
        stream.write(b"WARC-Type: response\r\nContent-Length: 12\r\n\r\nnot a record\r\n\r\n")


def _jsonl_bad_in_the_middle(path: Path) -> None:
    first, second = JSONL_FILE.read_text(encoding="utf-8").splitlines()
    path.write_text(f'{first}\n{{"id": "broken", "text": "no closing quote}}\n{second}\n',
                    encoding="utf-8")


def _huge_text(path: Path) -> None:
    with path.open("wb") as stream:
        stream.write(b"A title\n\nSome text.\n")
        stream.truncate(50_000_000)  # sparse: 50 MB on paper, nothing written to disk


# name -> (how to write it, what the stderr line and the stored reason say, source in skipped)
BAD_INPUTS: dict[str, tuple[Callable[[Path], object], str, str]] = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty file", "empty.txt"),
    "scan.png": (
        lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
        "binary", "scan.png",
    ),
    "latin1.txt": (
        lambda p: p.write_bytes("Défense\n\nLa Grèce a signé un contrat.\n".encode("latin-1")),
        "cannot decode as UTF-8", "latin1.txt",
    ),
    "mixed.jsonl": (_jsonl_bad_in_the_middle, "malformed JSON", "mixed.jsonl:2"),
    "page.html.gz": (
        lambda p: p.write_bytes(_gzip_cut(HTML_PAGE.read_bytes(), 0.5)),
        "truncated or corrupt gzip", "page.html.gz",
    ),
    "cut.warc.gz": (_truncated_warc_gz, "truncated", "cut.warc.gz"),
    "broken.warc": (_broken_record_warc, "broken WARC record", "broken.warc#record-"),
    "huge.txt": (_huge_text, "50.0 MB, over the 10 MB limit", "huge.txt"),
    "[draft] notes.txt": (lambda p: p.write_bytes(b"   \n"), "empty file", "[draft] notes.txt"),
}


# Bugs found by these tests in modules this file does not own, by test and input; strict
# xfail, so that the fix is noticed and the mark removed.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def bad_input_params(test: str) -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[test, name]))
        if (test, name) in KNOWN_BUGS else name
        for name in sorted(BAD_INPUTS)
    ]


class IngestRun:
    """One ingest over a folder of bad inputs and one good article, and what it left."""

    def __init__(self, folder: Path) -> None:
        self.inputs = folder / "inputs"
        self.inputs.mkdir()
        for name, (write, _, _) in BAD_INPUTS.items():
            write(self.inputs / name)
        shutil.copy(TEXT_ARTICLE, self.inputs)
        self.db = folder / "register.db"
        self.result = invoke("ingest", self.inputs, "--db", self.db, "--quiet",
                             "--published", "2022-08-26")
        self.stderr_lines = self.result.stderr.splitlines()


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory) -> IngestRun:
    return IngestRun(tmp_path_factory.mktemp("bad-inputs"))


@pytest.mark.parametrize("name", bad_input_params("stderr"))
def test_ingest_reports_bad_input_in_one_stderr_line(bad_run: IngestRun, name: str) -> None:
    _, problem, _ = BAD_INPUTS[name]

    lines = [line for line in bad_run.stderr_lines if name in line]

    assert len(lines) == 1, bad_run.stderr_lines
    assert problem in lines[0]


@pytest.mark.parametrize("name", bad_input_params("table"))
def test_ingest_stores_bad_input_in_skipped_table(bad_run: IngestRun, name: str) -> None:
    _, problem, source = BAD_INPUTS[name]

    rows = query(bad_run.db, "SELECT source, stage, reason FROM skipped WHERE instr(source, ?) > 0",
                 (name,))

    assert len(rows) == 1, rows
    [(stored_source, stage, reason)] = rows
    assert source in str(stored_source)
    assert stage == "ingest"
    assert problem in str(reason)


@pytest.mark.parametrize("name", bad_input_params("reason"))
def test_ingest_stores_reasons_of_one_line(bad_run: IngestRun, name: str) -> None:
    rows = query(bad_run.db, "SELECT reason FROM skipped WHERE instr(source, ?) > 0", (name,))

    assert rows
    assert all(str(reason).strip() and "\n" not in str(reason) and "\r" not in str(reason)
               for (reason,) in rows)


def test_ingest_reports_nothing_but_the_bad_inputs_when_quiet(bad_run: IngestRun) -> None:
    assert bad_run.stderr_lines
    assert all(line.startswith("skipped ") for line in bad_run.stderr_lines)


def test_ingest_stores_good_inputs_beside_bad_ones(bad_run: IngestRun) -> None:
    sources = {str(row[0]).removeprefix(str(bad_run.inputs) + os.sep)
               for row in query(bad_run.db, "SELECT source FROM documents")}

    assert bad_run.result.exit_code == 0
    # The good article, both good lines around the malformed one, and the page before
    # the broken WARC record.
    assert {"poland-k2-tanks.txt", "mixed.jsonl:1", "mixed.jsonl:3"} <= sources
    assert any(source.startswith("broken.warc#<urn:uuid:") for source in sources)
    assert has_record(stored_records(bad_run.db), EXPECTED["txt"][0])


def test_ingest_leaves_database_consistent_after_bad_inputs(bad_run: IngestRun) -> None:
    assert integrity(bad_run.db) == "ok"
    assert query(bad_run.db, "PRAGMA foreign_key_check") == []


@pytest.mark.parametrize(
    ("names", "exit_code"),
    [
        (["empty.txt"], 1),
        (["empty.txt", "scan.png", "huge.txt"], 1),
        (["empty.txt", "poland-k2-tanks.txt"], 0),
    ],
    ids=["only-empty", "only-bad", "bad-and-good"],
)
def test_ingest_exit_status_says_whether_anything_was_ingested(
    tmp_path: Path, names: list[str], exit_code: int
) -> None:
    paths = []
    for name in names:
        if name in BAD_INPUTS:
            BAD_INPUTS[name][0](tmp_path / name)
            paths.append(tmp_path / name)
        else:
            paths.append(FIXTURES / name)

    result = invoke("ingest", *paths, "--db", tmp_path / "register.db", "--quiet")

    assert result.exit_code == exit_code, result.stderr


def _cut_short_warc(path: Path) -> None:
    write_warc(path, [("https://example.org/before", WARC_PAGE)], compress=False)
    with path.open("ab") as stream:  # a last record whose body ends 9,989 bytes early
        stream.write(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:cut>\r\n"
                     b"Content-Length: 9999\r\n\r\nshort body\r\n\r\n")


@pytest.fixture(scope="module")
def cut_short_run(tmp_path_factory: pytest.TempPathFactory) -> Result:
    folder = tmp_path_factory.mktemp("cut-short")
    _cut_short_warc(folder / "short.warc")
    return invoke("ingest", folder / "short.warc", "--db", folder / "register.db", "--quiet")


def test_ingest_reports_a_warc_record_cut_short_in_one_line(cut_short_run: Result) -> None:
    assert cut_short_run.exit_code == 0  # the page before it is stored
    assert len(cut_short_run.stderr.splitlines()) == 1, cut_short_run.stderr
    assert "short.warc#" in cut_short_run.stderr


def test_ingest_reports_a_warc_record_cut_short_clearly(cut_short_run: Result) -> None:
    assert "NoneType" not in cut_short_run.stderr
    assert "truncated" in cut_short_run.stderr or "cut short" in cut_short_run.stderr


# --- 4. idempotent re-runs -----------------------------------------------------------------------


def test_ingest_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    root = make_corpus(tmp_path)
    db = tmp_path / "register.db"
    invoke("ingest", root, "--db", db, "--published", "2022-01-01")
    first = (count(db, "documents"), count(db, "records"))

    second_run = invoke("ingest", root, "--db", db, "--published", "2022-01-01")

    assert (count(db, "documents"), count(db, "records")) == first
    assert second_run.exit_code == 0
    assert f"0 documents added ({first[0]} already stored), 0 records" in second_run.stderr


# --- 5. interrupted runs -------------------------------------------------------------------------

DEALS = [
    ("South Korea", "Poland", "K9 self-propelled howitzers", 212),
    ("France", "Greece", "Rafale fighter jets", 6),
    ("the United States", "Poland", "Abrams tanks", 250),
    ("Germany", "Hungary", "Leopard 2A7 tanks", 44),
    ("Sweden", "Brazil", "Gripen fighters", 36),
    ("Russia", "India", "S-400 air defence systems", 5),
    ("Turkey", "Ukraine", "Bayraktar TB2 drones", 6),
    ("France", "Indonesia", "Rafale fighter jets", 42),
    ("the United States", "Taiwan", "F-16 fighter jets", 66),
    ("Italy", "Qatar", "NH90 helicopters", 28),
]
TEMPLATES = [
    "{recipient} signed a contract with {supplier} for {n} {weapon}, the defence ministry said.",
    "{supplier} delivered {n} {weapon} to {recipient}, officials said on Tuesday.",
    "{recipient} ordered {n} {weapon} from {supplier}, the government said in a statement.",
    "{supplier} will supply {n} {weapon} to {recipient} under an agreement announced today.",
]
FOLLOW_UP = (
    "Officials said the {weapon} would replace older equipment. "
    "The ministry gave no further details of the schedule."
)


def write_many_articles(folder: Path) -> int:
    """Write one small article per deal and wording (40), in ten sub-folders; return how many."""
    written = 0
    for number, (supplier, recipient, weapon, quantity) in enumerate(DEALS):
        sub = folder / f"batch-{number:02d}"
        sub.mkdir(parents=True)
        for wording, template in enumerate(TEMPLATES):
            sentence = template.format(supplier=supplier, recipient=recipient.removeprefix("the "),
                                       weapon=weapon, n=quantity)
            body = sentence[0].upper() + sentence[1:] + " " + FOLLOW_UP.format(weapon=weapon)
            (sub / f"article-{wording}.txt").write_text(
                f"{recipient} and {weapon} ({number}-{wording})\n\n{body}\n", encoding="utf-8"
            )
            written += 1
    return written


class Reference:
    """An uninterrupted ingest of the 40 articles: what an interrupted one must end up equal to."""

    def __init__(self, folder: Path) -> None:
        self.articles = folder / "articles"
        self.total = write_many_articles(self.articles)
        self.db = folder / "reference.db"
        result = invoke("ingest", self.articles, "--db", self.db, "--quiet",
                        "--published", "2023-03-01")
        assert result.exit_code == 0, result.stderr
        self.documents = set(query(self.db, "SELECT id FROM documents"))
        self.records = set(query(self.db, "SELECT id FROM records"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    return Reference(tmp_path_factory.mktemp("reference"))


def documents_stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created or migrated yet, or locked for a moment
        return 0


class Interrupted:
    """An ingest of the 40 articles in two workers sent a signal once it has stored a few documents.

    What the signal left is measured at once: the database, and which of the worker
    processes seen just before the signal still run a few seconds after it; `copy` is a
    snapshot of the database files (main file and write-ahead log) for the run that
    completes it.
    """

    def __init__(self, articles: Path, folder: Path, signal_number: signal.Signals) -> None:
        self.signal_number = signal_number
        self.db = folder / "interrupted.db"
        # Two workers whatever the machine: the pool is what a signal must not leave behind.
        with subprocess.Popen(
            cli_command("ingest", articles, "--db", self.db, "--quiet", "--workers", "2",
                        "--published", "2023-03-01"),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=subprocess_env(),
        ) as process:
            deadline = time.monotonic() + 60
            # The workers are found first (they start before anything is stored): looking
            # for them between the count and the signal would let the ingest run on.
            while len(workers := child_processes(process.pid)) < 2:
                assert process.poll() is None, "the ingest ended before its workers were seen"
                assert time.monotonic() < deadline, "no two workers within 60 s"
                time.sleep(0.02)
            self.workers = workers
            while documents_stored(self.db) < 3 and process.poll() is None:
                assert time.monotonic() < deadline, "the ingest stored nothing within 60 s"
                time.sleep(0.005)
            self.stored_at_signal = documents_stored(self.db)
            process.send_signal(signal_number)
            # Read until every holder of the pipe (the ingest, its workers) has closed it.
            _, stderr = process.communicate(timeout=60)
        self.workers_left = wait_until_ended(self.workers, 5)
        kill_all(self.workers_left)
        self.exit_status = process.returncode
        self.stderr = stderr.decode("utf-8", errors="replace")
        self.copy = folder / "completed.db"
        for suffix in ("", "-wal"):
            if Path(f"{self.db}{suffix}").exists():
                shutil.copy(f"{self.db}{suffix}", f"{self.copy}{suffix}")
        self.integrity = integrity(self.db)
        self.foreign_key_problems = query(self.db, "PRAGMA foreign_key_check")
        self.documents = count(self.db, "documents")


@pytest.fixture(scope="module", params=[signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def interrupted(
    request: pytest.FixtureRequest, reference: Reference, tmp_path_factory: pytest.TempPathFactory
) -> Interrupted:
    folder = tmp_path_factory.mktemp("interrupted")
    return Interrupted(reference.articles, folder, request.param)


def test_ingest_interrupted_stops_half_way(reference: Reference, interrupted: Interrupted) -> None:
    # kill -9 ends the process where it stands; Ctrl-C exits with the shell's 128 + SIGINT.
    expected = {signal.SIGKILL: -signal.SIGKILL, signal.SIGINT: 128 + signal.SIGINT}
    assert interrupted.exit_status == expected[interrupted.signal_number]
    assert 3 <= interrupted.stored_at_signal < reference.total, "not interrupted half way"
    assert interrupted.documents < reference.total
    # Nothing prints a traceback: not the ingest, and not a pool worker left without its
    # parent by kill -9 (it exits at once and silently, see scale/pool.py).
    assert "Traceback" not in interrupted.stderr, interrupted.stderr


def test_ingest_interrupted_leaves_no_worker_running(interrupted: Interrupted) -> None:
    # kill -9 gives the workers no word: each ends by itself when its parent is gone.
    assert len(interrupted.workers) == 2
    assert interrupted.workers_left == []


def test_ingest_interrupted_leaves_a_sound_database(interrupted: Interrupted) -> None:
    assert interrupted.integrity == "ok"
    assert interrupted.foreign_key_problems == []


def test_ingest_after_interruption_completes_the_run(
    reference: Reference, interrupted: Interrupted
) -> None:
    db = interrupted.copy

    result = invoke("ingest", reference.articles, "--db", db, "--quiet",
                    "--published", "2023-03-01")

    assert result.exit_code == 0, result.stderr
    assert count(db, "documents") == len(reference.documents) == reference.total
    assert count(db, "records") == len(reference.records)
    assert set(query(db, "SELECT id FROM documents")) == reference.documents
    assert set(query(db, "SELECT id FROM records")) == reference.records
    assert query(db, "SELECT source FROM documents GROUP BY source HAVING count(*) > 1") == []


# --- a signal while the workers are in the middle of a batch --------------------------------------


def write_long_articles(path: Path, articles: int, rounds: int) -> Path:
    """Write JSON Lines of long articles: every deal's wording, `rounds` times, numbers varied.

    Eight rounds make an article of about 17,000 characters, which takes a worker tenths
    of a second of CPU: a batch of 32 takes several seconds, far longer than the workers
    are given below to end once their parent is gone.
    """
    with path.open("w", encoding="utf-8") as lines:
        for number in range(articles):
            paragraphs = []
            for round_ in range(rounds):
                for supplier, recipient, weapon, quantity in DEALS:
                    template = TEMPLATES[(number + round_) % len(TEMPLATES)]
                    sentence = template.format(
                        supplier=supplier, recipient=recipient.removeprefix("the "),
                        weapon=weapon, n=quantity + round_,
                    )
                    paragraphs.append(sentence[0].upper() + sentence[1:] + " "
                                      + FOLLOW_UP.format(weapon=weapon))
            article = {"id": f"long-{number}", "title": f"Deals, round-up {number}",
                       "published": "2023-03-01", "text": "\n\n".join(paragraphs)}
            lines.write(json.dumps(article) + "\n")
    return path


def wait_for_busy_workers(pid: int, workers: int, cpu_seconds: float) -> dict[int, str]:
    """Wait until `pid` has `workers` children that have each used `cpu_seconds` of CPU."""
    ticks = cpu_seconds * os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + 120
    while True:
        children = child_processes(pid)
        stats = [process_stat(child) for child in children]
        busy = [s for s in stats if s and int(s[USER_TICKS]) + int(s[SYSTEM_TICKS]) >= ticks]
        if len(busy) >= workers:
            return children
        assert time.monotonic() < deadline, f"{workers} workers not busy within 120 s"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def long_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Three batches: two workers, each with a batch of its own to be in the middle of.
    return write_long_articles(tmp_path_factory.mktemp("long") / "long.jsonl", 96, 8)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
@pytest.mark.parametrize("to_group", [False, True], ids=["kill-9", "ctrl-c-at-a-terminal"])
def test_ingest_signalled_mid_batch_leaves_no_worker_running(
    long_articles: Path, tmp_path: Path, to_group: bool
) -> None:
    # kill -9 of the ingest alone; or Ctrl-C at a terminal, which sends SIGINT to the
    # whole foreground process group, the workers included.
    signal_number = signal.SIGINT if to_group else signal.SIGKILL
    stderr_path = tmp_path / "stderr.txt"
    with stderr_path.open("wb") as stderr, subprocess.Popen(
        cli_command("ingest", long_articles, "--db", tmp_path / "long.db", "--quiet",
                    "--workers", "2"),
        stdout=subprocess.DEVNULL, stderr=stderr, env=subprocess_env(), start_new_session=True,
    ) as process:
        workers = wait_for_busy_workers(process.pid, 2, cpu_seconds=0.3)
        if to_group:
            os.killpg(process.pid, signal_number)
        else:
            process.send_signal(signal_number)
        exit_status = process.wait(timeout=60)
    # Seconds, where the batches the workers are in the middle of take several each.
    workers_left = wait_until_ended(workers, 2)
    kill_all(workers_left)

    assert workers_left == []
    expected = {signal.SIGKILL: -signal.SIGKILL, signal.SIGINT: 128 + signal.SIGINT}
    assert exit_status == expected[signal_number]
    assert documents_stored(tmp_path / "long.db") < 96
    output = stderr_path.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in output, output
