"""Make thousands of hostile inputs, ingest them, and count what became of each (issue 16).

    PYTHONPATH=src python benchmarks/hostile_inputs.py --count 5000 --seed 16
    PYTHONPATH=src python benchmarks/hostile_inputs.py --count 300 --json   # what CI runs

Every input is a file (or a directory entry: a FIFO, a socket, a link) of one of the
kinds issue 16 found stopping or hanging a run, or a valid article of any format with
bytes flipped, cut or inserted. Each holds text no other input holds, so none is taken
for a repeat. The inputs are ingested by `armstrace ingest` in real processes, a chunk
of them per process, and each input is then found in the database:

- stored: every document it holds is in `documents` (a file of several: every one),
- skipped: what it holds is in `skipped` (some may be stored beside), with the reason,
- crash: its chunk's process exited with a traceback, a status other than 0 or 1, or
  1 with an `error:` line (the run stopped),
- hang: its chunk's process had not ended after --timeout seconds,
- not reported: neither stored nor skipped, while its chunk's run ended well.

A few inputs take seconds of extraction each (a page of one arms sentence repeated):
they are what `--max-seconds` (given here as 5) is for; `--max-bytes 100000` makes the
inputs over the size limit small. The table goes to
docs/reliability.md; the run's largest process (resident memory) is measured too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from armstrace.ingest.files import source_name  # noqa: E402 - after the path is set

OUTCOMES = ("stored", "skipped", "crash", "hang", "not reported")
WEAPONS = ("K9 howitzers", "Rafale jets", "Leopard 2 tanks", "Gripen fighters", "NH90 helicopters")
PAIRS = (("South Korea", "Poland"), ("France", "Greece"), ("Germany", "Hungary"),
         ("Sweden", "Brazil"), ("Italy", "Qatar"))


@dataclass
class Case:
    """One hostile input: its path (as ingested), its kind, and the sources it must yield."""

    path: Path
    kind: str
    # Sources (file, file:line, file#entry) that must each be stored or skipped; empty:
    # anything from the file (or the file itself skipped) accounts for it.
    expected: list[str] = field(default_factory=list)
    outcome: str = ""
    reason: str = ""


def sentence(number: int) -> str:
    """Return an arms-transfer sentence no other input holds (its number is in it)."""
    supplier, recipient = PAIRS[number % len(PAIRS)]
    weapon = WEAPONS[(number // len(PAIRS)) % len(WEAPONS)]
    quantity = number % 97 + 2
    return f"{recipient} ordered {quantity} {weapon} from {supplier} under contract {number}."


def article(number: int) -> str:
    return (f"{sentence(number)} The ministry said the first of them would arrive next year, "
            f"and officials called deal {number} the largest in a decade.")


def good_object(number: int, **fields: object) -> dict[str, object]:
    return {"id": f"hostile-{number}", "title": f"Deal {number}", "text": article(number),
            **fields}


def warc_record(url: str, html: bytes, *, extra_length: int = 0) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    headers = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(url)) % 10**12:012d}>\r\n"
        f"WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + extra_length}\r\n\r\n"
    ).encode()
    return headers + http + b"\r\n\r\n"


def page(number: int, paragraphs: int = 2) -> bytes:
    body = "".join(f"<p>{article(number)} Paragraph {index}.</p>" for index in range(paragraphs))
    return (f"<html><head><title>Deal {number}</title></head><body><article>"
            f"<h1>Deal {number}</h1>{body}</article></body></html>").encode()


def feed(number: int, date_element: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>t</title><item><title>Deal {number}</title>"
        f"<link>http://example.org/{number}</link>{date_element}"
        f"<description>{article(number)} More will follow next week.</description></item>"
        "</channel></rss>"
    ).encode()


def valid_file(number: int, rng: random.Random) -> tuple[str, bytes]:
    """Return (suffix, bytes) of a valid input of a random format."""
    kind = rng.choice(["txt", "jsonl", "html", "rss", "warc", "json"])
    if kind == "txt":
        return ".txt", f"Deal {number}\n\n{article(number)}\n".encode()
    if kind == "jsonl":
        return ".jsonl", (json.dumps(good_object(number)) + "\n").encode()
    if kind == "json":
        return ".json", json.dumps([good_object(number)]).encode()
    if kind == "html":
        return ".html", page(number)
    if kind == "rss":
        return ".rss", feed(number, "<pubDate>Fri, 01 Mar 2024 10:00:00 GMT</pubDate>")
    return ".warc", warc_record(f"https://example.org/{number}", page(number))


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Flip, cut, insert or repeat bytes of a valid file."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        action = rng.choice(["flip", "cut", "insert", "truncate", "repeat", "nul", "high"])
        at = rng.randrange(max(len(data), 1))
        if action == "flip" and data:
            data[at] ^= 1 << rng.randrange(8)
        elif action == "cut":
            del data[at:at + rng.randint(1, 40)]
        elif action == "insert":
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif action == "truncate":
            del data[at:]
        elif action == "repeat":
            data[at:at] = data[at:at + rng.randint(1, 200)] * rng.randint(2, 50)
        elif action == "nul":
            data[at:at] = b"\x00"
        else:
            data[at:at] = rng.choice([b"\xed\xa0\x80", b"\xff\xfe", b"\xc3", b"\xe2\x80\xae",
                                      b"\x1b[2J", b"\\ud800", b"\r"])
    return bytes(data)


Maker = Callable[[Path, int, random.Random], Case]


def _file(folder: Path, name: str, data: bytes, kind: str, expected: int = 0,
          lines: tuple[int, ...] = ()) -> Case:
    """Write one input; `expected` lines (1 to N), or the `lines` given, must each be told of."""
    path = folder / name
    path.write_bytes(data)
    numbers = lines or tuple(range(1, expected + 1))
    return Case(path, kind, [f"{source_name(path)}:{line}" for line in numbers])


def make_surrogate_json(folder: Path, number: int, rng: random.Random) -> Case:
    escaped = rng.choice(["\\ud800", "\\udfff", "\\udc80", "\\ud83d"])
    line = json.dumps(good_object(number)).replace(" under", f" {escaped} under", 1)
    raw = json.dumps(good_object(number + 1_000_000)).encode().replace(
        b" under", b" \xed\xa0\x80 under", 1)
    return _file(folder, f"surrogate-{number}.jsonl", line.encode() + b"\n" + raw + b"\n",
                 "JSON: lone surrogate", expected=2)


def make_bad_name(folder: Path, number: int, rng: random.Random) -> Case:
    junk = rng.choice([b"\xff", b"\xe9t\xe9", b"\xc3(", b"\x80\x81", b"\xed\xa0\x80"])
    name = os.fsencode(folder) + b"/name-" + junk + str(number).encode() + b".txt"
    Path(os.fsdecode(name)).write_bytes(f"Deal {number}\n\n{article(number)}\n".encode())
    return Case(Path(os.fsdecode(name)), "file name not UTF-8")


def make_ansi_name(folder: Path, number: int, rng: random.Random) -> Case:
    escape = rng.choice(["\x1b[31m", "\x1b[2J", "\x1b]0;title\x07", "\x07", "\x1b[1A\r", "\u202e"])
    data = rng.choice([b"", f"Deal {number}\n\n{article(number)}\n".encode()])
    return _file(folder, f"ansi-{escape}-{number}.txt", data, "file name with ANSI escapes")


def make_link_loop(folder: Path, number: int, rng: random.Random) -> Case:
    path = folder / f"loop-{number}.txt"
    if rng.random() < 0.5:
        path.symlink_to(path.name)
    else:
        other = folder / f"loop-{number}-b.txt"
        path.symlink_to(other.name)
        other.symlink_to(path.name)
        return Case(path, "symbolic link loop", [source_name(path), source_name(other)])
    return Case(path, "symbolic link loop")


def make_far_date(folder: Path, number: int, rng: random.Random) -> Case:
    if rng.random() < 0.5:
        published = rng.choice(["9999-12-31", "0001-01-01", "9998-01-01", "99999-99-99",
                                "2024-13-45", "-1", "1e308"])
        value = good_object(number, published=published)
        value["text"] = f"{value['text']} More arrive tomorrow, and the rest next week."
        return _file(folder, f"date-{number}.jsonl", (json.dumps(value) + "\n").encode(),
                     "publication date beyond the calendar", expected=1)
    element = rng.choice(["<dc:date>99999-99-99</dc:date>",
                          "<pubDate>Fri, 31 Dec 9999 10:00:00 GMT</pubDate>",
                          "<pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate>"])
    return _file(folder, f"date-{number}.rss", feed(number, element),
                 "publication date beyond the calendar")


def make_special(folder: Path, number: int, rng: random.Random, outside: Path) -> Case:
    path = folder / f"special-{number}.txt"
    kind = rng.choice(["fifo", "socket", "dangling", "device", "outside", "directory"])
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        with socket.socket(socket.AF_UNIX) as unix_socket:
            unix_socket.bind(str(path))
    elif kind == "dangling":
        path.symlink_to(folder / f"nowhere-{number}")
    elif kind == "device":
        path.symlink_to(rng.choice(["/dev/zero", "/dev/null", "/dev/urandom"]))
    elif kind == "outside":
        path.symlink_to(outside)
    else:
        path.symlink_to("..")
    return Case(path, f"special file: {kind}")


def make_json_loss(folder: Path, number: int, rng: random.Random) -> Case:
    after = json.dumps(good_object(number)) + "\n"
    kind = rng.choice(["digits", "deep", "whitespace", "array-large", "array-digits"])
    if kind == "digits":
        bad = '{"id": "x", "n": ' + "9" * rng.randint(4301, 20000) + "}\n"
        return _file(folder, f"json-{number}.jsonl", (bad + after).encode(),
                     "JSON: 4,300-digit number", expected=2)
    if kind == "deep":
        depth = rng.randint(1000, 100_000)
        bad = "[" * depth + "]" * depth + "\n"
        return _file(folder, f"json-{number}.jsonl", (bad + after).encode(),
                     "JSON: deep nesting", expected=2)
    if kind == "whitespace":
        padding = rng.choice([" ", "\n", "\t", "\r\n"]) * rng.randint(4097, 200_000)
        return _file(folder, f"json-{number}.jsonl", (padding + after).encode(),
                     "JSON: leading white space")
    if kind == "array-large":
        large = good_object(number + 2_000_000, text="Long text. " * 12_000)
        data = "[\n" + json.dumps(large) + ",\n" + after.strip() + "\n]\n"
        return _file(folder, f"json-{number}.json", data.encode(), "JSON: array value over limit",
                     lines=(2, 3))
    data = '[\n{"id": "n", "n": ' + "9" * 5000 + "},\n" + after.strip() + "\n]\n"
    return _file(folder, f"json-{number}.json", data.encode(), "JSON: array big number",
                 lines=(2, 3))


def make_warc(folder: Path, number: int, rng: random.Random) -> Case:
    first = warc_record(f"https://example.org/{number}/a", page(number))
    second = warc_record(f"https://example.org/{number}/b", page(number + 3_000_000))
    kind = rng.choice(["swallow", "overrun", "short", "truncated", "gzip-truncated"])
    if kind == "swallow":
        data = warc_record(f"https://example.org/{number}/a", page(number),
                           extra_length=len(second)) + second
    elif kind == "overrun":
        data = warc_record(f"https://example.org/{number}/a", page(number),
                           extra_length=rng.randint(1, 5000)) + second
    elif kind == "short":
        data = warc_record(f"https://example.org/{number}/a", page(number),
                           extra_length=-rng.randint(1, 60)) + second
    elif kind == "truncated":
        data = (first + second)[: rng.randint(10, len(first + second) - 1)]
    else:
        whole = gzip.compress(first) + gzip.compress(second)
        return _file(folder, f"warc-{number}.warc.gz", whole[: rng.randint(10, len(whole) - 1)],
                     "WARC: gzip cut short")
    return _file(folder, f"warc-{number}.warc", data, f"WARC: {kind}")


def make_plain_junk(folder: Path, number: int, rng: random.Random) -> Case:
    kind = rng.choice(["empty", "whitespace", "binary", "utf16", "latin1", "one-line",
                       "malformed-json", "gzip-junk", "nul-text", "long-line"])
    if kind == "empty":
        return _file(folder, f"junk-{number}.txt", b"", "empty or white space")
    if kind == "whitespace":
        return _file(folder, f"junk-{number}.txt", b" \n\t" * rng.randint(1, 5000),
                     "empty or white space")
    if kind == "binary":
        return _file(folder, f"junk-{number}.dat", bytes(rng.randrange(256) for _ in range(2000)),
                     "binary junk")
    if kind == "utf16":
        return _file(folder, f"junk-{number}.txt",
                     f"Deal {number}\n\n{article(number)}\n".encode("utf-16"), "UTF-16 text")
    if kind == "latin1":
        return _file(folder, f"junk-{number}.txt",
                     f"Caf\u00e9 {number}\n\n{article(number)} \u00e9t\u00e9\n".encode("latin-1"),
                     "Latin-1 text")
    if kind == "one-line":
        return _file(folder, f"junk-{number}.txt", article(number).encode(), "one-line text")
    if kind == "malformed-json":
        good = json.dumps(good_object(number))
        return _file(folder, f"junk-{number}.jsonl", (good[: len(good) // 2] + "\n").encode(),
                     "malformed JSON", expected=1)
    if kind == "gzip-junk":
        whole = gzip.compress(f"Deal {number}\n\n{article(number)}\n".encode())
        return _file(folder, f"junk-{number}.txt.gz", whole[: len(whole) // 2],
                     "gzip cut short")
    if kind == "nul-text":
        return _file(folder, f"junk-{number}.txt",
                     f"Deal {number}\n\n{article(number)}\x00\x00\n".encode(), "NUL bytes in text")
    line = json.dumps(good_object(number, text="word " * 30_000))
    return _file(folder, f"junk-{number}.jsonl", (line + "\n").encode(),
                 "line over the size limit", expected=1)


def make_many_values(folder: Path, number: int, rng: random.Random) -> Case:
    values = b"[" + b"{}," * rng.randint(10_000, 200_000) + json.dumps(
        good_object(number)).encode() + b"]"
    return _file(folder, f"many-{number}.json.gz", gzip.compress(values),
                 "JSON: many values that are no article")


def make_heavy(folder: Path, number: int, rng: random.Random) -> Case:
    """A document that takes seconds: one arms sentence repeated, or a page of paragraphs."""
    if rng.random() < 0.5:
        text = " ".join(sentence(number * 10_000 + index) for index in range(3000))
        return _file(folder, f"heavy-{number}.jsonl",
                     (json.dumps({"id": f"heavy-{number}", "text": text}) + "\n").encode(),
                     "heavy: repeated arms sentences", expected=1)
    return _file(folder, f"heavy-{number}.html", page(number, paragraphs=3000),
                 "heavy: page of thousands of paragraphs")


def make_mutated(folder: Path, number: int, rng: random.Random) -> Case:
    suffix, data = valid_file(number, rng)
    return _file(folder, f"mutated-{number}{suffix}", mutate(data, rng), f"mutated {suffix[1:]}")


def make_valid(folder: Path, number: int, rng: random.Random) -> Case:
    suffix, data = valid_file(number, rng)
    return _file(folder, f"valid-{number}{suffix}", data, "valid (control)")


# How often each kind is made (weights), mutations first: they find what no one thought of.
MAKERS: list[tuple[Maker, int]] = [
    (make_mutated, 40), (make_surrogate_json, 6), (make_bad_name, 4), (make_ansi_name, 4),
    (make_link_loop, 3), (make_far_date, 6), (make_json_loss, 10), (make_warc, 8),
    (make_plain_junk, 10), (make_valid, 5),
]


def make_inputs(root: Path, count: int, seed: int, heavy: int) -> list[Case]:
    """Write `count` hostile inputs under `root` (chunk folders of 500), deterministically."""
    rng = random.Random(seed)
    outside = root / "outside-article.txt"
    outside.write_text(f"Outside\n\n{article(9_999_999)}\n", encoding="utf-8")
    makers = [maker for maker, weight in MAKERS for _ in range(weight)]
    cases: list[Case] = []
    for number in range(count):
        folder = root / f"chunk-{number // 500:03d}"
        folder.mkdir(exist_ok=True)
        roll = rng.random()
        if roll < 0.04:
            cases.append(make_special(folder, number, rng, outside))
        elif number < heavy:
            cases.append(make_heavy(folder, number, rng))
        elif roll < 0.045:
            cases.append(make_many_values(folder, number, rng))
        else:
            cases.append(rng.choice(makers)(folder, number, rng))
    return cases


@dataclass
class ChunkRun:
    folder: Path
    exit_status: int | None
    seconds: float
    crashed: bool
    stderr: str
    peak_rss_kb: int


def process_tree_rss(pid: int) -> int:
    """Return the summed resident memory (kB) of a process and its children, 0 if gone."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if entry.name == str(pid) or fields.get("PPid", "").strip() == str(pid):
            total = max(total, int(fields.get("VmRSS", "0 kB").split()[0]))
    return total


def ingest_chunk(folder: Path, db: Path, workers: int, timeout: float) -> ChunkRun:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    command = [sys.executable, "-m", "armstrace.cli", "ingest", str(folder), "--db", str(db),
               "--quiet", "--workers", str(workers), "--max-seconds", "5",
               "--max-bytes", "100000"]
    started = time.monotonic()
    peak = 0
    with open(db.with_suffix(".stderr"), "wb") as stderr, subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=stderr, env=env
    ) as process:
        while process.poll() is None and time.monotonic() - started < timeout:
            peak = max(peak, process_tree_rss(process.pid))
            time.sleep(0.2)
        if process.poll() is None:
            for pid in [process.pid]:
                os.kill(pid, 9)
            process.wait()
            status = None
        else:
            status = process.returncode
    text = db.with_suffix(".stderr").read_text(encoding="utf-8", errors="replace")
    # Exit 1 is "no document could be read" (never so for a chunk holding valid articles)
    # or a run stopped by an error, which says so in an `error:` line.
    stopped = status == 1 and any(line.startswith("error:") for line in text.splitlines())
    crashed = status is not None and (status not in (0, 1) or "Traceback" in text or stopped)
    return ChunkRun(folder, status, time.monotonic() - started, crashed, text, peak)


def classify(cases: list[Case], db: Path, run: ChunkRun) -> None:
    """Set each case's outcome from the database its chunk was ingested into."""
    with closing(sqlite3.connect(db)) as connection:
        stored = {str(s) for (s,) in connection.execute("SELECT source FROM documents")}
        skipped = [(str(s), f"{stage}: {reason}") for s, stage, reason in connection.execute(
            "SELECT source, stage, reason FROM skipped")]

    def belongs(source: str, name: str) -> bool:
        return source == name or source.startswith((f"{name}:", f"{name}#", f"{name} to "))

    for case in cases:
        name = source_name(case.path)
        mine_stored = [s for s in stored if belongs(s, name)]
        mine_skipped = [(s, r) for s, r in skipped if belongs(s, name)]
        whole_file = any(s == name or "stopped reading" in r or "file is truncated" in r
                         for s, r in mine_skipped)
        if case.expected:
            unaccounted = [
                source for source in case.expected
                if source not in stored and not whole_file
                and not any(belongs(s, source) for s, _ in mine_skipped)
            ]
        else:
            unaccounted = [] if mine_stored or mine_skipped else [name]
        if not unaccounted:
            case.outcome = "skipped" if mine_skipped else "stored"
            case.reason = short_reason(mine_skipped[0][1]) if mine_skipped else ""
        elif run.exit_status is None:
            case.outcome = "hang"
        elif run.crashed:
            case.outcome = "crash"
        else:
            case.outcome = "not reported"


def short_reason(reason: str) -> str:
    """Return a reason without what varies (sizes, offsets, file names): its kind."""
    stage, _, text = reason.partition(": ")
    text = text.split(";")[0].split(" (")[0]
    words = ["N" if any(character.isdigit() for character in word) else word
             for word in text.split()[:9]]
    return f"{stage}: {' '.join(words)}"


def run(count: int, seed: int, root: Path, workers: int, timeout: float, heavy: int
        ) -> tuple[list[Case], list[ChunkRun]]:
    cases = make_inputs(root, count, seed, heavy)
    by_folder: dict[Path, list[Case]] = defaultdict(list)
    for case in cases:
        by_folder[case.path.parent].append(case)
    runs = []
    for folder, chunk in sorted(by_folder.items()):
        db = root / f"{folder.name}.db"
        chunk_run = ingest_chunk(folder, db, workers, timeout)
        classify(chunk, db, chunk_run)
        runs.append(chunk_run)
    return cases, runs


def table(cases: list[Case]) -> str:
    """Return a Markdown table: inputs by kind, by outcome."""
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for case in cases:
        kinds[case.kind][case.outcome] += 1
    lines = ["| kind | inputs | " + " | ".join(OUTCOMES) + " |",
             "|---|---:|" + "---:|" * len(OUTCOMES)]
    for kind in sorted(kinds):
        counts = kinds[kind]
        lines.append(f"| {kind} | {sum(counts.values())} | "
                     + " | ".join(str(counts[o]) for o in OUTCOMES) + " |")
    total: Counter[str] = Counter(case.outcome for case in cases)
    lines.append(f"| **all** | **{len(cases)}** | "
                 + " | ".join(f"**{total[o]}**" for o in OUTCOMES) + " |")
    return "\n".join(lines)


def reasons(cases: list[Case], top: int = 40) -> str:
    counts = Counter(case.reason for case in cases if case.outcome == "skipped")
    return "\n".join(f"| {count} | {reason} |" for reason, count in counts.most_common(top))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--folder", type=Path, default=None, help="default: a fresh temp folder")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per chunk of 500")
    parser.add_argument("--heavy", type=int, default=6, help="inputs that take seconds each")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    arguments = parser.parse_args()
    import tempfile

    root = arguments.folder or Path(tempfile.mkdtemp(prefix="armstrace-hostile-"))
    root.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    cases, runs = run(arguments.count, arguments.seed, root, arguments.workers,
                      arguments.timeout, arguments.heavy)
    outcomes = Counter(case.outcome for case in cases)
    if arguments.json:
        print(json.dumps({"inputs": len(cases), **{o: outcomes[o] for o in OUTCOMES}}))
        return
    print(table(cases))
    print()
    print("| inputs | reason skipped (first of the input's) |\n|---:|---|")
    print(reasons(cases))
    print()
    print(f"{len(runs)} ingest runs, {time.monotonic() - started:.0f} s in all; largest process "
          f"{max(r.peak_rss_kb for r in runs) / 1024:.0f} MB; exit statuses "
          f"{sorted(Counter(r.exit_status for r in runs).items(), key=str)}; folder {root}")
    for case in cases:
        if case.outcome in ("crash", "hang", "not reported"):
            print(f"{case.outcome}: {case.kind}: {source_name(case.path)}")


if __name__ == "__main__":
    main()
