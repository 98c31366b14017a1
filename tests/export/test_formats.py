"""EXPORT_FORMATS and select_writer: the names the CLI offers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from armstrace.errors import ConfigError
from armstrace.export import EXPORT_FORMATS, select_writer, write_records_csv, write_records_jsonl
from armstrace.model import Record
from armstrace.store import SQLiteStore


def test_export_formats_maps_names_to_writers() -> None:
    assert dict(EXPORT_FORMATS) == {"csv": write_records_csv, "jsonl": write_records_jsonl}


@pytest.mark.parametrize(
    ("name", "writer"), [("csv", write_records_csv), ("JSONL", write_records_jsonl)]
)
def test_select_writer_finds_writer(name: str, writer) -> None:
    assert select_writer(name) is writer


@pytest.mark.parametrize("name", ["xml", "", "json"])
def test_select_writer_unknown_name_lists_choices(name: str) -> None:
    with pytest.raises(ConfigError, match="choose one of: csv, jsonl"):
        select_writer(name)


def test_export_formats_is_read_only() -> None:
    with pytest.raises(TypeError):
        EXPORT_FORMATS["xml"] = write_records_csv  # type: ignore[index]


@pytest.mark.parametrize("name", sorted(EXPORT_FORMATS))
def test_export_formats_write_the_same_from_a_store(
    name: str, records: list[Record], tmp_path: Path
) -> None:
    with SQLiteStore(tmp_path / "register.db") as store:
        for document in dict.fromkeys(record.document for record in records):
            store.add_document(document, [r for r in records if r.document == document])
        from_store, direct = io.StringIO(newline=""), io.StringIO(newline="")
        assert EXPORT_FORMATS[name](store.iter_records(), from_store) == len(records)
    EXPORT_FORMATS[name](records, direct)
    assert from_store.getvalue() == direct.getvalue()
