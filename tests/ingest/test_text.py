"""Plain-text articles: title line, exact text, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from armstrace.ingest import read_text
from armstrace.model import Document, Skipped, make_document_id

ARTICLE = (
    "Chile buys Leopard tanks from Germany\n"
    "\n"
    "Chile has agreed to buy 100 second-hand Leopard 2 tanks from Germany.\n"
    "\n"
    "The first batch will arrive next year, the army said.\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_read_text_title_is_first_line_and_text_the_stripped_rest(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ARTICLE.encode())
    [document] = read_text(path)
    assert isinstance(document, Document)
    assert document.title == "Chile buys Leopard tanks from Germany"
    assert document.text == ARTICLE.split("\n", 1)[1].strip()
    assert document.id == make_document_id(document.text)
    assert document.source == str(path)


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"], ids=["utf8", "utf8-bom"])
def test_read_text_accepts_utf8_with_or_without_bom(tmp_path: Path, prefix: bytes) -> None:
    path = write(tmp_path, "a.txt", prefix + "Títle\nBjørn Gram said so.\n".encode())
    [document] = read_text(path)
    assert isinstance(document, Document)
    assert (document.title, document.text) == ("Títle", "Bjørn Gram said so.")


def test_read_text_reads_crlf_files_like_lf_files(tmp_path: Path) -> None:
    crlf = write(tmp_path, "crlf.txt", ARTICLE.replace("\n", "\r\n").encode())
    lf = write(tmp_path, "lf.txt", ARTICLE.encode())
    assert [d.text for d in read_text(crlf)] == [d.text for d in read_text(lf)]  # type: ignore[union-attr]


def test_read_text_reports_latin1_with_byte_and_offset(tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.txt", "Title\nA £15.8m signing.\n".encode("latin-1"))
    [skipped] = read_text(path)
    assert isinstance(skipped, Skipped)
    assert skipped.source == str(path)
    assert "cannot decode as UTF-8 (byte 0xa3 at offset 8)" in skipped.reason
    assert "re-save it as UTF-8" in skipped.reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n \t\n", "empty file (only whitespace)"),
        (b"Just a title\n", "only one line"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "PNG image"),
        (bytes(range(256)) * 4, "binary data"),
        ("Title\nText".encode("utf-16"), "UTF-16"),
    ],
    ids=["empty", "whitespace", "title-only", "png", "random-bytes", "utf16"],
)
def test_read_text_skips_unusable_files(tmp_path: Path, data: bytes, reason: str) -> None:
    [skipped] = read_text(write(tmp_path, "bad.txt", data))
    assert isinstance(skipped, Skipped)
    assert skipped.stage == "ingest"
    assert reason in skipped.reason


def test_read_text_matches_the_dev_gold_rule_on_bbc(shared_corpora: Path) -> None:
    path = shared_corpora / "bbc" / "business" / "130.txt"
    raw = path.read_text(encoding="utf-8")
    [document] = read_text(path)
    assert isinstance(document, Document)
    assert document.text == raw.split("\n", 1)[1].strip()
    assert document.title == "Aviation firms eye booming India"
