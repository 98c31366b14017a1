"""Run the clean and extract stages in a process pool; store and merge stay in one process.

Cleaning (language check, boilerplate) and extraction (automaton pass, parsing) are pure
functions of a document and take most of an ingest's time; storing and merging write one
SQLite file and must stay in order. `ingest_documents_pooled` reads the input in batches,
sends each batch's documents to a worker process, and stores the results batch by batch
in input order, exactly as `pipeline.ingest_documents` would, so the same input gives the
same database. A batch is parsed in one pass (`Extractor.extract_batch`), which costs
less than a parse per document; with one worker the batches run in this process.

Memory stays flat whatever the input's size: at most `in_flight` batches per worker are
out at once (the reader is paused until the oldest comes back), and nothing is kept of a
batch once it is stored.

Workers are forked from the calling process and inherit its `Extractor` and language
model (loaded once, pages shared copy-on-write); on platforms without fork they are
pickled to each worker at start-up instead, which is slower but gives the same results.

A forked worker ends at once, and prints nothing, when the process that forked it is gone
(`kill -9`, the OOM killer): otherwise it would finish its batch (and any queued in its
task pipe), burning a core for nobody, and then report the closed result pipe as a
"Process ForkPoolWorker-N: Traceback ... BrokenPipeError" on the terminal it shares. How
it knows is a "lifeline" (as in public-inbox's ParentPipe and Python's own
`multiprocessing.parent_process()` sentinel): a pipe made before the pool, whose write
end only the parent keeps open and which nobody ever writes to. Each worker closes its
inherited copy of the write end in its initializer and a daemon thread blocks reading the
read end; the kernel closes a process's descriptors however it ends, even on SIGKILL, so
the read returns end-of-file exactly when the parent is gone, and the thread silences
standard output and error and calls `os._exit`. Why not the alternatives:

- `prctl(PR_SET_PDEATHSIG)` fires when the *thread* that forked the worker ends, not the
  process, and the pool forks replacement workers (`maxtasksperchild`) from its
  worker-handler thread, so a worker can be killed under a live parent, its batch never
  answered (tried in the initializer, it hung the test suite). It is Linux-only too.
- Polling `os.getppid()` against the parent's pid costs a wake-up per interval and
  answers only as fast as the interval; the pipe answers at once and costs nothing
  while it waits.
- `multiprocessing.parent_process().sentinel` is the same idea, but one pipe per
  worker, and under fork each later worker (every replacement) inherits the write ends
  of those forked before it, so an earlier worker hears of its parent's end only after
  all later ones have gone.

No copy of the write end outlives the parent: a worker closes its copy before anything
else it does (a worker forked just before the parent dies holds one only until then),
and `os.pipe` descriptors are not inherited by programs started with exec. The parent
closes both ends once the pool's workers are terminated, so no worker sees end-of-file
while its parent lives.

One race is left to the worker's main thread: if it is sending its batch's result when
the parent dies, its write fails with BrokenPipeError before the lifeline thread gets
the interpreter, and the process's last-resort handler prints the traceback. So a
worker's `sys.stderr` checks the lifeline before it writes anything and, once the parent
is gone, exits silently instead; while the parent lives every write goes through, so a
genuine worker error is reported as before. The check is sound because the lifeline is
made just before the pool's own pipes, so its descriptors have lower numbers, and Linux
closes a dying process's descriptors in ascending order: the lifeline reads end-of-file
before the result pipe breaks.

Workers ignore SIGINT: Ctrl-C at a terminal reaches the whole foreground process group,
and the parent alone handles it (it stops the pool and reports); a worker left to raise
KeyboardInterrupt would print its own traceback.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult
from typing import NoReturn, TextIO, cast

from armstrace.clean import clean_document, prepare_clean
from armstrace.extract import Extractor
from armstrace.merge import update_deals
from armstrace.model import Document, Record, Skipped
from armstrace.pipeline import IngestReport, StageTimings, store_extracted_item
from armstrace.store.base import Store

# Documents per task: enough that sending them costs little next to cleaning them, few
# enough that a batch's texts and records are a small fraction of memory.
BATCH_SIZE = 32
# Batches out per worker: one being worked on, one queued so a worker never waits.
IN_FLIGHT_PER_WORKER = 2
# A worker is replaced by a fresh fork after this many batches (32,000 documents): what
# a long run leaves behind in a worker (spaCy's string store keeps every word it has
# parsed, the allocator's free lists) cannot add up over millions of documents.
BATCHES_PER_WORKER = 1000


@dataclass(frozen=True)
class PoolConfig:
    """How the pool runs: processes, documents per batch, batches out per worker and per life."""

    workers: int
    batch_size: int = BATCH_SIZE
    in_flight_per_worker: int = IN_FLIGHT_PER_WORKER
    batches_per_worker: int = BATCHES_PER_WORKER


@dataclass(frozen=True)
class Extracted:
    """What a worker returns for one document: cleaned (or skipped) and its records.

    `cleaned` is None when cleaning changed nothing: the main process still has the
    document, so it is not sent back.
    """

    cleaned: Document | Skipped | None
    records: list[Record]


@dataclass(frozen=True)
class BatchResult:
    """A worker's results for one batch, in order, with the seconds each stage took."""

    extracted: list[Extracted]
    clean_seconds: float
    extract_seconds: float


def clean_and_extract_batch(
    extractor: Extractor,
    documents: list[Document],
    is_stored: Callable[[str], bool] | None = None,
) -> BatchResult:
    """Clean each document and extract the records of those that survive, in one parse pass.

    With `is_stored`, a cleaned document whose id it knows is not extracted (its records
    are stored already; the store will find it there and add nothing).
    """
    started = time.perf_counter()
    cleaned = [clean_document(document) for document in documents]
    cleaned_at = time.perf_counter()
    positions: list[int] = []
    to_extract: list[Document] = []
    for position, item in enumerate(cleaned):
        if isinstance(item, Document) and (is_stored is None or not is_stored(item.id)):
            positions.append(position)
            to_extract.append(item)
    records_at = dict(zip(positions, extractor.extract_batch(to_extract), strict=True))
    outcomes = [
        Extracted(None if item is document else item, records_at.get(position, []))
        for position, (document, item) in enumerate(zip(documents, cleaned, strict=True))
    ]
    return BatchResult(outcomes, cleaned_at - started, time.perf_counter() - cleaned_at)


class _Worker:
    """The per-process state of a pool worker: the one Extractor it was given."""

    extractor: Extractor | None = None

    @classmethod
    def start(cls, extractor: Extractor, lifeline: tuple[int, int] | None) -> None:
        """Keep the extractor; with a lifeline (forked workers), end when the parent does."""
        if lifeline is not None:
            _end_with_parent(*lifeline)
        # Ctrl-C is the parent's to handle: it terminates the pool (see the module's notes).
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        cls.extractor = extractor

    @classmethod
    def clean_and_extract(cls, documents: list[Document]) -> BatchResult:
        assert cls.extractor is not None, "pool worker started without an extractor"
        return clean_and_extract_batch(cls.extractor, documents)


def read_batches(
    items: Iterable[Document | Skipped], size: int
) -> Iterator[list[Document | Skipped]]:
    """Yield the items in lists of `size` (the last one shorter), reading no further ahead."""
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def ingest_documents_pooled(
    items: Iterable[Document | Skipped],
    store: Store,
    extractor: Extractor,
    config: PoolConfig,
    on_progress: Callable[[IngestReport, Document | Skipped], None] | None = None,
    timings: StageTimings | None = None,
) -> IngestReport:
    """Ingest like `pipeline.ingest_documents`, batch by batch, in `config.workers` processes.

    With one worker, or an input that fits in one batch (starting workers would cost more
    than it saves), the batches are cleaned and extracted in this process, and documents
    already stored are not extracted again. With more, a document already stored is
    still cleaned and extracted (the check needs the store, which only this process
    holds) but not stored again. With `timings`, clean and extract add the workers'
    summed seconds (CPU time across processes, not wall time); store is this process's
    time storing and merging.
    """
    report = IngestReport()
    started = time.perf_counter()
    report.deals_updated += update_deals(store)
    if timings is not None:
        timings.store += time.perf_counter() - started
    batches = read_batches(items, config.batch_size)
    first = next(batches, [])
    second = next(batches, None)
    every_batch = itertools.chain([first], [second] if second is not None else [], batches)
    if second is None or config.workers <= 1:
        for batch in every_batch:
            documents = [item for item in batch if isinstance(item, Document)]
            result = clean_and_extract_batch(extractor, documents, store.has_document)
            _store_batch(batch, result, store, report, on_progress, timings)
        return report

    # Loaded once here, before the fork, so the workers share it instead of each loading it.
    prepare_clean()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    limit = config.workers * config.in_flight_per_worker
    pending: deque[tuple[list[Document | Skipped], AsyncResult[BatchResult]]] = deque()
    # Made before the pool, so its descriptors are lower than the pool's pipes (the
    # module's notes say why that matters); only forked workers inherit descriptors.
    lifeline = os.pipe() if context.get_start_method() == "fork" else None
    try:
        with context.Pool(
            config.workers,
            initializer=_Worker.start,
            initargs=(extractor, lifeline),
            maxtasksperchild=config.batches_per_worker,
        ) as pool:
            for batch in every_batch:
                documents = [item for item in batch if isinstance(item, Document)]
                pending.append(
                    (batch, pool.apply_async(_Worker.clean_and_extract, (documents,)))
                )
                if len(pending) >= limit:
                    sent, waiting = pending.popleft()
                    _store_batch(sent, waiting.get(), store, report, on_progress, timings)
            while pending:
                sent, waiting = pending.popleft()
                _store_batch(sent, waiting.get(), store, report, on_progress, timings)
    finally:
        # Only now, with the workers terminated: closing the write end ends any still there.
        if lifeline is not None:
            for end in lifeline:
                os.close(end)
    return report


def _end_with_parent(read_end: int, write_end: int) -> None:
    """Make this forked worker exit silently as soon as its parent is gone (module notes)."""
    os.close(write_end)
    sys.stderr = cast(TextIO, _QuietOnceOrphaned(sys.stderr, read_end))
    threading.Thread(
        target=_exit_at_end_of_lifeline, args=(read_end,), name="lifeline", daemon=True
    ).start()


def _parent_gone(read_end: int) -> bool:
    """Return whether the lifeline is at end of file (nobody writes to it: readable is EOF)."""
    poller = select.poll()
    poller.register(read_end, select.POLLIN)
    return bool(poller.poll(0))


def _exit_at_end_of_lifeline(read_end: int) -> None:
    """Block until the lifeline reads end of file, then end this process silently."""
    try:
        while os.read(read_end, 1):  # nothing is ever written: only end of file returns
            pass
    except OSError:  # the descriptor is gone: nothing left to watch
        return
    _exit_silently()


def _exit_silently() -> NoReturn:
    """End this process at once, whatever another thread is writing going to /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    # No clean-up: the parent that would read a result or an exit status is gone.
    os._exit(1)


class _QuietOnceOrphaned:
    """A worker's standard error: written through while its parent lives, never after."""

    def __init__(self, stream: TextIO, read_end: int) -> None:
        self._stream = stream
        self._read_end = read_end

    def write(self, text: str) -> int:
        if _parent_gone(self._read_end):
            _exit_silently()
        return self._stream.write(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _store_batch(
    batch: list[Document | Skipped],
    done: BatchResult,
    store: Store,
    report: IngestReport,
    on_progress: Callable[[IngestReport, Document | Skipped], None] | None,
    timings: StageTimings | None,
) -> None:
    """Store one batch in input order: skipped inputs as read, documents as cleaned."""
    if timings is not None:
        timings.clean += done.clean_seconds
        timings.extract += done.extract_seconds
    extracted = iter(done.extracted)
    for item in batch:
        if isinstance(item, Skipped):
            store_extracted_item(item, [], store, report, timings)
            stored: Document | Skipped = item
        else:
            outcome = next(extracted)
            stored = item if outcome.cleaned is None else outcome.cleaned
            store_extracted_item(stored, outcome.records, store, report, timings)
        if on_progress is not None:
            on_progress(report, stored)
