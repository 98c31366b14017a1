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
        # a count of something else than the system
        "Chile ordered Gripen jets from Sweden. The deal also covers 12 radars.",
    ],
)
def test_terms_told_later_go_to_no_deal_when_unsure(extractor, text: str) -> None:  # noqa: ANN001
    assert _terms(extractor, text) == {"Gripen": (None, None)}
