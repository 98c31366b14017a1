"""The State, Weapon and Network pages, their indexes, and the graph's JSON at /api/network.

`create_app` includes `router`. Aggregates come from `armstrace.web.queries_viz`;
the pages hand data to their script (static/js/) as JSON through `|tojson`, and
draw with the vendored Chart.js and Cytoscape.js (static/vendor/).
"""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from armstrace.model import CATEGORIES, STATUSES
from armstrace.store import DealFilter
from armstrace.web.dependencies import (
    Reader,
    knowledge_of,
    open_request_store,
    render,
    state_names,
)
from armstrace.web.flows import Flow, flow_svg
from armstrace.web.pages_sipri import YearWindow, state_dependency
from armstrace.web.queries_viz import (
    Network,
    deal_quantity,
    network_of,
    recipient_of,
    state_profile,
    states_in_deals,
    supplier_of,
    weapon_deals,
    weapons_in_deals,
)
from armstrace.web.schemas import CategoryName, StatusName

if TYPE_CHECKING:
    from armstrace.knowledge import Knowledge

router = APIRouter()

WEB_STATIC = pathlib.Path(__file__).parent / "static"

# The vendored builds (static/vendor/README.md says how to refresh them).
VENDOR_SCRIPTS = {
    "chart": "vendor/chart.js-4.6.1/chart.umd.min.js",
    "graph": "vendor/cytoscape-3.35.0/cytoscape.min.js",
}
# Deals listed per side of a state and on a weapon page; the rest is one link to /deals away.
DEALS_SHOWN = 100
# Edges listed in the Network page's table (the graph draws every one).
EDGES_LISTED = 200
# Years a network filter may name: the news archives armstrace reads start in the 1980s.
FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_NAME = 200


class NetworkQuery(BaseModel):
    """The Network's filters: category, current status, years seen, and what sizes nodes."""

    model_config = ConfigDict(extra="ignore")

    category: CategoryName | None = None
    status: StatusName | None = None
    from_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR,
                                  description="Deals seen in the news in or after this year.")
    to_year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR,
                                description="Deals first seen in or before this year.")
    size: Literal["deals", "quantity"] = Field(
        "deals", description="Node size: deals, or units (the largest quantity stated).")

    @field_validator("category", "status", "from_year", "to_year", mode="before")
    @classmethod
    def _blank_is_any(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _years_in_order(self) -> NetworkQuery:
        if self.from_year is not None and self.to_year is not None \
                and self.from_year > self.to_year:
            raise ValueError(f"from_year ({self.from_year}) is after to_year ({self.to_year})")
        return self

    def since(self) -> dt.date | None:
        return dt.date(self.from_year, 1, 1) if self.from_year is not None else None

    def until(self) -> dt.date | None:
        return dt.date(self.to_year, 12, 31) if self.to_year is not None else None

    def deal_filter(self) -> DealFilter:
        """Return the store filter for these parameters."""
        return DealFilter(category=self.category, status=self.status,
                          since=self.since(), until=self.until())

    def deals_query(self) -> dict[str, str]:
        """Return the same filters as /deals query parameters (for an edge's link)."""
        query = {"category": self.category, "status": self.status,
                 "since": self.since(), "until": self.until()}
        return {key: str(value) for key, value in query.items() if value is not None}


class NetworkNodeOut(BaseModel):
    id: str = Field(description="ISO3 code, or the name of a non-state party.")
    label: str = Field(description="The state's name in the catalogue, else the id.")
    state: bool = Field(description="Whether the party is a state of the catalogue.")
    supplied: int = Field(description="Deals it supplies.")
    received: int = Field(description="Deals it receives.")
    deals: int
    quantity: int = Field(description="Units in its deals (largest quantity stated per deal).")
    url: str = Field(description="Its State page, or its deals for a non-state party.")


class NetworkEdgeOut(BaseModel):
    source: str = Field(description="Supplier id.")
    target: str = Field(description="Recipient id.")
    deals: int
    quantity: int
    url: str = Field(description="The Deals page listing these deals.")


class NetworkOut(BaseModel):
    nodes: list[NetworkNodeOut]
    edges: list[NetworkEdgeOut]
    without_parties: int = Field(
        description="Transfers left out: their supplier or recipient is unknown.")


def _deals_url(**query: str) -> str:
    from urllib.parse import urlencode

    return "/deals?" + urlencode(query)


def _party_url(party: str, names: dict[str, str], side: str) -> str:
    """Return a party's page: a state's State page, else the deals naming it on `side`."""
    return f"/states/{party}" if party in names else _deals_url(**{side: party})


def _network_json(network: Network, query: NetworkQuery, names: dict[str, str]
                  ) -> dict[str, Any]:
    extra = query.deals_query()
    return {
        "nodes": [{
            "id": node.id, "label": names.get(node.id, node.id), "state": node.is_state,
            "supplied": node.supplied, "received": node.received, "deals": node.deals,
            "quantity": node.quantity,
            "url": _party_url(node.id, names, "supplier" if node.supplied else "recipient"),
        } for node in network.nodes],
        "edges": [{
            "source": edge.supplier, "target": edge.recipient, "deals": edge.deals,
            "quantity": edge.quantity,
            "url": _deals_url(supplier=edge.supplier, recipient=edge.recipient, **extra),
        } for edge in network.edges],
        "without_parties": network.without_parties,
    }


@router.get("/api/network", response_model=NetworkOut, tags=["api"])
def network_api(request: Request, reader: Reader,
                query: Annotated[NetworkQuery, Query()]) -> dict[str, Any]:
    """Return the supplier -> recipient graph of transfer deals, with the Network's filters."""
    names = state_names(request)
    with open_request_store(request) as store:
        network = network_of(store, query.deal_filter(), set(names))
    return _network_json(network, query, names)


@router.get("/network", response_class=HTMLResponse, include_in_schema=False)
def network_page(request: Request, reader: Reader,
                 query: Annotated[NetworkQuery, Query()]) -> HTMLResponse:
    """Draw the supplier -> recipient graph; an edge opens its deals."""
    names = state_names(request)
    with open_request_store(request) as store:
        network = network_of(store, query.deal_filter(), set(names))
    graph = _network_json(network, query, names)
    edges = sorted(graph["edges"], key=lambda edge: (-edge["deals"], -edge["quantity"]))
    flows = flow_svg((Flow(edge.supplier, edge.recipient, edge.deals) for edge in network.edges),
                     names, query.deals_query())
    return render(request, "network.html", {
        "title": "Network", "query": query, "graph": graph, "size": query.size,
        "edges": edges[:EDGES_LISTED], "edge_count": len(edges), "names": names,
        "flows": flows,
        "categories": CATEGORIES, "statuses": STATUSES,
        "graph_script": VENDOR_SCRIPTS["graph"],
    })


@router.get("/states", response_class=HTMLResponse, include_in_schema=False)
def states_page(request: Request, reader: Reader) -> HTMLResponse:
    """List every party of the register's deals with what it supplies, receives, co-produces."""
    names = state_names(request)
    with open_request_store(request) as store:
        parties = states_in_deals(store, set(names))
    return render(request, "states.html", {
        "title": "States", "parties": parties, "names": names,
    })


@router.get("/states/{iso3}", response_class=HTMLResponse, include_in_schema=False)
def state_page(
    request: Request,
    iso3: Annotated[str, Path(max_length=64)],
    reader: Reader,
    years: Annotated[YearWindow, Query()],
) -> Response:
    """Show what a state supplies to whom and receives from whom, over time, and how its
    imports divide among suppliers in the years asked for (`since`, `until`)."""
    code = iso3.upper()
    names = state_names(request)
    if code not in names:
        raise HTTPException(status_code=404, detail=f"no state with ISO code {code}")
    if iso3 != code:
        return RedirectResponse(f"/states/{code}", status_code=308)  # one address per state
    with open_request_store(request) as store:
        profile = state_profile(store, code)
        dependency = state_dependency(request, store, code, years, names)
    timeline = [{"side": point.side, "year": point.year, "status": point.status,
                 "deals": point.deals} for point in profile.timeline]
    return render(request, "state.html", {
        "title": names[code], "name": names[code], "profile": profile, "names": names,
        "timeline": timeline, "statuses": STATUSES, "shown": DEALS_SHOWN,
        "supplier_of": supplier_of, "recipient_of": recipient_of,
        "deal_quantity": deal_quantity, "party_url": lambda party, side: _party_url(
            party, names, side),
        "deals_url": _deals_url, "chart_script": VENDOR_SCRIPTS["chart"], **dependency,
    })


@router.get("/weapons", response_class=HTMLResponse, include_in_schema=False)
def weapons_page(
    request: Request,
    reader: Reader,
    q: Annotated[str, Query(max_length=MAX_NAME)] = "",
) -> HTMLResponse:
    """List the weapons the register's deals name; `q` narrows the list and looks it up."""
    wanted = q.strip()
    with open_request_store(request) as store:
        weapons = weapons_in_deals(store)
    if wanted:
        weapons = tuple(item for item in weapons
                        if weapon_matches(item.weapon, wanted, knowledge_of(request)))
    system = knowledge_of(request).weapon_by_alias(wanted) if wanted else None
    return render(request, "weapons.html", {
        "title": "Weapons", "weapons": weapons, "q": wanted, "system": system,
        "catalogue_size": len(knowledge_of(request).weapons),
    })


def weapon_matches(weapon: str, wanted: str, knowledge: Knowledge) -> bool:
    """Return whether a deal's weapon answers a search: its name holds the words (blind to
    case and hyphens: "F16" finds "F-16"), or the catalogue reads them as it or its family
    ("Fighting Falcon", "Bayraktar")."""
    from armstrace.errors import UnknownNameError
    from armstrace.knowledge import designation_key

    if designation_key(wanted) in designation_key(weapon):
        return True
    try:
        named = knowledge.names.weapon(wanted)
    except UnknownNameError:
        return False
    if named.designation is not None or named.generic is not None:
        return weapon in (named.designation, named.generic)
    system = knowledge.weapon_by_alias(weapon)
    return system is not None and system.family == named.family


@router.get("/weapons/{name:path}", response_class=HTMLResponse, include_in_schema=False)
def weapon_page(
    request: Request,
    name: Annotated[str, Path(min_length=1, max_length=MAX_NAME)],
    reader: Reader,
) -> HTMLResponse:
    """Show a weapon's catalogue facts and every deal involving it."""
    system = knowledge_of(request).weapon_by_alias(name)
    designation = system.designation if system else name
    with open_request_store(request) as store:
        own, kin = weapon_deals(store, designation, system.family if system else None)
    if system is None and not own:
        raise HTTPException(status_code=404,
                            detail=f"no weapon named {name} in the catalogue or the deals")
    return render(request, "weapon.html", {
        "title": designation, "name": designation, "system": system, "deals": own,
        "family_deals": kin, "names": state_names(request), "shown": DEALS_SHOWN,
        "supplier_of": supplier_of, "recipient_of": recipient_of,
        "deal_quantity": deal_quantity, "deals_url": _deals_url,
    })
