"""Passwords are hashed with Argon2id and checked against the hash."""

from __future__ import annotations

import pytest

from armstrace.errors import ReviewError
from armstrace.review import hash_password, new_user, verify_password


def test_hash_password_verifies_the_right_password_only() -> None:
    hashed = hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "correct horse battery")
    assert not verify_password(hashed, "correct horse battery!")


def test_hash_password_salts_each_hash() -> None:
    assert hash_password("same password") != hash_password("same password")


def test_verify_password_is_false_for_a_broken_hash() -> None:
    assert not verify_password("not-a-hash", "whatever1")


def test_hash_password_refuses_a_short_password() -> None:
    with pytest.raises(ReviewError, match="at least 8 characters"):
        hash_password("short")


@pytest.mark.parametrize("name", ["", "ana smith", "-ana", "a" * 65, "ana<script>"])
def test_new_user_refuses_a_bad_name(name: str) -> None:
    with pytest.raises(ReviewError, match="cannot name a user"):
        new_user(name, "long enough password")
