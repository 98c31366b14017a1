"""Terms of a deal told in a later sentence: its value and its number of units.

An article often names the order first and its terms after: "Indonesia ordered 42 Rafale
jets ... The French defence ministry put the value of the package at 7.1 billion euros";
"The Philippines signed a contract to buy BrahMos missiles ... The deal covers three
shore-based batteries". A later sentence about "the deal", "the contract" or "the package"
speaks of the deal in view: the order or plan of the last sentence (at most
`TERMS_REACH` sentences back) that told one, of its one system, or of the one of its
systems that the sentences since have gone on to name. No other system may be named
between the order and its terms, nor in the terms' sentence; a total of several
agreements is no deal's value. A term only fills a slot the order left empty. A sentence
that names the system again ("The plane, codenamed the FSX, ...") brings its deal back
into view, and "6.5 billion dollars worth of contracts" states the value of it.

The value may also come first: "A US firm hopes to win a 2.5 billion euro helicopter
order ... The Dutch seek 50 new helicopters": a sentence that values an order of a system
and tells no fact of its own values the next fact, within `TERMS_REACH` sentences, about
that system (`terms_told_before`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from armstrace.extract.mention import Mention
from armstrace.extract.money import MoneyMention, find_money
from armstrace.extract.numbers import find_counts
from armstrace.extract.sentences import SentenceSpan
from armstrace.model import Money, Record

# How many sentences back a deal's terms may point: an order, two sentences about it,
# then its value.
TERMS_REACH = 3

# The deal a sentence speaks of: "the contract", "this deal", "the aircraft contract",
# "the package", or the system itself ("the aircraft", "the 18 helicopters").
_DEFINITE_DEAL = re.compile(
    r"\b(?:the|its|this)\s+(?:[\w-]+\s+){0,3}(?:contract|deal|order|purchase|package|agreement"
    r"|aircraft|jets?|fighters?|helicopters?|tanks?|ships?|frigates?|submarines?|missiles?"
    r"|systems?|drones?|howitzers?)\b",
    re.IGNORECASE,
)
# A value stated for contracts, whatever their determiner: "6.5 billion dollars worth of
# contracts", "orders worth 2 billion".
_CONTRACTS_VALUED = re.compile(
    r"\bworth\s+of\s+(?:[\w-]+\s+){0,2}(?:contracts?|orders?)\b"
    r"|\b(?:contracts?|orders?)\s+worth\b",
    re.IGNORECASE,
)
# A value stated for it: "worth", "valued at", "the value of", "costs", "priced at".
_VALUING = re.compile(r"\b(?:worth|valued|value of|cost(?:s|ing)?|priced)\b", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:total|totalling|totaling|combined|altogether)\b", re.IGNORECASE)
# What the deal covers: "The deal covers three shore-based batteries", "It also includes
# 12 launchers". The deal noun is its subject, so a count after the verb is the deal's.
_COVERING = re.compile(
    r"(?:\b(?:the|this)\s+(?:[\w-]+\s+){0,2}(?:contract|deal|order|package|agreement|purchase)"
    r"|^\s*It)\s+(?:also\s+)?(?:covers|covered|includes|included|comprises|comprised"
    r"|consists\s+of|is\s+for|was\s+for)\s+",
    re.IGNORECASE,
)
# Nouns that count a system's units whatever the system: "three batteries", "four systems".
_UNIT_NOUNS = re.compile(r"(?:[\w-]+\s+){0,4}?(?:batter(?:y|ies)|systems?|units?)\b", re.IGNORECASE)
_TERMS_STATUSES = frozenset({"planned", "ordered"})
# An order valued before it is told: "a 2.5 billion euro helicopter order", "a contract
# for tanks worth 3 billion" (the amount, then up to four words and the deal noun; or the
# deal noun, "for" or "of" and the system, then the amount)
_DEAL_NOUN = r"(?:order|contract|deal|purchase)s?"
_VALUED_ORDER_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,4}?" + _DEAL_NOUN + r"\b", re.IGNORECASE)
_VALUED_ORDER_BEFORE = re.compile(
    r"\b" + _DEAL_NOUN + r"\s+(?:for|of)\s+[^.;]{0,60}?\b(?:worth|valued\s+at)\s+$",
    re.IGNORECASE,
)
# What a fact valued before it may be: an order sought, offered, planned or placed.
_VALUED_BEFORE_STATUSES = frozenset({"interest", "proposed", "planned", "ordered"})


def terms_told_later(
    records: Sequence[Record],
    text: str,
    sentences: Sequence[SentenceSpan],
    mentions: Sequence[Mention],
) -> list[Record]:
    """Return the records with the value and the count that later sentences state for the
    deal in view (see the module's docstring); other records are unchanged."""
    filled = list(records)
    for index, span in enumerate(sentences):
        if index == 0:
            continue
        amount = _value_stated(text, span)
        count = _count_stated(text, span, mentions)
        if amount is None and count is None:
            continue
        told = _deal_in_view(filled, sentences, index, mentions)
        for position in told:
            record = filled[position]
            if amount is not None and record.value is None:
                record = replace(record, value=amount)
            if count is not None and record.quantity is None and _counts(count, record):
                record = replace(record, quantity=count[0])
            filled[position] = record
    return filled


def _deal_in_view(
    records: Sequence[Record],
    sentences: Sequence[SentenceSpan],
    index: int,
    mentions: Sequence[Mention],
) -> list[int]:
    """Return the positions of the records of the deal sentence `index` speaks of: the
    planned or ordered records of one system in the last sentence before it that has any."""
    span = sentences[index]
    for back in range(index - 1, max(-1, index - 1 - TERMS_REACH), -1):
        told = sentences[back]
        renamed = _systems_named(mentions, told)
        orders = [
            i
            for i, r in enumerate(records)
            if r.status in _TERMS_STATUSES
            and (
                r.evidence.start <= told.start < r.evidence.end
                or told.start <= r.evidence.start < told.end
                # "The plane, codenamed the FSX, ...": the deal told before, named again
                or (r.evidence.end <= told.start and r.weapon in renamed)
            )
        ]
        if not orders:
            continue
        systems = {
            r.weapon
            for r in records
            if r.evidence.start <= told.start < r.evidence.end
            or told.start <= r.evidence.start < told.end
        } | {records[i].weapon for i in orders}
        named_since = [
            m.weapon.designation
            for m in mentions
            if m.weapon is not None and told.end <= m.start < span.end
        ]
        if set(named_since) - systems:
            return []  # another system came up since: the terms may be its
        if len(systems) > 1:
            # "ordered 42 Rafales, while the US approved 36 F-15s. ... announced the Rafale
            # deal": the system the text went on with
            if not named_since:
                return []
            systems = {named_since[-1]}
        (system,) = systems
        return [i for i in orders if records[i].weapon == system]
    return []


def _value_stated(text: str, span: SentenceSpan) -> Money | None:
    """Return the one amount a sentence states as the value of "the contract" (or of "the
    aircraft"), or None: no valuing word, no definite deal, a total, several amounts."""
    sentence = text[span.start : span.end]
    if not _VALUING.search(sentence) or not (
        _DEFINITE_DEAL.search(sentence) or _CONTRACTS_VALUED.search(sentence)
    ):
        return None
    if _TOTAL.search(sentence):
        return None
    # read in the whole text, where the state that names a currency may be ("crowns")
    amounts = [
        m
        for m in find_money(text)
        if span.start <= m.start < span.end and not getattr(m, "is_conversion", False)
    ]
    return amounts[0].money if len(amounts) == 1 else None


def _count_stated(
    text: str, span: SentenceSpan, mentions: Sequence[Mention]
) -> tuple[int, Mention | None] | None:
    """Return the count a sentence says the deal covers, with the weapon it counts (None
    for a unit noun: "three batteries"), or None."""
    sentence = text[span.start : span.end]
    covering = _COVERING.search(sentence)
    if covering is None:
        return None
    counts = find_counts(sentence[covering.end() :])
    if not counts or counts[0].value is None:
        return None  # "several batteries": no count
    count = counts[0].value
    after = span.start + covering.end() + counts[0].end  # the count's end in the text
    if text[after : after + 1].isspace() and _UNIT_NOUNS.match(text, after + 1, span.end):
        return count, None
    counted = next(
        (
            m
            for m in mentions
            if m.is_weapon and after <= m.start <= after + 40 and m.end <= span.end
        ),
        None,
    )
    if counted is None or text[after : counted.start].count(" ") > 5:
        return None
    return count, counted


def _counts(count: tuple[int, Mention | None], record: Record) -> bool:
    """Tell whether a counted noun is the record's system: a unit noun, the system's
    name, or a plain noun of its category."""
    _, counted = count
    if counted is None:
        return True
    if counted.weapon is not None:
        return counted.weapon.designation == record.weapon
    return counted.category == record.category


def terms_told_before(
    records: Sequence[Record],
    text: str,
    sentences: Sequence[SentenceSpan],
    mentions: Sequence[Mention],
) -> list[Record]:
    """Return the records with the value an earlier sentence states for an order of their
    system (see the module's docstring); other records are unchanged.

    The valuing sentence tells no fact of its own (its facts take its amounts, records.py)
    and states one amount; the fact is the first told after it, within `TERMS_REACH`
    sentences; the sentences between name no other system, and the fact's sentence has
    one system of the valued order's kind.
    """
    filled = list(records)
    money = [m for m in find_money(text) if not getattr(m, "is_conversion", False)]
    for index, span in enumerate(sentences):
        valued = _order_valued(text, span, mentions, money)
        if valued is None or any(_told_in(r, span) for r in filled):
            continue
        amount, system = valued
        for later in sentences[index + 1 : index + 1 + TERMS_REACH]:
            told = [i for i, r in enumerate(filled) if _told_in(r, later)]
            if not told:
                if any(m.is_weapon and not _same_system(m, system)
                       for m in _mentions_in(mentions, later)):
                    break  # another system came up: the value may be its
                continue
            matching = [i for i in told if _record_of(filled[i], system)
                        and filled[i].status in _VALUED_BEFORE_STATUSES]
            if len({filled[i].weapon for i in matching}) == 1:
                for i in matching:
                    if filled[i].value is None:
                        filled[i] = replace(filled[i], value=amount)
            break
    return filled


def _order_valued(
    text: str, span: SentenceSpan, mentions: Sequence[Mention], money: Sequence[MoneyMention]
) -> tuple[Money, Mention] | None:
    """Return the one amount a sentence states as the value of an order of a system, with
    the system's mention: "a 2.5 billion euro helicopter order"; or None. `money`: the
    document's amounts, conversions left out, found once for all its sentences."""
    amounts = [m for m in money if span.start <= m.start < span.end]
    if len(amounts) != 1 or _TOTAL.search(text, span.start, span.end):
        return None
    (amount,) = amounts
    weapons = [m for m in _mentions_in(mentions, span) if m.is_weapon]
    after = _VALUED_ORDER_AFTER.match(text, amount.end, span.end)
    if after is not None:
        named = [m for m in weapons if amount.end <= m.start and m.end <= after.end()]
    else:
        before = _VALUED_ORDER_BEFORE.search(text, span.start, amount.start)
        named = [] if before is None else [
            m for m in weapons if before.start() <= m.start and m.end <= amount.start]
    if len({_system_key(m) for m in named}) != 1:
        return None
    return amount.money, named[0]


def _told_in(record: Record, span: SentenceSpan) -> bool:
    return span.start <= record.evidence.start < span.end


def _mentions_in(mentions: Sequence[Mention], span: SentenceSpan) -> list[Mention]:
    return [m for m in mentions if span.start <= m.start and m.end <= span.end]


def _system_key(mention: Mention) -> str:
    """Return what a weapon mention names: the system's designation, or a generic noun's
    category ("helicopter", "aircraft")."""
    if mention.weapon is not None:
        return mention.weapon.designation
    return f"category:{mention.category}"


def _same_system(mention: Mention, system: Mention) -> bool:
    """Tell whether a mention may name the valued order's system: the same system, or a
    noun of its category ("the helicopters" for a helicopter order)."""
    if system.weapon is not None and mention.weapon is not None:
        return mention.weapon.designation == system.weapon.designation
    return mention.category == system.category


def _record_of(record: Record, system: Mention) -> bool:
    """Tell whether a record is about the valued order's system."""
    if system.weapon is not None:
        return system.weapon.designation in (record.weapon, record.weapon_family)
    return record.category == system.category


def _systems_named(mentions: Sequence[Mention], span: SentenceSpan) -> set[str]:
    """Return the designations of the systems a sentence names."""
    return {m.weapon.designation for m in _mentions_in(mentions, span) if m.weapon is not None}
