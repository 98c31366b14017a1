"""Find amounts of money in a sentence and normalise them to an ISO 4217 `Money`.

`find_money(text)` returns every amount the text ties to a currency: a symbol or
code before it ("$3 billion", "US$1.6 billion", "€2.7bn", "Kč34 billion",
"SEK 2 billion", "Rs 5,000 crore") or a currency word after it ("84 mln dlrs",
"five billion stg", "540 mln Norwegian crowns", "1.2 trillion yen"). A number
with no currency ("2.7 billion") is not money. Amounts are integers in units of
the currency (mln, billion, crore = 10^7 and lakh = 10^5 expanded).

Choices the text cannot settle, made once here:

- "$" and bare "dollars"/"dlrs" are US dollars; "A$", "C$", "Canadian dollars" are not.
- "pounds", "stg", "sterling" are GBP unless qualified ("Egyptian pounds").
- "francs": "French francs" FRF, "Swiss francs" CHF, "Belgian francs" BEF; bare
  "francs" take the state the text names nearest (Switzerland, Belgium, ...),
  else FRF. Bare "crowns", "pesos", "dinars" and "shillings" take the nearest
  named state and are skipped when the text names none ("540 mln crowns" next
  to "Norway's" is NOK). Bare "rupees" default to INR, "rials" to IRR.
- "lira" is the Turkish lira (TRY), "lire" the Italian (ITL).
- "up to 2.9 billion dlrs" is reported as the stated maximum, with kind "up_to";
  a range ("15-20 mln dlrs", "six to seven mln dlrs") as its maximum, kind "range";
  a per-unit price ("$3 million each") is reported like any amount.
- An amount in another currency, in parentheses or after "or", right behind an
  amount is its conversion ("Kč34 billion (US$1.6 billion)", "345 rand or 165
  dlrs"): reported with `is_conversion`.
- Amounts are whole units: "1.51 dlrs" a share is reported as 2 (Money holds an int).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING

import pycountry

from armstrace.extract.numbers import WORD_NUMBER_PATTERN, parse_number_words
from armstrace.model import Money

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["MONEY_KINDS", "MoneyMention", "find_money", "find_money_spans"]

MONEY_KINDS = ("exact", "approximate", "at_least", "up_to", "range")

_SCALES: Mapping[str, int] = MappingProxyType(
    {
        "thousand": 10**3, "k": 10**3, "million": 10**6, "mln": 10**6, "mn": 10**6,
        "m": 10**6, "billion": 10**9, "bln": 10**9, "bn": 10**9, "b": 10**9,
        "trillion": 10**12, "tn": 10**12, "trn": 10**12, "crore": 10**7, "crores": 10**7,
        "cr": 10**7, "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5,
    }
)  # fmt: skip
# Written after a space or hyphen ("3 billion", "2.5-billion"); the one-letter ones
# only attached ("$3bn", "£100m", "$5k").
_SPACED_SCALE = r"trillion|billion|million|thousand|crores?|lakhs?|lacs?|mln|bln|mn|bn|tn|trn"
_ATTACHED_SCALE = rf"{_SPACED_SCALE}|cr|m|b|k"

# Symbols and codes written before the amount, longest first.
_PREFIXES: Mapping[str, str] = MappingProxyType(
    {
        "US$": "USD", "U.S.$": "USD", "$US": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
        "CA$": "CAD", "Can$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "NT$": "TWD",
        "R$": "BRL", "Mex$": "MXN", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
        "₹": "INR", "₽": "RUB", "₩": "KRW", "₪": "ILS", "₺": "TRY", "Kč": "CZK", "Rs.": "INR",
        "Rs": "INR", "DM": "DEM", "SFr.": "CHF", "SFr": "CHF", "NIS": "ILS", "RMB": "CNY",
        "YTL": "TRY", "Dh": "AED", "Dhs": "AED",
    }
)  # fmt: skip
# ISO codes that are also English words or common abbreviations are not taken as codes.
_CODE_STOPLIST = frozenset(
    {"ALL", "TOP", "CUP", "PEN", "BOB", "MOP", "SOS", "GEL", "MAD", "BAM", "CAN", "MRO",
     "STD", "SVC", "SHP", "LAK", "TRY", "XXX", "XTS", "AMD", "ANG", "TMT"}
)  # fmt: skip
_ISO_CODES = frozenset(c.alpha_3 for c in pycountry.currencies) - _CODE_STOPLIST
# Pre-2002 codes pycountry (current ISO 4217) no longer lists, for older news.
_FORMER_CODES = frozenset({"DEM", "FRF", "ITL", "NLG", "BEF", "ESP", "ATS", "FIM", "PTE", "GRD"})
_CODES = _ISO_CODES | _FORMER_CODES

# Currency words written after the amount: (pattern, code). A code of None means the
# word needs a state named nearby (see _NEAREST_STATE).
_POSTFIX_WORDS: tuple[tuple[str, str | None], ...] = (
    (r"(?:U\.?S\.?|American)\s+(?:dollars?|dlrs?)", "USD"),
    (r"(?:Canadian|Can\.?)\s+(?:dollars?|dlrs?)", "CAD"),
    (r"(?:Australian|Aust\.?)\s+(?:dollars?|dlrs?)", "AUD"),
    (r"(?:New\s+Zealand|N\.Z\.|NZ)\s+(?:dollars?|dlrs?)", "NZD"),
    (r"Hong\s+Kong\s+(?:dollars?|dlrs?)", "HKD"),
    (r"Singapore\s+(?:dollars?|dlrs?)", "SGD"),
    (r"(?:Taiwan(?:ese)?|NT)\s+(?:dollars?|dlrs?)", "TWD"),
    (r"(?i:dollars?|dlrs?)", "USD"),
    (r"Egyptian\s+pounds?", "EGP"),
    (r"Lebanese\s+pounds?", "LBP"),
    (r"Syrian\s+pounds?", "SYP"),
    (r"Sudanese\s+pounds?", "SDG"),
    (r"Irish\s+pounds?|(?i:punts?)", "IEP"),
    (r"Cyprus\s+pounds?|Cypriot\s+pounds?", "CYP"),
    (r"(?i:pounds?\s+sterling|sterling|stg|pounds?)", "GBP"),
    (r"(?i:euros?)", "EUR"),
    (r"(?i:yen)", "JPY"),
    (r"(?i:yuan|renminbi)", "CNY"),
    (r"(?i:roubles?|rubles?)", "RUB"),
    (r"Pakistani\s+(?i:rupees?)", "PKR"),
    (r"Sri\s+Lankan\s+(?i:rupees?)", "LKR"),
    (r"Nepal(?:ese|i)\s+(?i:rupees?)", "NPR"),
    (r"(?:Indian\s+)?(?i:rupees?)", "INR"),
    (r"Norwegian\s+(?i:crowns?|kroner|krone)", "NOK"),
    (r"Swedish\s+(?i:crowns?|kronor|krona)", "SEK"),
    (r"Danish\s+(?i:crowns?|kroner|krone)", "DKK"),
    (r"Czech(?:oslovak)?\s+(?i:crowns?|korunas?|koruny)", "CZK"),
    (r"Icelandic\s+(?i:crowns?|kronur|krona)", "ISK"),
    (r"(?i:kronor|krona)", "SEK"),
    (r"(?i:korunas?|koruny)", "CZK"),
    (r"(?i:crowns?|kroner|krone)", None),
    (r"French\s+(?i:francs?)", "FRF"),
    (r"Swiss\s+(?i:francs?)", "CHF"),
    (r"Belgian\s+(?i:francs?)", "BEF"),
    (r"Luxembourg\s+(?i:francs?)", "LUF"),
    (r"CFA\s+(?i:francs?)", "XOF"),
    (r"(?i:francs?)", None),
    (r"Finnish\s+marks?|(?i:markkaa?)", "FIM"),
    (r"(?i:Deutsche?\s*marks?|deutschemarks?|D-?marks?|marks?)", "DEM"),
    (r"(?i:guilders?)", "NLG"),
    (r"(?i:lire)|Italian\s+(?i:lira)", "ITL"),
    (r"(?:Turkish\s+)?(?i:liras?)", "TRY"),
    (r"(?i:pesetas?)", "ESP"),
    (r"(?i:escudos?)", "PTE"),
    (r"(?i:drachmas?|drachmae)", "GRD"),
    (r"Austrian\s+(?i:schillings?)|(?i:schillings?)", "ATS"),
    (r"Kenyan\s+(?i:shillings?)", "KES"),
    (r"Ugandan\s+(?i:shillings?)", "UGX"),
    (r"Tanzanian\s+(?i:shillings?)", "TZS"),
    (r"Somali\s+(?i:shillings?)", "SOS"),
    (r"(?i:shillings?)", None),
    (r"(?i:zlotys?|zloties)", "PLN"),
    (r"(?i:forints?)", "HUF"),
    (r"(?i:lei)", "RON"),
    (r"(?i:leva)", "BGN"),
    (r"(?i:hryvnias?|hryvnia)", "UAH"),
    (r"(?i:tenge)", "KZT"),
    (r"(?i:won)", "KRW"),
    (r"(?i:baht)", "THB"),
    (r"(?i:ringgit)", "MYR"),
    (r"(?i:rupiah)", "IDR"),
    (r"(?i:dong)", "VND"),
    (r"(?i:naira)", "NGN"),
    (r"(?i:taka)", "BDT"),
    (r"(?i:rand)", "ZAR"),
    (r"Brazilian\s+(?i:reals?)|(?i:reais)", "BRL"),
    (r"Mexican\s+(?i:pesos?)", "MXN"),
    (r"Argentine\s+(?i:pesos?)", "ARS"),
    (r"Philippine\s+(?i:pesos?)", "PHP"),
    (r"Chilean\s+(?i:pesos?)", "CLP"),
    (r"Colombian\s+(?i:pesos?)", "COP"),
    (r"(?i:pesos?)", None),
    (r"(?:New\s+)?(?i:shekels?)", "ILS"),
    (r"Qatari\s+(?i:riyals?)", "QAR"),
    (r"Yemeni\s+(?i:rials?|riyals?)", "YER"),
    (r"(?:Saudi\s+)?(?i:riyals?)", "SAR"),
    (r"Omani\s+(?i:rials?)", "OMR"),
    (r"(?:Iranian\s+)?(?i:rials?)", "IRR"),
    (r"Moroccan\s+(?i:dirhams?)", "MAD"),
    (r"(?:UAE\s+|Emirati\s+)?(?i:dirhams?)", "AED"),
    (r"Iraqi\s+(?i:dinars?)", "IQD"),
    (r"Kuwaiti\s+(?i:dinars?)", "KWD"),
    (r"Jordanian\s+(?i:dinars?)", "JOD"),
    (r"Bahraini\s+(?i:dinars?)", "BHD"),
    (r"Libyan\s+(?i:dinars?)", "LYD"),
    (r"Algerian\s+(?i:dinars?)", "DZD"),
    (r"Tunisian\s+(?i:dinars?)", "TND"),
    (r"Serbian\s+(?i:dinars?)", "RSD"),
    (r"(?i:dinars?)", None),
    (r"(?i:ECUs?)|European\s+currency\s+units?", "XEU"),
    (r"SDRs?|special\s+drawing\s+rights", "XDR"),
    (r"Kč|zł|TL|DM", ""),  # symbols written after the amount: "" looks the word up below
    (
        r"USD|EUR|GBP|JPY|CNY|RUB|INR|SEK|NOK|DKK|CHF|AUD|CAD|NZD|HKD|SGD|KRW|ILS|SAR|AED|PLN"
        r"|CZK|BRL|ZAR|MXN|TRY",
        "",
    ),
)
_POSTFIX_SYMBOLS: Mapping[str, str] = MappingProxyType(
    {"Kč": "CZK", "zł": "PLN", "TL": "TRY", "DM": "DEM"}
)
# "500 pounds of explosives", "a 2,000-pound bomb": weights, not money.
_WEIGHT_AFTER = re.compile(r"\s+(?i:of|bombs?|warheads?|shells?|explosives?|thrust|payload)\b")

# The state a bare currency word takes, by the nearest state named in the text.
_NEAREST_STATE: Mapping[str, tuple[tuple[str, str], ...]] = MappingProxyType(
    {
        "crown": (
            (r"Norw(?:ay|egian)", "NOK"), (r"Swed(?:en|ish)", "SEK"),
            (r"Den(?:mark)|Danish", "DKK"), (r"Czech", "CZK"), (r"Iceland", "ISK"),
            (r"Slovak", "SKK"), (r"Eston", "EEK"),
        ),
        "franc": (
            (r"Swi(?:ss|tzerland)", "CHF"), (r"Belgi(?:um|an)", "BEF"),
            (r"Luxembourg", "LUF"), (r"Fr(?:ance|ench)", "FRF"),
        ),
        "peso": (
            (r"Mexic", "MXN"), (r"Argentin", "ARS"), (r"Philippin|Filipino", "PHP"),
            (r"Chile", "CLP"), (r"Colombia", "COP"), (r"Cuba", "CUP"), (r"Urugua", "UYU"),
        ),
        "dinar": (
            (r"Iraq", "IQD"), (r"Kuwait", "KWD"), (r"Jordan", "JOD"), (r"Bahrain", "BHD"),
            (r"Libya", "LYD"), (r"Algeria", "DZD"), (r"Tunisia", "TND"), (r"Serbia", "RSD"),
            (r"Yugoslav", "YUD"),
        ),
        "shilling": (
            (r"Keny", "KES"), (r"Ugand", "UGX"), (r"Tanzan", "TZS"), (r"Somali", "SOS"),
            (r"Austria", "ATS"),
        ),
    }
)  # fmt: skip
_NEAREST_DEFAULT: Mapping[str, str | None] = MappingProxyType(
    {"crown": None, "franc": "FRF", "peso": None, "dinar": None, "shilling": None}
)
_BARE_KEYS = (("krone", "crown"), ("kroner", "crown"), ("crown", "crown"), ("franc", "franc"),
              ("peso", "peso"), ("dinar", "dinar"), ("shilling", "shilling"))  # fmt: skip
_STATE_CUES = {
    key: [(re.compile(rf"\b(?:{pattern})"), code) for pattern, code in cues]
    for key, cues in _NEAREST_STATE.items()
}

_DIGITS = r"\d{1,3}(?:,\d{2})*(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_QUALIFIER = (
    r"(?:(?P<up_to>(?i:up\s+to|as\s+much\s+as|as\s+many\s+as|a\s+maximum\s+of|at\s+most"
    r"|no\s+more\s+than|less\s+than|under))"
    r"|(?P<at_least>(?i:more\s+than|over|at\s+least|in\s+excess\s+of|upwards\s+of"
    r"|a\s+minimum\s+of))"
    r"|(?P<approximate>(?i:about|around|approximately|roughly|some|nearly|almost"
    r"|an\s+estimated|estimated|close\s+to)))\s+"
)
_PREFIX_RE = "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True))
_CODE_RE = "|".join(sorted(_CODES))
# Patterns are anchored on a cheap first character: they run on every sentence of a corpus.
_QUALIFIER_BEFORE = re.compile(rf"\b{_QUALIFIER}$")
_QUALIFIER_LOOKBACK = 30
_PREFIXED = re.compile(
    r"(?=[A-Z$€£¥₹₽₩₪₺])"
    rf"(?P<amount>(?<![A-Za-z])(?:(?P<symbol>{_PREFIX_RE})|(?P<code>{_CODE_RE})(?![A-Za-z]))\s?"
    rf"(?:(?P<low>{_DIGITS})\s*[-–]\s*)?(?P<digits>{_DIGITS})"
    rf"(?:(?P<attached>(?i:{_ATTACHED_SCALE}))\b|[\s-](?P<spaced>(?i:{_SPACED_SCALE}))\b)?)"
    r"(?![\d,.]\d)"
)
# Currency words match in any case ("ONE BILLION DLRS" in a headline); symbols and codes do not.
_POSTFIX_RE = "|".join(
    f"(?P<c{i}>{pattern})" if code == "" else f"(?P<c{i}>(?i:{pattern}))"
    for i, (pattern, code) in enumerate(_POSTFIX_WORDS)
)
_POSTFIXED_AMOUNT = re.compile(
    rf"(?P<amount>(?:(?<![\w.,$£€¥])(?=\d)(?:(?P<low>{_DIGITS})\s*(?:[-–]|\s(?i:to)\s)\s*)?"
    rf"(?P<digits>{_DIGITS})(?:(?P<attached>{_ATTACHED_SCALE})"
    rf"|[\s-]+(?P<spaced>(?i:{_SPACED_SCALE})))?"
    rf"|\b(?=[zotfsenaZOTFSENA])(?:(?P<low_words>{WORD_NUMBER_PATTERN})\s+(?i:to|or)\s+)?"
    rf"(?P<words>{WORD_NUMBER_PATTERN})(?:[\s-]+(?P<spaced2>(?i:mln|bln|bn)))?))"
    r"[\s-]+"
)
# Matched only where an amount ends: trying 100 alternatives at every character is slow.
_CURRENCY_WORD = re.compile(rf"(?:{_POSTFIX_RE})\b")
_CONVERSION_BEFORE = re.compile(
    r"^\s*(?:[(\[]\s*(?i:about|around|approximately|approx\.?|roughly|some|or|c\.|~"
    r"|equivalent\s+to|the\s+equivalent\s+of)?|,?\s*(?i:or)(?:\s+(?i:about|around|roughly|some))?)\s*$"
)
_CONVERSION_AFTER = re.compile(r"^\s*[)\]]")
_UNKNOWN = ""  # the currency of a bare "crowns" when the text names no state
_CONVERSION_GAP = 40  # longest text between an amount and its conversion


@dataclass(frozen=True)
class MoneyMention:
    """An amount of money at `text[start:end]`.

    `kind` is one of MONEY_KINDS ("up to 2.9 billion dlrs" is "up_to", its amount
    the maximum); `is_conversion` marks an amount that converts the one before it.
    """

    start: int
    end: int
    money: Money
    kind: str = "exact"
    is_conversion: bool = False


def find_money(text: str) -> list[MoneyMention]:
    """Return the amounts of money in `text` in text order (see the module docstring)."""
    # An amount whose currency stays unknown still makes the next one its conversion.
    return [m for m in _find_amounts(text) if m.money.currency != _UNKNOWN]


def find_money_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every amount of money, those of unknown currency included.

    "540 mln crowns" in a text that names no state is money, not a count, even
    though find_money cannot say which crowns.
    """
    return [(m.start, m.end) for m in _find_amounts(text)]


def _find_amounts(text: str) -> list[MoneyMention]:
    candidates = [*_prefixed(text), *_postfixed(text)]
    candidates.sort(key=lambda m: (m.start - m.end, m.start))
    kept: list[MoneyMention] = []
    for mention in candidates:
        if all(mention.end <= other.start or mention.start >= other.end for other in kept):
            kept.append(mention)
    kept.sort(key=lambda m: m.start)
    return _mark_conversions(text, kept)


def _scaled(digits: str, scale: str | None) -> int:
    amount = Decimal(digits.replace(",", ""))
    if scale:
        amount *= _SCALES[scale.lower()]
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _mention(text: str, match: re.Match[str], end: int, money: Money) -> MoneyMention:
    """Return the mention of an amount, its qualifier ("up to", "about") included."""
    start = match.start()
    window_start = max(0, start - _QUALIFIER_LOOKBACK)
    qualifier = _QUALIFIER_BEFORE.search(text, window_start, start)
    if match["low"] or match.groupdict().get("low_words"):
        kind = "range"
    elif qualifier is None:
        kind = "exact"
    else:
        kind = next(k for k in ("up_to", "at_least", "approximate") if qualifier[k])
        start = qualifier.start()
    return MoneyMention(start, end, money, kind)


def _prefixed(text: str) -> list[MoneyMention]:
    mentions = []
    for match in _PREFIXED.finditer(text):
        currency = _PREFIXES[match["symbol"]] if match["symbol"] else match["code"]
        amount = _scaled(match["digits"], match["attached"] or match["spaced"])
        mentions.append(_mention(text, match, match.end(), Money(amount, currency)))
    return mentions


def _postfixed(text: str) -> list[MoneyMention]:
    mentions = []
    for match in _POSTFIXED_AMOUNT.finditer(text):
        word_match = _CURRENCY_WORD.match(text, match.end())
        if word_match is None:
            continue
        index = next(i for i in range(len(_POSTFIX_WORDS)) if word_match[f"c{i}"] is not None)
        word = word_match[f"c{index}"]
        currency = _POSTFIX_WORDS[index][1]
        if currency == "":
            currency = _POSTFIX_SYMBOLS.get(word, word)
        elif currency is None:
            currency = _currency_of_state(text, word, match.start()) or _UNKNOWN
        if _is_weight(text, match, word, word_match.end()):
            continue
        if match["digits"]:
            amount = _scaled(match["digits"], match["attached"] or match["spaced"])
        else:
            value = parse_number_words(match["words"])
            if value is None:
                continue
            amount = value * (_SCALES[match["spaced2"].lower()] if match["spaced2"] else 1)
        mentions.append(_mention(text, match, word_match.end(), Money(amount, currency)))
    return mentions


def _is_weight(text: str, match: re.Match[str], word: str, end: int) -> bool:
    """Say whether "pounds" after an unscaled number weighs rather than pays."""
    if word.lower() not in ("pound", "pounds") or match["attached"] or match["spaced"]:
        return False
    if match["words"] and re.search(r"(?i:million|billion|trillion)", match["words"]):
        return False
    return "-" in text[match.start() : end] or _WEIGHT_AFTER.match(text, end) is not None


def _currency_of_state(text: str, word: str, position: int) -> str | None:
    """Return the currency a bare word ("crowns") has by the state named nearest to it."""
    lowered = word.lower()
    key = next(k for stem, k in _BARE_KEYS if lowered.startswith(stem))
    best: tuple[int, str] | None = None
    for cue, code in _STATE_CUES[key]:
        for match in cue.finditer(text):
            distance = abs(match.start() - position)
            if best is None or distance < best[0]:
                best = (distance, code)
    return best[1] if best is not None else _NEAREST_DEFAULT[key]


def _mark_conversions(text: str, mentions: list[MoneyMention]) -> list[MoneyMention]:
    marked: list[MoneyMention] = []
    for index, mention in enumerate(mentions):
        if index > 0:
            gap = text[mentions[index - 1].end : mention.start]
            opened = "(" in gap or "[" in gap
            closes = _CONVERSION_AFTER.match(text[mention.end :]) is not None
            previous = mentions[index - 1].money.currency
            if (
                previous != mention.money.currency
                and len(gap) <= _CONVERSION_GAP
                and _CONVERSION_BEFORE.match(gap)
                and (closes or not opened)
            ):
                mention = MoneyMention(
                    mention.start, mention.end, mention.money, mention.kind, is_conversion=True
                )
        marked.append(mention)
    return marked


# Words that make a noun a sum of money: "€500m of arms exports", "$8bn in arms sales".
SUM_WORDS = frozenset(
    {"million", "billion", "trillion", "m", "mn", "mln", "bn", "tn", "dollar", "dlrs", "euro",
     "pound", "stg", "sterling", "rouble", "ruble", "yen", "yuan", "rupee", "crore"}
)
CURRENCY_SIGNS = frozenset({"$", "€", "£", "¥", "₹"})


def sum_of_money(noun: Token, prep: Token) -> bool:
    """Tell whether `prep` ("of", "in") ties goods to a sum of money that measures them:
    "approved €500m of arms exports", "pushed through $8bn in arms sales"."""
    if prep.lower_ not in ("of", "in"):
        return False
    words = {noun.lower_, noun.lemma_.lower()}
    return bool(words & SUM_WORDS) or any(
        c.text in CURRENCY_SIGNS or c.tag_ == "$" for c in noun.subtree if c.i < noun.i
    )
