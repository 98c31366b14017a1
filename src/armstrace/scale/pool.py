"""Run the clean and extract stages in a process pool; store and merge stay in one process.

Cleaning (language check) and extraction (automaton pass, parsing) are pure functions of a
document and take most of an ingest's time; storing and merging write one SQLite file and
must stay in order. `ingest_documents_pooled` sends documents to worker processes, gets
`(cleaned, records)` back in input order, and stores exactly as `ingest_documents` does,
so the same input gives the same database.

Workers are forked from the calling process and inherit its `Extractor` (models loaded
once, pages shared copy-on-write); on platforms without fork it is pickled to each worker
at start-up instead, which is slower but gives the same results.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from armstrace.clean import clean_document
from armstrace.extract import Extractor
from armstrace.merge import update_deals
from armstrace.model import Document, Record, Skipped
from armstrace.pipeline import IngestReport, StageTimings
from armstrace.store.base import Store

CHUNK_SIZE = 16  # documents per task: large enough that pickling is not the cost


@dataclass(frozen=True)
class Extracted:
    """What a worker returns for one document read: cleaned (or skipped) and its records."""

    item: Document | Skipped
    records: list[Record]
    clean_seconds: float
    extract_seconds: float


class _Worker:
    """The per-process state of a pool worker: the one Extractor it was given."""

    extractor: Extractor | None = None

    @classmethod
    def start(cls, extractor: Extractor) -> None:
        cls.extractor = extractor

    @classmethod
    def clean_and_extract(cls, document: Document) -> Extracted:
        """Clean one document and, if it survives, extract its records."""
        assert cls.extractor is not None, "pool worker started without an extractor"
        started = time.perf_counter()
        cleaned = clean_document(document)
        cleaned_at = time.perf_counter()
        records = cls.extractor.extract(cleaned) if isinstance(cleaned, Document) else []
        return Extracted(cleaned, records, cleaned_at - started, time.perf_counter() - cleaned_at)


def _documents_only(
    items: Iterable[Document | Skipped], skipped: list[Skipped]
) -> Iterator[Document]:
    # Inputs the reader skipped are kept aside and stored by the main process.
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            yield item


def ingest_documents_pooled(
    items: Iterable[Document | Skipped],
    store: Store,
    extractor: Extractor,
    workers: int,
    on_progress: Callable[[IngestReport, Document | Skipped], None] | None = None,
    timings: StageTimings | None = None,
) -> IngestReport:
    """Ingest like `pipeline.ingest_documents`, cleaning and extracting in `workers` processes.

    Unlike the one-process loop, a document already stored is still cleaned and
    extracted (the check needs the store, which only this process holds) but not stored
    again. With `timings`, clean and extract add the workers' summed seconds (CPU time
    across processes, not wall time); store is this process's time storing and merging.
    """
    report = IngestReport()
    started = time.perf_counter()
    report.deals_updated += update_deals(store)
    if timings is not None:
        timings.store += time.perf_counter() - started
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    reader_skipped: list[Skipped] = []
    with context.Pool(workers, initializer=_Worker.start, initargs=(extractor,)) as pool:
        results = pool.imap(
            _Worker.clean_and_extract, _documents_only(items, reader_skipped), CHUNK_SIZE
        )
        for result in results:
            for skipped in _drain(reader_skipped):
                _store_one(skipped, [], store, report, timings)
                if on_progress is not None:
                    on_progress(report, skipped)
            if timings is not None:
                timings.clean += result.clean_seconds
                timings.extract += result.extract_seconds
            _store_one(result.item, result.records, store, report, timings)
            if on_progress is not None:
                on_progress(report, result.item)
    for skipped in _drain(reader_skipped):
        _store_one(skipped, [], store, report, timings)
        if on_progress is not None:
            on_progress(report, skipped)
    return report


def _drain(skipped: list[Skipped]) -> list[Skipped]:
    taken = list(skipped)
    skipped.clear()
    return taken


def _store_one(
    item: Document | Skipped,
    records: list[Record],
    store: Store,
    report: IngestReport,
    timings: StageTimings | None,
) -> None:
    """Store one cleaned document with its records (or one skipped input), as ingest does."""
    started = time.perf_counter()
    if isinstance(item, Skipped):
        report.skipped.append(item)
        store.add_skipped(item)
    else:
        report.documents_read += 1
        if store.has_document(item.id) or not store.add_document(item, records):
            report.documents_already_stored += 1
        else:
            report.documents_added += 1
            report.records_added += len(records)
            report.deals_updated += update_deals(store, records)
    if timings is not None:
        timings.store += time.perf_counter() - started
