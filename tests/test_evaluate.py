"""Tests of scoring against gold (spec/records.md section 4)."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path
from typing import Any

import pytest

from armstrace.errors import ConfigError, InputError
from armstrace.evaluate import (
    SLOTS,
    Counts,
    GoldRecord,
    PredictedRecord,
    _agreement,
    document_keys,
    format_report,
    load_doc_list,
    load_gold,
    match_records,
    normalise_prediction,
    precision_by_confidence,
    records_match,
    score,
)
from armstrace.model import Document, Evidence, Money, PartialDate, Record

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ABSENT = "../shared/data absent: a fresh clone without ../shared"

BASE: dict[str, Any] = {
    "kind": "transfer",
    "supplier": "FRA",
    "recipient": "EGY",
    "partners": [],
    "weapon": "Rafale",
    "weapon_family": "Rafale",
    "category": "aircraft",
    "quantity": 30,
    "value": {"amount": 4000000000, "currency": "EUR"},
    "deal": "sale",
    "status": "ordered",
    "date": "2021-05",
}


def record_json(**changes: Any) -> dict[str, Any]:
    """Return a record in the contract's JSON shape, BASE with `changes` applied."""
    return {**BASE, **changes}


def gold(doc: str = "d1", optional: bool = False, **changes: Any) -> GoldRecord:
    data = record_json(**changes)
    return GoldRecord(
        doc=doc,
        kind=data["kind"],
        weapon=data["weapon"],
        category=data["category"],
        status=data["status"],
        supplier=data["supplier"],
        recipient=data["recipient"],
        partners=tuple(sorted(data["partners"])),
        weapon_family=data["weapon_family"],
        quantity=data["quantity"],
        value=Money(**data["value"]) if data["value"] else None,
        deal=data["deal"],
        date=PartialDate.parse(data["date"]) if data["date"] else None,
        optional=optional,
    )


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- loading -------------------------------------------------------------------------------------


def test_load_gold_reads_fields_and_optional_flag(tmp_path: Path) -> None:
    lines = [
        json.dumps({"doc": "a.txt", **BASE}),
        "",
        json.dumps({"doc": "a.txt", **BASE, "status": "interest", "optional": True}),
    ]
    records = load_gold(write_lines(tmp_path / "gold.jsonl", lines))
    assert [r.status for r in records] == ["ordered", "interest"]
    assert [r.optional for r in records] == [False, True]
    assert records[0].value == Money(4000000000, "EUR")
    assert records[0].date == PartialDate(2021, 5)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        (json.dumps({k: v for k, v in BASE.items() if k != "status"} | {"doc": "a"}), "status"),
        (json.dumps(BASE | {"doc": "a", "status": "sold"}), "status 'sold'"),
        (json.dumps(BASE | {"doc": "a", "category": "tank"}), "category 'tank'"),
        (json.dumps(BASE | {"doc": "a", "date": "May 2021"}), "date"),
        (json.dumps(BASE | {"doc": "a", "quantity": "30"}), "quantity"),
        (json.dumps(BASE | {"doc": "a", "value": {"amount": 1.5, "currency": "USD"}}), "amount"),
        (json.dumps(BASE | {"doc": "a", "optional": "yes"}), "optional"),
    ],
)
def test_load_gold_names_file_and_line_of_a_bad_line(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = write_lines(tmp_path / "gold.jsonl", [json.dumps({"doc": "a", **BASE}), line])
    with pytest.raises(InputError, match=problem) as caught:
        load_gold(path)
    assert caught.value.source == f"{path}:2"


def test_load_gold_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the gold file"):
        load_gold(tmp_path / "absent.jsonl")


def test_load_doc_list_skips_blanks_comments_and_repeats(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "docs.txt", ["# dev set", "b", "", "  a  ", "b"])
    assert load_doc_list(path) == ["b", "a"]


# --- matching rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_changes", "predicted_changes", "expected"),
    [
        pytest.param({}, {}, True, id="identical"),
        pytest.param({}, {"weapon": "rafale"}, True, id="designation-case-insensitive"),
        pytest.param({}, {"weapon": "Rafale F4"}, True, id="same-family"),
        pytest.param(
            {"weapon": "Mirage 2000", "weapon_family": "Mirage"},
            {"weapon": "Mirage F1", "weapon_family": "Mirage"},
            True,
            id="same-family-different-model",
        ),
        pytest.param({}, {"weapon": "Mirage", "weapon_family": "Mirage"}, False, id="family"),
        pytest.param(
            {"weapon": "fighter jet", "weapon_family": None},
            {"weapon": "Rafale"},
            True,
            id="generic-gold-same-category",
        ),
        pytest.param(
            {"weapon": "fighter jet", "weapon_family": None},
            {"weapon": "Tiger", "weapon_family": "Tiger", "category": "helicopter"},
            False,
            id="generic-gold-other-category",
        ),
        pytest.param(
            {},
            {"weapon": "fighter jet", "weapon_family": None},
            False,
            id="named-gold-generic-prediction",
        ),
        pytest.param({}, {"status": "delivered"}, False, id="status"),
        pytest.param({}, {"supplier": "USA"}, False, id="supplier"),
        pytest.param({}, {"recipient": None}, False, id="recipient"),
        pytest.param({}, {"quantity": 24, "date": None, "deal": "unknown"}, True, id="slots"),
        pytest.param(
            {
                "kind": "coproduction",
                "supplier": None,
                "recipient": None,
                "partners": ["IND", "FRA"],
            },
            {
                "kind": "coproduction",
                "supplier": None,
                "recipient": None,
                "partners": ["FRA", "IND"],
            },
            True,
            id="partners-as-set",
        ),
        pytest.param(
            {
                "kind": "coproduction",
                "supplier": None,
                "recipient": None,
                "partners": ["FRA", "IND"],
            },
            {"kind": "coproduction", "supplier": None, "recipient": None, "partners": ["FRA"]},
            False,
            id="partners-differ",
        ),
        pytest.param({}, {"kind": "coproduction", "partners": ["EGY", "FRA"]}, False, id="kind"),
    ],
)
def test_records_match_follows_the_spec(
    gold_changes: dict[str, Any], predicted_changes: dict[str, Any], expected: bool
) -> None:
    predicted = normalise_prediction("d1", record_json(**predicted_changes))
    assert records_match(gold(**gold_changes), predicted) is expected


def matching_value(
    gold_records: list[GoldRecord], predicted: list[PredictedRecord], pairs: list[tuple[int, int]]
) -> tuple[int, int, int]:
    """Return what the matching maximises, in order: required, optional, slot agreement."""
    required = sum(1 for i, _ in pairs if not gold_records[i].optional)
    agreement = sum(_agreement(gold_records[i], predicted[j]) for i, j in pairs)
    return required, len(pairs) - required, agreement


def brute_force_best(
    gold_records: list[GoldRecord], predicted: list[PredictedRecord]
) -> tuple[int, int, int]:
    best = (0, 0, 0)
    for choice in itertools.product(range(-1, len(predicted)), repeat=len(gold_records)):
        used = [j for j in choice if j >= 0]
        if len(used) != len(set(used)):
            continue
        pairs = [(i, j) for i, j in enumerate(choice) if j >= 0]
        if all(records_match(gold_records[i], predicted[j]) for i, j in pairs):
            best = max(best, matching_value(gold_records, predicted, pairs))
    return best


RANDOM_WEAPONS = [
    ("Rafale", "Rafale", "aircraft"),
    ("Rafale F4", "Rafale", "aircraft"),
    ("fighter jet", None, "aircraft"),
    ("Mirage", "Mirage", "aircraft"),
    ("tank", None, "armoured vehicle"),
]


def random_record(rng: random.Random) -> dict[str, Any]:
    weapon, family, category = rng.choice(RANDOM_WEAPONS)
    return record_json(
        weapon=weapon,
        weapon_family=family,
        category=category,
        status=rng.choice(["ordered", "delivered"]),
        quantity=rng.choice([None, 30]),
        date=rng.choice([None, "2021"]),
        deal=rng.choice(["sale", "unknown"]),
    )


def test_match_records_finds_the_best_matching_of_random_cases() -> None:
    rng = random.Random(20241011)
    for _ in range(300):
        gold_records = [
            gold(optional=rng.random() < 0.3, **random_record(rng))
            for _ in range(rng.randint(0, 4))
        ]
        predicted = [
            normalise_prediction("d1", random_record(rng)) for _ in range(rng.randint(0, 4))
        ]
        pairs = match_records(gold_records, predicted)
        assert all(records_match(gold_records[i], predicted[j]) for i, j in pairs)
        assert len({j for _, j in pairs}) == len(pairs)
        best = brute_force_best(gold_records, predicted)
        assert matching_value(gold_records, predicted, pairs) == best


# --- scoring -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        pytest.param([], (0, 0, 0), id="optional-missed-costs-nothing"),
        pytest.param(
            [record_json(status="interest")], (0, 0, 0), id="optional-found-earns-nothing"
        ),
        pytest.param([record_json(status="planned")], (0, 1, 0), id="unmatched-is-false"),
    ],
)
def test_score_optional_gold_neither_rewards_nor_punishes(
    predicted: list[dict[str, Any]], expected: tuple[int, int, int]
) -> None:
    report = score([gold(optional=True, status="interest")], {"d1": predicted}, ["d1"])
    assert (report.counts.tp, report.counts.fp, report.counts.fn) == expected


def test_score_one_gold_cannot_match_two_predictions() -> None:
    report = score([gold()], {"d1": [record_json(), record_json(quantity=None)]}, ["d1"])
    assert (report.counts.tp, report.counts.fp, report.counts.fn) == (1, 1, 0)
    assert report.false_records[0].quantity is None  # the better-agreeing one is the match


def test_score_finds_a_maximum_matching_where_greedy_would_not() -> None:
    # The Rafale F4 prediction can match either gold record; the "fighter jet"
    # prediction only the generic one. Both gold records must be matched.
    gold_records = [
        gold(weapon="fighter jet", weapon_family=None),
        gold(weapon="Rafale", quantity=None, value=None, date=None),
    ]
    predicted = [
        record_json(weapon="Rafale F4", quantity=30),
        record_json(weapon="fighter jet", weapon_family=None, quantity=None),
    ]
    report = score(gold_records, {"d1": predicted}, ["d1"])
    assert (report.counts.tp, report.counts.fp, report.counts.fn) == (2, 0, 0)


def test_score_matches_required_gold_before_optional_gold() -> None:
    gold_records = [gold(optional=True, weapon="fighter jet", weapon_family=None), gold()]
    report = score(gold_records, {"d1": [record_json(weapon="Rafale")]}, ["d1"])
    assert (report.counts.tp, report.counts.fp, report.counts.fn) == (1, 0, 0)


def test_score_counts_gold_of_documents_without_predictions_as_missed() -> None:
    report = score([gold("d1"), gold("d2")], {"d1": [record_json()]}, ["d1", "d2", "d3"])
    assert report.documents["d2"].fn == 1
    assert report.documents["d3"] == Counts(0, 0, 0)
    assert (report.counts.tp, report.counts.fn) == (1, 1)
    assert [miss.doc for miss in report.misses] == ["d2"]


def test_score_ignores_documents_not_listed() -> None:
    report = score([gold("d1"), gold("d2")], {"d1": [], "d2": [record_json()]}, ["d1"])
    assert list(report.documents) == ["d1"]
    assert (report.counts.tp, report.counts.fp, report.counts.fn) == (0, 0, 1)


@pytest.mark.parametrize(
    ("gold_changes", "predicted_changes", "wrong_slot"),
    [
        ({}, {"quantity": 24}, "quantity"),
        ({}, {"quantity": None}, "quantity"),
        ({}, {"value": {"amount": 4000000000, "currency": "USD"}}, "value"),
        ({}, {"value": {"amount": 3750000000, "currency": "EUR"}}, "value"),
        ({}, {"value": None}, "value"),
        ({}, {"date": "2021"}, "date"),
        ({}, {"deal": "unknown"}, "deal"),
        (
            {"quantity": None, "value": None, "date": None},
            {"quantity": None, "value": None, "date": None},
            None,
        ),
    ],
)
def test_score_slot_accuracy_compares_each_slot_of_matched_pairs(
    gold_changes: dict[str, Any], predicted_changes: dict[str, Any], wrong_slot: str | None
) -> None:
    report = score([gold(**gold_changes)], {"d1": [record_json(**predicted_changes)]}, ["d1"])
    assert report.counts.tp == 1
    expected = {slot: 0.0 if slot == wrong_slot else 1.0 for slot in SLOTS}
    assert report.slot_accuracy == expected


def test_score_slot_accuracy_is_none_without_matches() -> None:
    report = score([gold()], {}, ["d1"])
    assert set(report.slot_accuracy.values()) == {None}


def test_score_counts_by_status_and_category() -> None:
    gold_records = [
        gold(),
        gold(
            status="delivered",
            weapon="S-400",
            weapon_family="S-400",
            category="air defence",
            supplier="RUS",
        ),
    ]
    predicted = [record_json(), record_json(status="cancelled")]
    report = score(gold_records, {"d1": predicted}, ["d1"])
    assert report.by_status["ordered"].tp == 1
    assert report.by_status["cancelled"].fp == 1
    assert report.by_status["delivered"].fn == 1
    assert report.by_category["aircraft"].tp == 1
    assert report.by_category["air defence"].fn == 1


def test_score_counts_by_kind_of_parties() -> None:
    gold_records = [
        gold(),
        gold(weapon="BGM-71 TOW", weapon_family="TOW", category="missile", supplier="USA",
             recipient=None, recipient_name="Free Syrian Army", status="delivered"),
    ]
    # the non-state record found, the state-to-state one read with another status
    predicted = [
        record_json(status="delivered"),
        record_json(weapon="BGM-71 TOW", weapon_family="TOW", category="missile",
                    supplier="USA", recipient=None, recipient_name="rebels",
                    status="delivered"),
    ]
    report = score(gold_records, {"d1": predicted}, ["d1"])
    assert report.by_parties["non-state/unknown"].tp == 1
    assert report.by_parties["state to state"].fn == 1
    assert report.by_parties["state to state"].fp == 1
    assert list(report.by_parties) == ["state to state", "non-state/unknown"]
    assert "by parties" in format_report(report)


def test_score_accepts_record_objects() -> None:
    document = Document(id="d1", text="Egypt ordered 30 Rafale jets.", source="d1.txt")
    record = Record(
        kind="transfer",
        weapon="Rafale",
        category="aircraft",
        status="ordered",
        evidence=Evidence(document.text, 0, len(document.text)),
        document=document,
        supplier="FRA",
        recipient="EGY",
        weapon_family="Rafale",
        quantity=30,
        value=Money(4000000000, "EUR"),
        deal="sale",
        date=PartialDate(2021, 5),
        confidence=0.9,
    )
    report = score([gold()], {"d1": [record]}, ["d1"])
    assert report.counts.f1 == 1.0
    assert report.matches[0].predicted.confidence == 0.9
    assert report.matches[0].predicted.evidence == document.text


def test_score_does_not_depend_on_prediction_order() -> None:
    predicted = [record_json(quantity=None), record_json(), record_json(status="planned")]
    forward = score([gold()], {"d1": predicted}, ["d1"])
    backward = score([gold()], {"d1": predicted[::-1]}, ["d1"])
    assert forward.to_json() == backward.to_json()


def test_score_rejects_a_prediction_with_an_unknown_status() -> None:
    with pytest.raises(InputError, match="prediction for d1"):
        score([gold()], {"d1": [record_json(status="sold")]}, ["d1"])


def test_precision_by_confidence_splits_true_and_false_positives() -> None:
    predicted = [
        record_json(confidence=0.9),
        record_json(status="planned", confidence=0.3),
        record_json(status="delivered", confidence=1.0),
        record_json(status="cancelled"),  # no confidence: left out
    ]
    report = score([gold()], {"d1": predicted}, ["d1"])
    bands = precision_by_confidence(report)
    assert [(b.low, b.high, b.counts.tp, b.counts.fp) for b in bands] == [
        (0.0, 0.5, 0, 1),
        (0.5, 0.8, 0, 0),
        (0.8, 1.0, 1, 1),
    ]
    assert [b.precision for b in bands] == [0.0, None, 0.5]


def test_precision_by_confidence_rejects_bands_out_of_order() -> None:
    with pytest.raises(ConfigError, match="increasing"):
        precision_by_confidence(score([], {}, []), bands=(0.0, 0.8, 0.5))


def test_format_report_lists_totals_misses_and_false_records() -> None:
    missed = gold(
        "d2", kind="coproduction", supplier=None, recipient=None, partners=["GBR", "ITA", "JPN"]
    )
    predicted = [record_json(status="planned", evidence={"text": "Egypt\n  plans", "start": 0})]
    report = score([gold(), missed], {"d1": predicted}, ["d1", "d2"])
    text = format_report(report)
    assert "precision 0.000  recall 0.000  F1 0.000  (TP 0  FP 1  FN 2)" in text
    assert "d2  coproduction  GBR+ITA+JPN  Rafale [Rafale] (aircraft)  ordered" in text
    assert "d1  transfer  FRA->EGY  Rafale [Rafale] (aircraft)  planned" in text
    assert '"Egypt plans"' in text


def test_report_to_json_round_trips_through_json() -> None:
    report = score([gold()], {"d1": [record_json(status="planned")]}, ["d1"])
    data = json.loads(json.dumps(report.to_json()))
    assert data["totals"] == {"tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert data["misses"][0]["weapon"] == "Rafale"
    assert data["false_records"][0]["status"] == "planned"


# --- real gold files -----------------------------------------------------------------------------


def gold_as_predictions(records: list[GoldRecord]) -> dict[str, list[dict[str, Any]]]:
    predicted: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        data = {k: v for k, v in record.to_json().items() if k not in ("optional", "note")}
        predicted.setdefault(record.doc, []).append(json.loads(json.dumps(data)))
    return predicted


@pytest.mark.parametrize(
    ("gold_file", "doc_list"),
    [
        pytest.param("seed/turkey-serbia-drones.gold.jsonl", None, id="seed"),
        pytest.param("dev/gold.jsonl", "dev/documents.txt", id="dev"),
    ],
)
def test_score_gold_against_itself_is_perfect(gold_file: str, doc_list: str | None) -> None:
    if not SHARED_DATA.is_dir():
        pytest.skip(ABSENT)
    records = load_gold(SHARED_DATA / gold_file)
    docs = load_doc_list(SHARED_DATA / doc_list) if doc_list else sorted({r.doc for r in records})
    report = score(records, gold_as_predictions(records), docs)
    assert (report.counts.precision, report.counts.recall, report.counts.f1) == (1.0, 1.0, 1.0)
    assert report.counts.tp == sum(1 for r in records if not r.optional)
    assert set(report.slot_accuracy.values()) == {1.0}


@pytest.mark.parametrize(
    ("source", "roots", "expected"),
    [
        pytest.param("corpora/bbc/business/130.txt", ["corpora"], "bbc/business/130.txt", id="dir"),
        pytest.param(
            "corpora/bbc/business/130.txt", ["corpora/"], "bbc/business/130.txt", id="slash"
        ),
        pytest.param(
            "corpora\\bbc\\business\\130.txt", ["corpora"], "bbc/business/130.txt", id="backslashes"
        ),
        pytest.param("seed/drones.txt", ["seed/drones.txt"], "drones.txt", id="single-file"),
        pytest.param("demo/wire.xml#item-7", ["demo"], "wire.xml#item-7", id="feed-in-folder"),
        pytest.param("demo/wire.xml#item-7", ["demo/wire.xml"], "wire.xml#item-7", id="feed-file"),
        pytest.param("a/b.jsonl:3", ["a/b.jsonl"], "b.jsonl:3", id="jsonl-line"),
        pytest.param(
            "corpora/bbc/business/130.txt",
            ["other", "corpora/bbc"],
            "business/130.txt",
            id="second-root",
        ),
    ],
)
def test_document_keys_gives_id_and_path_relative_to_a_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, roots: list[str], expected: str
) -> None:
    monkeypatch.chdir(tmp_path)  # relative paths as given on a command line
    document = Document(id="0123456789abcdef", text="text", source=source)
    assert document_keys(document, [Path(root) for root in roots]) == {document.id, expected}


def test_document_keys_ignores_roots_that_do_not_contain_the_source() -> None:
    document = Document(id="guardian-063", text="text", source="/data/guardian-syria.jsonl")
    assert document_keys(document, [Path("/elsewhere")]) == {"guardian-063"}
