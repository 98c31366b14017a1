"""How a store's location is shown to people: never with its password."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def redact_url(location: str) -> str:
    """Return a database URL without its password and query; a file path as it is."""
    if "://" not in location:
        return location
    try:
        parts = urlsplit(location)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return location.split("://", 1)[0] + "://…"
    user = f"{parts.username}@" if parts.username else ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, "", ""))
