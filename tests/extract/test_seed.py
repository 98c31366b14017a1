"""The article the project started from: every gold record, right slots, nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from armstrace.clean import clean_document
from armstrace.evaluate import load_gold, score
from armstrace.ingest import read_path
from armstrace.model import Document

SEED_NAME = "turkey-serbia-drones.txt"
PUBLISHED = dt.date(2024, 10, 11)


@pytest.fixture(scope="module")
def seed_records(shared_data: Path, extractor):  # noqa: ANN001, ANN201
    path = shared_data / "seed" / SEED_NAME
    (document,) = [d for d in read_path(path, published=PUBLISHED) if isinstance(d, Document)]
    cleaned = clean_document(document)
    assert isinstance(cleaned, Document)
    return cleaned, extractor.extract(cleaned)


def test_seed_every_required_gold_record_and_nothing_else(shared_data: Path, seed_records) -> None:  # noqa: ANN001
    _, records = seed_records
    gold = load_gold(shared_data / "seed" / "turkey-serbia-drones.gold.jsonl")
    report = score(gold, {SEED_NAME: records}, [SEED_NAME])
    assert report.counts.fn == 0, [str(m) for m in report.misses]
    assert report.counts.fp == 0, [r for r in report.false_records]


def test_seed_slots_all_right(shared_data: Path, seed_records) -> None:  # noqa: ANN001
    _, records = seed_records
    gold = load_gold(shared_data / "seed" / "turkey-serbia-drones.gold.jsonl")
    report = score(gold, {SEED_NAME: records}, [SEED_NAME])
    assert report.slots, "no matched pairs to score"
    for name, slot in report.slots.items():
        assert slot.correct == slot.total, (name, [(p.gold, p.predicted) for p in report.matches])


def test_seed_evidence_offsets_slice_the_stored_text(seed_records) -> None:  # noqa: ANN001
    document, records = seed_records
    assert records
    for record in records:
        evidence = record.evidence
        assert document.text[evidence.start : evidence.end] == evidence.text


def test_seed_donation_appeal_is_not_in_the_stored_text(seed_records) -> None:  # noqa: ANN001
    document, _ = seed_records
    for appeal in ("Your support", "Your donation", "paywalls", "quality journalism"):
        assert appeal not in document.text
    assert document.text.startswith("The leaders of Turkey and Serbia")
