"""Measure armstrace end to end against a plain spaCy parse of the same texts.

Two runs in one process, on the same documents:

1. baseline: the package's spaCy model (`load_language_model`, the parser the
   extractor uses) runs `nlp.pipe` over each document's full text;
2. armstrace: read, clean, extract, store in a fresh temporary SQLite file and
   merge deals, through `pipeline.ingest_documents`, with the time of each stage.

The baseline parses every word of every document and is slow (about 55 documents/s on
Reuters), so it runs on the first `baseline_limit` documents only; its rate is compared
with the rate of the whole armstrace run. `run_bench(BenchConfig(limit=200))` returns a
`BenchResult`; `armstrace bench` prints it.

With `synthetic=N` the armstrace run reads N documents made from the corpus instead: the
corpus is read again and again, lazily, each pass under new document ids
(`synthetic_stream`), so nothing is found already stored and nothing is held in memory
but the batches in flight. It shows whether memory stays flat as the input grows: the
resident set of this process and of the workers is sampled at 1,000, 10,000, 100,000 ...
documents (`rss_trace`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from armstrace.model import Document, Skipped
from armstrace.pipeline import IngestReport, StageTimings, time_reading
from armstrace.scale.cores import available_cores
from armstrace.scale.pool import PoolConfig, ingest_documents_pooled

if TYPE_CHECKING:
    from armstrace.extract import Extractor

# Where the shared data sits beside a checkout: ../shared/data from the working directory
# or from the repository root.
REUTERS = Path("..", "shared", "data", "corpora", "reuters21578.jsonl")
REPOSITORY = Path(__file__).resolve().parents[2]
SAMPLE_DOCUMENTS = 300  # the bundled sample (25 documents) repeated to about this many
BASELINE_LIMIT = 1000  # about 18 s of spaCy on Reuters; the whole corpus would take ~7 min


@dataclass(frozen=True)
class BenchConfig:
    """What to measure: which corpus, how many documents, how many workers."""

    corpus: tuple[Path, ...] = ()  # empty: Reuters when present, else the bundled sample
    limit: int | None = None  # at most this many documents in the armstrace run
    baseline_limit: int = BASELINE_LIMIT  # at most this many in the baseline run
    workers: int = field(default_factory=available_cores)
    sample_documents: int = SAMPLE_DOCUMENTS
    synthetic: int | None = None  # this many documents made from the corpus, cycling it


@dataclass(frozen=True)
class RunFigures:
    """Documents and words processed in a number of seconds."""

    docs: int
    words: int
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds > 0 else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class RssSample:
    """Resident memory, in MB, after a number of documents: this process's and each worker's."""

    docs: int
    main_mb: float
    workers_mb: tuple[float, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "docs": self.docs,
            "main_mb": round(self.main_mb, 1),
            "workers_mb": [round(mb, 1) for mb in self.workers_mb],
        }


@dataclass(frozen=True)
class BenchResult:
    """The figures of one bench run."""

    corpus: str
    armstrace: RunFigures
    baseline: RunFigures
    stages: StageTimings
    records: int
    deals: int
    skipped: int
    peak_rss_mb: float  # after the armstrace run, before the baseline loads its own model
    peak_rss_total_mb: float  # at the end, baseline included
    peak_rss_workers_mb: float  # the largest worker process's (0 with one worker)
    workers: int
    cores: int
    model: str
    synthetic: int | None = None
    rss_trace: tuple[RssSample, ...] = ()
    started: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(" ", "seconds"))

    @property
    def ratio(self) -> float:
        """Return armstrace's documents/s divided by the baseline's."""
        baseline = self.baseline.docs_per_s
        return self.armstrace.docs_per_s / baseline if baseline > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        """Return the figures as one flat JSON object."""
        return {
            "corpus": self.corpus,
            "docs": self.armstrace.docs,
            "words": self.armstrace.words,
            "seconds": round(self.armstrace.seconds, 6),
            "docs_per_s": round(self.armstrace.docs_per_s, 2),
            "words_per_s": round(self.armstrace.words_per_s, 1),
            "baseline_docs": self.baseline.docs,
            "baseline_words": self.baseline.words,
            "baseline_seconds": round(self.baseline.seconds, 6),
            "baseline_docs_per_s": round(self.baseline.docs_per_s, 2),
            "baseline_words_per_s": round(self.baseline.words_per_s, 1),
            "baseline_model": self.model,
            "ratio": round(self.ratio, 2),
            "read_s": round(self.stages.read, 6),
            "clean_s": round(self.stages.clean, 6),
            "extract_s": round(self.stages.extract, 6),
            "store_merge_s": round(self.stages.store, 6),
            "records": self.records,
            "deals": self.deals,
            "skipped": self.skipped,
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "peak_rss_total_mb": round(self.peak_rss_total_mb, 1),
            "peak_rss_workers_mb": round(self.peak_rss_workers_mb, 1),
            "workers": self.workers,
            "cores": self.cores,
            "synthetic": self.synthetic,
            "rss_trace": [sample.to_json() for sample in self.rss_trace],
            "started": self.started,
        }


def find_default_corpus(cwd: Path | None = None) -> Path | None:
    """Return the Reuters corpus beside the working directory or the repository, if there."""
    for root in (cwd or Path.cwd(), REPOSITORY):
        candidate = (root / REUTERS).resolve()
        if candidate.is_file():
            return candidate
    return None


def read_sample(count: int) -> Iterator[Document | Skipped]:
    """Yield the bundled sample articles, repeated under new ids until `count` documents."""
    from armstrace.ingest import read_path

    sample = resources.files("armstrace").joinpath("demo_data", "articles")
    with resources.as_file(sample) as folder:
        dates_file = Path(folder).parent / "published.json"
        dates = json.loads(dates_file.read_text(encoding="utf-8")) if dates_file.exists() else {}
        documents: list[Document] = []
        for path in sorted(Path(folder).iterdir()):
            if path.name == "published.json" or path.name.startswith("."):
                continue
            day = dt.date.fromisoformat(dates[path.name]) if path.name in dates else None
            documents.extend(
                item for item in read_path(path, published=day) if isinstance(item, Document)
            )
    copy = 0
    produced = 0
    while documents and produced < count:
        for document in documents:
            if produced >= count:
                return
            # A copy under the same id would be found already stored and not extracted.
            yield (
                document
                if copy == 0
                else dataclasses.replace(document, id=f"{document.id}-copy{copy}")
            )
            produced += 1
        copy += 1


def synthetic_stream(
    read_corpus: Callable[[], Iterable[Document | Skipped]], count: int
) -> Iterator[Document]:
    """Yield `count` documents, reading the corpus again each time it runs out.

    The first pass yields the corpus's documents as they are; pass k after it yields
    them again under the id `<id>~k`, so a store finds none of them already stored.
    Nothing is kept between passes: memory does not depend on `count`. Inputs the
    reader skips are left out (they are not documents).
    """
    produced = 0
    for copy in itertools.count():
        found = False
        for item in read_corpus():
            if not isinstance(item, Document):
                continue
            if produced >= count:
                return
            found = True
            yield item if copy == 0 else dataclasses.replace(item, id=f"{item.id}~{copy}")
            produced += 1
        if not found:
            return  # an empty corpus: no documents to cycle


def count_words(text: str) -> int:
    """Return the number of whitespace-separated words in a text."""
    return len(text.split())


def current_rss_mb(pid: int | str = "self") -> float | None:
    """Return a process's resident set size now, in MB (None where /proc is not there)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            resident_pages = int(statm.read().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def sample_rss(docs: int) -> RssSample | None:
    """Return this process's and its worker processes' resident memory now."""
    main = current_rss_mb()
    if main is None:
        return None
    workers = (
        current_rss_mb(child.pid)
        for child in multiprocessing.active_children()
        if child.pid is not None
    )
    return RssSample(docs, main, tuple(mb for mb in workers if mb is not None))


def _checkpoints() -> Iterator[int]:
    """Yield 1000, 2000, 5000, 10000, 20000, 50000, ...: where the RSS trace samples."""
    for power in itertools.count(3):
        for first in (1, 2, 5):
            yield first * 10**power


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Return the peak resident set size so far of this process (or its largest child), in MB."""
    peak = resource.getrusage(who).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_bench(
    config: BenchConfig,
    extractor: Extractor | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> BenchResult:
    """Run armstrace and then the spaCy baseline on the same documents; return the figures.

    `extractor` is built when not given; `on_stage` is told, in words, what starts next
    (the CLI shows it on stderr). Model loading is not timed in either run.
    """
    from armstrace.extract import Extractor, load_language_model
    from armstrace.store import open_store

    def tell(message: str) -> None:
        if on_stage is not None:
            on_stage(message)

    from armstrace.ingest import read_paths

    corpus_paths = [str(path) for path in config.corpus]
    if not corpus_paths:
        reuters = find_default_corpus()
        corpus_paths = [str(reuters)] if reuters is not None else []
    if corpus_paths:
        corpus_name = ", ".join(corpus_paths)

        def read_corpus() -> Iterable[Document | Skipped]:
            return read_paths(corpus_paths)

    else:
        corpus_name = f"bundled sample repeated to {config.sample_documents} documents"

        def read_corpus() -> Iterable[Document | Skipped]:
            return read_sample(config.sample_documents)

    items: Iterable[Document | Skipped] = read_corpus()
    if config.synthetic is not None:
        corpus_name = f"synthetic: {config.synthetic} documents cycling {corpus_name}"
        items = synthetic_stream(read_corpus, config.synthetic)

    if extractor is None:
        tell("loading the extractor")
        extractor = Extractor()
    timings = StageTimings()
    baseline_texts: list[str] = []
    counts = {"docs": 0, "words": 0}

    def measured(stream: Iterable[Document | Skipped]) -> Iterator[Document | Skipped]:
        # Counting happens outside the read timer: it is the bench's work, not armstrace's.
        for item in time_reading(stream, timings):
            if isinstance(item, Document):
                if config.limit is not None and counts["docs"] >= config.limit:
                    return
                counts["docs"] += 1
                counts["words"] += count_words(item.text)
                if len(baseline_texts) < config.baseline_limit:
                    baseline_texts.append(item.text)
            yield item

    checkpoints = _checkpoints()
    next_checkpoint = next(checkpoints)
    rss_trace: list[RssSample] = []

    def on_progress(report: IngestReport, item: Document | Skipped) -> None:
        nonlocal next_checkpoint
        if report.documents_read >= next_checkpoint and isinstance(item, Document):
            sample = sample_rss(report.documents_read)
            if sample is not None:
                rss_trace.append(sample)
            next_checkpoint = next(checkpoints)

    tell(f"armstrace: {corpus_name}, {config.workers} worker(s)")
    with tempfile.TemporaryDirectory(prefix="armstrace-bench-") as folder:
        started = time.perf_counter()
        with open_store(Path(folder) / "bench.db") as store:
            report = ingest_documents_pooled(
                measured(items),
                store,
                extractor,
                PoolConfig(workers=config.workers),
                on_progress=on_progress,
                timings=timings,
            )
            seconds = time.perf_counter() - started
            deals = sum(1 for _ in store.iter_deals())
            final = sample_rss(report.documents_read)
            if final is not None and (not rss_trace or rss_trace[-1].docs != final.docs):
                rss_trace.append(final)
    armstrace_run = RunFigures(counts["docs"], counts["words"], seconds)
    rss_after_armstrace = peak_rss_mb()

    tell(f"baseline: spaCy nlp.pipe over {len(baseline_texts)} documents")
    nlp = load_language_model()
    model = f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')} {nlp.meta.get('version', '')}"
    started = time.perf_counter()
    for _ in nlp.pipe(baseline_texts):
        pass
    baseline_run = RunFigures(
        len(baseline_texts),
        sum(count_words(text) for text in baseline_texts),
        time.perf_counter() - started,
    )
    return BenchResult(
        corpus=corpus_name,
        armstrace=armstrace_run,
        baseline=baseline_run,
        stages=timings,
        records=report.records_added,
        deals=deals,
        skipped=report.skipped_count,
        peak_rss_mb=rss_after_armstrace,
        peak_rss_total_mb=peak_rss_mb(),
        workers=config.workers,
        peak_rss_workers_mb=peak_rss_mb(resource.RUSAGE_CHILDREN),
        cores=os.cpu_count() or 1,
        model=f"{model.strip()} (components: {', '.join(nlp.pipe_names)})",
        synthetic=config.synthetic,
        rss_trace=tuple(rss_trace),
    )
