"""The status model: a learnt second reading of a candidate's stage (scoring.StatusModel)."""

from __future__ import annotations

import json

import pytest

from armstrace.evaluate import GoldRecord
from armstrace.extract.scoring import (
    RecordModel,
    StatusModel,
    load_record_model,
    read_statuses,
    status_features,
)
from armstrace.model import Document, Evidence, Record
from armstrace.training import (
    Candidate,
    DocumentCandidates,
    fit_status_model,
    status_label,
)

DOCUMENT = Document(id="d1", text="Peru has long bought tanks.", source="t")

# "has" and "bought" say delivered; nothing else says anything
MODEL = StatusModel(
    classes=("delivered", "ordered", "planned"),
    weights={"delivered": {"w:bought": 0.5, "w:has": 1.0}, "planned": {"w:will": 3.0}},
    intercepts={"ordered": 0.5},
    threshold=0.5,
)


def _record(status: str, supplier: str = "KOR", start: int = 0) -> Record:
    return Record(
        kind="transfer",
        weapon="tank",
        category="armoured vehicle",
        status=status,
        evidence=Evidence(DOCUMENT.text, start, start + len(DOCUMENT.text)),
        document=DOCUMENT,
        supplier=supplier,
        recipient="PER",
    )


def _gold(status: str, supplier: str = "KOR", optional: bool = False) -> GoldRecord:
    return GoldRecord(
        doc="d1", kind="transfer", weapon="tank", category="armoured vehicle",
        status=status, supplier=supplier, recipient="PER", optional=optional,
    )


def test_status_probabilities_are_a_softmax_over_the_classes() -> None:
    probabilities = MODEL.probabilities({"w:bought": 1.0, "w:has": 1.0})
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert max(probabilities, key=probabilities.__getitem__) == "delivered"


def test_the_model_changes_a_status_only_when_sure_enough() -> None:
    assert MODEL.status_of({"w:bought": 1.0, "w:has": 1.0}, "ordered") == "delivered"
    # "bought" alone: delivered is likeliest but under the threshold, the rules' stands
    unsure = MODEL.probabilities({"w:bought": 1.0})
    assert max(unsure.values()) < 0.5
    assert MODEL.status_of({"w:bought": 1.0}, "ordered") == "ordered"


def test_the_status_model_reads_no_feature_of_the_document() -> None:
    features = {"w:has": 1.0, "same_parties:<2": 1.0}
    assert status_features(features) == {"w:has": 1.0}


def test_a_changed_status_that_repeats_another_candidate_is_dropped() -> None:
    # the rules gave both; the model reads the first as delivered, which the second is
    records = [_record("ordered"), _record("delivered")]
    read = read_statuses(MODEL, records, [])
    assert [r.status for r in read] == ["delivered"]
    # another supplier is another record, kept with its new status and the rules' one noted
    records = [_record("ordered", "KOR"), _record("delivered", "FRA")]
    read = read_statuses(MODEL, records, [])
    assert [(r.supplier, r.status) for r in read] == [("KOR", "delivered"), ("FRA", "delivered")]
    assert read[0].extra["rule_status"] == "ordered"


def test_a_candidate_s_status_label_is_the_gold_s_it_matches_but_for_status() -> None:
    gold = [_gold("delivered"), _gold("planned", "FRA", optional=True)]
    assert status_label("d1", _record("ordered"), gold) == "delivered"
    assert status_label("d1", _record("delivered"), gold) == "delivered"
    # an optional gold record teaches nothing; another supplier matches nothing
    assert status_label("d1", _record("ordered", "FRA"), gold) is None
    assert status_label("d1", _record("ordered", "USA"), gold) is None


def _documents(count: int) -> list[DocumentCandidates]:
    documents = []
    for index in range(count):
        group = f"set:d{index}"
        gold = (_gold("delivered") if index % 2 else _gold("planned"),)
        words = {"w:bought": 1.0} if index % 2 else {"w:will": 1.0}
        candidate = Candidate(group, _record("ordered"), {**words, "status:ordered": 1.0}, 0)
        documents.append(DocumentCandidates(group, [candidate], 0, "d1", gold, ()))
    return documents


def test_the_status_model_is_fit_on_the_fit_sets_and_judged_out_of_fold() -> None:
    documents = _documents(20)
    model, report, read = fit_status_model(documents, calibrating=set(), folds=5)
    assert model is not None
    assert set(model.classes) == {"delivered", "planned"}
    figures = report["fit_out_of_fold"]
    assert (figures["candidates"], figures["rules_right"]) == (20, 0)
    assert figures["model_right"] == 20
    # the documents come back with their candidates read again and labelled again
    assert all(c.record.status == d.gold[0].status for d in read for c in d.candidates)
    assert all(c.label == 1 for d in read for c in d.candidates)


def test_a_record_model_file_carries_its_status_model(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "model.json"
    path.write_text(json.dumps(RecordModel({"w:a": 1.0}, 0.0, 0.5, status_model=MODEL).to_json()))
    loaded = load_record_model(path)
    assert loaded is not None and loaded.status_model is not None
    assert loaded.status_model.status_of({"w:will": 1.0}, "ordered") == "planned"
