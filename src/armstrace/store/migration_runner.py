"""Bring a database's schema up to date: the migration runner both SQL stores share.

A migration is a tuple of steps, and a database's schema version is how many
migrations it has had. The runner takes the backend's lock, reads the version,
refuses a database it must not migrate, applies the missing migrations' steps
in order and writes the new version, all in one transaction, so a database is
never left half-migrated. Where the version is kept, how the lock is held and
the DDL itself are each backend's own (`migrations.py`, `postgres_migrations.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Protocol, TypeVar

from armstrace.errors import StoreError

Step = TypeVar("Step")
Step_contra = TypeVar("Step_contra", contravariant=True)


class SchemaHistory(Protocol[Step_contra]):
    """What the runner needs of a backend: its lock, its version and how to run a step.

    `label` names the database in error messages.
    """

    @property
    def label(self) -> str: ...

    def migrating(self) -> AbstractContextManager[None]:
        """Return a context holding the one transaction, and lock, the migrations run in."""
        ...

    def read_version(self) -> int:
        """Return how many migrations the database has had (0 for a new one)."""
        ...

    def check_owner(self, version: int) -> None:
        """Raise `StoreError` when the database is another application's, not armstrace's."""
        ...

    def apply(self, step: Step_contra) -> None:
        """Run one step of a migration."""
        ...

    def write_version(self, previous: int, version: int) -> None:
        """Record that the database, at `previous`, has now had `version` migrations."""
        ...


def apply_migrations(history: SchemaHistory[Step], migrations: Sequence[Sequence[Step]]) -> int:
    """Apply the migrations the database has not had, in order; return the schema version."""
    latest = len(migrations)
    with history.migrating():
        # Read under the lock: another process may have migrated while this one waited.
        version = history.read_version()
        if version == latest:
            return version
        check_version(history, version, latest)
        for steps in migrations[version:]:
            for step in steps:
                history.apply(step)
        history.write_version(version, latest)
    return latest


def check_version(history: SchemaHistory[Step], version: int, latest: int) -> None:
    """Raise `StoreError` when a database at `version` cannot be brought to `latest`."""
    if version > latest:
        raise StoreError(
            f"{history.label} has schema version {version}, newer than this armstrace knows "
            f"({latest}); upgrade armstrace to open it"
        )
    history.check_owner(version)
