"""Writers that turn records or deals into files: `write_X(items, file) -> rows written`.

`EXPORT_FORMATS` maps each text format name to its record writer; `select_writer`
looks one up and names the valid choices when the name is unknown. `EXPORTS`
describes every format `armstrace export` offers: what it can write (records,
deals) and whether its file is binary (Parquet, GraphML).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TextIO

from armstrace.errors import ConfigError
from armstrace.export.csv import CSV_COLUMNS, write_records_csv
from armstrace.export.deals import DEAL_CSV_COLUMNS, write_deals_csv, write_deals_jsonl
from armstrace.export.jsonl import write_records_jsonl
from armstrace.export.sipri import SIPRI_COLUMNS, write_deals_sipri_csv
from armstrace.model import Record

__all__ = [
    "CSV_COLUMNS",
    "DEAL_CSV_COLUMNS",
    "EXPORTS",
    "EXPORT_FORMATS",
    "ExportFormat",
    "RecordWriter",
    "SIPRI_COLUMNS",
    "select_export",
    "select_writer",
    "write_deals_csv",
    "write_deals_jsonl",
    "write_deals_sipri_csv",
    "write_records_csv",
    "write_records_jsonl",
]

RecordWriter = Callable[[Iterable[Record], TextIO], int]


@dataclass(frozen=True)
class ExportFormat:
    """One format of `armstrace export`: its writers for records and deals (None: cannot)."""

    name: str
    binary: bool
    write_records: Callable[[Iterable[Any], Any], int] | None
    write_deals: Callable[[Iterable[Any], Any], int] | None

    def writer(self, what: str) -> Callable[[Iterable[Any], Any], int]:
        """Return the writer for `records` or `deals`, or raise ConfigError naming the choices."""
        writer = {"records": self.write_records, "deals": self.write_deals}.get(what)
        if writer is None:
            can = [name for name in ("records", "deals") if getattr(self, f"write_{name}")]
            raise ConfigError(
                f"{self.name} cannot export {what}; it exports: {', '.join(can)}"
            )
        return writer


def _parquet_records(items: Iterable[Any], file: Any) -> int:
    # Imported when used: pyarrow takes a while to load.
    from armstrace.export.parquet import write_records_parquet

    return write_records_parquet(items, file)


def _parquet_deals(items: Iterable[Any], file: Any) -> int:
    from armstrace.export.parquet import write_deals_parquet

    return write_deals_parquet(items, file)


def _graphml_deals(items: Iterable[Any], file: Any) -> int:
    from armstrace.export.graphml import write_deals_graphml

    return write_deals_graphml(items, file)


EXPORTS: Mapping[str, ExportFormat] = MappingProxyType(
    {
        "csv": ExportFormat("csv", False, write_records_csv, write_deals_csv),
        "jsonl": ExportFormat("jsonl", False, write_records_jsonl, write_deals_jsonl),
        "sipri-csv": ExportFormat("sipri-csv", False, None, write_deals_sipri_csv),
        "parquet": ExportFormat("parquet", True, _parquet_records, _parquet_deals),
        "graphml": ExportFormat("graphml", True, None, _graphml_deals),
    }
)


def select_export(format_name: str) -> ExportFormat:
    """Return the export format for a name (case-insensitive), or raise ConfigError."""
    found = EXPORTS.get(format_name.lower())
    if found is None:
        choices = ", ".join(sorted(EXPORTS))
        raise ConfigError(f"unknown export format {format_name!r}; choose one of: {choices}")
    return found

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
