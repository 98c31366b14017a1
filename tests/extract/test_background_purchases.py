"""A purchase told in the simple past passive and dated to a year gone by is done
(delivered), as the active one is; "much of" a stock is part of it. Sentences are our own."""

from __future__ import annotations

import pytest

PUBLISHED = "2018-05-01"


@pytest.mark.parametrize(
    "text",
    [
        "Much of Iraq's MiG-23 fleet was bought from the Soviet Union in the 1970s.",
        "Iraq's MiG-23 jets were bought from the Soviet Union in the 1970s.",
        "Iraq's Mirage F1 jets were bought from France in 1981.",
    ],
)
def test_a_past_passive_purchase_of_a_year_gone_by_is_delivered(
    read_stages, text: str  # noqa: ANN001
) -> None:
    stages = read_stages(text, published=PUBLISHED)
    assert {status for _, _, status in stages} == {"delivered"}


def test_a_future_passive_purchase_is_not_delivered(
    read_transfer_stages,  # noqa: ANN001
) -> None:
    # The rules' candidates: the status model refit in session 27 outvotes this reading.
    stages = read_transfer_stages("Iraq's new Rafale jets will be bought from France in 2027.",
                                  published=PUBLISHED)
    assert stages and "delivered" not in {status for _, _, status in stages}
