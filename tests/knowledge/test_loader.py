"""Loading and validating the catalogue files."""

from __future__ import annotations

from pathlib import Path

import pytest

import armstrace.knowledge as knowledge_module
from armstrace.errors import ConfigError
from armstrace.knowledge import DATA_DIR, load_knowledge


def _append(path: Path, row: str) -> int:
    """Append one CSV row to `path` and return its line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + row + "\n", encoding="utf-8")
    return text.count("\n") + 1


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "row", "problem"),
    [
        ("weapons.csv", "Zap-1,Zap,laser,USA,Acme,Zap,0,,test", "not one of"),
        ("weapons.csv", "Zap-1,Zap,missile,ZZZ,Acme,Zap,0,,test", "not a code listed"),
        ("weapons.csv", "Zap-1,Zap,missile,,Acme,Zap,0,,test", "producers"),
        ("weapons.csv", "Rafale,Rafale,aircraft,FRA,Dassault,,0,,test", "already on line"),
        ("weapons.csv", "Zap-1,Zap,missile,USA,Acme,F-16,0,,test", "ambiguous_aliases of both"),
        ("weapons.csv", "Zap-1,Zap,missile,USA,Acme,Zap,1,,test", "ambiguous is 1 exactly"),
        ("weapons.csv", "Zap-1,Zap,missile,USA,Acme,Zap,0,Zap,", "column 'source' is empty"),
        ("generic_weapons.csv", "drone,uav,drone,0,test", "already on line"),
        ("generic_weapons.csv", "zapper,uav,Zapper,0,test", "lower-case"),
        ("leaders.csv", "Jane Doe,Doe,USA,president,2001,,test", "not one of"),
        ("leaders.csv", "Jane Doe,Doe,USA,head of state,2001-13-01,,test", "YYYY-MM-DD"),
        ("leaders.csv", "Jane Doe,Doe,USA,head of state,2005,2001,test", "before start"),
        ("leaders.csv", "Jane Doe,Doe,XXX,head of state,2005,,test", "not a code listed"),
        ("companies.csv", "Acme,,USA,Zap-9,0,test", "not in weapons.csv"),
        ("companies.csv", "Acme,Dassault,USA,,0,test", "already names a row"),
        ("armed_groups.csv", "Zealots,,,cult,test", "not one of"),
        ("states.csv", "ZZZ,Zedland,,,,,,0,,test", "not an ISO 3166"),
        ("states.csv", "SUN,Soviet Union,,,,1980,1985,0,,test", "period overlaps"),
        ("states.csv", "ATA,Antarctica,,,Moscow,,,0,,test", "names both"),
        ("states.csv", "ATA,Antarctica,Antarctica,,,,,0,,test", "listed twice"),
        ("states.csv", "ATA,Antarctica,,,,2000,1990,0,,test", "after valid_to"),
        ("weapons.csv", "Zap-1,Zap,missile", "cells where the header has"),
        ("non_state_phrases.csv", "Middle Earth,test", "contains no state form"),
        (
            "leaders.csv",
            "Margaret Thatcher,Thatcher,GBR,head of government,1979-05-04,1990-11-28,test",
            "already listed on line",
        ),
        ("armed_groups.csv", "Party of God,Hezbollah,LBN,armed group,test", "already names"),
        ("companies.csv", "Dassault Aviation,,FRA,,0,test", "listed twice"),
        ("non_state_phrases.csv", "Latin America,test", "already on line"),
    ],
)
def test_load_knowledge_rejects_bad_rows_naming_file_and_line(
    data_copy: Path, file: str, row: str, problem: str
) -> None:
    line = _append(data_copy / file, row)
    with pytest.raises(ConfigError) as raised:
        load_knowledge(data_copy)
    message = str(raised.value)
    assert f"{file}:{line}:" in message
    assert problem in message


def test_load_knowledge_rejects_a_missing_header_column(data_copy: Path) -> None:
    _replace(data_copy / "companies.csv", "historical", "defunct")
    with pytest.raises(ConfigError, match=r"companies\.csv:1: header lacks column\(s\) historical"):
        load_knowledge(data_copy)


def test_load_knowledge_rejects_a_missing_file(data_copy: Path) -> None:
    (data_copy / "leaders.csv").unlink()
    with pytest.raises(ConfigError, match=r"leaders\.csv: cannot open"):
        load_knowledge(data_copy)


def test_load_knowledge_rejects_a_file_that_is_not_utf8(data_copy: Path) -> None:
    content = "name,aliases,based_in,kind,source\nCaf\xe9,,,militia,test\n"
    (data_copy / "armed_groups.csv").write_bytes(content.encode("latin-1"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_knowledge(data_copy)


def test_load_knowledge_skips_blank_lines(data_copy: Path) -> None:
    _append(data_copy / "armed_groups.csv", "")
    assert len(load_knowledge(data_copy).armed_groups) == len(load_knowledge().armed_groups)


def test_load_knowledge_returns_independent_equal_values() -> None:
    first, second = load_knowledge(), load_knowledge()
    assert first is not second
    assert first == second


def test_sources_md_describes_every_data_file() -> None:
    sources = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for path in sorted(DATA_DIR.glob("*.csv")):
        assert f"## {path.name}" in sources, path.name


def test_knowledge_public_names_are_sorted_and_exported() -> None:
    names = knowledge_module.__all__
    assert list(names) == sorted(names)
    assert all(hasattr(knowledge_module, name) for name in names)
