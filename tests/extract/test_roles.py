"""Who supplies and who receives, where word order alone does not say."""

from __future__ import annotations

import pytest

PUBLISHED = "2025-02-03"


def _facts(extractor, text: str) -> set[tuple[object, ...]]:  # noqa: ANN001
    return {
        (r.supplier, r.recipient, r.weapon_family or r.category, r.status, r.quantity)
        for r in extractor.extract_text(text, published=PUBLISHED)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a contract's sides are symmetric in the words: the maker sells
        ("South Korea signed a deal with Romania for 54 K9 howitzers.",
         ("KOR", "ROU", "K9", "ordered", 54)),
        ("Sweden concluded an agreement with Thailand for four Gripen jets.",
         ("SWE", "THA", "Gripen", "ordered", 4)),
    ],
)
def test_the_maker_of_a_catalogued_system_is_its_supplier(
    extractor, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    assert expected in _facts(extractor, text)


def test_a_buyer_that_makes_nothing_stays_the_buyer(extractor) -> None:  # noqa: ANN001
    facts = _facts(extractor, "Romania signed a deal with South Korea for 54 K9 howitzers.")
    assert ("KOR", "ROU", "K9", "ordered", 54) in facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser hangs "of ..." on the verb or on the buyer, not on the sale
        ("Washington approved the sale to Bahrain of 12 AH-1Z helicopters last week.",
         ("USA", "BHR", "AH-1 Cobra", "planned", 12)),
        ("The State Department cleared a possible Foreign Military Sale to Poland of "
         "Javelin missiles.", ("USA", "POL", "Javelin", "planned", None)),
    ],
)
def test_a_sale_to_a_buyer_of_weapons_reads_the_weapons(
    extractor, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    assert expected in _facts(extractor, text)
