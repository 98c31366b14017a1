"""No document of the shared corpora makes cleaning or extraction raise (issue 12, item 4).

A crash run, not a quality measure: nothing here looks at what is extracted (two of the
corpora are reserved for held-out scoring; running over them is allowed, reading their
texts is not). SAMPLED: to stay well under a minute, every STRIDE-th document of each
corpus, the same ones every run, is cleaned and extracted (the batch's candidate
sentences parsed, as ingest parses them); ARMSTRACE_TEST_ALL_CORPORA=1 takes every
document (about 90 s on one core). Exceptions propagate: a failure names the document.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from armstrace.clean import clean_document
from armstrace.ingest import read_path
from armstrace.model import Document

STRIDE = 1 if os.environ.get("ARMSTRACE_TEST_ALL_CORPORA") == "1" else 5
BATCH = 64


def corpora(shared_data: Path) -> list[Path]:
    folder = shared_data / "corpora"
    return sorted(path for path in folder.iterdir() if not path.name.startswith(("README", ".")))


def sampled_documents(path: Path) -> Iterator[Document]:
    documents = (item for item in read_path(path) if isinstance(item, Document))
    for number, document in enumerate(documents):
        if number % STRIDE == 0:
            yield document


@pytest.mark.slow
def test_every_corpus_is_cleaned_and_extracted_without_an_exception(
    shared_data: Path, extractor  # noqa: ANN001 - the Extractor type is imported lazily
) -> None:
    extracted = 0
    for path in corpora(shared_data):
        batch: list[Document] = []
        for document in sampled_documents(path):
            cleaned = clean_document(document)
            if isinstance(cleaned, Document):
                batch.append(cleaned)
            if len(batch) == BATCH:
                extractor.extract_batch(batch)
                extracted += len(batch)
                batch = []
        extractor.extract_batch(batch)
        extracted += len(batch)
    assert extracted > 30_000 // STRIDE  # every corpus was read: about 34,800 documents
