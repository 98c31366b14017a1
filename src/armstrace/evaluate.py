"""Score predicted records against gold records (spec/records.md section 4).

A predicted record matches a gold record of the same document when `kind`,
`status`, `supplier` and `recipient` (transfers) or the `partners` set
(coproduction) are equal and the weapons agree: the same designation, the same
`weapon_family`, or, where the gold weapon is generic (family null), the same
`category`. Each gold record matches at most one prediction and each prediction
at most one gold record. The matching is a maximum-weight bipartite matching
found by shortest augmenting paths, with weights that rank, in this order: the
number of required gold records matched, the number of optional gold records
matched with what is left, and the slot agreement of the pairs. A prediction
matched to an optional gold record is neither a true nor a false positive.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from armstrace.errors import ConfigError, InputError
from armstrace.model import (
    CATEGORIES,
    DEALS,
    KINDS,
    STATUSES,
    Document,
    Money,
    PartialDate,
    Record,
)

SLOTS = ("quantity", "value", "date", "deal")
GOLD_REQUIRED_FIELDS = (
    *("doc", "kind", "supplier", "recipient", "partners"),
    *("weapon", "weapon_family", "category", "status"),
)
PREDICTED_REQUIRED_FIELDS = ("kind", "weapon", "category", "status")
VOCABULARIES = {"kind": KINDS, "category": CATEGORIES, "status": STATUSES, "deal": DEALS}
# A record or line inside a file: `feed.xml#<guid>`, `articles.jsonl:3`.
_LOCATOR = re.compile(r"(#.*|:\d+)$")
EVIDENCE_WIDTH = 110  # characters of evidence shown per line in the text report


@dataclass(frozen=True)
class ScoredFacts:
    """The fields of a record that scoring compares, shared by gold and predicted records."""

    doc: str
    kind: str
    weapon: str
    category: str
    status: str
    supplier: str | None = None
    recipient: str | None = None
    supplier_name: str | None = None
    recipient_name: str | None = None
    partners: tuple[str, ...] = ()
    weapon_family: str | None = None
    quantity: int | None = None
    value: Money | None = None
    deal: str = "unknown"
    date: PartialDate | None = None
    evidence: str | None = None

    def parties(self) -> str:
        """Return `supplier->recipient` (names where a party is not a state) or the partners."""
        if self.kind == "coproduction":
            return "+".join(self.partners) or "?"
        supplier = self.supplier or self.supplier_name or "?"
        recipient = self.recipient or self.recipient_name or "?"
        return f"{supplier}->{recipient}"

    def facts_json(self) -> dict[str, Any]:
        """Return the compared fields in the contract's JSON shape, with `doc`."""
        data = {item.name: getattr(self, item.name) for item in fields(ScoredFacts)}
        data["partners"] = list(self.partners)
        data["value"] = self.value.to_json() if self.value else None
        data["date"] = str(self.date) if self.date else None
        return data


@dataclass(frozen=True)
class GoldRecord(ScoredFacts):
    """One gold line; an `optional` one earns nothing when found and costs nothing when missed."""

    optional: bool = False
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {**self.facts_json(), "optional": self.optional, "note": self.note}


@dataclass(frozen=True)
class PredictedRecord(ScoredFacts):
    """A predicted record in the form scoring uses, whether it came as a Record or a dict."""

    confidence: float | None = None
    record_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {**self.facts_json(), "confidence": self.confidence, "id": self.record_id}


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with the scores they give.

    An empty denominator scores 1.0 when nothing was missed or claimed wrongly
    (a negative document with no predictions is scored perfect), else 0.0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_json(self) -> dict[str, Any]:
        scores = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn} | {
            name: round(value, 4) for name, value in scores.items()
        }


@dataclass(frozen=True)
class SlotScore:
    """How many matched required pairs agree on one slot."""

    correct: int
    total: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass(frozen=True)
class MatchedPair:
    """A gold record and the prediction matched to it."""

    gold: GoldRecord
    predicted: PredictedRecord


@dataclass(frozen=True)
class EvaluationReport:
    """The result of `score`: totals, per-document rows, breakdowns and the errors themselves."""

    counts: Counts
    documents: dict[str, Counts]  # per scored document, in the order of `doc_ids`
    slots: dict[str, SlotScore]
    by_status: dict[str, Counts]
    by_category: dict[str, Counts]
    by_parties: dict[str, Counts]  # state to state, non-state or unknown, co-production
    matches: list[MatchedPair]
    misses: list[GoldRecord]
    false_records: list[PredictedRecord]
    optional_gold: int = 0
    predicted: int = 0

    @property
    def slot_accuracy(self) -> dict[str, float | None]:
        """Return each slot's accuracy over matched required pairs (None when there are none)."""
        return {slot: score.accuracy for slot, score in self.slots.items()}

    def to_json(self) -> dict[str, Any]:
        """Return the whole report as JSON-ready data."""
        return {
            "totals": self.counts.to_json(),
            "documents": len(self.documents),
            "predicted": self.predicted,
            "optional_gold": self.optional_gold,
            "slot_accuracy": {
                slot: {"correct": s.correct, "total": s.total, "accuracy": s.accuracy}
                for slot, s in self.slots.items()
            },
            "by_status": {key: c.to_json() for key, c in self.by_status.items()},
            "by_category": {key: c.to_json() for key, c in self.by_category.items()},
            "by_parties": {key: c.to_json() for key, c in self.by_parties.items()},
            "per_document": [{"doc": doc, **c.to_json()} for doc, c in self.documents.items()],
            "misses": [gold.to_json() for gold in self.misses],
            "false_records": [predicted.to_json() for predicted in self.false_records],
        }


@dataclass(frozen=True)
class ConfidenceBand:
    """Precision of the predictions whose confidence lies in [low, high)."""

    low: float
    high: float
    counts: Counts

    @property
    def precision(self) -> float | None:
        total = self.counts.tp + self.counts.fp
        return self.counts.tp / total if total else None


# --- reading -------------------------------------------------------------------------------------


def _parse_facts(data: Mapping[str, Any], doc: str) -> dict[str, Any]:
    """Return the ScoredFacts arguments of a JSON record; raise ValueError when one is invalid."""
    kind, category, status = data["kind"], data["category"], data["status"]
    deal = data.get("deal") or "unknown"
    for name, value in (("kind", kind), ("category", category), ("status", status), ("deal", deal)):
        if value not in VOCABULARIES[name]:
            raise ValueError(f"{name} {value!r} is not one of {', '.join(VOCABULARIES[name])}")
    weapon = data["weapon"]
    if not isinstance(weapon, str) or not weapon.strip():
        raise ValueError(f"weapon must be a non-empty string, not {weapon!r}")
    partners = data.get("partners") or []
    if not isinstance(partners, list) or not all(isinstance(p, str) for p in partners):
        raise ValueError(f"partners must be a list of strings, not {partners!r}")
    quantity = data.get("quantity")
    if quantity is not None and (isinstance(quantity, bool) or not isinstance(quantity, int)):
        raise ValueError(f"quantity must be an integer or null, not {quantity!r}")
    evidence = data.get("evidence")
    if isinstance(evidence, Mapping):
        evidence = evidence.get("text")
    names = ("supplier", "recipient", "supplier_name", "recipient_name", "weapon_family")
    facts = {name: data.get(name) for name in names}
    facts.update(doc=doc, kind=kind, weapon=weapon, category=category, status=status, deal=deal)
    facts["partners"] = tuple(sorted(partners))
    facts["quantity"] = quantity
    facts["value"] = _parse_value(data.get("value"))
    facts["date"] = PartialDate.parse(data["date"]) if data.get("date") else None
    facts["evidence"] = evidence if isinstance(evidence, str) else None
    return facts


def _parse_value(value: Any) -> Money | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not isinstance(value.get("currency"), str):
        raise ValueError(f'value must be {{"amount", "currency"}} or null, not {value!r}')
    amount = value.get("amount")
    if isinstance(amount, bool) or not isinstance(amount, int | float) or amount != int(amount):
        raise ValueError(f"value amount must be a whole number, not {amount!r}")
    return Money(int(amount), value["currency"])


def _read_lines(path: Path, what: str) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read the {what}: {error}") from error


def read_gold_lines(path: Path, what: str, required: Sequence[str]
                    ) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield `(file:line, object)` for each line of a gold JSON Lines file, raising
    InputError that names the file and line of one that is no object with `required`."""
    for number, line in enumerate(_read_lines(path, what), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(where, f"not valid JSON ({error.msg})") from error
        if not isinstance(data, dict):
            raise InputError(where, "a gold line must be a JSON object")
        missing = [name for name in required if name not in data]
        if missing:
            raise InputError(where, f"missing field(s): {', '.join(missing)}")
        yield where, data


def load_gold(path: Path) -> list[GoldRecord]:
    """Read a gold JSON Lines file, raising InputError that names the file and line."""
    records = []
    for where, data in read_gold_lines(path, "gold file", GOLD_REQUIRED_FIELDS):
        if not isinstance(data["doc"], str) or not data["doc"]:
            raise InputError(where, f"doc must be a non-empty string, not {data['doc']!r}")
        try:
            facts = _parse_facts(data, data["doc"])
        except ValueError as error:
            raise InputError(where, str(error)) from error
        optional = data.get("optional", False)
        if not isinstance(optional, bool):
            raise InputError(where, f"optional must be true or false, not {optional!r}")
        records.append(GoldRecord(**facts, optional=optional, note=data.get("note")))
    return records


def load_doc_list(path: Path) -> list[str]:
    """Read a list of document keys, one per line; blank lines and `#` comments are skipped."""
    keys = (line.strip() for line in _read_lines(path, "document list"))
    return list(dict.fromkeys(key for key in keys if key and not key.startswith("#")))


def document_keys(document: Document, roots: Sequence[Path]) -> set[str]:
    """Return the keys a gold `doc` may use for a document.

    These are its `id`; its `source` path relative to each root folder that
    contains it; and, for a root that is the document's own file, the file
    name. A record locator the source carries (`#<guid>`, `:<line>`) is kept:
    `feed.xml#item-7`. Separators are normalised to `/`.
    """
    keys = {document.id}
    source = document.source.replace("\\", "/")
    match = _LOCATOR.search(source)
    locator = match.group(0) if match else ""
    source_file = Path(source[: len(source) - len(locator)])
    for root in roots:
        root_file = Path(str(root).replace("\\", "/"))
        for resolve in (os.path.abspath, os.path.realpath):
            source_path, root_path = Path(resolve(source_file)), Path(resolve(root_file))
            if source_path == root_path:
                keys.add(source_path.name + locator)
            elif source_path.is_relative_to(root_path):
                keys.add(source_path.relative_to(root_path).as_posix() + locator)
    return keys


def normalise_prediction(doc: str, predicted: Record | Mapping[str, Any]) -> PredictedRecord:
    """Return a prediction, given as a Record or as its contract JSON, in the form scoring uses."""
    data = predicted.to_json() if isinstance(predicted, Record) else predicted
    missing = [name for name in PREDICTED_REQUIRED_FIELDS if name not in data]
    if missing:
        raise InputError(f"prediction for {doc}", f"missing field(s): {', '.join(missing)}")
    try:
        facts = _parse_facts(data, doc)
    except ValueError as error:
        raise InputError(f"prediction for {doc}", str(error)) from error
    confidence = data.get("confidence")
    return PredictedRecord(
        **facts,
        confidence=float(confidence) if confidence is not None else None,
        record_id=data.get("id"),
    )


# --- matching ------------------------------------------------------------------------------------


def _same_text(left: str | None, right: str | None) -> bool:
    if left is None or right is None:
        return left is right
    return left.casefold() == right.casefold()


def weapons_agree(gold: ScoredFacts, predicted: ScoredFacts) -> bool:
    """Return whether weapons agree: designation, else family, else category for generic gold."""
    if _same_text(gold.weapon, predicted.weapon):
        return True
    if gold.weapon_family is not None and predicted.weapon_family is not None:
        return _same_text(gold.weapon_family, predicted.weapon_family)
    return gold.weapon_family is None and gold.category == predicted.category


def records_match(gold: ScoredFacts, predicted: ScoredFacts) -> bool:
    """Return whether a prediction matches a gold record (spec section 4)."""
    if gold.kind != predicted.kind or gold.status != predicted.status:
        return False
    if gold.kind == "coproduction":
        if set(gold.partners) != set(predicted.partners):
            return False
    elif (gold.supplier, gold.recipient) != (predicted.supplier, predicted.recipient):
        return False
    return weapons_agree(gold, predicted)


def slot_agrees(slot: str, gold: ScoredFacts, predicted: ScoredFacts) -> bool:
    """Return whether one slot (`quantity`, `value`, `date` or `deal`) has the same value."""
    if slot not in SLOTS:
        raise ValueError(f"slot {slot!r} is not one of {SLOTS}")
    return bool(getattr(gold, slot) == getattr(predicted, slot))


def _agreement(gold: ScoredFacts, predicted: ScoredFacts) -> int:
    """Return the tie-breaking score of a pair: agreeing slots, designation and party names."""
    return (
        sum(slot_agrees(slot, gold, predicted) for slot in SLOTS)
        + _same_text(gold.weapon, predicted.weapon)
        + _same_text(gold.supplier_name, predicted.supplier_name)
        + _same_text(gold.recipient_name, predicted.recipient_name)
    )


_MAX_AGREEMENT = len(SLOTS) + 3


def match_records(
    gold: Sequence[GoldRecord], predicted: Sequence[PredictedRecord]
) -> list[tuple[int, int]]:
    """Return (gold index, predicted index) pairs of the best matching of one document.

    Best means, in this order: most required gold matched, then most optional
    gold matched with the predictions left, then the most slot agreement. Found
    by successive shortest augmenting paths (Bellman-Ford over the residual
    graph), which is exact for maximum-weight bipartite matching; scanning in
    index order and relaxing only on strict improvement makes ties deterministic.
    """
    size = min(len(gold), len(predicted)) + 1
    optional_weight = (_MAX_AGREEMENT + 1) * size
    required_weight = (optional_weight + _MAX_AGREEMENT + 1) * size
    weight: dict[tuple[int, int], int] = {}
    for i, gold_record in enumerate(gold):
        for j, predicted_record in enumerate(predicted):
            if records_match(gold_record, predicted_record):
                base = optional_weight if gold_record.optional else required_weight
                weight[i, j] = base + _agreement(gold_record, predicted_record)
    edges_from: dict[int, list[int]] = {}
    for i, j in sorted(weight):
        edges_from.setdefault(i, []).append(j)
    gold_partner: dict[int, int] = {}
    predicted_partner: dict[int, int] = {}
    while True:
        path = _shortest_augmenting_path(
            len(gold), edges_from, weight, gold_partner, predicted_partner
        )
        if path is None:
            break
        for i, j in path:
            gold_partner[i] = j
            predicted_partner[j] = i
    return sorted(gold_partner.items())


def _shortest_augmenting_path(
    gold_count: int,
    edges_from: Mapping[int, list[int]],
    weight: Mapping[tuple[int, int], int],
    gold_partner: Mapping[int, int],
    predicted_partner: Mapping[int, int],
) -> list[tuple[int, int]] | None:
    """Return the new (gold, predicted) pairs of the cheapest gainful augmenting path, or None."""
    # Costs are negated weights; a matched pair is walked backwards at +weight.
    gold_cost: dict[int, int] = {i: 0 for i in range(gold_count) if i not in gold_partner}
    predicted_cost: dict[int, int] = {}
    came_from: dict[int, int] = {}  # predicted index -> gold index it was reached from
    changed = True
    while changed:
        changed = False
        for i in sorted(gold_cost):
            for j in edges_from.get(i, []):
                if gold_partner.get(i) == j:
                    continue
                cost = gold_cost[i] - weight[i, j]
                if j not in predicted_cost or cost < predicted_cost[j]:
                    predicted_cost[j], came_from[j] = cost, i
                    changed = True
        for j in sorted(predicted_cost):
            if j in predicted_partner:
                i = predicted_partner[j]
                cost = predicted_cost[j] + weight[i, j]
                if i not in gold_cost or cost < gold_cost[i]:
                    gold_cost[i] = cost
                    changed = True
    ends = [(cost, j) for j, cost in predicted_cost.items() if j not in predicted_partner]
    if not ends or min(ends)[0] >= 0:
        return None
    j = min(ends)[1]
    path = []
    while True:
        i = came_from[j]
        path.append((i, j))
        if i not in gold_partner:
            return path
        j = gold_partner[i]


# --- scoring -------------------------------------------------------------------------------------


def _sort_key(record: PredictedRecord) -> str:
    return json.dumps(record.to_json(), sort_keys=True, ensure_ascii=False)


def score(
    gold: Sequence[GoldRecord],
    predicted: Mapping[str, Sequence[Record | Mapping[str, Any]]],
    doc_ids: Sequence[str],
) -> EvaluationReport:
    """Score predictions against gold over the listed documents.

    `predicted` maps a document key (as gold's `doc`) to its records, as
    Record objects or contract JSON dicts. Documents in `doc_ids` without
    predictions lose all their gold; predictions and gold for documents not in
    `doc_ids` are ignored.
    """
    gold_by_doc: dict[str, list[GoldRecord]] = {}
    for gold_record in gold:
        gold_by_doc.setdefault(gold_record.doc, []).append(gold_record)
    documents: dict[str, Counts] = {}
    matches: list[MatchedPair] = []
    misses: list[GoldRecord] = []
    false_records: list[PredictedRecord] = []
    slot_correct = dict.fromkeys(SLOTS, 0)
    slot_total = 0
    by_status: dict[str, Counts] = {}
    by_category: dict[str, Counts] = {}
    by_parties: dict[str, Counts] = {}
    predicted_count = 0

    def tally(facts: ScoredFacts, counts: Counts) -> None:
        by_status[facts.status] = by_status.get(facts.status, Counts()) + counts
        by_category[facts.category] = by_category.get(facts.category, Counts()) + counts
        parties = parties_kind(facts)
        by_parties[parties] = by_parties.get(parties, Counts()) + counts

    for doc in dict.fromkeys(doc_ids):
        doc_gold = gold_by_doc.get(doc, [])
        given = [normalise_prediction(doc, record) for record in predicted.get(doc, ())]
        # Sorted so that the result does not depend on the order the extractor emitted.
        doc_predicted = sorted(given, key=_sort_key)
        predicted_count += len(doc_predicted)
        pairs = match_records(doc_gold, doc_predicted)
        matched_gold = {i for i, _ in pairs}
        matched_predicted = {j for _, j in pairs}
        tp = 0
        for i, j in pairs:
            pair = MatchedPair(doc_gold[i], doc_predicted[j])
            matches.append(pair)
            if pair.gold.optional:
                continue
            tp += 1
            tally(pair.gold, Counts(tp=1))
            slot_total += 1
            for slot in SLOTS:
                slot_correct[slot] += slot_agrees(slot, pair.gold, pair.predicted)
        doc_misses = [g for i, g in enumerate(doc_gold) if i not in matched_gold and not g.optional]
        doc_false = [p for j, p in enumerate(doc_predicted) if j not in matched_predicted]
        for miss in doc_misses:
            tally(miss, Counts(fn=1))
        for false_record in doc_false:
            tally(false_record, Counts(fp=1))
        misses.extend(doc_misses)
        false_records.extend(doc_false)
        documents[doc] = Counts(tp, len(doc_false), len(doc_misses))
    total = sum(documents.values(), Counts())
    scored = set(doc_ids)
    return EvaluationReport(
        counts=total,
        documents=documents,
        slots={slot: SlotScore(slot_correct[slot], slot_total) for slot in SLOTS},
        by_status=dict(sorted(by_status.items(), key=lambda item: STATUSES.index(item[0]))),
        by_category=dict(sorted(by_category.items(), key=lambda item: CATEGORIES.index(item[0]))),
        by_parties=dict(sorted(by_parties.items(), key=lambda item: PARTY_KINDS.index(item[0]))),
        matches=matches,
        misses=misses,
        false_records=false_records,
        optional_gold=sum(1 for g in gold if g.optional and g.doc in scored),
        predicted=predicted_count,
    )


def precision_by_confidence(
    report: EvaluationReport, bands: Sequence[float] = (0.0, 0.5, 0.8, 1.0)
) -> list[ConfidenceBand]:
    """Return the precision of the predictions in each confidence band.

    Bands are [bands[k], bands[k+1]), the last one closed. Only predictions
    that count are used: true positives (matched to required gold) and false
    positives; those matched to optional gold and those without a confidence
    are left out.
    """
    edges = list(bands)
    if len(edges) < 2 or any(low >= high for low, high in zip(edges, edges[1:], strict=False)):
        raise ConfigError(f"confidence bands must be two or more increasing numbers, not {edges}")
    counts = [Counts() for _ in edges[:-1]]
    scored = [(pair.predicted, Counts(tp=1)) for pair in report.matches if not pair.gold.optional]
    scored += [(record, Counts(fp=1)) for record in report.false_records]
    for record, outcome in scored:
        index = _band_index(record.confidence, edges)
        if index is not None:
            counts[index] = counts[index] + outcome
    return [
        ConfidenceBand(low, high, band_counts)
        for low, high, band_counts in zip(edges[:-1], edges[1:], counts, strict=True)
    ]


def _band_index(confidence: float | None, edges: Sequence[float]) -> int | None:
    if confidence is None or not edges[0] <= confidence <= edges[-1]:
        return None
    return min(bisect.bisect_right(edges, confidence) - 1, len(edges) - 2)


# --- text report ---------------------------------------------------------------------------------


def _one_line(text: str | None, width: int = EVIDENCE_WIDTH) -> str:
    if not text:
        return "(no evidence)"
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _describe(record: ScoredFacts) -> str:
    family = f" [{record.weapon_family}]" if record.weapon_family else ""
    weapon = f"{record.weapon}{family}"
    return (
        f"{record.doc}  {record.kind}  {record.parties()}  {weapon} ({record.category})  "
        f'{record.status}\n      "{_one_line(record.evidence)}"'
    )


# The kinds of parties a record joins, as `evaluate` breaks its figures down: a transfer
# between two states, one with a non-state or unknown side (an armed group, a firm acting
# for no state, a supplier the text does not name), and a co-production.
PARTY_KINDS = ("state to state", "non-state/unknown", "co-production")


def parties_kind(facts: ScoredFacts) -> str:
    """Return which of `PARTY_KINDS` a gold or predicted record is."""
    if facts.kind == "coproduction":
        return PARTY_KINDS[2]
    return PARTY_KINDS[0] if facts.supplier and facts.recipient else PARTY_KINDS[1]


def _format_counts_table(title: str, rows: Mapping[str, Counts]) -> list[str]:
    lines = [title, f"  {'':<18} {'TP':>4} {'FP':>4} {'FN':>4}   {'P':>5} {'R':>5} {'F1':>5}"]
    for key, c in rows.items():
        lines.append(
            f"  {key:<18} {c.tp:>4} {c.fp:>4} {c.fn:>4}   "
            f"{c.precision:5.3f} {c.recall:5.3f} {c.f1:5.3f}"
        )
    return lines


def format_report(report: EvaluationReport) -> str:
    """Return the report as plain text: totals, breakdowns, per document, then every error."""
    c = report.counts
    slot_texts = []
    for slot, slot_score in report.slots.items():
        accuracy = slot_score.accuracy
        slot_texts.append(f"{slot} {'-' if accuracy is None else f'{accuracy:.3f}'}")
    required = c.tp + c.fn
    lines = [
        f"documents {len(report.documents)}  gold required {required}  "
        f"gold optional {report.optional_gold}  predicted {report.predicted}",
        f"precision {c.precision:.3f}  recall {c.recall:.3f}  F1 {c.f1:.3f}  "
        f"(TP {c.tp}  FP {c.fp}  FN {c.fn})",
        f"slot accuracy over {c.tp} matched pairs: {'  '.join(slot_texts)}",
        "",
        *_format_counts_table("by status", report.by_status),
        "",
        *_format_counts_table("by category", report.by_category),
        "",
        *_format_counts_table("by parties", report.by_parties),
        "",
        "per document",
    ]
    width = max(map(len, report.documents), default=8)
    lines.append(f"  {'doc':<{width}} {'TP':>4} {'FP':>4} {'FN':>4}")
    for doc, dc in report.documents.items():
        lines.append(f"  {doc:<{width}} {dc.tp:>4} {dc.fp:>4} {dc.fn:>4}")
    lines += ["", f"misses ({len(report.misses)})"]
    lines += [f"  {_describe(miss)}" for miss in report.misses]
    lines += ["", f"false records ({len(report.false_records)})"]
    lines += [f"  {_describe(record)}" for record in report.false_records]
    return "\n".join(lines) + "\n"
