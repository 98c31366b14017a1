"""Hostile input through `armstrace ingest` in a real process: no input stops or hangs a run.

Issue 16, findings 1-8: each test here failed on main before the fix it names (a crash
with a traceback, a run that never ended, an input lost or read without a word). Most
inputs are laid out in one tree and ingested by one process; the inputs that need a
run of their own (a FIFO given by name, a worker killed, Ctrl-C, a time limit) have one.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import zlib
from contextlib import closing
from pathlib import Path

import pytest
from tests.processes import child_processes, kill_all, wait_until_ended

REPO = Path(__file__).resolve().parents[1]
GOOD = "Poland has ordered 48 K9 self-propelled howitzers from South Korea, the ministry said."
GOOD_ARTICLE = f"Poland buys howitzers\n\n{GOOD}\n"
# What the tree's one good text file, JSON line or array element becomes: a document with
# the record (KOR, POL, K9). Every hostile file sits beside one of them.
RUN_SECONDS = 240


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("ARMSTRACE_DB", None)
    return env


def ingest_command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "armstrace.cli", "ingest", *(str(arg) for arg in args)]


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute(sql).fetchall()


class Run:
    """One `armstrace ingest` process, run to its end (or killed after RUN_SECONDS)."""

    def __init__(self, *args: str | Path, db: Path, timeout: float = RUN_SECONDS) -> None:
        self.db = db
        started = time.monotonic()
        try:
            completed = subprocess.run(
                ingest_command(*args, "--db", db, "--quiet"),
                capture_output=True, env=subprocess_env(), timeout=timeout, check=False,
            )
        except subprocess.TimeoutExpired as expired:
            pytest.fail(f"ingest still running after {timeout} s: {expired.stderr!r}")
        self.seconds = time.monotonic() - started
        self.exit_status = completed.returncode
        self.stderr_bytes = completed.stderr
        self.stderr = completed.stderr.decode("utf-8", errors="replace")

    def skipped(self) -> dict[str, str]:
        """Return the `skipped` table as source -> 'stage: reason'."""
        return {str(source): f"{stage}: {reason}"
                for source, stage, reason in query(self.db, "SELECT source, stage, reason "
                                                            "FROM skipped")}

    def documents(self) -> dict[str, str]:
        """Return the stored documents as source -> text."""
        return {str(source): str(text)
                for source, text in query(self.db, "SELECT source, text FROM documents")}

    def record_documents(self) -> set[str]:
        """Return the sources of the documents that hold a K9 record from KOR to POL."""
        rows = query(self.db, "SELECT d.source FROM records r JOIN documents d "
                              "ON d.id = r.document_id WHERE r.supplier = 'KOR' "
                              "AND r.recipient = 'POL' AND r.weapon LIKE '%K9%'")
        return {str(source) for (source,) in rows}


def jsonl(*objects: object) -> str:
    return "".join(json.dumps(value) + "\n" for value in objects)


def good_object(name: str, **fields: object) -> dict[str, object]:
    return {"id": name, "title": "Poland buys howitzers", "text": GOOD, **fields}


def warc_record(url: str, html: bytes, *, extra_length: int = 0) -> bytes:
    """Return one uncompressed WARC response record (Content-Length `extra_length` too large)."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    headers = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{zlib.crc32(url.encode()):032x}>\r\n"
        f"WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + extra_length}\r\n\r\n"
    ).encode()
    return headers + http + b"\r\n\r\n"


def page(title: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{GOOD}</p><p>The first guns will arrive next year, officials said, and the "
            "rest by the end of the decade under the framework agreement.</p></article>"
            "</body></html>").encode()


def build_tree(root: Path, outside: Path) -> Path:
    """Lay out the hostile inputs of findings 1-4, 6 and 8, each beside a good one."""
    tree = root / "tree"
    tree.mkdir()
    (tree / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    # 1. A lone surrogate escaped in JSON, the same as raw bytes, and a name not UTF-8.
    (tree / "surrogate.jsonl").write_text(
        '{"id":"a","text":"x \\ud800"}\n' + jsonl(good_object("b")), encoding="utf-8"
    )
    (tree / "raw-surrogate.jsonl").write_bytes(
        b'{"id":"raw","text":"Poland \xed\xa0\x80 ordered 48 K9 howitzers from South Korea."}\n'
        + jsonl(good_object("raw-good")).encode()
    )
    (tree / "no-id-surrogate.jsonl").write_text(
        '{"text":"Poland ordered 48 K9 howitzers \\udfff from South Korea."}\n', encoding="utf-8"
    )
    os.makedirs(os.fsencode(tree) + b"/latin1-\xe9t\xe9", exist_ok=True)
    Path(os.fsdecode(os.fsencode(tree) + b"/latin1-\xe9t\xe9/article.txt")).write_text(
        GOOD_ARTICLE.replace("48", "36"), encoding="utf-8"
    )
    # 2. Symbolic link loops.
    (tree / "loops").mkdir()
    (tree / "loops" / "self.txt").symlink_to("self.txt")
    (tree / "loops" / "a.txt").symlink_to("b.txt")
    (tree / "loops" / "b.txt").symlink_to("a.txt")
    # 3. Far-future and impossible publication dates.
    (tree / "future.jsonl").write_text(jsonl(
        good_object("future", published="9999-12-31",
                    text=GOOD + " The next guns will arrive next week, and the rest tomorrow."),
        good_object("past", published="0001-01-01",
                    text=GOOD + " The first guns arrived last week, five days ago."),
    ), encoding="utf-8")
    (tree / "future.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<channel><title>t</title>"
        "<item><title>a</title><link>http://example.org/a</link><dc:date>99999-99-99</dc:date>"
        f"<description>{GOOD} More will follow next week.</description></item>"
        "<item><title>b</title><link>http://example.org/b</link>"
        "<pubDate>Fri, 31 Dec 9999 10:00:00 GMT</pubDate>"
        f"<description>{GOOD} More will follow tomorrow.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    # 4. Special files, and links that lead out of the tree or nowhere.
    special = tree / "special"
    special.mkdir()
    os.mkfifo(special / "fifo.txt")
    with socket.socket(socket.AF_UNIX) as unix_socket:
        unix_socket.bind(str(special / "socket.txt"))
    (special / "dangling.txt").symlink_to(root / "nowhere.txt")
    (special / "device.txt").symlink_to("/dev/zero")
    (special / "outside.txt").symlink_to(outside)
    (special / "up").symlink_to("..")
    (special / "inside.txt").symlink_to("../good.txt")
    # 6. Silent losses in JSON and WARC, and a file that starts with white space.
    (tree / "digits.jsonl").write_text(
        '{"id":"digits","n":' + "9" * 4400 + "}\n" + jsonl(good_object("after-digits")),
        encoding="utf-8",
    )
    (tree / "deep.jsonl").write_text(
        "[" * 1000 + "]" * 1000 + "\n" + jsonl(good_object("after-deep")), encoding="utf-8"
    )
    (tree / "white.jsonl").write_text(" \n" * 3000 + jsonl(good_object("after-white")),
                                      encoding="utf-8")
    (tree / "array.json").write_text(
        "[\n" + json.dumps(good_object("too-large", text="Long text. " * 12_000))
        + ",\n" + json.dumps(good_object("after-too-large"))
        + ',\n{"id": "digits-in-array", "n": ' + "9" * 4400 + "}"
        + ",\n" + json.dumps(good_object("after-array-digits", text=GOOD + " Officials agreed."))
        + "\n]\n",
        encoding="utf-8",
    )
    (tree / "swallow.warc").write_bytes(
        warc_record("https://example.org/one", page("One"),
                    extra_length=len(warc_record("https://example.org/two", page("Two"))))
        + warc_record("https://example.org/two", page("Two"))
    )
    (tree / "cut.json").write_text("[" + json.dumps(good_object("before-cut")), encoding="utf-8")
    (tree / "empty-array.json").write_text("[ ]", encoding="utf-8")
    (tree / "short.warc").write_bytes(
        warc_record("https://example.org/short", page("Short"), extra_length=-12)
        + warc_record("https://example.org/after-short", page("After short"))
    )
    not_found = warc_record("https://example.org/gone", page("Gone")).replace(
        b"HTTP/1.1 200 OK", b"HTTP/1.1 404 No"
    )
    (tree / "no-page.warc").write_bytes(not_found)
    (tree / "many-empty.json.gz").write_bytes(
        gzip.compress(b"[" + b"{}," * 50_000 + json.dumps(good_object("after-empty")).encode()
                      + b"]")
    )
    # 8. A name that holds an ANSI escape sequence (red text, then the screen cleared).
    (tree / "ansi-\x1b[31mred\x1b[2J.txt").write_text("", encoding="utf-8")
    return tree


class HostileTree:
    """The tree of hostile inputs, and one two-worker ingest of it."""

    def __init__(self, folder: Path) -> None:
        self.outside = folder / "outside-article.txt"
        self.outside.write_text(GOOD_ARTICLE.replace("48", "24"), encoding="utf-8")
        self.tree = build_tree(folder, self.outside)
        self.run = Run(self.tree, "--max-bytes", "100000", "--workers", "2",
                       db=folder / "hostile.db")
        self.skipped = self.run.skipped()
        self.documents = self.run.documents()
        self.with_records = self.run.record_documents()

    def skip_of(self, *parts: str) -> str:
        """Return the skip reason of the one source that ends with `parts` joined."""
        tail = os.path.join(*parts)
        found = [reason for source, reason in self.skipped.items() if source.endswith(tail)]
        assert len(found) == 1, (tail, self.skipped)
        return found[0]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileTree:
    return HostileTree(tmp_path_factory.mktemp("hostile"))


def test_ingest_of_hostile_tree_ends_without_a_traceback(hostile: HostileTree) -> None:
    assert hostile.run.exit_status == 0, hostile.run.stderr
    assert "Traceback" not in hostile.run.stderr, hostile.run.stderr


# --- 1. lone surrogates, bytes that are not UTF-8 --------------------------------------------


def test_ingest_stores_a_json_line_with_a_lone_surrogate_and_the_lines_after_it(
    hostile: HostileTree,
) -> None:
    tree = str(hostile.tree)
    assert hostile.documents[f"{tree}/surrogate.jsonl:1"] == "x \ufffd"
    assert f"{tree}/surrogate.jsonl:2" in hostile.with_records
    assert f"{tree}/no-id-surrogate.jsonl:1" in hostile.with_records


def test_ingest_stores_a_json_line_with_raw_surrogate_bytes(hostile: HostileTree) -> None:
    tree = str(hostile.tree)
    assert "\ufffd" in hostile.documents[f"{tree}/raw-surrogate.jsonl:1"]
    assert f"{tree}/raw-surrogate.jsonl:2" in hostile.with_records


def test_ingest_reads_a_file_whose_name_is_not_utf8(hostile: HostileTree) -> None:
    assert f"{hostile.tree}/latin1-\\xe9t\\xe9/article.txt" in hostile.with_records


# --- 2. symbolic link loops ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["self.txt", "a.txt", "b.txt"])
def test_ingest_skips_a_symbolic_link_loop(hostile: HostileTree, name: str) -> None:
    assert "symbolic link loop" in hostile.skip_of("loops", name)


# --- 3. publication dates beyond the calendar --------------------------------------------------


def test_ingest_extracts_documents_published_at_the_ends_of_the_calendar(
    hostile: HostileTree,
) -> None:
    tree = str(hostile.tree)
    assert {f"{tree}/future.jsonl:1", f"{tree}/future.jsonl:2"} <= hostile.with_records
    assert sum(source.startswith(f"{tree}/future.rss") for source in hostile.with_records) == 2


# --- 4. special files and where links lead ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("fifo.txt", "is a FIFO (named pipe), not a regular file"),
        ("socket.txt", "is a socket, not a regular file"),
        ("dangling.txt", "broken symbolic link"),
        ("device.txt", "symbolic link to /dev/zero, outside"),
        ("outside.txt", "outside-article.txt, outside"),
        ("up", "symbolic link to a directory; not followed"),
    ],
)
def test_ingest_reports_each_special_file_as_skipped(
    hostile: HostileTree, name: str, reason: str
) -> None:
    assert reason in hostile.skip_of("special", name)
    assert f"special/{name}:" in hostile.run.stderr


def test_ingest_follows_a_link_to_a_file_inside_the_tree(hostile: HostileTree) -> None:
    assert f"{hostile.tree}/special/inside.txt" in hostile.documents or (
        # The same text as good.txt: stored once, under the name read first.
        f"{hostile.tree}/good.txt" in hostile.with_records
        and not any("inside.txt" in source for source in hostile.skipped)
    )


def test_ingest_does_not_read_a_file_a_link_leads_out_of_the_tree_to(
    hostile: HostileTree,
) -> None:
    assert not any("24 K9" in text for text in hostile.documents.values())


def test_ingest_follow_links_reads_what_links_lead_to(hostile: HostileTree, tmp_path: Path) -> None:
    run = Run(hostile.tree / "special", "--follow-links", "--workers", "1",
              db=tmp_path / "follow.db", timeout=120)

    assert run.exit_status == 0, run.stderr
    assert any("24 K9" in text for text in run.documents().values())
    assert "is a character device" in run.skipped()[f"{hostile.tree}/special/device.txt"]


def test_ingest_skips_a_fifo_given_by_name_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")

    run = Run(tmp_path / "pipe.txt", tmp_path / "good.txt", db=tmp_path / "fifo.db", timeout=60)

    assert run.exit_status == 0, run.stderr
    assert "is a FIFO (named pipe)" in run.skipped()[str(tmp_path / "pipe.txt")]
    assert run.record_documents() == {str(tmp_path / "good.txt")}


# --- 6. silent losses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "reason", "after"),
    [
        ("digits.jsonl:1", "a number of more than 4,300 digits", "digits.jsonl:2"),
        ("deep.jsonl:1", "nested too deeply", "deep.jsonl:2"),
        ("array.json:2", "over the 0.1 MB limit per document; split it or raise --max-bytes; "
         "passed over", "array.json:3"),
        ("array.json:4", "a number of more than 4,300 digits; passed over", "array.json:5"),
    ],
)
def test_ingest_reports_a_bad_json_value_and_reads_on(
    hostile: HostileTree, source: str, reason: str, after: str
) -> None:
    rows = query(hostile.run.db, "SELECT source, reason FROM skipped")
    assert any(str(where).endswith(source) and reason in str(why) for where, why in rows), rows
    assert f"{hostile.tree}/{after}" in hostile.with_records


def test_ingest_reads_json_lines_after_leading_white_space(hostile: HostileTree) -> None:
    assert f"{hostile.tree}/white.jsonl:3001" in hostile.with_records


def test_ingest_reports_a_warc_record_that_swallows_the_next(hostile: HostileTree) -> None:
    reason = hostile.skip_of("swallow.warc#<urn:uuid:"
                             f"{zlib.crc32(b'https://example.org/one'):032x}>")
    assert "Content-Length runs past its end" in reason


def test_ingest_reports_a_warc_record_shorter_than_its_content(hostile: HostileTree) -> None:
    reason = hostile.skip_of("short.warc#<urn:uuid:"
                             f"{zlib.crc32(b'https://example.org/short'):032x}>")
    assert "Content-Length is shorter than its content" in reason
    assert "WARNING" not in hostile.run.stderr  # warcio's own message, written by itself


def test_ingest_reports_a_json_array_cut_short_and_an_empty_one(hostile: HostileTree) -> None:
    assert f"{hostile.tree}/cut.json:1" in hostile.with_records
    assert "the file ends inside a JSON array" in hostile.skip_of("cut.json:1")
    assert "no JSON value in it" in hostile.skip_of("empty-array.json")


def test_ingest_reports_a_warc_file_without_a_page(hostile: HostileTree) -> None:
    assert "no article in it: none of its 1 record is an HTML page" in hostile.skip_of(
        "no-page.warc")


def test_ingest_counts_a_long_run_of_values_skipped_for_one_reason(hostile: HostileTree) -> None:
    rows = query(hostile.run.db, "SELECT reason, count FROM skipped WHERE source LIKE "
                                 "'%many-empty.json.gz%'")
    # The first hundred one by one (one row, counted), then one row for the other 49,900.
    assert sorted(rows) == [
        ("49900 more values skipped for the same reason: object has no non-empty `text` or "
         "`html` field", 1),
        ("object has no non-empty `text` or `html` field", 100),
    ]
    assert f"{hostile.tree}/many-empty.json.gz:1" in hostile.with_records


# --- 8. terminal escapes in names ---------------------------------------------------------------


def test_ingest_neutralises_terminal_escapes_in_skip_lines(hostile: HostileTree) -> None:
    assert b"\x1b" not in hostile.run.stderr_bytes
    assert "ansi-\\x1b[31mred\\x1b[2J.txt: empty file" in hostile.run.stderr


# --- 5. a worker killed, a worker hung, Ctrl-C ----------------------------------------------------


def write_long_articles(path: Path, articles: int) -> Path:
    """Write JSON Lines of articles that take a worker a second or two per batch of 32."""
    sentences = [
        f"{supplier} will supply {number} {weapon} to {recipient}, officials said on {day}."
        for number, (supplier, recipient, weapon) in enumerate([
            ("South Korea", "Poland", "K9 self-propelled howitzers"),
            ("France", "Greece", "Rafale fighter jets"),
            ("Germany", "Hungary", "Leopard 2A7 tanks"),
            ("Sweden", "Brazil", "Gripen fighters"),
        ] * 2, start=2)
        for day in ("Monday", "Tuesday")
    ]
    with path.open("w", encoding="utf-8") as lines:
        for number in range(articles):
            text = " ".join(sentences[number % 3:] + sentences[: number % 3])
            lines.write(json.dumps({"id": f"long-{number}", "title": f"Round-up {number}",
                                    "published": "2023-03-01", "text": text}) + "\n")
    return path


def wait_for_workers(pid: int, count: int) -> dict[int, str]:
    deadline = time.monotonic() + 120
    while len(workers := child_processes(pid)) < count:
        assert time.monotonic() < deadline, f"no {count} workers within 120 s"
        time.sleep(0.02)
    return workers


def documents_stored(db: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.fixture(scope="module")
def long_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_long_articles(tmp_path_factory.mktemp("long") / "long.jsonl", 128)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_ingest_retries_the_batch_of_a_killed_worker(long_articles: Path, tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    with subprocess.Popen(
        ingest_command(long_articles, "--db", db, "--quiet", "--workers", "2"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=subprocess_env(),
    ) as process:
        workers = wait_for_workers(process.pid, 2)
        while documents_stored(db) < 1 and process.poll() is None:
            time.sleep(0.01)
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)  # what the OOM killer does
        try:
            _, stderr = process.communicate(timeout=RUN_SECONDS)
        except subprocess.TimeoutExpired:
            kill_all(list(child_processes(process.pid)))
            process.kill()
            pytest.fail("the ingest did not end after one of its workers was killed")

    assert process.returncode == 0, stderr.decode(errors="replace")
    # Sent again to a fresh worker, the batch succeeds: nothing is lost, nothing skipped.
    assert documents_stored(db) == 128
    assert query(db, "SELECT count(*) FROM skipped") == [(0,)]


def test_pool_skips_a_document_that_kills_every_worker_it_is_sent_to(tmp_path: Path) -> None:
    from armstrace.model import Document
    from armstrace.scale.pool import PoolConfig, ingest_documents_pooled
    from armstrace.store import open_store

    class KillingExtractor:
        """Extracts nothing, and dies like an out-of-memory worker on the document "poison"."""

        def extract_batch(self, documents: list[Document]) -> list[list[object]]:
            if any(document.id == "poison" for document in documents):
                os.kill(os.getpid(), signal.SIGKILL)
            return [[] for _ in documents]

        def extract(self, document: Document) -> list[object]:
            return self.extract_batch([document])[0]

    documents = [Document(id=f"doc-{n}", text=f"Article {n} about nothing.", source=f"in:{n}")
                 for n in range(12)]
    documents[7] = Document(id="poison", text="An article that kills.", source="in:7")
    config = PoolConfig(workers=2, batch_size=3)
    with open_store(tmp_path / "poison.db") as store:
        report = ingest_documents_pooled(documents, store, KillingExtractor(), config)  # type: ignore[arg-type]
        stored = {document.id for document in store.iter_documents()}

    assert stored == {document.id for document in documents} - {"poison"}
    [skipped] = report.skipped
    assert skipped.source == "in:7"
    assert "was killed by SIGKILL" in skipped.reason
    assert "twice (alone" in skipped.reason


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_ingest_kills_and_replaces_a_worker_that_stops_answering(
    long_articles: Path, tmp_path: Path
) -> None:
    db = tmp_path / "hung.db"
    # --max-seconds 1: a worker silent for 2 x 1 + 10 s is taken for hung.
    with subprocess.Popen(
        ingest_command(long_articles, "--db", db, "--quiet", "--workers", "2",
                       "--max-seconds", "1"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=subprocess_env(),
    ) as process:
        workers = wait_for_workers(process.pid, 2)
        while documents_stored(db) < 1 and process.poll() is None:
            time.sleep(0.01)
        os.kill(min(workers), signal.SIGSTOP)  # hung: alive, and silent for ever
        try:
            _, stderr = process.communicate(timeout=RUN_SECONDS)
        finally:
            kill_all(list(workers))

    assert process.returncode == 0, stderr.decode(errors="replace")
    assert documents_stored(db) == 128


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_ingest_ends_on_ctrl_c_even_with_its_workers_hung(
    long_articles: Path, tmp_path: Path
) -> None:
    with subprocess.Popen(
        ingest_command(long_articles, "--db", tmp_path / "ctrl-c.db", "--quiet", "--workers", "2"),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=subprocess_env(),
    ) as process:
        workers = wait_for_workers(process.pid, 2)
        for worker in workers:
            os.kill(worker, signal.SIGSTOP)
        process.send_signal(signal.SIGINT)
        try:
            exit_status = process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGINT)  # Ctrl-C twice
            try:
                exit_status = process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                kill_all(list(workers))
                process.kill()
                pytest.fail("Ctrl-C twice did not end the ingest")
    workers_left = wait_until_ended(workers, 5)
    kill_all(workers_left)

    assert exit_status == 128 + signal.SIGINT
    assert workers_left == []


# --- found by the full hostile run of session 6 ---------------------------------------------


def test_ingest_stores_two_later_orders_of_one_year(tmp_path: Path) -> None:
    # Mutated copies of one article made these: the second and third orders of one key,
    # both dated 2019, took one deal id, and the ingest stopped at storing the deals
    # ("error: ...: UNIQUE constraint failed: deals.id", exit 1).
    orders = (("2015", 24), ("February 2019", 36), ("September 2019", 12))
    (tmp_path / "orders.jsonl").write_text(jsonl(*(
        good_object(f"order-{count}", published="2019-10-01",
                    text=f"Poland ordered {count} K9 howitzers from South Korea in {when}, "
                         "the ministry said.")
        for when, count in orders)), encoding="utf-8")

    run = Run(tmp_path / "orders.jsonl", db=tmp_path / "orders.db")

    assert run.exit_status == 0, run.stderr
    assert len(run.record_documents()) == 3
    assert query(run.db, "SELECT count(*), count(DISTINCT id) FROM deals") == [(3, 3)]


# --- 7. bounded work per document ---------------------------------------------------------------


def test_ingest_gives_up_on_a_document_after_its_time_limit(tmp_path: Path) -> None:
    # About 3,000 candidate sentences: a few seconds of parsing, over a limit of one.
    slow = " ".join(f"Poland ordered {n} K9 howitzers from South Korea." for n in range(3000))
    (tmp_path / "slow.jsonl").write_text(
        jsonl({"id": "slow", "text": slow}, good_object("quick")), encoding="utf-8"
    )

    run = Run(tmp_path / "slow.jsonl", "--max-seconds", "1", "--workers", "1",
              db=tmp_path / "slow.db", timeout=120)

    assert run.exit_status == 0, run.stderr
    skipped = run.skipped()
    # Extraction, or cleaning on a machine busy enough to make that take a second too.
    assert skipped[f"{tmp_path}/slow.jsonl:1"] in {
        f"{stage}: {doing} stopped after 1 s, the limit per document (raise it with "
        "--max-seconds)"
        for stage, doing in (("extract", "extraction"), ("clean", "cleaning"))
    }
    assert f"{tmp_path}/slow.jsonl:1" in run.documents()  # stored, without records
    assert run.record_documents() == {f"{tmp_path}/slow.jsonl:2"}


def test_ingest_gives_up_reading_a_page_after_the_time_limit(tmp_path: Path) -> None:
    # 40,000 paragraphs (3 MB): seconds of trafilatura in the process that reads.
    paragraphs = "".join(f"<p>Paragraph {n} of the page.</p>" for n in range(40_000))
    (tmp_path / "long.html").write_text(
        f"<html><head><title>Long</title></head><body><article>{paragraphs}</article>"
        "</body></html>", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")

    run = Run(tmp_path, "--max-seconds", "1", "--workers", "1", db=tmp_path / "long.db",
              timeout=120)

    assert run.exit_status == 0, run.stderr
    assert "stopped after 1 s, the limit per document" in run.skipped()[f"{tmp_path}/long.html"]
    assert run.record_documents() == {f"{tmp_path}/good.txt"}
