"""Run the stages in order: read -> clean -> extract -> store.

Each function here is a loop over the stage functions; the CLI, the demo and the
tests call these, and a process pool or a Spark job can call the same stages.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from armstrace.errors import StoreError
from armstrace.extract import Extractor
from armstrace.merge import deal_key, remerge_deal_keys, update_deals
from armstrace.model import Document, Record, Skipped, encodable
from armstrace.review import extracted_record, review_state
from armstrace.stages import (
    DEFAULT_LIMITS,
    DocumentLimits,
    clean_safely,
    describe_error,
    extract_safely,
)
from armstrace.store.base import RecordFilter, Store

# Skipped inputs a report keeps to show (the count goes on): a file of millions of bad
# lines must not hold millions of them in memory; each is stored as it comes.
REPORT_SKIPPED = 1000


@dataclass
class IngestReport:
    """What one ingest run did."""

    documents_read: int = 0
    documents_added: int = 0
    documents_already_stored: int = 0
    records_added: int = 0
    deals_updated: int = 0
    skipped: list[Skipped] = field(default_factory=list)  # the first REPORT_SKIPPED of them
    skipped_count: int = 0

    def add_skipped(self, skipped: Skipped) -> None:
        """Count a skipped input, and keep it if fewer than REPORT_SKIPPED are kept."""
        self.skipped_count += 1
        if len(self.skipped) < REPORT_SKIPPED:
            self.skipped.append(skipped)


@dataclass
class ReextractReport:
    """What one re-extraction run did."""

    documents: int = 0
    documents_changed: int = 0
    records_before: int = 0
    records_after: int = 0
    deals_updated: int = 0


@dataclass
class StageTimings:
    """Seconds spent in each stage of a run; pass one in to have a run add to it."""

    read: float = 0.0
    clean: float = 0.0
    extract: float = 0.0
    store: float = 0.0  # storing documents, records and skipped inputs, and merging deals

    def total(self) -> float:
        """Return the seconds of all stages together."""
        return self.read + self.clean + self.extract + self.store


def time_reading(
    items: Iterable[Document | Skipped], timings: StageTimings
) -> Iterator[Document | Skipped]:
    """Yield the items unchanged, adding the time spent producing each to `timings.read`."""
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            timings.read += time.perf_counter() - started
            return
        timings.read += time.perf_counter() - started
        yield item


def prepare_documents(
    items: Iterable[Document | Skipped],
    timings: StageTimings | None = None,
    limits: DocumentLimits = DEFAULT_LIMITS,
) -> Iterator[Document | Skipped]:
    """Clean every document read; pass skipped inputs through.

    A document cleaning fails on comes through as it was read, followed by the
    Skipped that says so (armstrace.stages).
    """
    for item in items:
        if isinstance(item, Skipped):
            yield item
        else:
            started = time.perf_counter()
            outcome = clean_safely(item, limits)
            if timings is not None:
                timings.clean += time.perf_counter() - started
            yield outcome.cleaned
            if outcome.failure is not None:
                yield outcome.failure


def extract_documents(
    items: Iterable[Document | Skipped],
    extractor: Extractor,
    limits: DocumentLimits = DEFAULT_LIMITS,
) -> Iterator[tuple[Document, list[Record]] | Skipped]:
    """Clean and extract every document; pass skipped inputs through.

    A document a stage fails on comes with no records, followed by the Skipped that says so.
    """
    for item in prepare_documents(items, limits=limits):
        if isinstance(item, Skipped):
            yield item
            continue
        [result] = extract_safely(extractor, [item], limits)
        if isinstance(result, Skipped):
            yield item, []
            yield result
        else:
            yield item, result


def ingest_documents(
    items: Iterable[Document | Skipped],
    store: Store,
    extractor: Extractor,
    on_progress: Callable[[IngestReport, Document | Skipped], None] | None = None,
    timings: StageTimings | None = None,
) -> IngestReport:
    """Clean, extract and store each document not stored yet; store every skipped input.

    Each document and its records are written in one transaction, so a run that is
    killed leaves whole documents only, and the next run completes what is missing.
    After each document, its records are merged into the deals they concern
    (spec section 3); records a killed run stored but did not merge are merged first.
    With `timings`, the seconds spent cleaning, extracting and storing (merge included)
    are added to it; reading is timed by the caller (see `time_reading`).
    """
    clock = _Clock(timings)
    report = IngestReport()
    report.deals_updated += update_deals(store)
    clock.lap("store")
    for item in prepare_documents(items, timings):
        clock.restart()
        if isinstance(item, Skipped) or store.has_document(item.id):
            store_extracted_item(item, [], store, report)
            clock.lap("store")
        else:
            clock.lap("store")
            [result] = extract_safely(extractor, [item])
            clock.lap("extract")
            store_extracted_item(item, result if isinstance(result, list) else [], store, report)
            if isinstance(result, Skipped):
                if on_progress is not None:
                    on_progress(report, item)
                item = result
                store_extracted_item(item, [], store, report)
            clock.lap("store")
        if on_progress is not None:
            on_progress(report, item)
    return report


def store_extracted(
    items: Iterable[tuple[Document, list[Record]] | Skipped],
    store: Store,
    on_progress: Callable[[IngestReport, Document | Skipped], None] | None = None,
) -> IngestReport:
    """Store documents already cleaned and extracted elsewhere (a Spark job), then merge.

    The same storing as `ingest_documents`: a document already stored is left as it is,
    with its records, so storing the same output twice adds nothing.
    """
    report = IngestReport()
    report.deals_updated += update_deals(store)
    for item in items:
        if isinstance(item, Skipped):
            store_extracted_item(item, [], store, report)
            if on_progress is not None:
                on_progress(report, item)
        else:
            document, records = item
            store_extracted_item(document, records, store, report)
            if on_progress is not None:
                on_progress(report, document)
    return report


def store_extracted_item(
    item: Document | Skipped,
    records: list[Record],
    store: Store,
    report: IngestReport,
    timings: StageTimings | None = None,
) -> None:
    """Store one cleaned document with its records (or one skipped input), as ingest does.

    Storing one document cannot stop the run: an error it causes (anything but the
    database failing, a StoreError) is stored as a `skipped` row of the store stage.
    """
    started = time.perf_counter()
    if isinstance(item, Skipped):
        report.add_skipped(item)
        store.add_skipped(_storable(item))
    else:
        report.documents_read += 1
        stage = "storing it"
        try:
            if store.has_document(item.id) or not store.add_document(item, records):
                report.documents_already_stored += 1
            else:
                report.documents_added += 1
                report.records_added += len(records)
                stage = "merging its records into deals"
                report.deals_updated += update_deals(store, records)
        except StoreError:
            raise
        except Exception as error:  # noqa: BLE001 - the contract: one document never stops a run
            failure = Skipped(
                source=item.source, stage="store", document_id=item.id,
                reason=f"{stage} failed: {describe_error(error)}",
            )
            report.add_skipped(failure)
            store.add_skipped(_storable(failure))
    if timings is not None:
        timings.store += time.perf_counter() - started


def _storable(skipped: Skipped) -> Skipped:
    """Return the Skipped with every text field encodable as UTF-8 (see `encodable`)."""
    return Skipped(
        source=encodable(skipped.source),
        stage=skipped.stage,
        reason=encodable(skipped.reason),
        document_id=None if skipped.document_id is None else encodable(skipped.document_id),
    )


class _Clock:
    """Add the seconds since the last lap to a stage of `timings`; do nothing without one."""

    def __init__(self, timings: StageTimings | None) -> None:
        self.timings = timings
        self.started = time.perf_counter()

    def restart(self) -> None:
        self.started = time.perf_counter()

    def lap(self, stage: Literal["extract", "store"]) -> None:
        if self.timings is None:
            return
        now = time.perf_counter()
        setattr(self.timings, stage, getattr(self.timings, stage) + now - self.started)
        self.started = now


def reextract_documents(
    store: Store,
    extractor: Extractor,
    on_progress: Callable[[ReextractReport, Document], None] | None = None,
) -> ReextractReport:
    """Run the extractor again over every stored document; re-merge the deals that changed.

    A document whose records come out as before is left alone, so a second run
    changes nothing. Otherwise its records are replaced (the store applies the
    analysts' decisions to the new ones: a rejected fact stays rejected, a
    corrected field stays corrected) and the deals of its old and new records
    are merged again. Records count as stored, rejected ones included.
    """
    report = ReextractReport()
    # Ids first: the store is written while the documents are walked.
    document_ids = [document.id for document in store.iter_documents()]
    for document_id in document_ids:
        document = store.get_document(document_id)
        if document is None:  # removed by another process meanwhile
            continue
        report.documents += 1
        everything = RecordFilter(document_id=document_id, include_rejected=True)
        old = list(store.iter_records(everything))
        new = extractor.extract(document)
        report.records_before += len(old)
        report.records_after += len(new)
        if _same_records(old, new):
            if on_progress is not None:
                on_progress(report, document)
            continue
        report.documents_changed += 1
        store.replace_records(document_id, new)
        stored = [r for r in store.iter_records(everything) if review_state(r) != "rejected"]
        keys = {deal_key(record) for record in old}
        report.deals_updated += len(remerge_deal_keys(store, keys, stored))
        if on_progress is not None:
            on_progress(report, document)
    return report


def _same_records(stored: list[Record], extracted: list[Record]) -> bool:
    """Return whether the stored records are, before review, the extracted ones."""
    before = sorted(
        (extracted_record(r).to_json() for r in stored), key=lambda item: str(item["id"])
    )
    after = sorted((r.to_json() for r in extracted), key=lambda item: str(item["id"]))
    return before == after
