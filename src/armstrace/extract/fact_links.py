"""What a fact takes from the rest of its sentence, beyond its trigger's own arguments.

A clause that names no recipient shares a parallel clause's ("Germany sent tanks to Ukraine
and France is sending howitzers"); a group's sponsor is its supplier when none is named
("Turkish-backed" factions), and so is the other side of talks held on the transfer; a
relative clause names who uses the weapons; an official speaks for the buying state; a
dated frame ("under a contract signed in 2022") states an earlier step of its own; an
award names the firm that supplies. The sentence reader (rules.py) calls these once it
has read a trigger.
"""

from __future__ import annotations

from spacy.tokens import Token

from armstrace.extract.dates import MONTH_NUMBERS, WEEKDAYS
from armstrace.extract.facts import Fact, ParsedSentence, Party, WeaponSlot, party_from
from armstrace.extract.lexicon import Lexicon, TriggerWord
from armstrace.extract.parties import find_subject_side, parties_at, parties_under_prep
from armstrace.extract.status import TALK_NOUNS, has_to_infinitive
from armstrace.extract.tree import conjoined_of_phrases, is_sponsor_modifier, speech_subject
from armstrace.extract.words import (
    AID_NOUNS,
    BUYING_WORDS,
    EVENT_NOUNS,
    FRAME_PREPOSITIONS,
    HOLDING_VERBS,
    ORDER_NOUNS,
    PLEDGE_VERBS,
    USE_VERBS,
)

# How two clauses of one sentence are joined side by side ("and", "while", "but").
PARALLEL_CLAUSE_DEPS = frozenset({"conj", "advcl"})


def definite_event(token: Token) -> bool:
    """Tell whether a trigger is "the purchase" / "that sale" with nothing of its own, as
    what a verb does ("approved that sale"); as a subject or under a preposition it is
    talked about ("the contract is expected to be completed", "prime contractor on the sale")."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in EVENT_NOUNS or token.dep_ != "dobj":
        return False
    children = list(token.children)
    return any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in children) and all(
        c.dep_ in ("det", "punct") for c in children
    )


def parallel_recipients(sentence: ParsedSentence, fact: Fact, facts: list[Fact]) -> list[Party]:
    """Return the recipients of a parallel clause that a clause naming none shares.

    "Germany sent Leopard tanks to Ukraine and France is sending Caesar howitzers", "Kyiv
    will get Patriot batteries from Germany, while Italy is sending a SAMP/T system": two
    clauses joined to each other, each with its own supplier, and the second leaves the
    recipient unsaid because it is the first one's.
    """
    trigger = sentence.doc[fact.trigger]
    suppliers = {p.state or p.name for p in fact.suppliers}
    clause = trigger.head.head if trigger.head.dep_ == "conj" else trigger.head
    # "has armed (and paid) vetted groups of the Free Syrian Army, supplying TOW missiles"
    elaborated = (
        {trigger.head.i, clause.i} if trigger.tag_ == "VBG" and trigger.dep_ == "advcl" else set()
    )
    for other in facts:
        if other is fact or other.kind != "transfer" or not other.recipients:
            continue
        other_trigger = sentence.doc[other.trigger]
        elaborates = other_trigger.i in elaborated
        joined = elaborates or (
            trigger.head.i == other_trigger.i and trigger.dep_ in PARALLEL_CLAUSE_DEPS
        ) or (other_trigger.head.i == trigger.i and other_trigger.dep_ in PARALLEL_CLAUSE_DEPS)
        if not joined or trigger.pos_ != "VERB" or other_trigger.pos_ != "VERB":
            continue
        if not elaborates and suppliers & {p.state or p.name for p in other.suppliers}:
            continue  # the same supplier: "sent tanks to Ukraine and is training crews"
        shared = [p for p in other.recipients if (p.state or p.name) not in suppliers]
        if shared:
            return shared
    return []


def tells_step_of_goods(sentence: ParsedSentence, fact: Fact) -> bool:
    """Tell whether a fact is a relative clause on its own goods, a step of their own with
    the parties of the clause they are named in: "Egypt ordered four submarines from
    Germany, which were delivered in 2017"."""
    trigger = sentence.doc[fact.trigger]
    return trigger.dep_ == "relcl" and trigger.head.i in {slot.head for slot in fact.weapons}


# Adverbs that say a fact repeats the doing of the fact before it ("had also been bought")
ALSO_WORDS = frozenset({"also", "too", "likewise"})


def parties_of_same_weapons(
    sentence: ParsedSentence, fact: Fact, facts: list[Fact]
) -> tuple[list[Party], list[Party]]:
    """Return the supplier and recipient another fact of the sentence gives the same
    weapons: "the K2 tanks ordered by Poland from South Korea arrived", "the batteries
    Lithuania bought from Norway have been handed over" (the arrival names no party)."""
    mine = {id(slot.mention) for slot in fact.weapons}
    above = {a.i for a in sentence.doc[fact.trigger].ancestors}
    relative = tells_step_of_goods(sentence, fact)
    for other in facts:
        if (
            other is not fact
            and other.kind == "transfer"
            and other.recipients
            and mine & {id(slot.mention) for slot in other.weapons}
            # "announced new aid for Kyiv, including deliveries of shells": a part the
            # fact above it reads already is no fact of its own
            and (other.trigger not in above or relative)
        ):
            return list(other.suppliers), list(other.recipients)
    # "Tehran has ordered Su-35 jets from Russia, and an MP said air defence systems had
    # also been bought": what was "also" done had the parties of the fact before it
    trigger = sentence.doc[fact.trigger]
    if any(c.dep_ == "advmod" and c.lower_ in ALSO_WORDS for c in trigger.children):
        before = [
            other for other in facts
            if other.kind == "transfer" and other.recipients and other.trigger < fact.trigger
        ]
        if before:
            return list(before[-1].suppliers), list(before[-1].recipients)
    return [], []


def conjoined_destinations(sentence: ParsedSentence, token: Token) -> list[Party]:
    """ "sales of 72 F-15QA fighters to Qatar and of 40 Super Hornets to Kuwait": the "to"
    after a second "of" phrase the parser joined to the clause is the noun's too (each
    weapon is then paired with the recipient written after it)."""
    clause = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if clause is None:
        return []
    return [
        party
        for word in conjoined_of_phrases(token, clause)
        for prep in word.head.children
        if prep.dep_ == "prep" and prep.lower_ == "to" and prep.i > word.i
        for party in parties_under_prep(sentence, prep)
    ]


def firm_awarded(token: Token) -> Token | None:
    """Return the firm an active "award" gives its contract to ("Malaysia awards KAI a
    contract for 18 FA-50s": KAI), or None; a passive ("Lockheed was awarded a contract")
    has the firm as subject, read like "won"."""
    verb = token.head
    if token.dep_ != "dobj" or verb.lemma_ != "award" or token.lemma_.lower() not in ORDER_NOUNS:
        return None
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ in ("dative", "iobj")), None)


def role_of_contract(
    subject_side: list[Party], with_side: list[Party], makers: frozenset[str] = frozenset()
) -> str:
    """Give "contract"/"deal" a direction: companies supply, governments buy; between two
    companies, the one of the state that makes the goods supplies ("Hindustan Aeronautics
    signed a contract with GE Aerospace for 113 F404 engines": GE's)."""
    if any(p.how == "company" for p in subject_side):
        subject_states = {p.state for p in subject_side}
        with_states = {p.state for p in with_side if p.how == "company"}
        if makers and with_states & makers and not subject_states & makers:
            return "recipient"
        return "supplier"
    return "recipient"



# Sponsor words that say a state arms the group they qualify ("Turkish-backed"), not that it
# leads or holds it ("US-led coalition", "Turkish-held town")
ARMING_SPONSOR_WORDS = frozenset({"backed", "supported", "sponsored", "funded", "armed"})


def backers(sentence: ParsedSentence, recipients: list[Party]) -> list[Party]:
    """Return the state that backs a recipient group, for a transfer that names no supplier:
    "Grad launchers were delivered to factions of the Turkish-backed National Liberation
    Front" (Turkey delivered them)."""
    doc = sentence.doc
    for recipient in recipients:
        if recipient.state is not None:
            continue
        phrase = doc[recipient.token]
        for participle in phrase.children:
            # "rebels backed by Turkey received new armoured vehicles"
            if participle.dep_ == "acl" and participle.lower_ in ARMING_SPONSOR_WORDS:
                for agent in (c for c in participle.children if c.dep_ == "agent"):
                    found = [p for p in parties_under_prep(sentence, agent) if p.state]
                    if found:
                        return [Party(found[0].state, None, found[0].token, "backer")]
        for token in phrase.subtree:
            mention = sentence.mention_heads.get(token.i)
            if (
                mention is not None
                and mention.kind == "state"
                and is_sponsor_modifier(token)
                and doc[token.i + 2].lower_ in ARMING_SPONSOR_WORDS
            ):
                return [Party(mention.state, None, token.i, "backer")]
    return []


def negotiators(lexicon: Lexicon, sentence: ParsedSentence, fact: Fact) -> list[Party]:
    """Return the states that hold talks on a transfer naming no supplier, other than its
    recipients: "An Italian delegation held talks on offsetting the Egyptian outlay on a
    contract to supply 24 helicopters" (Italy supplies; the buyer does not negotiate with
    itself). The talks govern the trigger within its clause: the
    walk up from the trigger stops at a verb with a subject of its own."""
    receiving = {p.state for p in fact.recipients}
    trigger = sentence.doc[fact.trigger]
    for word in (trigger, *trigger.ancestors):
        talks = word if word.lemma_.lower() in TALK_NOUNS else next(
            (c for c in word.children if c.dep_ == "dobj" and c.lemma_.lower() in TALK_NOUNS),
            None)
        if talks is not None:
            return [p for p in find_subject_side(lexicon, sentence, talks)
                    if p.state is not None and p.state not in receiving]
        if word.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in word.children
        ):
            return []
    return []


def users_of(sentence: ParsedSentence, fact: Fact) -> list[Party]:
    """Return who used or holds the weapons a supplier gave, as a relative clause on them
    says: "Iran has supplied the drones and missiles that the Houthis have fired"."""
    doc = sentence.doc
    for slot in fact.weapons:
        noun = doc[slot.head]
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head  # "the drones and missiles that ...": the clause hangs on one
        for clause in (*noun.children, *(c for n in noun.conjuncts for c in n.children)):
            if clause.dep_ != "relcl" or clause.lemma_.lower() not in HOLDING_VERBS | USE_VERBS:
                continue
            for subject in clause.children:
                if subject.dep_ == "nsubj":
                    parties = parties_at(sentence, subject)
                    if parties and all(p.how != "pronoun" for p in parties):
                        return parties
    return []


# Participles that date a frame of its own ("under a contract signed in 2022"), and the
# step each states
CONTRACT_DATING_VERBS = {
    "sign": "ordered",
    "conclude": "ordered",
    "award": "ordered",
    "seal": "ordered",
    "agree": "planned",
    "approve": "planned",
    "reach": "planned",
}


def dated_step(noun: Token) -> str | None:
    """Return the earlier step a frame noun states with a date of its own: "delivers the
    first batch ... under a $375 million contract signed in 2022" (ordered, in 2022)."""
    for clause in noun.children:
        if clause.dep_ not in ("acl", "relcl"):
            continue
        step = CONTRACT_DATING_VERBS.get(clause.lemma_.lower())
        if step is not None and any(
            c.dep_ in ("prep", "npadvmod") and any(_tells_time(t) for t in c.subtree)
            for c in clause.children
        ):
            return step
    return None


# Words that name a time: "signed last year", "agreed in March", "sealed on Monday"
_TIME_WORDS = frozenset(
    {"year", "years", "month", "months", "week", "weeks", "decade", "ago"}
    | set(MONTH_NUMBERS) | set(WEEKDAYS)
)


def _tells_time(token: Token) -> bool:
    if token.lower_ in ("may", "march") and not token.text[:1].isupper():
        return False  # the verb and the noun
    return token.like_num or token.ent_type_ == "DATE" or token.lower_ in _TIME_WORDS


def earlier_step(
    facts: list[Fact], frame: Token, entry: TriggerWord, status: str
) -> Fact | None:
    """Return the step (`status`) a dated frame states for the fact it frames: "delivers the
    first batch of BrahMos missiles to the Philippines under a contract signed in 2022" also
    says the missiles were ordered in 2022."""
    if frame.dep_ != "pobj" or frame.head.lower_ not in FRAME_PREPOSITIONS:
        return None
    framed = _framed_fact(facts, frame.head)
    if framed is None or status == framed.status:
        return None
    return Fact(
        framed.kind, frame.i, list(framed.suppliers), list(framed.recipients),
        list(framed.partners), list(framed.weapons), status, entry.deal or framed.deal,
        frame.i, framed.confidence,
    )


def _framed_fact(facts: list[Fact], preposition: Token) -> Fact | None:
    """Return the fact a frame's preposition hangs on: its own word's, or, up to the
    clause's verb, that of a noun it describes ("took delivery of a second battery of
    BrahMos missiles under a contract signed in 2022": the parser hangs "under" on the
    battery) or of the verb's object ("took delivery ... under")."""
    by_trigger = {f.trigger: f for f in reversed(facts)}
    for word in preposition.ancestors:
        if word.i in by_trigger:
            return by_trigger[word.i]
        if word.pos_ in ("VERB", "AUX"):
            return next(
                (by_trigger[c.i] for c in word.children if c.dep_ == "dobj" and c.i in by_trigger),
                None,
            )
    return None


# Words that make a clause the time before or after a fact: "two years after signing the
# deal", "nine years after the contract was signed"
_TIME_MARKS = frozenset({"after", "since", "before"})


def step_signed_before(facts: list[Fact], contract: Token, entry: TriggerWord) -> Fact | None:
    """Return the step a contract's signing states for the fact its time clause hangs on:
    "Turkey received the first S-400 components two years after signing the deal with
    Russia", "the S-300 has been delivered, nine years after the contract was signed" (the
    systems were ordered too)."""
    verb = contract.head
    step = CONTRACT_DATING_VERBS.get(verb.lemma_.lower())
    if step is None or contract.dep_ not in ("dobj", "nsubjpass"):
        return None
    if verb.dep_ == "pcomp" and verb.head.lower_ in _TIME_MARKS:
        anchor = verb.head.head
    elif verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in verb.children
    ):
        anchor = verb.head
    else:
        return None
    while anchor.dep_ in ("npadvmod", "pobj", "prep") and anchor.pos_ != "VERB":
        anchor = anchor.head  # "two years after": the span hangs on the verb
    framed = next((f for f in facts if f.trigger == anchor.i and f.kind == "transfer"), None)
    if framed is None or framed.status == step:
        return None
    return Fact(
        framed.kind, contract.i, list(framed.suppliers), list(framed.recipients),
        list(framed.partners), list(framed.weapons), step, entry.deal or framed.deal,
        contract.i, framed.confidence,
    )


def speakers_state(sentence: ParsedSentence, fact: Fact) -> list[Party]:
    """Return the state whose official reports a purchase with no buyer in it: "Qatar's
    ambassador says talks on buying Russia's S-400 are at an advanced stage", "Turkish
    officials said talks with Russia on buying the S-400 had reached their final stage"."""
    trigger = sentence.doc[fact.trigger]
    buying = trigger.lemma_.lower() in BUYING_WORDS and fact.status in ("interest", "proposed")
    # "Iran's foreign ministry says the first part of the S-300 has been delivered"
    arrived = fact.status == "delivered" and (
        any(c.dep_ == "auxpass" for c in trigger.children) or trigger.lemma_ == "arrive"
    )
    if not (buying or arrived):
        return []
    speaker = speech_subject(trigger)
    if speaker is None or sentence.mention_heads.get(speaker.i) is not None:
        return []  # no speaker, or a party speaking for itself (read as the subject already)
    states = [
        party_from(mention, child.i)
        for child in speaker.children
        if child.dep_ in ("poss", "amod", "compound")
        and (mention := sentence.mention_heads.get(child.i)) is not None
        and mention.kind == "state"
    ]
    suppliers = {p.state for p in fact.suppliers}
    for slot in fact.weapons:  # a maker's own official speaks for the seller
        suppliers |= {p.state for p in slot.origins}
        if slot.mention.weapon is not None:
            suppliers |= set(slot.mention.weapon.producers)
    return states if len(states) == 1 and states[0].state not in suppliers else []


def weapon_is_the_subject(sentence: ParsedSentence, token: Token) -> bool:
    """Tell whether a clause on a weapon has the weapon itself as its subject ("the jet,
    which first flew in 2024", "fighters to fly from the carrier"): the relative pronoun
    or the infinitive's unstated subject is the weapon, so the clause says what the weapon
    did or will do, not who received or flies it."""
    mention = sentence.token_mention.get(token.head.i)
    if mention is None or not mention.is_weapon:
        return False
    if token.dep_ == "acl" and has_to_infinitive(token):
        # "26 Rafale fighters to fly from the carrier": the fighters will fly
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    return token.dep_ == "relcl" and any(
        c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in token.children
    )


def coordinated_recipients(sentence: ParsedSentence, weapons: list[WeaponSlot]) -> list[Party]:
    """Return the recipients of coordinated "of" phrases: "sales of 72 F-15s to Qatar and
    of 40 Super Hornets to Kuwait"; the parser hangs the second "to" on the verb, right
    after the weapons of the second "of" (the pairs are then read in turn)."""
    found: list[Party] = []
    for slot in weapons:
        head = sentence.doc[slot.head]
        if head.dep_ != "pobj" or head.head.dep_ != "conj" or head.head.lower_ != "of":
            continue
        own = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "to"]
        if own:  # "and of 12 Apaches to Morocco", the "to" read as the weapons'
            found += [p for c in own for p in parties_under_prep(sentence, c)]
            continue
        after = head.right_edge.i + 1
        if after < len(sentence.doc):
            word = sentence.doc[after]
            if word.dep_ == "prep" and word.lower_ == "to":
                found += parties_under_prep(sentence, word)
    return found


def relative_on_goods(sentence: ParsedSentence, token: Token) -> bool:
    """Tell whether a relative clause on a weapon has the weapon as its object ("the
    missiles the US supplied", "the tanks that Germany sent"): whoever holds or uses the
    weapons received them."""
    mention = sentence.token_mention.get(token.head.i)
    return (
        token.dep_ == "relcl"
        and mention is not None
        and mention.is_weapon
        and any(
            c.dep_ == "nsubj" and c.lower_ not in ("which", "that", "who")
            for c in token.children
        )
        and not any(c.dep_ == "dobj" and c.lower_ not in ("which", "that") for c in token.children)
    )


def whole_including(lexicon: Lexicon, token: Token) -> Token | None:
    """Return the noun whose "including" phrase names `token` ("aid to Kyiv, including
    deliveries of shells": the aid), when that noun is a transfer's kind of thing and no
    verb of transfer above it reads it already ("sent aid ..., including", "announced
    aid ..., including": that verb's fact holds the parts)."""
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ not in ("including", "include"):
        return None
    whole = preposition.head
    if whole.pos_ != "NOUN" or whole.lemma_.lower() not in AID_NOUNS:
        return None
    verb = whole.head
    entry = lexicon.lookup_token(verb)
    if verb.lemma_.lower() in PLEDGE_VERBS or (
        entry is not None and entry.word_class in ("transfer", "coproduction")
    ):
        return None
    return whole
