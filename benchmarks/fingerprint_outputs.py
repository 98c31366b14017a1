"""Write what clean and extract make of every document in a corpus, one JSON line each.

Run it before and after a speed change and compare the two files: any difference is a
change of output, not of speed.

    PYTHONPATH=src python benchmarks/fingerprint_outputs.py ../shared/data/corpora > before.jsonl
    ... change ...
    PYTHONPATH=src python benchmarks/fingerprint_outputs.py ../shared/data/corpora > after.jsonl
    cmp before.jsonl after.jsonl

Each line holds the document's id after cleaning, a hash of its cleaned text (or the
reason it was skipped) and its records in the contract's JSON shape. Documents are
extracted in batches of 32, as the ingest's workers do (`Extractor.extract_batch`, where
the version being measured has it).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
from collections.abc import Iterator
from typing import Any

from armstrace.clean import clean_document
from armstrace.extract import Extractor
from armstrace.ingest import read_paths
from armstrace.model import Document, Record

BATCH = 32


def fingerprint_lines(paths: list[str]) -> Iterator[dict[str, Any]]:
    """Yield one line per input: a skip reason, or the cleaned text's hash and the records."""
    extractor = Extractor()
    items = read_paths(paths)
    while batch := list(itertools.islice(items, BATCH)):
        cleaned = [clean_document(item) if isinstance(item, Document) else item for item in batch]
        documents = [item for item in cleaned if isinstance(item, Document)]
        if hasattr(extractor, "extract_batch"):
            extracted: list[list[Record]] = extractor.extract_batch(documents)
        else:
            extracted = [extractor.extract(document) for document in documents]
        records = iter(extracted)
        for original, item in zip(batch, cleaned, strict=True):
            if isinstance(item, Document):
                digest = hashlib.sha256(item.text.encode("utf-8")).hexdigest()[:16]
                found = [record.to_json() for record in next(records)]
                yield {"id": item.id, "text": digest, "records": found}
            else:
                yield {"source": original.source, "skipped": item.reason}


if __name__ == "__main__":
    for line in fingerprint_lines(sys.argv[1:]):
        sys.stdout.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
