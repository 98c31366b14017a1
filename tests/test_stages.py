"""armstrace.stages and the pipeline around it: an exception in any stage skips one document.

Issue 12, item 4: a document on which reading, cleaning, extracting or storing raises is
stored (when it can be) without records, beside a `skipped` row naming the stage and the
error, and the run goes on. The failing stage is injected (an extractor that raises), or
made to fail by its input (a text the database cannot encode).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest

from armstrace.model import Document, Record, Skipped
from armstrace.pipeline import ingest_documents
from armstrace.scale.pool import PoolConfig, ingest_documents_pooled
from armstrace.stages import DocumentLimits, extract_safely, time_limit
from armstrace.store import open_store

T = TypeVar("T")


class FailingExtractor:
    """Extracts nothing, and raises on the documents whose text holds "boom"."""

    def extract_batch(self, documents: list[Document]) -> list[list[Record]]:
        for document in documents:
            if "boom" in document.text:
                raise KeyError("cancelled")
        return [[] for _ in documents]

    def extract(self, document: Document) -> list[Record]:
        return self.extract_batch([document])[0]


def documents() -> list[Document]:
    return [
        Document(id="one", text="The first article.", source="in:1"),
        Document(id="two", text="The boom article.", source="in:2"),
        Document(id="three", text="The third article.", source="in:3"),
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_stores_a_document_extraction_fails_on_without_records(
    tmp_path: Path, workers: int
) -> None:
    with open_store(tmp_path / "failing.db") as store:
        if workers == 1:
            report = ingest_documents(documents(), store, FailingExtractor())  # type: ignore[arg-type]
        else:
            config = PoolConfig(workers=2, batch_size=1)
            report = ingest_documents_pooled(documents(), store, FailingExtractor(), config)  # type: ignore[arg-type]
        stored = [document.id for document in store.iter_documents()]

    assert stored == ["one", "two", "three"]
    [skipped] = report.skipped
    assert (skipped.source, skipped.stage, skipped.document_id) == ("in:2", "extract", "two")
    assert skipped.reason == "extract failed: KeyError: 'cancelled'; stored without records"


def test_ingest_skips_a_document_the_store_cannot_write(tmp_path: Path) -> None:
    unwritable = Document(id="bad", text="A lone surrogate: \ud800.", source="in:\ud800")

    with open_store(tmp_path / "store.db") as store:
        report = ingest_documents([unwritable, *documents()[:1]], store, FailingExtractor())  # type: ignore[arg-type]
        stored = [document.id for document in store.iter_documents()]

    assert stored == ["one"]
    [skipped] = report.skipped
    assert skipped.stage == "store"
    assert skipped.reason.startswith("storing it failed: UnicodeEncodeError")


def test_extract_safely_skips_a_document_over_the_extracted_length() -> None:
    long = Document(id="long", text="x" * 101, source="in:long")

    [result] = extract_safely(FailingExtractor(), [long], DocumentLimits(extract_chars=100))  # type: ignore[arg-type]

    assert isinstance(result, Skipped)
    assert result.reason.startswith("text is 101 characters, over the 100 extracted")


def test_time_limit_stops_a_body_that_runs_too_long() -> None:
    from armstrace.stages import TimeLimitExceeded

    with pytest.raises(TimeLimitExceeded), time_limit(0.05):
        while True:
            pass


def _in_a_thread(work: Callable[[], T]) -> T:
    """Return what `work` returns, run in a thread of its own (not the main thread)."""
    with ThreadPoolExecutor(1) as executor:
        return executor.submit(work).result(timeout=30)


def test_time_limit_stops_a_body_that_runs_too_long_off_the_main_thread() -> None:
    # An ingest a server or scheduler runs in a thread: the timer signal cannot reach it.
    from armstrace.stages import TimeLimitExceeded

    def spin() -> str:
        stop = time.monotonic() + 5
        try:
            with time_limit(0.1):
                while time.monotonic() < stop:
                    pass
        except TimeLimitExceeded:
            return "stopped"
        return "ran on"

    started = time.monotonic()
    assert _in_a_thread(spin) == "stopped"
    assert time.monotonic() - started < 2


def test_time_limit_off_the_main_thread_leaves_a_body_that_ended_in_time_alone() -> None:
    def quick_then_wait() -> str:
        with time_limit(0.1):
            pass
        time.sleep(0.3)  # past the limit, outside it: nothing may be raised here
        return "done"

    assert _in_a_thread(quick_then_wait) == "done"


def test_extract_safely_off_the_main_thread_skips_a_document_past_its_time_limit() -> None:
    class SlowExtractor:
        """Extracts nothing, in five seconds of Python per batch."""

        def extract_batch(self, documents: list[Document]) -> list[list[Record]]:
            stop = time.monotonic() + 5
            while time.monotonic() < stop:
                pass
            return [[] for _ in documents]

        def extract(self, document: Document) -> list[Record]:
            return self.extract_batch([document])[0]

    slow = Document(id="slow", text="A slow article.", source="in:slow")
    started = time.monotonic()

    [result] = _in_a_thread(lambda: extract_safely(
        SlowExtractor(), [slow], DocumentLimits(seconds=0.2)))  # type: ignore[arg-type]

    assert isinstance(result, Skipped)
    assert result.reason == ("extraction stopped after 0.2 s, the limit per document "
                             "(raise it with --max-seconds)")
    assert time.monotonic() - started < 3
