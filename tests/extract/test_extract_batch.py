"""Extractor.extract_batch: one parse pass over many documents finds what one at a time finds."""

from __future__ import annotations

import json
from pathlib import Path

from armstrace.clean import clean_document
from armstrace.extract import Extractor
from armstrace.model import Document


def test_extract_batch_finds_per_document_what_extract_finds(
    shared_data: Path, extractor: Extractor
) -> None:
    # The dev set's Reuters articles (they state transfers) between ordinary wire items.
    dev_ids = set(sorted((shared_data / "dev" / "documents.txt").read_text().split())[-12:])
    documents: list[Document] = []
    with (shared_data / "corpora" / "reuters21578.jsonl").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            article = json.loads(line)
            if number < 10 or article["id"] in dev_ids:
                cleaned = clean_document(
                    Document(id=article["id"], text=article["text"], source="reuters")
                )
                if isinstance(cleaned, Document):
                    documents.append(cleaned)
    one_by_one = [extractor.extract(document) for document in documents]
    batched = extractor.extract_batch(documents)
    assert sum(len(records) for records in one_by_one) >= 5
    assert batched == one_by_one
    assert extractor.extract_batch([]) == []
