"""Load `armstrace serve` with concurrent clients from a second process: p50/p95/p99 and req/s.

    PYTHONPATH=src python benchmarks/serve_load.py --db reuters.db        # wrk if installed
    PYTHONPATH=src python benchmarks/serve_load.py --db reuters.db --client python
    PYTHONPATH=src python benchmarks/serve_load.py --db reuters.db --workers 2   # both cores

Starts `armstrace serve` on the database (built from the Reuters corpus with
`armstrace ingest` when absent) on a free loopback port, in a process of its own, then
drives it from another process with `--clients` concurrent connections for `--seconds`
per page: the deals list and the page of the deal with most evidence (issue 6: under
300 ms p95 with 20 clients for 30 s). The driver is `wrk` (Debian package `wrk`) when it
is on the PATH, else an asyncio client over httpx; `--client` picks one. `--workers N`
passes on to `armstrace serve --workers N` (uvicorn worker processes). The machine's load
average is printed before and after: the figures depend on what else runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from web_common import REPO, REUTERS, ensure_database, heaviest_pages, percentile

TARGET_P95_MS = 300.0
# wrk's summary as one JSON line (its own output has no p95).
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "errors": %d, "non_2xx": %d, '
    .. '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\\n',
    summary.requests, summary.duration / 1e6, errors, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "armstrace.cli", "serve", "--db", str(db), "--port", str(port),
         "--secret-key", "benchmark", "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"armstrace serve exited: {server.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/deals", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("armstrace serve did not answer within 60 s")


def drive_wrk(url: str, clients: int, seconds: int, folder: Path) -> dict[str, float]:
    script = folder / "report.lua"
    script.write_text(WRK_REPORT, encoding="utf-8")
    # One wrk thread holds 20 connections easily and leaves the other core to the server.
    done = subprocess.run(
        ["wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
         url], capture_output=True, text=True, check=True)
    return _result_line(done.stdout)


def drive_python(url: str, clients: int, seconds: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--drive", url, "--clients", str(clients),
         "--seconds", str(seconds)], capture_output=True, text=True, check=True)
    return _result_line(done.stdout)


def _result_line(output: str) -> dict[str, float]:
    for line in output.splitlines():
        if line.startswith("RESULT "):
            result: dict[str, float] = json.loads(line[len("RESULT "):])
            return result
    raise SystemExit(f"the load driver printed no result:\n{output}")


async def _drive(url: str, clients: int, seconds: int) -> None:
    """The Python driver, run in its own process: `clients` loops, each one request at a time."""
    import httpx

    latencies: list[float] = []
    errors = non_2xx = 0
    deadline = time.perf_counter() + seconds

    async def one_client(client: httpx.AsyncClient) -> None:
        nonlocal errors, non_2xx
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                response = await client.get(url)
            except httpx.HTTPError:
                errors += 1
                continue
            latencies.append((time.perf_counter() - started) * 1000)
            if not 200 <= response.status_code < 300:
                non_2xx += 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    started = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:
        await asyncio.gather(*(one_client(client) for _ in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    print("RESULT " + json.dumps({
        "requests": len(latencies), "seconds": round(elapsed, 3), "errors": errors,
        "non_2xx": non_2xx, "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95), "p99_ms": percentile(latencies, 0.99),
        "max_ms": latencies[-1] if latencies else float("nan")}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="Register to serve (built if absent).")
    parser.add_argument("--corpus", type=Path, default=REUTERS, help="Corpus to build it from.")
    parser.add_argument("--clients", type=int, default=20, help="Concurrent connections.")
    parser.add_argument("--seconds", type=int, default=30, help="Seconds of load per page.")
    parser.add_argument("--client", choices=("wrk", "python"),
                        default="wrk" if shutil.which("wrk") else "python",
                        help="Load driver (default: wrk when installed).")
    parser.add_argument("--workers", type=int, default=1,
                        help="Server processes: armstrace serve --workers N.")
    parser.add_argument("--json", action="store_true", help="End with one JSON object.")
    parser.add_argument("--drive", metavar="URL", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.drive:
        asyncio.run(_drive(arguments.drive, arguments.clients, arguments.seconds))
        return
    with tempfile.TemporaryDirectory(prefix="armstrace-load-") as name:
        folder = Path(name)
        db = ensure_database(arguments.db, arguments.corpus, folder)
        pages = heaviest_pages(db)
        port = free_port()
        load_before = os.getloadavg()
        server = start_server(db, port, arguments.workers)
        results = {}
        try:
            for page in ("deals list", "deal page"):
                url = f"http://127.0.0.1:{port}{pages.urls[page]}"
                if arguments.client == "wrk":
                    results[page] = drive_wrk(url, arguments.clients, arguments.seconds, folder)
                else:
                    results[page] = drive_python(url, arguments.clients, arguments.seconds)
                results[page]["url"] = pages.urls[page]  # type: ignore[assignment]
        finally:
            server.terminate()
            server.wait(timeout=10)
        load_after = os.getloadavg()
    processes = "one process" if arguments.workers == 1 else f"{arguments.workers} workers"
    print(f"server    armstrace serve (uvicorn, {processes}) on {pages.documents} documents, "
          f"{pages.deals} deals; {os.cpu_count()} cores")
    print(f"machine   load average {' '.join(f'{x:.2f}' for x in load_before)} before, "
          f"{' '.join(f'{x:.2f}' for x in load_after)} after (1, 5, 15 min)")
    print(f"load      {arguments.clients} concurrent clients for {arguments.seconds} s per page, "
          f"driver {arguments.client} in a second process, loopback")
    print(f"{'page':<11} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7} "
          f"{'errors':>6}  url")
    for page, result in results.items():
        rate = result["requests"] / result["seconds"]
        verdict = "" if result["p95_ms"] < TARGET_P95_MS else "  OVER TARGET"
        print(f"{page:<11} {rate:>7.1f} {result['p50_ms']:>7.1f} {result['p95_ms']:>7.1f} "
              f"{result['p99_ms']:>7.1f} {result['max_ms']:>7.1f} "
              f"{int(result['errors'] + result['non_2xx']):>6}  {result['url']}{verdict}")
    if arguments.json:
        print(json.dumps({"clients": arguments.clients, "seconds": arguments.seconds,
                          "client": arguments.client, "workers": arguments.workers,
                          "load_before": load_before, "load_after": load_after,
                          "pages": results}))
    sys.exit(0 if all(r["p95_ms"] < TARGET_P95_MS for r in results.values()) else 1)


if __name__ == "__main__":
    main()
