"""Working together to make a weapon is co-production (issue 15): "decided to cooperate
with X to develop", "will work together to build", "joined forces to develop"; the
partners are the ones who work, the weapon what the purpose makes. Sentences of our own."""

from __future__ import annotations

import pytest

PUBLISHED = "2024-05-01"


def _coproductions(extractor, text: str) -> set[tuple[object, ...]]:  # noqa: ANN001
    return {(r.partners, r.weapon_family or r.category, r.status)
            for r in extractor.extract_text(text, published=PUBLISHED)
            if r.kind == "coproduction"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sweden decided to cooperate with Brazil to build a new generation of transport "
         "aircraft, the minister said.", (("BRA", "SWE"), "aircraft", "planned")),
        ("Turkey agreed to collaborate with Britain to develop a new fighter jet.",
         (("GBR", "TUR"), "aircraft", "planned")),
        ("India and Russia will work together to build BrahMos missiles.",
         (("IND", "RUS"), "BrahMos", "planned")),
        ("France and Germany joined forces to develop a new main battle tank.",
         (("DEU", "FRA"), "armoured vehicle", "planned")),
        ("Spain teamed up with Turkey to produce a new trainer jet.",
         (("ESP", "TUR"), "aircraft", "planned")),
    ],
)
def test_working_together_to_make_a_weapon_is_coproduction(
    candidate_generator, text: str, expected: tuple[object, ...]  # noqa: ANN001
) -> None:
    # The rules' candidates: since session 19 the record model keeps the first sentence's
    # record under its threshold (a generic "new generation of transport aircraft").
    assert _coproductions(candidate_generator, text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        # the purpose is no making
        "Italy will cooperate with Japan to stop the sale of missiles to Iran.",
        "Spain joined forces with Turkey to buy helicopters.",
        "Spain and Turkey are working together to improve relations.",
        # the purpose makes no weapon
        "Norway cooperated with Sweden to develop the economy of the north.",
        # working, but not together
        "Thousands of engineers work to build tanks in Ukraine.",
    ],
)
def test_working_together_for_another_purpose_is_no_coproduction(
    extractor, text: str  # noqa: ANN001
) -> None:
    assert _coproductions(extractor, text) == set()
