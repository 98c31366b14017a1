"""The SQLite schema, built and upgraded by a list of migrations.

`PRAGMA user_version` holds how many migrations a database has had. Opening a
database applies the missing ones in order, all in one transaction, so a
database is never left half-migrated (the runner, shared with PostgreSQL, is
`migration_runner.py`). Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from armstrace.errors import StoreError
from armstrace.model import site_of
from armstrace.store.migration_runner import apply_migrations, check_version
from armstrace.store.user_names import find_case_clashes, removal_time, report_case_clashes

# 'ARMS' in ASCII: lets `file`-like tools and this module recognise the database.
APPLICATION_ID = 0x41524D53

_CREATE_DOCUMENTS = """
CREATE TABLE documents (
    -- an integer key of its own because the full-text index refers to rows by a
    -- number, and only an INTEGER PRIMARY KEY is guaranteed to survive VACUUM
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    title TEXT,
    published TEXT,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
)
"""

_CREATE_RECORDS = """
CREATE TABLE records (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    supplier TEXT COLLATE NOCASE,
    recipient TEXT COLLATE NOCASE,
    supplier_name TEXT COLLATE NOCASE,
    recipient_name TEXT COLLATE NOCASE,
    partners TEXT NOT NULL DEFAULT '[]',
    weapon TEXT NOT NULL COLLATE NOCASE,
    weapon_family TEXT COLLATE NOCASE,
    category TEXT NOT NULL,
    quantity INTEGER,
    value_amount INTEGER,
    value_currency TEXT,
    deal TEXT NOT NULL,
    status TEXT NOT NULL,
    date TEXT,
    evidence_text TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    confidence REAL NOT NULL,
    extra TEXT NOT NULL DEFAULT '{}',
    extracted_at TEXT NOT NULL
)
"""

_CREATE_SKIPPED = """
CREATE TABLE skipped (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    document_id TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 1,
    UNIQUE (source, stage, reason)
)
"""

# External-content FTS5: the text lives once, in `documents`; the index is kept
# in step by triggers. Porter stemming so "drone" finds "drones"; diacritics
# removed so "Turkiye" finds "Türkiye".
_CREATE_DOCUMENTS_FTS = """
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title,
    text,
    content = 'documents',
    content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""

_CREATE_FTS_TRIGGERS = (
    """
    CREATE TRIGGER documents_after_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
    END
    """,
    """
    CREATE TRIGGER documents_after_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END
    """,
    """
    CREATE TRIGGER documents_after_update AFTER UPDATE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
    END
    """,
)

_CREATE_INDEXES = (
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
)

# Deals (spec section 3): each row holds the deal as JSON (`Deal.to_json()`) plus
# the columns that `armstrace deals` filters on; `deal_records` links every
# merged record to its deal under the key the merge grouped it by, so an
# ingest re-merges only the keys its new records have.
_CREATE_DEALS = """
CREATE TABLE deals (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    supplier TEXT COLLATE NOCASE,
    recipient TEXT COLLATE NOCASE,
    supplier_name TEXT COLLATE NOCASE,
    recipient_name TEXT COLLATE NOCASE,
    partners TEXT NOT NULL DEFAULT '[]',
    weapon TEXT NOT NULL COLLATE NOCASE,
    weapon_family TEXT COLLATE NOCASE,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    sources INTEGER NOT NULL,
    data TEXT NOT NULL
)
"""

_CREATE_DEAL_RECORDS = """
CREATE TABLE deal_records (
    record_id TEXT PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
    deal_id TEXT NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    deal_key TEXT NOT NULL
)
"""

_CREATE_DEAL_INDEXES = (
    "CREATE INDEX deals_key ON deals (key)",
    "CREATE INDEX deals_supplier ON deals (supplier)",
    "CREATE INDEX deals_recipient ON deals (recipient)",
    "CREATE INDEX deals_status ON deals (status)",
    "CREATE INDEX deals_last_seen ON deals (last_seen)",
    "CREATE INDEX deal_records_deal_id ON deal_records (deal_id)",
    "CREATE INDEX deal_records_deal_key ON deal_records (deal_key)",
)

# Review (issue 5): analysts, and every decision they make, never deleted. Decisions
# name records by their extracted id with no foreign key, since re-extraction
# replaces the records and the decisions must outlive them. `records.review_state`
# is the state the decisions left the stored record in (NULL: unreviewed).
_CREATE_USERS = """
CREATE TABLE users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created TEXT NOT NULL
)
"""

_CREATE_RECORD_DECISIONS = """
CREATE TABLE record_decisions (
    seq INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'correct')),
    user_name TEXT NOT NULL REFERENCES users (name),
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    fields TEXT NOT NULL DEFAULT '{}'
)
"""

_CREATE_DEAL_DECISIONS = """
CREATE TABLE deal_decisions (
    seq INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
    deal_ids TEXT NOT NULL,
    record_ids TEXT NOT NULL,
    user_name TEXT NOT NULL REFERENCES users (name),
    reason TEXT NOT NULL,
    at TEXT NOT NULL
)
"""

# Live feeds and watchlists (issue 7). `fetches` remembers every URL fetched, so
# no article page is fetched twice across runs and feeds are asked conditionally;
# an alert keeps the deal as it read when it matched (the Atom feed shows that).
# IF NOT EXISTS: a database taken back to an older version by hand (the tests do)
# keeps these tables, and migrating it forward again must not fail on them.
_CREATE_FETCHES = """
CREATE TABLE IF NOT EXISTS fetches (
    url TEXT PRIMARY KEY,
    fetched_at TEXT NOT NULL,
    status INTEGER,
    etag TEXT,
    last_modified TEXT,
    final_url TEXT,
    document_id TEXT,
    problem TEXT
)
"""

_CREATE_WATCHLISTS = """
CREATE TABLE IF NOT EXISTS watchlists (
    id TEXT PRIMARY KEY,
    conditions TEXT NOT NULL,
    webhook TEXT,
    created TEXT NOT NULL
)
"""

_CREATE_ALERTS = """
CREATE TABLE IF NOT EXISTS alerts (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    watchlist_id TEXT NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    deal_id TEXT NOT NULL,
    state TEXT NOT NULL,
    change TEXT NOT NULL,
    deal TEXT NOT NULL,
    created TEXT NOT NULL,
    delivered TEXT
)
"""

# A signed-in browser session: the cookie holds a random token, the table its SHA-256
# (a copy of the database signs no one in). Signing out deletes the row; a new password
# deletes every row of its user. `notice` is the one-line report shown after a write.
_CREATE_WEB_SESSIONS = """
CREATE TABLE web_sessions (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    created TEXT NOT NULL,
    expires TEXT NOT NULL,
    notice TEXT
)
"""

_CREATE_SIPRI_RELEASE = """
CREATE TABLE IF NOT EXISTS sipri_release (
    -- one row: the release of SIPRI's trade register last imported
    source TEXT NOT NULL,
    generated TEXT,
    digest TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    last_year INTEGER
)
"""

_CREATE_SIPRI_ROWS = """
CREATE TABLE IF NOT EXISTS sipri_rows (
    seq INTEGER PRIMARY KEY,
    line INTEGER NOT NULL,
    supplier TEXT,
    supplier_name TEXT NOT NULL,
    recipient TEXT,
    recipient_name TEXT NOT NULL,
    order_year INTEGER,
    order_year_estimated INTEGER NOT NULL,
    number_ordered INTEGER,
    number_ordered_estimated INTEGER NOT NULL,
    designation TEXT NOT NULL,
    description TEXT NOT NULL,
    number_delivered INTEGER,
    number_delivered_estimated INTEGER NOT NULL,
    delivery_years TEXT NOT NULL,
    status TEXT NOT NULL,
    comments TEXT NOT NULL,
    tiv_per_unit REAL,
    tiv_total REAL,
    tiv_delivered REAL
)
"""

# The audit trail and scripts' writes (issue 14): a record decision keeps the values its
# record had before it (`previous`, JSON; NULL for decisions stored before), and API
# tokens are kept as their SHA-256 only (armstrace.review.tokens).
_CREATE_API_TOKENS = """
CREATE TABLE IF NOT EXISTS api_tokens (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    label TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    last_used TEXT,
    revoked TEXT
)
"""


def _remove_case_clashes(connection: sqlite3.Connection) -> None:
    """Remove all but the first created of the users whose names differ only by case
    (`armstrace.store.user_names`), so the index of names ignoring case can be built."""
    users = connection.execute(
        "SELECT name, created FROM users WHERE removed IS NULL").fetchall()
    clashes = find_case_clashes((row[0], row[1]) for row in users)
    at = removal_time()
    for clash in clashes:
        parameters = {"name": clash.removed, "at": at}
        connection.execute("UPDATE users SET removed = :at WHERE name = :name", parameters)
        connection.execute("DELETE FROM web_sessions WHERE user_name = :name", parameters)
        connection.execute("UPDATE api_tokens SET revoked = :at "
                           "WHERE user_name = :name AND revoked IS NULL", parameters)
    label = connection.execute("PRAGMA database_list").fetchone()[2] or "the database"
    report_case_clashes(label, clashes)


def _fill_document_sites(connection: sqlite3.Connection) -> None:
    """Give every stored document its outlet, the host of its URL (`model.site_of`)."""
    rows = connection.execute("SELECT id, url FROM documents WHERE url IS NOT NULL").fetchall()
    connection.executemany("UPDATE documents SET site = ? WHERE id = ?",
                           [(site_of(row[1]), row[0]) for row in rows])


# The FTS index follows a document's title and text only; an update of any other column
# (filling `site`) leaves it alone instead of indexing the text again.
_CREATE_FTS_UPDATE_TRIGGER = """
CREATE TRIGGER documents_after_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END
"""

def _add_column(table: str, column: str, declaration: str) -> Callable[[sqlite3.Connection], None]:
    """Return a step adding a column unless the table has it: a database taken back to an
    older version by hand (the tests do) keeps its newer columns."""

    def add_column(connection: sqlite3.Connection) -> None:
        columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        if column not in columns:
            connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")

    return add_column


# A step is one SQL statement, or a function given the connection.
Migration = tuple[str | Callable[[sqlite3.Connection], None], ...]

MIGRATIONS: tuple[Migration, ...] = (
    (
        f"PRAGMA application_id = {APPLICATION_ID}",
        _CREATE_DOCUMENTS,
        _CREATE_RECORDS,
        _CREATE_SKIPPED,
        _CREATE_DOCUMENTS_FTS,
        *_CREATE_FTS_TRIGGERS,
        *_CREATE_INDEXES,
    ),
    (
        _CREATE_DEALS,
        _CREATE_DEAL_RECORDS,
        *_CREATE_DEAL_INDEXES,
    ),
    (
        _CREATE_USERS,
        _CREATE_RECORD_DECISIONS,
        _CREATE_DEAL_DECISIONS,
        "CREATE INDEX record_decisions_record_id ON record_decisions (record_id)",
        "ALTER TABLE records ADD COLUMN review_state TEXT",
        "CREATE INDEX records_review_state ON records (review_state)",
    ),
    (
        _CREATE_FETCHES,
        _CREATE_WATCHLISTS,
        _CREATE_ALERTS,
        "CREATE INDEX IF NOT EXISTS alerts_watchlist_deal ON alerts (watchlist_id, deal_id)",
    ),
    (
        _CREATE_WEB_SESSIONS,
        "CREATE INDEX web_sessions_user_name ON web_sessions (user_name)",
    ),
    (
        _CREATE_SIPRI_RELEASE,
        _CREATE_SIPRI_ROWS,
        "CREATE INDEX IF NOT EXISTS sipri_rows_parties ON sipri_rows (supplier, recipient)",
    ),
    (
        "ALTER TABLE record_decisions ADD COLUMN previous TEXT",
        _CREATE_API_TOKENS,
        "CREATE INDEX IF NOT EXISTS api_tokens_user_name ON api_tokens (user_name)",
    ),
    # User names ignore case, and a user can be removed (issue 14): `removed` is when;
    # a removed user's name stays, for the decisions that carry it.
    (
        _add_column("users", "removed", "TEXT"),
        _remove_case_clashes,
        "CREATE UNIQUE INDEX IF NOT EXISTS users_name_folded ON users (lower(name)) "
        "WHERE removed IS NULL",
    ),
    # The outlet of each document (the host of its URL without www.), for the outlet
    # filter of records and deals (issue 14).
    (
        _add_column("documents", "site", "TEXT"),
        "DROP TRIGGER documents_after_update",
        _CREATE_FTS_UPDATE_TRIGGER,
        _fill_document_sites,
        "CREATE INDEX IF NOT EXISTS documents_site ON documents (site)",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


def read_schema_version(connection: sqlite3.Connection) -> int:
    """Return the number of migrations the database has had."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate_database(connection: sqlite3.Connection, label: str) -> int:
    """Apply the missing migrations in one transaction; return the schema version.

    The connection must be in autocommit mode (`isolation_level=None`).
    """
    history = SQLiteSchemaHistory(connection, label)
    # Read before taking the write lock: a database that is up to date opens
    # without waiting for another process's write.
    version = history.read_version()
    if version == SCHEMA_VERSION:
        return version
    check_version(history, version, SCHEMA_VERSION)
    return apply_migrations(history, MIGRATIONS)


@dataclass(frozen=True)
class SQLiteSchemaHistory:
    """The schema version of an SQLite database, kept in `PRAGMA user_version`."""

    connection: sqlite3.Connection
    label: str

    @contextmanager
    def migrating(self) -> Iterator[None]:
        """Hold the database's write lock for one transaction, rolled back on an error."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def read_version(self) -> int:
        """Return the number of migrations the database has had."""
        return read_schema_version(self.connection)

    def check_owner(self, version: int) -> None:
        """Raise `StoreError` unless the database is armstrace's or an empty one."""
        application_id = int(self.connection.execute("PRAGMA application_id").fetchone()[0])
        if application_id not in (0, APPLICATION_ID):
            raise StoreError(
                f"{self.label} is an SQLite database of another application "
                f"(application_id {application_id:#x}); pass a new file name for armstrace"
            )
        if version == 0:
            tables = [
                row[0]
                for row in self.connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                )
            ]
            if tables:
                raise StoreError(
                    f"{self.label} is an SQLite database but not an armstrace one (it has "
                    f"tables {', '.join(tables)}); pass a new file name for armstrace"
                )

    def apply(self, step: str | Callable[[sqlite3.Connection], None]) -> None:
        """Run one statement of a migration, or one function given the connection."""
        if callable(step):
            step(self.connection)
        else:
            self.connection.execute(step)

    def write_version(self, previous: int, version: int) -> None:
        """Set `PRAGMA user_version` to the number of migrations applied."""
        self.connection.execute(f"PRAGMA user_version = {version:d}")
