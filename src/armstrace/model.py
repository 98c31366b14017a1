"""The nouns that travel between pipeline stages.

Every stage takes and returns these frozen dataclasses; nothing else crosses a
stage boundary. Field names follow `spec/records.md` (contract version 1), and
`Record.to_json()` produces exactly the contract's JSON shape.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

KINDS = ("transfer", "coproduction")
CATEGORIES = (
    "aircraft",
    "helicopter",
    "uav",
    "armoured vehicle",
    "artillery",
    "air defence",
    "missile",
    "ship",
    "submarine",
    "small arms",
    "ammunition",
    "sensor",
    "engine",
    "other",
)
DEALS = ("sale", "donation", "licence", "unknown")
STATUSES = ("interest", "proposed", "planned", "ordered", "delivered", "cancelled")

# The fields of a record that state its fact, in the contract's order (spec section 2):
# the parties, the weapon, then the slots. Evidence, document and confidence are what
# the extractor saw and how sure it was, not the fact.
FACT_FIELDS = (
    "kind",
    "supplier", "recipient", "supplier_name", "recipient_name", "partners",
    "weapon", "weapon_family", "category",
    "quantity", "value", "deal", "status", "date",
)
# The same fields as flat columns (the record CSV, the stores' `records` table):
# the value split into its amount and its currency.
FACT_COLUMNS = tuple(
    column
    for name in FACT_FIELDS
    for column in (("value_amount", "value_currency") if name == "value" else (name,))
)
EVIDENCE_COLUMNS = ("evidence_text", "evidence_start", "evidence_end")

_WHITESPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """Return the text with each lone surrogate replaced by U+FFFD, so it encodes as UTF-8.

    A JSON string may hold an escaped half of a surrogate pair ("\\ud800"), and a file name
    bytes that are not UTF-8 (Python gives them as surrogates); neither is a character,
    and neither can be written to a database, hashed or printed. U+FFFD is what a UTF-8
    decoder puts for a bad byte; one character for one keeps every offset.
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def normalise_text(text: str) -> str:
    """Return the text in the form its document id is hashed from (NFC, single spaces)."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", encodable(text))).strip()


def make_document_id(text: str) -> str:
    """Return the contract's content id: sha256 of the normalised text, first 16 hex chars."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    """One article: what ingest produces and every later stage reads."""

    id: str
    text: str
    source: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None

    def reference(self) -> dict[str, Any]:
        """Return the `document` object a record carries (spec section 2)."""
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
        }


def site_of(url: str | None) -> str | None:
    """Return the host of a document's URL without `www.` (the outlet), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:  # a malformed URL (an unclosed IPv6 bracket) names no outlet
        return None
    return host.removeprefix("www.") if host else None


@dataclass(frozen=True)
class Skipped:
    """An input, or part of one, that a stage rejected, with the reason why.

    `source` names the file (and line or record where there is one), `stage` is
    the pipeline stage that rejected it ("ingest", "clean", "extract"), and
    `reason` is one human-readable line.
    """

    source: str
    stage: str
    reason: str
    document_id: str | None = None

    def message(self) -> str:
        """Return the one-line report shown to the user."""
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a PartialDate with a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None and self.month is not None:
            dt.date(self.year, self.month, self.day)  # raises on an impossible day

    @classmethod
    def from_date(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
        parts = text.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError(f"not a YYYY[-MM[-DD]] date: {text!r}")
        numbers = [int(p) for p in parts] + [None, None]
        return cls(numbers[0], numbers[1], numbers[2])  # type: ignore[arg-type]

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Money:
    """An amount in an ISO 4217 currency."""

    amount: int
    currency: str

    def to_json(self) -> dict[str, Any]:
        return {"amount": self.amount, "currency": self.currency}


@dataclass(frozen=True)
class Evidence:
    """The sentence(s) that state a fact, with offsets such that `text[start:end] == text`."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Record:
    """One fact stated by one sentence (or two adjacent ones) of one document."""

    kind: str
    weapon: str
    category: str
    status: str
    evidence: Evidence
    document: Document
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
    confidence: float = 0.5
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # The id the record had as extracted, set when an analyst's correction changes a
    # field the id is hashed from, so the corrected record keeps its id (armstrace.review).
    extracted_id: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} is not one of {KINDS}")
        if self.category not in CATEGORIES:
            raise ValueError(f"category {self.category!r} is not one of {CATEGORIES}")
        if self.status not in STATUSES:
            raise ValueError(f"status {self.status!r} is not one of {STATUSES}")
        if self.deal not in DEALS:
            raise ValueError(f"deal {self.deal!r} is not one of {DEALS}")

    @property
    def id(self) -> str:
        """Return a stable id: the same fact from the same document always gets the same id."""
        if self.extracted_id is not None:
            return self.extracted_id
        key = "|".join(
            [
                self.document.id,
                self.kind,
                self.supplier or self.supplier_name or "",
                self.recipient or self.recipient_name or "",
                ",".join(self.partners),
                self.weapon,
                self.status,
            ]
        )
        occasion = self.extra.get(OCCASION)
        if occasion:
            # A second occasion of the same fact in one document ("ordered 30 more" now,
            # "ordered 24 in 2015"): its own id, or the store would keep only the first.
            key += f"|occasion {occasion}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        """Return the record in the contract's JSON shape (spec section 2)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "supplier": self.supplier,
            "recipient": self.recipient,
            "supplier_name": self.supplier_name,
            "recipient_name": self.recipient_name,
            "partners": list(self.partners),
            "weapon": self.weapon,
            "weapon_family": self.weapon_family,
            "category": self.category,
            "quantity": self.quantity,
            "value": self.value.to_json() if self.value else None,
            "deal": self.deal,
            "status": self.status,
            "date": str(self.date) if self.date else None,
            "evidence": self.evidence.to_json(),
            "document": self.document.reference(),
            "confidence": round(self.confidence, 3),
        }


# The `extra` key that numbers the second and later occasions of one fact in a document.
OCCASION = "occasion"
# The `extra` key of an undated record's latest possible year, where its text places it in
# a span ("jets bought in the 1990s": 1999); the merge keeps it out of later deals.
PERIOD_END = "period_end"


def number_occasions(records: Sequence[Record]) -> list[Record]:
    """Return the records with the second and later records of one id in a document (in
    text order) numbered as occasions 2, 3...: each then has an id of its own.

    The extractor keeps two statements of one fact with different counts or dates as two
    occasions ("ordered 30 more Rafales" on Monday; "ordered 24 in February 2015"); their
    fields give them one id, and a store keeps one record per id.
    """
    seen: Counter[str] = Counter()
    occasions: dict[int, int] = {}
    for index in sorted(range(len(records)), key=lambda i: (records[i].evidence.start,
                                                           records[i].evidence.end, i)):
        seen[records[index].id] += 1
        occasions[index] = seen[records[index].id]
    return [
        replace(record, extra={**record.extra, OCCASION: occasions[index]})
        if occasions[index] > 1 else record
        for index, record in enumerate(records)
    ]


@dataclass(frozen=True)
class StatedValue:
    """One value a slot of a deal was given, with the records that state it."""

    value: int | Money
    record_ids: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        value = self.value.to_json() if isinstance(self.value, Money) else self.value
        return {"value": value, "records": list(self.record_ids)}


@dataclass(frozen=True)
class StatusChange:
    """One step of a deal's status history: a status, when it happened, and who says so."""

    status: str
    date: PartialDate | None
    record_ids: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "date": str(self.date) if self.date else None,
            "records": list(self.record_ids),
        }


@dataclass(frozen=True)
class ConflictingValue:
    """One of the values sources disagree on, with the records and documents that state it."""

    value: str  # as shown: "66", "8000000000 USD", "2019-08", "delivered"
    record_ids: tuple[str, ...]
    document_ids: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "records": list(self.record_ids),
                "documents": list(self.document_ids)}

    def describe(self) -> str:
        """Return the value and who states it: "66 (document d1: record r1, r2)"."""
        return (f"{self.value} (document{'s' if len(self.document_ids) > 1 else ''} "
                f"{', '.join(self.document_ids)}: "
                f"record{'s' if len(self.record_ids) > 1 else ''} {', '.join(self.record_ids)})")


@dataclass(frozen=True)
class Conflict:
    """A slot of a deal that its sources disagree on, and every value they give it.

    `slot` is `quantity_ordered`, `quantity_delivered`, `value`, `deal`, `status`
    (two statuses for one date) or `date_ordered` / `date_cancelled` (two dates for
    an event that happens once).
    """

    slot: str
    values: tuple[ConflictingValue, ...]

    def to_json(self) -> dict[str, Any]:
        return {"slot": self.slot, "values": [value.to_json() for value in self.values]}

    def describe(self) -> str:
        """Return the conflict in one line: "quantity_ordered: 66 (...) / 60 (...)"."""
        return f"{self.slot}: " + " / ".join(value.describe() for value in self.values)


@dataclass(frozen=True)
class PackageValue:
    """A value one sentence states for a package of several systems ("$3.37bn for K2
    tanks and K9 howitzers"): kept once, and every deal of the package points to it."""

    id: str
    value: Money
    record_ids: tuple[str, ...]  # every record that states it, in every deal of the package
    weapons: tuple[str, ...]
    document_id: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "value": self.value.to_json(), "records": list(self.record_ids),
                "weapons": list(self.weapons), "document": self.document_id}

    def describe(self) -> str:
        """Return the package in one line: "3370000000 USD for K2, K9 (package 3149...)"."""
        return (f"{self.value.amount} {self.value.currency} for {', '.join(self.weapons)} "
                f"(package {self.id}, document {self.document_id})")


@dataclass(frozen=True)
class DealLink:
    """Another deal of the same parties and system that this one is related to: a later
    order ("follow-on of" the earlier deal) or the earlier one ("followed by" the later)."""

    relation: str  # "follow-on of" or "followed by"
    deal_id: str

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.relation, "deal": self.deal_id}

    def describe(self) -> str:
        """Return the link in a few words: "follow-on of 1e0364117d6a1096"."""
        return f"{self.relation} {self.deal_id}"


@dataclass(frozen=True)
class DealEvidence:
    """One record's evidence in a deal: the sentence and the document it comes from."""

    record_id: str
    status: str
    evidence: Evidence
    document_id: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "record": self.record_id,
            "status": self.status,
            "evidence": self.evidence.to_json(),
            "document": {
                "id": self.document_id,
                "url": self.url,
                "title": self.title,
                "published": self.published.isoformat() if self.published else None,
            },
        }


@dataclass(frozen=True)
class Deal:
    """The records of many documents that speak of one transfer (spec section 3).

    `key` is what every record of the deal shares (kind, parties, weapon family or
    generic category). Slots that several records state keep every value with its
    records; `conflicts` holds the slots whose sources disagree, each with every value
    and who states it.
    """

    id: str
    key: str
    kind: str
    weapon: str
    category: str
    status: str
    history: tuple[StatusChange, ...]
    evidence: tuple[DealEvidence, ...]
    supplier: str | None = None
    recipient: str | None = None
    supplier_name: str | None = None
    recipient_name: str | None = None
    partners: tuple[str, ...] = ()
    weapon_family: str | None = None
    weapons: tuple[str, ...] = ()
    deal: str = "unknown"
    quantity_ordered: tuple[StatedValue, ...] = ()
    quantity_delivered: tuple[StatedValue, ...] = ()
    value: tuple[StatedValue, ...] = ()
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    documents: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    packages: tuple[PackageValue, ...] = ()  # package values: never in `value`, counted once
    related: tuple[DealLink, ...] = ()  # earlier and later orders of the same parties and system

    @property
    def record_ids(self) -> tuple[str, ...]:
        """Return the ids of every record merged into the deal, sorted."""
        return tuple(sorted(item.record_id for item in self.evidence))

    @property
    def conflict_slots(self) -> tuple[str, ...]:
        """Return the names of the slots whose sources disagree."""
        return tuple(conflict.slot for conflict in self.conflicts)

    @property
    def source_count(self) -> int:
        """Return the number of independent sources: distinct documents."""
        return len(self.documents)

    def to_json(self) -> dict[str, Any]:
        """Return the deal as one JSON object (the shape of `armstrace deals --json`)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "supplier": self.supplier,
            "recipient": self.recipient,
            "supplier_name": self.supplier_name,
            "recipient_name": self.recipient_name,
            "partners": list(self.partners),
            "weapon": self.weapon,
            "weapon_family": self.weapon_family,
            "weapons": list(self.weapons),
            "category": self.category,
            "deal": self.deal,
            "status": self.status,
            "history": [change.to_json() for change in self.history],
            "quantity_ordered": [item.to_json() for item in self.quantity_ordered],
            "quantity_delivered": [item.to_json() for item in self.quantity_delivered],
            "value": [item.to_json() for item in self.value],
            "conflicts": [conflict.to_json() for conflict in self.conflicts],
            "packages": [package.to_json() for package in self.packages],
            "related": [link.to_json() for link in self.related],
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "sources": self.source_count,
            "documents": list(self.documents),
            "sites": list(self.sites),
            "evidence": [item.to_json() for item in self.evidence],
            "key": self.key,
        }
