"""Sign-in through a real `armstrace serve` (issue 16, items 10, 11, 12 and 14):
sessions end on the server, failures are limited, password checks are queued, an
unknown name costs what a known one does, and the cookie tells nothing."""

from __future__ import annotations

import base64
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from armstrace.store import RecordFilter, open_store

from .conftest import ANALYST, ANALYST_PASSWORD
from .servers import REPO, csrf_in, resident_mb, serving, serving_process, signed_in_client

SIGNED_IN = f'<span class="user">{ANALYST}</span>'


@pytest.fixture
def own_db(chosen_ids_db: Path, tmp_path: Path) -> Path:
    """Return a copy of the register with its analyst, for a test that changes it."""
    db = tmp_path / "register.db"
    shutil.copy(chosen_ids_db, db)
    return db


def a_record_id(db: Path) -> str:
    with open_store(db) as store:
        return next(iter(store.iter_records(RecordFilter()))).id


def confirm(client: httpx.Client, db: Path, token: str) -> httpx.Response:
    """Confirm a record through the review API with the client's session."""
    return client.post(f"/api/records/{a_record_id(db)}/review", json={"action": "confirm"},
                       headers={"X-CSRF-Token": token})


def wrong_login(client: httpx.Client, name: str, password: str = "not the password",
                **headers: str) -> httpx.Response:
    """Post the sign-in form with the client's own CSRF token."""
    token = csrf_in(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password,
                                       "csrf_token": token, "next": "/"}, headers=headers)


# -- item 11: sessions end on the server -------------------------------------------------------


def test_signing_out_ends_the_session_for_a_copy_of_its_cookie(own_db: Path) -> None:
    with serving(own_db) as base:
        client, token = signed_in_client(base, ANALYST, ANALYST_PASSWORD)
        copy = httpx.Client(base_url=base, cookies=dict(client.cookies), timeout=30)
        with closing(client), closing(copy):
            assert SIGNED_IN in copy.get("/review").text
            client.post("/logout", data={"csrf_token": token})
            after = copy.get("/review").text
            write = confirm(copy, own_db, token)

    assert SIGNED_IN not in after
    assert write.status_code in (401, 403), write.text


def test_a_new_password_ends_every_session_of_its_user(own_db: Path) -> None:
    with serving(own_db) as base:
        client, token = signed_in_client(base, ANALYST, ANALYST_PASSWORD)
        with closing(client):
            subprocess.run(
                [sys.executable, "-m", "armstrace.cli", "user", "password", ANALYST,
                 "--db", str(own_db), "--password-stdin"],
                input="a new passphrase for ana\n", text=True, check=True, timeout=60,
                env={**os.environ, "PYTHONPATH": str(REPO / "src")}, capture_output=True)
            write = confirm(client, own_db, token)

    assert write.status_code in (401, 403), write.text


def test_signing_in_ignores_the_names_case(own_db: Path) -> None:
    with serving(own_db) as base:
        client, _ = signed_in_client(base, ANALYST.upper(), ANALYST_PASSWORD)
        with closing(client):
            page = client.get("/review").text

    assert SIGNED_IN in page  # the name as stored, not as typed


def test_removing_a_user_ends_its_session_and_refuses_its_sign_in(own_db: Path) -> None:
    with serving(own_db) as base:
        client, token = signed_in_client(base, ANALYST, ANALYST_PASSWORD)
        with closing(client):
            subprocess.run(
                [sys.executable, "-m", "armstrace.cli", "user", "remove", ANALYST,
                 "--db", str(own_db)],
                text=True, check=True, timeout=60, capture_output=True,
                env={**os.environ, "PYTHONPATH": str(REPO / "src")})
            write = confirm(client, own_db, token)
            again = wrong_login(client, ANALYST, ANALYST_PASSWORD)

    assert write.status_code in (401, 403), write.text
    assert again.status_code == 401
    assert "Unknown user or wrong password." in again.text


def test_the_session_cookie_holds_neither_name_nor_csrf_token(own_db: Path) -> None:
    with serving(own_db) as base:
        client, token = signed_in_client(base, ANALYST, ANALYST_PASSWORD)
        with closing(client):
            cookie = client.cookies["armstrace_session"]

    # Starlette's signed cookie was base64 JSON, then a timestamp and a signature.
    readable = cookie + "".join(decoded(part) for part in cookie.split("."))
    assert ANALYST not in readable and token not in readable


def decoded(part: str) -> str:
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("latin-1")
    except ValueError:
        return ""


# -- item 10: failures limited, password checks queued ---------------------------------------


def test_ten_failures_lock_a_name_even_for_the_right_password(own_db: Path) -> None:
    with serving(own_db) as base, httpx.Client(base_url=base, timeout=30) as client:
        failures = [wrong_login(client, ANALYST).status_code for _ in range(10)]
        right = wrong_login(client, ANALYST, ANALYST_PASSWORD)

    assert failures == [401] * 10
    assert right.status_code == 429
    assert int(right.headers["Retry-After"]) > 0 and "try again" in right.text


def test_thirty_failures_lock_an_address_for_every_name(own_db: Path) -> None:
    with serving(own_db) as base, httpx.Client(base_url=base, timeout=30) as client:
        failures = [wrong_login(client, f"guess{number}").status_code for number in range(30)]
        right = wrong_login(client, ANALYST, ANALYST_PASSWORD)

    assert failures == [401] * 30
    assert right.status_code == 429


def test_a_flood_of_sign_ins_is_queued_within_memory(own_db: Path) -> None:
    """40 at once for a real user (each Argon2id check takes 64 MiB): 2.7 GB before."""
    peak = 0.0
    with serving_process(own_db) as (base, server):
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.05):
                peak = max(peak, resident_mb(server.pid))

        def one(number: int) -> int:
            with httpx.Client(base_url=base, timeout=120) as client:
                # Each from an address of its own, as through a proxy: no address lockout.
                return wrong_login(client, ANALYST,
                                   **{"X-Forwarded-For": f"10.0.0.{number + 1}"}).status_code

        before = resident_mb(server.pid)
        sampler = threading.Thread(target=sample)
        sampler.start()
        with ThreadPoolExecutor(40) as pool:
            statuses = list(pool.map(one, range(40)))
        done.set()
        sampler.join()

    # 429 once the name has failed ten times; 503 when the queue of checks is full.
    assert set(statuses) <= {401, 429, 503} and 401 in statuses
    assert peak - before < 400, f"{before:.0f} MB before, {peak:.0f} MB at the peak"


# -- item 12: an unknown name costs what a known one does ------------------------------------


def test_a_wrong_password_takes_as_long_for_an_unknown_name(own_db: Path) -> None:
    known, unknown = [], []
    with serving(own_db) as base, httpx.Client(base_url=base, timeout=30) as client:
        wrong_login(client, "warm-up")  # the first check of a process makes its dummy hash
        for number in range(4):
            for name, times in ((ANALYST, known), (f"nobody{number}", unknown)):
                started = time.perf_counter()
                assert wrong_login(client, name).status_code == 401
                times.append(time.perf_counter() - started)

    # Before: 153 ms against 3.8 ms (issue 16). Each includes a GET of the form.
    assert statistics.median(unknown) > 0.5 * statistics.median(known), (known, unknown)


def test_the_review_api_still_works_for_a_signed_in_user(own_db: Path) -> None:
    with serving(own_db) as base:
        client, token = signed_in_client(base, ANALYST, ANALYST_PASSWORD)
        with closing(client):
            write = confirm(client, own_db, token)

    assert write.status_code == 200, write.text
    assert json.loads(write.text)["decision"]["user"] == ANALYST
