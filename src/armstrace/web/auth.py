"""Sign-in, sign-out and CSRF tokens.

A session is an opaque cookie (armstrace.web.sessions); a signed-in one is kept in
the store, so signing out ends it for every copy of the cookie. Every write (a form
post or the review API) must send the session's CSRF token back, as the
`csrf_token` form field or the `X-CSRF-Token` header; a missing or wrong token gets
403. Sign-in is limited per name and per address, and its password checks are
queued (armstrace.web.logins); an unknown name costs the same check as a known one.
"""

from __future__ import annotations

import datetime as dt
import math
import secrets
from functools import cache, partial
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from armstrace.web.dependencies import open_request_store, render
from armstrace.web.logins import LoginBusy, LoginGuard
from armstrace.web.sessions import session_of, sign_in, sign_out

router = APIRouter(include_in_schema=False)

CSRF_HEADER = "X-CSRF-Token"
_MAX_NAME = 64
_MAX_PASSWORD = 1024
# Seconds a client is asked to wait when every password-check slot is taken.
_BUSY_RETRY_SECONDS = 5


def csrf_token(request: Request) -> str:
    """Return the session's CSRF token, making one on first use."""
    return session_of(request).csrf_token()


def check_csrf(request: Request, sent: str | None) -> None:
    """Raise 403 unless `sent` is the session's CSRF token."""
    session = session_of(request)
    expected = session.csrf_token() if session.token else None
    if not expected or not sent or not secrets.compare_digest(expected, sent):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token; reload the page")


def safe_next(target: str | None) -> str:
    """Return a same-site path to go to after sign-in (never another site)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    """Show the sign-in form."""
    return render(request, "login.html", {"title": "Sign in", "next": safe_next(next),
                                          "error": None, "name": ""})


@router.post("/login", response_model=None)
async def login(
    request: Request,
    name: Annotated[str, Form(max_length=_MAX_NAME)],
    password: Annotated[str, Form(max_length=_MAX_PASSWORD)],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Check the name and password; on success start a signed-in session.

    Async, so that sign-ins waiting for a password check hold no worker thread:
    only the check itself runs in one.
    """
    check_csrf(request, csrf_token)
    guard: LoginGuard = request.app.state.login_guard
    address = request.client.host if request.client else ""
    wait = guard.retry_after(name, address)
    if wait > 0:
        return _refused(request, name, next, 429, f"Too many failed sign-ins for this name or from "
                        f"this address; try again in {math.ceil(wait / 60)} minutes.",
                        math.ceil(wait))
    try:
        user = await guard.check(partial(_signed_in_name, request, name, password),
                                 gone=request.is_disconnected)
    except LoginBusy:
        return _refused(request, name, next, 503, "Too many sign-ins at once; try again in a few "
                        "seconds.", _BUSY_RETRY_SECONDS)
    if user is None:
        guard.record_failure(name, address)
        return _refused(request, name, next, 401, "Unknown user or wrong password.")
    guard.record_success(name)
    await run_in_threadpool(_start_session, request, user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(
    request: Request, csrf_token: Annotated[str, Form(max_length=200)] = ""
) -> RedirectResponse:
    """End the session, in the store: a copy of its cookie signs no one in afterwards."""
    check_csrf(request, csrf_token)
    with open_request_store(request) as store:
        sign_out(store, session_of(request))
    return RedirectResponse("/", status_code=303)


def _refused(request: Request, name: str, next: str, status_code: int, error: str,
             retry_after: int | None = None) -> Response:
    """Show the sign-in form again with the message and the name typed (not the password)."""
    response = render(request, "login.html",
                      {"title": "Sign in", "next": safe_next(next), "error": error,
                       "name": name}, status_code=status_code)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def _signed_in_name(request: Request, name: str, password: str) -> str | None:
    """Return the user's name as stored (names ignore case) when the password is right
    and the user was not removed, else None."""
    from armstrace.review import verify_password

    with open_request_store(request) as store:
        user = store.get_user(name)
    if user is None or not user.active:
        # The same Argon2id work as for a real user: the answer's time does not tell
        # whether the name exists (or was removed).
        verify_password(_dummy_hash(), password)
        return None
    return user.name if verify_password(user.password_hash, password) else None


@cache
def _dummy_hash() -> str:
    """Return a hash of a random password, made with the parameters real hashes have."""
    from armstrace.review import hash_password

    return hash_password(secrets.token_urlsafe(32))


def _start_session(request: Request, name: str) -> None:
    with open_request_store(request) as store:
        sign_in(store, session_of(request), name, dt.datetime.now(dt.UTC))
