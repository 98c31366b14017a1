"""A supplier's further transfer that names no receiver goes to the one it served last in
the article (context.served_before); another supplier's receiver is never taken. Sentences
are our own."""

from __future__ import annotations

import pytest


def _read(generator, text: str) -> set[tuple[str | None, str | None, str, str]]:  # noqa: ANN001
    return {
        (r.supplier or r.supplier_name, r.recipient or r.recipient_name, r.weapon, r.status)
        for r in generator.extract_text(text)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany sent arms to the Peshmerga in 2014. Germany alone sent Milan anti-tank "
         "missiles and G3 rifles, while Britain supplied heavy machine guns.",
         ("DEU", "Peshmerga", "MILAN", "delivered")),
        ("Turkey has sent drones to the Tripoli government. Besides drones it has sent air "
         "defence systems and electronic warfare equipment.",
         ("TUR", "LBY", "air defence system", "delivered")),
    ],
)
def test_a_further_transfer_goes_to_the_receiver_the_supplier_served_last(
    candidate_generator, text: str, expected: tuple[str, str, str, str]  # noqa: ANN001
) -> None:
    assert expected in _read(candidate_generator, text)


@pytest.mark.parametrize(
    "text",
    [
        # another supplier's receiver is not this one's
        "France sold Rafale jets to Egypt last year. Germany alone sent Milan anti-tank "
        "missiles, while Britain supplied heavy machine guns.",
        # nothing told before
        "Germany alone sent Milan anti-tank missiles, while Britain supplied heavy machine "
        "guns.",
    ],
)
def test_no_receiver_is_taken_from_another_supplier_or_from_nothing(
    candidate_generator, text: str  # noqa: ANN001
) -> None:
    records = candidate_generator.extract_text(text)
    assert not any(r.extra.get("recipient_how") == "served-before" for r in records)
