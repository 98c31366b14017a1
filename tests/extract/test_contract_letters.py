"""A letter that is a contract (of offer and acceptance, of commitment) orders what it is
for, as a contract does; a letter of anything else states nothing. Sentences are our own."""

from __future__ import annotations

import pytest


def _transfers(candidate_generator, text: str) -> set[tuple[str | None, str | None, str]]:  # noqa: ANN001
    return {
        (r.supplier, r.recipient, r.status)
        for r in candidate_generator.extract_text(text, published="2025-05-01")
        if r.kind == "transfer"
    }


@pytest.mark.parametrize(
    ("text", "transfer"),
    [
        ("Poland signed a letter of acceptance for 96 Apache helicopters.",
         ("USA", "POL", "ordered")),
        ("The Philippines signed a letter of offer and acceptance for 20 F-16 jets.",
         ("USA", "PHL", "ordered")),
        ("Germany and Israel signed a letter of commitment for the Arrow 3 system.",
         ("ISR", "DEU", "ordered")),
    ],
)
def test_a_letter_that_is_a_contract_orders(
    candidate_generator, text: str, transfer: tuple[str, str, str]  # noqa: ANN001
) -> None:
    assert transfer in _transfers(candidate_generator, text)


@pytest.mark.parametrize(
    "text",
    [
        "Poland sent a letter of complaint about the delayed K2 tanks.",
        "The letter of the law forbids arms sales to Iran.",
    ],
)
def test_another_letter_orders_nothing(candidate_generator, text: str) -> None:  # noqa: ANN001
    assert all(status != "ordered" for _, _, status in _transfers(candidate_generator, text))

