"""Build the FastAPI application over one store: `create_app(store_url) -> FastAPI`.

`create_app_from_environment` is the same for uvicorn worker processes
(`armstrace serve --workers N`), its settings passed in environment variables.

Nothing is global: the settings, the templates, the sign-in guard (armstrace.web.logins)
and the page cache (armstrace.web.cache: pages kept until the store's next commit) live
on `app.state`, and each request opens its own store connection (SQLite connections
are cheap, and one per request keeps threads from sharing one).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import secrets
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from armstrace.errors import ConfigError, StoreError
from armstrace.review.audit import shown_value
from armstrace.store import open_change_counter, open_store
from armstrace.web.cache import PageCache
from armstrace.web.errors import add_error_pages
from armstrace.web.limits import BodySizeLimit
from armstrace.web.logins import LoginGuard
from armstrace.web.security import SecurityHeaders
from armstrace.web.sessions import SessionCookies
from armstrace.web.urls import path_part, with_query

_log = logging.getLogger(__name__)

WEB_FOLDER = Path(__file__).parent
# The State, Weapon and Network pages, owned by their own module; included when present.
_VIZ_MODULE = "armstrace.web.pages_viz"
# Requests larger than this are refused with 413: review forms and JSON bodies are small.
MAX_BODY_BYTES = 64 * 1024


@dataclass(frozen=True)
class WebSettings:
    """What the web application serves and how: the store, login and cookie policy."""

    store_url: str
    require_login: bool = False
    https_only: bool = False
    # The address readers reach the application at, ending in "/" ("" when unknown: links
    # in the Atom feed are then relative). Never taken from a request's Host header.
    base_url: str = ""
    max_body_bytes: int = MAX_BODY_BYTES


def create_app(
    store_url: str,
    *,
    require_login: bool = False,
    secret_key: str | None = None,
    https_only: bool = False,
    base_url: str | None = None,
) -> FastAPI:
    """Return the web application over the store at `store_url` (a path or a store URL).

    `require_login` closes reading to anonymous visitors too; writing always needs a
    signed-in user (sessions are kept in the store: armstrace.web.sessions).
    `secret_key` keys the forms' CSRF tokens; without one a random key is made, so a
    form opened before the process restarts must be reloaded. `https_only` marks the session
    cookie Secure and adds Strict-Transport-Security (set it when serving behind
    HTTPS). `base_url` is the address readers reach the application at, for the
    absolute links of the Atom feed (`armstrace serve` gives its own address by default).
    """
    # Opened once here so a wrong path or a database from a newer armstrace fails at start.
    with open_store(store_url):
        pass
    if secret_key is None:
        _log.warning(
            "no secret key given (--secret-key or ARMSTRACE_SECRET_KEY): using a random one, "
            "so forms opened before this process stops must be reloaded after"
        )
        secret_key = secrets.token_urlsafe(32)
    settings = WebSettings(store_url=store_url, require_login=require_login,
                           https_only=https_only, base_url=normal_base_url(base_url))
    app = FastAPI(
        title="armstrace",
        summary="An evidence-linked register of arms transfers, built from the news.",
        version="1",
        openapi_url="/api/openapi.json",
        # FastAPI's docs pages load Swagger UI from a CDN; nothing is fetched from the web:
        # /docs is our own page of the same description (armstrace.web.api_page).
        docs_url=None,
        redoc_url=None,
        lifespan=_close_on_stop,
    )
    app.state.settings = settings
    # The Deals list and Deal pages as computed, until the next commit to the store.
    app.state.page_cache = PageCache(open_change_counter(store_url))
    app.state.templates = _templates()
    # The catalogues take half a second to load: loaded by the first page that needs them.
    app.state.knowledge = None
    app.state.knowledge_lock = threading.Lock()
    # Failed sign-ins per name and address, and the queue of password checks.
    app.state.login_guard = LoginGuard()
    from armstrace.web.searching import SearchSlots

    # The searches running at once, and the queue in front of them.
    app.state.search_slots = SearchSlots()
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, https_only=https_only)
    app.add_middleware(SessionCookies, store_url=store_url, secret_key=secret_key,
                       https_only=https_only)
    app.mount("/static", StaticFiles(directory=WEB_FOLDER / "static"), name="static")

    from armstrace.web import (
        alerts,
        api,
        api_page,
        audit_pages,
        auth,
        downloads,
        pages,
        pages_sipri,
        review_pages,
    )

    app.include_router(alerts.router)
    app.include_router(api_page.router)
    app.include_router(audit_pages.router)
    app.include_router(auth.router)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(downloads.router)
    app.include_router(review_pages.router)
    app.include_router(pages_sipri.router)
    if importlib.util.find_spec(_VIZ_MODULE) is not None:
        app.include_router(importlib.import_module(_VIZ_MODULE).router)
    add_error_pages(app)
    return app


# What `create_app_from_environment` reads: `armstrace serve --workers N` (N > 1) sets these
# in its own process; uvicorn's worker processes inherit them and each builds its app.
ENV_STORE_URL = "ARMSTRACE_WEB_DB"
ENV_SECRET_KEY = "ARMSTRACE_SECRET_KEY"
ENV_REQUIRE_LOGIN = "ARMSTRACE_WEB_REQUIRE_LOGIN"
ENV_HTTPS_ONLY = "ARMSTRACE_WEB_HTTPS_ONLY"
ENV_BASE_URL = "ARMSTRACE_WEB_BASE_URL"
# The import string uvicorn calls (`factory=True`) in each worker process.
APP_FACTORY = "armstrace.web.app:create_app_from_environment"


def app_environment(store_url: str, *, secret_key: str, require_login: bool = False,
                    https_only: bool = False, base_url: str | None = None) -> dict[str, str]:
    """Return the environment variables that make `create_app_from_environment` build
    `create_app(store_url, ...)` with these settings."""
    return {
        ENV_STORE_URL: store_url,
        ENV_SECRET_KEY: secret_key,
        ENV_REQUIRE_LOGIN: "1" if require_login else "",
        ENV_HTTPS_ONLY: "1" if https_only else "",
        ENV_BASE_URL: base_url or "",
    }


def create_app_from_environment() -> FastAPI:
    """Return `create_app` with the settings of `app_environment` read from os.environ.

    The app factory of `armstrace serve --workers N`: uvicorn starts N processes
    that each import and call this, so every worker serves the same store with
    the same secret key (a form's CSRF token made by one worker is good in the others).
    """
    store_url = os.environ.get(ENV_STORE_URL)
    if not store_url:
        raise StoreError(f"{ENV_STORE_URL} is unset: the web app's workers do not know the store")
    return create_app(
        store_url,
        require_login=os.environ.get(ENV_REQUIRE_LOGIN) == "1",
        secret_key=os.environ.get(ENV_SECRET_KEY) or None,
        https_only=os.environ.get(ENV_HTTPS_ONLY) == "1",
        base_url=os.environ.get(ENV_BASE_URL) or None,
    )


def normal_base_url(base_url: str | None) -> str:
    """Return the base URL ending in "/" ("" for none); raise `ConfigError` unless http(s)."""
    if not base_url:
        return ""
    if not base_url.startswith(("http://", "https://")) or any(
            character in base_url for character in "?#\"\\<> "):
        raise ConfigError(f"base URL {base_url!r} is not an http:// or https:// address "
                          "without query or fragment; e.g. https://register.example.org/")
    return base_url if base_url.endswith("/") else base_url + "/"


@asynccontextmanager
async def _close_on_stop(app: FastAPI) -> AsyncIterator[None]:
    """Close the page cache's store connection when the server stops.

    The password-check and search threads stay: an application may be started again
    (tests do), and idle pool threads end with the process.
    """
    yield
    app.state.page_cache.close()


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=WEB_FOLDER / "templates")
    # Article text is untrusted: every {{ value }} is escaped unless marked safe by
    # armstrace.web.highlight, which escapes first and only then adds its tags.
    templates.env.autoescape = True
    templates.env.globals["with_query"] = with_query
    # Ids in link paths: `{{ document.id|path_part }}` (ids come from the sources).
    templates.env.filters["path_part"] = path_part
    templates.env.filters["change_text"] = shown_value
    return templates
