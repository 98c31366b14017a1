"""The record model's features of who supplies whom (`scoring.record_features`): the
states of a transfer as its supplier, its recipient and the pair. Sentences are our own."""

from __future__ import annotations


def _features(candidate_generator, text: str) -> list[dict[str, float]]:  # noqa: ANN001
    from armstrace.extract.scoring import record_features

    records = candidate_generator.extract_text(text, published="2025-06-01")
    return [record_features(r, [], records) for r in records]


def test_a_transfer_between_states_names_its_pair(candidate_generator) -> None:  # noqa: ANN001
    (features,) = _features(candidate_generator, "Poland ordered 180 K2 tanks from South Korea.")
    assert {"pair:KOR>POL", "sup:KOR", "rec:POL"} <= set(features)


def test_a_named_party_gives_no_pair(candidate_generator) -> None:  # noqa: ANN001
    (features,) = _features(candidate_generator, "Iran shipped drones to the Houthis.")
    assert "sup:IRN" in features and "rec:none" in features
    assert not any(name.startswith("pair:") for name in features)


def test_a_co_production_has_no_supplier_features(candidate_generator) -> None:  # noqa: ANN001
    features = _features(
        candidate_generator, "Turkey and Serbia will jointly produce Bayraktar drones."
    )
    assert features
    assert not any(n.startswith(("pair:", "sup:", "rec:")) for f in features for n in f)
