"""Other clients' latency while a bounded local client floods `armstrace serve` (issue 16).

    PYTHONPATH=src python benchmarks/serve_flood.py --db reuters.db
    PYTHONPATH=src python benchmarks/serve_flood.py --db reuters.db --floods search --seconds 20

Starts `armstrace serve` on the database (built from the Reuters corpus when absent; a
user `flood-target` is added to a copy) on a free loopback port, then, for each phase,
runs two driver processes side by side for `--seconds`:

- the others: `--clients` connections, each one request at a time and from an address of
  its own (`X-Forwarded-For`, which the server trusts from loopback as from a proxy),
  cycling through the deals list, the heaviest deal page, a page of the deals API and a
  search for "missile";
- the flood, `--flood-clients` connections that never pause:
  - `search`: `GET /api/search` with 250 one-letter terms (the most a 500-character
    query holds) from one client (one address of its own), each request given
    up after `--flood-timeout` seconds, as an impatient client would (the server should
    stop the work when the client leaves);
  - `login`: `POST /login` with a wrong password, for the real user and for made-up
    names, each from a made-up address in `X-Forwarded-For` (a flood through a proxy the
    server trusts, so the per-address limit does not end it at once).

Phases: `none` (the others alone), then each flood, each against a server of its own.
Prints, per phase, the others' requests/s and p50/p95/p99, the flood's answers by
status, and the server's peak memory (RSS of its processes, summed). Loopback only;
every client is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from serve_load import free_port, start_server
from web_common import REUTERS, ensure_database, heaviest_pages, percentile

TARGET_P95_MS = 300.0
FLOOD_USER = "flood-target"
FLOOD_PASSWORD = "the right passphrase of the flood target"
SEARCH_FLOOD_QUERY = " ".join(["a"] * 250)
# The search flood's one client, as the proxy the server trusts names it.
SEARCH_FLOOD_ADDRESS = "203.0.113.7"
OTHER_PAGES = ("deals list", "deal page", "search (missile)")


def add_flood_user(db: Path, folder: Path) -> Path:
    """Return a copy of the register with the user the login flood aims at."""
    from armstrace.review import new_user
    from armstrace.store import open_store

    copy = folder / "flood.db"
    shutil.copyfile(db, copy)
    with open_store(copy) as store:
        store.add_user(new_user(FLOOD_USER, FLOOD_PASSWORD))
    return copy


def server_rss_mb(pid: int) -> float:
    """Return the resident memory of a process and its children, in MB."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{candidate}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop the server; kill it when it is still busy 20 s later (and say so)."""
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        # Still busy with work its clients left (the unbounded search before issue 16).
        print("the server took more than 20 s to stop; killed", file=sys.stderr)
        server.kill()
        server.wait()


def run_phase(base: str, urls: list[str], flood: str, arguments: argparse.Namespace,
              server_pid: int) -> dict[str, object]:
    """Run the others (and the flood, unless `none`) for the phase; return the figures."""
    driver = [sys.executable, __file__, "--base", base, "--seconds", str(arguments.seconds)]
    others = subprocess.Popen(
        [*driver, "--drive-others", json.dumps(urls), "--clients", str(arguments.clients)],
        stdout=subprocess.PIPE, text=True)
    flooder = None
    if flood != "none":
        flooder = subprocess.Popen(
            [*driver, "--drive-flood", flood, "--flood-clients", str(arguments.flood_clients),
             "--flood-timeout", str(arguments.flood_timeout)],
            stdout=subprocess.PIPE, text=True)
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.wait(0.25):
            peak = max(peak, server_rss_mb(server_pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    other_out, _ = others.communicate()
    flood_out = flooder.communicate()[0] if flooder else ""
    stop.set()
    sampler.join()
    result: dict[str, object] = {"flood": flood, "others": _result_line(other_out),
                                 "peak_rss_mb": round(peak, 1)}
    if flooder:
        result["flood_answers"] = _result_line(flood_out)
    return result


def _result_line(output: str) -> dict[str, object]:
    for line in output.splitlines():
        if line.startswith("RESULT "):
            result: dict[str, object] = json.loads(line[len("RESULT "):])
            return result
    raise SystemExit(f"a driver printed no result:\n{output}")


async def drive_others(base: str, urls: list[str], clients: int, seconds: float) -> None:
    """`clients` loops, one request at a time each, through the pages in turn."""
    import httpx

    latencies: list[float] = []
    by_url: dict[str, list[float]] = {url: [] for url in urls}
    errors = 0
    statuses: Counter[int] = Counter()
    deadline = time.perf_counter() + seconds

    async def one_client(client: httpx.AsyncClient, first: int) -> None:
        nonlocal errors
        turn = first
        # Each of the others is a person of their own: an address of its own.
        address = {"X-Forwarded-For": f"198.51.100.{first + 1}"}
        while time.perf_counter() < deadline:
            url = urls[turn % len(urls)]
            turn += 1
            started = time.perf_counter()
            try:
                response = await client.get(base + url, headers=address)
            except httpx.HTTPError:
                errors += 1
                latencies.append((time.perf_counter() - started) * 1000)
                continue
            latencies.append((time.perf_counter() - started) * 1000)
            by_url[url].append(latencies[-1])
            statuses[response.status_code] += 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    started = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        await asyncio.gather(*(one_client(client, number) for number in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    print("RESULT " + json.dumps({
        "requests": len(latencies), "per_second": round(len(latencies) / elapsed, 1),
        "errors": errors, "statuses": dict(statuses),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "p95_ms_by_url": {url: round(percentile(sorted(times), 0.95), 1)
                          for url, times in by_url.items()}}))


async def drive_flood(base: str, kind: str, clients: int, seconds: float,
                      timeout: float) -> None:
    """`clients` connections sending the flood's requests back to back."""
    import httpx

    answers: Counter[str] = Counter()
    deadline = time.perf_counter() + seconds
    rng = random.Random(16)

    async def one_search(client: httpx.AsyncClient) -> None:
        while time.perf_counter() < deadline:
            try:
                response = await client.get(f"{base}/api/search",
                                            params={"q": SEARCH_FLOOD_QUERY}, timeout=timeout,
                                            headers={"X-Forwarded-For": SEARCH_FLOOD_ADDRESS})
                answers[str(response.status_code)] += 1
            except httpx.TimeoutException:
                answers["gave up"] += 1
            except httpx.HTTPError:
                answers["error"] += 1

    async def one_login(client: httpx.AsyncClient) -> None:
        import re

        while time.perf_counter() < deadline:
            try:
                form = await client.get(f"{base}/login", timeout=timeout)
                token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
                name = FLOOD_USER if rng.random() < 0.5 else f"nobody{rng.randrange(10**6)}"
                address = ".".join(str(rng.randrange(1, 255)) for _ in range(4))
                response = await client.post(
                    f"{base}/login", timeout=timeout,
                    data={"name": name, "password": f"wrong {rng.random()}",
                          "csrf_token": token.group(1) if token else "", "next": "/"},
                    headers={"X-Forwarded-For": address})
                answers[str(response.status_code)] += 1
            except httpx.TimeoutException:
                answers["gave up"] += 1
            except httpx.HTTPError:
                answers["error"] += 1

    one = one_search if kind == "search" else one_login
    # A client of its own per connection: each login connection keeps its own cookie.
    clients_made = [httpx.AsyncClient(limits=httpx.Limits(max_connections=1)) for _ in
                    range(clients)]
    try:
        await asyncio.gather(*(one(client) for client in clients_made))
    finally:
        for client in clients_made:
            await client.aclose()
    print("RESULT " + json.dumps(dict(answers)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="Register to serve (built if absent).")
    parser.add_argument("--corpus", type=Path, default=REUTERS, help="Corpus to build it from.")
    parser.add_argument("--floods", default="search,login",
                        help="Floods to run after the quiet phase: search, login.")
    parser.add_argument("--clients", type=int, default=8, help="The others' connections.")
    parser.add_argument("--flood-clients", type=int, default=16, help="The flood's connections.")
    parser.add_argument("--flood-timeout", type=float, default=2.0,
                        help="Seconds a flood request waits before giving up.")
    parser.add_argument("--seconds", type=float, default=20, help="Seconds per phase.")
    parser.add_argument("--workers", type=int, default=1,
                        help="Server processes: armstrace serve --workers N.")
    parser.add_argument("--json", action="store_true", help="End with one JSON object.")
    parser.add_argument("--base", help=argparse.SUPPRESS)
    parser.add_argument("--drive-others", help=argparse.SUPPRESS)
    parser.add_argument("--drive-flood", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.drive_others:
        asyncio.run(drive_others(arguments.base, json.loads(arguments.drive_others),
                                 arguments.clients, arguments.seconds))
        return
    if arguments.drive_flood:
        asyncio.run(drive_flood(arguments.base, arguments.drive_flood, arguments.flood_clients,
                                arguments.seconds, arguments.flood_timeout))
        return
    with tempfile.TemporaryDirectory(prefix="armstrace-flood-") as name:
        folder = Path(name)
        db = add_flood_user(ensure_database(arguments.db, arguments.corpus, folder), folder)
        pages = heaviest_pages(db)
        urls = [pages.urls[page] for page in OTHER_PAGES] + ["/api/deals?limit=20"]
        load_before = os.getloadavg()
        phases = []
        for flood in ["none", *arguments.floods.split(",")]:
            # A server of its own per phase: work a flood leaves behind ends with it.
            port = free_port()
            server = start_server(db, port, arguments.workers)
            try:
                phases.append(run_phase(f"http://127.0.0.1:{port}", urls, flood, arguments,
                                        server.pid))
            finally:
                stop_server(server)
        load_after = os.getloadavg()
    print(f"server    armstrace serve --workers {arguments.workers} on {pages.documents} "
          f"documents; {os.cpu_count()} cores; load average {load_before[0]:.2f} before, "
          f"{load_after[0]:.2f} after")
    print(f"others    {arguments.clients} connections cycling {', '.join(urls)}")
    print(f"flood     {arguments.flood_clients} connections, {arguments.seconds:g} s per phase, "
          f"requests given up after {arguments.flood_timeout:g} s")
    print(f"{'flood':<7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6} "
          f"{'peak MB':>8}  flood answers")
    for phase in phases:
        others = phase["others"]
        assert isinstance(others, dict)
        bad = int(others["errors"]) + sum(
            count for status, count in others["statuses"].items() if not status.startswith("2"))
        verdict = "" if float(others["p95_ms"]) < TARGET_P95_MS else "  OVER TARGET"
        print(f"{phase['flood']:<7} {others['per_second']:>7} {others['p50_ms']:>7} "
              f"{others['p95_ms']:>7} {others['p99_ms']:>7} {bad:>6} {phase['peak_rss_mb']:>8}  "
              f"{json.dumps(phase.get('flood_answers', {}))}{verdict}")
    if arguments.json:
        print(json.dumps({"workers": arguments.workers, "clients": arguments.clients,
                          "flood_clients": arguments.flood_clients,
                          "seconds": arguments.seconds, "load_before": load_before,
                          "load_after": load_after, "phases": phases}))


if __name__ == "__main__":
    main()
