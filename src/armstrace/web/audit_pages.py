"""The audit trail on the web: the Log page (`/log`) and its JSON (`/api/log`).

Every decision analysts made, newest first: who changed what, from what, to what,
when and why (`armstrace.review.audit`), filtered by who, the decision, a record or
deal id (a deal's id takes in the decisions on its records) and days.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from armstrace.merge import read_log_about
from armstrace.review import LOG_ACTIONS, LogEntry, LogFilter
from armstrace.store import Store
from armstrace.web.dependencies import Reader, open_request_store, render
from armstrace.web.limits import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from armstrace.web.schemas import MAX_OFFSET, NO_NUL

router = APIRouter()

LogAction = Literal["confirm", "reject", "correct", "merge", "split"]


class LogQuery(BaseModel):
    """The log's filters; blank form fields mean "any"."""

    model_config = ConfigDict(extra="ignore")

    user: str | None = Field(None, max_length=64, pattern=NO_NUL, description="Who decided.")
    action: LogAction | None = Field(None, description="The decision.")
    id: str | None = Field(None, max_length=64, pattern=NO_NUL,
                           description="A record or deal id (a deal's takes in its records).")
    since: dt.date | None = Field(None, description="On or after this day (YYYY-MM-DD, UTC).")
    until: dt.date | None = Field(None, description="On or before this day (YYYY-MM-DD, UTC).")
    limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Rows per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Rows to skip.")

    @field_validator("user", "action", "id", "since", "until", mode="before")
    @classmethod
    def _blank_is_any(cls, value: Any) -> Any:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @model_validator(mode="after")
    def _range_in_order(self) -> LogQuery:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        return self


class FieldChangeOut(BaseModel):
    field: str
    from_: Any = Field(alias="from")
    to: Any

    model_config = ConfigDict(populate_by_name=True)


class LogEntryOut(BaseModel):
    """One decision: who did what to which records or deals, when, why."""

    at: str
    user: str
    action: LogAction
    reason: str
    records: list[str]
    deals: list[str]
    changes: list[FieldChangeOut]


class LogPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[LogEntryOut]


def read_page(store: Store, page: LogQuery) -> tuple[int, list[LogEntry]]:
    """Return how many decisions the query keeps and the page of them."""
    log_filter = LogFilter(user=page.user, action=page.action, since=page.since,
                           until=page.until, limit=page.limit, offset=page.offset)
    return read_log_about(store, log_filter, page.id)


@router.get("/log", response_class=HTMLResponse, include_in_schema=False)
def log_page(request: Request, reader: Reader, page: Annotated[LogQuery, Query()]
             ) -> HTMLResponse:
    """Show the audit trail, filtered and paged."""
    with open_request_store(request) as store:
        total, entries = read_page(store, page)
    return render(request, "log.html", {"title": "Log", "page": page, "total": total,
                                        "entries": entries, "actions": LOG_ACTIONS})


@router.get("/api/log", response_model=LogPage, tags=["api"], response_model_by_alias=True)
def api_log(request: Request, reader: Reader, page: Annotated[LogQuery, Query()]
            ) -> dict[str, Any]:
    """List analysts' decisions, newest first: who changed what, from what, to what, when, why."""
    with open_request_store(request) as store:
        total, entries = read_page(store, page)
    return {"total": total, "limit": page.limit, "offset": page.offset,
            "items": [entry.to_json() for entry in entries]}
