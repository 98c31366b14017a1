"""Turn a sentence's facts into Records: one per supplier, recipient and weapon.

Parties are resolved (coreference.py), the date (fact_dates.py), value and count read off
the sentence; a generic weapon takes the system named just before, a supplier-less named
system its producer, a recipient-less offer the buyer just named; co-production needs two
states; confidence pays for each inference and hedge.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Token

from armstrace.extract.context import (
    ORIGIN_SUFFIX,
    ArticleContext,
    buyer_before,
    find_sole_buyer,
    is_definite,
    only_system_named,
    package_parties_before,
    served_before,
)
from armstrace.extract.coreference import resolve
from armstrace.extract.fact_counts import count_of
from armstrace.extract.fact_dates import date_of, period_end_of
from armstrace.extract.fact_values import value_of
from armstrace.extract.facts import Fact, ParsedSentence, Party, WeaponSlot
from armstrace.extract.mention import Mention
from armstrace.extract.open_class import product_line
from armstrace.extract.parties import own_prep_parties
from armstrace.extract.producers import producer_party, same_industry
from armstrace.extract.status import status_evidence
from armstrace.extract.weapon_slots import elided_sources
from armstrace.extract.words import (
    FEELING_VERBS,
    INTERDICTION_VERBS,
    ORGAN_NOUNS,
    PACKAGE_NAMING_WORDS,
    PRODUCTION_WORDS,
    REPORTING_VERBS,
    STOPPING_VERBS,
)
from armstrace.knowledge import WeaponSystem
from armstrace.model import PERIOD_END, Evidence, Record

# Words that make a vague noun ("equipment", "jets", "rockets") military.
MILITARY_CUE = re.compile(
    r"\b(?:military|defen[cs]e|arms|weapons?|army|armies|navy|naval|air\s+force|missiles?|"
    r"armed\s+forces|troops|combat|fighter|warplanes?|munitions|ammunition|artillery|arsenal|inventory)\b",
    re.IGNORECASE,
)
# How far around a sentence a military word vouches for an ambiguous weapon noun ("tanks",
# "jets"): the article's neighbouring sentences say what kind of tanks these are.
CUE_REACH = 400
CIVIL_TANK = re.compile(
    r"\b(?:fuel|oil|gas|water|storage|septic|think|fish|petrol|diesel|propane|oxygen)\s+tanks?\b",
    re.IGNORECASE,
)
# Words that make what follows a claim rather than an established fact.
HEDGES = re.compile(
    r"\b(?:alleg\w*|claim\w*|accus\w*|evidence|suspect\w*|reportedly|rumou?r\w*|purported\w*)\b",
    re.IGNORECASE,
)
HEDGE_COST = 0.2
# Co-production is told with less settled wording than a sale (who builds what, and whether
# "will assemble" is a plan or an order): on the dev set 11 of 13 co-production records
# were right against 54 of 56 transfers, so they start lower.
COPRODUCTION_COST = 0.1
# A co-production partner taken from the catalogue's producer, not from the text.
PRODUCER_PARTNER_COST = 0.15
# How a party named as a firm (or "the company") is read: such a supplier sells.
COMPANY_PARTIES = frozenset({"company", "company-fallback", "company-description"})
LICENCE_MENTION = re.compile(r"\blicen[cs](?:e|ed|ing)\b", re.IGNORECASE)
# A sentence framed by a deal told before: its generic nouns are that deal's systems.
EARLIER_DEAL_FRAME = re.compile(
    r"\b(?:under|as part of|through) (?:the|this|that) (?:contract|deal|agreement|order)\b",
    re.IGNORECASE,
)
# Wording that says a transfer goes to buyers the text does not name.
UNNAMED_BUYERS = re.compile(
    r"\b(?:foreign military sales?|(?:foreign|export|overseas|unnamed|undisclosed|"
    r"unidentified)\s+(?:customers?|buyers?|clients?|countries|nations?|governments?)|"
    r"buyer it (?:did|would) not (?:name|identify)|(?:several|other|U\.S\.|American)\s+allies)\b",
    re.IGNORECASE,
)
# Stages at which a transfer without a stated buyer goes to the article's one buyer.
SOLE_BUYER_STATUSES = frozenset({"planned", "ordered", "delivered", "cancelled"})


def _sure_weapon_beside(mention: Mention, mentions: Sequence[Mention]) -> bool:
    """Whether the sentence names another weapon that is one in any text ("5,000 rockets
    and 1,002 bombs", "jets and Hellfire missiles"): it tells what kind of rockets or jets
    these are, as a military word nearby does."""
    return any(
        other.is_weapon
        and other is not mention
        and other.category != "other"
        and not other.needs_context
        and not (other.generic is not None and other.generic.needs_context)
        for other in mentions
    )


def _home_of_product(supplier: Party, system: WeaponSystem | None) -> Party:
    """Return a multinational supplier as the home state that makes the system: "CAMM
    missiles from MBDA" come from Britain, "CV90s from BAE Systems" from Sweden."""
    if len(supplier.home_states) < 2 or system is None:
        return supplier
    making = [state for state in system.producers if state in supplier.home_states]
    return replace(supplier, state=making[0]) if making else supplier


def _paired_recipients(slots: list[WeaponSlot], recipients: list[Party]) -> dict[int, list[Party]]:
    """Pair each weapon with the recipient written right after it, when a sentence lists
    them in turn: "sales of 72 F-15QA fighters to Qatar and of 40 Super Hornets to
    Kuwait", "F-16s to Turkey and Mirages to Greece". Returns nothing unless the weapons
    and the recipients alternate one by one, so a list of weapons for a list of buyers
    ("tanks and howitzers to Poland and Romania") keeps every pair."""
    named = list({p.token: p for p in recipients if p.token is not None}.values())
    if len(slots) < 2 or len(named) != len(slots):
        return {}
    weapons = sorted(slots, key=lambda slot: slot.head)
    parties = sorted(named, key=lambda party: party.token or 0)
    written = sorted([slot.head for slot in weapons] + [party.token or 0 for party in parties])
    pairs = list(zip(weapons, parties, strict=True))
    in_turn = [position for slot, party in pairs for position in (slot.head, party.token)]
    if written != in_turn:
        return {}
    return {slot.head: [party] for slot, party in pairs}


def records_from(
    fact: Fact, sentence: ParsedSentence, context: ArticleContext, guess: bool = False
) -> Iterator[Record]:
    """Return the records a fact states; an undated one keeps the span its text places it
    in ("bought in the 1990s"), which the merge reads (`model.PERIOD_END`).

    With `guess`, a party that neither the parse nor the article gives is guessed from
    the states the sentence names (`states_in_sentence`): the extractor asks for that
    only of a fact that gave no record otherwise.
    """
    period_end = period_end_of(fact, sentence)
    for record in _records_of_fact(fact, sentence, context, guess):
        if period_end is not None and record.date is None:
            record = replace(record, extra={**record.extra, PERIOD_END: period_end})
        yield record


# How many words either side of a trigger the models read as its own context.
TRIGGER_WINDOW = 3


def trigger_window(trigger: Token) -> tuple[str, ...]:
    """Return the common words either side of a trigger ("has not yet", "to Ukraine of"):
    what sets one candidate of a long sentence apart from the others, where the sentence's
    words (scoring.py) are the same for all. Names and numbers are left out."""
    doc = trigger.doc
    window = doc[max(0, trigger.i - TRIGGER_WINDOW) : trigger.i + TRIGGER_WINDOW + 1]
    return tuple(
        dict.fromkeys(
            f"{'before' if word.i < trigger.i else 'after'}:{word.lower_}"
            for word in window
            if word.i != trigger.i and word.is_alpha and word.is_lower
        )
    )


def _records_of_fact(
    fact: Fact, sentence: ParsedSentence, context: ArticleContext, guess: bool
) -> Iterator[Record]:
    if fact.status is None and fact.kind == "coproduction":
        return
    doc = sentence.doc
    # what every record of the fact tells the models (scoring.py) of its words
    fact_words = {
        "trigger": doc[fact.trigger].lemma_.lower(),
        "status_evidence": status_evidence(doc[fact.trigger]),
        "trigger_window": trigger_window(doc[fact.trigger]),
    }
    suppliers = resolve(fact.suppliers, sentence, context, fact.recipients, role="supplier")
    recipients = resolve(fact.recipients, sentence, context, suppliers, role="recipient")
    partners = resolve(fact.partners, sentence, context, [])
    end = sentence.start + len(doc.text)
    # the document's own characters: the parser saw line breaks and tags as spaces
    evidence = Evidence(context.document.text[sentence.start : end], sentence.start, end)
    date = date_of(fact, sentence, context)

    shared_origins = _shared_origins(fact, sentence)
    frame = EARLIER_DEAL_FRAME.search(doc.text)
    framed = frame is not None
    sold_under = frame is not None and frame.group(0).split()[-1].lower() != "agreement"
    slots: list[tuple[WeaponSlot, bool]] = []
    for slot in fact.weapons:
        slot = same_type(slot, context)
        if not slot.origins and slot.head in shared_origins:
            # "Turkish drones and armoured vehicles": the adjective covers both
            slot = replace(slot, origins=shared_origins[slot.head])
        anaphoric = False
        if not slot.origins:
            # "Under the contract, it will provide missiles": the contract's system
            resolved_slot = named_antecedent(slot, context, framed)
            anaphoric = resolved_slot is not slot
            slot = resolved_slot
        if fact.kind == "coproduction":
            slot = named_after(slot, context, {p.state for p in partners if p.state})
        slots.append((slot, anaphoric or slot.anaphoric))
    if any(slot.mention.kind == "weapon" for slot, _ in slots):
        # "missiles and associated hardware" once the missiles are named: the hardware
        # goes with them
        slots = [
            (slot, anaphoric)
            for slot, anaphoric in slots
            if not (slot.mention.kind == "generic" and slot.mention.category == "other")
        ]
    paired = _paired_recipients([slot for slot, _ in slots], recipients)
    for slot, anaphoric in slots:
        system = slot.mention.weapon
        generic = slot.mention.generic
        quantity = count_of(fact, slot, sentence)
        value = value_of(fact, sentence, slot.head)
        confidence = fact.confidence
        if HEDGES.search(doc.text, 0, doc[fact.trigger].idx):
            # "said there was strong evidence Thatcher approved the sale": a claim
            confidence -= HEDGE_COST
        if generic is not None and generic.needs_context:
            text = context.document.text
            # "equipment" needs the cue in its own sentence; "tanks" or "jets" nearby
            reach = 0 if generic.category == "other" else CUE_REACH
            start = max(0, sentence.start - reach)
            nearby = MILITARY_CUE.search(text, start, sentence.start + len(doc.text) + reach)
            if CIVIL_TANK.search(text, max(0, slot.mention.start - 12), slot.mention.end):
                continue  # "fuel tanks", "storage tanks"
            # "froze the delivery of bombs to Israel": munitions one state sends another
            between_states = generic.category == "ammunition" and (
                any(p.state for p in suppliers) and any(p.state for p in recipients)
            )
            if (
                nearby is None
                and not between_states
                and not any(m.kind == "group" for m in sentence.mentions)
                and not _sure_weapon_beside(slot.mention, sentence.mentions)
            ):
                continue  # "power plant equipment", "jets" with nothing military nearby
            confidence -= 0.1
        weapon_name = system.designation if system else generic.output  # type: ignore[union-attr]
        # a system no catalogue knows has its name's product line ("Kestrel 4" -> Kestrel)
        family = (system.family or product_line(system.designation)) if system else None
        category = system.category if system else generic.category  # type: ignore[union-attr]
        base: dict[str, Any] = dict(
            weapon=weapon_name,
            weapon_family=family,
            category=category,
            evidence=evidence,
            document=context.document,
            quantity=quantity,
            value=value,
            date=date,
            # "to supply ... submarines at a cost of up to 2.9 billion dlrs": a price is paid
            # "under the contract, it will provide": a contract is a sale
            deal="sale"
            if fact.deal == "unknown" and (value is not None or sold_under)
            else fact.deal,
        )
        if fact.kind == "coproduction":
            states = sorted({p.state for p in [*partners, *slot.origins] if p.state})
            if len(states) == 1 and system is not None and system.producers:
                if same_industry(states[0], system.producers[0]):
                    continue  # Russia building a Soviet design is its own industry
                states = sorted({*states, system.producers[0]})
                confidence -= PRODUCER_PARTNER_COST  # the second partner is inferred
            if len(states) < 2:
                continue
            yield Record(
                kind="coproduction",
                partners=tuple(states),
                status=fact.status or "proposed",
                confidence=confidence - COPRODUCTION_COST - _inference_cost(partners),
                extra={
                    "generic": system is None,
                    **fact_words,
                },
                **{
                    **base,
                    "deal": _coproduction_deal(system, states, doc[fact.trigger], doc.text),
                },
            )  # type: ignore[arg-type]
            continue
        slot_suppliers = suppliers or list(slot.origins)
        others_origins = {p.token for o in fact.weapons if o is not slot for p in o.origins}
        if slot.origins and suppliers and all(p.token in others_origins for p in suppliers):
            # "flies Chinese-made K-8 jets and Russian-built MiG-29s": the supplier read
            # for the fact is the first item's maker; each item keeps its own
            slot_suppliers = list(slot.origins)
        if slot.sources:
            slot_suppliers = list(slot.sources)
        else:
            # a supplier another weapon of the fact claims with its own "from" is not this
            # one's: "Mirage jets from France and more F-16s from the Netherlands"
            claimed = {p.state for other in fact.weapons for p in other.sources}
            unclaimed = [p for p in slot_suppliers if p.state not in claimed]
            slot_suppliers = unclaimed or slot_suppliers
        if slot_suppliers and len(fact.weapons) == 1:
            # "12 Typhoons from Qatar and another 12 from Oman": more from another seller
            known = {p.state for p in slot_suppliers}
            slot_suppliers += [
                p for p in elided_sources(sentence, doc[slot.head]) if p.state not in known
            ]
        if (
            system is not None
            and system.producers
            and slot_suppliers
            and all(p.how == "company-fallback" for p in slot_suppliers)
            and not any(
                same_industry(p.state, q) for p in slot_suppliers for q in system.producers
            )
        ):
            slot_suppliers = []  # a firm named nearby that does not make the system
        if not slot_suppliers and system is not None:
            published = context.document.published
            producer = producer_party(system, slot.head, published.year if published else None)
            slot_suppliers = [producer] if producer else []
        if not slot_suppliers and system is None:
            # "Qatar ordered 24 Rafale jets along with a frigate": goods no catalogue names
            # come with the named systems of the same order, from their one maker
            slot_suppliers = _makers_of_the_rest(fact, context)
        slot_recipients = paired.get(slot.head, list(recipients))
        if len(slot_recipients) > 1:
            # "arms sales to Saudi Arabia and the UAE, including the F-35 package for Abu
            # Dhabi": an item with a buyer of its own goes to that one
            slot_recipients = _own_buyers(slot, sentence, slot_recipients) or slot_recipients
        if not slot_recipients and not _agents_of(doc[fact.trigger], slot_suppliers):
            slot_suppliers, slot_recipients = _maker_and_buyers(system, slot_suppliers)
        if not slot_recipients and _names_package_again(doc[fact.trigger]):
            told = package_parties_before(context)
            if told is not None:
                # "The US announced a new aid package for Ukraine. The package includes
                # Patriot interceptors": the parties of the package told just before
                announcers, slot_recipients = told
                if announcers and all(p.how == "producer" for p in slot_suppliers):
                    slot_suppliers = announcers
        if not slot_recipients and slot_suppliers and fact.status == "proposed":
            # "approached six countries to supply submarines. ... Britain was expected to
            # offer the Upholder submarine": an offer answers the buyer just named
            buyer = buyer_before(category, context)
            if buyer:
                slot_recipients = [buyer[0]]
                # the same report goes on: "Jane's said last October ... It said Britain
                # was expected to offer the Upholder"
                base["date"] = base["date"] or buyer[1]
        if (
            not slot_recipients
            and slot_suppliers
            and system is not None
            and fact.status in SOLE_BUYER_STATUSES
        ):
            # "Britain has said it will send M270 launchers" in an article whose every
            # transfer so far goes to Ukraine: the buyer the article is about
            sole_buyer = find_sole_buyer(context)
            if sole_buyer is not None and all(
                p.state != sole_buyer.state for p in slot_suppliers
            ):
                slot_recipients = [sole_buyer]
        if not slot_suppliers and fact.status == "interest" and slot_recipients:
            named = only_system_named(slot, context) if system is None else None
            producer = (
                producer_party(
                    named,
                    slot.head,
                    context.document.published.year if context.document.published else None,
                )
                if named is not None
                else None
            )
            if named is not None and producer is not None and is_definite(slot, context):
                # "Vietnam and Indonesia have been reported to be interested in the
                # missile": the one missile the article is about
                system, slot_suppliers = named, [producer]
                base.update(
                    weapon=named.designation,
                    weapon_family=named.family,
                    category=named.category,
                )
            else:
                # "The Dutch seek 50 new army helicopters": a buyer's wish before any
                # seller is in view is the register's earliest stage; supplier unknown
                slot_suppliers = [Party(None, None, -1, "unknown")]
        if (
            not slot_suppliers
            and slot_recipients
            and context.home_state is not None
            and doc[fact.trigger].pos_ == "NOUN"
            and doc[fact.trigger].lemma_.lower() in HOME_SALE_NOUNS
            and all(r.state not in (None, context.home_state) for r in slot_recipients)
        ):
            # "WASHINGTON - ... the investigation of the sale of arms to Iran": a sale the
            # wire's home state's story is about, the seller unsaid; the record model
            # weighs this guess by the "how:supplier:home" feature, and by whether another
            # state in the sentence ("the U.S. Tower Commission report") might be the seller
            slot_suppliers = [Party(context.home_state, None, -1, "home")]
            others = {m.state for m in sentence.mentions if m.is_party} - {
                context.home_state, *(r.state for r in slot_recipients)
            }
            if others:
                slot_suppliers = [Party(context.home_state, None, -1, "home-contested")]
        # Any other transfer whose supplier neither the text nor the catalogue gives is
        # too vague to register (precision first): "Serbia would buy drones elsewhere".
        if anaphoric and not slot_recipients and system is not None:
            # "The jets ... will be delivered from 2027": the transfer named before
            earlier = [
                r
                for r in context.records
                if r.kind == "transfer" and r.weapon == system.designation
            ]
            if earlier:
                last = earlier[-1]
                slot_recipients = [Party(last.recipient, last.recipient_name, -1, "topic")]
                if not slot_suppliers and last.supplier:
                    slot_suppliers = [Party(last.supplier, None, -1, "topic")]
        if (
            guess
            and not slot_recipients
            and slot_suppliers
            and fact.kind == "transfer"
            and not _struck_at(doc[slot.head])
        ):
            # "Thailand's cabinet approved the purchase of four Gripens from Sweden's Saab":
            # the buyer is a state the sentence names in no role the parse could read;
            # the record model weighs the guess by how near and how placed the state is
            slot_recipients = served_before(slot_suppliers, context) or states_in_sentence(
                sentence, fact.trigger, {p.state for p in slot_suppliers}, context, "recipient"
            )
        elif guess and not slot_suppliers and slot_recipients and fact.kind == "transfer":
            # "howitzers sold to Poland, South Korea's acquisition agency says": the seller
            slot_suppliers = states_in_sentence(
                sentence, fact.trigger, {p.state for p in slot_recipients}, context, "supplier"
            )
        if all(r.state in {p.state for p in slot_suppliers} for r in slot_recipients) and (
            UNNAMED_BUYERS.search(doc.text)
        ):
            # "foreign military sales of the F-16", "to several U.S. allies": a transfer
            # to buyers the text does not name
            slot_recipients.append(Party(None, None, -1, "unnamed"))
        if system is not None and any(p.how == "producer" for p in slot_suppliers):
            # "Eurofighters flown by Britain and Italy": a partner in the programme
            # operating it received nothing
            slot_recipients = [
                r
                for r in slot_recipients
                if not any(same_industry(r.state, q) for q in system.producers)
            ]
        for supplier in slot_suppliers:
            for recipient in slot_recipients:
                if recipient.how == "unnamed":
                    yield Record(
                        kind="transfer",
                        supplier=supplier.state,
                        supplier_name=supplier.name,
                        status=fact.status or "delivered",
                        confidence=max(0.05, confidence - 0.2 - _inference_cost([supplier])),
                        extra={
                            "restatement": fact.status is None,
                            "supplier_how": supplier.how,
                            "recipient_how": "unnamed",
                            "generic": system is None,
                            "weapon_nearby": slot.nearby,
                            **fact_words,
                        },
                        **base,  # type: ignore[arg-type]
                    )
                    continue
                if recipient.state is None and recipient.name is None:
                    continue
                if supplier.state and supplier.at_home_in(recipient.state):
                    continue  # "Germany orders Eurofighters from Airbus": bought at home
                supplier = _home_of_product(supplier, system)
                if supplier.name and supplier.name == recipient.name:
                    continue
                if _in_symmetric_deal(doc[fact.trigger]):
                    supplier, recipient = _producer_supplies(system, supplier, recipient)
                cost = _inference_cost([supplier, recipient])
                deal = base["deal"]
                if deal == "unknown" and supplier.how in COMPANY_PARTIES:
                    deal = "sale"  # a firm's shipments are sales: "Bofors ... arms to Iran"
                yield Record(
                    kind="transfer",
                    supplier=supplier.state,
                    supplier_name=supplier.name,
                    recipient=recipient.state,
                    recipient_name=recipient.name,
                    status=fact.status or "delivered",
                    confidence=max(0.05, confidence - cost),
                    extra={
                        "restatement": fact.status is None,
                        "supplier_inferred": supplier.how in INFERRED_SUPPLIER_HOWS,
                        # how each party and the status were read: features of the
                        # record model (scoring.py)
                        "supplier_how": supplier.how,
                        "recipient_how": recipient.how,
                        "generic": system is None,
                        "weapon_nearby": slot.nearby,
                        **fact_words,
                    },
                    **{**base, "deal": deal},  # type: ignore[arg-type]
                )


# Verbs of what is done to weapons by their enemy: the weapons' subject is struck, not held
STRUCK_VERBS = frozenset(
    {"shoot", "down", "intercept", "destroy", "seize", "capture", "hit", "jam", "sink"}
)


def _struck_at(weapon: Token) -> bool:
    """Tell whether weapons are the passive subject of a verb of striking them ("drones
    supplied by Iran were shot down over Kyiv"): the place named is where they fell, and
    no state of the sentence is guessed to be their buyer."""
    return weapon.dep_ == "nsubjpass" and weapon.head.lemma_.lower() in STRUCK_VERBS


def _names_package_again(trigger: Token) -> bool:
    """Tell whether a trigger is a package named again with no parties of its own: "the
    package", "this tranche", "the aid" (never "Denmark's package", "US aid")."""
    if trigger.pos_ != "NOUN" or trigger.lower_ not in PACKAGE_NAMING_WORDS:
        return False
    children = list(trigger.children)
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children)
    owned = any(c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" for c in children)
    return definite and not owned


# Transfer nouns whose unsaid seller may be the state a dateline's story is about.
HOME_SALE_NOUNS = frozenset({"sale", "shipment", "export", "transfer", "delivery"})


# Words whose sides the text does not order: "South Korea signs a contract with Poland".
SYMMETRIC_DEAL_WORDS = frozenset(
    {"contract", "deal", "agreement", "accord", "pact", "memorandum", "mou", "letter", "sign",
     "talk", "negotiate", "negotiation"}  # "Ankara has held talks with Saudi Arabia about
    # the KAAN": Turkey sells
)


def _in_symmetric_deal(trigger: Token) -> bool:
    """Tell whether a trigger is a deal's word whose sides the words do not order, or the
    goods of one: "Vietnam is in talks with India over the sale of BrahMos missiles"."""
    return any(
        word.lemma_.lower() in SYMMETRIC_DEAL_WORDS
        for word in (trigger, *list(trigger.ancestors)[:3])
    )


# How a supplier named by no word of the text was inferred: a system's maker, its origin.
INFERRED_SUPPLIER_HOWS = frozenset({"producer", "package-maker", "origin"})


def _own_buyers(slot: WeaponSlot, sentence: ParsedSentence, recipients: list[Party]) -> list[Party]:
    """Return those of `recipients` the item's own "for" or "to" names, if any."""
    noun = sentence.doc[slot.head]
    while noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head  # "the F-35 package for Abu Dhabi"
    own = {party.state for party in own_prep_parties(sentence, noun, ("for", "to")) if party.state}
    return [p for p in recipients if p.state in own]


def _makers_of_the_rest(fact: Fact, context: ArticleContext) -> list[Party]:
    """Return the one producing state of the catalogued systems a fact names, as the
    supplier of its other goods; none where they have two makers or no catalogued one."""
    published = context.document.published
    year = published.year if published else None
    makers = {
        producer.state: producer
        for slot in fact.weapons
        if slot.mention.weapon is not None
        and (producer := producer_party(slot.mention.weapon, slot.head, year)) is not None
    }
    if len(makers) != 1:
        return []
    (maker,) = makers.values()
    return [replace(maker, how="package-maker")]


def _maker_and_buyers(
    system: WeaponSystem | None, sides: list[Party]
) -> tuple[list[Party], list[Party]]:
    """Split the states a sale's one side names into its seller and its buyers.

    "Britain and Saudi Arabia held talks on the sale of 48 Typhoon jets": the verb's
    coordinated subject is both sides of the sale; the one state that makes the system
    sells it to the others; "Romania and Germany's Rheinmetall sign a deal for 298 Lynx
    vehicles": a firm of the maker's state is the seller. Unchanged unless exactly one
    named state or firm is a maker and another named state is not (two makers, or none,
    leave the sale's direction unsaid).
    """
    if system is None or not system.producers:
        return sides, []
    named = [p for p in sides if p.state and p.how in ("named", "leader", "company")]
    makers = [p for p in named if p.state in system.producers]
    buyers = [p for p in named if p.state not in system.producers and p.how != "company"]
    if len(makers) != 1 or not buyers or len(named) != len(sides):
        return sides, []
    return makers, buyers


def _agents_of(trigger: Token, parties: list[Party]) -> bool:
    """Tell whether the parties are the agents of a passive trigger: "supplied by Germany,
    the United States and the Netherlands" names suppliers only, not a maker and buyers."""
    agents = {t.i for c in trigger.children if c.dep_ == "agent" for t in c.subtree}
    return bool(agents) and all(p.token in agents for p in parties)


def _producer_supplies(
    system: WeaponSystem | None, supplier: Party, recipient: Party
) -> tuple[Party, Party]:
    """Put the system's maker on the supplying side when the text's roles say otherwise.

    "South Korea signs a contract with Poland for 180 K2 tanks": a contract's sides are
    symmetric in the words, and the one that makes the K2 sells it. Only when exactly one
    side is a producer state and both sides are states the text names (the other side
    may be the state named nearest in the sentence: "Vietnam is in talks with India over
    the sale of BrahMos missiles").
    """
    if system is None or not system.producers:
        return supplier, recipient
    if supplier.how not in ("named", "leader") or recipient.how not in (
        "named", "leader", "sentence-near"
    ):
        return supplier, recipient
    if recipient.state in system.producers and supplier.state not in system.producers:
        return recipient, supplier
    return supplier, recipient


def same_type(slot: WeaponSlot, context: ArticleContext) -> WeaponSlot:
    """Resolve "drones of the same type" to the system last named in that category."""
    if not slot.same_type_as_previous or slot.mention.weapon is not None:
        return slot
    category = slot.mention.category
    for mention in reversed(context.mentions):
        if mention.start >= slot.mention.start:
            continue
        if mention.kind == "weapon" and mention.category == category:
            return replace(slot, mention=mention)
    return slot


def named_antecedent(slot: WeaponSlot, context: ArticleContext, framed: bool = False) -> WeaponSlot:
    """Resolve a generic noun with no stated supplier to the system named just before.

    "Dassault has suspended deliveries of its Mirage fighter jets ... the last six of 20
    fighters ordered by Cairo": the fighters are Mirages. Only a system named in the
    same or the previous two sentences, of the same category, counts.
    """
    if slot.mention.kind != "generic":
        return slot
    if not framed and not is_definite(slot, context):
        return slot  # "the country's own fighter plane" names no earlier system
    index = next((i for i, s in enumerate(context.sentences) if s == context.sentence), 0)
    window_start = context.sentences[max(0, index - 2)].start
    category = slot.mention.category
    # "the weapons", "the equipment" name no category: any system fits them
    fits = (lambda m: True) if category == "other" else (lambda m: m.category == category)
    named_before = [
        m
        for m in context.mentions
        if m.kind == "weapon" and m.start < slot.mention.start and fits(m)
    ]
    in_window = [m for m in named_before if m.start >= window_start]
    # "Brazil selected the Gripen ..., beating the Rafale and the Super Hornet. Embraer will
    # assemble 15 of the jets": a system the article has told a transfer of comes first
    told = {r.weapon for r in context.records}
    preferred = [m for m in in_window if m.weapon and m.weapon.designation in told]
    if preferred or in_window:
        return replace(slot, mention=(preferred or in_window)[-1])
    # Further back, "the weapons" of an article about one system are that system:
    # "Raytheon has been awarded a contract for Patriot missiles ... Japan has chosen
    # the weapons". A noun of a category ("the drones") may be other drones.
    families = {m.weapon.family or m.weapon.designation for m in named_before if m.weapon}
    if category == "other" and len(families) == 1:
        return replace(slot, mention=named_before[-1])
    return slot


# How many sentences on a development's generic system may be named (the lead's "a new
# combat jet", then "The Global Combat Air Programme, or GCAP, brings together ...").
NAMED_AFTER_SENTENCES = 4


def named_after(slot: WeaponSlot, context: ArticleContext, developers: set[str]) -> WeaponSlot:
    """Resolve a new system a co-production names generically to the system the text names
    after it, made by the developing states themselves.

    "Japan, Britain and Italy would jointly develop a new combat jet ... The Global Combat
    Air Programme, or GCAP, brings together ...": the jet is the GCAP, whose makers are the
    three. Only an indefinite noun (not "the jet", which points back), a system of its
    category named in the next few sentences, and one whose makers include every developer.
    """
    if slot.mention.kind != "generic" or len(developers) < 2 or is_definite(slot, context):
        return slot
    index = next((i for i, s in enumerate(context.sentences) if s == context.sentence), 0)
    last = context.sentences[min(len(context.sentences) - 1, index + NAMED_AFTER_SENTENCES)]
    for mention in context.mentions:
        system = mention.weapon
        if (
            mention.kind == "weapon"
            and system is not None
            and context.sentence.end <= mention.start < last.end
            and system.category == slot.mention.category
            and developers <= set(system.producers)
        ):
            return replace(slot, mention=mention)
    return slot


def _shared_origins(fact: Fact, sentence: ParsedSentence) -> dict[int, tuple[Party, ...]]:
    """Map each origin-less weapon coordinated with one that has origins to those origins."""
    shared: dict[int, tuple[Party, ...]] = {}
    for slot in fact.weapons:
        if not slot.origins:
            continue
        for other in fact.weapons:
            conjunct = sentence.doc[other.head]
            if not other.origins and conjunct.dep_ == "conj" and conjunct.head.i == slot.head:
                shared[other.head] = slot.origins
    return shared


def _coproduction_deal(
    system: WeaponSystem | None, states: list[str], trigger: Token, text: str
) -> str:
    """Return a co-production's deal: a licence when a partner produces another's design
    ("the Hawk co-produced by BAe and Swiss industry", "Egypt would build the M-1A1") or the
    text says so; joint development of a new system ("a deal to develop Turkish fighter
    jets") and cooperation talks ("a memorandum dealing with the Apache") are unknown."""
    producing = trigger.lower_ in PRODUCTION_WORDS or trigger.lemma_.lower() in PRODUCTION_WORDS
    if producing and system is not None and system.producers:
        designer = system.producers[0]
        if any(not same_industry(state, designer) for state in states):
            return "licence"
    return "licence" if LICENCE_MENTION.search(text) else "unknown"


# How many states a sentence-level guess may propose for a missing party (nearest first).
SENTENCE_GUESSES = 1


def states_in_sentence(
    sentence: ParsedSentence,
    trigger: int,
    exclude: set[str | None],
    context: ArticleContext,
    role: str,
) -> list[Party]:
    """Return the states the sentence names as actors, other than `exclude`, nearest the
    trigger first, as guesses for a party the parse left unread.

    Left out: a state that tells a weapon's origin ("Russian S-400", "Iranian-made
    missiles") and a state adjective on a noun that is no state organ ("Kuwaiti tankers").
    The `how` of the guess says where it stands: in the subject of the trigger's clause or
    of the verb that reports it ("sentence-subject"), after a preposition of place
    ("sentence-place"), or elsewhere ("sentence-near"); the record model learns from it
    how often each is right. No supplier is guessed from the subject of a verb that reports
    or stops the transfer ("Serbia's president said the delivery of drones to Kosovo ...",
    "Egypt blocked a shipment of rifles to Libya"): a speaker or a stopper is no sender.
    """
    doc = sentence.doc
    text = context.document.text
    subjects = _subject_tokens(doc[trigger])
    found: dict[str, tuple[int, str]] = {}
    for head, mention in sentence.mention_heads.items():
        if mention.kind not in ("state", "leader") or not mention.state:
            continue
        if mention.state in exclude:
            continue
        if ORIGIN_SUFFIX.match(text, mention.end):
            continue  # "Chinese-made": where a weapon was made
        token = doc[head]
        modified = sentence.mention_heads.get(token.head.i)
        if token.dep_ in ("amod", "compound", "nmod") and modified and modified.is_weapon:
            continue  # "Russian S-400": the weapon's origin
        if mention.form == "adjective" and token.head.lemma_.lower() not in ORGAN_NOUNS:
            continue  # "Kuwaiti tankers": no actor
        if role == "supplier" and subjects.get(head) in NO_SENDER_VERBS:
            continue  # a speaker or a stopper as the sender
        if (
            role == "supplier"
            and token.dep_ == "pobj"
            and token.head.lower_ in TRANSIT_PREPOSITIONS
        ):
            continue  # "weapons reached the rebels via Jordan": a route, no sender
        if token.dep_ == "dobj" and token.head.lemma_.lower() in FEELING_VERBS:
            continue  # "the delivery angered Israel": who reacts is no party
        if head in subjects:
            place = "subject"
        elif token.dep_ == "pobj" and token.head.lemma_.lower() in PLACE_PREPOSITIONS:
            place = "place"  # "arrived at an air base near Ankara"
        else:
            place = "near"
        distance = abs(head - trigger)
        if mention.state not in found or distance < found[mention.state][0]:
            found[mention.state] = (distance, place)
    ranked = sorted(found.items(), key=lambda item: (item[1][1] != "subject", item[1][0]))
    return [
        Party(state, None, -1, f"sentence-{place}")
        for state, (_, place) in ranked[:SENTENCE_GUESSES]
    ]


# Prepositions that place an event: a state after one is where it happens, which may be
# where the weapons went ("near Ankara") or only where they were used ("in Yemen").
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "off", "over", "into", "inside", "across"})


# Prepositions of a route: "via Jordan", "through Turkey".
TRANSIT_PREPOSITIONS = frozenset({"via", "through"})


# Verbs whose subject is no sender of what the clause below them tells of.
NO_SENDER_VERBS = REPORTING_VERBS | INTERDICTION_VERBS | STOPPING_VERBS | {
    "complain", "warn", "accuse", "criticise", "criticize", "condemn", "protest", "tell",
}


def _subject_tokens(trigger: Token) -> dict[int, str]:
    """Return the tokens of the subject of the trigger's clause and of each verb above it
    ("Denmark's parliament approves the purchase", "Indonesian officials say the deal"),
    each with the lemma of its verb."""
    tokens: dict[int, str] = {}
    node = trigger
    for _ in range(4):
        verb = node if node.pos_ in ("VERB", "AUX") else None
        if verb is not None:
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    tokens.update((t.i, verb.lemma_.lower()) for t in child.subtree)
        if node.head.i == node.i:
            break
        node = node.head
    return tokens


def _inference_cost(parties: list[Party]) -> float:
    """Return how much confidence inferred parties cost: each guess makes a record less sure."""
    costs = {
        "producer": 0.15,
        "package-maker": 0.15,
        "origin": 0.05,
        "pronoun": 0.15,
        "description": 0.15,
        "company-fallback": 0.2,
        "topic": 0.2,
        "batch": 0.1,  # the parties of a batch told just before ("It includes ...")
        "parallel": 0.1,  # the recipient of the facts told beside ("... and Norway froze")
        "home": 0.3,
        "home-contested": 0.4,
        "unknown": 0.3,
        "served-before": 0.25,
        "sentence-subject": 0.25,
        "sentence-near": 0.3,
        "sentence-place": 0.35,
    }
    return sum(costs.get(p.how, 0.0) for p in parties)
