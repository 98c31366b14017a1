"""Fixtures of the extraction tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Facts = set[tuple[object, ...]]


@pytest.fixture
def read_facts(extractor) -> Callable[..., Facts]:  # noqa: ANN001
    """Return a reader of a text's facts as (supplier, recipient, family or weapon, status)."""

    def read(text: str, published: str = "2024-07-10") -> Facts:
        return {
            (r.supplier, r.recipient or r.recipient_name, r.weapon_family or r.weapon, r.status)
            for r in extractor.extract_text(text, published=published)
        }

    return read
