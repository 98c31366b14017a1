"""What the record model and the proposal models are: a logistic regression over named
features, applied with no machine-learning library (a dot product and a sigmoid), its
log-odds mapped by a calibration (slope, offset) onto how often what it scores is right on
text no rule was written from (training.py)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any


def sigmoid(score: float) -> float:
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    odds = math.exp(score)
    return odds / (1.0 + odds)


def bucket(value: int, edges: Sequence[int]) -> str:
    """A count as a feature's value: "<edge" for the first edge it is under, else ">=last"."""
    for edge in edges:
        if value < edge:
            return f"<{edge}"
    return f">={edges[-1]}"


class CalibratedRegression:
    """The scoring of a calibrated logistic regression, for the frozen dataclasses that
    hold one (scoring.RecordModel, proposals.ProposalModel): these attributes are their
    fields."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float
    calibration: tuple[float, float]

    def log_odds(self, features: Mapping[str, float]) -> float:
        """The regression's own score, before calibration."""
        return self.intercept + sum(
            value * self.weights.get(name, 0.0) for name, value in features.items()
        )

    def probability(self, features: Mapping[str, float]) -> float:
        slope, offset = self.calibration
        return sigmoid(slope * self.log_odds(features) + offset)

    def regression_json(self) -> dict[str, Any]:
        """The regression as the model file holds it."""
        return {
            "intercept": round(self.intercept, 6),
            "threshold": round(self.threshold, 4),
            "calibration": {
                "slope": round(self.calibration[0], 6),
                "offset": round(self.calibration[1], 6),
            },
            "weights": {name: round(w, 6) for name, w in sorted(self.weights.items()) if w},
        }
