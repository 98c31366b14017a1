"""read_path: choosing the reader, directories, standard input, and every bad input."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import shutil
import tracemalloc
from pathlib import Path

import pytest

import armstrace.ingest
from armstrace.ingest import read_path, read_paths, reader_for
from armstrace.model import Document, Skipped

TEXT = b"Title line\nSweden will sell two GlobalEye aircraft to Poland, Saab said.\n"
JSONL = b'{"id": "j1", "text": "Spain ordered 25 Eurofighters."}\n'
HTML_FRAGMENT = b"<p>Qatar received its first NASAMS battery from Norway.</p>"


def documents(items: list[Document | Skipped]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def only_skip(items: list[Document | Skipped]) -> Skipped:
    [item] = items
    assert isinstance(item, Skipped), item
    assert item.stage == "ingest"
    return item


def test_ingest_exports_a_sorted_public_api() -> None:
    assert armstrace.ingest.__all__ == sorted(armstrace.ingest.__all__)
    assert {"read_path", "read_paths", "extract_article"} <= set(armstrace.ingest.__all__)


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("a.txt", "text"),
        ("a.TXT", "text"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.html.gz", "html"),
        ("a.jsonl", "jsonl"),
        ("a.json", "json"),
        ("a.xml", "feed"),
        ("a.rss", "feed"),
        ("a.atom", "feed"),
        ("a.warc", "warc"),
        ("a.warc.gz", "warc"),
        ("a.md", None),
        ("README", None),
    ],
)
def test_reader_for_picks_by_suffix(name: str, reader: str | None) -> None:
    assert reader_for(name) == reader


@pytest.mark.parametrize(
    ("content", "expected_text"),
    [
        (TEXT, "Sweden will sell two GlobalEye aircraft to Poland, Saab said."),
        (JSONL, "Spain ordered 25 Eurofighters."),
        (b"<!DOCTYPE html>\n" + HTML_FRAGMENT * 8, "Qatar received its first NASAMS battery"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><item><description>'
            b"Peru bought six helicopters.</description></item></channel></rss>",
            "Peru bought six helicopters.",
        ),
    ],
    ids=["text", "jsonl", "html", "rss"],
)
def test_read_path_sniffs_files_without_a_known_suffix(
    tmp_path: Path, content: bytes, expected_text: str
) -> None:
    path = tmp_path / "download.dat"
    path.write_bytes(content)
    [document] = read_path(path)
    assert isinstance(document, Document)
    assert expected_text in document.text


@pytest.mark.parametrize(
    ("content", "expected_text"),
    [
        (TEXT, "Sweden will sell two GlobalEye aircraft to Poland, Saab said."),
        (JSONL, "Spain ordered 25 Eurofighters."),
        (gzip.compress(JSONL, mtime=0), "Spain ordered 25 Eurofighters."),
        (b"<html><body>" + HTML_FRAGMENT * 8 + b"</body></html>", "Qatar received"),
    ],
    ids=["text", "jsonl", "jsonl-gz", "html"],
)
def test_read_path_reads_standard_input(content: bytes, expected_text: str) -> None:
    [document] = read_path("-", stdin=io.BytesIO(content))
    assert isinstance(document, Document)
    assert expected_text in document.text
    assert document.source.startswith("<stdin>")


def make_corpus(root: Path) -> Path:
    (root / "bbc" / "business").mkdir(parents=True)
    (root / "bbc" / "business" / "130.txt").write_bytes(TEXT)
    (root / "bbc" / "business" / "2.txt").write_bytes(b"Second\nJapan buys Tomahawk missiles.\n")
    (root / "bbc" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "secret.txt").write_bytes(TEXT)
    (root / "wire.jsonl").write_bytes(JSONL)
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return root


def test_read_path_walks_a_directory_in_sorted_order_with_sources_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_corpus(tmp_path / "corpora")
    monkeypatch.chdir(tmp_path)
    items = list(read_path("corpora"))
    assert [item.source for item in items] == [
        "corpora/bbc/business/130.txt",
        "corpora/bbc/business/2.txt",
        "corpora/logo.png",
        "corpora/wire.jsonl:1",
    ]
    assert isinstance(items[2], Skipped)
    assert "binary file of unknown format" in items[2].reason
    assert os.path.relpath(items[0].source, "corpora") == "bbc/business/130.txt"


def test_read_path_gives_the_same_ids_on_a_second_read(tmp_path: Path, fixtures_dir: Path) -> None:
    shutil.copytree(fixtures_dir, tmp_path / "fixtures")
    make_corpus(tmp_path / "corpus")
    first = [
        item.id
        for item in documents(list(read_paths([tmp_path / "fixtures", tmp_path / "corpus"])))
    ]
    second = [
        item.id
        for item in documents(list(read_paths([tmp_path / "fixtures", tmp_path / "corpus"])))
    ]
    assert first == second
    assert len(first) == len(set(first)) == 8


def test_read_path_fills_in_missing_publication_dates_only(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    text_path = tmp_path / "a.txt"
    text_path.write_bytes(TEXT)
    default = dt.date(2020, 1, 1)
    [text_document] = read_path(text_path, published=default)
    rss = documents(list(read_path(fixtures_dir / "defence-news.rss", published=default)))
    assert text_document.published == default  # type: ignore[union-attr]
    assert [d.published for d in rss] == [dt.date(2024, 3, 15), dt.date(2024, 3, 14)]


def test_read_path_reports_a_missing_path(tmp_path: Path) -> None:
    skipped = only_skip(list(read_path(tmp_path / "nope.txt")))
    assert skipped.message() == f"{tmp_path / 'nope.txt'}: no such file or directory"


def test_read_path_reports_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.txt"
    path.write_bytes(TEXT)
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        real_open = os.open

        def refuse(name: object, *args: object, **kwargs: object):  # noqa: ANN202
            if os.fspath(name) == str(path):  # type: ignore[call-overload]
                raise PermissionError(13, "Permission denied", str(name))
            return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

        # The readers open files with os.open (O_NONBLOCK: a FIFO must not block them).
        monkeypatch.setattr(os, "open", refuse)
    skipped = only_skip(list(read_path(path)))
    assert skipped.source == str(path)
    assert skipped.reason.startswith("permission denied")


def test_read_path_refuses_an_oversized_file_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(52_428_800)  # sparse: 50 MiB on paper, nothing on disk
    tracemalloc.start()
    skipped = only_skip(list(read_path(path)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert skipped.reason == (
        "file is 52.4 MB, over the 10 MB limit per document; split it or raise --max-bytes"
    )
    assert peak < 1_000_000


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("empty.html", b"", "empty file"),
        ("empty.jsonl", b"", "empty file"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file of unknown format"),
        ("noise.txt", bytes(range(256)) * 8, "binary data"),
        ("latin1.txt", "Title\nCafé\n".encode("latin-1"), "cannot decode as UTF-8"),
        (
            "page.html.gz",
            gzip.compress(HTML_FRAGMENT * 200, mtime=0)[:60],
            "truncated or corrupt gzip",
        ),
        ("bad.json", b'[{"text": "a"}, {"text": ', "malformed JSON"),
    ],
)
def test_read_path_turns_bad_files_into_one_skip(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read_path(path))
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert len(skipped) == 1
    assert skipped[0].source.startswith(str(path))
    assert reason in skipped[0].reason


def test_read_path_turns_a_parser_crash_into_a_skip(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)  # json recursion limit
    items = list(read_path(path))
    assert len(items) == 1
    assert isinstance(items[0], Skipped)


def test_read_paths_chains_paths_in_order(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT)
    (tmp_path / "b.jsonl").write_bytes(JSONL)
    items = list(read_paths([tmp_path / "b.jsonl", tmp_path / "missing", tmp_path / "a.txt"]))
    assert [type(item) for item in items] == [Document, Skipped, Document]
    assert json.loads(JSONL)["id"] == items[0].id  # type: ignore[union-attr]
