"""Train the record model (extract/scoring.py) from the gold sets, and say how good it is.

`armstrace train` runs the candidate generator (the parse-based reading, with the model
off) over every document of the training gold sets, labels each candidate by the spec's
matching rules (section 4: a candidate that matches a required gold record is right, one
that matches nothing is wrong, one that matches only an optional record teaches nothing
and is left out), and fits a logistic regression on the candidates' features.

How good it is comes from grouped cross-validation: the documents are cut into five
folds, each fold is scored by a model fit on the other four, and the out-of-fold
probabilities give precision, recall and F1 (recall counts the gold records no candidate
reached as misses) and a reliability table with the expected calibration error. The
regularisation and the threshold are chosen on those out-of-fold figures only.

Everything is deterministic: documents in key order, folds by document, a solver with
no randomness. The model and its manifest (what it was trained on, with file hashes,
and the figures) are written as one JSON file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from armstrace.clean import clean_document
from armstrace.errors import InputError
from armstrace.evaluate import (
    GoldRecord,
    document_keys,
    load_doc_list,
    load_gold,
    match_records,
    normalise_prediction,
    records_match,
)
from armstrace.extract.mention import Mention
from armstrace.extract.proposals import Proposal, ProposalModel
from armstrace.extract.regression import sigmoid
from armstrace.extract.scoring import (
    RecordModel,
    StatusModel,
    presence_features,
    read_statuses,
    record_features,
    status_features,
)
from armstrace.extract.second_status import second_status_proposals
from armstrace.extract.second_weapon import second_weapon_proposals
from armstrace.ingest import read_path
from armstrace.model import Document, Record

FOLDS = 5
REGULARISATION = (0.03, 0.1, 0.3, 1.0, 3.0)  # inverse strengths (C) tried
# The status model (scoring.StatusModel): its regularisation, and how sure it must be to
# change the rules' status. Chosen in session 9 on the calibration set's candidates
# scored by a status model fit on the fit sets (C 0.1-3, threshold 0.5-0.8): these gave
# the most statuses right there without changing any on the fit sets out of fold for
# the worse. Session 10 raised the threshold from 0.5 to 0.55 when the candidates grew by
# the sentence guesses (records.states_in_sentence): as many statuses right on both kinds
# of text (fit sets 620 of 722 at 0.55, 621 at 0.5; calibration 186 and 185 of 208), and
# a purchase told as the day's news ("bought ... last week") stays an order.
STATUS_REGULARISATION = 1.0
STATUS_THRESHOLD = 0.55
# Status weights smaller than this are left out of the model file: an L2 multinomial fit
# gives every feature a weight in every class, most of them too small to change a status
# (the file stays tens of kilobytes, not hundreds).
STATUS_SMALLEST = 0.05
RELIABILITY_EDGES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
# The proposal models (extract/proposals.py: a second status, a second weapon): their
# regularisation, the probabilities tried as the one at which one adds a record
# (proposal_threshold chooses), and the smallest weight kept in the file. Session 27: C 0.3
# gave the same F1 on the calibration sets with the records kept there as 1.0 (0.5343,
# 0.5344) and log losses within 0.002 of it, so 1.0 stays.
PROPOSAL_REGULARISATION = 1.0
PROPOSAL_THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)
PROPOSAL_SMALLEST = 0.01
PROPOSAL_TIE = 0.001


@dataclass(frozen=True)
class GoldSet:
    """One gold file with the documents it scores and where their texts are."""

    name: str
    gold: Path
    documents: Path | None  # the document keys scored; None: the keys the gold names
    sources: tuple[Path, ...]  # files or folders that hold the documents
    roots: tuple[Path, ...]  # what `doc` keys are relative to
    published: Mapping[str, str] = field(default_factory=dict)
    # "fit": the regressions learn from it; "calibrate": text no rule was written from,
    # which they learn from too and which, scored out of fold, maps their score onto how
    # often a candidate is right there
    use: str = "fit"

    def keys(self) -> list[str]:
        if self.documents is not None:
            return load_doc_list(self.documents)
        return sorted({g.doc for g in load_gold(self.gold)})


def _corpus_sources(keys: Sequence[str], corpora: Path) -> tuple[Path, ...]:
    sources: list[Path] = []
    if any(k.startswith("reuters-") for k in keys):
        sources.append(corpora / "reuters21578.jsonl")
    if any(k.startswith("guardian-") for k in keys):
        sources.append(corpora / "guardian-syria.jsonl")
    sources += [corpora / k for k in keys if k.startswith("bbc/")]
    return tuple(sources)


def _modern_sources(modern: Path) -> tuple[Path, ...]:
    """Every author's items and articles of the modern gold set (eval/modern/README.md)."""
    items = sorted(modern.glob("*-items.jsonl"))
    return tuple(items + sorted(modern.glob("*-articles.jsonl")))


def training_sets(shared_data: Path, repository: Path) -> list[GoldSet]:
    """Return the gold sets the shipped model is trained and calibrated on.

    Fit: the development set, the seed article, the bundled sample, the training half of
    the second development set (eval/train.jsonl) and the training half of the modern set
    (eval/modern/train.jsonl). Calibrate: the modern set's calibration part
    (eval/modern/calibration.jsonl), text no rule was written from. The lockbox halves
    (eval/lockbox.jsonl, eval/modern/lockbox.jsonl) are never among them.
    """
    corpora = shared_data / "corpora"
    dev_keys = load_doc_list(shared_data / "dev" / "documents.txt")
    eval_keys = load_doc_list(repository / "eval" / "train-documents.txt")
    demo = repository / "src" / "armstrace" / "demo_data"
    seed = shared_data / "seed"
    modern = repository / "eval" / "modern"
    return [
        GoldSet("dev", shared_data / "dev" / "gold.jsonl", shared_data / "dev" / "documents.txt",
                _corpus_sources(dev_keys, corpora), (corpora,)),
        GoldSet("seed", seed / "turkey-serbia-drones.gold.jsonl", None,
                (seed / "turkey-serbia-drones.txt",), (seed,),
                {"turkey-serbia-drones.txt": "2024-10-11"}),
        GoldSet("sample", demo / "gold.jsonl", demo / "documents.txt", (demo / "articles",),
                (demo / "articles",),
                json.loads((demo / "published.json").read_text(encoding="utf-8"))),
        GoldSet("eval-train", repository / "eval" / "train.jsonl",
                repository / "eval" / "train-documents.txt",
                _corpus_sources(eval_keys, corpora), (corpora,)),
        GoldSet("modern-train", modern / "train.jsonl", modern / "train-documents.txt",
                _modern_sources(modern), (modern,)),
        GoldSet("modern-calibration", modern / "calibration.jsonl",
                modern / "calibration-documents.txt", _modern_sources(modern), (modern,),
                use="calibrate"),
    ]


@dataclass(frozen=True)
class Candidate:
    """A candidate record of a gold document, with its features and its label."""

    group: str  # "<set>:<doc>": the unit of cross-validation
    record: Record
    features: Mapping[str, float]
    label: int | None  # 1 right, 0 wrong, None matches only an optional gold record


@dataclass(frozen=True)
class DocumentCandidates:
    group: str
    candidates: list[Candidate]
    missed: int  # required gold records that no candidate matches
    key: str = ""
    gold: tuple[GoldRecord, ...] = ()
    mentions: tuple[Mention, ...] = ()


def read_documents(gold_set: GoldSet) -> Iterator[tuple[str, Document]]:
    """Yield (key, cleaned document) for every document of the set, in key order."""
    wanted = gold_set.keys()
    wanted_set = set(wanted)
    found: dict[str, Document] = {}
    for source in gold_set.sources:
        for item in read_path(source):
            if not isinstance(item, Document):
                continue
            for key in sorted(document_keys(item, list(gold_set.roots)) & wanted_set):
                day = gold_set.published.get(key)
                if item.published is None and day:
                    item = replace(item, published=dt.date.fromisoformat(day))
                cleaned = clean_document(item)
                if isinstance(cleaned, Document):
                    found[key] = cleaned
    missing = [k for k in wanted if k not in found]
    if missing:
        raise InputError(str(gold_set.gold), f"{len(missing)} document(s) not found: {missing[:3]}")
    for key in wanted:
        yield key, found[key]


def label_candidates(
    key: str, gold: Sequence[GoldRecord], records: Sequence[Record]
) -> tuple[list[int | None], int]:
    """Return each record's label and how many required gold records none matched."""
    predicted = [normalise_prediction(key, r) for r in records]
    pairs = match_records(gold, predicted)
    labels: list[int | None] = [0] * len(records)
    for gold_index, predicted_index in pairs:
        labels[predicted_index] = None if gold[gold_index].optional else 1
    matched = {g for g, _ in pairs}
    missed = sum(1 for i, g in enumerate(gold) if not g.optional and i not in matched)
    return labels, missed


def collect(
    extract: Any, gold_sets: Sequence[GoldSet], find_mentions: Any
) -> list[DocumentCandidates]:
    """Run the candidate generator over every gold document and label what it proposes.

    `extract(document) -> list[Record]` is the extractor with the record model off;
    `find_mentions(document) -> list[Mention]` gives the mentions the features read.
    """
    collected: list[DocumentCandidates] = []
    for gold_set in gold_sets:
        gold_by_doc: dict[str, list[GoldRecord]] = {}
        for record in load_gold(gold_set.gold):
            gold_by_doc.setdefault(record.doc, []).append(record)
        for key, document in read_documents(gold_set):
            records = extract(document)
            mentions: list[Mention] = find_mentions(document)
            labels, missed = label_candidates(key, gold_by_doc.get(key, []), records)
            group = f"{gold_set.name}:{key}"
            candidates = [
                Candidate(group, r, record_features(r, mentions, records), label)
                for r, label in zip(records, labels, strict=True)
            ]
            collected.append(
                DocumentCandidates(
                    group, candidates, missed, key, tuple(gold_by_doc.get(key, [])),
                    tuple(mentions),
                )
            )
    return collected


# --- fitting and cross-validation ----------------------------------------------------------------


def _fit(rows: Sequence[Candidate], regularisation: float) -> RecordModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer(sort=True, sparse=False)
    matrix = vectoriser.fit_transform([presence_features(r.features) for r in rows])
    labels = [r.label for r in rows]
    if len(set(labels)) < 2:
        raise InputError("training data", "needs both right and wrong candidates")
    fitted = LogisticRegression(
        C=regularisation, solver="liblinear", max_iter=1000, random_state=0
    )
    fitted.fit(matrix, labels)
    weights = dict(zip(vectoriser.get_feature_names_out(), fitted.coef_[0].tolist(), strict=True))
    return RecordModel(weights, float(fitted.intercept_[0]), 0.5)


def _folds(documents: Sequence[DocumentCandidates], count: int) -> list[int]:
    """Assign each document a fold: by a hash of its key, so a document keeps its fold."""
    return [int(hashlib.sha256(d.group.encode()).hexdigest(), 16) % count for d in documents]


@dataclass(frozen=True)
class OutOfFold:
    probabilities: list[tuple[float, int | None]]  # (probability, label) of every candidate
    missed: int  # required gold records no candidate reached


def out_of_fold_scores(
    documents: Sequence[DocumentCandidates], regularisation: float, folds: int = FOLDS
) -> list[list[tuple[float, int | None]]]:
    """Score each document's candidates (log-odds, label) by a model fit on the other folds."""
    assignment = _folds(documents, folds)
    scored: list[list[tuple[float, int | None]]] = [[] for _ in documents]
    for fold in range(folds):
        train = [
            c for d, f in zip(documents, assignment, strict=True) if f != fold
            for c in d.candidates if c.label is not None
        ]
        model = _fit(train, regularisation)
        for index, (d, f) in enumerate(zip(documents, assignment, strict=True)):
            if f == fold:
                scored[index] = [(model.log_odds(c.features), c.label) for c in d.candidates]
    return scored


def figures_at(out_of_fold: OutOfFold, threshold: float) -> dict[str, Any]:
    """Precision, recall and F1 of keeping the candidates at or over `threshold`."""
    kept = [(p, y) for p, y in out_of_fold.probabilities if p >= threshold and y is not None]
    right = sum(y for _, y in kept)
    gold = sum(1 for _, y in out_of_fold.probabilities if y == 1) + out_of_fold.missed
    precision = right / len(kept) if kept else 0.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"threshold": threshold, "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4), "kept": len(kept), "right": right, "gold": gold}


def log_loss(out_of_fold: OutOfFold) -> float:
    pairs = [(p, y) for p, y in out_of_fold.probabilities if y is not None]
    total = sum(-math.log(max(1e-9, p if y else 1 - p)) for p, y in pairs)
    return total / len(pairs) if pairs else 0.0


def reliability(out_of_fold: OutOfFold) -> tuple[list[dict[str, Any]], float]:
    """Return the reliability table (per probability band) and the expected calibration error."""
    pairs = [(p, y) for p, y in out_of_fold.probabilities if y is not None]
    rows: list[dict[str, Any]] = []
    error = 0.0
    for low, high in zip(RELIABILITY_EDGES, RELIABILITY_EDGES[1:], strict=False):
        band = [(p, y) for p, y in pairs if low <= p < high or (high == 1.0 and p == 1.0)]
        if not band:
            rows.append({"band": f"{low:.1f}-{high:.1f}", "count": 0})
            continue
        mean_p = sum(p for p, _ in band) / len(band)
        right = sum(y for _, y in band) / len(band)
        error += abs(mean_p - right) * len(band) / len(pairs)
        rows.append({"band": f"{low:.1f}-{high:.1f}", "count": len(band),
                     "mean_probability": round(mean_p, 3), "fraction_right": round(right, 3)})
    return rows, round(error, 4)


def best_threshold(out_of_fold: OutOfFold) -> dict[str, Any]:
    """The threshold that keeps a record: half the best F1 the probabilities reach.

    For calibrated probabilities the F1-optimal threshold is half the optimal F1 (Lipton,
    Elkan and Naryanaswamy, "Optimal thresholding of classifiers to maximize F1 measure",
    ECML PKDD 2014). Near its top the F1 curve is flat (0.596-0.600 between 0.25 and 0.40
    in session 11), so the grid's best point is noise and moved between 0.35 and 0.40 from
    one refit to the next, taking borderline records with it; half the best F1 moves
    only as the best F1 does.
    """
    best_f1 = max(figures_at(out_of_fold, step / 100)["f1"] for step in range(5, 96))
    return figures_at(out_of_fold, round(best_f1 / 2, 2))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _set_of(document: DocumentCandidates) -> str:
    return document.group.split(":", 1)[0]


def _log_odds(probability: float) -> float:
    clipped = min(max(probability, 1e-9), 1 - 1e-9)
    return math.log(clipped / (1 - clipped))


def _fit_calibration(pairs: Sequence[tuple[float, int]]) -> tuple[float, float]:
    """Fit p = sigmoid(slope * log_odds + offset) to labelled (log_odds, label) pairs."""
    from sklearn.linear_model import LogisticRegression

    if len({label for _, label in pairs}) < 2:
        return (1.0, 0.0)
    fitted = LogisticRegression(C=10.0, solver="liblinear", max_iter=1000, random_state=0)
    fitted.fit([[score] for score, _ in pairs], [label for _, label in pairs])
    return (float(fitted.coef_[0][0]), float(fitted.intercept_[0]))


def calibrate_scores(
    scores: Sequence[Sequence[tuple[float, int | None]]],
    documents: Sequence[DocumentCandidates],
    folds: int = FOLDS,
) -> tuple[tuple[float, float], OutOfFold]:
    """Return the calibration fit on all of `documents`' candidates, and cross-fitted
    probabilities.

    `scores` are the candidates' log-odds and labels, one list per document, each from a
    model that did not see that document. Each fold's probabilities come from a
    calibration fit on the other folds, so the reliability table they give is measured,
    not assumed.
    """
    labelled = [(z, y) for doc in scores for z, y in doc if y is not None]
    whole = _fit_calibration(labelled)
    assignment = _folds(documents, folds)
    probabilities: list[tuple[float, int | None]] = []
    for fold in range(folds):
        others = [
            (z, y)
            for doc, f in zip(scores, assignment, strict=True)
            if f != fold
            for z, y in doc
            if y is not None
        ]
        slope, offset = _fit_calibration(others)
        probabilities += [
            (sigmoid(slope * z + offset), y)
            for doc, f in zip(scores, assignment, strict=True)
            if f == fold
            for z, y in doc
        ]
    return whole, OutOfFold(probabilities, sum(d.missed for d in documents))


# --- the status model ---------------------------------------------------------------------------


def status_label(key: str, record: Record, gold: Sequence[GoldRecord]) -> str | None:
    """Return the status of the required gold record a candidate matches but for its
    status (its own where several do), or None where it matches none."""
    predicted = normalise_prediction(key, record)
    statuses = [
        g.status
        for g in gold
        if not g.optional and records_match(g, replace(predicted, status=g.status))
    ]
    if not statuses:
        return None
    return predicted.status if predicted.status in statuses else statuses[0]


# Each document's candidates' status labels (status_label), by document group.
StatusLabels = Mapping[str, Sequence[str | None]]


def _status_rows(
    documents: Sequence[DocumentCandidates], labels: StatusLabels
) -> list[tuple[dict[str, float], str]]:
    return [
        (status_features(candidate.features), label)
        for document in documents
        for candidate, label in zip(document.candidates, labels[document.group], strict=True)
        if label is not None
    ]


def _fit_status(rows: Sequence[tuple[dict[str, float], str]]) -> StatusModel | None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    labels = [label for _, label in rows]
    if len(set(labels)) < 2:
        return None
    vectoriser = DictVectorizer(sort=True, sparse=False)
    matrix = vectoriser.fit_transform([features for features, _ in rows])
    fitted = LogisticRegression(C=STATUS_REGULARISATION, solver="lbfgs", max_iter=5000)
    fitted.fit(matrix, labels)
    names = vectoriser.get_feature_names_out()
    classes = [str(c) for c in fitted.classes_]
    if len(classes) == 2:  # one row of weights: the second class against the first
        rows_of_weights = [[0.0] * len(names), fitted.coef_[0].tolist()]
        intercepts = [0.0, float(fitted.intercept_[0])]
    else:
        rows_of_weights = fitted.coef_.tolist()
        intercepts = [float(i) for i in fitted.intercept_]
    return StatusModel(
        classes=tuple(classes),
        weights={
            status: {
                n: w for n, w in zip(names, weights, strict=True) if abs(w) >= STATUS_SMALLEST
            }
            for status, weights in zip(classes, rows_of_weights, strict=True)
        },
        intercepts=dict(zip(classes, intercepts, strict=True)),
        threshold=STATUS_THRESHOLD,
    )


def _read_statuses_of(
    document: DocumentCandidates, status_model: StatusModel | None
) -> DocumentCandidates:
    """Return a document's candidates with the statuses the model reads, labelled again."""
    if status_model is None or not document.candidates:
        return document
    records = read_statuses(
        status_model,
        [c.record for c in document.candidates],
        document.mentions,
        [c.features for c in document.candidates],
    )
    labels, missed = label_candidates(document.key, document.gold, records)
    candidates = [
        Candidate(document.group, r, record_features(r, document.mentions, records), label)
        for r, label in zip(records, labels, strict=True)
    ]
    return replace(document, candidates=candidates, missed=missed)


def _status_figures(
    documents: Sequence[DocumentCandidates],
    models: Sequence[StatusModel | None],
    labels: StatusLabels,
) -> dict[str, int]:
    """Count, over the candidates that match a gold record but for status, how many have
    the right status from the rules and from the status model."""
    figures = {"candidates": 0, "rules_right": 0, "model_right": 0, "changed": 0}
    for document, model in zip(documents, models, strict=True):
        rules = [c.record.status for c in document.candidates]
        reads = rules if model is None else model.statuses_of(
            [c.record for c in document.candidates], [c.features for c in document.candidates]
        )
        for rule, read, label in zip(rules, reads, labels[document.group], strict=True):
            if label is None:
                continue
            figures["candidates"] += 1
            figures["rules_right"] += rule == label
            figures["model_right"] += read == label
            figures["changed"] += read != rule
    return figures


def fit_status_model(
    documents: Sequence[DocumentCandidates], calibrating: set[str], folds: int = FOLDS
) -> tuple[StatusModel | None, dict[str, Any], list[DocumentCandidates]]:
    """Fit the status model on every set's candidates, and read every candidate's status
    with a model that did not see its document.

    Returns the model, its figures (out of fold, on the fit sets and on the calibration
    sets apart) and the documents with their candidates read again: the record model is
    then trained on candidates as the extractor will give them.
    """
    labels = {
        d.group: [status_label(d.key, c.record, d.gold) for c in d.candidates]
        for d in documents
    }
    whole = _fit_status(_status_rows(documents, labels))
    if whole is None:
        return None, {}, list(documents)
    assignment = _folds(documents, folds)
    by_fold = {
        fold: _fit_status(
            _status_rows(
                [d for d, f in zip(documents, assignment, strict=True) if f != fold], labels
            )
        )
        for fold in range(folds)
    }
    models = [by_fold[f] for f in assignment]
    fitting = [_set_of(d) not in calibrating for d in documents]
    report = {
        "regularisation": STATUS_REGULARISATION,
        "threshold": STATUS_THRESHOLD,
        "fit_out_of_fold": _status_figures(
            [d for d, fit in zip(documents, fitting, strict=True) if fit],
            [m for m, fit in zip(models, fitting, strict=True) if fit],
            labels,
        ),
        "calibration_sets": _status_figures(
            [d for d, fit in zip(documents, fitting, strict=True) if not fit],
            [m for m, fit in zip(models, fitting, strict=True) if not fit],
            labels,
        ),
    }
    read = [_read_statuses_of(d, m) for d, m in zip(documents, models, strict=True)]
    return whole, report, read


# One kind of proposal: a document's candidates proposed again (proposals.py).
Proposer = Callable[["DocumentCandidates"], list[Proposal]]


def second_status_proposals_of(document: DocumentCandidates) -> list[Proposal]:
    return second_status_proposals(
        [c.record for c in document.candidates], [c.features for c in document.candidates]
    )


def second_weapon_proposals_of(document: DocumentCandidates) -> list[Proposal]:
    return second_weapon_proposals(
        [c.record for c in document.candidates],
        [c.features for c in document.candidates],
        document.mentions,
    )


def proposal_rows(
    document: DocumentCandidates, propose: Proposer
) -> list[tuple[dict[str, float], int]]:
    """Return a document's proposals of one kind, each labelled 1 where it is a required
    gold record no candidate matches already; those that match only an optional one are
    left out."""
    predicted = [normalise_prediction(document.key, c.record) for c in document.candidates]
    matched = {g for g, _ in match_records(list(document.gold), predicted)}
    free = [g for i, g in enumerate(document.gold) if i not in matched and not g.optional]
    optional = [g for g in document.gold if g.optional]
    rows: list[tuple[dict[str, float], int]] = []
    for proposed, described in propose(document):
        record = normalise_prediction(document.key, proposed)
        if any(records_match(g, record) for g in free):
            rows.append((described, 1))
        elif not any(records_match(g, record) for g in optional):
            rows.append((described, 0))
    return rows


def _fit_proposals(rows: Sequence[tuple[dict[str, float], int]]) -> ProposalModel | None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    labels = [label for _, label in rows]
    if len(set(labels)) < 2:
        return None
    vectoriser = DictVectorizer(sort=True)
    matrix = vectoriser.fit_transform([features for features, _ in rows])
    fitted = LogisticRegression(C=PROPOSAL_REGULARISATION, solver="lbfgs", max_iter=5000)
    fitted.fit(matrix, labels)
    names = vectoriser.get_feature_names_out()
    return ProposalModel(
        weights={
            n: float(w)
            for n, w in zip(names, fitted.coef_[0], strict=True)
            if abs(w) >= PROPOSAL_SMALLEST
        },
        intercept=float(fitted.intercept_[0]),
        threshold=max(PROPOSAL_THRESHOLDS),  # chosen later (proposal_threshold)
    )


def fit_proposal_model(
    documents: Sequence[DocumentCandidates],
    calibrating: set[str],
    propose: Proposer,
    folds: int = FOLDS,
) -> tuple[ProposalModel | None, dict[str, list[tuple[float, int]]]]:
    """Fit a proposal model on every set's candidates (their statuses as the status model
    reads them), and score each document's proposals with a model that did not see it;
    calibrate the model on those scores where they are unseen text (the calibration sets,
    else the fit sets). Returns the model and the calibrated (probability, label) pairs by
    part, the fit sets and the calibration sets apart."""
    rows = [proposal_rows(d, propose) for d in documents]
    whole = _fit_proposals([row for document in rows for row in document])
    scored: dict[str, list[tuple[float, int]]] = {"fit_out_of_fold": [], "calibration_sets": []}
    if whole is None:
        return None, scored
    assignment = _folds(documents, folds)
    for fold in range(folds):
        model = _fit_proposals(
            [row for document, f in zip(rows, assignment, strict=True) if f != fold
             for row in document]
        )
        for document, f, mine in zip(documents, assignment, rows, strict=True):
            if f != fold:
                continue
            part = "calibration_sets" if _set_of(document) in calibrating else "fit_out_of_fold"
            scored[part] += [
                (-30.0 if model is None else model.log_odds(features), label)
                for features, label in mine
            ]
    # the log-odds of proposals scored unseen mapped onto how often they are right there
    slope, offset = _fit_calibration(_unseen(scored))
    calibrated = {
        part: [(sigmoid(slope * z + offset), y) for z, y in pairs]
        for part, pairs in scored.items()
    }
    return replace(whole, calibration=(slope, offset)), calibrated


def _unseen(scored: Mapping[str, list[tuple[float, int]]]) -> list[tuple[float, int]]:
    return scored.get("calibration_sets") or scored["fit_out_of_fold"]


def proposal_threshold(
    scored: Mapping[str, list[tuple[float, int]]], kept: Mapping[str, Any]
) -> tuple[float, dict[str, Any]]:
    """Choose the probability at which a proposal model adds a record: the highest of
    those that give the best F1 on the calibration sets (to within PROPOSAL_TIE) together
    with the records kept there already (`kept`: the record model's cross-fitted figures,
    with what an earlier proposal model adds). A record added raises F1 where it is right
    more often than half the F1, so the cut is that of the whole, not of the additions
    alone. Returns the threshold and the figures by part."""
    unseen = _unseen(scored)

    def f1_with(threshold: float) -> float:
        added = [y for p, y in unseen if p >= threshold]
        return 2 * (kept["right"] + sum(added)) / (kept["kept"] + len(added) + kept["gold"])

    # cuts within PROPOSAL_TIE of the best F1 are not told apart by a few thousand
    # candidates: the highest of them adds the fewest records
    best = max(f1_with(t) for t in PROPOSAL_THRESHOLDS)
    threshold = max(t for t in PROPOSAL_THRESHOLDS if f1_with(t) >= best - PROPOSAL_TIE)
    report: dict[str, Any] = {
        "regularisation": PROPOSAL_REGULARISATION,
        "threshold": threshold,
        "f1_with_the_kept_records": {str(t): round(f1_with(t), 4) for t in PROPOSAL_THRESHOLDS},
    }
    for part, pairs in scored.items():
        added = [y for p, y in pairs if p >= threshold]
        report[part] = {
            "proposed": len(pairs), "right_proposed": sum(y for _, y in pairs),
            "added": len(added), "right_added": sum(added),
        }
    return threshold, report


def _with_added(
    kept: Mapping[str, Any], scored: Mapping[str, list[tuple[float, int]]], threshold: float
) -> dict[str, Any]:
    """`kept` with the records a proposal model adds at `threshold` where it is judged."""
    added = [y for p, y in _unseen(scored) if p >= threshold]
    return {**kept, "kept": kept["kept"] + len(added), "right": kept["right"] + sum(added)}


# The proposal models, in the order their cuts are chosen: each with the records the
# record model and the ones before it keep.
_PROPOSERS: tuple[tuple[str, Proposer], ...] = (
    ("second_status_model", second_status_proposals_of),
    ("second_weapon_model", second_weapon_proposals_of),
)


def train(
    documents: Sequence[DocumentCandidates], gold_sets: Sequence[GoldSet], folds: int = FOLDS
) -> tuple[RecordModel, dict[str, Any]]:
    """Fit on every set; map the model's score onto how often a candidate is right on the
    "calibrate" sets, scored out of fold; choose the regularisation and the threshold on
    out-of-fold figures only.

    The "fit" sets are the text the rules were written from: their candidates are right
    more often than candidates on news no rule has seen, so a regression fit on them alone
    learns which candidates are better than others but not how often they are right. The
    "calibrate" sets are such news; fitting on them too teaches the weights what unseen
    news looks like (session 18: AUC 0.77 -> 0.80 on them, out of fold), and their
    candidates scored by models that did not see their documents (cross-fitting) give the
    calibration, the reliability table and, with the fit sets' out-of-fold scores, the
    threshold.
    """
    calibrating = {g.name for g in gold_sets if g.use == "calibrate"}
    status_model, status_report, documents = fit_status_model(documents, calibrating, folds)
    proposed = {
        name: fit_proposal_model(documents, calibrating, propose, folds)
        for name, propose in _PROPOSERS
    }
    fitting = [_set_of(d) not in calibrating for d in documents]
    fit_documents = [d for d, fit in zip(documents, fitting, strict=True) if fit]
    unseen = [d for d, fit in zip(documents, fitting, strict=True) if not fit]
    scores = {c: out_of_fold_scores(documents, c, folds) for c in REGULARISATION}

    def fit_scores(c: float) -> OutOfFold:
        return OutOfFold(
            [
                (sigmoid(z), y)
                for document, fit in zip(scores[c], fitting, strict=True) if fit
                for z, y in document
            ],
            sum(d.missed for d in fit_documents),
        )

    def unseen_scores(c: float) -> list[list[tuple[float, int | None]]]:
        return [list(doc) for doc, fit in zip(scores[c], fitting, strict=True) if not fit]

    # the regularisation whose out-of-fold probabilities are likeliest where they are
    # judged: on the calibration sets once calibrated (cross-fitted), else on the fit sets
    calibrated = {
        c: calibrate_scores(unseen_scores(c), unseen, folds) if unseen
        else ((1.0, 0.0), fit_scores(c))
        for c in REGULARISATION
    }
    trials = {c: judged for c, (_, judged) in calibrated.items()}
    chosen = min(REGULARISATION, key=lambda c: (round(log_loss(trials[c]), 6), c))
    out_of_fold = fit_scores(chosen)
    rows = [c for d in documents for c in d.candidates if c.label is not None]
    model = _fit(rows, chosen)
    calibration, judged = calibrated[chosen]
    # The threshold is chosen on every candidate scored by a model that did not see it:
    # the calibration sets' cross-fitted probabilities and the fit sets' out-of-fold ones,
    # put on the calibrated scale. Either alone is a few hundred candidates of one kind
    # of text; a cut that suits one and costs the other is not a general one.
    every = judged if not unseen else OutOfFold(
        judged.probabilities + [
            (sigmoid(calibration[0] * _log_odds(p) + calibration[1]), y)
            for p, y in out_of_fold.probabilities
        ],
        judged.missed + out_of_fold.missed,
    )
    at_threshold = best_threshold(every)
    table, calibration_error = reliability(judged)
    proposal_models: dict[str, ProposalModel | None] = {}
    proposal_reports: dict[str, dict[str, Any]] = {}
    kept = figures_at(judged, at_threshold["threshold"])
    for name, (proposal_model, scored) in proposed.items():
        proposal_reports[name] = {}
        proposal_models[name] = None
        if proposal_model is not None:
            cut, proposal_reports[name] = proposal_threshold(scored, kept)
            proposal_models[name] = replace(proposal_model, threshold=cut)
            kept = _with_added(kept, scored, cut)
    import sklearn

    per_set = []
    for gold_set in gold_sets:
        mine = [d for d in documents if _set_of(d) == gold_set.name]
        per_set.append({
            "name": gold_set.name,
            "use": gold_set.use,
            "gold": gold_set.gold.name,
            "gold_sha256": _sha256(gold_set.gold),
            "documents": len(mine),
            "candidates": sum(len(d.candidates) for d in mine),
            "right": sum(1 for d in mine for c in d.candidates if c.label == 1),
            "wrong": sum(1 for d in mine for c in d.candidates if c.label == 0),
            "missed": sum(d.missed for d in mine),
        })
    report = {
        "trained_on": per_set,
        "regularisation": chosen,
        "log_loss_by_regularisation": {str(c): round(log_loss(t), 4) for c, t in trials.items()},
        "cross_validation": {
            "folds": folds, "grouped_by": "document", **best_threshold(out_of_fold)
        },
        "candidates_all_kept": figures_at(out_of_fold, 0.0),
        "calibration": {
            "sets": sorted(calibrating),
            "slope": round(calibration[0], 4),
            "offset": round(calibration[1], 4),
            "cross_fitted": figures_at(judged, at_threshold["threshold"]),
            "threshold_chosen_on_all_unseen_candidates": at_threshold,
            "candidates_all_kept": figures_at(judged, 0.0),
        },
        "reliability": table,
        "expected_calibration_error": calibration_error,
        "scikit_learn": sklearn.__version__,
        "features": len(model.weights),
        "status_model": status_report,
        **proposal_reports,
    }
    final = RecordModel(
        {k: v for k, v in model.weights.items() if abs(v) >= 1e-4},
        model.intercept,
        float(at_threshold["threshold"]),
        report,
        calibration,
        status_model,
        proposal_models["second_status_model"],
        proposal_models["second_weapon_model"],
    )
    return final, report


# The parts a model's figures are told apart by in the report, and their labels.
_REPORT_PARTS = (
    ("fit_out_of_fold", "fit sets, out of fold"),
    ("calibration_sets", "calibration, out of fold"),
)


def format_training_report(report: Mapping[str, Any]) -> str:
    lines = ["trained on"]
    lines.append(
        f"  {'set':<20}{'use':>10}{'docs':>6}{'cands':>7}{'right':>7}{'wrong':>7}{'missed':>8}"
    )
    for row in report["trained_on"]:
        lines.append(
            f"  {row['name']:<20}{row.get('use', 'fit'):>10}{row['documents']:>6}"
            f"{row['candidates']:>7}{row['right']:>7}{row['wrong']:>7}{row['missed']:>8}"
        )
    cv = report["cross_validation"]
    everything = report["candidates_all_kept"]
    lines.append(
        f"regularisation C={report['regularisation']} (lowest out-of-fold log loss"
        + (", calibrated, on the calibration sets: "
           if report.get("calibration", {}).get("sets") else ": ")
        + ", ".join(f"{c}: {v}" for c, v in report["log_loss_by_regularisation"].items()) + ")"
    )
    lines.append(
        f"{cv['folds']}-fold cross-validation grouped by document, "
        f"threshold {cv['threshold']:.2f}: "
        f"precision {cv['precision']:.3f}  recall {cv['recall']:.3f}  F1 {cv['f1']:.3f}  "
        f"(kept {cv['kept']}, right {cv['right']}, gold {cv['gold']})"
    )
    lines.append(
        f"every candidate kept (the rules alone):    precision {everything['precision']:.3f}  "
        f"recall {everything['recall']:.3f}  F1 {everything['f1']:.3f}"
    )
    calibration = report.get("calibration", {})
    if calibration.get("sets"):
        fitted = calibration["cross_fitted"]
        pooled = calibration["threshold_chosen_on_all_unseen_candidates"]
        lines.append(
            f"calibrated on {', '.join(calibration['sets'])} (text no rule was written from, "
            f"scored out of fold): "
            f"log-odds x {calibration['slope']} + {calibration['offset']}"
        )
        lines.append(
            f"  there, cross-fitted, threshold {fitted['threshold']:.2f}: "
            f"precision {fitted['precision']:.3f}  recall {fitted['recall']:.3f}  "
            f"F1 {fitted['f1']:.3f}  (kept {fitted['kept']}, right {fitted['right']}, "
            f"gold {fitted['gold']})"
        )
        lines.append(
            f"  threshold chosen on every candidate scored unseen (calibration sets cross-"
            f"fitted, fit sets out of fold): {pooled['threshold']:.2f}, F1 {pooled['f1']:.3f} "
            f"there"
        )
        lines.append("reliability (cross-fitted, on the calibration sets)")
    else:
        lines.append("reliability (out of fold)")
    lines.append(f"  {'band':<10}{'count':>7}{'mean p':>9}{'right':>8}")
    for row in report["reliability"]:
        if row["count"]:
            lines.append(
                f"  {row['band']:<10}{row['count']:>7}{row['mean_probability']:>9.3f}"
                f"{row['fraction_right']:>8.3f}"
            )
        else:
            lines.append(f"  {row['band']:<10}{0:>7}")
    lines.append(f"expected calibration error {report['expected_calibration_error']:.4f}")
    status = report.get("status_model") or {}
    if status:
        lines.append(
            f"status model (C={status['regularisation']}, changes a status at p >= "
            f"{status['threshold']}): of the candidates matching a gold record but for status,"
        )
        for name, label in _REPORT_PARTS:
            figures = status[name]
            lines.append(
                f"  {label:<22} {figures['candidates']:>4}: rules right {figures['rules_right']}, "
                f"with the model {figures['model_right']} ({figures['changed']} changed)"
            )
    for name, title, proposing in (
        ("second_status_model", "second-status", "at a second status"),
        ("second_weapon_model", "second-weapon", "for another weapon of their sentence"),
    ):
        proposals = report.get(name) or {}
        if not proposals:
            continue
        lines.append(
            f"{title} model (C={proposals['regularisation']}, "
            f"adds a record at p >= {proposals['threshold']}, the highest F1 on the calibration "
            f"sets with the records kept there): of the candidates proposed {proposing},"
        )
        for part, label in _REPORT_PARTS:
            figures = proposals[part]
            lines.append(
                f"  {label:<26} {figures['proposed']:>6} proposed ({figures['right_proposed']}"
                f" right): added {figures['added']}, right {figures['right_added']}"
            )
    return "\n".join(lines)
