"""A deal that "fell through", "fell apart" or "collapsed" is cancelled; weapons a state
"has yet to deliver" are ordered, not delivered; munitions one state sends another are
weapons even without a military word nearby ("froze the delivery of bombs to Israel").
Sentences of our own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The $1.2bn deal for six Italian frigates for Egypt fell through.",
         ("ITA", "EGY", "cancelled")),
        ("Moscow has yet to deliver the S-400 units India paid for.",
         ("RUS", "IND", "ordered")),
        ("India is yet to receive the last two S-400 squadrons from Russia.",
         ("RUS", "IND", "ordered")),
        ("Washington froze the delivery of bombs to Israel in May.",
         ("USA", "ISR", "cancelled")),
    ],
)
def test_owed_failed_and_frozen_deals(read_transfer_stages, text: str, expected: tuple) -> None:  # noqa: ANN001
    assert expected in read_transfer_stages(text)


@pytest.mark.parametrize(
    "text",
    [
        "The regime collapsed after the uprising, and the capital fell through the night.",
        "Police said the bomb went off near the market.",
    ],
)
def test_no_deal_no_record(read_transfer_stages, text: str) -> None:  # noqa: ANN001
    assert read_transfer_stages(text) == set()
