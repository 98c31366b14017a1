"""Small documents and records for the store tests, written for these tests.

Kept free of pytest and of relative imports so a writer subprocess can import
it too (see test_sqlite_durability.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from armstrace.model import Document, Evidence, Record, make_document_id

PUBLISHED = dt.date(2024, 3, 14)
SENTENCE = "Norway will hand over four coastal radars to Estonia next spring, officials said."


def make_document(number: int = 0, *, text: str | None = None, **overrides: Any) -> Document:
    """Return a short news item; distinct numbers give distinct ids."""
    body = text or (
        f"Bulletin {number}. {SENTENCE} The radars watch the approaches to the Gulf of "
        "Finland. A ministry spokesperson declined to name the price."
    )
    fields: dict[str, Any] = {
        "id": make_document_id(body),
        "text": body,
        "source": f"fixtures/bulletin-{number}.txt",
        "url": f"https://news.example/bulletin-{number}",
        "title": f"Radars for Estonia, bulletin {number}",
        "published": PUBLISHED,
    }
    fields.update(overrides)
    return Document(**fields)


def make_record(document: Document, sentence: str = SENTENCE, **overrides: Any) -> Record:
    """Return a record whose evidence is `sentence` as it appears in the document."""
    start = document.text.index(sentence)
    fields: dict[str, Any] = {
        "kind": "transfer",
        "supplier": "NOR",
        "recipient": "EST",
        "weapon": "coastal radar",
        "category": "sensor",
        "status": "planned",
        "deal": "donation",
        "quantity": 4,
        "evidence": Evidence(sentence, start, start + len(sentence)),
        "document": document,
        "confidence": 0.75,
    }
    fields.update(overrides)
    return Record(**fields)


def make_records(document: Document, count: int) -> list[Record]:
    """Return `count` records of the document with distinct ids."""
    return [make_record(document, weapon=f"coastal radar model {k}") for k in range(count)]


# Two documents from two outlets, each with a record of its own deal (the outlet filter).
OUTLET_URLS = {"EST": "https://www.reuters.com/world/a", "LVA": "https://www.bbc.co.uk/news/b"}


def add_outlet_documents(store: Any) -> None:
    """Store one document from each of `OUTLET_URLS`, its record sent to that recipient,
    and merge the deals (a store of armstrace.store)."""
    from armstrace.merge import update_deals

    for number, (recipient, url) in enumerate(OUTLET_URLS.items()):
        document = make_document(number, url=url)
        store.add_document(document, [make_record(document, recipient=recipient)])
    update_deals(store)
