"""Supplier dependency: how a state's arms imports divide among its suppliers.

For one recipient and a window of years, each supplier's share of the imports by
deals, by units and by SIPRI trend-indicator value (TIV, where the imported SIPRI
release has rows that match the deals), with the Herfindahl-Hirschman index of each:
the sum of the squared percentage shares, from near 0 (many small suppliers) to
10,000 (one supplier). Imports are transfers ordered or delivered (talk of a deal,
planned and cancelled deals bought nothing); a deal belongs to the year of its order,
else of its first dated step (`armstrace.sipri.compare.deal_year`). A deal whose
supplier is unnamed or non-state is counted apart, in no share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from armstrace.model import Deal
from armstrace.sipri.compare import SipriComparer, Window, deal_year
from armstrace.sipri.rows import SipriRow

IMPORT_STATUSES = ("ordered", "delivered")
ALL_YEARS = Window()


@dataclass(frozen=True)
class SupplierShare:
    """One supplier's imports to the state: counts and shares (0-1; None: nothing to share)."""

    supplier: str
    deals: int
    units: int
    tiv: float
    deal_share: float
    unit_share: float | None
    tiv_share: float | None

    def to_json(self) -> dict[str, object]:
        return {"supplier": self.supplier, "deals": self.deals, "units": self.units,
                "tiv": round(self.tiv, 3), "deal_share": _rounded(self.deal_share),
                "unit_share": _rounded(self.unit_share), "tiv_share": _rounded(self.tiv_share)}


@dataclass(frozen=True)
class Dependency:
    """A state's suppliers over a window, largest first, with the concentration indexes.

    `hhi_*` is None when there is nothing to share (no unit stated, no TIV matched);
    `tiv_deals` counts the deals whose TIV came from matched SIPRI rows.
    """

    recipient: str
    window: Window
    shares: tuple[SupplierShare, ...]
    deals: int
    units: int
    tiv: float
    tiv_deals: int
    without_supplier: int
    hhi_deals: float | None
    hhi_units: float | None
    hhi_tiv: float | None

    def to_json(self) -> dict[str, object]:
        return {
            "recipient": self.recipient, "since": self.window.since, "until": self.window.until,
            "deals": self.deals, "units": self.units, "tiv": round(self.tiv, 3),
            "tiv_deals": self.tiv_deals, "without_supplier": self.without_supplier,
            "hhi": {"deals": _rounded(self.hhi_deals, 1), "units": _rounded(self.hhi_units, 1),
                    "tiv": _rounded(self.hhi_tiv, 1)},
            "suppliers": [share.to_json() for share in self.shares],
        }


def supplier_dependency(deals: Iterable[Deal], recipient: str, window: Window = ALL_YEARS,
                        comparer: SipriComparer | None = None) -> Dependency:
    """Return the recipient's imports by supplier in `window` (TIV through `comparer`)."""
    counts: dict[str, list[float]] = {}  # supplier -> [deals, units, tiv]
    without_supplier = tiv_deals = 0
    for deal in deals:
        if not is_import(deal, recipient) or not window.holds(deal_year(deal)):
            continue
        if not deal.supplier:
            without_supplier += 1
            continue
        tiv = _tiv(comparer.rows_of(deal)) if comparer is not None else None
        tiv_deals += tiv is not None
        entry = counts.setdefault(deal.supplier, [0, 0, 0.0])
        entry[0] += 1
        entry[1] += units_of(deal)
        entry[2] += tiv or 0.0
    totals = [sum(entry[index] for entry in counts.values()) for index in range(3)]
    shares = tuple(sorted(
        (SupplierShare(supplier, int(entry[0]), int(entry[1]), entry[2],
                       entry[0] / totals[0], _share(entry[1], totals[1]),
                       _share(entry[2], totals[2]))
         for supplier, entry in counts.items()),
        key=lambda share: (-share.deals, -share.units, -share.tiv, share.supplier)))
    return Dependency(
        recipient=recipient, window=window, shares=shares, deals=int(totals[0]),
        units=int(totals[1]), tiv=totals[2], tiv_deals=tiv_deals,
        without_supplier=without_supplier,
        hhi_deals=herfindahl([share.deal_share for share in shares]) if shares else None,
        hhi_units=_index([share.unit_share for share in shares]),
        hhi_tiv=_index([share.tiv_share for share in shares]),
    )


def herfindahl(shares: Iterable[float]) -> float:
    """Return the Herfindahl-Hirschman index of shares (0-1 each): sum of squared percents."""
    return sum((share * 100) ** 2 for share in shares)


def is_import(deal: Deal, recipient: str) -> bool:
    """Tell whether a deal is a transfer to `recipient` now ordered or delivered."""
    return (deal.kind == "transfer" and deal.recipient == recipient
            and deal.status in IMPORT_STATUSES)


def units_of(deal: Deal) -> int:
    """Return the units a deal is about: the largest quantity ordered, else delivered, else 0.

    The largest because sources that disagree usually report a first batch and the
    whole order; the deal's page flags the conflict, a volume needs one number.
    """
    stated = deal.quantity_ordered or deal.quantity_delivered
    return max((item.value for item in stated if isinstance(item.value, int)), default=0)


def _tiv(rows: tuple[SipriRow, ...]) -> float | None:
    """Return the TIV of the orders the rows record (per unit times units where no total)."""
    values = [row.tiv_total if row.tiv_total is not None
              else (row.tiv_per_unit or 0.0) * (row.number_ordered or 0) for row in rows]
    return sum(values) if rows else None


def _share(part: float, total: float) -> float | None:
    return part / total if total else None


def _index(shares: list[float | None]) -> float | None:
    if not shares or any(share is None for share in shares):
        return None
    return herfindahl(share for share in shares if share is not None)


def _rounded(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)
