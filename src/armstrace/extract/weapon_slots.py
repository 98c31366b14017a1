"""Find the weapons of a trigger: the slots of its object, with counts, origins and antecedents.

A WeaponSlot is one weapon mention as its noun phrase states it: the head noun, the number
("24 of the jets"), the origin adjectives ("French-made"), a "from" of its own, and whether
it points back ("the system", "all 24 aircraft"). Coordinated weapons are one slot each; a
generic noun heading a named system is absorbed into it. The functions that need the
trigger lexicon take it first.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from armstrace.extract.fact_counts import number_before_phrase
from armstrace.extract.facts import ParsedSentence, Party, WeaponSlot, party_from
from armstrace.extract.lexicon import Lexicon
from armstrace.extract.mention import Mention
from armstrace.extract.parties import (
    PRODUCTION_SITE_NOUNS,
    own_prep_parties,
    prep_side,
    rejected_by_words_before,
)
from armstrace.extract.status import has_to_infinitive, is_contract_letter, is_intent_document
from armstrace.extract.tree import (
    CLAUSE_DEPS,
    conjoined_of_phrases,
    crosses_verb,
    governing_verb,
    is_sponsor_modifier,
    listed_by,
    partitive_count,
    path_to,
)
from armstrace.extract.words import (
    ARMING_VERBS,
    CONTAINER_NOUNS,
    HOLDING_NOUNS,
    LISTING_VERBS,
    OBJECT_PREPOSITIONS,
    ORDER_NOUNS,
    ORIGIN_PARTICIPLES,
    PARTITIVE_HEADS,
    POLYSEMOUS_VERBS,
    PRODUCTION_VERBS,
    SERVICE_VERBS,
    WITH_VERBS,
)

# Labels on the way from an origin word to the weapon: "French-made", "U.S.-built",
# "Chinese Silkworm"; a state further down ("capable of hitting Iraq") is no origin.
ORIGIN_DEPS = frozenset({"amod", "npadvmod", "compound", "nmod", "punct", "advmod", "conj", "cc"})


# Documents of intent whose verb's "for" phrase names what is to be bought ("signed a
# memorandum of understanding with Italy for 40 helicopters").
INTENT_NOUNS = frozenset({"memorandum", "mou", "letter"})
# Transfer nouns whose "of" phrase says what moves, wherever the parser hangs it.
OF_OBJECT_NOUNS = frozenset(
    {"delivery", "shipment", "consignment", "receipt", "sale", "transfer", "export",
     "purchase", "supply", "acquisition", "donation"}
)


def weapons_of(lexicon: Lexicon, sentence: ParsedSentence, token: Token) -> list[WeaponSlot]:
    slots = weapons_of_any(lexicon, sentence, token) or _described_before_comma(sentence, token)
    slots += _list_tail(lexicon, sentence, slots)
    slots += _accompanying_above(lexicon, sentence, token, slots)
    slots += _rest_of_the_package(lexicon, sentence, token, slots)
    slots += _of_phrase_on_the_verb(lexicon, sentence, token, slots)
    slots += _range_ends(lexicon, sentence, slots)
    if token.pos_ != "VERB" or token.lemma_ not in POLYSEMOUS_VERBS:
        return slots
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if not objects:
        return slots
    # "ordering the biggest military operation ...: a salvo of 105 missiles": the verb's
    # object is an operation, not the missiles
    kept = []
    for slot in slots:
        obj = next((o for o in objects if slot.head in {t.i for t in o.subtree}), None)
        if obj is None or object_carries_weapon(obj, sentence):
            kept.append(slot)
    return kept


def weapons_under(
    lexicon: Lexicon, sentence: ParsedSentence, token: Token, prepositions: tuple[str, ...]
) -> list[WeaponSlot]:
    """Return the weapons the objects of a word's prepositions name: "work with China on a
    new missile" (on), "licences for weapons" (for, of)."""
    return [
        slot
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in prepositions
        for o in c.children
        if o.dep_ == "pobj"
        for slot in weapons_in(lexicon, sentence, o)
    ]


def weapons_of_purpose(lexicon: Lexicon, sentence: ParsedSentence, token: Token
                       ) -> list[WeaponSlot]:
    """Return the weapons a verb of joint work is done to make: "decided to cooperate with
    the U.S. to develop a new fighter", "will work together to build frigates".

    The purpose is an infinitive of making (develop, build, produce ...) under the verb;
    what it makes is what the partners make together. Any other purpose ("cooperate to
    stop the sale of missiles") names no product.
    """
    return [
        slot
        for purpose in production_purposes(token)
        for slot in weapons_in(lexicon, sentence, purpose)
    ]


def weapons_made_at(lexicon: Lexicon, sentence: ParsedSentence, noun: Token) -> list[WeaponSlot]:
    """Return the weapons a "joint" noun names: itself ("a joint combat helicopter"), or
    what a site makes (`site_makes`)."""
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in PRODUCTION_SITE_NOUNS:
        noun = noun.head  # "a joint drone factory" read as a joint drone's factory
    modifiers, purposes = site_makes(noun)
    # the weapon noun that modifies the site ("drone factory") is the product, not a
    # modifier of another noun as weapons_in would read it
    made = [
        weapon_slot(sentence, mention)
        for c in modifiers
        if (mention := sentence.mention_heads.get(c.i)) is not None and mention.is_weapon
    ]
    return made or weapons_in(lexicon, sentence, noun, shallow=True) or [
        slot for clause in purposes for slot in weapons_in(lexicon, sentence, clause)
    ]


def site_makes(noun: Token) -> tuple[list[Token], list[Token]]:
    """Return what says a place of making weapons makes: its modifiers ("a drone factory")
    and the infinitives it is set up for ("a plant to manufacture 155mm shells"); nothing
    for a noun that is no such place."""
    if noun.lemma_.lower() not in PRODUCTION_SITE_NOUNS:
        return [], []
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "nmod")]
    purposes = [
        c
        for c in noun.children
        if c.dep_ in ("acl", "relcl")
        and c.lemma_.lower() in PRODUCTION_VERBS
        and has_to_infinitive(c)
    ]
    return modifiers, purposes


def production_purposes(verb: Token) -> list[Token]:
    """Return the infinitives of making that say what a verb or a noun of joint work is
    done for: "to develop" in "decided to cooperate with the U.S. to develop a new
    fighter", "to build" in "agree a joint venture to build 200 helicopters"."""
    return [
        purpose
        for purpose in verb.children
        if purpose.dep_ in ("advcl", "xcomp", "acl", "relcl")
        and purpose.pos_ == "VERB"
        and purpose.lemma_.lower() in PRODUCTION_VERBS
        and has_to_infinitive(purpose)
    ]


def weapons_of_any(lexicon: Lexicon, sentence: ParsedSentence, token: Token) -> list[WeaponSlot]:
    participle = token
    while (
        participle.tag_ == "VBN" and participle.dep_ == "conj" and participle.head.tag_ == "VBN"
    ):
        participle = participle.head  # "a bomb made by Raytheon and sold to Saudi Arabia"
    if participle.tag_ == "VBN" and participle.dep_ in ("amod", "acl"):
        # "its newly acquired Silkworm missile", "20 fighters ordered by Cairo"
        slots = _coordinated_before(lexicon, sentence, participle.head, participle)
        if slots:
            return slots
        slots = _listed_under(lexicon, sentence, participle.head)
        if slots:
            return slots
    slots = weapons_in(lexicon, sentence, token)
    clause = token
    while clause.dep_ == "xcomp" and clause.head.i != clause.i:
        clause = clause.head  # "weaponry that Britain and the US help provide"
    if not slots and clause.dep_ in ("relcl", "acl"):
        slots = _coordinated_before(lexicon, sentence, clause.head, clause)
        if all(slot.mention.kind == "generic" for slot in slots):
            # "The weapons Germany sent to the Kurds included 30 Milan launchers": what
            # the clause's noun is said to hold
            slots += _items_said_of(lexicon, sentence, clause.head, slots)
        if not slots and clause.head.pos_ == "NUM":
            slots = _units_of_system_before(sentence, clause.head)
        if not slots and clause.head.lemma_.lower() in HOLDING_NOUNS:
            slots = _held_in(lexicon, sentence, clause.head)
    if not slots and token.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in token.children):
        slots = _raised_subject_weapons(lexicon, sentence, token)
    if not slots and token.pos_ == "VERB":
        slots = weapon_right_after(lexicon, sentence, token)
    if not slots and token.pos_ == "VERB":
        # "supplied rebel units with TOW missiles": the parser hung the "with" on the party
        # the verb supplies
        slots = [
            slot
            for party in token.children
            if party.dep_ == "dobj" and _names_party(party, sentence)
            for prep in party.children
            if prep.dep_ == "prep" and prep.lower_ == "with"
            for slot in weapons_in(lexicon, sentence, prep)
        ]
    if (
        not slots
        and token.dep_ in ("dobj", "nsubjpass", "nsubj")
        and token.lemma_.lower() in OF_OBJECT_NOUNS
    ):
        # "took delivery in 2016 of two Mistral carriers", "approved the sale to Taiwan of
        # 66 F-16V jets": the parser hung the "of" on the year, the verb or the buyer; the
        # first "of" after the noun in its verb's clause still says what
        for prep in token.head.subtree:
            if prep.i > token.i and prep.dep_ == "prep" and prep.lower_ == "of":
                slots = [s for c in prep.children for s in weapons_in(lexicon, sentence, c)]
                break
    if (
        all(slot.mention.kind == "generic" for slot in slots)
        and token.pos_ == "NOUN"
        and token.dep_ in ("dobj", "nsubjpass", "pobj")
    ):
        # "approves (arms) sales to Chile worth $2 billion, including 12 HIMARS launchers":
        # the parser hung the noun's list on the word above it
        slots += [
            slot
            for prep in token.head.children
            if prep.dep_ == "prep" and prep.i > token.i and prep.lower_ == "including"
            for slot in weapons_in(lexicon, sentence, prep)
        ]
    if slots and token.pos_ == "NOUN" and token.lemma_.lower() in OF_OBJECT_NOUNS:
        slots += _conjoined_of_phrases(lexicon, sentence, token, slots)
    if not slots:
        verb = governing_verb(token) if token.pos_ in ("NOUN", "PROPN") else None
        if verb is not None:
            for child in verb.children:
                if child.dep_ in ("dobj", "nsubjpass", "attr") and child.i != token.i:
                    slots += weapons_in(lexicon, sentence, child)
                elif (
                    child.dep_ == "prep"
                    and child.lower_ == "for"
                    and token.lemma_.lower() in ORDER_NOUNS | INTENT_NOUNS
                ):
                    # "signed a contract in October 2018 for five S-400 squadrons"
                    for pobj in child.children:
                        slots += weapons_in(lexicon, sentence, pobj)
    return slots


def _names_party(noun: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a noun is a party ("Niger") or a party's force ("Chad's air force")."""
    return any(
        word.i in sentence.mention_heads and sentence.mention_heads[word.i].is_party
        for word in [noun, *(c for c in noun.children if c.dep_ in ("poss", "compound", "amod"))]
    )


def _raised_subject_weapons(
    lexicon: Lexicon, sentence: ParsedSentence, token: Token
) -> list[WeaponSlot]:
    """ "The jets are expected to be delivered next year", "helicopters ... are due to be
    handed over": a passive infinitive's object is the subject of the verb it hangs from."""
    governor = token
    for _ in range(3):
        if governor.dep_ not in ("xcomp", "acomp") or governor.head.i == governor.i:
            break
        governor = governor.head
    return [
        slot
        for child in governor.children
        if child.dep_ in ("nsubj", "nsubjpass")
        for slot in weapons_in(lexicon, sentence, child)
    ]


def _held_in(lexicon: Lexicon, sentence: ParsedSentence, holding: Token) -> list[WeaponSlot]:
    """ "groups with military drones in their arsenal, which were supplied by Iran": a clause
    on a holding noun tells of what it holds: the weapons of it ("an arsenal of drones"), the
    weapons it is in ("drones in their arsenal"), or those the phrase it is in has "with"."""
    slots = [slot for prep in holding.children if prep.dep_ == "prep" and prep.lower_ == "of"
             for slot in weapons_in(lexicon, sentence, prep)]
    if slots or holding.dep_ != "pobj" or holding.head.lower_ != "in":
        return slots
    owner = holding.head.head
    slots = weapons_in(lexicon, sentence, owner, shallow=True)
    if slots:
        return slots
    return [slot for prep in owner.children if prep.dep_ == "prep" and prep.lower_ == "with"
            for slot in weapons_in(lexicon, sentence, prep)]


def systems_named_before(sentence: ParsedSentence, index: int) -> list[Mention]:
    """Return the systems the sentence names before word `index`, in order."""
    return [m for i, m in sorted(sentence.mention_heads.items())
            if i < index and m.kind == "weapon"]


def _units_of_system_before(sentence: ParsedSentence, number: Token) -> list[WeaponSlot]:
    """ "an option for 12 more Rafale jets, on top of the 24 it ordered in 2015": a number
    with no noun that a clause describes counts units of the system named last before it
    in the sentence."""
    named = systems_named_before(sentence, number.i)
    if not named:
        return []
    return [replace(weapon_slot(sentence, named[-1]), quantity_token=number.i)]


def _listed_under(lexicon: Lexicon, sentence: ParsedSentence, noun: Token) -> list[WeaponSlot]:
    """ "a fresh batch of aircraft supplied by Russia, including L-39 jet trainers and a
    Mi-24P gunship": the items an "including" or "such as" list gives the noun, or the
    container the noun fills."""
    holders = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        holders.append(noun.head.head)
    return [
        slot
        for holder in holders
        for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ in ("including", "like", "as")
        for slot in weapons_in(lexicon, sentence, prep)
    ]


def _conjoined_of_phrases(
    lexicon: Lexicon, sentence: ParsedSentence, token: Token, found: list[WeaponSlot]
) -> list[WeaponSlot]:
    """ "approved sales of 72 F-15QA fighters to Qatar and of 40 Super Hornets to Kuwait":
    a second "of" phrase the parser joined to something else of the clause is the noun's
    too."""
    clause = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), token)
    seen = {slot.head for slot in found}
    return [
        slot
        for word in conjoined_of_phrases(token, clause)
        for pobj in word.children
        if pobj.dep_ == "pobj"
        for slot in weapons_in(lexicon, sentence, pobj)
        if slot.head not in seen
    ]


def _coordinated_before(
    lexicon: Lexicon, sentence: ParsedSentence, noun: Token, clause: Token
) -> list[WeaponSlot]:
    """Return the weapons of the noun a participle or relative clause modifies, with the
    nouns listed with it before the clause that have no clause of their own: "Leopard 2
    tanks and PzH 2000 howitzers, bought from Germany in 2013" were both bought, whichever
    of them the parser hangs the clause on."""
    slots = weapons_in(lexicon, sentence, noun, shallow=True)
    if slots and clause.i < noun.i and clause.lemma_.lower() in ORIGIN_PARTICIPLES:
        # an origin before a list is the list's, up to an item with a maker of its own:
        # "French-made Caesar howitzers and Mistral missiles", not "Israeli-made Harop
        # munitions and Turkish-supplied TB2 drones"
        unmarked = list(
            itertools.takewhile(lambda c: not _has_own_origin(c, sentence), noun.conjuncts)
        )
        return _with_conjuncts(lexicon, sentence, noun, slots, unmarked)
    if not slots or clause.i < noun.i:
        # any other participle before its noun is that noun's alone: "its newly acquired
        # Silkworm missiles and old Scuds"
        return slots
    doc = noun.doc
    if doc[clause.left_edge.i - 1].text != "," and any(c.dep_ == "det" for c in noun.children):
        # a clause with no comma on a noun with its own article restricts that noun: "S-200
        # batteries, Buk systems and the Pantsir systems delivered by Russia"
        return slots
    listed_before = [
        # listed before the clause, with no clause of its own
        conjunct
        for conjunct in noun.conjuncts
        if conjunct.i < clause.i
        and not any(c.dep_ in ("acl", "relcl") for c in conjunct.children)
    ]
    return _with_conjuncts(lexicon, sentence, noun, slots, listed_before)


def _has_own_origin(noun: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a noun's own modifiers say where it comes from: a participle
    ("Turkish-supplied"), a state ("Israeli") or a maker ("Rafael's")."""
    return any(
        child.tag_ == "VBN"
        or (
            (mention := sentence.mention_heads.get(child.i)) is not None
            and mention.kind in ("state", "company")
        )
        for child in noun.children
        if child.i < noun.i
    )


def weapons_in(
    lexicon: Lexicon, sentence: ParsedSentence, root: Token, shallow: bool = False
) -> list[WeaponSlot]:
    slots: list[WeaponSlot] = []
    seen: set[int] = set()
    # shallow: the noun itself, or the name it is a unit of ("five S-400 squadrons")
    tokens = (
        [root, *(c for c in root.children if c.dep_ in ("compound", "nmod") and c.i < root.i)]
        if shallow
        else list(root.subtree)
    )
    if root.pos_ in ("VERB", "AUX") and not shallow:
        # the active subject is the agent: "U.S. jets will provide air cover"
        agents = {t.i for c in root.children if c.dep_ in ("nsubj", "csubj") for t in c.subtree}
        tokens = [t for t in tokens if t.i not in agents]
    for token in tokens:
        mention = sentence.token_mention.get(token.i)
        if mention is None or not mention.is_weapon or id(mention) in seen:
            continue
        if mention.kind == "generic" and _modifies_other_noun(token, sentence, lexicon):
            continue  # "submarine cable", "missile defence talks"
        if rejected_by_words_before(token):
            continue  # "will buy the SAMP/T rather than the US Patriot"
        if _serviced(token, root):
            continue  # "a contract for the maintenance of a logistics ship"
        path = path_to(token, root)
        if path is None or (
            any(dep in CLAUSE_DEPS for dep in path) and not listed_by(token, root)
        ):
            continue
        if crosses_verb(token, root, lexicon):
            continue  # "approval for Egypt to produce the tank": the tank is produce's
        if not shallow and not _object_path(token, root, sentence):
            continue  # "proceeds from the arms sales were funneled": proceeds were
        seen.add(id(mention))
        slots.append(weapon_slot(sentence, mention))
    return _absorb_generic_heads(slots)


# Participles of paying for goods: "Saudi-funded weapons" (the payer, as the origin told).
PAYING_PARTICIPLES = frozenset({"funded", "financed", "bankrolled"})


def weapon_slot(sentence: ParsedSentence, mention: Mention) -> WeaponSlot:
    covered = [i for i, m in sentence.token_mention.items() if m is mention]
    head = next((i for i, m in sentence.mention_heads.items() if m is mention), covered[-1])
    noun = sentence.doc[head]
    # "Bayraktar TB2 UAVs", "Rafale fighter jets": the phrase's head noun carries
    # the number and the origin adjectives.
    while noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head
    quantity_token = None
    origins: list[Party] = []
    same_type = False
    modifiers = [*noun.children, *(c for i in covered for c in sentence.doc[i].children)]
    for child in modifiers:
        if child.i in covered:
            continue
        if child.dep_ == "nummod" and quantity_token is None:
            quantity_token = child.i
        if child.dep_ in ("amod", "compound", "nmod", "npadvmod"):
            for token in child.subtree:
                m = sentence.mention_heads.get(token.i) or sentence.token_mention.get(token.i)
                if m is None or m.kind != "state" or token.i in covered:
                    continue
                if is_sponsor_modifier(token) and token.nbor(2).lower_ not in PAYING_PARTICIPLES:
                    continue  # "Iran-backed"; but "Saudi-funded weapons" were bought by Riyadh
                path = path_to(token, child) or []
                if all(dep in ORIGIN_DEPS for dep in path):
                    origins.append(party_from(m, token.i, how="origin"))
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.lemma_ in ("type", "kind", "model", "make", "variant") and any(
                    c.lower_ == "same" for c in grandchild.children
                ):
                    same_type = True
    if quantity_token is None:
        phrase = {noun.i, *covered}
        quantity_token = number_before_phrase(sentence, min(covered), phrase) or (
            number_before_phrase(sentence, min(noun.left_edge.i, *covered), phrase)
        )
    part = partitive_count(noun)
    if part is not None:
        quantity_token = part.i  # "ordered 24 of the jets", "the last six of 20 fighters"
    unique_origins = tuple({p.state: p for p in origins}.values())
    sources = tuple(own_prep_parties(sentence, noun, ("from",)))
    return WeaponSlot(mention, noun.i, quantity_token, unique_origins, same_type, sources)


def elided_sources(sentence: ParsedSentence, noun: Token) -> list[Party]:
    """Return the suppliers of the counts that repeat a weapon noun left out: "12 Typhoons
    from Qatar and another 12 from Oman", "buying 24 tanks from Spain and 20 more from
    Norway". The parser hangs such a count on the noun or on any word above it (the verb,
    "close to buying"); each is more of the same weapon, from its own supplier."""
    above = {noun.i, *(t.i for t in noun.ancestors)}
    return [
        party
        for count in sentence.doc[noun.i + 1 :]
        if count.dep_ == "conj" and count.pos_ == "NUM" and count.head.i in above
        for party in prep_side(sentence, count, ("from",))
    ]


def pronoun_goods(token: Token) -> Token | None:
    """Return the pronoun that stands for what a transfer word moves, if any: its object
    ("sold it to Qatar, Ukraine and Azerbaijan") or its passive subject ("saying they were
    delivered by Denmark and the Netherlands")."""
    for child in token.children:
        if child.dep_ == "dobj" and child.lower_ in ("it", "them"):
            return child
        if (
            child.dep_ == "nsubjpass"
            and child.lower_ in ("it", "they")
            and token.lemma_.lower() not in ARMING_VERBS
            and not any(c.dep_ == "dobj" or c.lower_ == "with" for c in token.children)
        ):
            # not who gets them: "before they are given more", "they were armed by Iran"
            return child
    return None


def served_system(lexicon: Lexicon, sentence: ParsedSentence, token: Token) -> list[WeaponSlot]:
    """Return the named system that equipment is for ("to upgrade its Hawk missiles")."""
    for child in token.children:
        if child.dep_ in ("advcl", "xcomp", "relcl", "acl") and child.lemma_ in SERVICE_VERBS:
            for grandchild in child.children:
                if grandchild.dep_ == "dobj":
                    named = [
                        s
                        for s in weapons_in(lexicon, sentence, grandchild)
                        if s.mention.kind == "weapon"
                    ]
                    if named:
                        return named
    return []


def weapon_right_after(
    lexicon: Lexicon, sentence: ParsedSentence, token: Token
) -> list[WeaponSlot]:
    """Find the weapon that directly follows a verb when the parse lost it.

    "acquired Chinese-made Silkworm missiles capable of ...": the parser made the
    missiles the subject of "capable"; the words still say what was acquired.
    """
    for index in range(token.i + 1, min(len(sentence.doc), token.i + 8)):
        word = sentence.doc[index]
        if word.pos_ in ("VERB", "AUX") and word.tag_ not in ("VBN",) or word.text in ",;:":
            return []
        mention = sentence.mention_heads.get(index)
        if mention is not None and mention.is_weapon:
            if mention.kind == "generic" and _modifies_other_noun(word, sentence, lexicon):
                return []  # "agreed to build a submarine cable"
            return _with_conjuncts(lexicon, sentence, word, [weapon_slot(sentence, mention)])
    return []


def _with_conjuncts(
    lexicon: Lexicon, sentence: ParsedSentence, noun: Token, slots: list[WeaponSlot],
    conjuncts: Sequence[Token] | None = None,
) -> list[WeaponSlot]:
    """Add the weapons listed with a noun ("machine guns, mortars and armoured cars"): of
    all its conjuncts, or of those given."""
    for conjunct in noun.conjuncts if conjuncts is None else conjuncts:
        slots += [
            slot
            for slot in weapons_in(lexicon, sentence, conjunct, shallow=True)
            if all(slot.mention is not s.mention for s in slots)
        ]
    return slots


def _items_said_of(
    lexicon: Lexicon, sentence: ParsedSentence, noun: Token, found: list[WeaponSlot]
) -> list[WeaponSlot]:
    """Return the systems a sentence says a noun holds: the object of a listing verb whose
    subject it is ("the weapons Germany sent included 30 Milan launchers"), or the subject
    of a "be" it is "among" ("Among the weapons Germany sent were 30 Milan launchers")."""
    verb = noun.head
    items: list[Token] = []
    if noun.dep_ == "nsubj" and verb.lemma_.lower() in LISTING_VERBS:
        items = [c for c in verb.children if c.dep_ == "dobj"]
    elif noun.dep_ == "pobj" and verb.lower_ == "among" and verb.head.lemma_ == "be":
        items = [c for c in verb.head.children if c.dep_ in ("nsubj", "attr")]
    seen = {id(slot.mention) for slot in found}
    return [
        slot
        for item in items
        for slot in _not_yet_found(_listed_with(lexicon, sentence, item), seen)
    ]


def _range_ends(
    lexicon: Lexicon, sentence: ParsedSentence, slots: list[WeaponSlot]
) -> list[WeaponSlot]:
    """Return the systems that mark the ends of a generic noun's range: "weapons ranging
    from Katyusha rockets to Fateh-110 missiles"."""
    found = {id(slot.mention) for slot in slots}
    ends: list[WeaponSlot] = []
    for slot in slots:
        if slot.mention.kind != "generic":
            continue
        for clause in sentence.doc[slot.head].children:
            if clause.dep_ != "acl" or clause.lemma_.lower() != "range":
                continue
            for prep in clause.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("from", "to"):
                    continue
                for noun in prep.children:
                    ends += _not_yet_found(weapons_in(lexicon, sentence, noun, shallow=True), found)
    return ends


def _listed_with(lexicon: Lexicon, sentence: ParsedSentence, noun: Token) -> list[WeaponSlot]:
    """Return the weapons a noun names, with those of the nouns listed with it."""
    return _with_conjuncts(lexicon, sentence, noun, weapons_in(
        lexicon, sentence, noun, shallow=True))


def _not_yet_found(slots: list[WeaponSlot], found: set[int]) -> list[WeaponSlot]:
    """Return the slots whose mention is not in `found` (ids of mentions), adding theirs."""
    new = [slot for slot in slots if id(slot.mention) not in found]
    found |= {id(slot.mention) for slot in new}
    return new


# The links a list item torn from its list may get: "including 20 HIMARS launchers and 80
# ATACMS missiles, M109A7 howitzers and Javelin missiles" (the parser made "howitzers" the
# verb's object)
TORN_ITEM_DEPS = frozenset({"dobj", "appos", "conj", "npadvmod", "attr", "pobj"})
# Words that may stand between the comma and a torn item's noun
ITEM_PREMODIFIER_DEPS = frozenset({"det", "nummod", "amod", "compound", "nmod", "quantmod"})


def _accompanying_above(
    lexicon: Lexicon, sentence: ParsedSentence, token: Token, slots: list[WeaponSlot]
) -> list[WeaponSlot]:
    """Return the weapons an "along with" or "together with" after the trigger's own adds
    to them where the parser hung it on a word above the trigger: "signs a letter of
    intent to acquire 100 Rafale fighters, along with SAMP/T systems and radars"."""
    if not slots:
        return []
    last = max(slot.head for slot in slots)
    found = {id(slot.mention) for slot in slots}
    added: list[WeaponSlot] = []
    for above in token.ancestors:
        for prep in above.children:
            if prep.dep_ != "prep" or prep.i < last or prep.lower_ not in ("along", "together"):
                continue
            for joined in prep.children:
                if joined.dep_ == "prep" and joined.lower_ == "with":
                    added += _not_yet_found(weapons_in(lexicon, sentence, joined), found)
    return added


def _described_before_comma(sentence: ParsedSentence, participle: Token) -> list[WeaponSlot]:
    """Return the weapon a participle set off by a comma describes (`described_noun`)."""
    noun = described_noun(sentence, participle)
    if noun is None:
        return []
    return [weapon_slot(sentence, sentence.token_mention[noun.i])]


def described_noun(sentence: ParsedSentence, participle: Token) -> Token | None:
    """Return the weapon noun right before a participle set off by a comma, where the parser
    hung the participle on the main verb: "over Ankara's acquisition of the Russian S-400
    system, delivered last year" (the S-400 was delivered, not by the main clause's
    subject)."""
    doc = participle.doc
    if (
        participle.tag_ != "VBN"
        or participle.dep_ != "advcl"
        or participle.i < 2
        or doc[participle.i - 1].text != ","
        or any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "aux", "auxpass", "mark")
               for c in participle.children)
    ):
        return None
    mention = sentence.token_mention.get(participle.i - 2)
    if mention is None or not mention.is_weapon:
        return None
    return doc[participle.i - 2]


def _of_phrase_on_the_verb(
    lexicon: Lexicon, sentence: ParsedSentence, token: Token, slots: list[WeaponSlot]
) -> list[WeaponSlot]:
    """Return the weapons of a transfer noun's second "of" phrase, which the parser hung on
    the verb: "cleared the sale of 1,000 Humvees in 2015 and, last year, of further
    Abrams tanks"."""
    if token.lemma_.lower() not in OF_OBJECT_NOUNS or token.dep_ != "dobj":
        return []
    found = {id(slot.mention) for slot in slots}
    return _not_yet_found(
        [
            w
            for of in token.head.children
            if of.dep_ == "prep" and of.lower_ == "of" and of.i > token.i
            for noun in of.children
            if noun.dep_ == "pobj"
            for w in weapons_in(lexicon, sentence, noun)
        ],
        found,
    )


# Nouns of a whole that an order is "part of" and that lists the rest of what it holds.
WHOLE_NOUNS = frozenset({"package", "deal", "order", "contract", "tranche", "purchase"})


def _rest_of_the_package(
    lexicon: Lexicon, sentence: ParsedSentence, token: Token, slots: list[WeaponSlot]
) -> list[WeaponSlot]:
    """Return the other weapons of the package the trigger's goods are "part of": "Denmark
    selects the SAMP/T NG, part of a package that also includes NASAMS and IRIS-T SLM
    systems" (bought in the same decision; each keeps its own maker)."""
    if not slots:
        return []
    found = {id(slot.mention) for slot in slots}
    added: list[WeaponSlot] = []
    for part in token.subtree:
        if part.lower_ != "part":
            continue
        for of in part.children:
            if of.dep_ != "prep" or of.lower_ != "of":
                continue
            for whole in of.children:
                if whole.dep_ != "pobj" or whole.lemma_.lower() not in WHOLE_NOUNS:
                    continue
                for clause in whole.children:
                    if clause.dep_ == "relcl" and clause.lemma_.lower() in LISTING_VERBS:
                        added += _not_yet_found(
                            [w for c in clause.children if c.dep_ in ("dobj", "attr")
                             for w in weapons_in(lexicon, sentence, c)],
                            found,
                        )
    return added


def _list_tail(
    lexicon: Lexicon, sentence: ParsedSentence, slots: list[WeaponSlot]
) -> list[WeaponSlot]:
    """Return the items of a list that go on after a comma past the slots found, which the
    parser hung elsewhere: "... HIMARS launchers and ATACMS missiles, M109A7 howitzers,
    Javelin missiles and Switchblade drones"."""
    if not slots:
        return []
    found = {id(slot.mention) for slot in slots}
    last = max(index for index, m in sentence.token_mention.items() if id(m) in found)
    return _items_after(lexicon, sentence, last, found)


def _items_after(
    lexicon: Lexicon, sentence: ParsedSentence, last: int, found: set[int]
) -> list[WeaponSlot]:
    """Return the items of a list that go on after a comma past word `last`, and the one
    after the "and" that ends such a list ("Challenger 2 tanks, AS-90 howitzers and Storm
    Shadow missiles")."""
    doc = sentence.doc
    tail: list[WeaponSlot] = []
    ended = False
    while (
        not ended
        and last + 2 < len(doc)
        and (doc[last + 1].text == "," or (tail and doc[last + 1].lower_ == "and"))
    ):
        ended = doc[last + 1].lower_ == "and"
        item = None
        for index in range(last + 2, min(len(doc), last + 8)):
            word = doc[index]
            mention = sentence.mention_heads.get(index)
            if mention is not None and mention.is_weapon:
                item = word
                break
            if word.dep_ not in ITEM_PREMODIFIER_DEPS and word.tag_ != "HYPH":
                break
        if item is None or item.dep_ not in TORN_ITEM_DEPS or id(
            sentence.mention_heads[item.i]
        ) in found:
            break
        if any(c.dep_ in ("prep", "relcl", "acl") for c in item.children):
            break  # "..., Patriot systems to Poland": a pair of its own
        added = _not_yet_found(_listed_with(lexicon, sentence, item), found)
        if not added:
            break
        tail += added
        last = max(index for index, m in sentence.token_mention.items() if id(m) in found)
    return tail


# People a verb of sending sends with weapons when it moves its own forces ("sent troops
# and tanks to Syria"): such a list is no consignment of goods.
PERSONNEL_NOUNS = frozenset({
    "troop", "soldier", "adviser", "advisor", "personnel", "instructor", "officer",
    "mercenary", "fighter", "force", "unit", "crew", "marine", "commando", "sailor",
})


def object_carries_weapon(obj: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a verb's object is a weapon, a number of them or a container of them,
    or a list of goods one of which is ("salaries, training and light weapons", "food and
    rifles"; never a list of people and weapons: "troops and tanks")."""
    if _carries_weapon(obj, sentence):
        return True
    listed = [obj, *obj.conjuncts]
    if any(t.lemma_.lower() in PERSONNEL_NOUNS for t in listed):
        return False
    return any(_carries_weapon(t, sentence) for t in obj.conjuncts)


def _carries_weapon(obj: Token, sentence: ParsedSentence) -> bool:
    mention = sentence.token_mention.get(obj.i)
    if mention is not None and mention.is_weapon:
        return True
    for child in obj.children:  # "its first F-35 fighters": the name modifies the head
        named = sentence.token_mention.get(child.i)
        if (
            child.dep_ in ("compound", "nummod", "amod", "nmod")
            and named is not None
            and (named.is_weapon)
        ):
            return True
    # "received the first of the ten tanks", "sent half of its Leopards": a part of them
    if obj.lemma_.lower() in PARTITIVE_HEADS and any(
        _carries_weapon(o, sentence)
        for prep in obj.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for o in prep.children
        if o.dep_ == "pobj"
    ):
        return True
    return obj.pos_ == "NUM" or obj.lemma_.lower() in CONTAINER_NOUNS or obj.tag_ == "CD"


# Nouns of work done on weapons a buyer already has: what they are done to is serviced,
# not handed over ("a contract for maintenance of a logistics ship", "F-16 training and
# sustainment services").
SERVICE_NOUNS = frozenset(
    {"maintenance", "repair", "servicing", "sustainment", "training", "upkeep", "service"}
)


def _serviced(token: Token, root: Token) -> bool:
    """Tell whether a weapon is what a service the goods are read from is done to or for
    (the trigger itself excepted: "a sale of services" is read by its object)."""
    current = token
    while current.i != root.i and current.head.i != current.i:
        coordinated = current.dep_ in ("conj", "appos")  # "training and missiles": listed
        current = current.head
        if not coordinated and current.lemma_.lower() in SERVICE_NOUNS and current.pos_ == "NOUN":
            return True
    return False


def _modifies_other_noun(token: Token, sentence: ParsedSentence, lexicon: Lexicon) -> bool:
    """Tell whether a generic weapon word only modifies a noun that is no weapon, or says
    what another generic weapon is for.

    "submarine cable" is no submarine, "tank ammunition" no tank, "missile boats" no
    missiles; "arms shipments" and "drone purchase" are arms and drones, since the noun
    they modify is a trigger.
    """
    covered = [i for i, m in sentence.token_mention.items() if m is sentence.token_mention[token.i]]
    last = sentence.doc[max(covered)]
    if last.dep_ != "compound":
        return False
    head_token = last.head
    head = sentence.token_mention.get(head_token.i)
    if head is not None and head.is_weapon:
        return head.kind == "generic"
    if head_token.lemma_.lower() in CONTAINER_NOUNS:
        return False  # "a US arms package", "a weapons shipment": the arms are the goods
    return lexicon.lookup_token(head_token) is None


def _object_path(token: Token, root: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a weapon is (part of) the trigger's object rather than an adjunct."""
    current = token
    listing = False  # the path came up through a clause listing contents ("which includes")
    while current.i != root.i and current.head.i != current.i:
        if current.dep_ == "relcl" and current.lemma_ in LISTING_VERBS:
            listing = True
        if (
            listing
            and current.dep_ == "prep"
            and current.lower_ in ("for", "to")
            and current.head.i == root.i
        ):
            pass  # "a package for Poland, which includes 96 Apache helicopters" (tree.listed_by)
        elif (
            current.dep_ == "prep"
            and current.lower_ == "with"
            and (
                current.head.lemma_ in WITH_VERBS
                or current.head.lower_ in ("together", "along", "alongside")
                or any(c.lower_ in ("together", "along") for c in current.head.children)
                or any(c.lower_ in ("together", "along") for c in current.children)
            )
        ):
            pass  # "ordered 24 of the jets, together with a FREMM frigate"
        elif current.dep_ == "prep" and current.lower_ in ("along", "together") and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in current.children
        ):
            pass  # "ordered 24 Rafales along with a FREMM frigate"
        elif (
            current.dep_ == "prep"
            and current.lower_ == "to"
            and root.lemma_.lower() in OF_OBJECT_NOUNS
            and current.head.i == root.i
        ):
            pass  # "a sale to Norway of AIM-120 missiles": the parser hung "of" on the buyer
        elif current.dep_ == "prep" and current.lower_ not in OBJECT_PREPOSITIONS:
            head_mention = sentence.token_mention.get(current.head.i)
            if head_mention is not None and head_mention.is_weapon:
                return False  # "spare parts for its Soviet hardware"
            head = current.head
            # "an order (placed) for 12 Rafale jets", "a contract for Patriot missiles"
            ordering = (
                current.lower_ == "for"
                and (root.lemma_.lower() in ORDER_NOUNS or is_intent_document(root)
                     or is_contract_letter(root))
                and (
                    head.i == root.i
                    or (head.dep_ == "acl" and head.head.i == root.i)
                    or _inside_order_phrase(head, root)
                )
            )
            if not ordering:
                return False
        current = current.head
    return True


# The links by which the parser may hang a contract's "for" phrase inside its own noun
# phrase: "a contract worth $4.75bn with the US for Patriot systems"
_ORDER_PHRASE_DEPS = frozenset({"amod", "npadvmod", "prep", "pobj"})


def _inside_order_phrase(head: Token, root: Token) -> bool:
    """Tell whether `head` lies in the order noun's own phrase, through "worth", the amount
    and the partner ("worth 4.75 billion dollars with the US"), not in another clause."""
    current = head
    for _ in range(6):
        if current.i == root.i:
            return True
        if current.dep_ not in _ORDER_PHRASE_DEPS or current.pos_ in ("VERB", "AUX"):
            return False
        if current.dep_ == "amod" and current.lower_ != "worth":
            return False
        current = current.head
    return False


def _absorb_generic_heads(slots: list[WeaponSlot]) -> list[WeaponSlot]:
    """Drop a generic noun that heads a named system ("Bayraktar TB2 UAVs" -> one slot)."""
    named_heads = {s.head for s in slots if s.mention.kind == "weapon"}
    return [s for s in slots if not (s.mention.kind == "generic" and s.head in named_heads)]
