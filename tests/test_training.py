"""The record model: labels by the spec's matching, folds, figures, and the shipped model."""

from __future__ import annotations

import json

import pytest

from armstrace.evaluate import GoldRecord
from armstrace.extract.scoring import MODEL_PATH, RecordModel, load_record_model
from armstrace.model import Document, Evidence, Record
from armstrace.training import (
    Candidate,
    DocumentCandidates,
    OutOfFold,
    best_threshold,
    cross_validate,
    figures_at,
    label_candidates,
    reliability,
)

DOCUMENT = Document(id="d1", text="Peru ordered tanks.", source="t")


def _record(supplier: str, weapon: str = "tank", status: str = "ordered") -> Record:
    return Record(
        kind="transfer",
        weapon=weapon,
        category="armoured vehicle",
        status=status,
        evidence=Evidence("Peru ordered tanks.", 0, 19),
        document=DOCUMENT,
        supplier=supplier,
        recipient="PER",
    )


def _gold(supplier: str, optional: bool = False) -> GoldRecord:
    return GoldRecord(
        doc="d1", kind="transfer", weapon="tank", category="armoured vehicle",
        status="ordered", supplier=supplier, recipient="PER", optional=optional,
    )


def test_candidates_are_labelled_by_the_spec_matching() -> None:
    gold = [_gold("KOR"), _gold("DEU", optional=True), _gold("USA")]
    records = [_record("KOR"), _record("DEU"), _record("FRA")]
    labels, missed = label_candidates("d1", gold, records)
    # right, only an optional match (teaches nothing), wrong; the USA record no candidate reached
    assert labels == [1, None, 0]
    assert missed == 1


def test_figures_count_missed_gold_records_against_recall() -> None:
    folds = OutOfFold([(0.9, 1), (0.8, 1), (0.7, 0), (0.2, 0), (0.95, None)], missed=2)
    figures = figures_at(folds, 0.5)
    assert (figures["kept"], figures["right"], figures["gold"]) == (3, 2, 4)
    assert figures["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["recall"] == pytest.approx(0.5)


def test_reliability_compares_mean_probability_with_the_fraction_right() -> None:
    folds = OutOfFold([(0.9, 1), (0.9, 0), (0.1, 0), (0.1, 0)], missed=0)
    table, error = reliability(folds)
    top = next(row for row in table if row["band"] == "0.8-1.0")
    assert (top["count"], top["fraction_right"]) == (2, 0.5)
    # |0.9 - 0.5| * 2/4 + |0.1 - 0| * 2/4
    assert error == pytest.approx(0.25)


def test_a_threshold_the_folds_cannot_tell_apart_from_others_is_the_one_nearest_half() -> None:
    flat = OutOfFold([(0.95, 1), (0.9, 1)], missed=0)
    assert best_threshold(flat)["threshold"] == 0.5
    steep = OutOfFold([(0.9, 1), (0.85, 1), (0.3, 0), (0.2, 0)], missed=0)
    assert best_threshold(steep)["f1"] == 1.0


def _documents() -> list[DocumentCandidates]:
    documents = []
    for index in range(20):
        right = Candidate(f"set:d{index}", _record("KOR"), {"cue:a": 1.0, "w:x": 1.0}, 1)
        wrong = Candidate(f"set:d{index}", _record("FRA"), {"cue:b": 1.0, "w:x": 1.0}, 0)
        documents.append(DocumentCandidates(f"set:d{index}", [right, wrong], 0))
    return documents


def test_cross_validation_is_deterministic_and_learns_a_separable_cue() -> None:
    first = cross_validate(_documents(), 1.0)
    second = cross_validate(_documents(), 1.0)
    assert first == second
    assert all((p > 0.5) == (label == 1) for p, label in first.probabilities)


def test_a_model_gives_a_probability_from_named_features() -> None:
    model = RecordModel({"cue:combat": -2.0}, 1.0, 0.5)
    assert model.probability({}) == pytest.approx(0.7310586)
    assert model.probability({"cue:combat": 1.0}) == pytest.approx(0.2689414)


@pytest.mark.quality
def test_the_shipped_model_is_calibrated_and_carries_its_training_manifest() -> None:
    model = load_record_model(MODEL_PATH)
    assert model is not None
    manifest = json.loads(MODEL_PATH.read_text())["manifest"]
    assert {s["name"] for s in manifest["trained_on"]} == {"dev", "seed", "sample", "eval-train"}
    assert "lockbox" not in json.dumps(manifest["trained_on"])
    # grouped 5-fold cross-validation, measured 2026-12-05: P 0.909 R 0.734 F1 0.812, ECE 0.017
    assert manifest["cross_validation"]["folds"] == 5
    assert manifest["cross_validation"]["f1"] >= 0.80
    assert manifest["expected_calibration_error"] <= 0.03
