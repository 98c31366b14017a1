"""Scripts write through the API with a token (issue 14): `armstrace token add/list/revoke`
run as processes, `Authorization: Bearer` on the review endpoint with the web's rules and
audit, revoked and unknown tokens refused, and no token in the store or any log line."""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.processes import run_armstrace

from armstrace.store import RecordFilter, open_store
from armstrace.web import create_app

from .conftest import ANALYST, SECRET, copy_register, sign_in


def armstrace(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = run_armstrace(*args)
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def token_db(tmp_path_factory: pytest.TempPathFactory, register_db: Path) -> Path:
    return copy_register(register_db, tmp_path_factory.mktemp("tokens") / "register.db")


@pytest.fixture(scope="module")
def token(token_db: Path) -> str:
    """Return a token made by `armstrace token add`, as a script's owner would."""
    done = armstrace("token", "add", "--user", ANALYST, "--label", "nightly", "--db", token_db)
    assert "not shown again" in done.stderr
    return done.stdout.strip()


@pytest.fixture
def script(token_db: Path) -> Iterator[TestClient]:
    """Return a client with no session: a script."""
    with TestClient(create_app(str(token_db), secret_key=SECRET)) as client:
        yield client


def record_id(db: Path, skip: int) -> str:
    with open_store(db) as store:
        return next(store.iter_records(RecordFilter(limit=1, offset=skip))).id


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_token_list_shows_the_token_but_never_its_text(token_db: Path, token: str) -> None:
    listed = armstrace("token", "list", "--user", ANALYST, "--db", token_db).stdout

    assert ANALYST in listed and "nightly" in listed and token not in listed
    stored = b"".join(path.read_bytes() for path in token_db.parent.glob("register.db*"))
    assert token.encode() not in stored


def test_bearer_token_writes_a_decision_without_csrf(script: TestClient, token_db: Path,
                                                     token: str) -> None:
    target = record_id(token_db, 0)

    response = script.post(f"/api/records/{target}/review", headers=bearer(token),
                           json={"action": "correct", "reason": "script: catalogue name",
                                 "fields": {"weapon": "F16"}})

    assert response.status_code == 200, response.text
    record = response.json()["record"]
    assert (record["weapon"], record["weapon_family"], record["category"]) == (
        "F-16", "F-16", "aircraft")
    entry = script.get("/api/log", params={"id": target}).json()["items"][0]
    assert entry["user"] == ANALYST and entry["reason"] == "script: catalogue name"
    assert any(change["field"] == "weapon_family" and change["to"] == "F-16"
               for change in entry["changes"])


def test_bearer_token_follows_the_review_rules(script: TestClient, token_db: Path,
                                               token: str) -> None:
    response = script.post(f"/api/records/{record_id(token_db, 1)}/review",
                           headers=bearer(token), json={"action": "reject"})

    assert response.status_code == 422 and "needs a reason" in response.json()["detail"]


@pytest.mark.parametrize("authorization", ["Bearer ats_not-a-token", "Bearer ", "Basic YTpi",
                                           "Bearer"])
def test_bad_authorization_is_401(script: TestClient, token_db: Path,
                                  authorization: str) -> None:
    response = script.post(f"/api/records/{record_id(token_db, 2)}/review",
                           headers={"Authorization": authorization},
                           json={"action": "confirm"})

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_session_still_needs_its_csrf_token(token_db: Path) -> None:
    with TestClient(create_app(str(token_db), secret_key=SECRET)) as browser:
        sign_in(browser)
        response = browser.post(f"/api/records/{record_id(token_db, 2)}/review",
                                json={"action": "confirm"})
    assert response.status_code == 403


def test_revoked_token_writes_nothing(script: TestClient, token_db: Path) -> None:
    made = armstrace("token", "add", "--user", ANALYST, "--db", token_db).stdout.strip()
    listed = armstrace("token", "list", "--db", token_db).stdout
    token_id = next(line.split()[0] for line in listed.splitlines()
                    if ANALYST in line and "nightly" not in line)

    armstrace("token", "revoke", token_id, "--db", token_db)
    again = armstrace("token", "revoke", token_id, "--db", token_db, check=False)

    response = script.post(f"/api/records/{record_id(token_db, 3)}/review",
                           headers=bearer(made), json={"action": "confirm"})
    assert response.status_code == 401
    assert again.returncode == 1 and "no unrevoked token" in again.stderr


def test_token_reads_a_register_that_requires_login(token_db: Path, token: str) -> None:
    with TestClient(create_app(str(token_db), secret_key=SECRET, require_login=True)) as client:
        assert client.get("/api/deals", headers=bearer(token)).status_code == 200
        assert client.get("/api/deals").status_code == 401


def test_tokens_are_never_logged(script: TestClient, token_db: Path, token: str,
                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    script.post(f"/api/records/{record_id(token_db, 4)}/review", headers=bearer(token),
                json={"action": "confirm"})
    script.post(f"/api/records/{record_id(token_db, 4)}/review",
                headers=bearer(token + "x"), json={"action": "confirm"})

    assert caplog.records and token not in caplog.text
