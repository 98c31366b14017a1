"""Write files in SIPRI's trade-register format with invented rows (never SIPRI's data)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)


def preamble(generated: str = "13 Mar 2025 10:02:49 AM") -> list[str]:
    """Return an 11-line preamble in SIPRI's shape (wording invented for the tests)."""
    return [
        "Transfers of major weapons: Deals with deliveries or orders made for 1950 to 2024",
        "Note: invented rows written for armstrace's tests.",
        "The '?' marks an estimate.",
        "TIV figures are in millions.",
        "",
        "Source: SIPRI Arms Transfers Database",
        f"Data generated: {generated}",
        "",
        "",
        "",
        "",
    ]


def write_register(
    path: Path, rows: Sequence[str], *, generated: str | None = "13 Mar 2025 10:02:49 AM"
) -> Path:
    """Write `rows` (CSV lines) under the header, with the preamble unless `generated` is None."""
    lines = ([] if generated is None else preamble(generated)) + [HEADER, *rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("iso-8859-1"))
    return path


# Invented rows with every quirk: flags, years "a; b", statuses, a comment over two lines,
# Latin-1, SIPRI's spellings, historical states, '*' and '**', unknown parties.
QUIRK_ROWS = [
    "Turkiye,United States,2019,,12,,F-16C,FGA aircraft,12,,2020; 2021,New,,20,240,240",
    'Viet Nam,Soviet Union,1975,?,20,?,Mi-24V/Mi-35,combat helicopter,18,?,1976; 1977,Second hand,'
    '"invented comment, line one\nline two; Vietnamese designation Hình",8,160,144',
    "UAE,France,2021,,80,,Rafale,FGA aircraft,0,,,New,Rafale F4 version; $19 b deal,50,4000,",
    "DR Congo,Czechoslovakia,1980,,10,,OT-64,APC,10,,1981,Second hand but modernized,,1,10,10",
    "Cote d'Ivoire,Yugoslavia,1985,,4,,D-30 122mm,towed gun,4,,1986,New,,0.5,2,2",
    "eSwatini,East Germany (GDR),1988,,2,,PzH-2000 155mm,self-propelled gun,2,,1989,New,,4,8,8",
    "Bosnia-Herzegovina,Turkiye,2022,,6,,Storm Shadow/SCALP-EG,ASM,6,,2023,New,,1,6,6",
    "North Yemen,South Yemen,1972,,3,,T-55,tank,3,,1973,Second hand,,1,3,3",
    "South Vietnam,United States,1970,,5,,M-113,APC,5,,1970,New,,0.2,1,1",
    "Houthi rebels (Yemen)*,Iran,2016,?,50,?,Qasef-1,UAV,50,?,2017; 2018,New,,0.1,5,5",
    "NATO**,United States,2019,,4,,RQ-4 Global Hawk,UAV,4,,2021,New,,30,120,120",
    "Albania,unknown supplier(s),2010,,2,,M-777,towed gun,2,,2011,New,,1,2,2",
    "unknown recipient(s),Serbia,2015,,100,,M-84,tank,100,,2016,Second hand,,1,100,100",
    "Ruritania,France,2018,,1,,Gowind,corvette,1,,2020,New,,100,100,100",
]

# Invented rows for the seed article's states (turkey-serbia-drones.txt): what its deals
# match, and rows between the pairs it covers that it does not mention.
SEED_ROWS = [
    "Serbia,France,2024,,10,?,Rafale,FGA aircraft,0,,,New,invented: Rafale F4 version,50,500,",
    "Kosovo,Turkiye,2022,,5,,Bayraktar TB2,UAV,5,,2023,New,,1,5,5",
    "Romania,Turkiye,2023,,18,,Bayraktar TB2,UAV,18,,2023; 2024,New,,1,18,18",
    "Serbia,France,2019,,2,,Mistral,portable SAM,2,,2020,New,,0.1,0.2,0.2",
    "Bosnia-Herzegovina,Turkiye,2021,,4,,Kirpi,APC,4,,2022,Second hand,,0.5,2,2",
    "Serbia,France,2009,,2,,Gazelle,light helicopter,2,,2010,Second hand,,1,2,2",
    "Romania,United States,2017,,7,,M-142 HIMARS,self-propelled MRL,7,,2022,New,,10,70,70",
]
