"""Run a real armstrace server for a test: a free loopback port, and waiting until it answers."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[str], seconds: float = 60) -> None:
    """Wait until `server`, a process this test started, answers `url` with 200.

    Its port was free when `free_port` chose it, but another process (a parallel test's
    server, a browser driver, any outgoing connection) may take it before the server
    binds it; then an answer from the port is not this server's. So an answer counts
    only once `server` itself listens on the port (Linux's /proc tells which process
    holds the listening socket), and a server that exits fails the test with its output.
    """
    port = urlsplit(url).port
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"armstrace serve exited: {server.stderr.read() if server.stderr else ''}")
        if port is not None and not listens_on(server.pid, port):
            time.sleep(0.1)  # still starting (importing, binding): look again
            continue
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"armstrace serve did not answer at {url} within {seconds} s")


def listens_on(pid: int, port: int) -> bool:
    """Return whether the process holds a socket listening on the TCP port (Linux /proc).

    Where /proc does not tell (another system), say yes: the answer is then trusted.
    """
    try:
        held = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
    except OSError:
        return not Path("/proc/net/tcp").exists()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            # local address "IP:PORT" in hex, state 0A is LISTEN, then the socket's inode
            if (fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port
                    and f"socket:[{fields[9]}]" in held):
                return True
    return False


def start_serve(db: Path, port: int, *options: str, **environment: str) -> subprocess.Popen[str]:
    """Start `armstrace serve` on the database and port in a process group of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "armstrace.cli", "serve", "--db", str(db), "--port", str(port),
         *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src"), **environment},
        start_new_session=True,
    )


@contextmanager
def serving(db: Path, *options: str, workers: int = 1, **environment: str) -> Iterator[str]:
    """Run `armstrace serve --workers 1` on the database; yield its base URL, then stop it.

    One worker process unless told: what a test asks of the server (a lockout, a
    session) is kept by the process that answers every request.
    """
    with serving_process(db, *options, workers=workers, **environment) as (base, _):
        yield base


@contextmanager
def serving_process(db: Path, *options: str, workers: int = 1, **environment: str
                    ) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Run `armstrace serve --workers N` (one unless told); yield its base URL and its
    process once it answers, then stop it."""
    port = free_port()
    process = start_serve(db, port, "--workers", str(workers), *options,
                          **{"ARMSTRACE_SECRET_KEY": "test-key", **environment})
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/login", process)
        yield base, process
    finally:
        process.terminate()
        try:
            process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def resident_mb(pid: int) -> float:
    """Return a process's resident memory in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """Return the CPU time a process has used, user and system (Linux /proc)."""
    stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def signed_in_client(base: str, name: str, password: str) -> tuple[httpx.Client, str]:
    """Return an HTTP client signed in through the login form, and the session's CSRF token."""
    client = httpx.Client(base_url=base, timeout=30)
    token = csrf_in(client.get("/login").text)
    response = client.post("/login", data={"name": name, "password": password,
                                           "csrf_token": token, "next": "/review"},
                           follow_redirects=True)
    assert response.status_code == 200, response.text
    return client, csrf_in(response.text)


def csrf_in(page: str) -> str:
    """Return the CSRF token of a page's forms."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)
