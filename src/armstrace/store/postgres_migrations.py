"""The PostgreSQL schema, built and upgraded by a list of migrations.

The same tables and columns as SQLite's (`migrations.py`): dates and JSON as
text, so the stores share their SQL. What is PostgreSQL's own: identity columns
for the stored order, an ICU collation that compares names ignoring case (what
SQLite's NOCASE does), and full-text search in a generated `tsvector` column
with a GIN index, its text search configuration removing accents.

The table `armstrace_schema_version` holds how many migrations the schema has
had. Opening a store applies the missing ones in one transaction, under an
advisory lock so two processes opening a new database at once take turns (the
runner, shared with SQLite, is `migration_runner.py`).
Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg

from armstrace.errors import StoreError
from armstrace.model import site_of
from armstrace.store.migration_runner import apply_migrations
from armstrace.store.migrations import APPLICATION_ID
from armstrace.store.user_names import find_case_clashes, removal_time, report_case_clashes

_log = logging.getLogger(__name__)

# The text search configuration of `documents.search_vector` and of the queries.
TEXT_SEARCH_CONFIG = "armstrace_english"

_CREATE_NOCASE = (
    # Case-insensitive equality for names, ISO codes and weapons, like SQLite's NOCASE.
    "CREATE COLLATION armstrace_nocase "
    "(provider = icu, locale = 'und-u-ks-level2', deterministic = false)"
)

_CREATE_DOCUMENTS = f"""
CREATE TABLE documents (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL UNIQUE,
    url text,
    title text,
    published text COLLATE "C",
    source text NOT NULL,
    text text NOT NULL,
    ingested_at text NOT NULL,
    -- Words in the title weigh more (A) than words in the body (B).
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('{TEXT_SEARCH_CONFIG}'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('{TEXT_SEARCH_CONFIG}'::regconfig, text), 'B')
    ) STORED
)
"""

_CREATE_RECORDS = """
CREATE TABLE records (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id text PRIMARY KEY,
    document_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind text NOT NULL,
    supplier text COLLATE armstrace_nocase,
    recipient text COLLATE armstrace_nocase,
    supplier_name text COLLATE armstrace_nocase,
    recipient_name text COLLATE armstrace_nocase,
    partners text NOT NULL DEFAULT '[]',
    weapon text NOT NULL COLLATE armstrace_nocase,
    weapon_family text COLLATE armstrace_nocase,
    category text NOT NULL,
    quantity bigint,
    value_amount bigint,
    value_currency text,
    deal text NOT NULL,
    status text NOT NULL,
    date text COLLATE "C",
    evidence_text text NOT NULL,
    evidence_start integer NOT NULL,
    evidence_end integer NOT NULL,
    confidence double precision NOT NULL,
    extra text NOT NULL DEFAULT '{}',
    extracted_at text NOT NULL,
    review_state text
)
"""

_CREATE_SKIPPED = """
CREATE TABLE skipped (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source text NOT NULL,
    stage text NOT NULL,
    reason text NOT NULL,
    document_id text,
    first_seen text COLLATE "C" NOT NULL,
    last_seen text COLLATE "C" NOT NULL,
    count integer NOT NULL DEFAULT 1,
    UNIQUE (source, stage, reason)
)
"""

_CREATE_DEALS = """
CREATE TABLE deals (
    id text PRIMARY KEY,
    key text NOT NULL,
    kind text NOT NULL,
    supplier text COLLATE armstrace_nocase,
    recipient text COLLATE armstrace_nocase,
    supplier_name text COLLATE armstrace_nocase,
    recipient_name text COLLATE armstrace_nocase,
    -- the collation of the names, since deals sort by coalesce(supplier, …, partners)
    partners text COLLATE armstrace_nocase NOT NULL DEFAULT '[]',
    weapon text NOT NULL COLLATE armstrace_nocase,
    weapon_family text COLLATE armstrace_nocase,
    category text NOT NULL,
    status text NOT NULL,
    first_seen text COLLATE "C",
    last_seen text COLLATE "C",
    sources integer NOT NULL,
    data text NOT NULL
)
"""

_CREATE_DEAL_RECORDS = """
CREATE TABLE deal_records (
    record_id text PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
    deal_id text NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    deal_key text NOT NULL
)
"""

_CREATE_USERS = """
CREATE TABLE users (
    name text PRIMARY KEY,
    password_hash text NOT NULL,
    created text NOT NULL
)
"""

_CREATE_RECORD_DECISIONS = """
CREATE TABLE record_decisions (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id text NOT NULL,
    action text NOT NULL CHECK (action IN ('confirm', 'reject', 'correct')),
    user_name text NOT NULL REFERENCES users (name),
    reason text NOT NULL,
    at text NOT NULL,
    fields text NOT NULL DEFAULT '{}'
)
"""

_CREATE_DEAL_DECISIONS = """
CREATE TABLE deal_decisions (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action text NOT NULL CHECK (action IN ('merge', 'split')),
    deal_ids text NOT NULL,
    record_ids text NOT NULL,
    user_name text NOT NULL REFERENCES users (name),
    reason text NOT NULL,
    at text NOT NULL
)
"""

_CREATE_INDEXES = (
    "CREATE INDEX documents_search ON documents USING gin (search_vector)",
    "CREATE INDEX documents_published ON documents (published)",
    "CREATE INDEX records_document_id ON records (document_id)",
    "CREATE INDEX records_supplier ON records (supplier)",
    "CREATE INDEX records_recipient ON records (recipient)",
    "CREATE INDEX records_supplier_name ON records (supplier_name)",
    "CREATE INDEX records_recipient_name ON records (recipient_name)",
    "CREATE INDEX records_status ON records (status)",
    "CREATE INDEX records_kind ON records (kind)",
    "CREATE INDEX records_category ON records (category)",
    "CREATE INDEX records_weapon ON records (weapon)",
    "CREATE INDEX records_weapon_family ON records (weapon_family)",
    "CREATE INDEX records_date ON records (date)",
    "CREATE INDEX records_review_state ON records (review_state)",
    "CREATE INDEX deals_key ON deals (key)",
    "CREATE INDEX deals_supplier ON deals (supplier)",
    "CREATE INDEX deals_recipient ON deals (recipient)",
    "CREATE INDEX deals_status ON deals (status)",
    "CREATE INDEX deals_last_seen ON deals (last_seen)",
    "CREATE INDEX deal_records_deal_id ON deal_records (deal_id)",
    "CREATE INDEX deal_records_deal_key ON deal_records (deal_key)",
    "CREATE INDEX record_decisions_record_id ON record_decisions (record_id)",
)


# Live feeds and watchlists: SQLite's migration 4.
_CREATE_FETCHES = """
CREATE TABLE fetches (
    url text PRIMARY KEY,
    fetched_at text NOT NULL,
    status integer,
    etag text,
    last_modified text,
    final_url text,
    document_id text,
    problem text
)
"""

_CREATE_WATCHLISTS = """
CREATE TABLE watchlists (
    id text PRIMARY KEY,
    conditions text NOT NULL,
    webhook text,
    created text NOT NULL
)
"""

_CREATE_ALERTS = """
CREATE TABLE alerts (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text NOT NULL UNIQUE,
    watchlist_id text NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    deal_id text NOT NULL,
    state text NOT NULL,
    change text NOT NULL,
    deal text NOT NULL,
    created text NOT NULL,
    delivered text
)
"""


def _create_text_search_config(connection: psycopg.Connection[Any]) -> None:
    """Create the text search configuration: English stems, accents removed where possible.

    `unaccent` (PostgreSQL's contrib, a trusted extension) lets "Turkiye" find
    "Türkiye"; without it (not installed, or no right to create it) search still
    works, accents and all, and a warning says so.
    """
    connection.execute(
        f"CREATE TEXT SEARCH CONFIGURATION {TEXT_SEARCH_CONFIG} (COPY = pg_catalog.english)"
    )
    try:
        with connection.transaction():
            connection.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    except psycopg.Error as exc:
        _log.warning(
            "the unaccent extension cannot be created (%s); search will not ignore accents",
            str(exc).splitlines()[0],
        )
        return
    row = connection.execute(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
    ).fetchone()
    schema = _values(row)[0]
    connection.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {TEXT_SEARCH_CONFIG} "
        f"ALTER MAPPING FOR hword, hword_part, word WITH {schema}.unaccent, english_stem"
    )


_CREATE_WEB_SESSIONS = """
CREATE TABLE web_sessions (
    token_hash text PRIMARY KEY,
    user_name text NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    created text NOT NULL,
    expires text NOT NULL,
    notice text
)
"""

_CREATE_SIPRI_RELEASE = """
CREATE TABLE sipri_release (
    -- one row: the release of SIPRI's trade register last imported
    source text NOT NULL,
    generated text,
    digest text NOT NULL,
    imported_at text NOT NULL,
    row_count integer NOT NULL,
    last_year integer
)
"""

_CREATE_SIPRI_ROWS = """
CREATE TABLE sipri_rows (
    seq integer PRIMARY KEY,
    line integer NOT NULL,
    supplier text,
    supplier_name text NOT NULL,
    recipient text,
    recipient_name text NOT NULL,
    order_year integer,
    order_year_estimated integer NOT NULL,
    number_ordered integer,
    number_ordered_estimated integer NOT NULL,
    designation text NOT NULL,
    description text NOT NULL,
    number_delivered integer,
    number_delivered_estimated integer NOT NULL,
    delivery_years text NOT NULL,
    status text NOT NULL,
    comments text NOT NULL,
    tiv_per_unit double precision,
    tiv_total double precision,
    tiv_delivered double precision
)
"""

Migration = tuple[str | Callable[[psycopg.Connection[Any]], None], ...]

# SQLite's migration 7: the values a record decision found, and API tokens (hashed).
_CREATE_API_TOKENS = """
CREATE TABLE api_tokens (
    id text PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    user_name text NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    label text NOT NULL DEFAULT '',
    created text NOT NULL,
    last_used text,
    revoked text
)
"""


def _remove_case_clashes(connection: psycopg.Connection[Any]) -> None:
    """Remove all but the first created of the users whose names differ only by case
    (`armstrace.store.user_names`), so the index of names ignoring case can be built."""
    users = connection.execute("SELECT name, created FROM users WHERE removed IS NULL")
    clashes = find_case_clashes((values[0], values[1])
                                for values in map(_values, users.fetchall()))
    at = removal_time()
    for clash in clashes:
        connection.execute("UPDATE users SET removed = %s WHERE name = %s", (at, clash.removed))
        connection.execute("DELETE FROM web_sessions WHERE user_name = %s", (clash.removed,))
        connection.execute("UPDATE api_tokens SET revoked = %s "
                           "WHERE user_name = %s AND revoked IS NULL", (at, clash.removed))
    label = _values(connection.execute("SELECT current_database()").fetchone())[0]
    report_case_clashes(f"PostgreSQL database {label}", clashes)


def _fill_document_sites(connection: psycopg.Connection[Any]) -> None:
    """Give every stored document its outlet, the host of its URL (`model.site_of`)."""
    rows = connection.execute("SELECT id, url FROM documents WHERE url IS NOT NULL").fetchall()
    with connection.cursor() as cursor:
        cursor.executemany("UPDATE documents SET site = %s WHERE id = %s",
                           [(site_of(values[1]), values[0]) for values in map(_values, rows)])


MIGRATIONS: tuple[Migration, ...] = (
    # The schema of SQLite's migrations 1 to 3: documents, records, skipped; deals; review.
    (
        _CREATE_NOCASE,
        _create_text_search_config,
        _CREATE_DOCUMENTS,
        _CREATE_RECORDS,
        _CREATE_SKIPPED,
        _CREATE_DEALS,
        _CREATE_DEAL_RECORDS,
        _CREATE_USERS,
        _CREATE_RECORD_DECISIONS,
        _CREATE_DEAL_DECISIONS,
        *_CREATE_INDEXES,
    ),
    # SQLite's migration 4: fetch states, watchlists and alerts.
    (
        _CREATE_FETCHES,
        _CREATE_WATCHLISTS,
        _CREATE_ALERTS,
        "CREATE INDEX alerts_watchlist_deal ON alerts (watchlist_id, deal_id)",
    ),
    # SQLite's migration 5: signed-in web sessions.
    (
        _CREATE_WEB_SESSIONS,
        "CREATE INDEX web_sessions_user_name ON web_sessions (user_name)",
    ),
    # SQLite's migration 6: the imported release of SIPRI's trade register.
    (
        _CREATE_SIPRI_RELEASE,
        _CREATE_SIPRI_ROWS,
        "CREATE INDEX sipri_rows_parties ON sipri_rows (supplier, recipient)",
    ),
    # SQLite's migration 7: the audit trail's old values, and API tokens.
    (
        "ALTER TABLE record_decisions ADD COLUMN previous text",
        _CREATE_API_TOKENS,
        "CREATE INDEX api_tokens_user_name ON api_tokens (user_name)",
    ),
    # SQLite's migration 8: user names ignore case; removed users keep their names.
    (
        "ALTER TABLE users ADD COLUMN removed text",
        _remove_case_clashes,
        "CREATE UNIQUE INDEX users_name_folded ON users (lower(name)) WHERE removed IS NULL",
    ),
    # SQLite's migration 9: the outlet of each document, for the outlet filter.
    (
        "ALTER TABLE documents ADD COLUMN site text",
        _fill_document_sites,
        "CREATE INDEX documents_site ON documents (site)",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)

_VERSION_TABLE = "armstrace_schema_version"


def migrate_postgres(connection: psycopg.Connection[Any], label: str) -> int:
    """Apply the missing migrations in one transaction; return the schema version.

    The connection must be in autocommit mode; its schema is the first of its
    search_path (`public` unless the URL says `?options=-csearch_path%3D…`).
    """
    return apply_migrations(PostgresSchemaHistory(connection, label), MIGRATIONS)


def read_schema_version(connection: psycopg.Connection[Any], label: str) -> int:
    """Return the number of migrations the schema has had (0 for a new one)."""
    row = connection.execute(
        "SELECT current_schema() IS NULL AS no_schema, to_regclass(%s) IS NULL AS absent",
        (_VERSION_TABLE,),
    ).fetchone()
    no_schema, absent = _values(row)
    if no_schema:
        raise StoreError(
            f"{label}: no schema of the search_path exists; create it (CREATE SCHEMA …) "
            "or leave search_path out of the URL to use public"
        )
    if absent:
        return 0
    found = connection.execute(f"SELECT max(version) FROM {_VERSION_TABLE}").fetchone()
    return int(_values(found)[0] or 0)


@dataclass(frozen=True)
class PostgresSchemaHistory:
    """The schema version of a PostgreSQL schema, kept in its table `armstrace_schema_version`."""

    connection: psycopg.Connection[Any]
    label: str

    @contextmanager
    def migrating(self) -> Iterator[None]:
        """Hold a transaction and an advisory lock, so two processes migrate in turn."""
        with self.connection.transaction():
            # Keyed on the schema, so stores in two schemas of one database do not wait.
            self.connection.execute(
                "SELECT pg_advisory_xact_lock(%s::integer, "
                "hashtext(coalesce(current_schema(), '')))",
                (APPLICATION_ID,),
            )
            yield

    def read_version(self) -> int:
        """Return the number of migrations the schema has had (0 for a new one)."""
        return read_schema_version(self.connection, self.label)

    def check_owner(self, version: int) -> None:
        """Raise `StoreError` when a schema with no version holds tables of its own."""
        if version != 0:
            return
        rows = self.connection.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() ORDER BY table_name"
        ).fetchall()
        tables = [_values(row)[0] for row in rows]
        if tables:
            raise StoreError(
                f"{self.label} is a PostgreSQL database but not an armstrace one (its schema "
                f"has tables {', '.join(tables)}); pass a new database, or another schema with "
                "?options=-csearch_path%3Dname"
            )

    def apply(self, step: str | Callable[[psycopg.Connection[Any]], None]) -> None:
        """Run one statement of a migration, or one function given the connection."""
        if callable(step):
            step(self.connection)
        else:
            self.connection.execute(step)

    def write_version(self, previous: int, version: int) -> None:
        """Set the version, creating its table in a schema migrated for the first time."""
        if previous == 0:
            self.connection.execute(f"CREATE TABLE {_VERSION_TABLE} (version integer NOT NULL)")
            self.connection.execute(f"INSERT INTO {_VERSION_TABLE} VALUES (0)")
        self.connection.execute(f"UPDATE {_VERSION_TABLE} SET version = %s", (version,))


def _values(row: object) -> tuple[Any, ...]:
    """Return a row's values whether the connection gives tuples or dicts."""
    if isinstance(row, dict):
        return tuple(row.values())
    if not isinstance(row, tuple):
        raise StoreError(f"PostgreSQL returned no row where one was expected ({row!r})")
    return row
