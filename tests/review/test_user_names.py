"""User names ignore case, and a removed user keeps its name on the audit trail
(issue 14, item 15), in both stores, and schema 8 removes the later of two names that
differed only by case."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from tests.conftest import open_test_store, undo_migrations
from tests.store.builders import make_document, make_record

from armstrace.errors import StoreError
from armstrace.review import ApiToken, DealDecision, RecordDecision, User
from armstrace.store import Store, WebSession

AT = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"


def _session(user: str, token_hash: str = "a" * 64) -> WebSession:
    return WebSession(token_hash=token_hash, user=user, created=AT,
                      expires=AT + dt.timedelta(days=3650))


def test_user_names_ignore_case(store: Store) -> None:
    store.add_user(User("alice", HASH, AT))
    found = store.get_user("ALICE")
    assert found is not None and found.name == "alice"
    with pytest.raises(StoreError, match="a user named 'Alice' already exists "
                       r"\(as 'alice': user names ignore case\)"):
        store.add_user(User("Alice", HASH, AT))


def test_a_decision_by_a_name_in_another_case_carries_the_stored_name(store: Store) -> None:
    store.add_user(User("alice", HASH, AT))
    document = make_document()
    record = make_record(document)
    store.add_document(document, [record])
    store.add_record_decision(RecordDecision(record.id, "confirm", "Alice", "read it", AT))
    store.add_deal_decision(DealDecision("split", ("d1",), (record.id,), "ALICE", "two", AT))
    assert [d.user for d in store.iter_record_decisions(record.id)] == ["alice"]
    assert [d.user for d in store.iter_deal_decisions()] == ["alice"]


def test_remove_user_ends_sessions_and_tokens_and_keeps_decisions(store: Store) -> None:
    store.add_user(User("alice", HASH, AT))
    document = make_document()
    record = make_record(document)
    store.add_document(document, [record])
    store.add_record_decision(RecordDecision(record.id, "confirm", "alice", "read it", AT))
    store.start_web_session(_session("alice"))
    store.add_api_token(ApiToken("t1", "alice", "nightly", AT), "b" * 64)

    removal = store.remove_user("Alice", AT + dt.timedelta(days=1))

    assert (removal.user.name, removal.user.removed) == ("alice", AT + dt.timedelta(days=1))
    assert (removal.sessions_ended, removal.tokens_revoked, removal.decisions) == (1, 1, 1)
    assert store.get_web_session("a" * 64, AT) is None
    assert store.use_api_token("b" * 64, AT) is None
    assert [d.user for d in store.iter_record_decisions(record.id)] == ["alice"]
    assert [(u.name, u.active) for u in store.list_users()] == [("alice", False)]
    with pytest.raises(StoreError, match="user 'alice' was removed on 2026-11-27"):
        store.add_record_decision(RecordDecision(record.id, "reject", "alice", "no", AT))
    with pytest.raises(StoreError, match="was removed"):
        store.set_password("alice", HASH)
    with pytest.raises(StoreError, match="was removed"):
        store.remove_user("alice", AT)


def test_a_removed_users_name_is_not_taken_again(store: Store) -> None:
    store.add_user(User("alice", HASH, AT))
    store.remove_user("alice", AT)
    with pytest.raises(StoreError, match="the name 'ALICE' belongs to a user removed on "
                       "2026-11-26 .*whose decisions keep it; choose another name"):
        store.add_user(User("ALICE", HASH, AT))


def test_remove_user_refuses_an_unknown_name(store: Store) -> None:
    with pytest.raises(StoreError, match="no user named 'zoe'"):
        store.remove_user("zoe", AT)


def _back_before_names_ignored_case(url: str, users: list[tuple[str, dt.datetime]]) -> None:
    """Undo the last two migrations by hand (names that ignore case, SQLite's 8 and
    PostgreSQL's 7, and documents' sites after it) and add users as the armstrace before
    could: names that differ only by case, the later one with a web session and a token."""
    statements = ["DROP INDEX users_name_folded", "ALTER TABLE users DROP COLUMN removed",
                  "DROP INDEX documents_site", "ALTER TABLE documents DROP COLUMN site"]
    statements += [f"INSERT INTO users (name, password_hash, created) "
                   f"VALUES ('{name}', '{HASH}', '{created.isoformat()}')"
                   for name, created in users]
    statements += [
        "INSERT INTO web_sessions (token_hash, user_name, created, expires) "
        f"VALUES ('{'a' * 64}', 'Alice', '{AT.isoformat()}', '2999-01-01T00:00:00+00:00')",
        "INSERT INTO api_tokens (id, token_hash, user_name, created) "
        f"VALUES ('t1', '{'b' * 64}', 'Alice', '{AT.isoformat()}')",
    ]
    undo_migrations(url, statements, 2)


def test_schema_8_removes_the_later_of_two_names_that_differ_by_case(
    store_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with open_test_store(store_url):
        pass
    _back_before_names_ignored_case(store_url, [("alice", AT), ("Alice", AT + dt.timedelta(1)),
                                             ("bob", AT)])

    with caplog.at_level(logging.WARNING), open_test_store(store_url) as store:
        users = {user.name: user.active for user in store.list_users()}
        assert store.get_web_session("a" * 64, AT) is None
        assert store.use_api_token("b" * 64, AT) is None
        found = store.get_user("ALICE")
    assert users == {"alice": True, "Alice": False, "bob": True}
    assert found is not None and found.name == "alice"
    assert any("user names now ignore case, and 'Alice' was created after 'alice': 'Alice' "
               "is removed" in message for message in caplog.messages)
