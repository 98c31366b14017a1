"""The one Store interface that every database behind armstrace satisfies.

SQLite (`armstrace.store.sqlite`) is the default; PostgreSQL
(`armstrace.store.postgres`) implements the same protocol for several processes
at once. Callers depend on `Store`, never on a backend.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol, Self, runtime_checkable

from armstrace.model import Deal, Document, Money, Record, Skipped, StatedValue
from armstrace.review.audit import LogEntry, LogFilter
from armstrace.review.decisions import REVIEW_STATES, DealDecision, RecordDecision, User
from armstrace.review.tokens import ApiToken
from armstrace.sipri.rows import SipriRegister, SipriRelease, SipriRow

# What records can be sorted by: the order stored, or one of their fields.
RECORD_ORDERS: tuple[str, ...] = ("stored", "confidence", "date", "weapon", "status")


@dataclass(frozen=True)
class RecordFilter:
    """Select records by their fields; every condition left at None is not applied.

    Text values are compared exactly (ISO codes, names and weapons ignore
    ASCII case). `supplier` and `recipient` match the ISO code or the
    non-state name. `weapon` matches the canonical designation or the weapon
    family. `since` and `until` keep records whose date (or, for a record
    without one, its document's published date) overlaps the range: a record
    dated `2023` is kept by `since=2023-06-01`. Records are returned in the
    order they were stored, or sorted by `order_by` (one of `RECORD_ORDERS`;
    ties in the order stored); `limit` and `offset` page through them.

    Conditions apply to the records as reviewed (an analyst's corrected values).
    Records an analyst rejected are left out unless `include_rejected` is true;
    `review_state` keeps only records in that state (`unreviewed`, `confirmed`,
    `corrected` or `rejected`; asking for `rejected` includes them). `record_ids`
    keeps only the records with these ids (any number of them). `outlet` keeps the
    records of documents from that site or its subdomains (`reuters.com` keeps
    `uk.reuters.com`), given as `armstrace.filters.read_outlet` returns it.
    """

    supplier: str | None = None
    recipient: str | None = None
    status: str | None = None
    kind: str | None = None
    category: str | None = None
    weapon: str | None = None
    outlet: str | None = None
    document_id: str | None = None
    record_ids: tuple[str, ...] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    include_rejected: bool = False
    review_state: str | None = None
    order_by: str = "stored"
    descending: bool = False
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        if self.order_by not in RECORD_ORDERS:
            raise ValueError(
                f"order_by {self.order_by!r} is not one of {', '.join(RECORD_ORDERS)}")
        if self.limit is not None and self.limit < 0:
            raise ValueError(f"limit must be 0 or more, not {self.limit}")
        if self.offset < 0:
            raise ValueError(f"offset must be 0 or more, not {self.offset}")
        if self.review_state is not None and self.review_state not in REVIEW_STATES:
            raise ValueError(
                f"review_state {self.review_state!r} is not one of {', '.join(REVIEW_STATES)}"
            )
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")


# What deals can be sorted by: the deal's columns (sources = number of documents).
DEAL_ORDERS = (
    "last_seen",
    "first_seen",
    "supplier",
    "recipient",
    "weapon",
    "category",
    "status",
    "sources",
)


@dataclass(frozen=True)
class DealFilter:
    """Select deals; every condition left at None is not applied.

    `supplier`, `recipient` and `weapon` compare as in `RecordFilter` (a partner
    of a co-production matches either party). `status` is the deal's current
    status, `category` its weapon category. `since` keeps deals seen in the news
    on or after that day (their `last_seen`), `until` deals first seen on or
    before it. `outlet` keeps deals with evidence from that site or its subdomains
    (their `sites`). Deals come sorted by `order_by` (one of `DEAL_ORDERS`; by default
    last seen, latest first), then by id.
    """

    supplier: str | None = None
    recipient: str | None = None
    status: str | None = None
    weapon: str | None = None
    category: str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    order_by: str = "last_seen"
    descending: bool = True
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 0:
            raise ValueError(f"limit must be 0 or more, not {self.limit}")
        if self.offset < 0:
            raise ValueError(f"offset must be 0 or more, not {self.offset}")
        if self.order_by not in DEAL_ORDERS:
            raise ValueError(
                f"order_by {self.order_by!r} is not one of {', '.join(DEAL_ORDERS)}"
            )


@dataclass(frozen=True)
class DealSummary:
    """The columns of one line of the deals list: a `Deal` without its evidence and history.

    `Store.iter_deal_summaries` reads these straight from the deals table, so a
    list of deals never decodes each deal's evidence; `DealSummary.of(deal)` gives
    the same line from a whole deal.
    """

    id: str
    kind: str
    weapon: str
    category: str
    status: str
    supplier: str | None = None
    recipient: str | None = None
    supplier_name: str | None = None
    recipient_name: str | None = None
    partners: tuple[str, ...] = ()
    quantity_ordered: tuple[StatedValue, ...] = ()
    quantity_delivered: tuple[StatedValue, ...] = ()
    value: tuple[StatedValue, ...] = ()
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    source_count: int = 0
    conflicts: tuple[str, ...] = ()
    package_values: tuple[Money, ...] = ()  # of the packages it is part of, each counted once

    @classmethod
    def of(cls, deal: Deal) -> DealSummary:
        """Return the list line of a whole deal."""
        return cls(
            id=deal.id, kind=deal.kind, weapon=deal.weapon, category=deal.category,
            status=deal.status, supplier=deal.supplier, recipient=deal.recipient,
            supplier_name=deal.supplier_name, recipient_name=deal.recipient_name,
            partners=deal.partners, quantity_ordered=deal.quantity_ordered,
            quantity_delivered=deal.quantity_delivered, value=deal.value,
            first_seen=deal.first_seen, last_seen=deal.last_seen,
            source_count=deal.source_count, conflicts=deal.conflict_slots,
            package_values=tuple(package.value for package in deal.packages),
        )


@dataclass(frozen=True)
class SearchHit:
    """One document found by full-text search.

    `snippet` is an excerpt with the matched words between the two highlight
    markers; `score` is higher for better matches (SQLite: the negated bm25
    rank; PostgreSQL: ts_rank), comparable within one result list only.
    """

    document_id: str
    title: str | None
    url: str | None
    published: dt.date | None
    snippet: str
    score: float


@dataclass(frozen=True)
class SkippedEntry:
    """A stored `Skipped` with how often and when it was seen."""

    skipped: Skipped
    count: int
    first_seen: dt.datetime
    last_seen: dt.datetime


@dataclass(frozen=True)
class StoreSummary:
    """What a store holds: counts of documents, records and skipped inputs."""

    documents: int
    records: int
    skipped: int
    records_by_status: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FetchState:
    """What the store remembers of the last fetch of one URL (live feeds, `armstrace watch`).

    `status` is the last HTTP status (None when the network failed); `etag` and
    `last_modified` are the validators the server sent, sent back on the next
    fetch of a feed (conditional GET); `final_url` is where redirects ended;
    `document_id` the document the page became (None for a feed, or a page that
    gave none); `problem` why the last fetch failed (None when it succeeded).
    """

    url: str
    fetched_at: dt.datetime
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    document_id: str | None = None
    problem: str | None = None


@dataclass(frozen=True)
class Watchlist:
    """A standing question: alert on new or changed deals that match `deals`.

    Only the filter's conditions count (supplier, recipient, status, weapon,
    category, since, until); its order and paging are ignored. `webhook` is a
    URL each alert is POSTed to as JSON, or None. `id` is derived from the
    conditions and the webhook (`armstrace.alerts.make_watchlist`), so adding
    the same watchlist twice keeps one.
    """

    id: str
    deals: DealFilter
    created: dt.datetime
    webhook: str | None = None


@dataclass(frozen=True)
class Alert:
    """A deal that matched a watchlist, as it read at that moment.

    `state` is a hash of the deal's JSON: a deal alerts again only when it
    changes. `change` is "new" (first time this watchlist sees the deal) or
    "changed". `id` is derived from watchlist id, deal id and state, so the same
    deal state never alerts twice. `delivered` is when the webhook took it
    (None: not delivered, or the watchlist has no webhook).
    """

    id: str
    watchlist_id: str
    deal: Deal
    state: str
    change: str
    created: dt.datetime
    delivered: dt.datetime | None = None


@dataclass(frozen=True)
class UserRemoval:
    """What removing a user did: the user as now stored (`removed` set), the web sessions
    ended, the API tokens revoked, and the decisions that keep the user's name."""

    user: User
    sessions_ended: int
    tokens_revoked: int
    decisions: int


@dataclass(frozen=True)
class WebSession:
    """A signed-in browser session of the web application (armstrace.web.sessions).

    `token_hash` is the SHA-256 of the cookie's random token (hex); the session ends
    at `expires`, when its user signs out, or when the user's password changes.
    `notice` is a one-line report of the user's last write, shown on the next page.
    """

    token_hash: str
    user: str
    created: dt.datetime
    expires: dt.datetime
    notice: str | None = None


@runtime_checkable
class Store(Protocol):
    """A register of documents, the records extracted from them and the skipped inputs.

    A store is a context manager: `with open_store(path) as store: ...` closes
    it on exit. Every method raises `StoreError` when the database fails.

    Review: the store keeps users and every analyst decision (never deleted; the
    history). Records are kept as reviewed: whenever a record is written (by
    `add_document`, `replace_records` or `add_record_decision`), the store applies
    the stored decisions on its extracted id with `armstrace.review.review_record`,
    so its fields are the corrected ones, `extra["review"]` holds its state, and
    `Record.id` stays the extracted id. Rejected records stay stored (the review
    page shows them) but every method that feeds deals or exports leaves them out.
    """

    def has_document(self, document_id: str) -> bool:
        """Return whether a document with this id is stored."""
        ...

    def add_document(self, document: Document, records: Iterable[Record] = ()) -> bool:
        """Store a document and its records in one transaction.

        Return False, changing nothing, when the document id is already stored.
        A record whose id is already stored is ignored. Stored decisions on the
        records' ids are applied as they are written.
        """
        ...

    def replace_records(self, document_id: str, records: Iterable[Record]) -> None:
        """Replace every record of a stored document with `records`, in one transaction.

        What re-extraction does. Stored decisions are applied to the new records as
        they are written (a decision on an id the extractor no longer gives waits,
        and applies again if it does). Deals are not touched: re-merge the keys of
        the old and new records (`armstrace.merge.remerge_deal_keys`). Raise
        `StoreError` when the document is not stored, ValueError when a record
        belongs to another document.
        """
        ...

    def add_skipped(self, skipped: Skipped) -> None:
        """Store a rejected input; a repeat of the same source, stage and reason is counted."""
        ...

    def get_document(self, document_id: str) -> Document | None:
        """Return the stored document with this id, or None."""
        ...

    def iter_documents(
        self, records: RecordFilter | None = None, *, limit: int | None = None, offset: int = 0
    ) -> Iterator[Document]:
        """Yield the stored documents in the order they were stored.

        With `records`, only documents holding a record that matches it (its own
        limit and offset ignored); `limit` and `offset` page through them.
        """
        ...

    def count_documents(self, records: RecordFilter | None = None) -> int:
        """Return the number of stored documents (holding a matching record, with `records`)."""
        ...

    def get_record(self, record_id: str) -> Record | None:
        """Return the record with this (extracted) id as reviewed, rejected ones too, or None."""
        ...

    def iter_records(self, filter: RecordFilter | None = None) -> Iterator[Record]:
        """Yield the records that match the filter, streaming from the database.

        Rejected records are left out unless the filter includes them.
        """
        ...

    def count_records(self, filter: RecordFilter | None = None) -> int:
        """Return how many records match the filter's conditions (limit and offset ignored)."""
        ...

    def iter_unmerged_records(self) -> Iterator[Record]:
        """Yield the stored records that are in no deal yet, rejected ones left out."""
        ...

    def iter_records_for_deal_keys(self, keys: Collection[str]) -> Iterator[Record]:
        """Yield the records merged into deals under any of these keys, rejected ones left out.

        A record is filed under the key of the deal it was merged into (`Deal.key`),
        which for a deal an analyst merged across keys is not its own `deal_key`.
        """
        ...

    def replace_deals(self, keys: Collection[str], deals: Iterable[Deal]) -> None:
        """Replace every deal under these keys with `deals`, in one transaction."""
        ...

    def lock_deals(self) -> AbstractContextManager[None]:
        """Return a context holding one transaction in which no other process rewrites deals.

        A merge reads the records of some keys and writes their deals inside it, so
        merges in several processes at once take turns and the later one reads what
        the earlier one wrote. Writes of documents and records are not held up.
        """
        ...

    def iter_deals(self, filter: DealFilter | None = None) -> Iterator[Deal]:
        """Yield the deals that match the filter."""
        ...

    def iter_deal_summaries(self, filter: DealFilter | None = None) -> Iterator[DealSummary]:
        """Yield the list lines of the deals `iter_deals` yields, in the same order.

        Equal to `DealSummary.of(deal)` for each of them, but cheap: for lists that
        show no evidence (the Deals page), without decoding any deal's evidence.
        """
        ...

    def get_deal(self, deal_id: str) -> Deal | None:
        """Return the deal with this id, or None."""
        ...

    def deal_ids_of_records(self, record_ids: Collection[str]) -> dict[str, str]:
        """Return the id of the deal each of these records is merged into (unmerged: absent)."""
        ...

    def count_deals(self, filter: DealFilter | None = None) -> int:
        """Return how many deals match the filter (limit and offset ignored)."""
        ...

    def iter_skipped(self) -> Iterator[SkippedEntry]:
        """Yield every stored skipped input with its count, first seen first."""
        ...

    def add_user(self, user: User) -> None:
        """Store a new user; raise `StoreError` when the name is taken."""
        ...

    def get_user(self, name: str) -> User | None:
        """Return the user with this name, ignoring case (a removed one too), or None."""
        ...

    def list_users(self) -> list[User]:
        """Return every user, removed ones too, sorted by name."""
        ...

    def set_password(self, name: str, password_hash: str) -> None:
        """Give a user a new password hash and end every web session of the user.

        Raise `StoreError` when no user not removed has the name.
        """
        ...

    def remove_user(self, name: str, at: dt.datetime) -> UserRemoval:
        """Remove a user: no more sign-ins or decisions, sessions ended, tokens revoked;
        its name stays on its decisions and cannot be taken again."""
        ...

    def start_web_session(self, session: WebSession) -> None:
        """Store a new signed-in session (and forget the sessions that have expired)."""
        ...

    def get_web_session(self, token_hash: str, now: dt.datetime) -> WebSession | None:
        """Return the session with this token hash unless it has expired by `now`."""
        ...

    def end_web_session(self, token_hash: str) -> None:
        """Forget a session (signing out); forgetting an unknown one is harmless."""
        ...

    def set_web_session_notice(self, token_hash: str, notice: str | None) -> None:
        """Set (or with None, clear) the notice the session's next page shows."""
        ...

    def time_limit(self, seconds: float) -> AbstractContextManager[None]:
        """Return a context in which a statement running past `seconds` is stopped.

        The stopped statement raises `StoreInterrupted`. SQLite: the time counts from
        entering the context, for every statement in it; PostgreSQL: each statement
        has the time (statement_timeout).
        """
        ...

    def interrupt(self) -> None:
        """Stop the statement running on this store now, with `StoreInterrupted`.

        The one method safe to call from another thread: what a web server does when
        the client that asked for the work has gone.
        """
        ...

    def add_record_decision(self, decision: RecordDecision) -> Record:
        """Store a decision and rewrite its record as reviewed, in one transaction.

        Return the record as it now reads (rejected or not; its review state in
        `extra["review"]`). Raise `StoreError` when no stored record has the
        decision's `record_id` or no user has its `user` name, and `ReviewError`
        when the corrections do not fit the record. Deals are not touched: call
        `armstrace.merge.record_decision`, which does both.
        """
        ...

    def iter_record_decisions(self, record_id: str | None = None) -> Iterator[RecordDecision]:
        """Yield the decisions on one record (every record with None), oldest first."""
        ...

    def add_deal_decision(self, decision: DealDecision) -> None:
        """Store a merge or split decision; raise `StoreError` when its user is unknown.

        Deals are not touched: call `armstrace.merge.record_deal_decision`, which
        stores the decision and re-merges the deals it concerns.
        """
        ...

    def iter_deal_decisions(self) -> Iterator[DealDecision]:
        """Yield every merge and split decision, oldest first."""
        ...

    def read_log(self, log_filter: LogFilter) -> tuple[int, list[LogEntry]]:
        """Return how many decisions the filter keeps and the page of them, newest first."""
        ...

    def add_api_token(self, token: ApiToken, token_hash: str) -> None:
        """Store a new API token, by its hash only; `StoreError` for an unknown user."""
        ...

    def list_api_tokens(self, user: str | None = None) -> list[ApiToken]:
        """Return the API tokens (of one user, or all), oldest first, revoked ones too."""
        ...

    def revoke_api_token(self, token_id: str, at: dt.datetime) -> bool:
        """Revoke a token; return False when no unrevoked token has the id."""
        ...

    def use_api_token(self, token_hash: str, now: dt.datetime) -> ApiToken | None:
        """Return the unrevoked token with this hash (its use stamped at `now`), or None."""
        ...

    def search(
        self,
        query: str,
        limit: int = 20,
        *,
        highlight: tuple[str, str] = ("[", "]"),
        records: RecordFilter | None = None,
        offset: int = 0,
        order: str = "relevance",
    ) -> list[SearchHit]:
        """Return the documents that match the query, best first, or published
        `newest` or `oldest` first (undated last).

        Words and "quoted phrases" must all appear; `OR` between two terms lets
        either do (`armstrace.store.sql.parse_search`). With `records`, only
        documents holding at least one record that matches its conditions (its
        limit and offset ignored); `offset` skips hits.
        """
        ...

    def count_search(self, query: str, *, records: RecordFilter | None = None) -> int:
        """Return how many documents `search` finds for the query and record conditions."""
        ...

    # -- live feeds and watchlists (issue 7) ---------------------------------
    #
    # Tables (SQLite migration 4, `store/migrations.py`; text columns, dates as ISO
    # 8601 text in UTC, JSON as text):
    #   fetches    (url PK, fetched_at, status, etag, last_modified, final_url,
    #               document_id, problem)
    #   watchlists (id PK, conditions JSON of the DealFilter's conditions, webhook,
    #               created)
    #   alerts     (id PK, watchlist_id -> watchlists ON DELETE CASCADE, deal_id,
    #               state, change, deal JSON (`Deal.to_json()`), created, delivered,
    #               seq for the order of arrival)

    def get_fetch_state(self, url: str) -> FetchState | None:
        """Return what the last fetch of this exact URL left, or None if never fetched."""
        ...

    def save_fetch_state(self, state: FetchState) -> None:
        """Store the state of a fetch, replacing any earlier state of the same URL."""
        ...

    def add_watchlist(self, watchlist: Watchlist) -> bool:
        """Store a watchlist; return False, changing nothing, when its id is stored."""
        ...

    def iter_watchlists(self) -> Iterator[Watchlist]:
        """Yield every watchlist, oldest first (then by id)."""
        ...

    def remove_watchlist(self, watchlist_id: str) -> bool:
        """Delete a watchlist and its alerts; return False when no watchlist has this id."""
        ...

    def alerted_deal_states(self, watchlist_id: str) -> dict[str, str]:
        """Return, for each deal this watchlist alerted on, the state of its latest alert."""
        ...

    def add_alert(self, alert: Alert) -> bool:
        """Store an alert; return False, changing nothing, when its id is stored."""
        ...

    def iter_alerts(
        self, watchlist_id: str | None = None, *, limit: int | None = None
    ) -> Iterator[Alert]:
        """Yield alerts (of one watchlist, or all), newest first (latest stored first)."""
        ...

    def mark_alert_delivered(self, alert_id: str, delivered: dt.datetime) -> None:
        """Record when the webhook accepted an alert (unknown ids are ignored)."""
        ...

    def get_sipri_release(self) -> SipriRelease | None:
        """Return the SIPRI release the store holds, or None before any import."""
        ...

    def import_sipri_register(self, register: SipriRegister) -> str:
        """Keep a release's rows: 'imported', 'unchanged' (the stored file) or 'replaced'."""
        ...

    def iter_sipri_rows(self) -> Iterator[SipriRow]:
        """Yield the stored SIPRI release's rows in the file's order."""
        ...

    def summary(self) -> StoreSummary:
        """Return the counts of documents, records (by status) and skipped inputs.

        Rejected records are not counted.
        """
        ...

    def close(self) -> None:
        """Close the store; closing twice is harmless."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
