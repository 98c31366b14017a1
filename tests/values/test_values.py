"""Constant US dollars: the shipped tables, conversion and deflation, and what is refused."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from armstrace.model import Money
from armstrace.values import format_usd, load_value_tables

TABLES = load_value_tables()


def test_tables_cover_the_years_news_of_this_century_states() -> None:
    assert TABLES.base_year == 2025
    assert {year for year, _ in TABLES.per_usd} == set(range(1950, 2026))
    assert min(TABLES.prices) == 1913
    # Published figures, to the precision the sources give them.
    assert TABLES.prices[2024] == pytest.approx(313.689)
    assert TABLES.per_usd[(2024, "EUR")] == pytest.approx(1 / 1.0824, rel=1e-3)
    assert TABLES.per_usd[(2024, "JPY")] == pytest.approx(151.4, rel=1e-2)


def test_every_table_names_its_source_beside_it() -> None:
    folder = resources.files("armstrace.values").joinpath("data")
    sources = folder.joinpath("SOURCES.md").read_text(encoding="utf-8")
    for name in ("exchange_rates.csv", "us_cpi.csv", "historical_rates.csv"):
        assert f"`{name}`" in sources
        with folder.joinpath(name).open(encoding="utf-8") as file:
            assert len(list(csv.reader(file))) > 100


def test_dollars_of_the_base_year_are_themselves() -> None:
    found = TABLES.constant_usd(Money(3_000_000_000, "USD"), 2025)
    assert found is not None and found.amount == 3_000_000_000


def test_older_dollars_are_carried_to_the_base_year_by_prices() -> None:
    found = TABLES.constant_usd(Money(1_000_000_000, "USD"), 2015)
    assert found is not None
    assert found.amount == round(1e9 * TABLES.prices[2025] / TABLES.prices[2015])
    assert found.amount > 1_300_000_000  # about a third more after ten years


def test_euros_are_converted_at_the_years_rate_then_deflated() -> None:
    found = TABLES.constant_usd(Money(1_000_000_000, "EUR"), 2024)
    assert found is not None and (found.rate_year, found.price_year) == (2024, 2024)
    expected = 1e9 / TABLES.per_usd[(2024, "EUR")] * TABLES.prices[2025] / TABLES.prices[2024]
    assert found.amount == round(expected)


def test_a_year_past_the_tables_uses_their_last() -> None:
    found = TABLES.constant_usd(Money(100, "GBP"), 2027)
    assert found is not None and (found.rate_year, found.price_year) == (2025, 2025)


@pytest.mark.parametrize(("currency", "year", "per_usd"), [
    # Annual averages the Federal Reserve published (G.5A release of 1997-01-07, noon
    # buying rates in New York), an independent source, to 1%.
    ("FRF", 1996, 5.1158), ("DEM", 1996, 1.5049), ("DEM", 1995, 1.4321),
    ("ATS", 1993, 11.639), ("FIM", 1994, 5.2340), ("BEF", 1995, 29.472),
    ("IEP", 1996, 1 / 1.5995), ("INR", 1994, 31.394), ("DKK", 1993, 6.4863),
])
def test_rates_before_the_ecbs_come_from_the_penn_world_table(currency: str, year: int,
                                                               per_usd: float) -> None:
    assert TABLES.per_usd[(year, currency)] == pytest.approx(per_usd, rel=1e-2)


def test_a_1987_amount_in_francs_has_constant_dollars() -> None:
    found = TABLES.constant_usd(Money(1_000_000_000, "FRF"), 1987)
    assert found is not None and (found.rate_year, found.price_year) == (1987, 1987)
    dollars_1987 = 1e9 / TABLES.per_usd[(1987, "FRF")]
    assert found.amount == round(dollars_1987 * TABLES.prices[2025] / TABLES.prices[1987])
    assert 160e6 < dollars_1987 < 170e6  # 6.01 francs to the dollar that year


def test_the_ecbs_rate_is_kept_where_both_tables_have_one() -> None:
    # the euro's legacy currencies after 1999 are its rate times the fixed conversion rate
    assert TABLES.per_usd[(2000, "DEM")] == pytest.approx(
        TABLES.per_usd[(2000, "EUR")] * 1.95583, rel=1e-5)
    assert (1999, "JPY") in TABLES.per_usd and (1998, "JPY") in TABLES.per_usd


@pytest.mark.parametrize(("value", "year"), [
    (Money(100, "EUR"), 1990),   # before the euro
    (Money(100, "TRY"), 1990),   # the old lira: the present unit began in 2005
    (Money(100, "XXX"), 2020),   # no such currency in the tables
    (Money(100, "USD"), None),   # no year to price it in
    (Money(100, "RUB"), 2024),   # the ECB stopped quoting the rouble in 2022
])
def test_what_the_tables_cannot_convert_is_none(value: Money, year: int | None) -> None:
    assert TABLES.constant_usd(value, year) is None


@pytest.mark.parametrize(("amount", "shown"), [(3_740_000_000, "$3.74bn"),
                                               (86_400_000, "$86.4m"), (950_000, "$950,000")])
def test_format_usd(amount: int, shown: str) -> None:
    assert format_usd(amount) == shown
