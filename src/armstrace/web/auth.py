"""Sign-in, sign-out and CSRF tokens.

A session is a signed cookie (Starlette's SessionMiddleware) holding the user's
name and a random CSRF token. Every write (a form post or the review API) must
send that token back, as the `csrf_token` form field or the `X-CSRF-Token`
header; a missing or wrong token gets 403.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from armstrace.web.dependencies import open_request_store, render

router = APIRouter(include_in_schema=False)

CSRF_HEADER = "X-CSRF-Token"
_MAX_NAME = 64
_MAX_PASSWORD = 1024


def csrf_token(request: Request) -> str:
    """Return the session's CSRF token, making one on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, sent: str | None) -> None:
    """Raise 403 unless `sent` is the session's CSRF token."""
    expected = request.session.get("csrf")
    if not isinstance(expected, str) or not sent or not secrets.compare_digest(expected, sent):
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
                                          "error": None})


@router.post("/login", response_model=None)
def login(
    request: Request,
    name: Annotated[str, Form(max_length=_MAX_NAME)],
    password: Annotated[str, Form(max_length=_MAX_PASSWORD)],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Check the name and password; on success start a signed-in session."""
    check_csrf(request, csrf_token)
    if not _password_matches(request, name, password):
        return render(request, "login.html",
                      {"title": "Sign in", "next": safe_next(next),
                       "error": "Unknown user or wrong password."}, status_code=401)
    request.session.clear()
    request.session["user"] = name
    # A fresh token after sign-in: a token planted before it is worth nothing.
    request.session["csrf"] = secrets.token_urlsafe(32)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(
    request: Request, csrf_token: Annotated[str, Form(max_length=200)] = ""
) -> RedirectResponse:
    """End the session."""
    check_csrf(request, csrf_token)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


def _password_matches(request: Request, name: str, password: str) -> bool:
    from armstrace.review import verify_password

    with open_request_store(request) as store:
        user = store.get_user(name)
    return user is not None and verify_password(user.password_hash, password)
