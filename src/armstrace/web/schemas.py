"""The API's shapes: query parameters (with their bounds) and response models.

Response models mirror spec/records.md (`Record.to_json`, `Deal.to_json`), so the
OpenAPI schema at /api/openapi.json describes exactly what the API returns.
Query models bound every text and page size: a request cannot ask for more than
`MAX_PAGE_SIZE` rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from armstrace.errors import ConfigError
from armstrace.filters import OUTLET_PATTERN, read_outlet
from armstrace.store import DealFilter, RecordFilter
from armstrace.store.sql import search_alternatives, search_terms
from armstrace.web.limits import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

# The contract's vocabularies (armstrace.model), spelled out so the schema lists them;
# tests/web/test_schemas.py pins them to the model's tuples.
StatusName = Literal["interest", "proposed", "planned", "ordered", "delivered", "cancelled"]
CategoryName = Literal[
    "aircraft", "helicopter", "uav", "armoured vehicle", "artillery", "air defence", "missile",
    "ship", "submarine", "small arms", "ammunition", "sensor", "engine", "other",
]
DealOrder = Literal[
    "last_seen", "first_seen", "supplier", "recipient", "weapon", "category", "status", "sources",
]
KindName = Literal["transfer", "coproduction"]
DealType = Literal["sale", "donation", "licence", "unknown"]

MAX_NAME = 200
MAX_QUERY = 500
MAX_OFFSET = 10_000_000
# Different words in one search: a full-text index's work grows with the square of their
# number (FTS5 snippets), and 16 is more than any question to this register needs.
MAX_SEARCH_TERMS = 16
# OR groups multiplied out (PostgreSQL's websearch syntax has no parentheses: (a OR b) c is
# "a c or b c"); 64 keeps the longest query to 64 conjunctions of at most 16 phrases.
MAX_SEARCH_ALTERNATIVES = 64
# Query text holds no NUL (see RecordQuery._no_nul); stated as a pattern for the schema.
NO_NUL = "^[^\\x00]*$"


class RecordQuery(BaseModel):
    """Filters shared by records, deals and search; blank form fields mean "any"."""

    model_config = ConfigDict(extra="ignore")

    supplier: str | None = Field(None, max_length=MAX_NAME, pattern=NO_NUL,
                                 description="Supplier ISO3 code or non-state name.")
    recipient: str | None = Field(None, max_length=MAX_NAME, pattern=NO_NUL,
                                  description="Recipient ISO3 code or non-state name.")
    weapon: str | None = Field(None, max_length=MAX_NAME, pattern=NO_NUL,
                               description="Designation or family.")
    category: CategoryName | None = None
    status: StatusName | None = None
    # The pattern is stated for the schema and checked by read_outlet, whose message says
    # what an outlet is (pydantic's would quote the pattern).
    outlet: str | None = Field(None, max_length=MAX_NAME,
                               json_schema_extra={"pattern": OUTLET_PATTERN},
                               description="Site of the sources (reuters.com; its subdomains "
                               "too).")
    since: dt.date | None = Field(None, description="On or after this day (YYYY-MM-DD).")
    until: dt.date | None = Field(None, description="On or before this day (YYYY-MM-DD).")
    limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Rows per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Rows to skip.")

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        # PostgreSQL refuses a NUL in text and FTS5 reads it as the end of the query:
        # refused here, for every backend, with a message instead of a database error.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("holds a NUL character (%00), which no query may hold")
        return value

    @field_validator("supplier", "recipient", "weapon", "category", "status", "outlet", "since",
                     "until", mode="before")
    @classmethod
    def _blank_is_any(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @field_validator("outlet")
    @classmethod
    def _outlet_as_stored(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return read_outlet(value)
        except ConfigError as error:
            raise ValueError(error.message) from None

    @model_validator(mode="after")
    def _range_in_order(self) -> RecordQuery:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        return self

    def record_filter(self, *, paged: bool = True) -> RecordFilter:
        """Return the store filter for these parameters (without paging if `paged` is false)."""
        return RecordFilter(
            supplier=self.supplier, recipient=self.recipient, weapon=self.weapon,
            category=self.category, status=self.status, since=self.since, until=self.until,
            outlet=self.outlet,
            limit=self.limit if paged else None, offset=self.offset if paged else 0,
        )

    def has_filters(self) -> bool:
        """Return whether any record condition is set."""
        return any(value is not None for value in (
            self.supplier, self.recipient, self.weapon, self.category, self.status,
            self.outlet, self.since, self.until))


class SearchQuery(RecordQuery):
    """A full-text query, the record filters that narrow its documents, and the order."""

    q: str = Field("", max_length=MAX_QUERY, pattern=NO_NUL,
                   description=f"Words and \"quoted phrases\" that must all appear; OR "
                   f"between two lets either do (at most {MAX_SEARCH_TERMS} different ones).")
    sort: Literal["relevance", "newest", "oldest"] = Field(
        "relevance", description="Best match first, or by publication date.")

    @field_validator("q")
    @classmethod
    def _few_terms(cls, value: str) -> str:
        terms = search_terms(value)
        if len(terms) > MAX_SEARCH_TERMS:
            raise ValueError(f"a search may hold at most {MAX_SEARCH_TERMS} different words, "
                             f"not {len(terms)}")
        if search_alternatives(value) > MAX_SEARCH_ALTERNATIVES:
            raise ValueError(f"a search may hold at most {MAX_SEARCH_ALTERNATIVES} "
                             "combinations of its OR choices; use fewer ORs")
        return value


class DealQuery(RecordQuery):
    """Deal filters, the sort order and the page."""

    sort: DealOrder = Field("last_seen", description="Column to sort by.")
    order: Literal["asc", "desc"] = "desc"
    not_in_sipri: bool = Field(False, description="Only deals no row of the imported SIPRI "
                               "release records.")

    def deal_filter(self) -> DealFilter:
        """Return the store filter for these parameters."""
        return DealFilter(
            supplier=self.supplier, recipient=self.recipient, weapon=self.weapon,
            category=self.category, status=self.status, since=self.since, until=self.until,
            outlet=self.outlet, order_by=self.sort, descending=self.order == "desc",
            limit=self.limit, offset=self.offset,
        )




# --- responses --------------------------------------------------------------------------------


class MoneyOut(BaseModel):
    amount: int
    currency: str


class EvidenceOut(BaseModel):
    text: str
    start: int
    end: int


class DocumentRef(BaseModel):
    """A document named by a deal's evidence or a search hit."""

    id: str
    url: str | None
    title: str | None
    published: str | None


class RecordDocumentRef(DocumentRef):
    """The `document` object a record carries (spec section 2)."""

    source: str


class RecordOut(BaseModel):
    """One record in the contract's shape (spec section 2), plus its review state."""

    id: str
    kind: KindName
    supplier: str | None
    recipient: str | None
    supplier_name: str | None
    recipient_name: str | None
    partners: list[str]
    weapon: str
    weapon_family: str | None
    category: CategoryName
    quantity: int | None
    value: MoneyOut | None
    deal: DealType
    status: StatusName
    date: str | None
    evidence: EvidenceOut
    document: RecordDocumentRef
    confidence: float
    review: str = Field("unreviewed", description="unreviewed, confirmed, corrected or rejected.")


class StatedValueOut(BaseModel):
    value: int | MoneyOut
    records: list[str]


class StatusChangeOut(BaseModel):
    status: StatusName
    date: str | None
    records: list[str]


class DealEvidenceOut(BaseModel):
    record: str
    status: StatusName
    evidence: EvidenceOut
    document: DocumentRef


class ConflictingValueOut(BaseModel):
    value: str
    records: list[str]
    documents: list[str]


class ConflictOut(BaseModel):
    slot: str = Field(description="quantity_ordered, quantity_delivered, value, deal, status, "
                                  "date_ordered or date_cancelled.")
    values: list[ConflictingValueOut] = Field(description="Every value the sources give it, "
                                                          "each with its records and documents.")


class PackageValueOut(BaseModel):
    id: str
    value: MoneyOut
    records: list[str]
    weapons: list[str]
    document: str


class DealLinkOut(BaseModel):
    relation: str = Field(description='"follow-on of" (an earlier order of the same parties '
                          'and system) or "followed by" (a later one).')
    deal: str


class DealOut(BaseModel):
    """One deal in the contract's shape (spec section 3), as the command line's JSON has it."""

    id: str
    kind: KindName
    supplier: str | None
    recipient: str | None
    supplier_name: str | None
    recipient_name: str | None
    partners: list[str]
    weapon: str
    weapon_family: str | None
    weapons: list[str]
    category: CategoryName
    deal: DealType
    status: StatusName
    history: list[StatusChangeOut]
    quantity_ordered: list[StatedValueOut]
    quantity_delivered: list[StatedValueOut]
    value: list[StatedValueOut]
    conflicts: list[ConflictOut]
    packages: list[PackageValueOut] = Field(description="Values stated for a package of "
                                            "systems: each counted once, never in `value`.")
    related: list[DealLinkOut] = Field(default_factory=list, description="Earlier and later "
                                       "orders of the same parties and system.")
    first_seen: str | None
    last_seen: str | None
    sources: int
    documents: list[str]
    sites: list[str]
    evidence: list[DealEvidenceOut]
    key: str


class DocumentOut(BaseModel):
    id: str
    url: str | None
    title: str | None
    published: str | None
    source: str


class DocumentDetailOut(DocumentOut):
    text: str
    records: list[RecordOut]


class Page(BaseModel):
    total: int = Field(description="Rows matching the filters, over all pages.")
    limit: int
    offset: int


class DocumentPage(Page):
    items: list[DocumentOut]


class RecordPage(Page):
    items: list[RecordOut]


class DealPage(Page):
    items: list[DealOut]


class SearchHitOut(BaseModel):
    document: DocumentRef
    snippet: str = Field(description="Excerpt; matched words between [ and ].")
    score: float
    records: list[RecordOut] = Field(description="The document's records matching the filters.")


class SearchPage(Page):
    q: str
    items: list[SearchHitOut]


class StateOut(BaseModel):
    iso3: str
    name: str | None = Field(description="Name in the catalogue; null for a code it lacks.")
    supplies: list[DealOut] = Field(description="Deals where the state is the supplier.")
    receives: list[DealOut] = Field(description="Deals where the state is the recipient.")
    coproduction: list[DealOut] = Field(description="Co-production deals it is a partner of.")


class WeaponOut(BaseModel):
    name: str
    designation: str | None
    family: str | None
    category: str | None
    producers: list[str]
    manufacturer: str | None
    aliases: list[str]
    deals: list[DealOut]


class ReviewIn(BaseModel):
    """A decision on one record: confirm, reject, or correct some fields, always with a reason."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "reject", "correct"]
    reason: str = Field("", max_length=2000)
    fields: dict[str, str] = Field(default_factory=dict, max_length=20,
                                   description="For correct: field name -> new value as text.")


class ReviewOut(BaseModel):
    record: RecordOut
    decision: dict[str, Any]
