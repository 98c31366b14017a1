"""armstrace bench: the figures it reports, on the bundled sample; no timing assertions."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from typer.testing import CliRunner

from armstrace.bench import read_sample
from armstrace.cli import app
from armstrace.model import Document

RUNNER = CliRunner()
SAMPLE = Path(str(resources.files("armstrace").joinpath("demo_data", "articles")))
POSITIVE_KEYS = (
    "docs",
    "words",
    "docs_per_s",
    "words_per_s",
    "baseline_docs",
    "baseline_docs_per_s",
    "baseline_words_per_s",
    "ratio",
    "peak_rss_mb",
    "workers",
    "cores",
    "read_s",
    "clean_s",
    "extract_s",
    "store_merge_s",
)


def test_bench_json_reports_positive_figures() -> None:
    result = RUNNER.invoke(
        app,
        [
            "bench",
            "--corpus",
            str(SAMPLE / "demo-articles.jsonl"),
            "--limit",
            "4",
            "--baseline-limit",
            "2",
            "--json",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    for key in POSITIVE_KEYS:
        assert figures[key] > 0, key
    assert figures["docs"] <= 4
    assert figures["baseline_docs"] <= 2
    assert figures["workers"] == 1


def test_bench_missing_corpus_is_a_usage_error(tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["bench", "--corpus", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2


def test_read_sample_repeats_under_new_ids() -> None:
    items = list(read_sample(60))
    assert len(items) == 60
    assert all(isinstance(item, Document) for item in items)
    assert len({item.id for item in items if isinstance(item, Document)}) == 60


def test_bench_with_two_workers_finds_what_one_finds() -> None:
    args = [
        "bench",
        "--corpus",
        str(SAMPLE / "demo-articles.jsonl"),
        "--baseline-limit",
        "1",
        "--json",
    ]
    one = json.loads(RUNNER.invoke(app, args, catch_exceptions=False).stdout.splitlines()[-1])
    two = json.loads(
        RUNNER.invoke(app, [*args, "--workers", "2"], catch_exceptions=False).stdout.splitlines()[
            -1
        ]
    )
    assert two["workers"] == 2
    assert (two["docs"], two["records"], two["deals"]) == (
        one["docs"],
        one["records"],
        one["deals"],
    )
