"""Hand-made records about one invented fighter sale, written for these tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from armstrace.model import Document, Evidence, PartialDate, Record, make_document_id


def make_document(number: int, published: dt.date, site: str = "news.example") -> Document:
    """Return a one-sentence article; distinct numbers give distinct ids."""
    text = f"Report {number}. Sweden and Thailand discussed the Gripen fighters again."
    return Document(
        id=make_document_id(text),
        text=text,
        source=f"fixtures/report-{number}.txt",
        url=f"https://www.{site}/report-{number}",
        title=f"Report {number}",
        published=published,
    )


def make_record(document: Document, **overrides: Any) -> Record:
    """Return a Sweden -> Thailand Gripen record of the document; fields may be overridden."""
    sentence = "Sweden and Thailand discussed the Gripen fighters again."
    start = document.text.index(sentence)
    fields: dict[str, Any] = {
        "kind": "transfer",
        "supplier": "SWE",
        "recipient": "THA",
        "weapon": "Gripen C",
        "weapon_family": "Gripen",
        "category": "aircraft",
        "status": "ordered",
        "evidence": Evidence(sentence, start, start + len(sentence)),
        "document": document,
    }
    if isinstance(overrides.get("date"), str):
        overrides["date"] = PartialDate.parse(overrides["date"])
    fields.update(overrides)
    return Record(**fields)
