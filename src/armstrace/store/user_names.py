"""User names that ignore case: what schema 8 does to names created before it.

Until schema 8, "alice" and "Alice" could be two users. From it on, a name ignores case
(an index on `lower(name)` over the users not removed), so the migration must leave one
user per name. It keeps the first created of each clash and removes the others, as
`armstrace user remove` does: they can no longer sign in, their sessions end and their
tokens are revoked, and every decision they made keeps their name on the audit trail.
It says so in one warning per removed user, naming the user it kept; nothing is deleted.
Both backends run it (`migrations.py`, `postgres_migrations.py`), each with its own SQL
parameter style.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaseClash:
    """A user removed by the migration because `kept`, created first, has its name."""

    removed: str
    kept: str


def find_case_clashes(users: Iterable[tuple[str, str]]) -> list[CaseClash]:
    """Return the users to remove, given (name, created) of the users not removed:
    in each group of names equal but for case, all but the first created (then by name)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name, created in users:
        groups.setdefault(name.lower(), []).append((created, name))
    clashes = []
    for members in groups.values():
        kept, *others = sorted(members)
        clashes += [CaseClash(removed=name, kept=kept[1]) for _, name in others]
    return sorted(clashes, key=lambda clash: clash.removed)


def report_case_clashes(label: str, clashes: list[CaseClash]) -> None:
    """Log one warning per user the migration removed, saying why and what to do."""
    for clash in clashes:
        _log.warning(
            "%s: user names now ignore case, and %r was created after %r: %r is removed "
            "(it can no longer sign in; its decisions keep its name); give that analyst "
            "another name with: armstrace user add NAME",
            label, clash.removed, clash.kept, clash.removed)


def removal_time() -> str:
    """Return the time a migration stamps on the users it removes (now, UTC, ISO)."""
    return dt.datetime.now(dt.UTC).isoformat()
