"""A fact's date is the date its status happened, or none (issue 15, item 1); sentences of
our own."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2024, 10, 11)  # a Friday


def _dates(extractor, text: str) -> dict[tuple[str, str], str | None]:  # noqa: ANN001
    records = extractor.extract_text(text, published=PUBLISHED)
    return {(r.weapon_family or r.weapon, r.status): r.date and str(r.date) for r in records}


@pytest.mark.parametrize(
    ("text", "fact", "date"),
    [
        # a lead's arrival in the present perfect is the day's news, true by the report's date
        ("The first German Leopard 2 tanks have arrived in Lithuania, the defence minister "
         "said on Tuesday.", ("Leopard 2", "delivered"), "2024-10-08"),
        ("Russia has started delivering the S-400 system to India, officials said on Monday.",
         ("S-400", "delivered"), "2024-10-07"),
        ("Norway has received its first F-35 fighters from the United States.",
         ("F-35", "delivered"), "2024-10-11"),
        # background: an acquisition told in passing, or not in the lead
        ("Iran has test-fired its newly acquired Chinese Silkworm missiles.",
         ("Silkworm", "delivered"), None),
        ("Chile signed a deal for ten Gripen jets from Sweden on Monday. Peru has received its "
         "first F-16 fighters from the United States.", ("F-16", "delivered"), None),
    ],
)
def test_date_of_a_delivery_is_the_news_day_only_when_the_lead_tells_it(
    extractor, text: str, fact: tuple[str, str], date: str | None  # noqa: ANN001
) -> None:
    assert _dates(extractor, text)[fact] == date


def test_two_occasions_of_one_fact_keep_ids_of_their_own(extractor) -> None:  # noqa: ANN001
    # "ordered 30 more" and "ordered 24 in 2015" are two orders of one document: the
    # store keeps one record per id, so each needs its own
    text = ("Egypt ordered 30 more Rafale jets from France on Monday. It ordered 24 of the "
            "jets in February 2015.")
    orders = [r for r in extractor.extract_text(text, published=PUBLISHED)
              if r.weapon == "Rafale" and r.status == "ordered"]
    assert sorted(r.quantity or 0 for r in orders) == [24, 30]
    assert len({r.id for r in orders}) == 2


@pytest.mark.parametrize(
    ("text", "period_end"),
    [
        ("Peru's air force still flies MiG-29 jets bought in the 1990s.", 1999),
        ("Chile received Leopard 1 tanks from Germany during the 1980s.", 1989),
    ],
)
def test_a_decade_places_an_undated_fact_no_later_than_its_end(
    extractor, text: str, period_end: int  # noqa: ANN001
) -> None:
    records = extractor.extract_text(text, published="2024-03-01")
    assert records
    assert {(r.date, r.extra.get("period_end")) for r in records} == {(None, period_end)}


@pytest.mark.parametrize(
    "text",
    [
        "Chile has received Leopard 1 tanks from Germany since the 1980s.",  # no end
        "Peru bought ten MiG-29 jets from Russia, a type that first flew in the 1970s.",
    ],
)
def test_a_decade_of_something_else_places_no_fact(extractor, text: str) -> None:  # noqa: ANN001
    records = extractor.extract_text(text, published="2024-03-01")
    assert records
    assert all("period_end" not in r.extra for r in records)
