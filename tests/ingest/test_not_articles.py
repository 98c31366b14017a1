"""Files a folder of articles holds that are no article (issue 14, item 11): a PDF, a CSV
table; and a one-line article, which is one. Each file written here for these tests."""

from __future__ import annotations

from pathlib import Path

from armstrace.ingest import read_path
from armstrace.ingest.text import parse_text
from armstrace.model import Document, Skipped

# The first bytes of a PDF file as PDF writers put them (no NUL byte among them).
PDF_HEAD = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
ARTICLE = "Arms for Serbia\nSerbia ordered 12 Rafale jets from France in 2024.\n"


def test_a_folder_reads_its_article_and_skips_a_pdf_and_a_csv_saying_why(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(PDF_HEAD)
    (tmp_path / "scan").write_bytes(PDF_HEAD)  # no suffix: told by its first bytes
    (tmp_path / "deals.csv").write_text("supplier,recipient\nFRA,SRB\n", encoding="utf-8")
    items = list(read_path(tmp_path))
    documents = [item for item in items if isinstance(item, Document)]
    reasons = {Path(item.source).name: item.reason for item in items if isinstance(item, Skipped)}
    assert [document.title for document in documents] == ["Arms for Serbia"]
    assert "PDF document" in reasons["report.pdf"] and "pdftotext" in reasons["report.pdf"]
    assert "PDF document" in reasons["scan"]
    assert "a CSV table, not an article" in reasons["deals.csv"]


def test_a_one_line_sentence_is_an_article_without_a_title() -> None:
    [document] = parse_text(b"Serbia ordered 12 Rafale jets from France.\n", "-")
    assert isinstance(document, Document)
    assert (document.title, document.text) == (None, "Serbia ordered 12 Rafale jets from France.")


def test_a_one_line_title_is_still_no_article(tmp_path: Path) -> None:
    (tmp_path / "title.txt").write_text("Rafale jets for Serbia\n", encoding="utf-8")
    [skipped] = read_path(tmp_path / "title.txt")
    assert isinstance(skipped, Skipped)
    assert "only one line" in skipped.reason
