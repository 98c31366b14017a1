"""A second stage one sentence states of the same goods: "the first of 24 jets ordered in
2021 arrived on Monday" tells an order and a delivery.

The rules read one status per fact, and the status model (scoring.StatusModel) may read
it again, but one per fact still. Careful readers write a record for each stage a
sentence states (spec section 2), and about one required record in eleven shares its
sentence, parties and weapon with another of a different status, an order and a
delivery most often. This model proposes, for every transfer candidate, the same record
at a second status, and keeps it where a logistic regression learnt from gold
(`armstrace train`, training.py) says it is likelier than the threshold to be a record
of its own. It reads the candidate's own features (without its status and its words) and
the sentence's common words crossed with the status proposed, so that "contract" can
speak for an order and "arrived" for a delivery.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from armstrace.extract.proposals import Proposal, base_features, record_key
from armstrace.model import Record

# The second statuses proposed for each status read: the pairs careful readers write
# most often in one sentence (an order and its delivery, a plan and its cancellation).
SECOND_STATUSES: Mapping[str, tuple[str, ...]] = {
    "ordered": ("delivered", "planned"),
    "delivered": ("ordered", "cancelled", "planned"),
    "planned": ("ordered", "cancelled", "delivered"),
    "cancelled": ("planned", "delivered"),
}
# Features of a candidate the second-status model does not read as they are: its own
# status (the proposal is another) and its words (read crossed with the status proposed).
_OWN_STATUS_FEATURES = ("status:", "kind_status:", "w:")


def second_status_features(
    features: Mapping[str, float], status: str, second: str
) -> dict[str, float]:
    """Return what the model reads of a candidate at `status` proposed again at `second`."""
    described = base_features(features, _OWN_STATUS_FEATURES)
    described[f"second:{status}>{second}"] = 1.0
    for name in features:
        if name.startswith("w:"):
            described[f"{second}:{name}"] = 1.0  # "contract" for an order, "arrived" ...
    return described


def second_status_proposals(
    records: Sequence[Record], features: Sequence[Mapping[str, float]]
) -> list[Proposal]:
    """Return each transfer candidate at each second status no candidate of the document
    has already, with what the model reads of it."""
    known = {record_key(record) for record in records}
    proposals: list[Proposal] = []
    for record, described in zip(records, features, strict=True):
        if record.kind != "transfer":
            continue
        for second in SECOND_STATUSES.get(record.status, ()):
            proposed = replace(
                record, status=second, extra={**record.extra, "second_status_of": record.status}
            )
            key = record_key(proposed)
            if key in known:
                continue
            known.add(key)
            proposals.append(
                (proposed, second_status_features(described, record.status, second))
            )
    return proposals
