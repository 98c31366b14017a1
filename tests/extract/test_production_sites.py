"""Co-production read from where a foreign system is made: "to be built in Poland", "built
under licence at a yard in Mumbai", "set up a factory in Saudi Arabia to produce drones"
(the place's state and the system's maker are the partners). Sentences are our own."""

from __future__ import annotations

import pytest


def _partners(candidate_generator, text: str) -> set[tuple[str, ...]]:  # noqa: ANN001
    return {
        r.partners
        for r in candidate_generator.extract_text(text, published="2025-05-01")
        if r.kind == "coproduction"
    }


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        ("Later batches of the K2 tank are to be built in Poland.", ("KOR", "POL")),
        ("Sixty of the K2 tanks will be built under licence in Poland.", ("KOR", "POL")),
        ("The Scorpene submarines will be built under licence at a shipyard in India.",
         ("FRA", "IND")),
        ("Many of the M1A1 tanks were assembled under licence in Egypt.", ("EGY", "USA")),
        ("China agreed to set up a factory in Saudi Arabia to produce CH-4 drones.",
         ("CHN", "SAU")),
        ("Rheinmetall will build a plant in Ukraine to produce artillery shells.",
         ("DEU", "UKR")),
        ("Hanwha will build K9 howitzers in Australia.", ("AUS", "KOR")),
    ],
)
def test_a_foreign_system_made_in_a_state_is_made_by_both(
    candidate_generator, text: str, partners: tuple[str, ...]  # noqa: ANN001
) -> None:
    assert partners in _partners(candidate_generator, text)


@pytest.mark.parametrize(
    "text",
    [
        # made where its maker is: no second state
        "The Leopard tanks were built in Germany and sold to Qatar.",
        "Lockheed Martin builds F-16 fighters in Greenville, South Carolina.",
        "The T-90 tanks are built at Uralvagonzavod in Russia.",
        # no maker known for a generic weapon, and one state is no partnership
        "Artillery shells are produced in Poland.",
        # a place of use, not of making
        "Bayraktar TB2 drones were used in Libya.",
        # an ability states no programme
        "Egypt's ability to build the M1A1 tank is in doubt.",
    ],
)
def test_no_co_production_without_a_second_state_making_it(
    candidate_generator, text: str  # noqa: ANN001
) -> None:
    assert _partners(candidate_generator, text) == set()
