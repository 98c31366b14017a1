"""The second-status model: the same goods at a second stage their sentence states
(extract/second_status.py), and how `armstrace train` fits it and chooses its cut."""

from __future__ import annotations

import json

from armstrace.evaluate import GoldRecord
from armstrace.extract.proposals import ProposalModel, kept_proposals
from armstrace.extract.scoring import RecordModel, load_record_model, score_records
from armstrace.extract.second_status import second_status_features, second_status_proposals
from armstrace.model import Document, Evidence, Record
from armstrace.training import (
    Candidate,
    DocumentCandidates,
    fit_proposal_model,
    proposal_rows,
    proposal_threshold,
    second_status_proposals_of,
)

DOCUMENT = Document(
    id="d1", text="The first of 24 jets Peru ordered from Korea arrived.", source="t"
)

# "arrived" speaks for a delivery; nothing else for any second stage
MODEL = ProposalModel(weights={"delivered:w:arrived": 4.0}, intercept=-2.0, threshold=0.5)


def _record(status: str, kind: str = "transfer", supplier: str = "KOR") -> Record:
    return Record(
        kind=kind,
        weapon="jet",
        category="aircraft",
        status=status,
        evidence=Evidence(DOCUMENT.text, 0, len(DOCUMENT.text)),
        document=DOCUMENT,
        supplier=supplier if kind == "transfer" else None,
        recipient="PER" if kind == "transfer" else None,
        partners=() if kind == "transfer" else ("KOR", "PER"),
    )


def _gold(status: str, optional: bool = False) -> GoldRecord:
    return GoldRecord(
        doc="d1", kind="transfer", weapon="jet", category="aircraft", status=status,
        supplier="KOR", recipient="PER", optional=optional,
    )


def test_the_features_leave_out_the_candidate_s_status_and_cross_its_words() -> None:
    features = {"status:ordered": 1.0, "kind_status:transfer:ordered": 1.0, "w:arrived": 1.0,
                "rule_confidence": 0.8}
    assert second_status_features(features, "ordered", "delivered") == {
        "base:rule_confidence": 0.8,
        "second:ordered>delivered": 1.0,
        "delivered:w:arrived": 1.0,
    }


def test_each_transfer_is_proposed_at_the_second_statuses_no_candidate_has() -> None:
    records = [_record("ordered"), _record("planned"), _record("ordered", "coproduction")]
    proposals = second_status_proposals(records, [{}, {}, {}])
    # ordered -> delivered, planned (a candidate has planned already); planned -> ordered
    # (has it), cancelled, delivered (proposed once); co-productions are left alone
    assert sorted(p.status for p, _ in proposals) == ["cancelled", "delivered"]
    assert all(p.extra["second_status_of"] in ("ordered", "planned") for p, _ in proposals)


def test_a_second_status_is_added_where_the_model_is_sure_enough() -> None:
    def added(words: dict[str, float]) -> list[Record]:
        return kept_proposals(MODEL, second_status_proposals([_record("ordered")], [words]))

    assert [(r.status, r.confidence) for r in added({"w:arrived": 1.0})] == [("delivered", 0.881)]
    assert added({"w:signed": 1.0}) == []


def test_the_record_model_adds_the_second_statuses_to_what_it_keeps() -> None:
    # every candidate kept (no weights, threshold 0): the order, and its delivery added
    # (the candidate's features hold the words of its sentence, "arrived" among them)
    model = RecordModel({}, 0.0, 0.0, second_status_model=MODEL)
    kept = score_records(model, [_record("ordered")], [])
    assert {r.status for r in kept} == {"ordered", "delivered"}


def test_a_record_model_file_carries_its_second_status_model(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "model.json"
    path.write_text(json.dumps(RecordModel({}, 0.0, 0.5, second_status_model=MODEL).to_json()))
    loaded = load_record_model(path)
    assert loaded is not None and loaded.second_status_model == MODEL


def test_a_proposal_is_right_only_where_a_required_gold_record_is_left_for_it() -> None:
    candidate = Candidate("set:d1", _record("ordered"), {"w:arrived": 1.0}, 1)
    gold = (_gold("ordered"), _gold("delivered"), _gold("cancelled", optional=True))
    document = DocumentCandidates("set:d1", [candidate], 0, "d1", gold, ())
    rows = proposal_rows(document, second_status_proposals_of)
    # delivered is a record of its own; planned is none; cancelled only optional: left out
    assert sorted(label for _, label in rows) == [0, 1]
    assert {next(k for k in f if k.startswith("second:")) for f, _ in rows} == {
        "second:ordered>delivered", "second:ordered>planned"
    }


def _documents(count: int) -> list[DocumentCandidates]:
    documents = []
    for index in range(count):
        group = f"set:d{index}"
        delivered = index % 2 == 0
        gold = (_gold("ordered"), *((_gold("delivered"),) if delivered else ()))
        words = {"w:arrived": 1.0} if delivered else {"w:signed": 1.0}
        candidate = Candidate(group, _record("ordered"), words, 1)
        documents.append(DocumentCandidates(group, [candidate], 0, "d1", gold, ()))
    return documents


def test_training_learns_the_cue_of_a_second_stage_and_scores_out_of_fold() -> None:
    model, scored = fit_proposal_model(
        _documents(20), calibrating=set(), propose=second_status_proposals_of, folds=5
    )
    assert model is not None

    def delivered(words: dict[str, float]) -> float:
        return model.probability(second_status_features(words, "ordered", "delivered"))

    assert delivered({"w:arrived": 1.0}) > 0.5 > delivered({"w:signed": 1.0})
    # two proposals a document (delivered, planned), each scored by a model blind to it
    assert len(scored["fit_out_of_fold"]) == 40 and scored["calibration_sets"] == []


def test_the_cut_is_the_one_that_gives_the_whole_its_best_f1() -> None:
    # the record model keeps 50 records, 30 right, of 100 gold (F1 0.4): an addition
    # raises F1 where it is right more often than 0.2
    kept = {"kept": 50, "right": 30, "gold": 100}
    scored = {"fit_out_of_fold": [], "calibration_sets": [(0.9, 1), (0.6, 1), (0.45, 0),
                                                           (0.3, 0), (0.25, 0)]}
    threshold, report = proposal_threshold(scored, kept)
    assert threshold == 0.6
    assert report["calibration_sets"] == {
        "proposed": 5, "right_proposed": 2, "added": 2, "right_added": 2
    }
