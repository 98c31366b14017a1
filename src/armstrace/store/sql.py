"""What the SQL stores share: column lists, row mapping and the filters' WHERE clauses.

SQLite and PostgreSQL hold the same tables with the same columns (dates and
JSON as text), so a record, a deal or a filter becomes the same rows and the
same SQL in both. SQL here names its parameters `:name` (SQLite's style; the
PostgreSQL store translates them); the few spellings that differ between the two
databases come from a `Dialect`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from armstrace.model import (
    EVIDENCE_COLUMNS,
    FACT_COLUMNS,
    Deal,
    Document,
    Evidence,
    Money,
    PartialDate,
    Record,
    site_of,
)
from armstrace.store.base import DealFilter, RecordFilter, SearchHit


@dataclass(frozen=True)
class Dialect:
    """The SQL spellings that differ between the databases behind the store.

    `record_order` orders records as they were stored; `json_values` is a FROM
    item yielding a column `value` for each element of the JSON array `{array}`;
    `json_member` is the JSON value under `{key}` of the JSON object `{json}`,
    `json_text` the same value as JSON text; `no_limit` is the LIMIT that means none.
    """

    record_order: str
    json_values: str
    json_member: str
    json_text: str
    no_limit: int | None


SQLITE = Dialect(
    record_order="r.rowid",
    json_values="json_each({array})",
    json_member="json_extract({json}, '$.{key}')",
    # json_extract gives arrays and objects as JSON text (only those are asked for).
    json_text="json_extract({json}, '$.{key}')",
    no_limit=-1,
)
POSTGRES = Dialect(
    record_order="r.seq",
    json_values="jsonb_array_elements_text(({array})::jsonb) AS elements (value)",
    json_member="(({json})::jsonb -> '{key}')",
    json_text="((({json})::jsonb -> '{key}')::text)",
    no_limit=None,
)

RECORD_COLUMNS = (
    "id",
    "document_id",
    *FACT_COLUMNS,
    *EVIDENCE_COLUMNS,
    "confidence",
    "extra",
    "extracted_at",
    "review_state",
)
# Record ids are content hashes, so a record stored twice (a re-run, or another
# process ingesting the same article at the same moment) is the same row.
INSERT_RECORD = (
    f"INSERT INTO records ({', '.join(RECORD_COLUMNS)}) "
    f"VALUES ({', '.join(':' + column for column in RECORD_COLUMNS)}) "
    "ON CONFLICT (id) DO NOTHING"
)
SELECT_RECORD = ", ".join(f"r.{column}" for column in RECORD_COLUMNS)
DOCUMENT_COLUMNS = "id, url, title, published, source, text"
# Rejected records stay stored for the review page; everything else reads past them.
NOT_REJECTED = "r.review_state IS DISTINCT FROM 'rejected'"

DEAL_COLUMNS = (
    "id",
    "key",
    "kind",
    "supplier",
    "recipient",
    "supplier_name",
    "recipient_name",
    "partners",
    "weapon",
    "weapon_family",
    "category",
    "status",
    "first_seen",
    "last_seen",
    "sources",
    "data",
)
INSERT_DEAL = (
    f"INSERT INTO deals ({', '.join(DEAL_COLUMNS)}) "
    f"VALUES ({', '.join(':' + column for column in DEAL_COLUMNS)})"
)

# A quoted phrase (its closing quote may be missing) or a run of other characters.
_SEARCH_TOKEN = re.compile(r'"([^"]*)"?|([^\s"]+)')
# The one operator of the search syntax: the word OR, in capitals, between two terms.
SEARCH_OR = "OR"
# Searches in the order of the documents' publication, or best match first.
SEARCH_ORDERS = ("relevance", "newest", "oldest")


def parse_search(query: str) -> tuple[tuple[str, ...], ...]:
    """Return user search text as groups of phrases: every group must match, and a group
    matches when any of its phrases does.

    Words are phrases of one word; `"arms deal"` is one phrase; `OR` between two terms
    puts them in one group (`drones OR UAV Turkey` is (drones or UAV) and Turkey). Other
    punctuation and the database's own operators are plain text. A phrase given twice
    (in any case) is kept once.
    """
    groups: list[list[str]] = []
    seen: set[str] = set()
    join_next = False
    for quoted, word in _SEARCH_TOKEN.findall(query):
        if word == SEARCH_OR and not quoted:
            join_next = bool(groups)
            continue
        phrase = " ".join((quoted if quoted else word).split())
        if not phrase:
            continue
        key = phrase.casefold()
        if join_next:
            if key not in seen:
                groups[-1].append(phrase)
        elif key not in seen:
            groups.append([phrase])
        seen.add(key)
        join_next = False
    return tuple(tuple(group) for group in groups)


def search_alternatives(query: str) -> int:
    """Return how many conjunctions of phrases the search is, multiplied out (1 without OR)."""
    count = 1
    for group in parse_search(query):
        count *= len(group)
    return count


def search_terms(query: str) -> list[str]:
    """Return the different phrases of user search text (see `parse_search`)."""
    return [phrase for group in parse_search(query) for phrase in group]


# -- SQL parameters ----------------------------------------------------------

_NAMED_PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """Return SQL written with `:name` parameters in psycopg's `%(name)s` style.

    A `::type` cast is left alone; a literal `%` is doubled. Only the stores' own
    SQL goes through here (user text is always a parameter value).
    """
    return _NAMED_PARAMETER.sub(r"%(\1)s", sql.replace("%", "%%"))


# -- WHERE clauses -----------------------------------------------------------


def record_where(record_filter: RecordFilter, dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """Return the WHERE clause (or "") selecting records `r` of documents `d`, and its values."""
    conditions: list[str] = []
    parameters: dict[str, Any] = {}
    simple = {
        "status": record_filter.status,
        "kind": record_filter.kind,
        "category": record_filter.category,
        "document_id": record_filter.document_id,
    }
    for column, value in simple.items():
        if value is not None:
            conditions.append(f"r.{column} = :{column}")
            parameters[column] = value
    for party in ("supplier", "recipient"):
        value = getattr(record_filter, party)
        if value is not None:
            conditions.append(f"(r.{party} = :{party} OR r.{party}_name = :{party})")
            parameters[party] = value
    if record_filter.weapon is not None:
        conditions.append("(r.weapon = :weapon OR r.weapon_family = :weapon)")
        parameters["weapon"] = record_filter.weapon
    if record_filter.outlet is not None:
        conditions.append(f"({_SITE_MATCHES.format(site='d.site')})")
        parameters.update(_outlet_parameters(record_filter.outlet))
    # A partial date covers a range; comparing it with the bound cut to the same
    # length keeps it when the range overlaps ("2023" >= "2023" for 2023-06-01).
    effective_date = "coalesce(r.date, d.published)"
    if record_filter.since is not None:
        conditions.append(f"{effective_date} >= substr(:since, 1, length({effective_date}))")
        parameters["since"] = record_filter.since.isoformat()
    if record_filter.until is not None:
        conditions.append(f"{effective_date} <= substr(:until, 1, length({effective_date}))")
        parameters["until"] = record_filter.until.isoformat()
    if record_filter.record_ids is not None:
        # One JSON parameter, so any number of ids fits under SQLite's parameter limit.
        ids = dialect.json_values.format(array=":record_ids")
        conditions.append(f"r.id IN (SELECT value FROM {ids})")
        parameters["record_ids"] = json.dumps(list(record_filter.record_ids))
    if record_filter.review_state == "unreviewed":
        conditions.append("r.review_state IS NULL")
    elif record_filter.review_state is not None:
        conditions.append("r.review_state = :review_state")
        parameters["review_state"] = record_filter.review_state
    if not record_filter.include_rejected and record_filter.review_state != "rejected":
        conditions.append(NOT_REJECTED)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return where, parameters


def holds_record(records: RecordFilter, dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """Return the condition keeping documents `d` that hold a record matching `records`."""
    where, parameters = record_where(records, dialect)
    conditions = where.removeprefix("WHERE ") or "TRUE"
    # The record conditions refer to `r` and to its document `d`: the outer document.
    return (
        f"EXISTS (SELECT 1 FROM records r WHERE r.document_id = d.id AND ({conditions}))",
        parameters,
    )


def documents_where(
    records: RecordFilter | None, dialect: Dialect
) -> tuple[str, dict[str, Any]]:
    """Return the WHERE clause keeping documents `d` that hold a record matching `records`."""
    if records is None:
        return "", {}
    condition, parameters = holds_record(records, dialect)
    return f"WHERE {condition}", parameters


def deal_where(deal_filter: DealFilter, dialect: Dialect) -> tuple[str, dict[str, Any]]:
    """Return the WHERE clause (or "") selecting deals, and its values."""
    conditions: list[str] = []
    parameters: dict[str, Any] = {}
    for party in ("supplier", "recipient"):
        value = getattr(deal_filter, party)
        if value is not None:
            # A co-production partner is either party; partners are stored as a JSON list.
            partners = dialect.json_values.format(array="partners")
            conditions.append(
                f"({party} = :{party} OR {party}_name = :{party} OR "
                f"EXISTS (SELECT 1 FROM {partners} WHERE upper(value) = upper(:{party})))"
            )
            parameters[party] = value
    if deal_filter.status is not None:
        conditions.append("status = :status")
        parameters["status"] = deal_filter.status
    if deal_filter.weapon is not None:
        weapons = dialect.json_values.format(
            array=dialect.json_member.format(json="data", key="weapons")
        )
        conditions.append(
            "(weapon = :weapon OR weapon_family = :weapon OR EXISTS (SELECT 1 FROM "
            f"{weapons} WHERE lower(value) = lower(:weapon)))"
        )
        parameters["weapon"] = deal_filter.weapon
    if deal_filter.category is not None:
        conditions.append("category = :category")
        parameters["category"] = deal_filter.category
    if deal_filter.outlet is not None:
        sites = dialect.json_values.format(
            array=dialect.json_member.format(json="data", key="sites"))
        conditions.append(
            f"EXISTS (SELECT 1 FROM {sites} WHERE {_SITE_MATCHES.format(site='value')})")
        parameters.update(_outlet_parameters(deal_filter.outlet))
    if deal_filter.since is not None:
        conditions.append("last_seen >= :since")
        parameters["since"] = deal_filter.since.isoformat()
    if deal_filter.until is not None:
        conditions.append("first_seen <= :until")
        parameters["until"] = deal_filter.until.isoformat()
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    return where, parameters


# A site is the outlet or one of its subdomains; sites are stored in lower case, without www.
_SITE_MATCHES = "{site} = :outlet OR {site} LIKE :outlet_subdomains ESCAPE '!'"


def _outlet_parameters(outlet: str) -> dict[str, str]:
    # LIKE's wildcards are escaped: the outlet is matched as written.
    escaped = outlet.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return {"outlet": outlet, "outlet_subdomains": f"%.{escaped}"}


# ORDER BY terms per DEAL_ORDERS name (the filter validated it; no user text reaches SQL).
# Empty values sort last either way; ties go by id so pages never overlap.
_DEAL_ORDER_COLUMNS = {
    "last_seen": "last_seen",
    "first_seen": "first_seen",
    "supplier": "coalesce(supplier, supplier_name, partners)",
    "recipient": "coalesce(recipient, recipient_name)",
    "weapon": "weapon",
    "category": "category",
    "status": "status",
    "sources": "sources",
}


# ORDER BY terms per RECORD_ORDERS name but "stored" (no user text reaches SQL).
_RECORD_ORDER_COLUMNS = {
    "confidence": "r.confidence",
    "date": "r.date",
    "weapon": "r.weapon",
    "status": "r.status",
}


def record_order(record_filter: RecordFilter, dialect: Dialect) -> str:
    """Return the ORDER BY terms of the filter's sort: empty values last, ties as stored."""
    if record_filter.order_by == "stored":
        return dialect.record_order
    column = _RECORD_ORDER_COLUMNS[record_filter.order_by]
    direction = "DESC" if record_filter.descending else "ASC"
    return f"{column} IS NULL, {column} {direction}, {dialect.record_order}"


def deal_order(deal_filter: DealFilter) -> str:
    """Return the ORDER BY terms of the filter's sort."""
    column = _DEAL_ORDER_COLUMNS[deal_filter.order_by]
    direction = "DESC" if deal_filter.descending else "ASC"
    return f"{column} IS NULL, {column} {direction}, id"


# -- rows --------------------------------------------------------------------


def record_row(record: Record, stamp: str) -> dict[str, Any]:
    """Return the `records` row of a record stored at `stamp` (ISO time)."""
    return {
        "id": record.id,
        "document_id": record.document.id,
        "kind": record.kind,
        "supplier": record.supplier,
        "recipient": record.recipient,
        "supplier_name": record.supplier_name,
        "recipient_name": record.recipient_name,
        "partners": json.dumps(list(record.partners), ensure_ascii=False),
        "weapon": record.weapon,
        "weapon_family": record.weapon_family,
        "category": record.category,
        "quantity": record.quantity,
        "value_amount": record.value.amount if record.value else None,
        "value_currency": record.value.currency if record.value else None,
        "deal": record.deal,
        "status": record.status,
        "date": str(record.date) if record.date else None,
        "evidence_text": record.evidence.text,
        "evidence_start": record.evidence.start,
        "evidence_end": record.evidence.end,
        "confidence": record.confidence,
        "extra": json.dumps(record.extra, ensure_ascii=False, sort_keys=True),
        "extracted_at": stamp,
        "review_state": (record.extra.get("review") or {}).get("state"),
    }


def record_from_row(row: Mapping[str, Any], document: Document) -> Record:
    """Return the record a `records` row holds; `document` is the row's document."""
    amount = row["value_amount"]
    extra = json.loads(row["extra"])
    return Record(
        kind=row["kind"],
        weapon=row["weapon"],
        category=row["category"],
        status=row["status"],
        evidence=Evidence(row["evidence_text"], row["evidence_start"], row["evidence_end"]),
        document=document,
        supplier=row["supplier"],
        recipient=row["recipient"],
        supplier_name=row["supplier_name"],
        recipient_name=row["recipient_name"],
        partners=tuple(json.loads(row["partners"])),
        weapon_family=row["weapon_family"],
        quantity=row["quantity"],
        value=None if amount is None else Money(amount, row["value_currency"]),
        deal=row["deal"],
        date=PartialDate.parse(row["date"]) if row["date"] else None,
        confidence=row["confidence"],
        extra=extra,
        # A corrected record keeps the id it was extracted (and is stored) with.
        extracted_id=row["id"] if "review" in extra else None,
    )


def document_row(document: Document, stamp: str) -> dict[str, Any]:
    """Return the `documents` row of a document stored at `stamp` (ISO time)."""
    return {
        "id": document.id,
        "url": document.url,
        "title": document.title,
        "published": document.published.isoformat() if document.published else None,
        "source": document.source,
        "text": document.text,
        "ingested_at": stamp,
        "site": site_of(document.url),
    }


def document_from_row(row: Mapping[str, Any]) -> Document:
    """Return the document a `documents` row holds."""
    return Document(
        id=row["id"],
        text=row["text"],
        source=row["source"],
        url=row["url"],
        title=row["title"],
        published=parse_day(row["published"]),
    )


def search_hit_from_row(row: Mapping[str, Any], snippet: str, score: float) -> SearchHit:
    """Return the hit a search row (`id`, `title`, `url`, `published`) gives, with its snippet."""
    return SearchHit(
        document_id=row["id"],
        title=row["title"],
        url=row["url"],
        published=parse_day(row["published"]),
        snippet=snippet,
        score=score,
    )


def deal_row(deal: Deal) -> dict[str, Any]:
    """Return the `deals` row of a deal: its filter columns and the whole deal as JSON."""
    data = deal.to_json()
    return {
        **{column: data[column] for column in DEAL_COLUMNS if column in data},
        "partners": json.dumps(list(deal.partners)),
        "sources": deal.source_count,
        "data": json.dumps(data, ensure_ascii=False, sort_keys=True),
    }


def parse_day(text: str | None) -> dt.date | None:
    """Return the date of an ISO day string, or None for None or ""."""
    return dt.date.fromisoformat(text) if text else None
