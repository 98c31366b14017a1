"""Response headers that make the browser hold the pages to what they are.

Article text is escaped on the server; the Content-Security-Policy is the second
line: scripts only from this site (no inline script runs, so text that slipped
through escaping could not execute), no framing, forms post only here. The pages use
no camera, microphone, location or payment (Permissions-Policy), share no browsing
context with a window of another site (Cross-Origin-Opener-Policy), and, served over
HTTPS (`--https-only`), tell the browser to come back over HTTPS only
(Strict-Transport-Security).
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Styles may be inline: the vendored chart and graph libraries set element styles.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "browsing-topics=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
}
# A year, as the HSTS preload list asks; without includeSubDomains, which is the whole
# domain's decision, not this application's.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"


class SecurityHeaders:
    """ASGI middleware: add `SECURITY_HEADERS` to every HTTP response, and
    Strict-Transport-Security when the application is served over HTTPS only."""

    def __init__(self, app: ASGIApp, https_only: bool = False) -> None:
        self.app = app
        self.headers = dict(SECURITY_HEADERS)
        if https_only:
            self.headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
