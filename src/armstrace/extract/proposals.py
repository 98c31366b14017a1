"""Records the rules did not write, proposed from the candidates they did, each kind kept
by a logistic regression learnt from gold (`armstrace train`, training.py).

The rules read one status and one weapon per record. Careful readers also write the same
goods at a second stage the sentence states (second_status.py) and the same deal for
another system the sentence names (second_weapon.py). Each kind of proposal is a copy of
a candidate with one field changed; its own model gives the probability that the copy is
a record of its own, and a copy at or over the model's threshold is added with that
probability as its confidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from armstrace.extract.regression import CalibratedRegression
from armstrace.model import Record

# A proposal and what its model reads of it.
Proposal = tuple[Record, dict[str, float]]


@dataclass(frozen=True)
class ProposalModel(CalibratedRegression):
    """A logistic regression over the features of one kind of proposal.

    `calibration` (slope, offset) maps its log-odds onto how often a proposal is right on
    text no rule was written from, as the record model's does (training.py): fit on a
    few hundred right proposals among thousands, the regression is surer of them than
    they are right, and a confidence should say the latter.
    """

    weights: Mapping[str, float]
    intercept: float
    threshold: float
    calibration: tuple[float, float] = (1.0, 0.0)

    def to_json(self) -> dict[str, Any]:
        return self.regression_json()


def proposal_model_from(data: Mapping[str, Any] | None) -> ProposalModel | None:
    if not data:
        return None
    calibration = data.get("calibration", {})
    return ProposalModel(
        weights={str(k): float(v) for k, v in data["weights"].items()},
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
        calibration=(float(calibration.get("slope", 1.0)), float(calibration.get("offset", 0.0))),
    )


def base_features(features: Mapping[str, float], changed: tuple[str, ...]) -> dict[str, float]:
    """Return what a proposal model reads of the candidate a proposal copies: its features
    prefixed "base:", without those that describe the field the proposal changes (the
    feature names starting with one of `changed`)."""
    return {
        f"base:{name}": value for name, value in features.items() if not name.startswith(changed)
    }


def record_key(record: Record) -> tuple[Any, ...]:
    """What makes two candidates of a document the same record: kind, parties, weapon,
    status and sentence."""
    return (
        record.kind, record.supplier, record.recipient, record.supplier_name,
        record.recipient_name, record.partners, record.weapon, record.status,
        record.evidence.start,
    )


def kept_proposals(model: ProposalModel, proposals: Iterable[Proposal]) -> list[Record]:
    """Return the proposals the model keeps, its probability each one's confidence."""
    kept: list[Record] = []
    for proposed, described in proposals:
        probability = model.probability(described)
        if probability >= model.threshold:
            kept.append(replace(proposed, confidence=round(probability, 3)))
    return kept
