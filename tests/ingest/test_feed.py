"""RSS 2.0 and Atom feeds: one Document per entry."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from armstrace.ingest import read_feed
from armstrace.model import Document, Skipped, make_document_id


def guid_id(guid: str) -> str:
    return hashlib.sha256(guid.encode()).hexdigest()[:16]


@pytest.fixture(scope="module")
def rss_items(fixtures_dir: Path) -> list[Document | Skipped]:
    return list(read_feed(fixtures_dir / "defence-news.rss"))


@pytest.fixture(scope="module")
def atom_items(fixtures_dir: Path) -> list[Document | Skipped]:
    return list(read_feed(fixtures_dir / "procurement.atom"))


def test_read_feed_prefers_full_content_over_the_summary(rss_items: list) -> None:
    poland = rss_items[0]
    assert isinstance(poland, Document)
    assert poland.text.startswith("Poland has signed a contract with the United States for 96")
    assert "Until then, the US army will lease eight" in poland.text
    assert "<p>" not in poland.text


def test_read_feed_takes_link_date_title_and_hashed_guid(rss_items: list) -> None:
    poland = rss_items[0]
    guid = "https://www.dailyledger.example/defence/2024/mar/15/poland-apache-deal"
    assert poland.url == guid
    assert poland.title == "Poland signs deal for 96 Apache helicopters"
    assert poland.published == dt.date(2024, 3, 15)
    assert poland.id == guid_id(guid)
    assert poland.source.endswith(f"defence-news.rss#{guid}")


def test_read_feed_falls_back_to_the_summary(rss_items: list) -> None:
    brazil = rss_items[1]
    assert isinstance(brazil, Document)
    assert brazil.text == (
        "Brazil’s army is considering the purchase of 98 Centauro II wheeled tank destroyers "
        "from Italy, officials said on Thursday."
    )
    assert brazil.id == guid_id("ledger-defence-20240314-0042")


def test_read_feed_skips_an_entry_without_text(rss_items: list) -> None:
    podcast = rss_items[2]
    assert isinstance(podcast, Skipped)
    assert podcast.source.endswith("defence-news.rss#3")
    assert podcast.reason == "entry has no content and no summary"


def test_read_feed_reads_atom_html_and_xhtml_content(atom_items: list) -> None:
    indonesia, philippines = atom_items
    assert indonesia.text == (
        "Indonesia has activated the third and final tranche of its contract for 42 Rafale "
        "fighter jets, Dassault Aviation said on Tuesday.\n"
        "The first six aircraft are due to be delivered in early 2026."
    )
    assert indonesia.published == dt.date(2024, 3, 12)
    assert philippines.text.startswith("The Philippines has received the first of three BrahMos")
    # no <published>: the <updated> date stands in
    assert philippines.published == dt.date(2024, 3, 8)
    assert philippines.url == "https://procurement-watch.example/2024/03/philippines-brahmos"


def test_read_feed_hashes_content_when_entries_have_no_guid(tmp_path: Path) -> None:
    path = tmp_path / "bare.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>a</title><description>Oman ordered two corvettes.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    [document] = read_feed(path)
    assert isinstance(document, Document)
    assert document.id == make_document_id("Oman ordered two corvettes.")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<html><body><p>not a feed</p></body></html>", "feed has no entries"),
        ('<?xml version="1.0"?><rss><channel><title>cut sh', "not a readable RSS/Atom feed"),
    ],
    ids=["html", "broken-xml"],
)
def test_read_feed_skips_files_that_are_not_feeds(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-8")
    [skipped] = read_feed(path)
    assert isinstance(skipped, Skipped)
    assert skipped.source == str(path)
    assert reason in skipped.reason
