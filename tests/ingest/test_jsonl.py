"""JSON Lines and JSON: streaming, per-line problems, the html field."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import tracemalloc
from pathlib import Path

import pytest

from armstrace.ingest import read_jsonl
from armstrace.model import Document, Skipped, make_document_id

PAGE_SNIPPET = "<p>Egypt took delivery of a FREMM frigate from Italy.</p><p>It was renamed.</p>"


def write_lines(tmp_path: Path, lines: list[str], name: str = "items.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_jsonl_keeps_source_ids_and_fields(tmp_path: Path) -> None:
    record = {
        "id": "wire-7",
        "url": "https://wire.example/7",
        "title": "Greece orders frigates",
        "published": "2024-05-02",
        "text": "  Greece ordered three FDI frigates from France.\n",
    }
    [document] = read_jsonl(write_lines(tmp_path, [json.dumps(record)]))
    assert document == Document(
        id="wire-7",
        # kept exactly: gold offsets point into the field as given
        text="  Greece ordered three FDI frigates from France.\n",
        source=f"{tmp_path / 'items.jsonl'}:1",
        url="https://wire.example/7",
        title="Greece orders frigates",
        published=dt.date(2024, 5, 2),
    )


def test_read_jsonl_hashes_the_text_when_no_id_is_given(tmp_path: Path) -> None:
    [document] = read_jsonl(write_lines(tmp_path, ['{"text": "Chad bought two Su-25 jets."}']))
    assert isinstance(document, Document)
    assert document.id == make_document_id("Chad bought two Su-25 jets.")


def test_read_jsonl_sends_html_through_the_html_extraction(tmp_path: Path) -> None:
    [document] = read_jsonl(write_lines(tmp_path, [json.dumps({"id": "h1", "html": PAGE_SNIPPET})]))
    assert isinstance(document, Document)
    assert document.text == "Egypt took delivery of a FREMM frigate from Italy.\nIt was renamed."
    assert document.id == "h1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-04-10", dt.date(2019, 4, 10)),
        ("2019-04-10T23:15:00Z", dt.date(2019, 4, 10)),
        ("Wed, 10 Apr 2019 08:00:00 GMT", dt.date(2019, 4, 10)),
        ("last Tuesday", None),
        (None, None),
    ],
)
def test_read_jsonl_parses_published(
    tmp_path: Path, value: str | None, expected: dt.date | None
) -> None:
    line = json.dumps({"text": "Some text.", "published": value})
    [document] = read_jsonl(write_lines(tmp_path, [line]))
    assert isinstance(document, Document)
    assert document.published == expected


def test_read_jsonl_skips_bad_lines_and_goes_on(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path,
        [
            '{"id": "a", "text": "First."}',
            '{"id": "b", "text": "Unterminated',
            "",
            '["not", "an", "object"]',
            '{"id": "c", "title": "no text"}',
            '{"id": "d", "text": "Last."}',
        ],
    )
    items = list(read_jsonl(path))
    assert [item.id for item in items if isinstance(item, Document)] == ["a", "d"]
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert [item.source for item in skipped] == [f"{path}:2", f"{path}:4", f"{path}:5"]
    assert "malformed JSON" in skipped[0].reason
    assert "expected a JSON object, got list" in skipped[1].reason
    assert "no non-empty `text` or `html`" in skipped[2].reason


def test_read_jsonl_skips_an_overlong_line_without_holding_it(tmp_path: Path) -> None:
    big = json.dumps({"text": "x" * 3_000_000})
    path = write_lines(tmp_path, ['{"text": "before"}', big, '{"text": "after"}'])
    items = list(read_jsonl(path, max_bytes=1_000_000))
    assert [getattr(item, "text", None) for item in items] == ["before", None, "after"]
    assert isinstance(items[1], Skipped)
    assert items[1].reason.startswith("line is 3.0 MB, over the 1 MB limit per document")


@pytest.mark.parametrize(
    "content",
    [
        '[{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]',
        json.dumps([{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}], indent=2),
        '{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}',
    ],
    ids=["array", "pretty-array", "lines"],
)
def test_read_jsonl_reads_json_files_in_any_layout(tmp_path: Path, content: str) -> None:
    path = tmp_path / "items.json"
    path.write_text(content, encoding="utf-8")
    assert [item.id for item in read_jsonl(path)] == ["a", "b"]  # type: ignore[union-attr]


def test_read_jsonl_reports_the_line_of_a_malformed_array_element(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(
        '[\n{"id": "a", "text": "One."},\n{"id": "b", "text": oops}\n]', encoding="utf-8"
    )
    items = list(read_jsonl(path))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], Skipped)
    assert items[1].source == f"{path}:3"


def test_read_jsonl_reports_a_truncated_gzip_after_what_it_read(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"id": f"n{i}", "text": f"Story {i} " * 40}) + "\n" for i in range(400)
    )
    data = gzip.compress(lines.encode())
    path = tmp_path / "items.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_jsonl(path))
    assert all(isinstance(item, Document) for item in items[:-1])
    assert len(items) > 10
    assert isinstance(items[-1], Skipped)
    assert "truncated or corrupt gzip" in items[-1].reason


def test_read_jsonl_streams_a_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for number in range(20_000):
            stream.write(json.dumps({"id": f"n{number}", "text": "Word " * 100}) + "\n")
    tracemalloc.start()
    count = sum(1 for _ in read_jsonl(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 20_000
    assert peak < path.stat().st_size / 4  # a 10 MB file never held whole


def test_read_jsonl_reads_the_reuters_corpus(shared_corpora: Path) -> None:
    items = read_jsonl(shared_corpora / "reuters21578.jsonl")
    first = next(items)
    assert isinstance(first, Document)
    assert (first.id, first.title, first.published) == (
        "reuters-00001",
        "BAHIA COCOA REVIEW",
        dt.date(1987, 2, 26),
    )
    assert sum(1 for _ in items) + 1 == 21_577


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "x", "text": "no closing quote}}', "Unterminated string starting at column 21"),
        ('{"text": "a\tb"}',
         "raw control character '\\t' in a string at column 12; write it escaped, as \\t"),
        ('{"text": "a\x01b"}',
         "raw control character '\\x01' in a string at column 12; write it escaped, as \\u0001"),
        ('{"text": "a\\qb"}', "Invalid \\escape at column 12"),
        ('{"text" "a"}', "Expecting ':' delimiter at column 9"),
        ('{"text": tru}', "Expecting value at column 10"),
        ('{"text": "a"} {}', "Extra data at column 15"),
        ('{"text": "a"',
         "the line ends inside a JSON value: expecting ',' delimiter; "
         "JSON Lines holds one whole object per line"),
        ("{",
         "the line ends inside a JSON value: expecting property name enclosed in double quotes; "
         "JSON Lines holds one whole object per line"),
    ],
    ids=["unterminated", "tab", "control", "escape", "colon", "value", "extra", "cut", "pretty"],
)
def test_read_jsonl_says_what_is_malformed_and_where(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = write_lines(tmp_path, ['{"text": "First."}', line])

    items = list(read_jsonl(path))

    assert isinstance(items[-1], Skipped)
    assert items[-1].source == f"{path}:2"
    assert items[-1].reason == f"malformed JSON ({problem})"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('[\n{"text": "One."},\n{"text": oops}\n]', "Expecting value at line 3 column 10"),
        ('[\n{"text": "One."},\n {"text": "a\tb"}]',
         "raw control character '\\t' in a string at line 3 column 13; write it escaped, as \\t"),
        ('[\n{"text": "One."},\n{"text": "cut', "Unterminated string starting at line 3 column 10"),
        ('[\n{"text": "One."},\n{"text": "cut"', "the file ends inside a JSON value: "
         "expecting ',' delimiter"),
    ],
    ids=["value", "tab", "unterminated", "cut"],
)
def test_read_jsonl_says_where_a_json_file_is_malformed(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "items.json"
    path.write_text(content, encoding="utf-8")

    items = list(read_jsonl(path))

    assert [type(item) for item in items] == [Document, Skipped]
    assert items[1].reason == (  # type: ignore[union-attr]
        f"malformed JSON ({problem}); stopped reading this file"
    )
