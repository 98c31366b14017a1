"""The supplier -> recipient flow view: a Sankey-like SVG drawn on the server.

Suppliers stand on the left, recipients on the right, each as tall as its deals; a band
joins a supplier to a recipient, as wide as the deals between them, and links to them on
the Deals page. Parties past the largest few on a side are pooled as "others", so the
picture stays readable; the table under it lists every pair.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup, escape

# Parties drawn on each side; the rest are pooled as "others".
SHOWN_PARTIES = 12
OTHERS = "others"
WIDTH, BAR, GAP, UNIT_MIN, LINE = 760, 12, 6, 4.0, 10.0
LABEL_ROOM = 170  # room for the names left of the suppliers and right of the recipients


@dataclass(frozen=True)
class Flow:
    """Deals from one supplier to one recipient (ids: ISO codes or non-state names)."""

    supplier: str
    recipient: str
    deals: int


def pooled(flows: Iterable[Flow]) -> list[Flow]:
    """Return the flows with every party past the SHOWN_PARTIES largest on its side pooled."""
    flows = list(flows)
    out: Counter[str] = Counter()
    into: Counter[str] = Counter()
    for flow in flows:
        out[flow.supplier] += flow.deals
        into[flow.recipient] += flow.deals
    suppliers = {party for party, _ in out.most_common(SHOWN_PARTIES)}
    recipients = {party for party, _ in into.most_common(SHOWN_PARTIES)}
    merged: Counter[tuple[str, str]] = Counter()
    for flow in flows:
        merged[(flow.supplier if flow.supplier in suppliers else OTHERS,
                flow.recipient if flow.recipient in recipients else OTHERS)] += flow.deals
    return [Flow(supplier, recipient, deals) for (supplier, recipient), deals in merged.items()]


def _stack(totals: Counter[str], unit: float) -> dict[str, float]:
    """Return the top of each party's bar, largest first, "others" last."""
    order = sorted(totals, key=lambda party: (party == OTHERS, -totals[party], party))
    tops, y = {}, 10.0
    for party in order:
        tops[party] = y
        # A line of text's room at least, so the names of small parties never overlap.
        y += max(totals[party] * unit, LINE) + GAP
    return tops


def flow_svg(flows: Iterable[Flow], names: Mapping[str, str],
             extra_query: Mapping[str, str]) -> Markup:
    """Return the flow view of the flows as an SVG element (escaped names, linked bands)."""
    drawn = pooled(flows)
    if not drawn:
        return Markup('<p class="muted" id="flows">No transfer to draw.</p>')
    out: Counter[str] = Counter()
    into: Counter[str] = Counter()
    for flow in drawn:
        out[flow.supplier] += flow.deals
        into[flow.recipient] += flow.deals
    total = sum(out.values())
    sides = max(len(out), len(into))
    unit = max(UNIT_MIN, (420 - GAP * sides) / total)
    left, right = _stack(out, unit), _stack(into, unit)
    height = max(max(left.values()) + max(out[max(left, key=left.__getitem__)] * unit, LINE),
                 max(right.values()) + max(into[max(right, key=right.__getitem__)] * unit,
                                           LINE)) + 10
    x1, x2 = LABEL_ROOM, WIDTH - LABEL_ROOM
    parts = [f'<svg class="flows" id="flows" viewBox="0 0 {WIDTH} {height:.0f}" role="group" '
             'aria-label="Deals from each supplier (left) to each recipient (right)">']
    next_out = dict(left)
    next_in = dict(right)
    for flow in sorted(drawn, key=lambda item: (left[item.supplier], right[item.recipient])):
        band = flow.deals * unit
        y1, y2 = next_out[flow.supplier], next_in[flow.recipient]
        next_out[flow.supplier] += band
        next_in[flow.recipient] += band
        label = f"{_name(flow.supplier, names)} → {_name(flow.recipient, names)}: {flow.deals}"
        middle = (x1 + BAR + x2) / 2
        path = (f"M{x1 + BAR},{y1:.1f} C{middle},{y1:.1f} {middle},{y2:.1f} {x2},{y2:.1f} "
                f"L{x2},{y2 + band:.1f} C{middle},{y2 + band:.1f} {middle},{y1 + band:.1f} "
                f"{x1 + BAR},{y1 + band:.1f} Z")
        link = _deals_link(flow, extra_query)
        parts.append(f'<a href="{escape(link)}" aria-label="{escape(label)}" class="flow">'
                     f'<title>{escape(label)}</title><path d="{path}"></path></a>')
    for party, top in left.items():
        parts.append(_bar(party, names, x1, top, out[party] * unit, "end"))
    for party, top in right.items():
        parts.append(_bar(party, names, x2, top, into[party] * unit, "start"))
    parts.append("</svg>")
    return Markup("".join(parts))


def _name(party: str, names: Mapping[str, str]) -> str:
    return names.get(party, party)


def _deals_link(flow: Flow, extra_query: Mapping[str, str]) -> str:
    query = dict(extra_query)
    if flow.supplier != OTHERS:
        query["supplier"] = flow.supplier
    if flow.recipient != OTHERS:
        query["recipient"] = flow.recipient
    return "/deals?" + urlencode(query)


def _bar(party: str, names: Mapping[str, str], x: float, top: float, height: float,
         anchor: str) -> str:
    text_x = x - 6 if anchor == "end" else x + BAR + 6
    return (f'<rect x="{x}" y="{top:.1f}" width="{BAR}" height="{max(height, 1):.1f}" '
            f'class="party{" others" if party == OTHERS else ""}"></rect>'
            f'<text x="{text_x}" y="{top + height / 2 + 4:.1f}" text-anchor="{anchor}">'
            f"{escape(_name(party, names))}</text>")
