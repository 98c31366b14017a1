"""Bounds on what a request may ask for (body size, page size), and on the CPU the
server's costly work (password checks, searches) may take from the rest."""

from __future__ import annotations

import logging
import os

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_log = logging.getLogger(__name__)

# How much lower the threads of costly work run than the rest of the server (nice).
BACKGROUND_NICENESS = 10
# Rows per page: the default, and the most a request may ask for (more is refused with 422).
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class BodySizeLimit:
    """ASGI middleware: answer 413 to a request whose body exceeds `max_bytes`.

    Checks the declared Content-Length first, then counts the bytes as they
    stream in, so a chunked upload without a length is bounded too.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await _too_large(send)
                return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await _too_large(send)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send: Send) -> None:
    body = b'{"detail":"request body too large"}'
    await send({
        "type": "http.response.start",
        "status": 413,
        "headers": [(b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode())],
    })
    await send({"type": "http.response.body", "body": body})


def lower_thread_priority() -> None:
    """Lower the calling thread's CPU priority by `BACKGROUND_NICENESS`.

    For the threads of password checks and searches: on Linux the priority is per
    thread (and the threads Argon2 starts inherit it), so pages of other clients get
    the CPU first. Where it cannot be set, the work runs at the server's priority.
    """
    try:
        now = os.getpriority(os.PRIO_PROCESS, 0)
        os.setpriority(os.PRIO_PROCESS, 0, min(19, now + BACKGROUND_NICENESS))
    except (AttributeError, OSError) as error:
        _log.debug("costly work runs at the server's priority: %s", error)
