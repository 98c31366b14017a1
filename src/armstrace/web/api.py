"""The JSON API under /api/: documents, records, deals, states, weapons, search, review."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api", tags=["api"])
