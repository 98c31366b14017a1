"""Set the news's deals beside SIPRI's register: what both know, what only one does.

Three lists for a window of years:

- matched: a news deal and the SIPRI row(s) of the same supplier and recipient,
  whose designations agree (through the weapon catalogue's aliases and families,
  after SIPRI's spelling is normalised by `designations`) or, for a news deal that names
  no system, whose category agrees; with order years within one year. Every
  difference in numbers ordered or delivered, order year and delivery years is listed.
- news only: a news deal no row matches, with the reason (`REASONS`).
- SIPRI only: rows of the window between a supplier and recipient some news deal
  concerns that no news deal matched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from armstrace.knowledge import Knowledge, designation_key
from armstrace.model import Deal, Money, StatedValue
from armstrace.sipri.designations import description_category, designation_forms
from armstrace.sipri.rows import SipriRelease, SipriRow

if TYPE_CHECKING:
    from armstrace.store import Store

# SIPRI records orders and deliveries only, never talk of a deal.
UNRECORDED_STATUSES = ("interest", "proposed", "planned", "cancelled")
REASONS = ("status", "later", "non-state", "not found")
@dataclass(frozen=True)
class Window:
    """The years a comparison covers, both ends included (None: open)."""

    since: int | None = None
    until: int | None = None

    def holds(self, year: int | None) -> bool:
        """Return whether `year` falls in the window (an unknown year always does)."""
        if year is None:
            return True
        return (self.since is None or year >= self.since) and (
            self.until is None or year <= self.until)

    def holds_any(self, years: Iterable[int]) -> bool:
        """Return whether any of `years` falls in the window (none given: True)."""
        years = tuple(years)
        return not years or any(self.holds(year) for year in years)


@dataclass(frozen=True)
class Matched:
    """A news deal SIPRI records too: its rows and every difference between the two."""

    deal: Deal
    rows: tuple[SipriRow, ...]
    differences: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"list": "matched", "deal": _deal_json(self.deal),
                "sipri": [row.to_json() for row in self.rows],
                "differences": list(self.differences)}


@dataclass(frozen=True)
class NewsOnly:
    """A news deal no SIPRI row matches, and why: `reason` is one of `REASONS`."""

    deal: Deal
    reason: str
    detail: str

    def to_json(self) -> dict[str, object]:
        return {"list": "news only", "deal": _deal_json(self.deal), "reason": self.reason,
                "detail": self.detail}


@dataclass(frozen=True)
class Comparison:
    """The three lists of a comparison, for one release and window."""

    release: SipriRelease | None
    window: Window
    matched: tuple[Matched, ...]
    news_only: tuple[NewsOnly, ...]
    sipri_only: tuple[SipriRow, ...]


@dataclass(frozen=True)
class _RowWeapon:
    """What a row's designation means to our catalogue."""

    keys: frozenset[str]
    families: frozenset[str]
    category: str | None


class SipriComparer:
    """Compare deals with a SIPRI release's rows (built once; the catalogue does the aliases)."""

    def __init__(self, knowledge: Knowledge, rows: Iterable[SipriRow],
                 release: SipriRelease | None) -> None:
        self._knowledge = knowledge
        self.rows = tuple(rows)
        self.release = release
        self._by_pair: dict[tuple[str, str], list[SipriRow]] = {}
        for row in self.rows:
            if row.supplier and row.recipient:
                self._by_pair.setdefault((row.supplier, row.recipient), []).append(row)
        self._weapons: dict[str, _RowWeapon] = {}

    @cached_property
    def last_year(self) -> int | None:
        """Return the release's last year: the latest order or delivery year of its rows."""
        if self.release is not None and self.release.last_year is not None:
            return self.release.last_year
        return max((year for row in self.rows for year in row.years()), default=None)

    def compare(self, deals: Iterable[Deal], window: Window = Window()) -> Comparison:
        """Return the matched, news-only and SIPRI-only lists of `deals` in `window`."""
        matched: list[Matched] = []
        news_only: list[NewsOnly] = []
        pairs: set[tuple[str, str]] = set()
        used: set[int] = set()
        for deal in deals:
            if deal.kind == "transfer" and deal.supplier and deal.recipient:
                pairs.add((deal.supplier, deal.recipient))
            if not window.holds(deal_year(deal)):
                continue
            rows = self.rows_of(deal)
            if rows:
                used.update(row.line for row in rows)
                matched.append(Matched(deal, rows, differences(deal, rows)))
            else:
                news_only.append(self._news_only(deal))
        sipri_only = tuple(
            row for row in self.rows
            if (row.supplier, row.recipient) in pairs and row.line not in used
            and window.holds_any(row.years())
        )
        return Comparison(self.release, window, tuple(matched), tuple(news_only), sipri_only)

    def describe(self, deal: Deal) -> Matched | NewsOnly:
        """Return the rows that record `deal` with the differences, or why none does."""
        rows = self.rows_of(deal)
        if rows:
            return Matched(deal, rows, differences(deal, rows))
        return self._news_only(deal)

    def rows_of(self, deal: Deal) -> tuple[SipriRow, ...]:
        """Return the rows that record `deal` (none for talk SIPRI does not record)."""
        if deal.kind != "transfer" or deal.status in UNRECORDED_STATUSES:
            return ()
        if not (deal.supplier and deal.recipient):
            return ()
        candidates = self._by_pair.get((deal.supplier, deal.recipient), [])
        return tuple(row for row in candidates
                     if self._same_weapon(deal, row) and years_agree(deal, row))

    def _news_only(self, deal: Deal) -> NewsOnly:
        if deal.status in UNRECORDED_STATUSES:
            return NewsOnly(deal, "status",
                            f"SIPRI records orders and deliveries, not {deal.status!r} deals")
        if deal.kind == "transfer" and not (deal.supplier and deal.recipient):
            party = deal.supplier_name or deal.recipient_name or "an unnamed party"
            return NewsOnly(deal, "non-state", f"a non-state or unknown party: {party}")
        year = deal_year(deal)
        if year is not None and self.last_year is not None and year > self.last_year:
            return NewsOnly(deal, "later",
                            f"{year}: after the release's last year, {self.last_year}")
        if deal.kind != "transfer":
            return NewsOnly(deal, "not found",
                            "a coproduction; SIPRI records licensed production as a transfer")
        return NewsOnly(deal, "not found", "no row of this supplier, recipient, weapon and year")

    def _same_weapon(self, deal: Deal, row: SipriRow) -> bool:
        weapon = self._row_weapon(row)
        if deal.weapon_family is None:
            return weapon.category is not None and weapon.category == deal.category
        keys = {designation_key(name) for name in (deal.weapon, *deal.weapons)}
        return bool(keys & weapon.keys) or deal.weapon_family in weapon.families

    def _row_weapon(self, row: SipriRow) -> _RowWeapon:
        found = self._weapons.get(row.designation)
        if found is None:
            forms = designation_forms(row.designation)
            systems = [system for form in forms
                       for system in self._knowledge.weapons_by_alias(form)]
            category = systems[0].category if systems else description_category(row.description)
            found = self._weapons[row.designation] = _RowWeapon(
                keys=frozenset({designation_key(form) for form in forms}
                               | {designation_key(system.designation) for system in systems}),
                families=frozenset(system.family for system in systems),
                category=category,
            )
        return found


def store_comparer(store: Store, knowledge: Knowledge) -> SipriComparer | None:
    """Return a comparer of the release the store holds, or None before any import."""
    release = store.get_sipri_release()
    if release is None:
        return None
    return SipriComparer(knowledge, store.iter_sipri_rows(), release)


def order_year(deal: Deal) -> int | None:
    """Return the year of the deal's earliest dated 'ordered' status, or None."""
    years = [change.date.year for change in deal.history
             if change.status == "ordered" and change.date is not None]
    return min(years, default=None)


def delivery_years(deal: Deal) -> tuple[int, ...]:
    """Return the years of the deal's dated 'delivered' statuses, sorted."""
    return tuple(sorted({change.date.year for change in deal.history
                         if change.status == "delivered" and change.date is not None}))


def deal_year(deal: Deal) -> int | None:
    """Return the year a deal belongs to: its order year, else its first dated status."""
    ordered = order_year(deal)
    if ordered is not None:
        return ordered
    dated = [change.date.year for change in deal.history if change.date is not None]
    if dated:
        return min(dated)
    return deal.first_seen.year if deal.first_seen else None


def years_agree(deal: Deal, row: SipriRow) -> bool:
    """Return whether a deal's dates fit a row: order years within one year, and the like."""
    ordered = order_year(deal)
    if ordered is not None and row.order_year is not None:
        return abs(ordered - row.order_year) <= 1
    delivered = delivery_years(deal)
    if delivered and row.delivery_years:
        return any(abs(year - sipri) <= 1 for year in delivered for sipri in row.delivery_years)
    if delivered and row.order_year is not None:
        return max(delivered) >= row.order_year - 1
    # No date of its own: the article cannot speak of a deal ordered after it.
    if deal.first_seen is not None and row.order_year is not None:
        return deal.first_seen.year >= row.order_year - 1
    return True


def differences(deal: Deal, rows: tuple[SipriRow, ...]) -> tuple[str, ...]:
    """Return every difference between a deal and its rows, one readable line each."""
    found: list[str] = []
    for label, news, sipri in (
        ("number ordered", _numbers(deal.quantity_ordered), _total(rows, "number_ordered")),
        ("number delivered", _numbers(deal.quantity_delivered), _total(rows, "number_delivered")),
    ):
        if news and sipri is not None and set(news) != {sipri}:
            found.append(f"{label}: news {', '.join(map(str, news))}, SIPRI {sipri}")
    ordered = order_year(deal)
    sipri_orders = sorted({row.order_year for row in rows if row.order_year is not None})
    if ordered is not None and sipri_orders and sipri_orders != [ordered]:
        found.append(f"order year: news {ordered}, SIPRI {', '.join(map(str, sipri_orders))}")
    delivered = delivery_years(deal)
    sipri_years = sorted({year for row in rows for year in row.delivery_years})
    if delivered and list(delivered) != sipri_years:
        found.append(f"delivery years: news {', '.join(map(str, delivered))}, "
                     f"SIPRI {'; '.join(map(str, sipri_years)) or 'none'}")
    return tuple(found)


def _numbers(values: Iterable[StatedValue]) -> list[int]:
    return sorted({item.value for item in values if not isinstance(item.value, Money)})


def _total(rows: tuple[SipriRow, ...], column: str) -> int | None:
    numbers = [getattr(row, column) for row in rows if getattr(row, column) is not None]
    return sum(numbers) if numbers else None


def _deal_json(deal: Deal) -> dict[str, object]:
    return {
        "id": deal.id, "kind": deal.kind, "supplier": deal.supplier, "recipient": deal.recipient,
        "supplier_name": deal.supplier_name, "recipient_name": deal.recipient_name,
        "partners": list(deal.partners), "weapon": deal.weapon, "category": deal.category,
        "status": deal.status, "year": deal_year(deal),
    }
