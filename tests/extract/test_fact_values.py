"""A value is put on the deal it is stated for, and on no other (issue 15, item 3); sentences
of our own."""

from __future__ import annotations

import datetime as dt

import pytest

PUBLISHED = dt.date(2024, 10, 11)


def _values(extractor, text: str) -> dict[str, int | None]:  # noqa: ANN001
    records = extractor.extract_text(text, published=PUBLISHED)
    return {r.weapon: r.value and r.value.amount for r in records}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each contract its own amount, the nearest in the clause that names it
        ("Norway on Monday signed contracts for 54 K2 tanks and 24 K9 howitzers from South "
         "Korea. The tank contract is valued at $2.1 billion, and the howitzer contract at "
         "$0.9 billion.", {"K2 Black Panther": 2_100_000_000, "K9 Thunder": 900_000_000}),
        # a coordinated clause of its own does not reach the amount of the cancelled one
        ("Canada on Tuesday cancelled its contract with France for 10 Barracuda-class "
         "submarines, a programme valued at about C$30 billion, and said it would instead buy "
         "nuclear-powered submarines from the United States.",
         {"Barracuda class": 30_000_000_000, "nuclear-powered submarine": None}),
        # a total of several agreements is no one deal's value
        ("Qatar also ordered 16 NH90 helicopters from France, taking the total value of the "
         "agreements to 9 billion euros.", {"NH90": None}),
        ("Qatar ordered 16 NH90 helicopters from France, in a deal worth 3 billion euros.",
         {"NH90": 3_000_000_000}),
        # an award the fact's clause hangs from states its value
        ("Lockheed was awarded a 41.3 mln dlrs increase to existing contracts for foreign "
         "military sales of the F-16.", {"F-16": 41_300_000}),
        # the next sentence values the one system just ordered ...
        ("Chile ordered 12 Gripen jets from Sweden on Monday. The French side valued the "
         "aircraft contract at about 2 billion dollars.", {"Gripen": 2_000_000_000}),
        ("Chile ordered 12 Gripen jets from Sweden on Monday. According to a report, the "
         "contract is worth 2 billion euros ($2.2 billion) and covers missiles.",
         {"Gripen": 2_000_000_000}),
        # ... not another system's, nor a total, nor two systems at once
        ("Chile ordered 12 Gripen jets from Sweden on Monday. The Rafale contract with Peru "
         "is worth 3 billion dollars.", {"Gripen": None, "Rafale": 3_000_000_000}),
        ("Chile ordered 12 Gripen jets from Sweden on Monday. That takes the total value of "
         "its contracts to 5 billion dollars.", {"Gripen": None}),
        ("Chile ordered 12 Gripen jets and 4 frigates from Sweden on Monday. The contract is "
         "worth 3 billion dollars.", {"Gripen": None, "frigate": None}),
    ],
)
def test_value_of_goes_to_the_deal_it_is_stated_for(
    extractor, text: str, expected: dict[str, int | None]  # noqa: ANN001
) -> None:
    assert _values(extractor, text) == expected
