from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from armstrace.knowledge import Knowledge, load_knowledge
from armstrace.model import Deal, PartialDate, StatedValue, StatusChange
from armstrace.sipri.compare import (
    SipriComparer,
    Window,
    description_category,
    designation_forms,
)
from armstrace.sipri.rows import SipriRelease, SipriRow

RELEASE = SipriRelease(source="invented.csv", generated=dt.datetime(2025, 3, 13),
                       digest="0" * 64, imported_at="2025-03-14T00:00:00+00:00", row_count=0,
                       last_year=2024)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge()


def make_row(designation: str, **overrides: Any) -> SipriRow:
    fields: dict[str, Any] = {
        "line": 13, "supplier": "USA", "supplier_name": "United States", "recipient": "UKR",
        "recipient_name": "Ukraine", "order_year": 2022, "designation": designation,
        "description": "towed gun", "number_ordered": 10, "number_delivered": 10,
        "delivery_years": (2022,),
    }
    fields.update(overrides)
    return SipriRow(**fields)


def make_deal(weapon: str, family: str | None, status: str = "ordered",
              date: str | None = "2022", **overrides: Any) -> Deal:
    fields: dict[str, Any] = {
        "id": f"deal-{weapon}-{status}", "key": "k", "kind": "transfer", "weapon": weapon,
        "weapon_family": family, "category": "artillery", "status": status,
        "history": (StatusChange(status, PartialDate.parse(date) if date else None, ("r1",)),),
        "evidence": (), "supplier": "USA", "recipient": "UKR",
    }
    fields.update(overrides)
    return Deal(**fields)


@pytest.mark.parametrize(
    ("designation", "forms"),
    [
        ("PzH-2000 155mm", ("PzH-2000 155mm", "PzH-2000")),
        ("Storm Shadow/SCALP-EG", ("Storm Shadow/SCALP-EG", "Storm Shadow", "SCALP-EG")),
        ("Mi-24V/Mi-35", ("Mi-24V/Mi-35", "Mi-24V", "Mi-35")),
        ("F/A-18E", ("F/A-18E",)),
        ("M-777", ("M-777",)),
    ],
)
def test_designation_forms_split_slash_aliases_and_drop_the_calibre(
    designation: str, forms: tuple[str, ...]
) -> None:
    assert designation_forms(designation) == forms


@pytest.mark.parametrize(
    ("description", "category"),
    [("UAV", "uav"), ("combat helicopter", "helicopter"), ("FGA aircraft", "aircraft"),
     ("portable SAM", "air defence"), ("self-propelled gun", "artillery"),
     ("APC", "armoured vehicle"),
     ("anti-ship missile", "missile"), ("corvette", "ship"), ("something else", None)],
)
def test_description_category_reads_sipri_descriptions(description: str, category: str) -> None:
    assert description_category(description) == category


@pytest.mark.parametrize(
    ("sipri", "news", "family", "category"),
    [
        ("M-777", "M777", "M777", "artillery"),
        ("PzH-2000 155mm", "PzH 2000", "PzH 2000", "artillery"),
        ("Storm Shadow/SCALP-EG", "Storm Shadow", "Storm Shadow", "missile"),
        ("Storm Shadow/SCALP-EG", "SCALP", "Storm Shadow", "missile"),
    ],
)
def test_compare_matches_sipri_designations_through_the_catalogue(
    knowledge: Knowledge, sipri: str, news: str, family: str, category: str
) -> None:
    comparer = SipriComparer(knowledge, [make_row(sipri)], RELEASE)

    result = comparer.compare([make_deal(news, family, category=category)])

    assert [item.rows[0].designation for item in result.matched] == [sipri]
    assert result.news_only == ()


def test_compare_matches_a_generic_deal_by_category(knowledge: Knowledge) -> None:
    comparer = SipriComparer(knowledge, [make_row("Qasef-1", description="UAV")], RELEASE)

    result = comparer.compare([make_deal("military drone", None, category="uav")])

    assert len(result.matched) == 1


@pytest.mark.parametrize(("news_year", "matches"), [("2021", True), ("2023", True),
                                                     ("2020", False), ("2024", False)])
def test_compare_accepts_order_years_within_one_year(
    knowledge: Knowledge, news_year: str, matches: bool
) -> None:
    comparer = SipriComparer(knowledge, [make_row("M-777")], RELEASE)

    result = comparer.compare([make_deal("M777", "M777", date=news_year)])

    assert bool(result.matched) is matches


def test_compare_lists_every_difference(knowledge: Knowledge) -> None:
    row = make_row("M-777", order_year=2022, number_ordered=18, number_delivered=18,
                   delivery_years=(2022, 2023))
    deal = make_deal(
        "M777", "M777",
        history=(StatusChange("ordered", PartialDate(2021), ("r1",)),
                 StatusChange("delivered", PartialDate(2022), ("r2",))),
        quantity_ordered=(StatedValue(12, ("r1",)),),
        quantity_delivered=(StatedValue(6, ("r2",)),),
    )

    result = SipriComparer(knowledge, [row], RELEASE).compare([deal])

    assert result.matched[0].differences == (
        "number ordered: news 12, SIPRI 18",
        "number delivered: news 6, SIPRI 18",
        "order year: news 2021, SIPRI 2022",
        "delivery years: news 2022, SIPRI 2022; 2023",
    )


def test_compare_lets_one_deal_match_several_rows(knowledge: Knowledge) -> None:
    rows = [make_row("M-777", line=13), make_row("M-777", line=14, order_year=2023)]

    result = SipriComparer(knowledge, rows, RELEASE).compare([make_deal("M777", "M777")])

    assert [row.line for row in result.matched[0].rows] == [13, 14]


@pytest.mark.parametrize(
    ("deal", "reason"),
    [
        (make_deal("M777", "M777", status="planned"), "status"),
        (make_deal("M777", "M777", status="interest"), "status"),
        (make_deal("M777", "M777", status="cancelled"), "status"),
        (make_deal("M777", "M777", supplier=None, supplier_name="Wagner Group"), "non-state"),
        (make_deal("M777", "M777", date="2025"), "later"),
        (make_deal("M777", "M777", recipient="POL"), "not found"),
        (make_deal("Rafale", "Rafale", category="aircraft"), "not found"),
    ],
)
def test_compare_gives_each_news_only_deal_its_reason(
    knowledge: Knowledge, deal: Deal, reason: str
) -> None:
    result = SipriComparer(knowledge, [make_row("M-777")], RELEASE).compare([deal])

    assert [item.reason for item in result.news_only] == [reason]


def test_compare_lists_unmentioned_rows_of_covered_pairs_in_the_window(
    knowledge: Knowledge,
) -> None:
    rows = [
        make_row("M-777", line=13),
        make_row("HIMARS", line=14, order_year=2022, description="self-propelled MRL"),
        make_row("M-113", line=15, order_year=2010, delivery_years=(2011,)),
        make_row("Leopard-2A4", line=16, supplier="DEU", supplier_name="Germany"),
    ]

    result = SipriComparer(knowledge, rows, RELEASE).compare(
        [make_deal("M777", "M777")], Window(since=2015))

    assert [row.line for row in result.sipri_only] == [14]


def test_compare_leaves_deals_outside_the_window_out(knowledge: Knowledge) -> None:
    result = SipriComparer(knowledge, [make_row("M-777")], RELEASE).compare(
        [make_deal("M777", "M777", date="2022")], Window(since=2023, until=2024))

    assert (result.matched, result.news_only) == ((), ())
