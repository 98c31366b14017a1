"""Run the clean and extract stages on documents so that no one document can stop a run.

Whatever a document makes a stage do (raise, or run on and on), the run goes on: an
exception becomes a `Skipped` naming the stage and the error, and the stage's time per
document is bounded. The document itself is still stored, with no records (uncleaned if
cleaning failed), so that `armstrace reextract` can try it again once the bug is fixed;
the `skipped` row says what happened.

    >>> outcome = clean_safely(document, DocumentLimits(seconds=30))
    >>> records_or_skipped = extract_safely(extractor, [outcome.cleaned])

The time limit is armstrace.deadline's, which holds in any thread (a timer signal in the
main thread, an asynchronous exception in another) wherever the code returns to the
interpreter; the process pool adds a bound of its own that holds whatever the code does:
it kills a worker that keeps a batch too long (scale/pool.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from armstrace.clean import clean_document
from armstrace.deadline import TimeLimitExceeded, time_limit
from armstrace.extract import Extractor
from armstrace.model import Document, Record, Skipped, encodable

LOGGER = logging.getLogger(__name__)

# Seconds of cleaning or extracting one document may take. A news article takes about a
# hundredth of a second and the longest Reuters story under a second; a document that
# needs 30 s is a data dump or a page of one sentence repeated (issue 16, finding 7).
MAX_SECONDS = 30.0
# Characters of one document that are extracted: 2 MB is forty times the longest Reuters
# story and parses in about 20 s when every sentence is a candidate; a longer text is a
# book, a log or a repeated sentence, and its parses would hold more memory than a worker
# may use (600 MB, docs/performance.md).
MAX_EXTRACT_CHARS = 2_000_000
# One line of an error in a skip reason: enough to recognise the bug, short enough to read.
ERROR_CHARS = 200


@dataclass(frozen=True)
class DocumentLimits:
    """The work one document may cost: seconds per stage, characters extracted."""

    seconds: float | None = MAX_SECONDS
    extract_chars: int = MAX_EXTRACT_CHARS


DEFAULT_LIMITS = DocumentLimits()


@dataclass(frozen=True)
class Outcome:
    """What the clean and extract stages made of one document.

    `cleaned` is the document to store (the input as it came when cleaning failed) or the
    Skipped that cleaning returned; `failure`, when set, is the `skipped` row to store
    beside the document: which stage failed on it, and how.
    """

    cleaned: Document | Skipped
    records: list[Record]
    failure: Skipped | None = None


def describe_error(error: BaseException) -> str:
    """Return an exception as one short line: its type and the start of its message."""
    if isinstance(error, TimeLimitExceeded):
        return (f"stopped after {error.seconds:g} s, the limit per document "
                "(raise it with --max-seconds)")
    message = " ".join(str(error).split())
    if len(message) > ERROR_CHARS:
        message = message[:ERROR_CHARS] + "..."
    return encodable(f"{type(error).__name__}: {message}" if message else type(error).__name__)


def stage_failure(document: Document, stage: str, error: BaseException) -> Skipped:
    """Return the `skipped` row for a stage that failed on a document."""
    if isinstance(error, TimeLimitExceeded):
        reason = f"{'cleaning' if stage == 'clean' else 'extraction'} {describe_error(error)}"
    else:
        reason = f"{stage} failed: {describe_error(error)}; stored without records"
        LOGGER.warning("%s failed on %s", stage, document.source, exc_info=error)
    return Skipped(source=document.source, stage=stage, reason=reason, document_id=document.id)


def clean_safely(
    document: Document,
    limits: DocumentLimits = DEFAULT_LIMITS,
    on_step: Callable[[], None] | None = None,
) -> Outcome:
    """Clean one document; a failure leaves it as it came, with the failure to store.

    `on_step` is called as the time limit starts (a pool worker says it is alive).
    """
    if on_step is not None:
        on_step()
    try:
        with time_limit(limits.seconds):
            return Outcome(clean_document(document), [])
    except Exception as error:  # noqa: BLE001 - the contract: one document never stops a run
        return Outcome(document, [], stage_failure(document, "clean", error))


def extract_safely(
    extractor: Extractor,
    documents: Sequence[Document],
    limits: DocumentLimits = DEFAULT_LIMITS,
    on_step: Callable[[], None] | None = None,
) -> list[list[Record] | Skipped]:
    """Return each document's records, or the Skipped saying why it has none.

    The documents are parsed in one pass (`Extractor.extract_batch`) under one time limit;
    if that pass fails or runs out of time, each document is extracted alone, under a
    limit of its own, so only the document at fault goes without records. `on_step` is
    called as each time limit starts.
    """
    results: list[list[Record] | Skipped] = [[] for _ in documents]
    positions = []
    for position, document in enumerate(documents):
        if len(document.text) > limits.extract_chars:
            results[position] = Skipped(
                source=document.source, stage="extract", document_id=document.id,
                reason=f"text is {len(document.text):,} characters, over the "
                f"{limits.extract_chars:,} extracted per document; stored without records",
            )
        else:
            positions.append(position)
    batch = [documents[position] for position in positions]
    if on_step is not None:
        on_step()
    try:
        with time_limit(limits.seconds):
            extracted: Sequence[list[Record] | Skipped] = extractor.extract_batch(batch)
    except Exception:  # noqa: BLE001 - retried one by one below, where the fault is named
        extracted = [_extract_one(extractor, document, limits, on_step) for document in batch]
    for position, outcome in zip(positions, extracted, strict=True):
        results[position] = outcome
    return results


def _extract_one(
    extractor: Extractor,
    document: Document,
    limits: DocumentLimits,
    on_step: Callable[[], None] | None,
) -> list[Record] | Skipped:
    if on_step is not None:
        on_step()
    try:
        with time_limit(limits.seconds):
            return extractor.extract(document)
    except Exception as error:  # noqa: BLE001 - the contract: one document never stops a run
        return stage_failure(document, "extract", error)
