"""Hash and check analysts' passwords with Argon2id (argon2-cffi's defaults, RFC 9106)."""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from armstrace.errors import ReviewError
from armstrace.review.decisions import User

# Shorter than this is refused: the web application is reachable by anyone on its network.
MIN_PASSWORD_LENGTH = 8


def hash_password(password: str, hasher: PasswordHasher | None = None) -> str:
    """Return an Argon2id hash of the password (salted; encodes its own parameters)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ReviewError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return (hasher or PasswordHasher()).hash(password)


def verify_password(password_hash: str, password: str, hasher: PasswordHasher | None = None
                    ) -> bool:
    """Return whether the password matches the hash; False for a wrong or unreadable hash."""
    try:
        return (hasher or PasswordHasher()).verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_user(name: str, password: str, created: dt.datetime | None = None) -> User:
    """Return a user with the password hashed, created now unless `created` says when."""
    return User(name=name, password_hash=hash_password(password),
                created=created or dt.datetime.now(dt.UTC))
