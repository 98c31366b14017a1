"""Links: ids made safe as path segments, and links that keep the current query."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request


def with_query(request: Request, path: str | None = None, **changes: Any) -> str:
    """Return `path` (default: this page) with this request's query, `changes` applied.

    A change to None removes the parameter; empty parameters are dropped.
    """
    parameters = {key: value for key, value in request.query_params.items() if value != ""}
    for key, value in changes.items():
        if value is None:
            parameters.pop(key, None)
        else:
            parameters[key] = str(value)
    query = urlencode(parameters)
    return (path or request.url.path) + (f"?{query}" if query else "")


def path_part(value: str) -> str:
    """Return an id as one URL path segment: every reserved character percent-encoded.

    Document ids come from the sources (a JSON Lines `id`), so one may hold `/`, `?`,
    `#` or read `..`; encoded, a link to it stays on its page (`/documents/..%2Fapi`).
    """
    encoded = quote(value, safe="")
    # "." and ".." are segments a browser resolves away, even encoded as themselves.
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded
