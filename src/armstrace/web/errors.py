"""How the web application answers errors: JSON to scripts, a page to browsers.

Under /api/, or to a client that asks for JSON only (`Accept: application/json`),
an error is `{"detail": ...}`. Anyone else gets an HTML page with the message and
the site's header as the visitor sees it (signed in or not), and a bad query
(`/deals?since=yesterday`) names each bad parameter and what was typed. A page
that needs a signed-in reader (`--require-login`) sends a browser to the sign-in
page with the address to come back to.
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from armstrace.errors import StoreError

_log = logging.getLogger(__name__)
# Paths that are not pages though outside /api/: a feed reader cannot sign in.
_NOT_PAGES = (".atom",)


def add_error_pages(app: FastAPI) -> None:
    """Answer errors as JSON to scripts and as an HTML page to browsers (see module)."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if not wants_page(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                                headers=headers)
        if exc.status_code == 401 and request.method in ("GET", "HEAD"):
            return RedirectResponse(sign_in_address(request), status_code=303)
        return error_page(request, exc.status_code, str(exc.detail), headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        if not wants_page(request):
            # FastAPI's own answer echoes the input, which may hold a lone surrogate (JSON's
            # "\udfff"): not encodable as UTF-8, it made a 500. Escaped here as JSON allows.
            return AsciiJSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        problems = [_problem(error) for error in exc.errors()]
        return error_page(request, 422, "This address asks for something the page cannot show.",
                          None, problems=problems)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        _log.error("store error on %s: %s", request.url.path, exc.message)
        if not wants_page(request):
            return JSONResponse({"detail": "the database cannot be read"}, status_code=503)
        return error_page(request, 503, "The database cannot be read.", None)


def wants_page(request: Request) -> bool:
    """Return whether the client is shown a page (a browser), not JSON (the API, a script)."""
    path = request.url.path
    if path.startswith("/api/") or path == "/api" or path.endswith(_NOT_PAGES):
        return False
    accept = request.headers.get("accept", "")
    return not ("application/json" in accept and "text/html" not in accept)


def sign_in_address(request: Request) -> str:
    """Return the sign-in page's address, coming back to this page after."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/login?next={quote(here, safe='')}"


class AsciiJSONResponse(JSONResponse):
    """A JSON response with every non-ASCII character escaped, lone surrogates included."""

    def render(self, content: object) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False,
                          separators=(",", ":")).encode("ascii")


def error_page(request: Request, status_code: int, message: str,
               headers: dict[str, str] | None, problems: list[str] | None = None
               ) -> HTMLResponse:
    """Return the error page, its header showing the visitor signed in or not."""
    from armstrace.web.sessions import session_if_any

    templates: Jinja2Templates = request.app.state.templates
    context: dict[str, Any] = {"status_code": status_code, "message": message,
                               "problems": problems or [], "user": None, "csrf_token": ""}
    session = session_if_any(request)
    if session is not None:
        context.update(user=session.user, csrf_token=session.csrf_token())
    return templates.TemplateResponse(request, "error.html", context, status_code=status_code,
                                      headers=headers)


def _problem(error: dict[str, Any]) -> str:
    """Return one line for a bad parameter: where, what was wrong, what was typed."""
    where = [str(part) for part in error.get("loc", ()) if part not in ("query", "body", "path")]
    name = ".".join(where) or "the request"
    typed = error.get("input")
    shown = f" (you gave {typed!r})" if isinstance(typed, str | int | float) else ""
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    return f"{name}: {message}{shown}"
