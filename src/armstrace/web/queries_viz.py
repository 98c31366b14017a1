"""What the State, Weapon and Network pages show, computed from a store's deals.

Every function reads deals through the `Store` protocol (`iter_deals` with a
`DealFilter`, whose SQL is parameterised), so it works on any backend, and
aggregates them here. A register holds deals by the thousand, not the million
(one per transfer, however many articles tell it), so one pass over the deals a
page concerns is what these pages cost; `benchmarks/web_pages.py` measures it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from armstrace.dependency import units_of as deal_quantity
from armstrace.model import STATUSES, Deal
from armstrace.store import DealFilter, Store


@dataclass(frozen=True)
class PartyVolume:
    """A counterpart of a state (or a weapon), with the deals and units between them."""

    party: str
    deals: int
    quantity: int


@dataclass(frozen=True)
class YearStatusCount:
    """How many deals reached `status` in `year`, on one side (`supplies` or `receives`)."""

    side: str
    year: int
    status: str
    deals: int


@dataclass(frozen=True)
class StateProfile:
    """What a state supplies, receives and co-produces, with the aggregates its page draws.

    `supplies`, `receives` and `coproductions` are the deals themselves, latest seen
    first; the volumes are sorted by deals, then units, then name.
    """

    iso3: str
    supplies: tuple[Deal, ...]
    receives: tuple[Deal, ...]
    coproductions: tuple[Deal, ...]
    supplies_to: tuple[PartyVolume, ...]
    receives_from: tuple[PartyVolume, ...]
    coproduction_partners: tuple[PartyVolume, ...]
    top_systems: tuple[PartyVolume, ...]
    timeline: tuple[YearStatusCount, ...]

    @property
    def deal_count(self) -> int:
        """Return the number of deals the state is a party of."""
        return len(self.supplies) + len(self.receives) + len(self.coproductions)


@dataclass(frozen=True)
class NetworkNode:
    """A party of the network: a state's ISO code or a non-state name."""

    id: str
    is_state: bool
    supplied: int
    received: int
    quantity: int

    @property
    def deals(self) -> int:
        """Return the deals the party is in, on either side."""
        return self.supplied + self.received


@dataclass(frozen=True)
class NetworkEdge:
    """The deals from one supplier to one recipient."""

    supplier: str
    recipient: str
    deals: int
    quantity: int


@dataclass(frozen=True)
class Network:
    """The supplier -> recipient graph of the transfer deals a filter selects.

    `without_parties` counts the transfers left out because their supplier or
    recipient is unknown; co-productions (no direction) are on the State pages.
    """

    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]
    without_parties: int


@dataclass(frozen=True)
class StateDeals:
    """A party of the register's deals, for the States index."""

    party: str
    is_state: bool
    supplied: int
    received: int
    coproduced: int


@dataclass(frozen=True)
class WeaponDeals:
    """A weapon named by deals, for the Weapons index."""

    weapon: str
    category: str
    deals: int
    last_seen: dt.date | None


def supplier_of(deal: Deal) -> str | None:
    """Return the deal's supplier: the ISO code, else the non-state name."""
    return deal.supplier or deal.supplier_name


def recipient_of(deal: Deal) -> str | None:
    """Return the deal's recipient: the ISO code, else the non-state name."""
    return deal.recipient or deal.recipient_name


def state_profile(store: Store, iso3: str) -> StateProfile:
    """Return what the state with this ISO code supplies, receives and co-produces."""
    supplies: list[Deal] = []
    coproductions: list[Deal] = []
    # The supplier filter also matches co-production partners: they are told apart here.
    for deal in store.iter_deals(DealFilter(supplier=iso3)):
        if deal.kind == "coproduction":
            coproductions.append(deal)
        elif deal.supplier == iso3:
            supplies.append(deal)
    receives = [deal for deal in store.iter_deals(DealFilter(recipient=iso3))
                if deal.kind != "coproduction" and deal.recipient == iso3]
    partners: list[tuple[str, Deal]] = [
        (partner, deal) for deal in coproductions for partner in deal.partners
        if partner.upper() != iso3
    ]
    return StateProfile(
        iso3=iso3,
        supplies=tuple(supplies),
        receives=tuple(receives),
        coproductions=tuple(coproductions),
        supplies_to=_volumes((recipient_of(deal), deal) for deal in supplies),
        receives_from=_volumes((supplier_of(deal), deal) for deal in receives),
        coproduction_partners=_volumes(partners),
        top_systems=_volumes((deal.weapon, deal) for deal in (*supplies, *receives,
                                                                 *coproductions)),
        timeline=(*_timeline("supplies", supplies), *_timeline("receives", receives)),
    )


def _volumes(pairs: Iterable[tuple[str | None, Deal]]) -> tuple[PartyVolume, ...]:
    deals: Counter[str] = Counter()
    quantity: Counter[str] = Counter()
    for party, deal in pairs:
        name = party or "unknown"
        deals[name] += 1
        quantity[name] += deal_quantity(deal)
    return tuple(sorted(
        (PartyVolume(party, count, quantity[party]) for party, count in deals.items()),
        key=lambda item: (-item.deals, -item.quantity, item.party),
    ))


def deal_years(deal: Deal) -> dict[str, int]:
    """Return the year the deal reached each status in its history.

    A step without a date counts in the year the deal was first seen in the news when
    it is the deal's current status or the deal has no dated step; an undated step of
    background ("already flies F-16s") is left out, as it is of the current status. A
    deal with neither date is left out of the timeline.
    """
    fallback = deal.first_seen.year if deal.first_seen else None
    dated = any(change.date for change in deal.history)
    years: dict[str, int] = {}
    for change in deal.history:
        if change.date is None and dated and change.status != deal.status:
            continue
        year = change.date.year if change.date else fallback
        if year is not None and change.status not in years:
            years[change.status] = year
    if not years and fallback is not None:
        years[deal.status] = fallback
    return years


def _timeline(side: str, deals: Iterable[Deal]) -> tuple[YearStatusCount, ...]:
    counts: Counter[tuple[int, str]] = Counter()
    for deal in deals:
        for status, year in deal_years(deal).items():
            counts[(year, status)] += 1
    order = {status: number for number, status in enumerate(STATUSES)}
    return tuple(
        YearStatusCount(side, year, status, count)
        for (year, status), count in sorted(counts.items(),
                                            key=lambda item: (item[0][0], order[item[0][1]]))
    )


def network_of(store: Store, deal_filter: DealFilter, is_state: set[str]) -> Network:
    """Return the supplier -> recipient graph of the transfers `deal_filter` selects.

    `is_state` holds the ISO codes of the catalogue: any other party is non-state.
    The filter's order, limit and offset are ignored (every matching deal counts).
    """
    edges: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    supplied: Counter[str] = Counter()
    received: Counter[str] = Counter()
    quantity: Counter[str] = Counter()
    without_parties = 0
    unpaged = DealFilter(supplier=deal_filter.supplier, recipient=deal_filter.recipient,
                         status=deal_filter.status, weapon=deal_filter.weapon,
                         category=deal_filter.category, since=deal_filter.since,
                         until=deal_filter.until, order_by="first_seen", descending=False)
    for deal in store.iter_deals(unpaged):
        if deal.kind == "coproduction":
            continue
        supplier, recipient = supplier_of(deal), recipient_of(deal)
        if supplier is None or recipient is None:
            without_parties += 1
            continue
        units = deal_quantity(deal)
        edge = edges[(supplier, recipient)]
        edge[0] += 1
        edge[1] += units
        supplied[supplier] += 1
        received[recipient] += 1
        quantity[supplier] += units
        quantity[recipient] += units
    nodes = tuple(sorted(
        (NetworkNode(party, party in is_state, supplied[party], received[party],
                     quantity[party]) for party in supplied.keys() | received.keys()),
        key=lambda node: (-node.deals, node.id),
    ))
    return Network(
        nodes=nodes,
        edges=tuple(NetworkEdge(supplier, recipient, count, units)
                    for (supplier, recipient), (count, units) in sorted(edges.items())),
        without_parties=without_parties,
    )


def states_in_deals(store: Store, is_state: set[str]) -> tuple[StateDeals, ...]:
    """Return every party of the register's deals with its counts, most deals first."""
    supplied: Counter[str] = Counter()
    received: Counter[str] = Counter()
    coproduced: Counter[str] = Counter()
    for deal in store.iter_deals(DealFilter(order_by="first_seen")):
        if deal.kind == "coproduction":
            coproduced.update(set(deal.partners))
            continue
        supplier, recipient = supplier_of(deal), recipient_of(deal)
        if supplier is not None:
            supplied[supplier] += 1
        if recipient is not None:
            received[recipient] += 1
    parties = supplied.keys() | received.keys() | coproduced.keys()
    return tuple(sorted(
        (StateDeals(party, party in is_state, supplied[party], received[party],
                    coproduced[party]) for party in parties),
        key=lambda item: (-(item.supplied + item.received + item.coproduced), item.party),
    ))


def weapons_in_deals(store: Store) -> tuple[WeaponDeals, ...]:
    """Return every weapon the register's deals name, most deals first."""
    counts: Counter[str] = Counter()
    categories: dict[str, str] = {}
    last_seen: dict[str, dt.date] = {}
    for deal in store.iter_deals(DealFilter(order_by="first_seen")):
        counts[deal.weapon] += 1
        categories.setdefault(deal.weapon, deal.category)
        if deal.last_seen is not None and (deal.weapon not in last_seen
                                           or deal.last_seen > last_seen[deal.weapon]):
            last_seen[deal.weapon] = deal.last_seen
    return tuple(sorted(
        (WeaponDeals(weapon, categories[weapon], count, last_seen.get(weapon))
         for weapon, count in counts.items()),
        key=lambda item: (-item.deals, item.weapon.lower()),
    ))


def weapon_deals(store: Store, designation: str, family: str | None
                 ) -> tuple[tuple[Deal, ...], tuple[Deal, ...]]:
    """Return the deals naming the system, and the other deals of its family.

    The weapon filter matches a deal's designation, its family and every weapon it
    names, so a family-level deal ("Mirage jets") shows on the family's page and the
    second tuple lists the family's deals about other systems.
    """
    own = tuple(store.iter_deals(DealFilter(weapon=designation)))
    if family is None or family.lower() == designation.lower():
        return own, ()
    seen = {deal.id for deal in own}
    kin = tuple(deal for deal in store.iter_deals(DealFilter(weapon=family))
                if deal.id not in seen)
    return own, kin
