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
    GoldSet,
    OutOfFold,
    best_threshold,
    calibrate_scores,
    figures_at,
    label_candidates,
    out_of_fold_scores,
    reliability,
    train,
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
    first = out_of_fold_scores(_documents(), 1.0)
    second = out_of_fold_scores(_documents(), 1.0)
    assert first == second
    # a probability over 0.5 is a positive log-odds
    assert all((z > 0) == (label == 1) for document in first for z, label in document)


def test_a_model_gives_a_probability_from_named_features() -> None:
    model = RecordModel({"cue:combat": -2.0}, 1.0, 0.5)
    assert model.probability({}) == pytest.approx(0.7310586)
    assert model.probability({"cue:combat": 1.0}) == pytest.approx(0.2689414)


def _unseen(right_per_wrong: int) -> list[DocumentCandidates]:
    """Documents of another set where a "cue:a" candidate is right only `right_per_wrong`
    times in `right_per_wrong + 1`, and "cue:b" never."""
    documents = []
    for index in range(40):
        a_label = 0 if index % (right_per_wrong + 1) == 0 else 1
        candidates = [
            Candidate(f"unseen:u{index}", _record("KOR"), {"cue:a": 1.0}, a_label),
            Candidate(f"unseen:u{index}", _record("FRA"), {"cue:b": 1.0}, 0),
        ]
        documents.append(DocumentCandidates(f"unseen:u{index}", candidates, 0))
    return documents


def test_calibration_maps_an_overconfident_score_onto_the_rate_right_on_unseen_text() -> None:
    # the regression is sure of "cue:a" (right every time where it was fit), but on the
    # unseen text only three in four "cue:a" candidates are right
    model = RecordModel({"cue:a": 4.0, "cue:b": -4.0}, 0.0, 0.5)
    assert model.probability({"cue:a": 1.0}) > 0.98
    unseen = _unseen(3)
    scores = [[(model.log_odds(c.features), c.label) for c in d.candidates] for d in unseen]
    (slope, offset), judged = calibrate_scores(scores, unseen)
    calibrated = RecordModel(model.weights, model.intercept, 0.5, {}, (slope, offset))
    assert calibrated.probability({"cue:a": 1.0}) == pytest.approx(0.75, abs=0.03)
    assert calibrated.probability({"cue:b": 1.0}) < 0.1
    # the order of candidates is the regression's: calibration only moves the scale
    assert slope > 0
    top = next(row for row in reliability(judged)[0] if row["band"] == "0.6-0.8")
    assert top["fraction_right"] == pytest.approx(0.75, abs=0.03)


def test_calibration_survives_the_model_file(tmp_path) -> None:  # noqa: ANN001
    model = RecordModel({"cue:a": 1.5}, -0.5, 0.45, {"note": "x"}, (0.6, -0.3))
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model.to_json()))
    loaded = load_record_model(path)
    assert loaded is not None and loaded.calibration == (0.6, -0.3)
    assert loaded.probability({"cue:a": 1.0}) == pytest.approx(model.probability({"cue:a": 1.0}))


def test_a_model_file_without_calibration_reads_as_uncalibrated(tmp_path) -> None:  # noqa: ANN001
    data = RecordModel({"cue:a": 1.5}, -0.5, 0.5).to_json()
    del data["calibration"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data))
    loaded = load_record_model(path)
    assert loaded is not None and loaded.calibration == (1.0, 0.0)


def _fit_and_unseen_sets(tmp_path) -> list[GoldSet]:  # noqa: ANN001
    """A fit set "set" and a calibration set "unseen" (their documents are given apart)."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text("")
    return [
        GoldSet("set", gold, None, (), ()),
        GoldSet("unseen", gold, None, (), (), use="calibrate"),
    ]


def test_training_fits_on_the_fit_sets_and_calibrates_on_the_others(tmp_path) -> None:  # noqa: ANN001
    sets = _fit_and_unseen_sets(tmp_path)
    model, report = train([*_documents(), *_unseen(3)], sets)
    assert [(s["name"], s["use"], s["documents"]) for s in report["trained_on"]] == [
        ("set", "fit", 20), ("unseen", "calibrate", 40),
    ]
    assert report["calibration"]["sets"] == ["unseen"]
    # "cue:a" is always right in the fit set and right three times in four in the unseen
    # text: a candidate like the unseen text's gets about that
    assert model.probability({"cue:a": 1.0}) == pytest.approx(0.75, abs=0.05)
    again, _ = train([*_documents(), *_unseen(3)], sets)
    assert again.to_json() == model.to_json()  # deterministic


def test_training_learns_weights_from_the_calibration_sets_too(tmp_path) -> None:  # noqa: ANN001
    sets = _fit_and_unseen_sets(tmp_path)
    # only the unseen text says that a candidate with "cue:c" is wrong
    unseen = [
        DocumentCandidates(
            f"unseen:c{index}",
            [
                Candidate(f"unseen:c{index}", _record("KOR"), {"cue:a": 1.0}, 1),
                Candidate(f"unseen:c{index}", _record("FRA"), {"cue:a": 1.0, "cue:c": 1.0}, 0),
            ],
            0,
        )
        for index in range(40)
    ]
    model, report = train([*_documents(), *unseen], sets)
    assert model.weights["cue:c"] < 0
    assert model.probability({"cue:a": 1.0, "cue:c": 1.0}) < 0.5 < model.probability({"cue:a": 1.0})
    # the reliability table is of the unseen text's candidates, each scored out of fold
    assert sum(band["count"] for band in report["reliability"]) == 80


@pytest.mark.quality
def test_the_shipped_model_is_calibrated_and_carries_its_training_manifest() -> None:
    model = load_record_model(MODEL_PATH)
    assert model is not None
    manifest = json.loads(MODEL_PATH.read_text())["manifest"]
    uses = {s["name"]: s["use"] for s in manifest["trained_on"]}
    assert uses == {
        "dev": "fit", "seed": "fit", "sample": "fit", "eval-train": "fit",
        "modern-train": "fit", "modern-calibration": "calibrate",
    }
    assert "lockbox" not in json.dumps(manifest["trained_on"])
    # measured 2026-12-05 (end of session 7): grouped 5-fold cross-validation over the
    # fit sets P 0.859 R 0.611 F1 0.714; on the calibration set (text no rule or weight
    # was fit to), cross-fitted, ECE 0.045 and the 0.8-1.0 band 79% right (28 records)
    assert manifest["cross_validation"]["folds"] == 5
    # session 8: the fit sets took round 4's even half (harder text: its candidates 70%
    # right); CV P 0.805 R 0.568 F1 0.666, ECE 0.056, 0.8-1.0 band 76% right (29 records)
    # session 8, round 5's even half added to the calibration part (405 required records):
    # CV F1 0.677, ECE 0.025, 0.8-1.0 band 79% right (38 records); at the session's end
    # CV P 0.828 R 0.587 F1 0.687, ECE 0.022, 0.8-1.0 band 80% right (41 records)
    # session 9: the fit sets took round 6's even half (103 documents, 143 required
    # records, harder text again): the session-8 generator gives CV F1 0.641 on them, the
    # status model with its features 0.640 (calibration F1 0.492 -> 0.517). The floor
    # follows the data, not the model. Rounds 8 and 9's even halves (263 more required
    # records) took it to 0.611 at the session's end (calibration F1 0.531, ECE 0.017).
    # Session 10: rounds 7 and 10's even halves (200 documents, 183 required records) joined
    # the fit sets: CV P 0.758 R 0.496 F1 0.599 with session 9's final code.
    # Session 18: the weights are fit on the calibration sets too, each of their candidates
    # scored out of fold for the calibration: CV P 0.751 R 0.550 F1 0.635 (0.624 before).
    assert manifest["cross_validation"]["f1"] >= 0.58
    # the status model is shipped, and it was measured on both kinds of text
    status = manifest["status_model"]
    assert status["calibration_sets"]["candidates"] >= 150
    # on the fit sets the rules were written from (their statuses 88% right) the model can
    # only lose a little; on the calibration sets it must gain
    assert status["calibration_sets"]["model_right"] > status["calibration_sets"]["rules_right"]
    assert status["fit_out_of_fold"]["model_right"] >= status["fit_out_of_fold"]["rules_right"] - 5
    assert model.status_model is not None
    assert manifest["calibration"]["sets"] == ["modern-calibration"]
    assert manifest["expected_calibration_error"] <= 0.07
    # calibrated: in every band with 20 records or more, the mean probability is within
    # 0.1 of the fraction right
    for band in manifest["reliability"]:
        if band["count"] >= 20:
            assert abs(band["mean_probability"] - band["fraction_right"]) <= 0.1, band
    assert model.calibration == pytest.approx(
        (manifest["calibration"]["slope"], manifest["calibration"]["offset"]), abs=1e-3
    )
