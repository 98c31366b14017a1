"""Tests of the bundled demo sample: every file parses and the gold file is consistent."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import pycountry
import pytest

import armstrace
from armstrace.evaluate import document_keys, load_doc_list, load_gold, score
from armstrace.ingest import read_paths
from armstrace.model import Document

DEMO = Path(armstrace.__file__).parent / "demo_data"
ARTICLES = DEMO / "articles"
TXT_FILES = sorted(ARTICLES.glob("*.txt"))
JSONL = ARTICLES / "demo-articles.jsonl"
FEED = ARTICLES / "demo-wire.xml"
HTML = ARTICLES / "hungary-leopard-order.html"
WORDS = range(150, 351)  # article length asked of the sample
FORMER_STATES = {"XKX", "SUN", "CSK", "YUG", "DDR"}  # codes the contract allows beyond ISO 3166-1


def words(text: str) -> int:
    return len(text.split())


def plain(markup: str) -> str:
    """Return markup as one line of text (tags dropped, entities resolved, spaces collapsed)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def txt_body(path: Path) -> str:
    """Return the text the development set's convention gives a .txt file (after the title)."""
    return path.read_text(encoding="utf-8").split("\n", 1)[1].strip()


def jsonl_items() -> list[dict[str, Any]]:
    return [json.loads(line) for line in JSONL.read_text(encoding="utf-8").splitlines()]


class ArticleFinder(HTMLParser):
    """Collect the text inside <article> and the page's meta properties."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.articles = 0
        self.text: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
            self.articles += 1
        if tag == "meta":
            values = dict(attrs)
            if values.get("property") and values.get("content"):
                self.meta[str(values["property"])] = str(values["content"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def read_html() -> ArticleFinder:
    finder = ArticleFinder()
    finder.feed(HTML.read_text(encoding="utf-8"))
    return finder


def document_texts() -> dict[str, tuple[str, bool]]:
    """Return doc key -> (text, whether gold offsets point into it exactly)."""
    texts = {path.name: (txt_body(path), True) for path in TXT_FILES}
    texts |= {item["id"]: (item["text"], True) for item in jsonl_items()}
    texts[HTML.name] = (" ".join(" ".join(read_html().text).split()), False)
    feed = feedparser.parse(str(FEED))
    texts |= {f"{FEED.name}#{e.id}": (plain(e.content[0].value), False) for e in feed.entries}
    return texts


def gold_lines() -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DEMO / "gold.jsonl").read_text("utf-8").splitlines()]


# --- the articles --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", TXT_FILES, ids=lambda path: path.name)
def test_demo_txt_has_title_line_blank_line_and_body(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0].strip() and lines[0] == lines[0].strip()
    assert lines[1] == ""
    assert words(txt_body(path)) in WORDS


def test_demo_txt_dates_are_all_in_published_json() -> None:
    published = json.loads((DEMO / "published.json").read_text(encoding="utf-8"))
    assert set(published) == {path.name for path in TXT_FILES}
    for day in published.values():
        assert dt.date(2010, 1, 1) < dt.date.fromisoformat(day) < dt.date(2025, 1, 1)


def test_demo_jsonl_lines_have_the_contract_fields() -> None:
    items = jsonl_items()
    assert len(items) == 3
    for item in items:
        assert set(item) == {"id", "url", "title", "published", "text"}
        assert item["url"].startswith("https://example.org/")
        dt.date.fromisoformat(item["published"])
        assert words(item["text"]) in WORDS


def test_demo_feed_parses_with_two_dated_entries() -> None:
    feed = feedparser.parse(str(FEED))
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 2
    for entry in feed.entries:
        assert entry.id and entry.link.startswith("https://example.org/")
        assert entry.published_parsed is not None
        assert words(plain(entry.content[0].value)) in WORDS


def test_demo_html_has_one_article_and_a_publication_date() -> None:
    page = read_html()
    assert page.articles == 1
    published = page.meta["article:published_time"]
    assert dt.datetime.fromisoformat(published).date() == dt.date(2018, 12, 20)
    assert words(" ".join(page.text)) in WORDS


# --- the gold records ----------------------------------------------------------------------------


def test_demo_gold_loads_with_valid_vocabularies() -> None:
    records = load_gold(DEMO / "gold.jsonl")  # raises on a bad kind, status, category or deal
    assert len(records) == len(gold_lines())


@pytest.mark.parametrize("line", gold_lines(), ids=lambda line: f"{line['doc']}-{line['weapon']}")
def test_demo_gold_line_uses_state_and_currency_codes(line: dict[str, Any]) -> None:
    states = [line["supplier"], line["recipient"], *line["partners"]]
    for code in filter(None, states):
        assert code in FORMER_STATES or pycountry.countries.get(alpha_3=code), code
    if line["kind"] == "transfer":
        assert line["partners"] == []
        assert line["recipient"] or line.get("recipient_name")
    else:
        assert line["supplier"] is None and line["recipient"] is None
        assert len(line["partners"]) >= 2 and line["partners"] == sorted(line["partners"])
    if line["value"]:
        assert pycountry.currencies.get(alpha_3=line["value"]["currency"])


def test_demo_documents_list_names_every_article_once() -> None:
    listed = load_doc_list(DEMO / "documents.txt")
    assert len(listed) == 25
    assert set(listed) == set(document_texts())


def test_demo_articles_folder_holds_only_the_articles() -> None:
    files = {path.name for path in ARTICLES.iterdir()}
    assert files == {path.name for path in TXT_FILES} | {JSONL.name, FEED.name, HTML.name}


@functools.cache
def ingested() -> dict[str, Document]:
    """Return the articles as the ingest readers give them, under every key of each."""
    documents = [item for item in read_paths([str(ARTICLES)]) if isinstance(item, Document)]
    assert len(documents) == 25
    return {key: doc for doc in documents for key in document_keys(doc, [ARTICLES])}


def test_demo_documents_are_found_by_the_ingest_readers() -> None:
    assert set(load_doc_list(DEMO / "documents.txt")) <= set(ingested())


def test_demo_gold_evidence_is_in_the_ingested_text() -> None:
    for line in gold_lines():
        text = " ".join(ingested()[line["doc"]].text.split())
        assert " ".join(line["evidence"]["text"].split()) in text, line["evidence"]["text"]


def test_demo_gold_docs_are_listed_documents() -> None:
    listed = set(load_doc_list(DEMO / "documents.txt"))
    assert {line["doc"] for line in gold_lines()} <= listed


@pytest.mark.parametrize("line", gold_lines(), ids=lambda line: f"{line['doc']}-{line['weapon']}")
def test_demo_gold_evidence_is_in_its_document(line: dict[str, Any]) -> None:
    text, exact = document_texts()[line["doc"]]
    evidence = line["evidence"]
    if exact:
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    else:
        assert " ".join(evidence["text"].split()) in text


def test_demo_gold_scored_against_itself_is_perfect() -> None:
    records = load_gold(DEMO / "gold.jsonl")
    predicted: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        predicted.setdefault(record.doc, []).append(record.to_json())
    report = score(records, predicted, load_doc_list(DEMO / "documents.txt"))
    assert (report.counts.precision, report.counts.recall) == (1.0, 1.0)
