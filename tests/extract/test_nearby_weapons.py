"""A trigger whose parse reaches no goods takes the weapon named nearest to it
(extract/nearby_weapons.py); the candidate says so and the record model reads it.
Sentences are our own."""

from __future__ import annotations

import datetime as dt

from armstrace.extract.scoring import record_features

PUBLISHED = dt.date(2025, 6, 2)


def _read(candidate_generator, text: str) -> list[tuple]:  # noqa: ANN001
    return [
        (r.supplier, r.recipient, r.weapon_family or r.weapon, r.status,
         bool(r.extra.get("weapon_nearby")))
        for r in candidate_generator.extract_text(text, published=PUBLISHED)
    ]


def test_a_deal_told_apart_from_its_goods_takes_the_weapon_after_it(
    candidate_generator,  # noqa: ANN001
) -> None:
    # the parser hangs "K2 tanks" on "covers", not on "signed"
    text = "Peru signed the deal with South Korea last week; it covers 20 K2 tanks."
    assert ("KOR", "PER", "K2", "ordered", True) in _read(candidate_generator, text)


def test_goods_after_a_colon_are_the_nearest_weapon(candidate_generator) -> None:  # noqa: ANN001
    text = "Kenya received from China what officials called a gift: 30 armoured vehicles."
    assert ("CHN", "KEN", "armoured vehicle", "delivered", True) in _read(
        candidate_generator, text
    )


def test_goods_the_parse_reaches_are_not_marked_nearby(candidate_generator) -> None:  # noqa: ANN001
    text = "Peru bought 20 K2 tanks from South Korea last week."
    assert _read(candidate_generator, text) == [("KOR", "PER", "K2", "ordered", False)]


def test_a_weapon_far_from_the_trigger_is_not_taken(candidate_generator) -> None:  # noqa: ANN001
    text = (
        "Peru signed the deal with South Korea on Monday after eleven months of hard "
        "bargaining in Lima and Seoul over prices, offsets and local jobs, and the army "
        "still fields its old T-55 tanks."
    )
    assert not any(nearby for *_, nearby in _read(candidate_generator, text))


def test_the_record_model_reads_that_the_weapon_was_taken_nearby(
    candidate_generator,  # noqa: ANN001
) -> None:
    text = (
        "Morocco completed the purchase from the United States, a deal that brings Apache "
        "helicopters to its army."
    )
    records = candidate_generator.extract_text(text, published=PUBLISHED)
    mentions = candidate_generator.finder.find(text, PUBLISHED)
    nearby = [r for r in records if r.extra.get("weapon_nearby")]
    assert [(r.supplier, r.recipient, r.weapon_family) for r in nearby] == [
        ("USA", "MAR", "Apache")
    ]
    assert record_features(nearby[0], mentions, records).get("path:weapon_nearby") == 1.0
    plain = candidate_generator.extract_text(
        "Morocco bought Apache helicopters from the United States.", published=PUBLISHED
    )
    assert plain and "path:weapon_nearby" not in record_features(plain[0], mentions, plain)
