"""Write armstrace.values' exchange rates for the years the ECB's table lacks (before 1999).

    apt-get install r-cran-pwt9          # Debian's package of the Penn World Table 9.1
    python scripts/historical_rates.py   # needs Rscript; reads the package's data

The ECB's reference rates (exchange_rates.csv) begin in 1999, so an amount in pounds,
yen or French francs stated in a 1987 wire had no constant-dollar value. The Penn World
Table 9.1 (Feenstra, Inklaar and Timmer, "The Next Generation of the Penn World Table",
American Economic Review 105(10), 2015; www.ggdc.net/pwt) gives each country's annual
average exchange rate to the US dollar, `xr`, 1950-2017, mostly from the IMF's
International Financial Statistics; Debian ships it as r-cran-pwt9 (CRAN package pwt9).
This script writes src/armstrace/values/data/historical_rates.csv with, for each year the
ECB table does not cover:

- the currencies of `STABLE`, whose unit did not change over the years taken (PWT states
  every year in today's unit, so a currency redenominated later, such as the Turkish lira
  in 2005, is taken only from the year its present unit began: `FIRST_YEAR`);
- the currencies the euro replaced (`LEGACY`): PWT states those countries in euros at the
  irrevocable conversion rate, so the rate is multiplied back into the old unit (France
  1987: 0.9163 euro x 6.55957 = 6.011 francs per dollar); for 1999-2001, before the notes
  changed, the same from the ECB's euro rate.

Only rates PWT marks as market rates (`i_xr == "market"`) are written.
"""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "armstrace" / "values" / "data"

# Country (ISO 3166 alpha-3, as PWT names it) -> its currency (ISO 4217).
STABLE = {
    "GBR": "GBP", "JPN": "JPY", "CHE": "CHF", "SWE": "SEK", "NOR": "NOK", "DNK": "DKK",
    "CAN": "CAD", "AUS": "AUD", "NZL": "NZD", "IND": "INR", "PAK": "PKR", "KOR": "KRW",
    "HKG": "HKD", "SGP": "SGD", "ZAF": "ZAR", "SAU": "SAR", "ARE": "AED", "EGY": "EGP",
    "CHN": "CNY", "TWN": "TWD", "THA": "THB", "MYS": "MYR", "IDN": "IDR", "PHL": "PHP",
    "KWT": "KWD", "QAT": "QAR", "OMN": "OMR", "JOR": "JOD", "MAR": "MAD", "DZA": "DZD",
    "ISR": "ILS", "RUS": "RUB", "MEX": "MXN", "BRA": "BRL", "POL": "PLN", "TUR": "TRY",
}
# The first year of a currency's present unit (new shekel 1985-09, new rouble 1998, new
# peso 1993, real 1994-07, new zloty 1995, new Turkish lira 2005): whole years from then.
FIRST_YEAR = {"ILS": 1986, "RUB": 1998, "MXN": 1993, "BRL": 1995, "PLN": 1995, "TRY": 2005}
# Country -> (the currency the euro replaced, its units per euro, fixed 1998-12-31
# (Council Regulation 2866/98) and, for Greece, 2000-06-19 (1478/2000)).
LEGACY = {
    "DEU": ("DEM", 1.95583), "FRA": ("FRF", 6.55957), "ITA": ("ITL", 1936.27),
    "ESP": ("ESP", 166.386), "NLD": ("NLG", 2.20371), "BEL": ("BEF", 40.3399),
    "AUT": ("ATS", 13.7603), "FIN": ("FIM", 5.94573), "PRT": ("PTE", 200.482),
    "IRL": ("IEP", 0.787564), "GRC": ("GRD", 340.750),
}
LAST_LEGACY_YEAR = 2001  # euro notes and coins replaced the old ones in 2002

_EXPORT = (
    'data("pwt9.1", package = "pwt9"); d <- get("pwt9.1"); '
    'd <- d[!is.na(d$xr) & d$i_xr == "market", c("isocode", "year", "xr")]; '
    "write.csv(d, stdout(), row.names = FALSE)"
)


def read_pwt() -> dict[tuple[str, int], float]:
    """Return {(country, year): units of its currency per US dollar} from PWT 9.1."""
    text = subprocess.run(["Rscript", "-e", _EXPORT], capture_output=True, text=True,
                          check=True).stdout
    return {(row["isocode"], int(row["year"])): float(row["xr"])
            for row in csv.DictReader(io.StringIO(text))}


def read_ecb() -> dict[tuple[int, str], float]:
    """Return the ECB table already shipped: {(year, currency): units per US dollar}."""
    with open(OUT / "exchange_rates.csv", encoding="utf-8") as file:
        return {(int(row["year"]), row["currency"]): float(row["per_usd"])
                for row in csv.DictReader(file)}


def historical_rates(pwt: dict[tuple[str, int], float],
                     ecb: dict[tuple[int, str], float]) -> dict[tuple[int, str], float]:
    """Return the rates the ECB table lacks, as the module docstring says."""
    rates: dict[tuple[int, str], float] = {}
    for (country, year), per_usd in pwt.items():
        if country in STABLE:
            currency = STABLE[country]
            if year >= FIRST_YEAR.get(currency, 0) and (year, currency) not in ecb:
                rates[(year, currency)] = per_usd
        elif country in LEGACY and year < 1999:
            currency, per_euro = LEGACY[country]
            rates[(year, currency)] = per_usd * per_euro
    for currency, per_euro in LEGACY.values():
        for year in range(1999, LAST_LEGACY_YEAR + 1):
            if (year, "EUR") in ecb:
                rates[(year, currency)] = ecb[(year, "EUR")] * per_euro
    return rates


def main() -> None:
    rates = historical_rates(read_pwt(), read_ecb())
    with open(OUT / "historical_rates.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["year", "currency", "per_usd"])
        for (year, currency), value in sorted(rates.items()):
            writer.writerow([year, currency, f"{value:.6g}"])
    years = [year for year, _ in rates]
    print(f"{len(rates)} rates ({min(years)}-{max(years)}) -> {OUT / 'historical_rates.csv'}")


if __name__ == "__main__":
    main()
