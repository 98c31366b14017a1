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


@pytest.fixture
def read_candidate_facts(candidate_generator) -> Callable[..., Facts]:  # noqa: ANN001
    """Return a reader of the rules' candidates in a text (the record model off) as
    (supplier, recipient, family or weapon, status): for readings the model outvotes."""

    def read(text: str, published: str = "2024-07-10") -> Facts:
        return {
            (r.supplier, r.recipient or r.recipient_name, r.weapon_family or r.weapon, r.status)
            for r in candidate_generator.extract_text(text, published=published)
        }

    return read


Transfers = set[tuple[object, ...]]


@pytest.fixture
def read_transfer_stages(candidate_generator) -> Callable[..., Transfers]:  # noqa: ANN001
    """Return a reader of the rules' transfer candidates in a text (the record model off)
    as (supplier, recipient or its name, status)."""

    def read(text: str, published: str = "2025-05-01") -> Transfers:
        return {
            (r.supplier, r.recipient or r.recipient_name, r.status)
            for r in candidate_generator.extract_text(text, published=published)
            if r.kind == "transfer"
        }

    return read


@pytest.fixture
def read_stages(extractor) -> Callable[..., Transfers]:  # noqa: ANN001
    """Return a reader of the transfer records the extractor keeps for a text (the record
    model on) as (supplier, recipient, status)."""

    def read(text: str, published: str = "2025-03-01") -> Transfers:
        return {
            (r.supplier, r.recipient, r.status)
            for r in extractor.extract_text(text, published=published)
            if r.kind == "transfer"
        }

    return read


@pytest.fixture
def read_candidate_transfers(candidate_generator) -> Callable[..., Transfers]:  # noqa: ANN001
    """Return a reader of the rules' transfer candidates in a text (the record model off)
    as (supplier, recipient or its name, weapon family or weapon)."""

    def read(text: str, published: str = "2019-03-01") -> Transfers:
        return {
            (r.supplier, r.recipient or r.recipient_name, r.weapon_family or r.weapon)
            for r in candidate_generator.extract_text(text, published=published)
            if r.kind == "transfer"
        }

    return read


@pytest.fixture
def read_candidate_coproductions(candidate_generator) -> Callable[..., Facts]:  # noqa: ANN001
    """Return a reader of the rules' co-production candidates in a text (the record model
    off) as (first partner, second partner, family or weapon, status)."""

    def read(text: str, published: str = "2025-06-01") -> Facts:
        return {
            (*r.partners[:2], r.weapon_family or r.weapon, r.status)
            for r in candidate_generator.extract_text(text, published=published)
            if r.kind == "coproduction"
        }

    return read
