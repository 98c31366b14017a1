"""Goods on their way somewhere: "Iranian-made missiles bound for the Houthis".

A destination word ("bound for", "destined for", "headed to") on weapons, or on the
vessel, truck or shipment carrying them, says the weapons were being sent to the party
it names: a transfer to that party, from the state the weapons come from ("Iranian-made",
"from Iran"). Stopped on the way (seized, intercepted, struck), the transfer did not go
through: cancelled, as the dev README codes an interdicted shipment; otherwise it is
under way, sent (delivered).
"""

from __future__ import annotations

from spacy.tokens import Token

from armstrace.extract.facts import Fact, ParsedSentence, Party, WeaponSlot
from armstrace.extract.lexicon import TriggerWord
from armstrace.extract.parties import parties_at, prep_side
from armstrace.extract.weapon_slots import weapon_slot
from armstrace.extract.words import INTERDICTION_VERBS, STOPPING_VERBS

# Words that send goods on to a place or party: "weapons bound for the Houthis", "a cargo
# destined for Libya", "arms headed to Hamas", "missiles intended for Hezbollah", "a ship
# carrying Turkish arms to Libya".
DESTINATION_WORDS = frozenset(
    {"bound", "destined", "headed", "heading", "intended", "earmarked", "carrying",
     "transporting"}
)
DESTINATION_PREPOSITIONS = ("for", "to")
# Verbs that end a consignment's journey by force, besides seizing and stopping it.
STRIKING_VERBS = frozenset({"strike", "hit", "destroy", "bomb", "target", "attack", "sink"})
# Weapons that travel on their own: a warship or an aircraft "bound for" a state is most
# often its own forces moving there ("Russian frigates headed for Syria"), not goods sent.
SELF_PROPELLED = frozenset({"ship", "submarine", "aircraft", "helicopter"})
# Weapons that fly to their targets: "drones reached Moscow" tells of a strike.
STRIKING_CATEGORIES = frozenset({"uav", "missile", "aircraft", "helicopter", "ammunition"})
# Verbs that tell where goods came from: "the shipment originated in Iran".
ORIGIN_VERBS = frozenset({"originate", "come"})
DESTINATION_ENTRY = TriggerWord("bound", "ADJ", "transfer", "destination", "delivered", "unknown")


def destination_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Return the trigger entry of a destination word whose goods are weapons and whose
    destination is a party, else None."""
    if token.lower_ not in DESTINATION_WORDS or not _destination_parties(token, sentence):
        return None
    goods = _goods_noun(token)
    return DESTINATION_ENTRY if goods is not None and _weapons_of(goods, token, sentence) else None


def destination_fact(sentence: ParsedSentence, token: Token) -> Fact | None:
    """Return the transfer a destination word states (its trigger entry found by
    `destination_entry`): the goods' weapons, to the destination, from where they came."""
    goods = _goods_noun(token)
    if goods is None:
        return None
    weapons = _weapons_of(goods, token, sentence)
    recipients = _destination_parties(token, sentence)
    if not weapons or not recipients:
        return None
    suppliers = prep_side(sentence, goods, ("from",))
    if not suppliers and goods.head.lemma_.lower() in ORIGIN_VERBS:
        # "the weapons originated in Iran and were bound for the Houthis"
        suppliers = prep_side(sentence, goods.head, ("in", "from"))
    status = "cancelled" if _stopped(goods, token) else "delivered"
    return Fact(
        "transfer", token.i, suppliers, recipients, [], weapons, status, "unknown", token.i, 0.7,
    )


def arrival_fact(
    sentence: ParsedSentence, token: Token, weapons: list[WeaponSlot], status: str | None
) -> Fact | None:
    """Return the transfer an arrival verb states of the weapons that are its subject: the
    place or party they arrive in or reach receives them ("The first HIMARS launchers have
    arrived in Ukraine", "Guns from the US reached Mexican cartels"), and a "from" on the
    goods or on their way is the sender ("are on their way to Ukraine from Poland"). What
    "reaches" no party is no transfer."""
    reach = token.lemma_.lower() == "reach"
    recipients = [] if reach else prep_side(sentence, token, ("in", "to", "at", "near"))
    senders: list[Party] = []
    if reach:
        senders += [
            party for goods in token.children if goods.dep_ in ("nsubj", "nsubjpass")
            for party in prep_side(sentence, goods, ("from",))
        ]
        # the party reached, not a place in it ("reached targets in Syria"); drones and
        # missiles that reach a state are most often a strike on it, unless sent from one;
        # those that reach an armed group are its supply ("TOW missiles reached the rebels")
        reached_group = any(
            (m := sentence.mention_heads.get(obj.i)) is not None and m.kind == "group"
            for obj in token.children
            if obj.dep_ == "dobj"
        )
        if (
            senders
            or reached_group
            or any(slot.mention.category not in STRIKING_CATEGORIES for slot in weapons)
        ):
            recipients += [
                party for obj in token.children if obj.dep_ == "dobj"
                for party in parties_at(sentence, obj, direct=True)
            ]
        if not recipients:
            return None  # "drones reached Moscow": whom a strike reached is not guessed
    # "are on their way to Ukraine from Poland": the way's own prepositions
    ways = [o for c in token.children if c.lower_ == "on" for o in c.children if o.lower_ == "way"]
    for way in ways:
        recipients += prep_side(sentence, way, ("to",))
        senders += prep_side(sentence, way, ("from",))
    return Fact(
        "transfer", token.i, senders, recipients, [], weapons, status, "unknown", token.i, 0.75
    )


def _destination_parties(token: Token, sentence: ParsedSentence) -> list[Party]:
    return prep_side(sentence, token, DESTINATION_PREPOSITIONS)


def _goods_noun(token: Token) -> Token | None:
    """Return the noun a destination word describes: "weapons bound for" (a modifier),
    "the weapons were bound for" (a predicate of the noun)."""
    if token.dep_ in ("amod", "acl", "relcl", "appos"):
        return token.head
    if token.dep_ in ("acomp", "ROOT", "conj", "ccomp", "xcomp"):
        verb = token.head if token.dep_ == "acomp" else token
        while verb.dep_ == "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
        ):
            verb = verb.head  # "originated in Iran and were bound for the Houthis"
        return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _weapons_of(goods: Token, token: Token, sentence: ParsedSentence) -> list[WeaponSlot]:
    """Return the weapons the goods of destination word `token` hold: the noun itself, what
    it carries ("a dhow carrying 150 anti-tank missiles"), what it is of ("a cargo of
    rockets")."""
    destination = {  # the place named, not the goods ("Hezbollah's rockets" aside)
        t.i for c in token.children if c.dep_ in ("prep", "dative") for t in c.subtree
    }
    slots: list[WeaponSlot] = []
    seen: set[int] = set()
    for word in goods.subtree:
        mention = sentence.token_mention.get(word.i)
        if word.i in destination or mention is None or not mention.is_weapon:
            continue
        if word.i == goods.i and mention.category in SELF_PROPELLED:
            continue  # "a Turkish warship bound for Libya": a ship sailing, or its cargo
        if id(mention) in seen:
            continue
        seen.add(id(mention))
        slots.append(weapon_slot(sentence, mention))
    return slots


def _stopped(goods: Token, destination: Token) -> bool:
    """Tell whether the goods (or what carries them) were seized, stopped or struck: the
    first verb above the noun, through the prepositions, the participles between and the
    destination word itself ("struck a convoy ... destined for Hezbollah")."""
    word = goods
    while word.head.i != word.i:
        word = word.head
        if word.i != destination.i and word.pos_ in ("VERB", "AUX"):
            lemma = word.lemma_.lower()
            if lemma in INTERDICTION_VERBS | STOPPING_VERBS | STRIKING_VERBS:
                return True
            if word.dep_ not in ("acl", "relcl", "advcl"):  # "a dhow carrying missiles": up
                return False
    return False
