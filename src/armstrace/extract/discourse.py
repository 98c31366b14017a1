"""Facts a sentence states only together with the sentences before it.

News adds parties to a fact already told: "Britain was expected to offer the Upholder
submarine. France, West Germany, Italy, Sweden and The Netherlands were also submitting
proposals." The second sentence names no weapon and no buyer; "also" says they are the
ones of the fact before. This module finds such sentences and reads them against the
records of the sentences just before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Token

from armstrace.extract.dates import find_dates
from armstrace.extract.facts import ParsedSentence, Party
from armstrace.extract.lexicon import Lexicon, TriggerWord
from armstrace.extract.mention import Mention
from armstrace.extract.rules import SentenceReader
from armstrace.extract.sentences import SentenceSpan
from armstrace.extract.status import read_status
from armstrace.knowledge import Knowledge
from armstrace.model import Document, Evidence, Record

# Words that add to what was said: "were also submitting proposals", "is interested too".
ADDITION_MARKER = re.compile(r"\b(?:also|too|as well|likewise|similarly)\b", re.IGNORECASE)
# Early-stage words an added party is named with, beyond the transfer trigger stems.
ADDITION_STEMS = re.compile(r"\b(?:interest|propos|bid|tender|consider|seek|sought|want)", re.I)
# Clause relations that put a word outside the sentence's main statement.
SIDE_CLAUSES = frozenset({"relcl", "acl", "advcl", "appos", "parataxis"})
# Words of joint production: "A co-production program with the Japanese is underway".
JOINT_PRODUCTION = re.compile(
    r"\bco-?(?:produc|develop)|\bjoint(?:ly)?\s+(?:produc|develop|venture)|\blicen[cs]ed\s+production",
    re.IGNORECASE,
)
# How many sentences back the fact an addition refers to may have been told.
LOOKBACK_SENTENCES = 2
MAX_ADDITION_CHARS = 300
# An added party is read from the sentence before: less sure than a stated one.
ADDITION_COST = 0.2
# Co-production wording is less settled than a sale's (see extractor.COPRODUCTION_COST).
JOINT_PRODUCTION_COST = 0.1


@dataclass(frozen=True)
class Addition:
    """Parties a sentence adds to an earlier fact, on one side, at one status."""

    parties: tuple[Party, ...]
    side: str  # "supplier" or "recipient"
    status: str


def may_add_parties(
    text: str, span: SentenceSpan, mentions: list[Mention], trigger_stems: re.Pattern[str]
) -> bool:
    """Tell whether a sentence may add parties to a fact before it: a party, an addition
    marker, an early-stage or transfer word, and no weapon of its own."""
    if span.end - span.start > MAX_ADDITION_CHARS:
        return False
    inside = [m for m in mentions if span.start <= m.start < span.end]
    if any(m.is_weapon for m in inside) or not any(m.kind in ("state", "group") for m in inside):
        return False
    if ADDITION_MARKER.search(text, span.start, span.end) is None:
        return False
    return bool(
        trigger_stems.search(text, span.start, span.end)
        or ADDITION_STEMS.search(text, span.start, span.end)
    )


def read_additions(
    sentence: ParsedSentence, reader: SentenceReader, lexicon: Lexicon
) -> Iterator[Addition]:
    """Yield the parties a sentence adds, with the side they take and the status stated."""
    for token, entry in _addition_words(sentence, reader, lexicon):
        reading = read_status(token, entry, lexicon)
        if reading.denied or reading.status is None or reading.status == "cancelled":
            continue
        parties = tuple(p for p in reader.subject_parties(sentence, token) if p.state or p.name)
        if not parties:
            continue
        side = "supplier" if entry.role == "supplier" or _seller_noun(token) else "recipient"
        yield Addition(parties, side, reading.status)
        return  # one addition per sentence: the main statement's


def records_from_addition(
    addition: Addition,
    sentence: ParsedSentence,
    earlier: Record,
    previous_adjacent: bool,
    knowledge: Knowledge,
    document: Document,
) -> Iterator[Record]:
    """Yield the records an addition makes of the fact `earlier` told.

    Added suppliers offer their own products, so the weapon becomes the category's generic
    noun ("proposals" for submarines); added recipients want the same system from the same
    supplier ("Indonesia is also interested").
    """
    end = sentence.start + len(sentence.doc.text)
    start = earlier.evidence.start if previous_adjacent else sentence.start
    evidence = Evidence(document.text[start:end], start, end)
    dates = find_dates(sentence.doc.text, document.published)
    common = dict(
        status=addition.status,
        evidence=evidence,
        quantity=None,
        value=None,
        date=dates[0].date if dates else earlier.date,
        confidence=max(0.05, earlier.confidence - ADDITION_COST),
        extra={"restatement": False, "added_to": earlier.id},
    )
    for party in addition.parties:
        if addition.side == "supplier":
            if (party.state, party.name) == (earlier.supplier, earlier.supplier_name):
                continue
            if party.state is not None and party.state == earlier.recipient:
                continue
            generic = knowledge.generic_weapon(earlier.category)
            yield replace(
                earlier,
                supplier=party.state,
                supplier_name=party.name,
                weapon=generic.output if generic else earlier.weapon,
                weapon_family=None if generic else earlier.weapon_family,
                deal="unknown" if earlier.deal == "donation" else earlier.deal,
                **common,  # type: ignore[arg-type]
            )
        else:
            if (party.state, party.name) == (earlier.recipient, earlier.recipient_name):
                continue
            if party.state is not None and party.state == earlier.supplier:
                continue
            yield replace(
                earlier,
                recipient=party.state,
                recipient_name=party.name,
                **common,  # type: ignore[arg-type]
            )


def _addition_words(
    sentence: ParsedSentence, reader: SentenceReader, lexicon: Lexicon
) -> Iterator[tuple[Token, TriggerWord]]:
    """Yield the main-clause words that state a transfer or a wish, in sentence order."""
    triggers = {
        t.i: (t, e) for t, e in reader.find_triggers(sentence) if e.word_class == "transfer"
    }
    for token in sentence.doc:
        if token.i in triggers:
            found = triggers[token.i]
        else:
            entry = lexicon.lookup_token(token)
            if entry is None or entry.word_class != "governor" or entry.status is None:
                continue
            if entry.status not in ("interest", "planned", "proposed"):
                continue
            if any(t.i in triggers for t in token.subtree if t.i != token.i):
                continue  # "also wants to buy": the buying verb states it
            found = (token, entry)
        if _in_main_clause(found[0]) and _states_its_subjects_act(found[0]):
            yield found


# Nouns whose holder is the seller when submitted or made: "were also submitting proposals".
SELLER_NOUNS = frozenset({"proposal", "offer", "bid"})
# Verbs that take such a noun on the buyer's side: "is also considering offers".
BUYER_VERBS = frozenset({"receive", "consider", "evaluate", "invite", "study", "review", "seek"})


def _seller_noun(token: Token) -> bool:
    return token.lemma_.lower() in SELLER_NOUNS and token.head.lemma_.lower() not in BUYER_VERBS


# Verbs that make their subject the agent of the noun they take: "submitting proposals",
# "expressed interest", "placed an order".
LIGHT_VERBS = frozenset(
    {"submit", "make", "place", "put", "present", "table", "lodge", "file", "express", "show"}
)


def _states_its_subjects_act(token: Token) -> bool:
    """Tell whether the word's subject does what it says: "Turkey also supplied drones",
    "Indonesia is also interested", "France ... were also submitting proposals"; not
    "Germany also criticised the sale", whose subject only talks about it."""
    if token.pos_ in ("VERB", "AUX", "ADJ"):
        return True
    return token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_VERBS


def _in_main_clause(token: Token) -> bool:
    current = token
    while current.head.i != current.i:
        if current.dep_ in SIDE_CLAUSES:
            return False
        current = current.head
    return True


def may_join_production(text: str, span: SentenceSpan, mentions: list[Mention]) -> bool:
    """Tell whether a sentence may tell a joint production of the system just talked about:
    a joint-production word and a party, and no weapon of its own."""
    if span.end - span.start > MAX_ADDITION_CHARS:
        return False
    inside = [m for m in mentions if span.start <= m.start < span.end]
    if any(m.is_weapon for m in inside) or not any(m.kind == "state" for m in inside):
        return False
    return JOINT_PRODUCTION.search(text, span.start, span.end) is not None


def joint_production_of(
    sentence: ParsedSentence,
    reader: SentenceReader,
    lexicon: Lexicon,
    earlier: Record,
    document: Document,
) -> Iterator[Record]:
    """Yield the co-production a sentence tells of the system of `earlier`.

    "Raytheon has won a contract for Patriot missiles ... A co-production program with the
    Japanese is currently underway, the company added": Japan and the system's supplier
    co-produce the Patriot.
    """
    if earlier.weapon_family is None:
        return  # "the program" of a generic weapon names nothing to register
    for token, entry in reader.find_triggers(sentence):
        if entry.word_class != "coproduction" or not _in_main_clause(token):
            continue
        reading = read_status(token, entry, lexicon)
        if reading.denied or reading.status is None:
            return
        states = {
            m.state
            for m in sentence.mentions
            if m.kind in ("state", "company") and m.state is not None
        }
        home = earlier.supplier if earlier.kind == "transfer" else None
        if len(states) == 1 and home is not None:
            states.add(home)  # "with the Japanese", told by the supplier's firm
        if len(states) < 2:
            return
        end = sentence.start + len(sentence.doc.text)
        yield replace(
            earlier,
            kind="coproduction",
            supplier=None,
            recipient=None,
            supplier_name=None,
            recipient_name=None,
            partners=tuple(sorted(states)),
            status=reading.status,
            evidence=Evidence(document.text[sentence.start : end], sentence.start, end),
            quantity=None,
            value=None,
            date=None,
            deal="licence",  # the partners build the system already named: a licence
            confidence=max(0.05, earlier.confidence - ADDITION_COST - JOINT_PRODUCTION_COST),
            extra={"restatement": False, "added_to": earlier.id},
        )
        return
