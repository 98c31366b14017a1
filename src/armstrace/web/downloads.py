"""Downloads: every deal or record the filters select, in every format `armstrace export` writes.

`/download/deals/csv?supplier=FRA&status=ordered` holds all the matches, not the page of
them the Deals list shows (its `limit` and `offset` are ignored); `/deals.csv` and
`/deals.json` are the same for deals as CSV and JSON Lines. Records are selected by the
same filters read as record conditions (`RecordFilter`): a record's own status and date.
"""

from __future__ import annotations

import dataclasses
import io
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response

from armstrace.export import EXPORTS
from armstrace.store import RecordFilter, Store
from armstrace.web.dependencies import Reader, open_request_store, resolve_query_names
from armstrace.web.pages_sipri import deals_not_in_sipri
from armstrace.web.schemas import DealQuery

router = APIRouter(include_in_schema=False)


@dataclasses.dataclass(frozen=True)
class DownloadType:
    """How one export format travels: its file suffix, media type and text encoding."""

    suffix: str
    media_type: str
    encoding: str | None  # None: the writer writes bytes


DOWNLOAD_TYPES = {
    "csv": DownloadType(".csv", "text/csv; charset=utf-8", "utf-8"),
    "jsonl": DownloadType(".jsonl", "application/x-ndjson; charset=utf-8", "utf-8"),
    # SIPRI's own files are ISO-8859-1, and `armstrace export --to sipri-csv` writes them so.
    "sipri-csv": DownloadType("-sipri.csv", "text/csv; charset=iso-8859-1", "iso-8859-1"),
    "parquet": DownloadType(".parquet", "application/vnd.apache.parquet", None),
    "graphml": DownloadType(".graphml", "application/graphml+xml", None),
}


def download_links(what: str) -> list[tuple[str, str]]:
    """Return (format name, path) of every download of `records` or `deals`."""
    return [(name, f"/download/{what}/{name}") for name, form in EXPORTS.items()
            if getattr(form, f"write_{what}") is not None]


@router.get("/download/{what}/{format_name}")
def download(
    request: Request,
    reader: Reader,
    what: Annotated[str, Path(pattern="^(deals|records)$")],
    format_name: Annotated[str, Path(max_length=20)],
    page: Annotated[DealQuery, Query()],
) -> Response:
    """Download every deal or record the filters select, in one export format."""
    form = EXPORTS.get(format_name)
    if form is None or format_name not in DOWNLOAD_TYPES:
        raise HTTPException(status_code=404, detail=f"no download format {format_name!r}; "
                            f"choose one of: {', '.join(DOWNLOAD_TYPES)}")
    writer = {"deals": form.write_deals, "records": form.write_records}[what]
    if writer is None:
        raise HTTPException(status_code=404,
                            detail=f"{format_name} holds deals only, not {what}")
    return _send(request, page, what, writer, DOWNLOAD_TYPES[format_name])


@router.get("/deals.csv")
def deals_csv(request: Request, reader: Reader, page: Annotated[DealQuery, Query()]) -> Response:
    """Download every deal the filters select (not only the page shown), as CSV."""
    return _send(request, page, "deals", EXPORTS["csv"].write_deals, DOWNLOAD_TYPES["csv"])


@router.get("/deals.json")
def deals_jsonl(request: Request, reader: Reader, page: Annotated[DealQuery, Query()]
                ) -> Response:
    """Download every deal the filters select (not only the page shown), as JSON Lines."""
    return _send(request, page, "deals", EXPORTS["jsonl"].write_deals,
                 DOWNLOAD_TYPES["jsonl"])


def _send(request: Request, page: DealQuery, what: str, writer: Any,
          kind: DownloadType) -> Response:
    """Write every match of the filters (in the list's order, unpaged) and send it as a file."""
    with open_request_store(request) as store:
        items = _matches(request, store, page, what)
    if kind.encoding is None:
        binary = io.BytesIO()
        writer(items, binary)
        body = binary.getvalue()
    else:
        text = io.StringIO(newline="")
        writer(items, text)
        body = text.getvalue().encode(kind.encoding, errors="replace")
    filename = f"{what}{kind.suffix}"
    return Response(body, media_type=kind.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _matches(request: Request, store: Store, page: DealQuery, what: str) -> list[Any]:
    """Return every deal (or record) the filters select, in the Deals list's order.

    With `not_in_sipri`, the deals no SIPRI row records (none before a release is
    imported), and for records, the records of those deals.
    """
    page = resolve_query_names(request, page, store)  # "France", "F16" as the list reads them
    everything = dataclasses.replace(page.deal_filter(), limit=None, offset=0)
    if not page.not_in_sipri:
        if what == "deals":
            return list(store.iter_deals(everything))
        return list(store.iter_records(page.record_filter(paged=False)))
    missing = deals_not_in_sipri(request, store, everything)
    deals = missing[0] if missing is not None else []
    if what == "deals":
        return deals
    record_ids = tuple(item.record_id for deal in deals for item in deal.evidence)
    return list(store.iter_records(RecordFilter(record_ids=record_ids))) if record_ids else []
