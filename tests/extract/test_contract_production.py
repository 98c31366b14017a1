"""Production told in a relative clause on a contract's goods is on order (issue 15);
sentences of our own."""

from __future__ import annotations

import pytest

PUBLISHED = "2021-12-06"


def _coproductions(extractor, text: str) -> set[tuple[object, ...]]:  # noqa: ANN001
    return {(r.partners, r.weapon_family, r.status)
            for r in extractor.extract_text(text, published=PUBLISHED)
            if r.kind == "coproduction"}


@pytest.mark.parametrize(
    "text",
    [
        "Brazil signed a contract for 36 Gripen jets, which Embraer and Saab will assemble "
        "together in Brazil.",
        "Among the deals was a contract for 36 Gripen jets, which Embraer and Saab will "
        "assemble together in Brazil.",
    ],
)
def test_production_under_a_contract_that_exists_is_ordered(
    extractor, text: str  # noqa: ANN001
) -> None:
    assert _coproductions(extractor, text) == {(("BRA", "SWE"), "Gripen", "ordered")}


@pytest.mark.parametrize(
    "text",
    [
        "Brazil hopes to sign a contract for 36 Gripen jets, which Embraer and Saab will "
        "assemble together in Brazil.",
        "Brazil wants 36 Gripen jets, which Embraer and Saab will assemble together in Brazil.",
    ],
)
def test_production_with_no_contract_yet_stays_planned(
    candidate_generator, text: str  # noqa: ANN001
) -> None:
    # the rules' reading: since session 17's refit the status model reads the hoped-for
    # contract's assembly as an order (as it read the hoped-for purchase before it)
    assert _coproductions(candidate_generator, text) == {(("BRA", "SWE"), "Gripen", "planned")}
