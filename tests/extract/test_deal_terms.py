"""A deal's value and count stated sentences after the order go to the deal in view, and
to no other (issue 15); sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2024, 10, 11)


def _terms(extractor, text: str) -> dict[str, tuple[int | None, int | None]]:  # noqa: ANN001
    records = extractor.extract_text(text, published=PUBLISHED)
    return {r.weapon_family or r.weapon: (r.quantity, r.value and r.value.amount)
            for r in records if r.status in ("planned", "ordered")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the value three sentences on, of the system the text went on with
        ("Chile ordered 12 Gripen jets from Sweden on Monday, while the United States "
         "approved the possible sale of F-16 fighters to Chile. The two ministers announced "
         "the Gripen deal in Santiago. A first contract, for four aircraft, took effect at "
         "once. The Swedish ministry put the value of the package at 2 billion dollars.",
         {"Gripen": (12, 2_000_000_000), "F-16": (None, None)}),
        # the count the deal covers, two sentences on
        ("Peru signed a $200 million contract to buy BrahMos missiles from India. The "
         "minister signed it in Lima with the makers of the missile. The deal covers two "
         "coastal batteries for the navy.", {"BrahMos": (2, 200_000_000)}),
        ("Peru ordered Gripen jets from Sweden. The contract includes 10 jets and "
         "training.", {"Gripen": (10, None)}),
        ("Peru ordered Gripen jets from Sweden. The package includes training. It also "
         "covers 12 jets.", {"Gripen": (12, None)}),
    ],
)
def test_terms_told_later_go_to_the_deal_in_view(
    extractor, text: str, expected: dict[str, tuple[int | None, int | None]]  # noqa: ANN001
) -> None:
    assert _terms(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # another system named between the order and the terms
        "Chile ordered Gripen jets from Sweden. Its air force already flies F-16s. The "
        "contract is worth 2 billion dollars and covers 12 aircraft.",
        # too far away
        "Chile ordered Gripen jets from Sweden. The talks took a year. They were hard. The "
        "ministers met twice. The contract is worth 2 billion dollars.",
    ],
)
def test_terms_told_later_go_to_no_deal_when_unsure(extractor, text: str) -> None:  # noqa: ANN001
    assert _terms(extractor, text) == {"Gripen": (None, None)}


def test_a_count_of_other_goods_the_deal_covers_is_theirs(extractor) -> None:  # noqa: ANN001
    # a count of something else than the system: the radars' own, an item of the deal
    # (discourse.batch_contents), never the jets'
    text = "Chile ordered Gripen jets from Sweden. The deal also covers 12 radars."
    assert _terms(extractor, text) == {"Gripen": (None, None), "radar": (12, None)}


def _values(extractor, text: str) -> dict[str, int | None]:  # noqa: ANN001
    records = extractor.extract_text(text, published=PUBLISHED)
    return {r.weapon_family or r.weapon: r.value and r.value.amount for r in records}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the value of the order sought, stated two sentences before the wish
        ("A team from Boeing will fly to Lima next week in a bid to win a 2 billion dollar "
         "helicopter order, a ministry official said. Airbus met the generals last month. "
         "Peru wants 40 new transport helicopters by 2030.",
         {"transport helicopter": 2_000_000_000}),
        # the order and its system before the amount
        ("Hyundai Rotem hopes to win a contract for battle tanks worth 3 billion dollars, its "
         "chief said on Monday. Peru is looking to buy 60 main battle tanks.",
         {"tank": 3_000_000_000}),
        # the deal told before, named again, and valued as "worth of contracts"
        ("Peru ordered BrahMos missiles from India on Monday. The ministers met in Lima. "
         "The BrahMos has been the subject of a long competition. At stake is an estimated "
         "300 million dollars worth of contracts.",
         {"BrahMos": 300_000_000}),
    ],
)
def test_value_told_before_or_after_a_naming_goes_to_the_deal(
    candidate_generator, text: str, expected: dict[str, int | None]  # noqa: ANN001
) -> None:
    # the rules' candidates: where a value goes is theirs to read; whether the record
    # model keeps a buyer's wish with no seller named is the model's call
    assert _values(candidate_generator, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the order valued is of another system than the fact after it
        ("A team from Boeing will fly to Lima in a bid to win a 2 billion dollar tank "
         "order, an official said. Peru wants 40 new transport helicopters by 2030.",
         {"transport helicopter": None}),
        # the valuing sentence tells its own fact: the amount is that fact's
        ("Peru bought 12 helicopters from Italy in a 1 billion dollar helicopter order. "
         "Peru also wants 40 transport helicopters from Spain.",
         {"transport helicopter": None}),
        # too many sentences between the amount and the fact
        ("A team from Boeing will fly to Lima to win a 2 billion dollar helicopter order. "
         "The visit was planned in May. Airbus met the generals last month. Talks were "
         "long. Peru wants 40 new transport helicopters by 2030.",
         {"transport helicopter": None}),
        # another system named after the deal: "worth of contracts" may be its
        ("Peru ordered BrahMos missiles from India on Monday. The navy also flies Sea King "
         "helicopters. At stake is an estimated 300 million dollars worth of contracts.",
         {"BrahMos": None}),
    ],
)
def test_value_told_before_goes_to_no_fact_when_unsure(
    extractor, text: str, expected: dict[str, int | None]  # noqa: ANN001
) -> None:
    found = _values(extractor, text)
    assert {key: found.get(key) for key in expected} == expected
