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

No document can stop the run (issue 16). A document on which cleaning or extraction
raises, or runs past its time limit, is stored without records beside a `skipped` row
(armstrace.stages). A worker that dies (the OOM killer, `kill -9`) or stops answering is
noticed at once: each worker is a process of our own with a pipe of its own, so the
batches it held are known. The batch it was working on is sent again, once, to a fresh
worker; should that worker die too, the batch's documents are tried one by one, and a
document that kills a worker on its own is skipped, with the reason, and not stored (the
next run tries it again). The batches queued behind it go on as if nothing happened. A
worker that holds a batch and says nothing for twice the time limit per document
(it speaks as each document's stage starts) is taken for hung, killed, and handled the
same way. (`multiprocessing.Pool` cannot do this: a task whose worker died is never
answered, and the pool hangs.)

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
and the parent alone handles it (it kills its workers, waits a bounded time for them, and
exits); a worker left to raise KeyboardInterrupt would print its own traceback.

The same lifeline holds for the workers started here (`multiprocessing.Process`, forked):
each later worker inherits the parent's ends of the earlier workers' pipes, so a worker's
death is seen by its process sentinel, never by end of file on its pipe; a worker closes
the copies it inherited first thing.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import queue
import select
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import NoReturn, TextIO, cast

from armstrace.clean import prepare_clean
from armstrace.extract import Extractor
from armstrace.merge import update_deals
from armstrace.model import Document, Record, Skipped
from armstrace.pipeline import IngestReport, StageTimings, store_extracted_item
from armstrace.stages import DEFAULT_LIMITS, DocumentLimits, clean_safely, extract_safely
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
# Seconds, beyond twice the time limit per document, that a worker holding a batch may
# say nothing before it is taken for hung: a batch's results take well under a second
# to send.
SILENCE_SLACK = 10.0
# Seconds a worker is given to end when the pool closes, before it is killed.
CLOSE_SECONDS = 5.0


@dataclass(frozen=True)
class PoolConfig:
    """How the pool runs: processes, documents per batch, batches out per worker and per life."""

    workers: int
    batch_size: int = BATCH_SIZE
    in_flight_per_worker: int = IN_FLIGHT_PER_WORKER
    batches_per_worker: int = BATCHES_PER_WORKER
    limits: DocumentLimits = DEFAULT_LIMITS


@dataclass(frozen=True)
class Extracted:
    """What a worker returns for one document: cleaned (or skipped) and its records.

    `cleaned` is None when cleaning changed nothing: the main process still has the
    document, so it is not sent back. `failure` is the `skipped` row to store beside
    the document when a stage failed on it (armstrace.stages).
    """

    cleaned: Document | Skipped | None
    records: list[Record]
    failure: Skipped | None = None


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
    limits: DocumentLimits = DEFAULT_LIMITS,
    on_step: Callable[[], None] | None = None,
) -> BatchResult:
    """Clean each document and extract the records of those that survive, in one parse pass.

    With `is_stored`, a cleaned document whose id it knows is not extracted (its records
    are stored already; the store will find it there and add nothing). A stage that fails
    on a document, or runs past `limits`, leaves it without records and with the failure
    to store (armstrace.stages); `on_step` is called as each limited step starts.
    """
    started = time.perf_counter()
    cleaned = [clean_safely(document, limits, on_step) for document in documents]
    cleaned_at = time.perf_counter()
    positions: list[int] = []
    to_extract: list[Document] = []
    for position, outcome in enumerate(cleaned):
        item = outcome.cleaned
        if (
            isinstance(item, Document)
            and outcome.failure is None
            and (is_stored is None or not is_stored(item.id))
        ):
            positions.append(position)
            to_extract.append(item)
    extracted_at = dict(
        zip(positions, extract_safely(extractor, to_extract, limits, on_step), strict=True)
    )
    outcomes = []
    for position, (document, outcome) in enumerate(zip(documents, cleaned, strict=True)):
        changed = None if outcome.cleaned is document else outcome.cleaned
        result = extracted_at.get(position, [])
        if isinstance(result, Skipped):
            outcomes.append(Extracted(changed, [], result))
        else:
            outcomes.append(Extracted(changed, result, outcome.failure))
    return BatchResult(outcomes, cleaned_at - started, time.perf_counter() - cleaned_at)


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
            result = clean_and_extract_batch(extractor, documents, store.has_document,
                                             config.limits)
            _store_batch(batch, result, store, report, on_progress, timings)
        return report

    # Loaded once here, before the fork, so the workers share it instead of each loading it.
    prepare_clean()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    limit = config.workers * config.in_flight_per_worker
    read: dict[int, list[Document | Skipped]] = {}  # batches read and not stored yet
    done: dict[int, BatchResult] = {}
    next_read = next_stored = 0
    exhausted = False
    with _Workers(context, extractor, config) as workers:
        while True:
            while next_stored in done:
                _store_batch(read.pop(next_stored), done.pop(next_stored), store, report,
                             on_progress, timings)
                next_stored += 1
            while not exhausted and len(read) < limit:
                more = next(every_batch, None)
                if more is None:
                    exhausted = True
                    break
                read[next_read] = more
                documents = [item for item in more if isinstance(item, Document)]
                if documents:
                    workers.submit(_Task(next_read, documents))
                else:
                    done[next_read] = BatchResult([], 0.0, 0.0)
                next_read += 1
            if exhausted and not read:
                return report
            if next_stored not in done:
                done.update(workers.wait())


@dataclass
class _Task:
    """A batch sent to a worker; `part` is a document's place in it once the batch is split."""

    number: int
    documents: list[Document]
    part: int | None = None
    tries: int = 0


@dataclass
class _Slot:
    """One worker process, its end of the pipe, and the tasks sent to it not yet answered.

    Tasks are written to the pipe by a thread of the slot's own (`outbox` feeds it): a
    batch can be larger than the pipe holds, and were this process to block writing it
    while the worker blocks writing a result, neither would ever read.
    """

    process: BaseProcess
    connection: Connection
    outbox: queue.SimpleQueue[list[Document] | None]
    feeder: threading.Thread
    tasks: deque[_Task] = field(default_factory=deque)
    sent: int = 0
    heard: float = field(default_factory=time.monotonic)


def _send_tasks(connection: Connection, outbox: queue.SimpleQueue[list[Document] | None]) -> None:
    """Write each batch put in the outbox to a worker's pipe; None (stop) is written last."""
    while True:
        documents = outbox.get()
        try:
            connection.send(documents)
        except (OSError, ValueError):  # the worker is gone: nobody reads
            return
        if documents is None:
            return


class _Workers:
    """The worker processes: send them tasks, collect their results, replace the dead ones."""

    def __init__(self, context: BaseContext, extractor: Extractor, config: PoolConfig) -> None:
        self.context = context
        self.extractor = extractor
        self.config = config
        self.slots: list[_Slot] = []
        self.started: list[BaseProcess] = []  # every worker ever started, to end them all
        self.pending: deque[_Task] = deque()
        self.parts: dict[int, dict[int, Extracted]] = {}  # split batches: results so far
        self.split_sizes: dict[int, int] = {}
        seconds = config.limits.seconds
        self.silence = None if seconds is None else 2 * seconds + SILENCE_SLACK
        # Made before any worker, so its descriptors are lower than the workers' pipes (the
        # module's notes say why that matters); only forked workers inherit descriptors.
        self.lifeline = os.pipe() if context.get_start_method() == "fork" else None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close(killing=exc_info[0] is not None)

    def submit(self, task: _Task) -> None:
        """Queue a task and send what the workers have room for."""
        self.pending.append(task)
        self._dispatch()

    def wait(self) -> dict[int, BatchResult]:
        """Wait for workers to answer (or die); return the batches now complete, by number."""
        complete: dict[int, BatchResult] = {}
        busy = [slot for slot in self.slots if slot.tasks]
        timeout = None
        if self.silence is not None and busy:
            timeout = max(0.0, min(slot.heard for slot in busy) + self.silence - time.monotonic())
        objects: list[Connection | int] = [slot.connection for slot in self.slots]
        objects += [slot.process.sentinel for slot in self.slots]
        wait(objects, timeout)
        for slot in list(self.slots):
            broken = self._receive(slot, complete)
            if not broken and not slot.process.is_alive():
                # What it sent before it ended is in the pipe still: a retiring worker's
                # last result, or the result it sent just before it was killed.
                broken = self._receive(slot, complete) or True
            if broken:
                self._bury(slot, _death_reason(slot.process), complete)
            elif (
                slot.tasks
                and self.silence is not None
                and time.monotonic() - slot.heard > self.silence
            ):
                slot.process.kill()
                slot.process.join(CLOSE_SECONDS)
                reason = f"stopped answering (nothing for {self.silence:g} s) and was killed"
                self._bury(slot, reason, complete)
        self._dispatch()
        return complete

    def close(self, killing: bool) -> None:
        """End every worker: ask them to stop (or kill them at once), then wait, boundedly."""
        try:
            for slot in self.slots:
                if killing or slot.tasks:
                    slot.process.kill()
                slot.outbox.put(None)
            deadline = time.monotonic() + CLOSE_SECONDS
            for slot in self.slots:
                slot.process.join(max(0.0, deadline - time.monotonic()))
                if slot.process.is_alive():
                    slot.process.kill()
                    slot.process.join(1.0)
                _close_pipe(slot)
            self.slots = []
            for process in self.started:
                if process.pid is not None and process.exitcode is None:
                    process.kill()
                    process.join(1.0)
            self.started = []
        finally:
            # Only now, with the workers ended: closing the write end ends any still there.
            if self.lifeline is not None:
                for end in self.lifeline:
                    os.close(end)
                self.lifeline = None

    def _dispatch(self) -> None:
        while len(self.slots) < self.config.workers:
            self.slots.append(self._start())
        for slot in self.slots:
            while (
                self.pending
                and len(slot.tasks) < self.config.in_flight_per_worker
                and slot.sent < self.config.batches_per_worker
            ):
                task = self.pending.popleft()
                if not slot.tasks:
                    slot.heard = time.monotonic()
                # Should it die first, `wait` sees it and sends the task again.
                slot.outbox.put(task.documents)
                slot.tasks.append(task)
                slot.sent += 1

    def _start(self) -> _Slot:
        ours, theirs = self.context.Pipe()
        # The worker closes what it inherits but does not use: the parent's ends of every
        # pipe, its own included.
        inherited = [slot.connection for slot in self.slots] + [ours]
        process = self.context.Process(  # type: ignore[attr-defined]
            target=_work,
            args=(theirs, self.extractor, self.config, self.lifeline, inherited),
            name="armstrace-worker",
            daemon=True,
        )
        # Known before it starts: Ctrl-C may come between the fork and this slot's making,
        # and a worker left out would be joined, without a kill, by multiprocessing at exit.
        self.started.append(process)
        # Ctrl-C is held back during the fork: Python runs the handler in an at-fork
        # callback then, which swallows the KeyboardInterrupt, and the run would go on.
        masked = hasattr(signal, "pthread_sigmask")
        if masked:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            process.start()
        finally:
            if masked:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        theirs.close()
        outbox: queue.SimpleQueue[list[Document] | None] = queue.SimpleQueue()
        feeder = threading.Thread(
            target=_send_tasks, args=(ours, outbox), name="armstrace-feeder", daemon=True
        )
        feeder.start()
        return _Slot(process, ours, outbox, feeder)

    def _receive(self, slot: _Slot, complete: dict[int, BatchResult]) -> bool:
        """Take every message a worker has sent; return whether its pipe is broken."""
        try:
            while slot.connection.poll():
                message = slot.connection.recv()
                slot.heard = time.monotonic()
                if message is not None:  # None: a document's stage started
                    self._finish(slot.tasks.popleft(), message, complete)
        except (EOFError, OSError):
            return True
        return False

    def _finish(self, task: _Task, result: BatchResult, complete: dict[int, BatchResult]) -> None:
        if task.part is None:
            complete[task.number] = result
            return
        parts = self.parts.setdefault(task.number, {})
        parts[task.part] = result.extracted[0]
        if len(parts) == self.split_sizes[task.number]:
            del self.parts[task.number], self.split_sizes[task.number]
            complete[task.number] = BatchResult([parts[i] for i in sorted(parts)], 0.0, 0.0)

    def _bury(self, slot: _Slot, reason: str, complete: dict[int, BatchResult]) -> None:
        """Remove a dead worker; send its batches again, or give up on the one it died on."""
        self.slots.remove(slot)
        self.started.remove(slot.process)
        if slot.process.is_alive():  # its pipe broke under it: no use to anyone now
            slot.process.kill()
        slot.process.join(CLOSE_SECONDS)
        _close_pipe(slot)
        if not slot.tasks:
            return  # retired after its last batch, or idle
        culprit, *innocent = slot.tasks
        culprit.tries += 1
        again: list[_Task] = list(innocent)
        if culprit.tries < 2:
            again.insert(0, culprit)
        elif culprit.part is None and len(culprit.documents) > 1:
            # Twice: try its documents one by one, so only the one at fault is lost.
            self.split_sizes[culprit.number] = len(culprit.documents)
            again[:0] = [
                _Task(culprit.number, [document], part, tries=1)
                for part, document in enumerate(culprit.documents)
            ]
        else:
            failed = [_worker_failure(document, reason, culprit) for document in culprit.documents]
            self._finish(culprit, BatchResult(failed, 0.0, 0.0), complete)
        self.pending.extendleft(reversed(again))


def _close_pipe(slot: _Slot) -> None:
    """Stop a slot's feeder, then close its pipe (a descriptor closed under a write could
    be reused at once, and the write land in another pipe)."""
    slot.outbox.put(None)
    slot.feeder.join(CLOSE_SECONDS)
    if not slot.feeder.is_alive():
        slot.connection.close()


def _worker_failure(document: Document, reason: str, task: _Task) -> Extracted:
    """Return the outcome of a document whose worker died on it (twice, or alone)."""
    alone = "alone, " if task.part is not None else ""
    failure = Skipped(
        source=document.source,
        stage="extract",
        reason=f"the worker process cleaning and extracting it {reason}, twice ({alone}"
        "once retried in a fresh worker); not stored, the next run tries it again",
        document_id=document.id,
    )
    return Extracted(failure, [], None)


def _death_reason(process: BaseProcess) -> str:
    """Say how a worker process ended: the signal that killed it, or its exit status."""
    code = process.exitcode
    if code is None:
        return "stopped answering"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (the kernel's out-of-memory killer sends it)" if -code == signal.SIGKILL else ""
        return f"was killed by {name}{hint}"
    return f"exited with status {code}"


def _work(
    connection: Connection,
    extractor: Extractor,
    config: PoolConfig,
    lifeline: tuple[int, int] | None,
    inherited: list[Connection],
) -> None:
    """Run in a worker process: clean and extract the batches sent, until told to stop."""
    for other in inherited:  # the parent's ends of the other workers' pipes (module notes)
        other.close()
    if lifeline is not None:
        _end_with_parent(*lifeline)
    # Ctrl-C is the parent's to handle: it ends the workers (see the module's notes). It
    # was held back while the parent forked this process; ignored, it may come through.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})

    def say_alive() -> None:
        connection.send(None)

    for _ in range(config.batches_per_worker):
        try:
            documents = connection.recv()
        except (EOFError, OSError):
            return
        if documents is None:
            return
        result = clean_and_extract_batch(
            extractor, documents, limits=config.limits, on_step=say_alive
        )
        connection.send(result)


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
    """Store one batch in input order: skipped inputs as read, documents as cleaned.

    A document a stage failed on is stored (without records) and then its `skipped` row.
    """
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
            if outcome.failure is not None:
                if on_progress is not None:
                    on_progress(report, stored)
                stored = outcome.failure
                store_extracted_item(stored, [], store, report, timings)
        if on_progress is not None:
            on_progress(report, stored)
