"""Write deals as a GraphML network (networkx): states as nodes, deals as edges.

A transfer is one directed edge from supplier to recipient; a co-production is
one edge between each pair of partners (in code order). The graph is a
multigraph: each deal keeps its own edge, keyed by the deal id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

import networkx as nx

from armstrace.model import Deal, StatedValue


def build_deal_graph(deals: Iterable[Deal]) -> nx.MultiDiGraph:
    """Return the network of deals: a node per party, an edge per deal (and partner pair)."""
    graph = nx.MultiDiGraph()
    for deal in deals:
        for source, target in _ends(deal):
            for node in (source, target):
                if node not in graph:
                    graph.add_node(node, label=node)
            graph.add_edge(source, target, key=deal.id, **_edge_attributes(deal))
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


def _ends(deal: Deal) -> list[tuple[str, str]]:
    if deal.kind == "coproduction":
        partners = sorted(deal.partners)
        return [(a, b) for i, a in enumerate(partners) for b in partners[i + 1 :]]
    supplier = deal.supplier or deal.supplier_name or "?"
    recipient = deal.recipient or deal.recipient_name or "?"
    return [(supplier, recipient)]


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
        "conflicts": ";".join(conflict.describe() for conflict in deal.conflicts),
    }
    optional = {
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
