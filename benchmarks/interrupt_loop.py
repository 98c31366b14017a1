"""Interrupt ingests again and again, and check that what is stored ends up the same (issue 16).

    PYTHONPATH=src python benchmarks/interrupt_loop.py \
        --corpus ../shared/data/corpora/reuters21578.jsonl --articles 3000 --runs 30

1. A clean run: the first `--articles` lines of the corpus ingested once, with two
   workers; its counts (documents, records, deals, skipped rows) are the reference.
2. The crash-consistency loop: `--runs` times kill -9 and `--runs` times Ctrl-C (SIGINT
   to the process group, as a terminal sends it), each once a random number of documents
   (1 to all but one) is stored by a fresh two-worker ingest into a database of its own,
   then the same command run again (with one worker, which does not extract what is
   stored already: quicker) to complete it.
   After each: SQLite's integrity check, the foreign keys, no source stored twice, no
   worker left running, and the counts compared with the clean run.
3. Concurrency: three ingests of the same input into one database at once, and three of
   its thirds; the counts compared with the clean run.

Prints one line per run and a summary for docs/reliability.md.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COUNTS = {
    "documents": "SELECT count(*) FROM documents",
    "records": "SELECT count(*) FROM records",
    "deals": "SELECT count(*) FROM deals",
    "skipped": "SELECT count(*) FROM skipped",
}


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("ARMSTRACE_DB", None)
    return env


def command(source: Path, db: Path, workers: int = 2) -> list[str]:
    return [sys.executable, "-m", "armstrace.cli", "ingest", str(source), "--db", str(db),
            "--quiet", "--workers", str(workers)]


def counts(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as connection:
        return {name: int(connection.execute(sql).fetchone()[0]) for name, sql in COUNTS.items()}


def soundness(db: Path) -> list[str]:
    """Return what is wrong with a database: integrity, foreign keys, a source stored twice."""
    with closing(sqlite3.connect(db)) as connection:
        problems = []
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            problems.append(f"integrity: {integrity}")
        if connection.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign keys")
        twice = connection.execute(
            "SELECT count(*) FROM (SELECT source FROM documents GROUP BY source "
            "HAVING count(*) > 1)").fetchone()[0]
        if twice:
            problems.append(f"{twice} sources stored twice")
        return problems


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if stat[stat.rindex(")") + 2:].split()[1] == str(pid):
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] not in "ZX"


def stored_now(db: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # not created or migrated yet, or locked for a moment
        return 0


def interrupted_run(source: Path, db: Path, how: signal.Signals, target: int
                    ) -> dict[str, object]:
    """Run an ingest, interrupt it once `target` documents are stored, complete it."""
    with subprocess.Popen(command(source, db), stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env=environment(),
                          start_new_session=True) as process:
        while stored_now(db) < target and process.poll() is None:
            time.sleep(0.01)
        workers = children(process.pid)
        if how == signal.SIGKILL:
            process.send_signal(signal.SIGKILL)
        else:
            os.killpg(process.pid, signal.SIGINT)  # Ctrl-C at a terminal: the whole group
        try:
            _, stderr = process.communicate(timeout=60)
            ended = True
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate()
            ended = False
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    at_interrupt = counts(db) if db.exists() else {}
    problems = soundness(db) if db.exists() else []
    # One worker completes it: documents already stored are then not extracted again.
    completed = subprocess.run(command(source, db, workers=1), capture_output=True,
                               env=environment(), check=False, timeout=600)
    return {
        "signal": how.name, "target": target, "exit": process.returncode, "ended": ended,
        "traceback": b"Traceback" in stderr, "workers_left": len(left),
        "documents_at_interrupt": at_interrupt.get("documents", 0),
        "problems_after_interrupt": problems, "completed_exit": completed.returncode,
        "counts": counts(db), "problems": soundness(db),
    }


def concurrent_runs(sources: list[Path], db: Path) -> dict[str, object]:
    processes = [subprocess.Popen(command(source, db), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, env=environment())
                 for source in sources]
    results = [process.communicate(timeout=900) for process in processes]
    return {"exits": [process.returncode for process in processes],
            "tracebacks": sum(b"Traceback" in stderr for _, stderr in results),
            "counts": counts(db), "problems": soundness(db)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=30, help="interruptions of each kind")
    parser.add_argument("--seed", type=int, default=16)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    folder = Path(tempfile.mkdtemp(prefix="armstrace-interrupt-"))
    lines = []
    with arguments.corpus.open(encoding="utf-8") as corpus:
        for line in corpus:
            lines.append(line)
            if len(lines) == arguments.articles:
                break
    source = folder / "slice.jsonl"
    source.write_text("".join(lines), encoding="utf-8")
    thirds = []
    for part in range(3):
        third = folder / f"third-{part}.jsonl"
        third.write_text("".join(lines[part::3]), encoding="utf-8")
        thirds.append(third)

    started = time.monotonic()
    clean_db = folder / "clean.db"
    subprocess.run(command(source, clean_db), check=True, env=environment(),
                   capture_output=True)
    clean_seconds = time.monotonic() - started
    reference = counts(clean_db)
    print(f"clean run: {reference} in {clean_seconds:.1f} s", flush=True)

    runs = []
    kinds = [signal.SIGKILL, signal.SIGINT] * arguments.runs
    for number, how in enumerate(kinds):
        target = rng.randint(1, reference["documents"] - 1)
        result = interrupted_run(source, folder / f"run-{number:03d}.db", how, target)
        result["same"] = result["counts"] == reference
        runs.append(result)
        print(result, flush=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{folder}/run-{number:03d}.db{suffix}").unlink(missing_ok=True)

    same_input = concurrent_runs([source] * 3, folder / "concurrent-same.db")
    print("three ingests of the same input at once:", same_input, flush=True)
    thirds_result = concurrent_runs(thirds, folder / "concurrent-thirds.db")
    print("three ingests of its thirds at once:", thirds_result, flush=True)

    for how in (signal.SIGKILL, signal.SIGINT):
        mine = [run for run in runs if run["signal"] == how.name]
        expected_exit = -9 if how == signal.SIGKILL else 130
        as_expected = sum(r["exit"] == expected_exit for r in mine)
        print(
            f"{how.name}: {len(mine)} runs, exit as expected {as_expected}, "
            f"interrupted with 1..{arguments.articles - 1} documents stored "
            f"{sum(0 < int(r['documents_at_interrupt']) < reference['documents'] for r in mine)}, "
            f"sound after the interruption {sum(not r['problems_after_interrupt'] for r in mine)}, "
            f"tracebacks {sum(bool(r['traceback']) for r in mine)}, "
            f"workers left {sum(int(r['workers_left']) for r in mine)}, "
            f"completed to the clean run's counts {sum(bool(r['same']) for r in mine)}"
        )
    print(f"folder {folder}")


if __name__ == "__main__":
    main()
