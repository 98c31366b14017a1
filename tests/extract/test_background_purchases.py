"""A purchase told in the simple past passive and dated to a year gone by is done
(delivered), as the active one is; "much of" a stock is part of it. Sentences are our own."""

from __future__ import annotations

import pytest


def _stages(extractor, text: str) -> set[tuple]:  # noqa: ANN001
    return {
        (r.supplier, r.recipient, r.status)
        for r in extractor.extract_text(text, published="2018-05-01")
        if r.kind == "transfer"
    }


@pytest.mark.parametrize(
    "text",
    [
        "Much of Iraq's MiG-23 fleet was bought from the Soviet Union in the 1970s.",
        "Iraq's MiG-23 jets were bought from the Soviet Union in the 1970s.",
        "Iraq's Mirage F1 jets were bought from France in 1981.",
    ],
)
def test_a_past_passive_purchase_of_a_year_gone_by_is_delivered(
    extractor, text: str  # noqa: ANN001
) -> None:
    assert {status for _, _, status in _stages(extractor, text)} == {"delivered"}


def test_a_future_passive_purchase_is_not_delivered(extractor) -> None:  # noqa: ANN001
    stages = _stages(extractor, "Iraq's new Rafale jets will be bought from France in 2027.")
    assert stages and "delivered" not in {status for _, _, status in stages}
