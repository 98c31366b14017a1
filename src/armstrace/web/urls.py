"""Links that keep the current query: sort headers, pager, download links."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

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
