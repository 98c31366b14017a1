"""Browser sessions: an opaque cookie, signed-in sessions kept in the store.

The cookie `armstrace_session` holds a random token and nothing else: no name, no
CSRF token, nothing a reader of the cookie learns from. Its first letter says what
the token is:

    a.TOKEN   anonymous: nothing is stored; the token only keys the CSRF token
    s.TOKEN   signed in: the store keeps the session (`web_sessions`, the token's
              SHA-256, the user, when it expires, a notice to show)

Signing out deletes the stored session, so a copy of the cookie made before is
worth nothing after; a new password (`armstrace user password`) deletes every
session of its user. The CSRF token of a session is an HMAC of its token under the
application's secret key: it changes with the token (at sign-in and sign-out) and
needs no storage.

`SessionCookies` is the ASGI middleware: it reads the cookie (looking a signed-in
token up in the store, in a worker thread), leaves a `Session` in the request's
scope, and sets the cookie when the session changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armstrace.store import Store, WebSession, open_store

COOKIE = "armstrace_session"
_ANONYMOUS = "a."
_SIGNED_IN = "s."
# A signed-in session lasts a working day.
SESSION_LIFETIME = dt.timedelta(hours=12)
# Where the middleware leaves the request's session.
_SCOPE_KEY = "armstrace.session"
# Tokens: 32 random bytes, URL-safe base64 (43 characters); a longer cookie is no token.
_TOKEN_LENGTH = 43


@dataclass
class Session:
    """The session of one request: its token, its user (None: anonymous), its notice."""

    token: str | None
    user: str | None = None
    notice: str | None = None
    # Whether the response must set the cookie (a new token) or the notice was read.
    changed: bool = False
    notice_shown: bool = False
    expires: dt.datetime | None = None
    _secret: bytes = field(default=b"", repr=False)

    def csrf_token(self) -> str:
        """Return the session's CSRF token, giving an anonymous visitor a token first."""
        if self.token is None:
            self.token = new_token()
            self.changed = True
        digest = hmac.new(self._secret, b"csrf:" + self.token.encode(), hashlib.sha256)
        return digest.hexdigest()

    def token_hash(self) -> str:
        """Return the SHA-256 of the token, the key of a signed-in session in the store."""
        return token_hash(self.token or "")


def new_token() -> str:
    """Return a new random session token."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Return the hex SHA-256 of a token (what the store keeps)."""
    return hashlib.sha256(token.encode()).hexdigest()


def session_of(connection: HTTPConnection) -> Session:
    """Return the request's session (the middleware put it in the scope)."""
    session: Session = connection.scope[_SCOPE_KEY]
    return session


def session_if_any(connection: HTTPConnection) -> Session | None:
    """Return the request's session, or None before the middleware made one."""
    session: Session | None = connection.scope.get(_SCOPE_KEY)
    return session


def sign_in(store: Store, session: Session, user: str, now: dt.datetime) -> None:
    """Start a signed-in session for `user` under a new token (the old one is dropped)."""
    session.token = new_token()
    session.user = user
    session.notice = None
    session.expires = now + SESSION_LIFETIME
    session.changed = True
    store.start_web_session(WebSession(token_hash=session.token_hash(), user=user,
                                       created=now, expires=session.expires))


def sign_out(store: Store, session: Session) -> None:
    """End the session in the store; the visitor goes on under a new anonymous token."""
    if session.user is not None and session.token:
        store.end_web_session(session.token_hash())
    session.token = new_token()
    session.user = None
    session.notice = None
    session.expires = None
    session.changed = True


class SessionCookies:
    """ASGI middleware: the request's `Session` from its cookie; the cookie set when it changed.

    `store_url` is where signed-in sessions are kept; `secret_key` keys the CSRF
    tokens; `https_only` marks the cookie Secure.
    """

    def __init__(self, app: ASGIApp, *, store_url: str, secret_key: str,
                 https_only: bool = False) -> None:
        self.app = app
        self.store_url = store_url
        self.secret = secret_key.encode()
        self.https_only = https_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        session = await self._read(HTTPConnection(scope).cookies.get(COOKIE, ""))
        scope[_SCOPE_KEY] = session

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and session.changed:
                MutableHeaders(scope=message).append("Set-Cookie", self._cookie(session))
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    async def _read(self, cookie: str) -> Session:
        kind, token = cookie[:2], cookie[2:]
        if len(token) != _TOKEN_LENGTH:
            return Session(token=None, _secret=self.secret)
        if kind == _ANONYMOUS:
            return Session(token=token, _secret=self.secret)
        if kind == _SIGNED_IN:
            stored = await run_in_threadpool(self._look_up, token)
            if stored is not None:
                return Session(token=token, user=stored.user, notice=stored.notice,
                               expires=stored.expires, _secret=self.secret)
        # Ended, expired or never issued: the visitor goes on anonymous, under a new token.
        return Session(token=new_token(), changed=True, _secret=self.secret)

    def _look_up(self, token: str) -> WebSession | None:
        with open_store(self.store_url) as store:
            return store.get_web_session(token_hash(token), dt.datetime.now(dt.UTC))

    def _cookie(self, session: Session) -> str:
        cookie: SimpleCookie = SimpleCookie()
        signed_in = session.user is not None
        cookie[COOKIE] = (_SIGNED_IN if signed_in else _ANONYMOUS) + (session.token or "")
        morsel = cookie[COOKIE]
        morsel["path"] = "/"
        morsel["httponly"] = True
        morsel["samesite"] = "lax"
        if signed_in:
            morsel["max-age"] = int(SESSION_LIFETIME.total_seconds())
        if self.https_only:
            morsel["secure"] = True
        return morsel.OutputString()


def leave_notice(store: Store, session: Session, notice: str) -> None:
    """Keep a one-line report of a write for the signed-in session's next page."""
    if session.user is not None and session.token:
        store.set_web_session_notice(session.token_hash(), notice)
        session.notice = notice


def take_notice(store_url: str, session: Session) -> str | None:
    """Return the session's notice, once: it is cleared in the store as it is shown."""
    notice = session.notice
    if notice is None or session.notice_shown:
        return None
    session.notice_shown = True
    with open_store(store_url) as store:
        store.set_web_session_notice(session.token_hash(), None)
    return notice
