"""Run the stages in order: read -> clean -> extract -> store.

Each function here is a loop over the stage functions; the CLI, the demo and the
tests call these, and a process pool or a Spark job can call the same stages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from armstrace.clean import clean_document
from armstrace.extract import Extractor
from armstrace.merge import update_deals
from armstrace.model import Document, Record, Skipped
from armstrace.store.base import Store


@dataclass
class IngestReport:
    """What one ingest run did."""

    documents_read: int = 0
    documents_added: int = 0
    documents_already_stored: int = 0
    records_added: int = 0
    deals_updated: int = 0
    skipped: list[Skipped] = field(default_factory=list)


def prepare_documents(items: Iterable[Document | Skipped]) -> Iterator[Document | Skipped]:
    """Clean every document read; pass skipped inputs through."""
    for item in items:
        if isinstance(item, Skipped):
            yield item
        else:
            yield clean_document(item)


def extract_documents(
    items: Iterable[Document | Skipped], extractor: Extractor
) -> Iterator[tuple[Document, list[Record]] | Skipped]:
    """Clean and extract every document; pass skipped inputs through."""
    for item in prepare_documents(items):
        if isinstance(item, Skipped):
            yield item
        else:
            yield item, extractor.extract(item)


def ingest_documents(
    items: Iterable[Document | Skipped],
    store: Store,
    extractor: Extractor,
    on_progress: Callable[[IngestReport, Document | Skipped], None] | None = None,
) -> IngestReport:
    """Clean, extract and store each document not stored yet; store every skipped input.

    Each document and its records are written in one transaction, so a run that is
    killed leaves whole documents only, and the next run completes what is missing.
    After each document, its records are merged into the deals they concern
    (spec section 3); records a killed run stored but did not merge are merged first.
    """
    report = IngestReport()
    report.deals_updated += update_deals(store)
    for item in prepare_documents(items):
        if isinstance(item, Skipped):
            report.skipped.append(item)
            store.add_skipped(item)
        else:
            report.documents_read += 1
            if store.has_document(item.id):
                report.documents_already_stored += 1
            else:
                records = extractor.extract(item)
                if store.add_document(item, records):
                    report.documents_added += 1
                    report.records_added += len(records)
                    report.deals_updated += update_deals(store, records)
                else:
                    report.documents_already_stored += 1
        if on_progress is not None:
            on_progress(report, item)
    return report
