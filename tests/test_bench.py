"""armstrace bench: the figures it reports, on the bundled sample; no timing assertions."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from typer.testing import CliRunner

from armstrace.bench import read_sample, synthetic_stream
from armstrace.cli import app
from armstrace.model import Document
from armstrace.scale.cores import available_cores

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
    assert figures["workers"] == available_cores()  # the default: all cores


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


def test_synthetic_stream_cycles_the_corpus_under_new_ids_reading_lazily() -> None:
    corpus = [item for item in read_sample(7) if isinstance(item, Document)]
    passes: list[int] = []
    read_so_far: list[str] = []

    def read_corpus() -> Iterator[Document]:
        passes.append(len(passes))
        for document in corpus:
            read_so_far.append(document.id)
            yield document

    stream = synthetic_stream(read_corpus, 17)
    first = list(itertools.islice(stream, 3))
    assert len(read_so_far) == 3  # nothing is read ahead of what is taken
    documents = first + list(stream)
    assert len(documents) == 17
    assert len(passes) == 3  # 7 + 7 + 3
    assert len({document.id for document in documents}) == 17
    assert [d.id for d in documents[:7]] == [d.id for d in corpus]  # the first pass as read
    assert documents[7].id == f"{corpus[0].id}~1" and documents[16].id == f"{corpus[2].id}~2"
    assert [d.text for d in documents[7:14]] == [d.text for d in corpus]


def test_synthetic_stream_of_an_empty_corpus_ends() -> None:
    assert list(synthetic_stream(lambda: iter([]), 5)) == []


def test_bench_synthetic_runs_that_many_documents_and_samples_memory() -> None:
    result = RUNNER.invoke(
        app,
        [
            "bench",
            "--corpus",
            str(SAMPLE / "demo-articles.jsonl"),
            "--synthetic",
            "40",
            "--baseline-limit",
            "1",
            "--workers",
            "2",
            "--json",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["docs"] == 40 and figures["synthetic"] == 40
    assert figures["workers"] == 2
    assert figures["peak_rss_mb"] > 0 and figures["peak_rss_workers_mb"] > 0
    (last,) = figures["rss_trace"]  # under 1,000 documents: only the sample at the end
    assert last["docs"] == 40 and last["main_mb"] > 0
