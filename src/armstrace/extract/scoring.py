"""Decide which candidate records to keep, and how sure to be: a model learnt from gold.

The parse-based reading (rules.py, status.py, discourse.py) proposes candidate records;
this module describes each candidate by features of the record and of the words around
it, and a logistic regression trained on the gold sets (`armstrace train`, see
training.py and docs/extraction.md) gives the probability that the candidate is a record
a careful reader would write. That probability is the record's `confidence`; candidates
under the model's threshold are dropped.

The features are kinds of evidence, not sentences: the record's own shape (status, kind,
deal, category, a catalogue system or a generic noun, which parties are states, named
groups or missing), whether its parties and weapon are named in the evidence sentence or
were inferred from the article, the rules' own estimate, classes of context words that
mark a mention as no transfer (combat, embargo, denial, capture, tests and exercises,
civil aviation, a state's own forces), hedges and reports, and the common (lower-case)
words of the sentence. Proper names and numbers are never features, so the model cannot
learn that "Iran" or "1987" makes a record right.

The model file is JSON (weights by feature name, intercept, threshold and the training
manifest), small enough to read and to diff; applying it needs no machine-learning
library.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from armstrace.errors import ConfigError
from armstrace.extract.mention import Mention
from armstrace.extract.proposals import (
    ProposalModel,
    kept_proposals,
    proposal_model_from,
    record_key,
)
from armstrace.extract.regression import CalibratedRegression, bucket
from armstrace.extract.second_status import second_status_proposals
from armstrace.extract.second_weapon import second_weapon_proposals
from armstrace.model import Record

MODEL_PATH = Path(__file__).parent / "data" / "record_model.json"

# Classes of context words, each one feature (`cue:<class>`): what the words say about
# the weapon mention, whatever the sentence. Matched as whole lower-case words or stems.
CUE_CLASSES: dict[str, tuple[str, ...]] = {
    # weapons used, not moved: "fired", "struck", "shot down"
    "combat": (
        "fire", "fired", "firing", "strike", "strikes", "struck", "attack", "attacked",
        "attacks", "shell", "shelled", "shelling", "bomb", "bombed", "bombing", "shot",
        "shoot", "killed", "kill", "wounded", "launched", "intercepted", "downed", "raid",
        "raids", "hit", "destroyed", "clashes", "offensive", "airstrike", "airstrikes",
        "battle", "fighting", "targeted",
    ),
    # a ban or a blockade of arms is policy, not a shipment
    "embargo": (
        "embargo", "embargoes", "sanction", "sanctions", "ban", "banned", "boycott",
        "blockade", "prohibit", "prohibited", "prohibition", "restrictions", "moratorium",
    ),
    "denial": ("deny", "denied", "denies", "denial", "false", "rejected", "dismissed", "refuted"),
    "capture": ("captured", "seized", "seize", "seizure", "looted", "confiscated", "smuggled"),
    "surrender": ("surrender", "surrendered", "disarm", "disarmament", "amnesty", "decommission"),
    "test": (
        "test", "tested", "tests", "testing", "exercise", "exercises", "drill", "drills",
        "parade", "demonstration", "displayed", "unveiled", "prototype", "trials",
    ),
    "civil": (
        "airline", "airlines", "airliner", "airliners", "passenger", "commercial", "civil",
        "civilian", "cargo", "freight", "carrier", "leasing",
    ),
    "own_forces": ("own", "domestic", "indigenous", "homegrown", "home-grown"),
    "hedge": ("may", "might", "could", "would", "possible", "possibly", "likely", "potential"),
    "report": (
        "reported", "reportedly", "report", "reports", "alleged", "allegedly", "claimed",
        "according",
    ),
    "negation": ("not", "never", "no", "without", "neither", "nor"),
    "speech": ("said", "says", "told", "stated", "announced", "added"),
    "future": ("will", "plans", "planned", "intends", "expected", "shall"),
    "money": ("aid", "funding", "fund", "funds", "loan", "credit", "budget", "spending"),
    "transfer_verb": (
        "sold", "sell", "sells", "sale", "sales", "bought", "buy", "buys", "purchase",
        "purchased", "ordered", "order", "delivered", "delivery", "deliveries", "supplied",
        "supply", "supplies", "shipped", "shipment", "exported", "export", "exports",
        "donated", "donate", "gave", "sent", "send", "provided", "provide", "transferred",
        "received", "acquired", "acquire", "contract", "deal",
    ),
}
_CUE_OF_WORD = {word: name for name, words in CUE_CLASSES.items() for word in words}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


# Features of the document rather than of the candidate's own words: the status model
# (StatusModel) leaves them out, since they say how busy an article is, not what stage
# one fact has reached.
_DOCUMENT_FEATURES = ("same_parties:",)
# Features only the status model reads: how long before its article a fact is dated tells
# its stage (a purchase that is the day's news is an order, one told as background long
# delivered), not whether the fact is there; so does the trigger's form ("is buying",
# "bought").
STATUS_ONLY_FEATURES = ("age:", "form:")


@dataclass(frozen=True)
class StatusModel:
    """A multinomial logistic regression that reads a candidate's status again.

    The rules set a status from the trigger and the words that govern it (status.py).
    On news they were not written from, about one candidate in six that names the right
    parties and weapon has the wrong stage ("planned" for an order, "delivered" for a
    pledge). This model, fit on the labelled gold (training.py), gives the probability of
    each status from the same features the record model reads (the rules' own status
    among them); where its most likely status differs from the rules' and reaches
    `threshold`, the candidate takes it.
    """

    classes: tuple[str, ...]
    weights: Mapping[str, Mapping[str, float]]  # status -> feature -> weight
    intercepts: Mapping[str, float]
    threshold: float

    def probabilities(self, features: Mapping[str, float]) -> dict[str, float]:
        scores = {
            status: self.intercepts.get(status, 0.0)
            + sum(
                value * self.weights.get(status, {}).get(name, 0.0)
                for name, value in features.items()
            )
            for status in self.classes
        }
        top = max(scores.values())
        exponentials = {status: math.exp(score - top) for status, score in scores.items()}
        total = sum(exponentials.values())
        return {status: value / total for status, value in exponentials.items()}

    def status_of(self, features: Mapping[str, float], current: str) -> str:
        """Return the status the model reads, or `current` where it is not sure enough."""
        return self._decide(self.probabilities(status_features(features)), current)

    def statuses_of(
        self, records: Sequence[Record], features: Sequence[Mapping[str, float]]
    ) -> list[str]:
        """Return the status the model reads for each candidate, one per fact.

        The candidates one fact gives ("is buying Turkish drones and armoured vehicles":
        one per weapon) share its stage; the model reads it from their probabilities
        averaged, so the weapon's own words never split one purchase into two stages.
        """
        groups: dict[tuple[Any, ...], list[int]] = {}
        for index, record in enumerate(records):
            groups.setdefault(_fact_of(record), []).append(index)
        statuses = [record.status for record in records]
        for members in groups.values():
            each = [self.probabilities(status_features(features[i])) for i in members]
            mean = {s: sum(p[s] for p in each) / len(each) for s in self.classes}
            status = self._decide(mean, records[members[0]].status)
            for i in members:
                statuses[i] = status
        return statuses

    def _decide(self, probabilities: Mapping[str, float], current: str) -> str:
        best = max(self.classes, key=lambda status: (probabilities[status], status == current))
        return best if probabilities[best] >= self.threshold else current

    def to_json(self) -> dict[str, Any]:
        return {
            "classes": list(self.classes),
            "threshold": self.threshold,
            "intercepts": {k: round(v, 6) for k, v in self.intercepts.items()},
            "weights": {
                status: {name: round(w, 4) for name, w in sorted(weights.items()) if w}
                for status, weights in self.weights.items()
            },
        }


# News puts its facts first: a candidate in an article's opening characters is its news,
# one deep in a long article more often background or a passing mention.
LEAD_CHARACTERS = 400


def _position(record: Record) -> str:
    """Return where in its article a candidate's sentence stands: the lead, the first
    third of the rest, or later."""
    length = len(record.document.text) if record.document is not None else 0
    start = record.evidence.start
    if start < LEAD_CHARACTERS or length <= LEAD_CHARACTERS:
        return "lead"
    return "early" if start < length / 3 else "late"


def _states_joined(record: Record) -> frozenset[str]:
    named = [record.supplier or record.supplier_name, record.recipient or record.recipient_name]
    return frozenset(p for p in [*named, *record.partners] if p)


def status_features(features: Mapping[str, float]) -> dict[str, float]:
    """Return the features the status model reads: a candidate's own, not its document's."""
    return {k: v for k, v in features.items() if not k.startswith(_DOCUMENT_FEATURES)}


def presence_features(features: Mapping[str, float]) -> dict[str, float]:
    """Return the features the record model reads: all but the status model's own."""
    return {k: v for k, v in features.items() if not k.startswith(STATUS_ONLY_FEATURES)}


def _age(record: Record) -> str:
    """Return how long before its article's publication the record is dated: "recent"
    (the month before or less), "year" (a year or less), "old", "future" or "unknown"."""
    published = record.document.published if record.document is not None else None
    if record.date is None or published is None:
        return "unknown"
    if record.date.month is None:
        years = published.year - record.date.year
        return "future" if years < 0 else "year" if years == 0 else "old"
    months = (published.year - record.date.year) * 12 + published.month - record.date.month
    if months < 0:
        return "future"
    return "recent" if months <= 1 else "year" if months <= 12 else "old"


def _status_model_from(data: Mapping[str, Any] | None) -> StatusModel | None:
    if not data:
        return None
    return StatusModel(
        classes=tuple(str(c) for c in data["classes"]),
        weights={
            str(status): {str(k): float(v) for k, v in weights.items()}
            for status, weights in data["weights"].items()
        },
        intercepts={str(k): float(v) for k, v in data["intercepts"].items()},
        threshold=float(data["threshold"]),
    )


@dataclass(frozen=True)
class RecordModel(CalibratedRegression):
    """A logistic regression over named features, with the threshold that keeps a record.

    `calibration` (slope, offset) maps the regression's log-odds onto how often a
    candidate is right on text no rule was written from (training.py): the regression
    learns which candidates are better than others from every gold set, but on the
    documents the rules were written on its candidates are right far more often than on
    tomorrow's news, and a probability should say the latter.
    """

    weights: Mapping[str, float]
    intercept: float
    threshold: float
    manifest: Mapping[str, Any] = field(default_factory=dict)
    calibration: tuple[float, float] = (1.0, 0.0)
    status_model: StatusModel | None = None
    second_status_model: ProposalModel | None = None
    second_weapon_model: ProposalModel | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            **self.regression_json(),
            **({"status_model": self.status_model.to_json()} if self.status_model else {}),
            **(
                {"second_status_model": self.second_status_model.to_json()}
                if self.second_status_model else {}
            ),
            **(
                {"second_weapon_model": self.second_weapon_model.to_json()}
                if self.second_weapon_model else {}
            ),
            "manifest": dict(self.manifest),
        }


def load_record_model(path: Path = MODEL_PATH) -> RecordModel | None:
    """Load the trained model; None where no model has been trained yet."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return RecordModel(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            manifest=data.get("manifest", {}),
            calibration=(
                float(data.get("calibration", {}).get("slope", 1.0)),
                float(data.get("calibration", {}).get("offset", 0.0)),
            ),
            status_model=_status_model_from(data.get("status_model")),
            second_status_model=proposal_model_from(data.get("second_status_model")),
            second_weapon_model=proposal_model_from(data.get("second_weapon_model")),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigError(
            f"{path}: not a record model ({error}); rebuild it with `armstrace train`"
        ) from error


def _named_in(mentions: Sequence[Mention], start: int, end: int, code: str | None) -> bool:
    return code is not None and any(
        m.is_party and m.state == code and start <= m.start and m.end <= end for m in mentions
    )


def _weapon_named_in(mentions: Sequence[Mention], record: Record, start: int, end: int) -> bool:
    for m in mentions:
        if not (m.is_weapon and start <= m.start and m.end <= end):
            continue
        if m.weapon is not None and record.weapon_family is not None:
            if m.weapon.family == record.weapon_family or m.weapon.designation == record.weapon:
                return True
        elif m.weapon is None and m.category == record.category:
            return True
    return False


def record_features(
    record: Record, mentions: Sequence[Mention], siblings: Sequence[Record]
) -> dict[str, float]:
    """Return the features of one candidate record (`siblings`: the document's candidates)."""
    features: dict[str, float] = {}

    def add(name: str, value: float = 1.0) -> None:
        features[name] = value

    rule_confidence = float(record.extra.get("rule_confidence", record.confidence))
    add("rule_confidence", rule_confidence)
    add(f"rule_band:{min(9, int(rule_confidence * 10))}")
    add(f"status:{record.status}")
    add(f"kind:{record.kind}")
    add(f"kind_status:{record.kind}:{record.status}")
    add(f"deal:{record.deal}")
    add(f"category:{record.category}")
    add("weapon:catalogue" if record.weapon_family else "weapon:generic")
    if record.weapon in ("arms", "weapons", "military equipment", "military hardware"):
        add("weapon:plain_arms")
    if record.kind == "transfer":
        for side, code, name in (
            ("supplier", record.supplier, record.supplier_name),
            ("recipient", record.recipient, record.recipient_name),
        ):
            add(f"{side}:{'state' if code else 'named' if name else 'none'}")
        if record.supplier and record.recipient:
            # who arms whom: some pairs are old trading partners, some are at war
            add(f"pair:{record.supplier}>{record.recipient}")
        add(f"sup:{record.supplier or 'none'}")
        add(f"rec:{record.recipient or 'none'}")
    else:
        add(f"partners:{min(len(record.partners), 3)}")
    start, end = record.evidence.start, record.evidence.end
    if record.kind == "transfer":
        if _named_in(mentions, start, end, record.supplier):
            add("supplier_in_sentence")
        if _named_in(mentions, start, end, record.recipient):
            add("recipient_in_sentence")
    elif all(_named_in(mentions, start, end, p) for p in record.partners):
        add("partners_in_sentence")
    if _weapon_named_in(mentions, record, start, end):
        add("weapon_in_sentence")
    for slot in ("quantity", "value", "date"):
        if getattr(record, slot) is not None:
            add(f"has_{slot}")
    add(f"age:{_age(record)}")
    if record.extra.get("added_to"):
        add("path:added_to_earlier")
    if record.extra.get("weapon_nearby"):
        add("path:weapon_nearby")
    for side in ("supplier", "recipient"):
        how = record.extra.get(f"{side}_how")
        if how:
            add(f"how:{side}:{how}")
    trigger = record.extra.get("trigger")
    if trigger:
        add(f"trigger:{trigger}")
    for word in record.extra.get("trigger_window", ()):
        add(f"near:{word}")
    for evidence in record.extra.get("status_evidence", ()):
        add(f"st:{evidence}")
        if trigger and evidence.startswith("tag:"):
            # the trigger in its form: "is buying" is an order under way, "bought" one done
            add(f"form:{trigger}:{evidence[4:]}")
    words = _WORD.findall(record.evidence.text)
    add(f"length:{bucket(len(words), (12, 25, 40, 60))}")
    add(f"position:{_position(record)}")
    if "?" in record.evidence.text:
        add("cue:question")
    if '"' in record.evidence.text or "\u201c" in record.evidence.text:
        add("cue:quote")
    for word in words:
        lower = word.lower()
        cue = _CUE_OF_WORD.get(lower)
        if cue is not None:
            add(f"cue:{cue}")
        if word == lower and len(lower) > 2:  # common words only, never names
            add(f"w:{lower}")
    # the states a candidate joins, whatever their roles: a co-production of Turkey and
    # Serbia and a sale between them name the same pair
    pair = _states_joined(record)
    same_pair = sum(1 for other in siblings if pair and _states_joined(other) == pair)
    add(f"same_parties:{bucket(same_pair, (2, 3, 5))}")
    return features


def score_records(
    model: RecordModel, records: Sequence[Record], mentions: Sequence[Mention]
) -> list[Record]:
    """Return the candidates the model keeps, each with its probability as `confidence`.

    The status model, where there is one, reads each candidate's status first; the
    proposal models, where there are, add the same records at a second status the
    sentence states (second_status.py) and for another system it names (second_weapon.py).
    """
    features = [record_features(record, mentions, records) for record in records]
    if model.status_model is not None:
        read = read_statuses(model.status_model, records, mentions, features)
        unchanged = len(read) == len(records) and all(
            a is b for a, b in zip(read, records, strict=True)
        )
        if not unchanged:
            # a status changed or a repeat went: the features of status and siblings with it
            features = [record_features(record, mentions, read) for record in read]
        records = read
    kept: list[Record] = []
    for record, described in zip(records, features, strict=True):
        probability = model.probability(described)
        if probability >= model.threshold:
            kept.append(replace(record, confidence=round(probability, 3)))
    if model.second_status_model is not None:
        kept += kept_proposals(
            model.second_status_model, second_status_proposals(records, features)
        )
    if model.second_weapon_model is not None:
        kept += kept_proposals(
            model.second_weapon_model, second_weapon_proposals(records, features, mentions)
        )
    return kept


def read_statuses(
    status_model: StatusModel,
    records: Sequence[Record],
    mentions: Sequence[Mention],
    features: Sequence[Mapping[str, float]] | None = None,
) -> list[Record]:
    """Return the candidates with the statuses the status model reads (`features`: each
    candidate's, where they are known already).

    A candidate whose new status makes it the same record as another of the document
    (same parties, weapon, status and sentence) is dropped: it says nothing the other
    does not.
    """
    if features is None:
        features = [record_features(record, mentions, records) for record in records]
    statuses = status_model.statuses_of(records, features)
    seen = {
        record_key(record) for record, status in zip(records, statuses, strict=True)
        if status == record.status
    }
    read: list[Record] = []
    for record, status in zip(records, statuses, strict=True):
        if status != record.status:
            record = replace(
                record, status=status, extra={**record.extra, "rule_status": record.status}
            )
            if record_key(record) in seen:
                continue
            seen.add(record_key(record))
        read.append(record)
    return read


def _fact_of(record: Record) -> tuple[Any, ...]:
    """What the candidates of one fact share: its sentence, trigger, stage and parties."""
    return (
        record.evidence.start, record.extra.get("trigger"), record.status, record.kind,
        record.supplier, record.recipient, record.supplier_name, record.recipient_name,
        record.partners,
    )
