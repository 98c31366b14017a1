"""write_records_jsonl: one contract-shaped JSON object per line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from armstrace.export import write_records_jsonl
from armstrace.model import Record


def _write(records: list[Record]) -> tuple[int, str]:
    buffer = io.StringIO()
    written = write_records_jsonl(records, buffer)
    return written, buffer.getvalue()


def test_write_records_jsonl_round_trips_every_field(records: list[Record]) -> None:
    _, output = _write(records)
    lines = output.split("\n")
    assert lines[-1] == ""
    for line, record in zip(lines[:-1], records, strict=True):
        data = json.loads(line)
        assert data == {**record.to_json(), "review": "unreviewed"}
        assert data["evidence"]["text"] == record.evidence.text
        assert data["document"]["title"] == record.document.title
        assert data["partners"] == list(record.partners)
        assert data["value"] == (
            {"amount": record.value.amount, "currency": record.value.currency}
            if record.value
            else None
        )


@pytest.mark.parametrize("count", [0, 1, 3])
def test_write_records_jsonl_returns_lines_written(records: list[Record], count: int) -> None:
    written, output = _write(records[:count])
    assert written == count == len(output.splitlines())


def test_write_records_jsonl_keeps_one_record_per_line_with_separators(
    records: list[Record],
) -> None:
    assert "\u2028" in records[0].evidence.text and "\n" in records[0].evidence.text
    _, output = _write(records)
    assert len(output.splitlines()) == len(records)
    assert "\u2028" not in output


@pytest.mark.parametrize("word", ["Türkiye", "Šiauliai", "Kč34", "<script>"])
def test_write_records_jsonl_writes_text_unescaped(records: list[Record], word: str) -> None:
    _, output = _write(records)
    assert word in output


def test_write_records_jsonl_to_file_reads_back(records: list[Record], tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    with path.open("w", encoding="utf-8") as file:
        write_records_jsonl(records, file)
    with path.open(encoding="utf-8") as file:
        loaded = [json.loads(line) for line in file]
    assert loaded == [{**record.to_json(), "review": "unreviewed"} for record in records]
