from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.sipri.files import QUIRK_ROWS, write_register

from armstrace.errors import InputError
from armstrace.sipri.register import SipriRegister, SipriRow, parse_years, read_register


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> SipriRegister:
    path = tmp_path_factory.mktemp("sipri") / "trade-register.csv"
    return read_register(write_register(path, QUIRK_ROWS))


def _row(register: SipriRegister, designation: str) -> SipriRow:
    return next(row for row in register.rows if row.designation == designation)


def test_read_register_reads_the_release_time_from_the_preamble(register: SipriRegister) -> None:
    assert register.generated == dt.datetime(2025, 3, 13, 10, 2, 49)


def test_read_register_reads_a_pm_time(tmp_path: Path) -> None:
    path = write_register(tmp_path / "r.csv", QUIRK_ROWS[:1], generated="2 Feb 2026 01:30:00 PM")

    assert read_register(path).generated == dt.datetime(2026, 2, 2, 13, 30)


def test_read_register_keeps_every_row(register: SipriRegister) -> None:
    assert len(register.rows) == len(QUIRK_ROWS)


def test_read_register_reads_the_same_columns_without_a_preamble(tmp_path: Path) -> None:
    path = write_register(tmp_path / "bare.csv", QUIRK_ROWS, generated=None)

    bare = read_register(path)

    assert bare.generated is None
    assert [row.designation for row in bare.rows] == [
        row.split(",")[6] if not row.startswith("Cote") else "D-30 122mm" for row in QUIRK_ROWS
    ]


def test_read_register_joins_a_row_broken_by_a_newline_in_a_comment(
    register: SipriRegister,
) -> None:
    row = _row(register, "Mi-24V/Mi-35")

    assert row.comments == "invented comment, line one\nline two; Vietnamese designation Hình"
    assert row.line == 14
    assert _row(register, "Rafale").line == 16


def test_read_register_reads_the_estimate_flags(register: SipriRegister) -> None:
    flagged, plain = _row(register, "Mi-24V/Mi-35"), _row(register, "F-16C")

    assert (flagged.order_year_estimated, flagged.number_ordered_estimated,
            flagged.number_delivered_estimated) == (True, True, True)
    assert (plain.order_year_estimated, plain.number_ordered_estimated,
            plain.number_delivered_estimated) == (False, False, False)


def test_read_register_reads_numbers_years_and_tivs(register: SipriRegister) -> None:
    row = _row(register, "Mi-24V/Mi-35")

    assert (row.order_year, row.number_ordered, row.number_delivered) == (1975, 20, 18)
    assert row.delivery_years == (1976, 1977)
    assert (row.tiv_per_unit, row.tiv_total, row.tiv_delivered) == (8.0, 160.0, 144.0)


def test_read_register_reads_an_undelivered_order(register: SipriRegister) -> None:
    row = _row(register, "Rafale")

    assert (row.number_delivered, row.delivery_years, row.tiv_delivered) == (0, (), None)


@pytest.mark.parametrize(
    ("designation", "status"),
    [("F-16C", "New"), ("Mi-24V/Mi-35", "Second hand"),
     ("OT-64", "Second hand but modernized")],
)
def test_read_register_reads_the_status(
    register: SipriRegister, designation: str, status: str
) -> None:
    assert _row(register, designation).status == status


@pytest.mark.parametrize(
    ("designation", "recipient", "supplier"),
    [
        ("F-16C", "TUR", "USA"),
        ("Mi-24V/Mi-35", "VNM", "SUN"),
        ("Rafale", "ARE", "FRA"),
        ("OT-64", "COD", "CSK"),
        ("D-30 122mm", "CIV", "YUG"),
        ("PzH-2000 155mm", "SWZ", "DDR"),
        ("Storm Shadow/SCALP-EG", "BIH", "TUR"),
        ("T-55", "YEM", "YMD"),
        ("M-113", "VNM", "USA"),
    ],
)
def test_read_register_maps_sipri_names_to_codes(
    register: SipriRegister, designation: str, recipient: str, supplier: str
) -> None:
    row = _row(register, designation)

    assert (row.recipient, row.supplier) == (recipient, supplier)


@pytest.mark.parametrize(
    ("designation", "recipient_name", "supplier_name"),
    [
        ("Qasef-1", "Houthi rebels (Yemen)*", "Iran"),
        ("RQ-4 Global Hawk", "NATO**", "United States"),
        ("M-84", "unknown recipient(s)", "Serbia"),
    ],
)
def test_read_register_keeps_non_state_parties_by_name_with_no_code(
    register: SipriRegister, designation: str, recipient_name: str, supplier_name: str
) -> None:
    row = _row(register, designation)

    assert (row.recipient, row.recipient_name, row.supplier_name) == (
        None, recipient_name, supplier_name)


def test_read_register_gives_an_unknown_supplier_no_code(register: SipriRegister) -> None:
    row = _row(register, "M-777")

    assert (row.supplier, row.supplier_name, row.recipient) == (
        None, "unknown supplier(s)", "ALB")


def test_read_register_reports_each_unmapped_name_once_and_keeps_its_row(
    register: SipriRegister,
) -> None:
    row = _row(register, "Gowind")

    assert (row.recipient, row.recipient_name) == (None, "Ruritania")
    assert len(register.problems) == 1
    assert "'Ruritania' names no state" in register.problems[0]


def test_read_register_reads_latin_1(tmp_path: Path) -> None:
    path = write_register(tmp_path / "r.csv", ["Turkiye,France,2020,,1,,Exocet,anti-ship missile,"
                                                "1,,2021,New,version \u00e9quip\u00e9e,1,1,1"])

    assert read_register(path).rows[0].comments == "version \u00e9quip\u00e9e"


def test_read_register_reports_a_bad_row_and_reads_the_rest(tmp_path: Path) -> None:
    rows = ["Turkiye,France,twenty,,1,,Exocet,anti-ship missile,1,,2021,New,,1,1,1",
            QUIRK_ROWS[0]]

    register = read_register(write_register(tmp_path / "r.csv", rows))

    assert [row.designation for row in register.rows] == ["F-16C"]
    assert register.problems == (
        f"{tmp_path / 'r.csv'}:13: Year of order 'twenty' is not a whole number; row skipped",)


def test_read_register_rejects_a_file_without_sipri_header(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")

    with pytest.raises(InputError, match="no SIPRI trade-register header"):
        read_register(path)


@pytest.mark.parametrize(
    ("cell", "years"), [("2018; 2019", (2018, 2019)), ("", ()), ("2020", (2020,)),
                        ("2019; 2018; 2019", (2018, 2019))],
)
def test_parse_years_reads_sipri_year_lists(cell: str, years: tuple[int, ...]) -> None:
    assert parse_years(cell) == years
