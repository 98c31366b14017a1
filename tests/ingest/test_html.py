"""HTML pages: main text without page chrome, metadata, encodings, fragments."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from armstrace.ingest import extract_article, read_html
from armstrace.model import Document, Skipped

ARTICLE_SENTENCES = [
    "Norway will supply Ukraine with two more NASAMS air defence systems",
    "The launchers, built by Kongsberg together with the US firm Raytheon",
    "“We are not interested in escalation, but we must give Ukraine enough power",
    "Kyiv has asked its allies for at least 25 more Patriot or NASAMS batteries",
    "Norway's parliament approved the package last week.",
    "Russia's embassy in Oslo called the decision provocative",
]
PAGE_CHROME = [
    "We use cookies",
    "Accept all cookies",
    "World",  # a navigation link
    "Subscribe",
    "Advertisement",
    "Share on Facebook",
    "Copy link",
    "Photograph: Ola Nordmann/Reuters",
    "Denmark delays delivery of F-16 jets",  # inline related link
    "Sign up to Morning Briefing",
    "Enter your email address",
    "privacy policy",
    "Topics:",
    "Most read",
    "Storm warnings issued",
    "All rights reserved",
]


@pytest.fixture(scope="module")
def page(fixtures_dir: Path) -> Document:
    [document] = read_html(fixtures_dir / "news-article.html")
    assert isinstance(document, Document)
    return document


@pytest.mark.parametrize("sentence", ARTICLE_SENTENCES)
def test_read_html_keeps_article_paragraphs(page: Document, sentence: str) -> None:
    assert sentence in page.text


@pytest.mark.parametrize("chrome", PAGE_CHROME)
def test_read_html_drops_page_chrome(page: Document, chrome: str) -> None:
    assert chrome not in page.text


def test_read_html_separates_paragraphs_with_one_newline(page: Document) -> None:
    lines = page.text.split("\n")
    assert lines[0].startswith("Norway will supply Ukraine")
    assert lines[1].startswith("The launchers, built by Kongsberg")
    assert "" not in lines


def test_read_html_takes_metadata_from_the_page(page: Document) -> None:
    assert page.url == "https://www.dailyledger.example/world/2024/mar/14/norway-nasams-ukraine"
    assert page.title == "Norway to supply air defence systems to Ukraine"
    # the original publication date, not the later modification date
    assert page.published == dt.date(2024, 3, 14)


def test_read_html_reads_gzipped_pages(tmp_path: Path, fixtures_dir: Path, page: Document) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((fixtures_dir / "news-article.html").read_bytes()))
    [document] = read_html(path)
    assert isinstance(document, Document)
    assert (document.id, document.text) == (page.id, page.text)


def test_read_html_decodes_a_declared_legacy_charset(tmp_path: Path) -> None:
    body = "<p>Le ministère de la Défense a commandé douze hélicoptères Caracal.</p>" * 6
    head = '<head><meta charset="iso-8859-1"></head>'
    html = f"<html>{head}<body><article>{body}</article></body></html>"
    path = tmp_path / "latin1.html"
    path.write_bytes(html.encode("latin-1"))
    [document] = read_html(path)
    assert isinstance(document, Document)
    assert "Le ministère de la Défense a commandé douze hélicoptères" in document.text


def test_extract_article_turns_a_short_fragment_into_lines() -> None:
    document = extract_article(
        "<p>Peru ordered 24 <b>KF-21</b> jets.</p><p>Deliveries start in 2030.</p>"
        "<script>x()</script>",
        source="snippet",
    )
    assert isinstance(document, Document)
    assert document.text == "Peru ordered 24 KF-21 jets.\nDeliveries start in 2030."


def test_extract_article_given_metadata_wins_over_the_page(fixtures_dir: Path) -> None:
    html = (fixtures_dir / "news-article.html").read_text(encoding="utf-8")
    document = extract_article(
        html,
        source="x",
        url="https://mirror.example/1",
        title="Given",
        published=dt.date(2024, 1, 2),
    )
    assert isinstance(document, Document)
    assert (document.url, document.title, document.published) == (
        "https://mirror.example/1",
        "Given",
        dt.date(2024, 1, 2),
    )


def test_read_html_skips_a_page_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "empty-page.html"
    path.write_text("<html><head><title>x</title></head><body><script>app()</script></body></html>")
    [skipped] = read_html(path)
    assert isinstance(skipped, Skipped)
    assert "no article text" in skipped.reason
