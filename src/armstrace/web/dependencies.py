"""What every route needs: the request's store, the signed-in user, and page rendering.

Routers (this package's and `pages_viz`) use these instead of reaching into
`app.state` themselves:

    @router.get("/states/{iso3}", response_class=HTMLResponse)
    def state_page(request: Request, iso3: str, reader: Reader) -> HTMLResponse:
        with open_request_store(request) as store:
            ...
        return render(request, "state.html", {"title": iso3, ...})
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.templating import Jinja2Templates

from armstrace.errors import UnknownNameError
from armstrace.filters import TypedNames, resolve_typed_names, stored_in
from armstrace.store import Store, open_store
from armstrace.values import ValueTables, load_value_tables
from armstrace.web.app import WebSettings
from armstrace.web.schemas import RecordQuery

if TYPE_CHECKING:
    from armstrace.knowledge import Knowledge

QueryT = TypeVar("QueryT", bound=RecordQuery)


def settings_of(request: Request) -> WebSettings:
    """Return the application's settings."""
    settings: WebSettings = request.app.state.settings
    return settings


def open_request_store(request: Request) -> Store:
    """Open the application's store for this request; use it as `with ... as store:`."""
    return open_store(settings_of(request).store_url)


def knowledge_of(request: Request) -> Knowledge:
    """Return the catalogues (states, weapons), loaded on first use and kept on `app.state`."""
    state = request.app.state
    with state.knowledge_lock:
        if state.knowledge is None:
            from armstrace.knowledge import load_knowledge

            state.knowledge = load_knowledge()
        knowledge: Knowledge = state.knowledge
    return knowledge


def state_names(request: Request) -> dict[str, str]:
    """Return the catalogue's name of every ISO code (its latest period's name)."""
    state = request.app.state
    names: dict[str, str] | None = getattr(state, "state_names", None)
    if names is None:
        names = {item.iso3: item.name for item in knowledge_of(request).states}
        state.state_names = names
    return names


def resolve_query_names(request: Request, query: QueryT, store: Store | None = None) -> QueryT:
    """Return `query` with its supplier, recipient and weapon as the store compares them.

    Names resolve as on the command line ("France", "russian", "F16"; see
    `armstrace.filters`); a name that reads as nothing, or as several things, is a 422
    whose message lists the close matches. The store is opened only to look up a name
    no catalogue knows (pass `store` when one is open).
    """
    typed = TypedNames(query.supplier, query.recipient, query.weapon)
    if typed == TypedNames():
        return query

    def is_stored(field: str, value: str) -> bool:
        if store is not None:
            return stored_in(store)(field, value)
        with open_request_store(request) as opened:
            return stored_in(opened)(field, value)

    try:
        resolved = resolve_typed_names(typed, knowledge_of(request).names, is_stored)
    except UnknownNameError as error:
        # In the shape of FastAPI's own 422 (the OpenAPI schema's HTTPValidationError).
        raise RequestValidationError([{
            "type": "value_error", "loc": ("query", error.role), "msg": str(error),
            "input": getattr(typed, error.role, None),
        }]) from None
    return query.model_copy(update={"supplier": resolved.supplier,
                                    "recipient": resolved.recipient,
                                    "weapon": resolved.weapon})


def value_tables(request: Request) -> ValueTables:
    """Return the exchange-rate and price tables (armstrace.values), loaded on first use."""
    state = request.app.state
    tables: ValueTables | None = getattr(state, "value_tables", None)
    if tables is None:
        tables = load_value_tables()
        state.value_tables = tables
    return tables


def signed_in_user(request: Request) -> str | None:
    """Return the name of the signed-in user, or None."""
    from armstrace.web.sessions import session_of

    return session_of(request).user


# The two checks below are `async` though they never wait: FastAPI runs a plain `def`
# dependency in its thread pool, a hand-over to another thread and back on every request.


async def require_reader(request: Request) -> str | None:
    """Let anyone read, unless the application requires login (then 401 for anonymous;
    a script may read with its API token)."""
    user = signed_in_user(request)
    if user is None and settings_of(request).require_login:
        if request.headers.get("authorization") is not None:
            return (await require_api_writer(request, await _BEARER(request))).user
        raise HTTPException(status_code=401, detail="sign in to read this register",
                            headers={"WWW-Authenticate": "Session"})
    return user


async def require_writer(request: Request) -> str:
    """Return the signed-in user; anonymous requests get 401: every write needs a user."""
    user = signed_in_user(request)
    if user is None:
        raise HTTPException(status_code=401, detail="sign in to change the register",
                            headers={"WWW-Authenticate": "Session"})
    return user


@dataclass(frozen=True)
class ApiAuthor:
    """Who writes through the API: a user, and whether a token (not a session) says so."""

    user: str
    by_token: bool


# `Authorization: Bearer TOKEN` (armstrace.review.tokens); declared so the API's
# schema and its page say how scripts sign their writes.
_BEARER = HTTPBearer(auto_error=False, description="An API token: armstrace token add --user NAME")


async def require_api_writer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
) -> ApiAuthor:
    """Return who writes: the user of a valid bearer token, else the signed-in user; 401
    for a bad, unknown or revoked token and for anonymous requests. The token is never
    logged nor echoed."""
    if request.headers.get("authorization") is None:
        return ApiAuthor(await require_writer(request), by_token=False)
    if credentials is None or not credentials.credentials.strip():
        raise HTTPException(status_code=401, detail="send the token as: Authorization: Bearer "
                            "TOKEN", headers={"WWW-Authenticate": "Bearer"})
    user = await run_in_threadpool(_token_user, request, credentials.credentials.strip())
    if user is None:
        raise HTTPException(status_code=401, detail="unknown or revoked API token",
                            headers={"WWW-Authenticate": "Bearer"})
    return ApiAuthor(user, by_token=True)


def _token_user(request: Request, token: str) -> str | None:
    from armstrace.review import hash_api_token

    with open_request_store(request) as store:
        found = store.use_api_token(hash_api_token(token), dt.datetime.now(dt.UTC))
    return found.user if found is not None else None


# Route parameters: `reader: Reader` admits anyone allowed to read, `writer: Writer`
# only a signed-in user, `author: Author` a signed-in user or an API token's.
Reader = Annotated[str | None, Depends(require_reader)]
Writer = Annotated[str, Depends(require_writer)]
Author = Annotated[ApiAuthor, Depends(require_api_writer)]


def render(request: Request, template: str, context: dict[str, Any],
           status_code: int = 200) -> HTMLResponse:
    """Render a page template with the user and CSRF token every page shows."""
    from armstrace.web.sessions import session_of, take_notice

    session = session_of(request)
    templates: Jinja2Templates = request.app.state.templates
    page_context = {
        "user": session.user,
        "csrf_token": session.csrf_token(),
        # A one-line report of the last write (left by the form that made it), shown once.
        "notice": take_notice(settings_of(request).store_url, session),
    }
    page_context.update(context)
    return templates.TemplateResponse(request, template, page_context, status_code=status_code)
