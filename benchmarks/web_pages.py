"""Measure how long each page of the web application takes to render on the Reuters register.

    PYTHONPATH=src python benchmarks/web_pages.py                  # builds the database first
    PYTHONPATH=src python benchmarks/web_pages.py --db reuters.db  # reuses (or builds) this one

The database holds the whole Reuters-21578 corpus, ingested with `armstrace ingest`
(about 2 minutes on 2 cores). For each page type the heaviest example is chosen (the
deal with most evidence, the state and weapon with most deals, the document with most
records, a search word found in thousands of stories), requested once to warm up, then
`--repeat` times through the whole application (routing, store, templates) with an
in-process client; the median, p95 and slowest request are printed against the 300 ms
target of issue 5. `--json` ends with one JSON object of the same figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from web_common import REUTERS, ensure_database, heaviest_pages, percentile

TARGET_MS = 300.0


def measure(db: Path, repeat: int) -> tuple[list[dict[str, object]], dict[str, int]]:
    from fastapi.testclient import TestClient

    from armstrace.web import create_app

    pages = heaviest_pages(db)
    rows = []
    with TestClient(create_app(str(db), secret_key="benchmark")) as client:
        for name, url in pages.urls.items():
            first = client.get(url)
            if first.status_code != 200:
                raise SystemExit(f"{url}: answered {first.status_code}, not 200")
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: answered {response.status_code}, not 200")
            times.sort()
            rows.append({"page": name, "url": url, "bytes": len(first.content),
                         "median_ms": round(statistics.median(times), 1),
                         "p95_ms": round(percentile(times, 0.95), 1),
                         "max_ms": round(times[-1], 1)})
    return rows, {"documents": pages.documents, "deals": pages.deals}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="Register to read (built from --corpus if absent).")
    parser.add_argument("--corpus", type=Path, default=REUTERS, help="Corpus to build it from.")
    parser.add_argument("--repeat", type=int, default=50, help="Timed requests per page.")
    parser.add_argument("--json", action="store_true", help="End with one JSON object.")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="armstrace-web-") as folder:
        db = ensure_database(arguments.db, arguments.corpus, Path(folder))
        rows, counts = measure(db, arguments.repeat)
    print(f"database  {db if arguments.db else 'Reuters, built in a temporary folder'}: "
          f"{counts['documents']} documents, {counts['deals']} deals")
    print(f"requests  {arguments.repeat} per page after one warm-up, in-process client "
          f"(fastapi TestClient), target {TARGET_MS:.0f} ms")
    print(f"{'page':<18} {'median ms':>9} {'p95 ms':>8} {'max ms':>8} {'KB':>6}  url")
    for row in rows:
        verdict = "" if float(row["p95_ms"]) < TARGET_MS else "  OVER TARGET"
        print(f"{row['page']:<18} {row['median_ms']:>9.1f} {row['p95_ms']:>8.1f} "
              f"{row['max_ms']:>8.1f} {int(row['bytes']) / 1024:>6.1f}  {row['url']}{verdict}")
    if arguments.json:
        print(json.dumps({**counts, "repeat": arguments.repeat, "target_ms": TARGET_MS,
                          "pages": rows}))
    sys.exit(0 if all(float(row["p95_ms"]) < TARGET_MS for row in rows) else 1)


if __name__ == "__main__":
    main()
