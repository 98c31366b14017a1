"""Writers that turn records into files: `write_records_X(records, file) -> rows written`.

`EXPORT_FORMATS` maps each format name to its writer; `select_writer` looks one
up and names the valid choices when the name is unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TextIO

from armstrace.errors import ConfigError
from armstrace.export.csv import CSV_COLUMNS, write_records_csv
from armstrace.export.jsonl import write_records_jsonl
from armstrace.model import Record

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMATS",
    "RecordWriter",
    "select_writer",
    "write_records_csv",
    "write_records_jsonl",
]

RecordWriter = Callable[[Iterable[Record], TextIO], int]

EXPORT_FORMATS: Mapping[str, RecordWriter] = MappingProxyType(
    {
        "csv": write_records_csv,
        "jsonl": write_records_jsonl,
    }
)


def select_writer(format_name: str) -> RecordWriter:
    """Return the writer for a format name (case-insensitive), or raise ConfigError."""
    writer = EXPORT_FORMATS.get(format_name.lower())
    if writer is None:
        choices = ", ".join(sorted(EXPORT_FORMATS))
        raise ConfigError(f"unknown export format {format_name!r}; choose one of: {choices}")
    return writer
