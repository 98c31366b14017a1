"""How many cores this process may use: the default worker count of ingest, bench and serve.

A module of its own so that `armstrace serve`'s supervising process can ask without
importing the extraction stack (spaCy: 1.5 s and its memory for the server's whole life).
"""

from __future__ import annotations

import os


def available_cores() -> int:
    """Return how many cores this process may run on (its CPU affinity where known)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
