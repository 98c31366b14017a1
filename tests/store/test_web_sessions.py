"""Signed-in web sessions kept in the store (issue 16, item 11): started, found until they
expire, ended one by one, and all of a user's ended by a new password."""

from __future__ import annotations

import datetime as dt

import pytest

from armstrace.errors import StoreError
from armstrace.review import User
from armstrace.store import Store, WebSession

NOW = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def users(store: Store) -> Store:
    for name in ("ana", "ben"):
        store.add_user(User(name, "$argon2id$not-a-real-hash", NOW))
    return store


def session(token_hash: str, user: str = "ana", hours: int = 12) -> WebSession:
    return WebSession(token_hash=token_hash, user=user, created=NOW,
                      expires=NOW + hours * HOUR)


def test_a_started_session_is_found_until_it_expires(users: Store) -> None:
    users.start_web_session(session("a1"))

    found = users.get_web_session("a1", NOW + HOUR)
    assert found is not None and found.user == "ana" and found.expires == NOW + 12 * HOUR
    assert users.get_web_session("a1", NOW + 12 * HOUR) is None
    assert users.get_web_session("unknown", NOW) is None


def test_ending_a_session_leaves_the_others(users: Store) -> None:
    users.start_web_session(session("a1"))
    users.start_web_session(session("a2"))

    users.end_web_session("a1")
    users.end_web_session("never-started")

    assert users.get_web_session("a1", NOW) is None
    assert users.get_web_session("a2", NOW) is not None


def test_a_new_password_ends_every_session_of_its_user_only(users: Store) -> None:
    users.start_web_session(session("a1"))
    users.start_web_session(session("a2"))
    users.start_web_session(session("b1", user="ben"))

    users.set_password("ana", "$argon2id$another-hash")

    assert users.get_user("ana").password_hash == "$argon2id$another-hash"  # type: ignore[union-attr]
    assert users.get_web_session("a1", NOW) is None and users.get_web_session("a2", NOW) is None
    assert users.get_web_session("b1", NOW) is not None


def test_a_new_password_for_an_unknown_user_is_refused(users: Store) -> None:
    with pytest.raises(StoreError, match="no user named 'nobody'"):
        users.set_password("nobody", "$argon2id$x")


def test_a_notice_is_kept_until_cleared(users: Store) -> None:
    users.start_web_session(session("a1"))

    users.set_web_session_notice("a1", "Record r1 (Rafale) is now confirmed.")
    kept = users.get_web_session("a1", NOW)
    users.set_web_session_notice("a1", None)

    assert kept is not None and kept.notice == "Record r1 (Rafale) is now confirmed."
    assert users.get_web_session("a1", NOW).notice is None  # type: ignore[union-attr]


def test_starting_a_session_forgets_the_expired_ones(users: Store) -> None:
    users.start_web_session(session("old", hours=1))
    users.start_web_session(WebSession(token_hash="new", user="ana", created=NOW + 2 * HOUR,
                                       expires=NOW + 14 * HOUR))

    # Found by a clock turned back, had it been kept: it was deleted.
    assert users.get_web_session("old", NOW) is None
