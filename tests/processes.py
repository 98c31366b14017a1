"""The processes a test started and what became of them, read from /proc (Linux).

Shared by the tests that interrupt an ingest and those that stop `armstrace serve`: which
children a process has, and whether they are still running after it ended.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_armstrace(*args: str | Path, stdin: str | None = None,
                  env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run an armstrace command in a process of its own, as a user does; return what it did."""
    return subprocess.run(
        [sys.executable, "-m", "armstrace.cli", *map(str, args)],
        input=stdin, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})},
    )


def process_stat(pid: int) -> list[str] | None:
    """Return the fields of /proc/PID/stat after the command name (state first), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return stat[stat.rindex(")") + 2:].split()


# Indexes into process_stat's fields (proc(5) numbers them from 1, with pid and name first).
STATE, PARENT, USER_TICKS, SYSTEM_TICKS, START_TICKS = 0, 1, 11, 12, 19


def child_processes(pid: int) -> dict[int, str]:
    """Return the processes whose parent is `pid`, each with its start time (pids are reused)."""
    children: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        fields = process_stat(int(entry.name)) if entry.name.isdigit() else None
        if fields is not None and fields[PARENT] == str(pid):
            children[int(entry.name)] = fields[START_TICKS]
    return children


def still_running(processes: dict[int, str]) -> list[int]:
    """Return which of the processes still run (an exited one may wait unreaped, a zombie)."""
    running = []
    for pid, started in processes.items():
        fields = process_stat(pid)
        if fields is not None and fields[START_TICKS] == started and fields[STATE] not in "ZX":
            running.append(pid)
    return running


def wait_until_ended(processes: dict[int, str], seconds: float) -> list[int]:
    """Wait up to `seconds` for the processes to end; return those still running then."""
    deadline = time.monotonic() + seconds
    while (running := still_running(processes)) and time.monotonic() < deadline:
        time.sleep(0.01)
    return running


def kill_all(pids: list[int]) -> None:
    """Kill what a failed test left running, so that it does not burn a core for nobody."""
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
