"""The second-weapon model: the same deal for another system its sentence names
(extract/second_weapon.py), and how `armstrace train` labels and fits it. Sentences are our
own."""

from __future__ import annotations

import json

from armstrace.evaluate import GoldRecord
from armstrace.extract.mention import Mention
from armstrace.extract.proposals import ProposalModel, kept_proposals
from armstrace.extract.scoring import RecordModel, load_record_model, score_records
from armstrace.extract.second_weapon import second_weapon_proposals
from armstrace.knowledge.weapons import GenericWeapon, WeaponSystem
from armstrace.model import Document, Evidence, Record
from armstrace.training import (
    Candidate,
    DocumentCandidates,
    fit_proposal_model,
    proposal_rows,
    second_weapon_proposals_of,
)

ORDER = "Poland ordered K2 tanks and K9 howitzers from South Korea."
SALES = "France sold Rafale jets to Egypt and Mistral ships to Russia."


def _system(name: str, category: str) -> WeaponSystem:
    return WeaponSystem(name, name, category, (), None, (name,), False)


def _mention(text: str, surface: str, **fields: object) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), surface=surface, **fields)  # type: ignore[arg-type]


def _weapon(text: str, surface: str, category: str) -> Mention:
    return _mention(text, surface, kind="weapon", weapon=_system(surface, category))


def _state(text: str, surface: str, code: str) -> Mention:
    return _mention(text, surface, kind="state", state=code)


def _record(
    text: str, weapon: str, category: str, supplier: str, recipient: str,
    status: str = "ordered", quantity: int | None = None,
) -> Record:
    document = Document(id="d1", text=text, source="t")
    return Record(
        kind="transfer", weapon=weapon, weapon_family=weapon, category=category,
        status=status, evidence=Evidence(text, 0, len(text)), document=document,
        supplier=supplier, recipient=recipient, quantity=quantity,
    )


ORDER_MENTIONS = [
    _state(ORDER, "Poland", "POL"),
    _weapon(ORDER, "K2", "armoured vehicle"),
    _weapon(ORDER, "K9", "artillery"),
    _state(ORDER, "South Korea", "KOR"),
]


def test_a_candidate_is_proposed_again_for_the_other_system_of_its_sentence() -> None:
    tanks = _record(ORDER, "K2", "armoured vehicle", "KOR", "POL", quantity=180)
    [(proposed, features)] = second_weapon_proposals([tanks], [{"w:ordered": 1.0}], ORDER_MENTIONS)
    assert (proposed.supplier, proposed.recipient, proposed.status) == ("KOR", "POL", "ordered")
    assert (proposed.weapon, proposed.weapon_family, proposed.category) == (
        "K9", "K9", "artillery"
    )
    # the count was the tanks'; the howitzers' is not told
    assert proposed.quantity is None and proposed.extra["second_weapon_of"] == "K2"
    assert {"other:system", "order:own_first", "apart:<4", "between:tanks", "between:and",
            "same_category:False"} <= set(features)
    assert "party_between" not in features and "base:w:ordered" not in features


def test_no_proposal_where_a_candidate_with_the_same_parties_and_stage_has_the_system() -> None:
    tanks = _record(ORDER, "K2", "armoured vehicle", "KOR", "POL")
    howitzers = _record(ORDER, "K9", "artillery", "KOR", "POL")
    assert second_weapon_proposals([tanks, howitzers], [{}, {}], ORDER_MENTIONS) == []
    # a delivery of the howitzers is another record: the order is still proposed for them
    delivered = _record(ORDER, "K9", "artillery", "KOR", "POL", status="delivered")
    proposals = second_weapon_proposals([tanks, delivered], [{}, {}], ORDER_MENTIONS)
    assert [(p.weapon, p.status) for p, _ in proposals] == [("K9", "ordered"), ("K2", "delivered")]


def test_a_party_named_between_the_two_systems_is_read() -> None:
    mentions = [
        _state(SALES, "France", "FRA"), _weapon(SALES, "Rafale", "aircraft"),
        _state(SALES, "Egypt", "EGY"), _weapon(SALES, "Mistral", "ship"),
        _state(SALES, "Russia", "RUS"),
    ]
    jets = _record(SALES, "Rafale", "aircraft", "FRA", "EGY", status="delivered")
    [(proposed, features)] = second_weapon_proposals([jets], [{}], mentions)
    assert proposed.weapon == "Mistral" and "party_between" in features


def test_a_generic_noun_is_proposed_as_its_category() -> None:
    text = "Kenya received armoured vehicles and Bayraktar TB2 drones from Turkey."
    vehicles = Mention(
        text.index("armoured vehicles"), text.index("armoured vehicles") + 17, "generic",
        "armoured vehicles",
        generic=GenericWeapon("armoured vehicles", "armoured vehicle", "armoured vehicles", False),
    )
    drones = _record(text, "Bayraktar TB2", "uav", "TUR", "KEN", status="delivered")
    [(proposed, features)] = second_weapon_proposals([drones], [{}], [vehicles])
    assert (proposed.weapon, proposed.weapon_family, proposed.category) == (
        "armoured vehicles", None, "armoured vehicle"
    )
    assert {"other:generic", "own>other:system>generic", "own:unplaced"} <= set(features)


# "and" between two systems speaks for a second record; nothing else does
MODEL = ProposalModel(weights={"between:and": 4.0}, intercept=-2.0, threshold=0.5)


def test_the_record_model_adds_the_proposals_the_second_weapon_model_keeps() -> None:
    tanks = _record(ORDER, "K2", "armoured vehicle", "KOR", "POL")
    kept = kept_proposals(MODEL, second_weapon_proposals([tanks], [{}], ORDER_MENTIONS))
    assert [(r.weapon, r.confidence) for r in kept] == [("K9", 0.881)]
    model = RecordModel({}, 0.0, 0.0, second_weapon_model=MODEL)
    assert {r.weapon for r in score_records(model, [tanks], ORDER_MENTIONS)} == {"K2", "K9"}


def test_a_record_model_file_carries_its_second_weapon_model(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "model.json"
    path.write_text(json.dumps(RecordModel({}, 0.0, 0.5, second_weapon_model=MODEL).to_json()))
    loaded = load_record_model(path)
    assert loaded is not None and loaded.second_weapon_model == MODEL


def _gold(weapon: str, category: str, optional: bool = False) -> GoldRecord:
    return GoldRecord(
        doc="d1", kind="transfer", weapon=weapon, weapon_family=weapon, category=category,
        status="ordered", supplier="KOR", recipient="POL", optional=optional,
    )


def _document(group: str, gold: tuple[GoldRecord, ...]) -> DocumentCandidates:
    candidate = Candidate(group, _record(ORDER, "K2", "armoured vehicle", "KOR", "POL"), {}, 1)
    return DocumentCandidates(group, [candidate], 0, "d1", gold, tuple(ORDER_MENTIONS))


def test_a_proposal_is_right_only_where_a_required_gold_record_is_left_for_it() -> None:
    both = (_gold("K2", "armoured vehicle"), _gold("K9", "artillery"))
    assert [label for _, label in proposal_rows(_document("s:d1", both),
                                                second_weapon_proposals_of)] == [1]
    tanks_only = (_gold("K2", "armoured vehicle"),)
    assert [label for _, label in proposal_rows(_document("s:d1", tanks_only),
                                                second_weapon_proposals_of)] == [0]
    optional = (_gold("K2", "armoured vehicle"), _gold("K9", "artillery", optional=True))
    assert proposal_rows(_document("s:d1", optional), second_weapon_proposals_of) == []


def test_training_fits_the_second_weapon_model_and_scores_out_of_fold() -> None:
    documents = [
        _document(f"s:d{i}", (_gold("K2", "armoured vehicle"), *((_gold("K9", "artillery"),)
                                                        if i % 2 else ())))
        for i in range(20)
    ]
    model, scored = fit_proposal_model(
        documents, calibrating=set(), propose=second_weapon_proposals_of, folds=5
    )
    assert model is not None
    # one proposal a document, each scored by a model blind to it
    assert len(scored["fit_out_of_fold"]) == 20 and scored["calibration_sets"] == []
