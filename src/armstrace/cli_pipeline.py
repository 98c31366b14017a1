"""What the commands that read, fetch and extract share: the one Extractor of the process,
the readers, the fetch settings and the one-line reports of skipped inputs and alerts.

Below cli.py, cli_review.py and cli_watch.py, above cli_terminal.py: imports run one way
(tests/test_cli_imports.py checks that no cli module imports another in a circle).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

from armstrace.cli_terminal import err, fail
from armstrace.errors import ArmstraceError

if TYPE_CHECKING:
    from armstrace.ingest.fetch import FetchConfig
    from armstrace.model import Document, Skipped
    from armstrace.watch import Notification

_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def report_skipped(skipped: Skipped) -> None:
    """Print a skipped input as one line on stderr, whatever its message holds."""
    from armstrace.ingest.files import printable
    from armstrace.model import encodable

    # One line per skipped input, whatever a third-party parser put in its message, and
    # nothing that could drive the terminal (an ANSI escape in a file name).
    message = printable(encodable(_LINE_BREAKS.sub(" ", skipped.message().strip())))
    err.print(f"[yellow]skipped[/yellow] {escape(message)}", soft_wrap=True,
              markup=True, highlight=False)


@functools.cache
def _build_extractor(sipri_release: tuple[str, str] | None = None):  # noqa: ANN202
    # Imported lazily: spaCy takes a second to load. `sipri_release` (database, digest)
    # adds the designations of the SIPRI release imported there to the catalogue.
    from armstrace.extract import Extractor

    if sipri_release is None:
        return Extractor()
    from armstrace.knowledge import load_knowledge
    from armstrace.sipri.catalogue import knowledge_with_sipri
    from armstrace.store import open_store

    with open_store(sipri_release[0]) as store:
        knowledge = knowledge_with_sipri(load_knowledge(), store.iter_sipri_rows())
    return Extractor(knowledge=knowledge)


def load_extractor(db: str | None = None):  # noqa: ANN202
    """Return the process's one Extractor (built on first use), or exit 1 saying why not.

    With `db`, a SIPRI release imported there adds its designations to the catalogue.
    """
    try:
        return _build_extractor(_sipri_release(db))
    except ArmstraceError as error:
        raise fail(str(error)) from error


def _sipri_release(db: str | None) -> tuple[str, str] | None:
    """Return (database, digest) of the SIPRI release `db` holds, or None."""
    if db is None or ("://" not in db and not Path(db).exists()):
        return None
    from armstrace.store import open_store

    with open_store(db) as store:
        release = store.get_sipri_release()
    return None if release is None else (db, release.digest)


def read_inputs(paths: list[str], published: dt.date | None, max_bytes: int | None,
                follow_links: bool = False, max_seconds: float | None = None
                ) -> Iterator[Document | Skipped]:
    """Return the documents (and skips) of files, directories and stdin, read lazily."""
    # Imported here: the readers pull in trafilatura and feedparser (~0.3 s), which
    # `--help` and the database commands do not need.
    from armstrace.ingest import MAX_BYTES, read_paths

    return read_paths(paths, published=published, max_bytes=max_bytes or MAX_BYTES,
                      follow_links=follow_links, max_seconds=max_seconds)


def fetch_config(min_interval: float, timeout: float, max_bytes: int | None) -> FetchConfig:
    """Return the fetch settings the command-line options ask for."""
    from armstrace.ingest.fetch import FetchConfig
    from armstrace.ingest.files import MAX_BYTES

    return FetchConfig(min_interval=min_interval, timeout=timeout,
                       max_bytes=max_bytes or MAX_BYTES)


def report_notification(notification: Notification) -> None:
    """Print one line per alert raised and per webhook that failed."""
    for alert in notification.alerts:
        from armstrace.alerts import alert_title

        err.print(f"[green]alert[/green] {escape(alert.watchlist_id)}: "
                  f"{escape(alert_title(alert))}", soft_wrap=True)
    for problem in notification.delivery_problems:
        err.print(f"[yellow]webhook[/yellow] {escape(problem)}", soft_wrap=True)
