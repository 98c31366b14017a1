"""Write deals as a GraphML network (networkx): parties as nodes, deals as edges.

A transfer is one directed edge from supplier to recipient; a co-production is
one edge between each pair of partners (in code order). The graph is a
multigraph: each deal keeps its own edge, keyed by the deal id. A node is keyed by
the state's ISO code or the non-state party's name, and carries `label` (the
state's name from the catalogue, or the party's name) and `state` (false for a
non-state party); an edge carries its deal's slots, value among them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO, Any

import networkx as nx

from armstrace.model import Deal, Money, StatedValue

# A party the text did not name: one node, neither a state nor a named actor.
UNKNOWN_PARTY = "?"


def build_deal_graph(
    deals: Iterable[Deal], state_names: Mapping[str, str] | None = None
) -> nx.MultiDiGraph:
    """Return the network of deals: a node per party, an edge per deal (and partner pair).

    `state_names` maps ISO codes to the names nodes are labelled with (default: the
    state catalogue's current names).
    """
    names = _catalogue_state_names() if state_names is None else state_names
    graph = nx.MultiDiGraph()
    for deal in deals:
        for source, target in _ends(deal):
            for node, is_state in (source, target):
                if node not in graph:
                    graph.add_node(node, label=names.get(node, node) if is_state else node,
                                   state=is_state)
            graph.add_edge(source[0], target[0], key=deal.id, **_edge_attributes(deal))
    return graph


def write_deals_graphml(deals: Iterable[Deal], file: IO[bytes]) -> int:
    """Write the network of deals to a binary file as GraphML; return the number of deals."""
    written = 0

    def counted() -> Iterable[Deal]:
        nonlocal written
        for deal in deals:
            written += 1
            yield deal

    nx.write_graphml(build_deal_graph(counted()), file)
    return written


def _catalogue_state_names() -> dict[str, str]:
    """Return each ISO code's name in the state catalogue (its current row's name)."""
    from armstrace.knowledge import load_knowledge

    names: dict[str, str] = {}
    for state in load_knowledge().states:
        if state.valid_to is None or state.iso3 not in names:
            names[state.iso3] = state.name
    return names


def _ends(deal: Deal) -> list[tuple[tuple[str, bool], tuple[str, bool]]]:
    """Return the (node, is a state) pairs each edge of the deal joins."""
    if deal.kind == "coproduction":
        partners = sorted(deal.partners)
        return [((a, True), (b, True)) for i, a in enumerate(partners) for b in partners[i + 1 :]]
    supplier = _party(deal.supplier, deal.supplier_name)
    return [(supplier, _party(deal.recipient, deal.recipient_name))]


def _party(code: str | None, name: str | None) -> tuple[str, bool]:
    if code:
        return code, True
    return name or UNKNOWN_PARTY, False


def _edge_attributes(deal: Deal) -> dict[str, Any]:
    # GraphML has no null: a slot not stated is left off the edge.
    attributes: dict[str, Any] = {
        "deal": deal.id,
        "kind": deal.kind,
        "weapon": deal.weapon,
        "category": deal.category,
        "status": deal.status,
        "sources": deal.source_count,
        "packages": ";".join(package.describe() for package in deal.packages),
        "related": ";".join(link.describe() for link in deal.related),
        "conflicts": ";".join(conflict.describe() for conflict in deal.conflicts),
    }
    value = _first_value(deal.value)
    optional = {
        "value_amount": value.amount if value else None,
        "value_currency": value.currency if value else None,
        "weapon_family": deal.weapon_family,
        "quantity_ordered": _first(deal.quantity_ordered),
        "quantity_delivered": _first(deal.quantity_delivered),
        "first_seen": deal.first_seen.isoformat() if deal.first_seen else None,
        "last_seen": deal.last_seen.isoformat() if deal.last_seen else None,
    }
    attributes.update({name: value for name, value in optional.items() if value is not None})
    return attributes


def _first(stated: tuple[StatedValue, ...]) -> int | None:
    """Return the quantity most sources give (the smaller on a tie)."""
    if not stated:
        return None
    value = max(stated, key=lambda item: len(item.record_ids)).value
    return value if isinstance(value, int) else None


def _first_value(stated: tuple[StatedValue, ...]) -> Money | None:
    """Return the value most sources give (the first on a tie)."""
    if not stated:
        return None
    value = max(stated, key=lambda item: len(item.record_ids)).value
    return value if isinstance(value, Money) else None
