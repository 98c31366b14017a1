"""Values an analyst can add up: a stated amount in constant US dollars of one base year.

    tables = load_value_tables()
    tables.constant_usd(Money(2_700_000_000, "EUR"), 2021)
    # ConstantUSD(amount=3_740_000_000, base_year=2025, rate_year=2021, price_year=2021)

The amount is converted at the year's average exchange rate (European Central Bank
reference rates, crossed through the euro, from 1999; before, and for currencies the ECB
does not quote, the Penn World Table's annual rates, 1950-2017, with the currencies the
euro replaced at their fixed rates) and then carried to the base year with the US
consumer price index (BLS CPI-U). The tables and their sources are in data/
(SOURCES.md); the base year is the latest year both the ECB's rates and prices cover.
A year after the tables' last is converted at the last year's rate and prices (`rate_year` and
`price_year` say which were used); a currency or year the tables lack gives None: the
original amount is always kept and shown beside.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType

from armstrace.model import Money

__all__ = ["ConstantUSD", "ValueTables", "format_usd", "load_value_tables", "money_line"]


@dataclass(frozen=True)
class ConstantUSD:
    """An amount in US dollars of `base_year`, and the years of the rate and prices used."""

    amount: int
    base_year: int
    rate_year: int
    price_year: int


@dataclass(frozen=True)
class ValueTables:
    """Exchange rates (units per US dollar by year and currency) and the US price index."""

    per_usd: Mapping[tuple[int, str], float]
    prices: Mapping[int, float]
    base_year: int

    def constant_usd(self, value: Money, year: int | None) -> ConstantUSD | None:
        """Return `value`, stated in `year`, in US dollars of the base year, or None when
        the year is unknown or the tables hold no rate for that currency and year."""
        if year is None:
            return None
        rate_year = min(year, self.last_rate_year)
        price_year = min(year, max(self.prices))
        if value.currency == "USD":
            rate = 1.0
            rate_year = year if year <= max(self.prices) else price_year
        else:
            found = self.per_usd.get((rate_year, value.currency))
            if found is None:
                return None
            rate = found
        if price_year not in self.prices:
            return None
        dollars = value.amount / rate * self.prices[self.base_year] / self.prices[price_year]
        return ConstantUSD(amount=round(dollars), base_year=self.base_year,
                           rate_year=rate_year, price_year=price_year)

    @property
    def last_rate_year(self) -> int:
        """Return the last year of the exchange rates (a currency may stop earlier)."""
        return max(year for year, _ in self.per_usd)


def load_value_tables() -> ValueTables:
    """Return the tables shipped in armstrace/values/data/ (see SOURCES.md there)."""
    folder = resources.files("armstrace.values").joinpath("data")
    ecb = _read_rates(folder.joinpath("exchange_rates.csv"))
    # The older table fills only what the ECB's lacks (scripts/historical_rates.py).
    per_usd = {**_read_rates(folder.joinpath("historical_rates.csv")), **ecb}
    with folder.joinpath("us_cpi.csv").open(encoding="utf-8") as file:
        prices = {int(row["year"]): float(row["cpi_u"]) for row in csv.DictReader(file)}
    base_year = min(max(prices), max(year for year, _ in ecb))
    return ValueTables(per_usd=MappingProxyType(per_usd), prices=MappingProxyType(prices),
                       base_year=base_year)


def _read_rates(table: Traversable) -> dict[tuple[int, str], float]:
    with table.open(encoding="utf-8") as file:
        return {(int(row["year"]), row["currency"]): float(row["per_usd"])
                for row in csv.DictReader(file)}


def format_usd(amount: int) -> str:
    """Return an amount of dollars as an analyst reads it: "$3.74bn", "$86.4m", "$950,000"."""
    if amount >= 1_000_000_000:
        return f"${amount / 1e9:,.3g}bn" if amount < 1e12 else f"${amount / 1e9:,.0f}bn"
    if amount >= 1_000_000:
        return f"${amount / 1e6:.3g}m"
    return f"${amount:,}"


def money_line(value: Money, year: int | None, tables: ValueTables | None) -> str:
    """Return a stated value as the pages show it: the amount in its own currency, then
    (where the tables can) in constant dollars: "2,500,000,000 EUR (≈ $2.97bn, 2025 US$)"."""
    line = f"{value.amount:,} {value.currency}"
    constant = tables.constant_usd(value, year) if tables is not None else None
    if constant is None or (value.currency == "USD" and constant.amount == value.amount):
        return line
    return f"{line} (≈ {format_usd(constant.amount)}, {constant.base_year} US$)"
