"""A group's name the parser broke: a leading adjective read as an infinitive ("to
moderate Syrian rebels": "to moderate" a verb, the group its object) or "armed" read as an
adjective on any word of the group ("Qatar armed hardline Islamist rebel groups").
Sentences of our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("France said it had delivered weapons to moderate Syrian rebels in 2012.",
         ("FRA", "Syrian rebels", "weapons")),
        ("Qatar armed hardline Islamist rebel groups with shoulder-fired missiles.",
         ("QAT", "hardline Islamist rebel groups", "shoulder-fired missile")),
    ],
)
def test_a_broken_group_phrase_is_read_whole(
    read_candidate_transfers, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    assert expected in read_candidate_transfers(text)


def test_a_real_infinitive_stays_a_verb(read_candidate_transfers) -> None:  # noqa: ANN001
    # "to moderate" with an object of its own is a verb: no group is read from it
    text = "Britain sent weapons to Jordan to moderate the rebels' losses."
    assert {r for r in read_candidate_transfers(text) if r[1] != "JOR"} == set()
