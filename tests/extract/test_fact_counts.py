"""A fact's count is the number its own clause states for its weapon (issue 15): the part
of a whole or the whole, and one unit named in the singular; sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2024, 10, 11)


def _counts(extractor, text: str) -> set[tuple[str, str, int | None]]:  # noqa: ANN001
    records = extractor.extract_text(text, published=PUBLISHED)
    return {(r.weapon_family or r.weapon, r.status, r.quantity) for r in records}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a part told of: its own count; an ordinal picks one
        ("The first of three Patriot batteries that the Netherlands promised Ukraine has "
         "arrived in the country.", ("Patriot", "delivered", 1)),
        ("Brazil received the first two of the 36 Gripen jets from Sweden on Monday.",
         ("Gripen", "delivered", 2)),
        ("Chile bought Leopard 2 tanks in 2006. It has since received 40 of the tanks.",
         ("Leopard 2", "delivered", 40)),
        # the whole, when a clause on the whole tells the fact
        ("Officials said the last four of 18 Caesar howitzers ordered by Lithuania in 2022 "
         "were held back.", ("Caesar", "ordered", 18)),
        # one unit a transfer names in the singular
        ("Morocco ordered 36 Caesar howitzers from France together with a Gowind corvette.",
         ("Gowind", "ordered", 1)),
        ("Hungary took delivery of a Swedish Gripen jet on Monday.", ("Gripen", "delivered", 1)),
    ],
)
def test_count_is_the_one_the_fact_s_clause_states(
    extractor, text: str, expected: tuple[str, str, int | None]  # noqa: ANN001
) -> None:
    assert expected in _counts(extractor, text)


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        # a type a buyer wants is no unit
        ("Egypt plans to buy a new fighter jet from France.", "fighter jet"),
        # a unit of another noun the system names
        ("The US approved the sale of an F-16 sustainment package to Taiwan.", "F-16"),
        # a weapon used, not moved
        ("Ukraine's army says it used a Turkish-made Bayraktar TB2 drone in combat.",
         "Bayraktar TB2"),
    ],
)
def test_a_singular_noun_is_no_count_where_no_unit_is_moved(
    extractor, text: str, weapon: str  # noqa: ANN001
) -> None:
    counts = _counts(extractor, text)
    assert counts, "the sentence should give a record"
    assert all(quantity is None for family, _, quantity in counts if family == weapon)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a number a relative clause describes stands for units of the system just named
        ("Kuwait took up an option for six more Typhoon jets from Britain, on top of the 22 "
         "it ordered in 2016.", ("Eurofighter Typhoon", "ordered", 22)),
        # (a purchase told as background, dated to a past year, is delivered: issue 12)
        ("Chile signed for ten more Leopard 2 tanks, beside the 140 that it bought in 2007.",
         ("Leopard 2", "delivered", 140)),
    ],
)
def test_a_number_a_clause_describes_counts_units_of_the_system_before(
    candidate_generator, text: str, expected: tuple[str, str, int | None]  # noqa: ANN001
) -> None:
    assert expected in _counts(candidate_generator, text)


def test_a_number_whose_clause_moves_nothing_counts_no_units(extractor) -> None:  # noqa: ANN001
    counts = _counts(extractor, "Kuwait ordered six more Typhoon jets from Britain on "
                     "Monday, the 3 it inspected in May.")
    assert {quantity for _, _, quantity in counts} == {6}
