"""Write what clean and extract make of every document in a corpus, one JSON line each.

Run it before and after a speed change and compare the two files: any difference is a
change of output, not of speed.

    PYTHONPATH=src python benchmarks/fingerprint_outputs.py ../shared/data/corpora > before.jsonl
    ... change ...
    PYTHONPATH=src python benchmarks/fingerprint_outputs.py ../shared/data/corpora > after.jsonl
    cmp before.jsonl after.jsonl

Each line holds the document's id after cleaning, a hash of its cleaned text (or the
reason it was skipped) and its records in the contract's JSON shape.
"""

from __future__ import annotations

import hashlib
import json
import sys

from armstrace.clean import clean_document
from armstrace.extract import Extractor
from armstrace.ingest import read_paths
from armstrace.model import Document


def main(paths: list[str]) -> None:
    extractor = Extractor()
    for item in read_paths(paths):
        if not isinstance(item, Document):
            line = {"source": item.source, "skipped": item.reason}
        else:
            cleaned = clean_document(item)
            if not isinstance(cleaned, Document):
                line = {"source": item.source, "id": item.id, "skipped": cleaned.reason}
            else:
                digest = hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest()[:16]
                records = [record.to_json() for record in extractor.extract(cleaned)]
                line = {"id": cleaned.id, "text": digest, "records": records}
        sys.stdout.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
