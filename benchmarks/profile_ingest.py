"""Profile one ingest run (one process) and say where the time goes, stage by stage.

    PYTHONPATH=src python benchmarks/profile_ingest.py ../shared/data/corpora/reuters21578.jsonl

Runs `scale.pool.ingest_documents_pooled` with one worker (the batches cleaned, extracted,
stored and merged in this process) under cProfile, into a fresh SQLite file, and prints the
cumulative seconds of the functions that stand for each stage, then the functions that
take the most time themselves. cProfile slows pure-Python code more than C code, so the
shares are a guide, not a measurement: `armstrace bench` gives the real stage times.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

from armstrace.extract import Extractor
from armstrace.ingest import read_paths
from armstrace.scale.pool import PoolConfig, ingest_documents_pooled
from armstrace.store import open_store

# (label, file name ending, function name) of the functions that stand for each stage.
STAGES = (
    ("read (JSON Lines)", "ingest/jsonl.py", "parse_jsonl"),
    ("clean: boilerplate", "clean/boilerplate.py", "find_boilerplate"),
    ("clean: language check", "clean/language.py", "detect_language"),
    ("clean: run-ons", "clean/runons.py", "mend_run_ons"),
    ("extract: automaton pass (mentions)", "extract/mentions.py", "find"),
    ("extract: spaCy parse of candidates", "spacy/language.py", "pipe"),
    ("extract: all", "extract/extractor.py", "extract_batch"),
    ("store: documents and records", "store/sqlite.py", "add_document"),
    ("store: merge deals", "merge/update.py", "update_deals"),
)


def main(paths: list[str]) -> None:
    extractor = Extractor()
    profile = cProfile.Profile()
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "p.db") as store:
        profile.enable()
        report = ingest_documents_pooled(read_paths(paths), store, extractor, PoolConfig(1))
        profile.disable()
    stats = pstats.Stats(profile)
    total = sum(timing[2] for timing in stats.stats.values())  # type: ignore[attr-defined]
    print(f"{report.documents_read} documents, {total:.1f} s of profiled time in all")
    for label, file_end, function in STAGES:
        cumulative = sum(
            timing[3]
            for (file, _, name), timing in stats.stats.items()  # type: ignore[attr-defined]
            if file.endswith(file_end) and name == function
        )
        print(f"  {label:38s} {cumulative:7.1f} s  {cumulative / total:6.1%}")
    stats.sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main(sys.argv[1:])
