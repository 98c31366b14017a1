"""API tokens: what a script sends as `Authorization: Bearer TOKEN` to write as a user.

A token is 32 random bytes (URL-safe text, `ats_` in front so it is recognised in a
leaked file); the store keeps only its SHA-256. A fast hash is enough here, unlike
for passwords: the token is random and long, so no guess list reaches it. The
token's `id` (the first 12 hex digits of the hash) names it in `armstrace token
list` and `revoke`, and tells nothing of the token itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from armstrace.review.decisions import check_text, check_user_name

TOKEN_PREFIX = "ats_"
_ID_LENGTH = 12


@dataclass(frozen=True)
class ApiToken:
    """A stored token's public facts: which user it writes as, and its life."""

    id: str
    user: str
    label: str
    created: dt.datetime
    last_used: dt.datetime | None = None
    revoked: dt.datetime | None = None


def hash_api_token(token: str) -> str:
    """Return the SHA-256 (hex) a token is stored and looked up by."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_api_token(user: str, label: str = "", created: dt.datetime | None = None
                  ) -> tuple[str, ApiToken, str]:
    """Return a new token for `user`: its text (shown once), its stored facts and its hash."""
    check_user_name(user)
    check_text("label", label)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token_hash = hash_api_token(token)
    facts = ApiToken(id=token_hash[:_ID_LENGTH], user=user, label=label.strip(),
                     created=created or dt.datetime.now(dt.UTC))
    return token, facts, token_hash
