"""A letter that is a contract (of offer and acceptance, of commitment) orders what it is
for, as a contract does; a letter of anything else states nothing. Sentences are our own."""

from __future__ import annotations

import pytest


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
    read_transfer_stages, text: str, transfer: tuple[str, str, str]  # noqa: ANN001
) -> None:
    assert transfer in read_transfer_stages(text)


@pytest.mark.parametrize(
    "text",
    [
        "Poland sent a letter of complaint about the delayed K2 tanks.",
        "The letter of the law forbids arms sales to Iran.",
    ],
)
def test_another_letter_orders_nothing(read_transfer_stages, text: str) -> None:  # noqa: ANN001
    assert all(status != "ordered" for _, _, status in read_transfer_stages(text))

