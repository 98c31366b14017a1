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
from armstrace.extract.facts import Fact, ParsedSentence, Party, WeaponSlot
from armstrace.extract.lexicon import Lexicon, TriggerWord
from armstrace.extract.mention import Mention
from armstrace.extract.rules import SentenceReader
from armstrace.extract.sentences import SentenceSpan
from armstrace.extract.status import read_status
from armstrace.extract.weapon_slots import object_carries_weapon, weapons_in
from armstrace.extract.words import LISTING_VERBS, PACKAGE_NAMING_WORDS, SERVICE_PACKAGE_KINDS
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


# Verbs that say what a batch holds: "It includes four IRIS-T launchers", "The deal
# comprises 96 Apaches", "The donation consists of CV90 vehicles".
CONTENT_VERBS = LISTING_VERBS | {"consist", "feature", "encompass"}
# Nouns a later sentence names a batch of goods told before by: "the deal", "the donation".
BATCH_NOUNS = PACKAGE_NAMING_WORDS | {
    "deal", "sale", "contract", "order", "purchase", "donation", "shipment", "consignment",
    "delivery", "transfer", "agreement", "equipment", "weapon", "arms", "batch", "gift",
}
# Categories of generic goods a listing names that are no items of their own: engines are
# parts of the system listed beside them, "equipment" goods of no kind.
PART_CATEGORIES = frozenset({"engine", "other"})
# Pronouns that may stand for such a batch: "It includes ...", "They will include ...".
BATCH_PRONOUNS = frozenset({"it", "they", "this", "these"})
# Determiners by which a noun names something told before: "the package", "this aid".
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


# Words by which a sentence may list what a batch told before holds (`batch_contents`).
CONTENTS_WORDS = re.compile(
    r"\b(?:includ|contain|compris|consist|feature|encompass|part\s+of\b)", re.IGNORECASE
)


def may_list_contents(text: str, span: SentenceSpan, mentions: list[Mention]) -> bool:
    """Tell whether a sentence may list the goods of a batch told before: a weapon and a
    listing word ("It includes four IRIS-T launchers")."""
    if span.end - span.start > MAX_ADDITION_CHARS:
        return False
    if CONTENTS_WORDS.search(text, span.start, span.end) is None:
        return False
    return any(m.is_weapon and span.start <= m.start < span.end for m in mentions)


@dataclass(frozen=True)
class BatchContents:
    """The goods a sentence lists as held by a batch told before it."""

    verb: Token
    batch: Token  # the pronoun or noun that names the batch again
    items: list[WeaponSlot]


def batch_contents(sentence: ParsedSentence, lexicon: Lexicon) -> BatchContents | None:
    """Return what a sentence says an earlier batch holds, if that is what it says.

    "Germany announced a new aid package for Ukraine. It includes four IRIS-T launchers
    and Gepard guns": the second sentence names no party and no transfer; its subject
    names the package again and its listing verb gives the goods. Also "The deal comprises
    96 Apache helicopters", "The donation consists of CV90 vehicles" and "HIMARS rockets
    are part of the package". Only the main statement counts: "Britain, whose aid includes
    Javelins, ..." says nothing of the batch before.
    """
    for verb in sentence.doc:
        if verb.pos_ not in ("VERB", "AUX") or not _in_main_clause(verb):
            continue
        lemma = verb.lemma_.lower()
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if lemma in CONTENT_VERBS and subjects and _names_batch_again(subjects[0]):
            batch = subjects[0]
            items = [c for c in verb.children if c.dep_ == "dobj"] + [
                o
                for prep in verb.children
                if prep.dep_ == "prep" and prep.lower_ == "of"
                for o in prep.children
                if o.dep_ == "pobj"
            ]
        elif lemma == "be" and subjects:
            batch_of_part = _part_of_batch(verb)
            if batch_of_part is None:
                continue
            batch, items = batch_of_part, subjects
        else:
            continue
        # the items themselves are weapons ("a Hawk flight simulator" is none)
        items = [item for item in items if object_carries_weapon(item, sentence)]
        slots = [
            slot
            for item in items
            for slot in weapons_in(lexicon, sentence, item)
            # "together with engines and other equipment": parts of the system and goods
            # of no kind are no items of their own
            if not (slot.mention.kind == "generic" and slot.mention.category in PART_CATEGORIES)
        ]
        if slots:
            return BatchContents(verb, batch, slots)
    return None


def _names_batch_again(subject: Token) -> bool:
    """Tell whether a subject names a batch told before: "it", "the deal", "this aid",
    never one of its own ("Poland's order", "US aid") or a holder ("the fleet")."""
    if subject.lower_ in BATCH_PRONOUNS:
        return True
    if subject.lemma_.lower() not in BATCH_NOUNS or subject.pos_ != "NOUN":
        return False
    children = list(subject.children)
    kinds = [c for c in children if c.dep_ in ("compound", "amod", "nmod")]
    if any(k.lower_ in SERVICE_PACKAGE_KINDS for c in kinds for k in (c, *c.conjuncts)):
        return False  # "the training and logistic package": services, whatever it lists
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in children)
    owned = any(
        c.dep_ in ("poss", "compound", "amod") and c.pos_ == "PROPN" for c in children
    ) or any(c.dep_ == "poss" for c in children)
    return definite and not owned


def _part_of_batch(verb: Token) -> Token | None:
    """Return the batch noun of "... are part of the package", if the verb says that."""
    for attr in verb.children:
        if attr.dep_ != "attr" or attr.lemma_.lower() != "part":
            continue
        for prep in attr.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and _names_batch_again(noun):
                    return noun
    return None


def contents_fact(contents: BatchContents, earlier: Record) -> Fact:
    """Return the fact a listing states: the goods go the way the batch told before went,
    at its status and on its terms."""
    suppliers = [Party(earlier.supplier, earlier.supplier_name, contents.batch.i, "batch")]
    recipients = [Party(earlier.recipient, earlier.recipient_name, contents.batch.i, "batch")]
    return Fact(
        kind="transfer",
        trigger=contents.verb.i,
        suppliers=[p for p in suppliers if p.state or p.name],
        recipients=[p for p in recipients if p.state or p.name],
        partners=[],
        weapons=contents.items,
        status=earlier.status,
        deal=earlier.deal,
        status_token=contents.verb.i,
        confidence=earlier.confidence,  # each party costs what a batch's party costs
        cues=["contents"],
    )


def as_contents_of(record: Record, earlier: Record, previous_adjacent: bool,
                   document: Document) -> Record:
    """Give a record read off a listing the evidence and date of the batch it lists: the
    two sentences together when they are adjacent, the batch's date where the listing
    gives none."""
    start = earlier.evidence.start if previous_adjacent else record.evidence.start
    end = record.evidence.end
    return replace(
        record,
        evidence=Evidence(document.text[start:end], start, end),
        date=record.date or earlier.date,
        extra={**record.extra, "added_to": earlier.id},
    )


def with_parallel_recipient(
    fact: Fact, sentence: ParsedSentence, beside: list[Record]
) -> Fact | None:
    """Return a fact that names suppliers but no recipient with the recipient of the facts
    told beside it at the same stage, when they all have one.

    "Germany halted arms exports to Turkey; the Netherlands and Norway have frozen new
    licences": the second clause halts what the first did, for the same buyer. Only a
    transfer of the sentence's main statement whose suppliers are not that recipient, and
    only one recipient among the records of its sentence at that status; never a word
    inside the weapon's own phrase ("American-made Javelin missiles" says who made them).
    """
    if fact.kind != "transfer" or fact.recipients or not fact.suppliers or fact.status is None:
        return None
    phrases = {
        t.i for w in fact.weapons if w.head != fact.trigger for t in sentence.doc[w.head].subtree
    }
    if fact.trigger in phrases or not _in_main_clause(sentence.doc[fact.trigger]):
        return None
    recipients = {
        (r.recipient, r.recipient_name)
        for r in beside
        if r.kind == "transfer" and r.status == fact.status
    }
    if len(recipients) != 1:
        return None
    ((state, name),) = recipients
    if state is not None and any(p.state == state for p in fact.suppliers):
        return None
    return replace(fact, recipients=[Party(state, name, fact.trigger, "parallel")])
