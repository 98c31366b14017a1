"""Read the party and weapon names of a filter as the values the store compares.

The command line (`records`, `deals`, `export`, `alert add`), the web pages and the API
take the same names: `resolve_typed_names` reads each through the catalogues
(`armstrace.knowledge.names`: "Russia", "russian", "Turkiye", "F16", "Fighting
Falcon") and, for a name no catalogue knows, keeps it as typed when the store holds it
(a non-state party or a system the extractor named from the text alone). Anything else
is one `UnknownNameError` line with the close matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from armstrace.errors import ConfigError, UnknownNameError

if TYPE_CHECKING:
    from armstrace.knowledge.names import NameResolver
    from armstrace.store import Store

# An outlet as the store keeps it: a host name's labels (letters, digits, '-', '_'), dotted.
_OUTLET = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://")
# What `read_outlet` reads, for the API's schema: a site, or a URL on it (scheme, port
# and path allowed), with blanks around.
OUTLET_PATTERN = (r"^\s*([A-Za-z][A-Za-z0-9+.-]*://)?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?"
                  r"(:[0-9]{1,5})?([/?#][^\x00-\x20]*)?\s*$")
_OUTLET_TEXT = re.compile(OUTLET_PATTERN)

# Whether some stored record holds a value in a field: is_stored(field, value).
StoredCheck = Callable[[str, str], bool]


@dataclass(frozen=True)
class TypedNames:
    """The names of a filter, as typed or as resolved; None is "any"."""

    supplier: str | None = None
    recipient: str | None = None
    weapon: str | None = None


def resolve_typed_names(
    typed: TypedNames, names: NameResolver, is_stored: StoredCheck
) -> TypedNames:
    """Return `typed` with each name replaced by the code, name or designation stored.

    `is_stored` is asked only about a name no catalogue knows (`stored_in(store)`).
    Raises `UnknownNameError` for a name that reads as several things, or as nothing
    the catalogues or the store's records hold.
    """
    return TypedNames(
        supplier=_resolve("supplier", typed.supplier, names, is_stored),
        recipient=_resolve("recipient", typed.recipient, names, is_stored),
        weapon=_resolve("weapon", typed.weapon, names, is_stored),
    )


def _resolve(
    field: str, typed: str | None, names: NameResolver, is_stored: StoredCheck
) -> str | None:
    if typed is None:
        return None
    try:
        if field == "weapon":
            return names.weapon(typed, field).filter_value
        return names.party(typed, field).filter_value
    except UnknownNameError as error:
        if typed.strip() and not error.ambiguous and is_stored(field, typed.strip()):
            return typed.strip()
        raise


def stored_in(store: Store) -> StoredCheck:
    """Return the check whether some record of `store` (rejected ones too) holds a value."""
    from armstrace.store import RecordFilter

    def is_stored(field: str, value: str) -> bool:
        wanted = RecordFilter(
            supplier=value if field == "supplier" else None,
            recipient=value if field == "recipient" else None,
            weapon=value if field == "weapon" else None,
            include_rejected=True, limit=1)
        return next(iter(store.iter_records(wanted)), None) is not None

    return is_stored


def read_outlet(typed: str) -> str:
    """Return the outlet a filter names, as documents' sites are stored: the host in lower
    case without `www.` ("Reuters.com", "www.reuters.com/world" and
    "https://www.reuters.com/x" are all "reuters.com"). Raise `ConfigError` for text
    that names no site (`OUTLET_PATTERN` says what does)."""
    if not _OUTLET_TEXT.match(typed):
        raise ConfigError(f"outlet {typed!r} names no site: give a domain such as reuters.com")
    text = typed.strip().lower()
    try:
        host = urlsplit(text if _SCHEME.match(text) else f"http://{text}").hostname
    except ValueError:  # an unclosed IPv6 bracket
        host = None
    site = (host or "").rstrip(".").removeprefix("www.")
    if not site or not _OUTLET.fullmatch(site):
        raise ConfigError(f"outlet {typed!r} names no site: give a domain such as reuters.com")
    return site
