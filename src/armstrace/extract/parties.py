"""Find the parties of a trigger: its subject side, its prepositional sides and the holders.

Each function reads one place a party can stand in the parse ("France sold", "sold to
Greece", "provided Syria six bombers", "Soviet-supplied equipment", "Turkey's jets") and
returns the Parties named there, a pronoun or a description ("the Balkan country") to be
resolved later (coreference.py). The functions that need the trigger lexicon take it first.
"""

from __future__ import annotations

from typing import TypeGuard

from spacy.tokens import Token

from armstrace.extract.facts import ParsedSentence, Party, party_from
from armstrace.extract.lexicon import Lexicon
from armstrace.extract.mention import Mention
from armstrace.extract.status import has_to_infinitive, is_accused_deed
from armstrace.extract.tree import (
    CLAUSE_DEPS,
    argument_holders,
    crosses_verb,
    direct_object,
    find_gerund_subject,
    governing_verb,
    holding_noun,
    is_controlled_infinitive,
    is_sponsor_modifier,
    listed_by,
    path_to,
    relative_antecedent,
    speech_subject,
)
from armstrace.extract.words import (
    ALLY_NOUNS,
    COMPANY_NOUNS,
    CURRENCY_NOUNS,
    FORCE_NOUNS,
    GOVERNING_NOUNS,
    GROUP_NOUNS,
    HOLDING_VERBS,
    ORGAN_NOUNS,
    ORIGIN_PARTICIPLES,
    PARTY_HEAD_NOUNS,
    PRONOUNS_PLURAL,
    PRONOUNS_SINGULAR,
    RELATIVE_PRONOUNS,
    STATE_NOUNS,
)


def _describes(sentence: ParsedSentence, token: Token) -> bool:
    """Tell whether a party sits inside an apposition headed by a common noun ("India, a
    close US partner"), not in a list the parser read as one ("West Germany, the
    Netherlands, Denmark")."""
    current = token
    while current.dep_ != "appos" and current.head.i != current.i:
        current = current.head
    mention = sentence.mention_heads.get(current.i)
    named = mention is not None and (
        mention.kind == "state" or (mention.is_party and mention.surface[:1].isupper())
    )
    return current.dep_ == "appos" and not named  # "a Kurdish-led militia" describes too


# Heads that count the people of an "of" phrase: "tens of thousands of Shia militia fighters".
COUNTED_PEOPLE_HEADS = frozenset({"thousand", "hundred", "dozen", "ten", "million", "score"})


def parties_at(
    sentence: ParsedSentence, root: Token, direct: bool = False
) -> list[Party]:
    """Return the parties an argument phrase names, the phrase's head first.

    Parties that only modify the head ("Serbia's neighbor Kosovo", "Russian ally Serbia")
    lose to the head; parties inside a clause of their own are not this argument's.
    """
    ranked: list[tuple[int, int, Party]] = []
    root_mention = sentence.mention_heads.get(root.i)
    root_is_party = root_mention is not None and root_mention.is_party
    for token in root.subtree:
        mention = sentence.mention_heads.get(token.i)
        if mention is None or not mention.is_party:
            continue
        path = path_to(token, root)
        if path is None or (
            any(dep in CLAUSE_DEPS for dep in path) and not listed_by(token, root)
        ):
            continue
        if is_sponsor_modifier(token):
            continue  # "the Iran-backed militia groups" are not Iran
        if "appos" in path and root_is_party and _describes(sentence, token):
            continue  # "India, a close US partner": the apposition describes India
        if token.head.lemma_.lower() in CURRENCY_NOUNS:
            continue  # "39.3 billion Swedish crowns" names a currency, not a party
        rank = 0
        ranked_token = token
        while ranked_token.dep_ == "conj" and ranked_token.head.i != root.i:
            ranked_token = ranked_token.head  # "Indian and Russian companies": as Indian
        token_for_rank = ranked_token
        if token_for_rank.dep_ in ("poss", "amod", "compound", "nmod", "npadvmod") and (
            token_for_rank.i != root.i
        ):
            head_mention = sentence.token_mention.get(token_for_rank.head.i)
            rank = 3 if head_mention is not None and head_mention.is_party else 2
            if token_for_rank.dep_ == "compound" and head_mention is None:
                rank = 0  # "Kosovo leaders", "U.S. Navy": the compound names the party
            head = token_for_rank.head
            if (
                head_mention is None
                and head.dep_ == "conj"
                and head.lemma_.lower() in PARTY_HEAD_NOUNS
            ):
                rank = 0  # "by BAe and Swiss industry": the adjective names a conjunct
        elif "prep" in path:
            rank = 1
        ranked.append((rank, token.i, party_from(mention, token.i)))
    best = min((rank for rank, _, _ in ranked), default=None)
    if best is not None and best == 0:
        return [party for rank, _, party in sorted(ranked, key=lambda r: r[1]) if rank == 0]
    if root.lower_ in PRONOUNS_SINGULAR | PRONOUNS_PLURAL:
        return [Party(None, None, root.i, "pronoun")]
    described = [
        party for rank, index, party in sorted(ranked, key=lambda r: r[1])
        if rank == 2 and root.doc[index].dep_ == "amod" and root.doc[index].head.i == root.i
    ]
    if described and root.lemma_.lower() in ALLY_NOUNS | ORGAN_NOUNS:
        return described  # "our Syrian friends", "its Saudi customers": who they are
    for child in root.children:
        # "its growing cooperation with Moscow": the owner, not the partner
        if child.dep_ == "poss" and child.lower_ in PRONOUNS_SINGULAR | PRONOUNS_PLURAL:
            return [Party(None, None, child.i, "pronoun")]
    lemma = root.lemma_.lower()
    of_objects = [
        g
        for c in root.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    counts_people = lemma in COUNTED_PEOPLE_HEADS and any(
        (m := sentence.mention_heads.get(g.i)) is not None and m.kind == "group"
        for g in of_objects
    )  # "tens of thousands of Shia militia fighters", never "hundreds of Shahed drones"
    is_group = (
        root.tag_ == "NNS"
        and (lemma in GROUP_NOUNS or counts_people)
        or any(g.lemma_.lower() in GROUP_NOUNS for g in of_objects)
    )
    if best == 1 and is_group and root.tag_ == "NNS":
        named = [
            party_from(m, g.i)
            for g in of_objects
            if (m := sentence.mention_heads.get(g.i)) is not None and m.kind == "group"
        ]
        if named:
            return named[:1]  # "vetted groups of the Free Syrian Army": the named group
        # "thousands of Shia militants in Iraq": the militants, not Iraq
        return [Party(None, None, root.i, "group-description")]
    if best == 1 and lemma not in PARTY_HEAD_NOUNS:
        return []  # "critics of Trump's decision" are no party of the United States
    if best is not None:
        return [party for rank, _, party in sorted(ranked, key=lambda r: r[1]) if rank == best]
    if is_group:
        # "arming rebels", "thousands of Shia militants"
        return [Party(None, None, root.i, "group-description")]
    if any(c.lower_ == "the" for c in root.children):
        if lemma in COMPANY_NOUNS:
            return [Party(None, None, root.i, "company-description")]
        if lemma in STATE_NOUNS or lemma in FORCE_NOUNS:
            return [Party(None, None, root.i, "description")]
        if lemma in GROUP_NOUNS:
            return [Party(None, None, root.i, "group-description")]
    return []


def parties_under_prep(sentence: ParsedSentence, prep: Token) -> list[Party]:
    parties: list[Party] = []
    for child in prep.children:
        if child.dep_ not in ("pobj", "pcomp"):
            continue
        goods = sentence.token_mention.get(child.i)
        if goods is not None and goods.is_weapon:
            continue  # "a contract for 36 Gripen jets": the goods, not a party
        parties += parties_at(sentence, child)
    return parties


# Nouns of a place where weapons are made: "set up a factory in Saudi Arabia to produce".
PRODUCTION_SITE_NOUNS = frozenset(
    {"factory", "plant", "facility", "line", "shipyard", "yard", "works", "production"}
)


def production_sites(sentence: ParsedSentence, verb: Token) -> list[Party]:
    """Return the states a verb of making makes its weapons in: "built in Poland", "built
    under licence at Mazagon Dock in Mumbai", "set up a factory in Saudi Arabia to produce
    drones", "a plant in Lithuania to make shells"."""
    # the verb, and its object ("produce drones in Saudi Arabia": the parser may hang the
    # place on the drones)
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    if has_to_infinitive(verb):
        site = verb.head
        if verb.dep_ == "advcl" and site.pos_ == "VERB":
            # "set up a factory in X to produce": where the factory is set up
            holders += [site, *(c for c in site.children if c.dep_ == "dobj")]
        elif verb.dep_ in ("acl", "relcl") and site.lemma_.lower() in PRODUCTION_SITE_NOUNS:
            holders.append(site)  # "a plant in Lithuania to make shells"
    sites: list[Party] = []
    pending = [(holder, 0) for holder in holders]
    while pending:
        word, depth = pending.pop(0)
        for prep in word.children:
            if prep.dep_ != "prep":
                continue
            found = [
                p for p in parties_under_prep(sentence, prep) if p.state
            ] if prep.lower_ in ("in", "at") else []
            if found:
                sites += [p for p in found if p not in sites]
            elif depth < 2:  # "under licence in Poland", "at Mazagon Dock in Mumbai"
                pending += [(o, depth + 1) for o in prep.children if o.dep_ == "pobj"]
    return sites


def prep_side(
    sentence: ParsedSentence, token: Token, words: tuple[str, ...]
) -> list[Party]:
    parties: list[Party] = []
    for holder in argument_holders(token):
        for child in holder.children:
            # the parser labels "delivering missiles to the group" as dative "to"
            if child.dep_ in ("prep", "dative") and child.lower_ in words:
                parties += parties_under_prep(sentence, child)
    return parties


def agents_of(verb: Token) -> list[Token]:
    """Return a passive verb's "by" agents, or, failing them, those of a past participle
    joined to it by "and" ("armed and funded by Iran": Iran arms too)."""
    own = [c for c in verb.children if c.dep_ == "agent"]
    if own:
        return own
    return [
        g
        for c in verb.children
        if c.dep_ == "conj" and c.tag_ == "VBN"
        for g in c.children
        if g.dep_ == "agent"
    ]


def armed_subject(sentence: ParsedSentence, verb: Token) -> list[Party]:
    """Read the party a passive of arming joined to another verb describes: "the rebels
    were trained and armed by the CIA", "the militia is armed and trained by Iran" (the
    parser's "armed" a complement of "is"). Only with a "by" agent, which arms them."""
    holder = verb
    while holder.dep_ == "conj" and holder.head.pos_ in ("VERB", "ADJ"):
        holder = holder.head
    if holder is verb and verb.dep_ != "acomp":
        return []
    if not agents_of(verb) and not agents_of(holder):
        return []
    clause = holder.head if holder.dep_ == "acomp" else holder
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    held = sentence.token_mention.get(subjects[0].i) if subjects else None
    if not subjects or (held is not None and held.is_weapon):
        return []
    who = clause.head if subjects[0].lower_ in RELATIVE_PRONOUNS else subjects[0]
    return parties_at(sentence, who)


def participle_holder(sentence: ParsedSentence, token: Token) -> list[Party]:
    """Read "the Houthis, armed by Iran with drones" (or "who are armed by Iran"), "the
    Peshmerga, armed with German Milan missiles" (the goods' origin the giver): the noun a
    giving participle describes is what was given to, unless that noun is the goods."""
    if not agents_of(token) and not _given_with_origin(sentence, token):
        return []
    participle = token
    while participle.dep_ == "conj" and participle.head.tag_ == "VBN":
        participle = participle.head  # "an adversary trained and armed by the US"
    relative = participle.dep_ == "relcl" and any(
        c.dep_ == "nsubjpass" and c.lower_ in RELATIVE_PRONOUNS for c in participle.children
    )  # "the Houthis, who are armed by Iran"
    if not relative and not partitive_participle(participle) and (
        participle.dep_ != "acl" or participle.tag_ != "VBN"
    ):
        return []
    described = partitive_goods(participle) or participle.head
    own_words = {t.i for t in participle.subtree}
    holder = sentence.token_mention.get(described.i)
    if holder is not None and holder.is_weapon:
        # "drones supplied by Iran": the goods; whoever holds or uses them got them
        return [p for p in goods_holders(sentence, described) if p.token not in own_words]
    parties = [p for p in parties_at(sentence, described) if p.token not in own_words]
    if not parties and token.lemma_ == "arm" and described.pos_ == "NOUN" and holder is None:
        # "an adversary trained and armed by the US": only people and forces are armed, so
        # the noun is an armed party by description (the group named before, if any)
        return [Party(None, None, described.i, "group-description")]
    return parties


def _given_with_origin(sentence: ParsedSentence, participle: Token) -> bool:
    """Tell whether a participle's "with" goods name the state they come from: "armed
    with German Milan missiles", "equipped with US-made rifles"."""
    return any(
        (mention := sentence.mention_heads.get(word.i)) is not None and mention.kind == "state"
        for prep in participle.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for goods in prep.children
        for word in goods.subtree
        if word.i < goods.i
    )


def relative_object_holder(sentence: ParsedSentence, token: Token) -> list[Party]:
    """Read "the militias Iran has armed with drones", "the rebels whom Qatar armed with
    missiles": a giving verb in a relative clause with a subject of its own and no object
    but the relative pronoun gives to the noun the clause describes, when it is a party."""
    if token.dep_ != "relcl" or token.pos_ != "VERB":
        return []
    children = list(token.children)
    if not any(c.dep_ == "nsubj" for c in children) or any(
        c.dep_ in ("dobj", "dative") and c.lower_ not in RELATIVE_PRONOUNS for c in children
    ):
        return []  # "the rebels (whom) Qatar armed"; not "the base Iran sent drones from"
    described = sentence.mention_heads.get(token.head.i)
    if described is None or not described.is_party:
        return []
    own_words = {t.i for t in token.subtree}
    return [p for p in parties_at(sentence, token.head) if p.token not in own_words]


# Words of a part of a set: "most of them supplied by Iran", "many of which were bought".
PARTITIVE_WORDS = frozenset({"most", "many", "some", "all", "half", "several", "much", "part"})


def partitive_participle(participle: Token) -> bool:
    """Tell whether a participle says something of part of the noun before it: "130,000
    rockets, most of them supplied by Iran" (the parser makes it a relative clause or an
    adverbial one)."""
    return participle.dep_ in ("relcl", "advcl") and participle.tag_ == "VBN" and any(
        c.dep_ in ("nsubj", "nsubjpass")
        and c.lower_ in PARTITIVE_WORDS
        and any(
            g.lower_ in ("them", "which", "these", "those")
            for p in c.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
        )
        for c in participle.children
    )


def partitive_goods(participle: Token) -> Token | None:
    """Return the noun a partitive participle is about: the noun its relative clause hangs
    on, or the object of the clause its adverbial one hangs on ("has stockpiled thousands
    of rockets, most of them supplied by Syria": rockets)."""
    if not partitive_participle(participle):
        return None
    if participle.dep_ == "relcl":
        return participle.head
    objects = [c for c in participle.head.children if c.dep_ == "dobj" and c.i < participle.i]
    if not objects:
        return None
    noun = objects[-1]
    of_objects = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children]
    return of_objects[0] if of_objects else noun  # "thousands of rockets": the rockets


# Verbs whose subject holds or uses the weapons that are their object.
GOODS_HOLDING_VERBS = HOLDING_VERBS | {"amass", "stockpile", "fire", "launch", "employ", "receive"}
# Verbs whose "with" is the weapon their subject uses
INSTRUMENT_VERBS = frozenset(
    {
        "strike", "hit", "attack", "target", "bomb", "shell", "pound", "shoot", "destroy",
        "kill", "fire", "sink", "defend", "protect", "intercept", "repel", "arm", "equip",
        "fight",
    }
)


def goods_holders(sentence: ParsedSentence, goods: Token) -> list[Party]:
    """Return who holds weapons a participle says were supplied: their possessor
    ("Hezbollah's rockets, supplied by Iran"), or the subject of the verb that holds or
    uses them ("Hezbollah has amassed 130,000 rockets, most of them supplied by Iran";
    "the rebels fired TOW missiles supplied by the US")."""
    owners = [p for c in goods.children if c.dep_ == "poss" for p in parties_at(sentence, c)]
    if owners:
        return owners
    verb: Token | None
    if goods.dep_ == "pobj" and goods.head.lower_ == "with":
        # "struck a refinery in Russia's Belgorod region with Storm Shadow missiles supplied
        # by Britain": who strikes with them holds them, wherever the "with" hangs
        verb = next((a for a in goods.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        holds = verb is not None and verb.lemma_.lower() in INSTRUMENT_VERBS
    else:
        if goods.dep_ == "pobj" and goods.head.lower_ == "of":
            goods = goods.head.head  # "thousands of rockets": what the verb holds
        verb = goods.head
        holds = goods.dep_ == "dobj" and verb.lemma_.lower() in GOODS_HOLDING_VERBS
    if verb is None or not holds:
        return []
    return [p for c in verb.children if c.dep_ == "nsubj" for p in parties_at(sentence, c)]


# "in service with the Qatari army", "in use with the navy": who holds the subject
SERVICE_NOUNS = frozenset({"service", "use", "operation"})


def _service_holders(sentence: ParsedSentence, verb: Token) -> list[Party]:
    """Return the holders a clause names for its subject: "the tanks, bought from Germany,
    are in service with the Qatari army" (the army's state)."""
    return [
        party
        for in_phrase in verb.children
        if in_phrase.dep_ == "prep" and in_phrase.lower_ == "in"
        for noun in in_phrase.children
        if noun.dep_ == "pobj" and noun.lemma_.lower() in SERVICE_NOUNS
        for with_phrase in noun.children
        if with_phrase.dep_ == "prep" and with_phrase.lower_ == "with"
        for holder in with_phrase.children
        if holder.dep_ == "pobj"
        for party in parties_at(sentence, holder)
    ]


def fused_recipient(sentence: ParsedSentence, verb: Token, obj: Token) -> list[Party]:
    """Find the indirect object the parser fused into the direct one.

    The small model reads "provided Syria six Su-24 bombers" as one noun phrase with
    "Syria" as a modifier. A country's name (not its adjective, not an abbreviation
    such as "U.S." that English uses attributively) opening the phrase, followed by a
    number, determiner or weapon, is the recipient.
    """
    if any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in verb.children):
        return []
    for stray in verb.children:
        # "will send Kyiv more missiles": the name parsed as a loose word before the object
        if verb.i < stray.i < obj.left_edge.i and stray.dep_ in ("intj", "npadvmod"):
            mention = sentence.mention_heads.get(stray.i)
            if _is_bare_state_name(mention):
                return [party_from(mention, stray.i, "named")]
    for child in obj.subtree:
        if child.i >= obj.i or child.dep_ not in ("nmod", "compound", "npadvmod"):
            continue
        mention = sentence.mention_heads.get(child.i)
        named_group = mention is not None and mention.kind == "group"  # "handed Hezbollah"
        opening = obj.left_edge
        if opening.dep_ == "det" and named_group:
            opening = opening.doc[opening.i + 1]  # "gave the Houthis drones"
        # "gave the Houthis drones" ("the" on the drones), "give the rebels armoured
        # vehicles" ("the" on the rebels)
        if mention is None or child.left_edge.i not in (opening.i, obj.left_edge.i):
            continue
        if not (_is_bare_state_name(mention) or named_group):
            continue
        between = sentence.doc[child.right_edge.i + 1 : obj.i + 1]
        if any(
            t.dep_ in ("nummod", "det") or sentence.token_mention.get(t.i) is not None
            for t in between
        ):
            return [party_from(mention, child.i, "named")]
    return []


def find_subject_side(lexicon: Lexicon, sentence: ParsedSentence, token: Token) -> list[Party]:
    if token.pos_ in ("NOUN", "PROPN"):
        parties: list[Party] = []
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                parties += parties_at(sentence, child, direct=True)
            elif child.dep_ == "prep" and child.lower_ == "by":
                parties += parties_under_prep(sentence, child)
        if parties:
            return parties
        # "the huge Saudi outlay on a defence contract": the spender is the contract's side
        parties = spender_of(sentence, token)
        if parties:
            return parties
        verb = governing_verb(token)
        while verb is not None:
            parties = verb_subject(lexicon, sentence, verb, trigger=token)
            if parties:
                return parties
            verb = governing_verb(verb) if verb.dep_ in ("prep", "pcomp", "xcomp") else None
        return []
    if (
        token.tag_ == "VBN"
        and token.dep_ == "acl"
        and token.head.dep_ == "dobj"
        and token.head.head.lemma_ in KEEPING_VERBS
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
        and parties_at(sentence, token.head)
    ):
        # "Moscow kept the Syrian army supplied with tanks": the army is supplied, and who
        # keeps it so supplies it
        return verb_subject(lexicon, sentence, token.head.head)
    if token.tag_ == "VBN" and token.dep_ in ("amod", "acl"):
        entry = lexicon.lookup(token.lemma_, "VERB")
        if (entry is not None and entry.role == "supplier") or (
            token.lemma_.lower() in ORIGIN_PARTICIPLES
        ):
            # "Soviet-supplied equipment", "U.S.-built jets": the modifier supplies
            parties = [
                party_from(m, c.i)
                for c in token.children
                if c.dep_ in ("npadvmod", "compound", "nmod", "amod")
                and (m := sentence.mention_heads.get(c.i)) is not None
                and m.is_party
            ]
            if parties:
                return parties
        else:
            # "its newly acquired Silkworm": the owner of the thing acquired
            for child in token.head.children:
                if child.dep_ == "poss":
                    return parties_at(sentence, child, direct=True)
    return verb_subject(lexicon, sentence, token)


def spender_of(sentence: ParsedSentence, token: Token) -> list[Party]:
    """Return who spends on the contract a trigger is or describes: the owner of a noun of
    spending the contract hangs on ("the large Egyptian outlay on a defence contract to
    supply 24 helicopters": Egypt, who pays and so buys)."""
    contract = token.head if token.pos_ == "VERB" and token.dep_ == "acl" else token
    holder = holding_noun(contract)
    if holder is None:
        return []
    return [p for child in holder.children if child.dep_ in ("poss", "amod", "compound", "nmod")
            for p in parties_at(sentence, child, direct=True)]


def verb_subject(
    lexicon: Lexicon, sentence: ParsedSentence, verb: Token, trigger: Token | None = None
) -> list[Party]:
    gerund_subject = find_gerund_subject(verb)
    if gerund_subject is not None:
        # "could lead to Indonesia buying two submarines": Indonesia buys
        return parties_at(sentence, gerund_subject)
    current: Token | None = verb
    main_clauses: set[int] = set()  # verbs reached from a gerund of time or means
    while current is not None:
        agents = agents_of(current)  # its own, or those of a participle joined by "and"
        passive = bool(agents) or any(
            c.dep_ in ("nsubjpass", "auxpass") for c in current.children
        )
        if passive and current.i in main_clauses:
            # "Turkey will be removed ... after taking delivery of the S-400": the one the
            # main clause is about took delivery
            subjects = [c for c in current.children if c.dep_ == "nsubjpass"]
            return parties_at(sentence, subjects[0]) if subjects else []
        for child in current.children:
            if trigger is not None and trigger in child.subtree:
                # "collaboration ..., symbolised by the purchase of S-400s": the purchase
                # is the agent itself; whose purchase it is lies further up
                passive = False
                continue
            if passive and child.dep_ == "agent":
                return parties_under_prep(sentence, child)
            if not passive and child.dep_ in ("nsubj", "expl") and child.dep_ != "expl":
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return parties_at(sentence, current.head)
                return parties_at(sentence, child)
        if passive and agents:
            return parties_under_prep(sentence, agents[0])  # "armed and funded by Iran"
        if passive:
            # "Jordan was given 12 helicopters by Israel": the parser hung the agent's "by"
            # on the object
            return [
                party
                for obj in current.children
                if obj.dep_ == "dobj"
                for prep in obj.children
                if prep.dep_ == "prep" and prep.lower_ == "by"
                for party in parties_under_prep(sentence, prep)
            ]
        head = current.head
        if is_controlled_infinitive(current) and (controller := direct_object(head)):
            # "asked Germany to supply": Germany is who supplies; "approached six European
            # countries to supply": nobody named
            return parties_at(sentence, controller)
        if current.dep_ == "xcomp" and head.pos_ == "ADJ" and head.head.i != head.i:
            current = head.head  # "Morocco is due to receive": the subject of "is"
            continue
        if current.dep_ == "xcomp" and any(c.dep_ == "nsubjpass" for c in head.children):
            # "Britain was expected to offer", "Iran is said to have bought"
            subject = next(c for c in head.children if c.dep_ == "nsubjpass")
            return parties_at(sentence, subject)
        if (
            current.dep_ in ("acl", "relcl")
            and head.pos_ in ("NOUN", "PROPN")
            and has_to_infinitive(current)
            or (current.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"))
        ):
            # "BAe won a contract to supply", "a deal to buy": the noun's owner or the
            # subject of the verb that holds the noun; "requests from Latvia and Lithuania
            # to transfer Stingers": who asks would do it
            return asked_by(sentence, head) or find_subject_side(lexicon, sentence, head)
        if (
            current.dep_ == "pcomp"
            and current.head.dep_ == "prep"
            and current.head.head.pos_ in ("NOUN", "PROPN", "ADJ")
            and current.head.head.lemma_.lower() in GOVERNING_NOUNS | {"interested"}
        ):
            # "Poland is in talks with South Korea about buying more K9s": the talker
            return find_subject_side(lexicon, sentence, current.head.head)
        if is_accused_deed(current):
            # "Egypt has been accused of supplying the LNA", "accused Iran of arming the
            # Houthis": the accused did it
            accuser = current.head.head
            accused = [c for c in accuser.children if c.dep_ == "nsubjpass"] or [
                c for c in accuser.children if c.dep_ == "dobj"
            ]
            return parties_at(sentence, accused[0]) if accused else []
        if (
            current.dep_ == "pcomp"
            and current.head.lower_ == "from"
            and current.head.head.pos_ == "VERB"
            and (held_back := direct_object(current.head.head)) is not None
            and (held_back_parties := parties_at(sentence, held_back))
        ):
            # "Washington barred Israel from selling radars to China", "kept Berlin from
            # sending tanks": who is held back would do it
            return held_back_parties
        if current.dep_ == "pcomp" and current.head.lower_ == "for":
            # "sanctions on an Indian firm for buying S-400s", "fined Turkey for buying":
            # who is acted on for a deed did it
            owner = current.head.head
            acted_on: list[Party] = []
            if owner.pos_ in ("NOUN", "PROPN"):
                acted_on = [
                    party_from(m, c.i)
                    for c in (owner, *owner.children)
                    if c.i == owner.i or c.dep_ in ("amod", "compound", "poss", "nmod")
                    if (m := sentence.mention_heads.get(c.i)) is not None and m.is_party
                ]
            elif owner.pos_ == "VERB" and (obj := direct_object(owner)) is not None:
                # "imposed sanctions on China for buying": the sanctions' target
                acted_on = parties_at(sentence, obj) or [
                    party
                    for prep in obj.children
                    if prep.dep_ == "prep" and prep.lower_ in ("on", "against")
                    for party in parties_under_prep(sentence, prep)
                ]
            if acted_on:
                return acted_on
        if (
            current.dep_ == "pcomp"
            and current.head.dep_ == "prep"
            and (
                current.head.lower_ in ("by", "after", "before", "while", "through", "in")
                # "Denmark and the Netherlands commit to donating F-16s": who commits
                or (
                    current.head.lower_ == "to"
                    and current.head.head.lemma_ in ("commit", "pledge")
                )
            )
        ):
            # "By arming militants, Tehran has sought ...": the main clause's subject
            current = current.head.head if current.head.head.pos_ in ("VERB", "AUX") else None
            if current is not None and current.lemma_ not in ("commit", "pledge"):
                main_clauses.add(current.i)
            continue
        if (
            current.dep_ in ("xcomp", "conj", "acl", "advcl", "acomp")
            and current.head.i != current.i
        ):
            # "acomp": "Vietnam is interested in ...": the subject of "is"
            current = current.head if current.head.pos_ in ("VERB", "AUX") else None
        else:
            current = None
    return []


def holders_of(
    sentence: ParsedSentence, noun: Token, verbs: frozenset[str] = HOLDING_VERBS
) -> list[Party]:
    """Return who holds a weapon: "Egypt's arsenal is made up of Soviet-supplied equipment",
    "Turkey's German-supplied Panzer forces". A firm's possessive is its maker, no holder."""
    return [p for p in owners_of(sentence, noun, verbs) if p.how != "company"]


def owners_of(
    sentence: ParsedSentence, noun: Token, verbs: frozenset[str] = HOLDING_VERBS
) -> list[Party]:
    """Return who holds the weapon `noun`: its possessor, the subject of a verb of holding
    it governs ("Iran has emplaced Chinese-made missiles"), or of one in a relative clause
    on it, perhaps under a verb of saying ("missiles, which the U.S. says Iran has deployed").
    """
    for child in noun.children:
        if child.dep_ == "poss":
            return parties_at(sentence, child, direct=True)
    for clause in noun.children:
        if clause.dep_ != "relcl":
            continue
        for verb in (clause, *(c for c in clause.children if c.dep_ == "ccomp")):
            if verb.lemma_ not in verbs:
                continue
            for subject in verb.children:
                if subject.dep_ == "nsubj" and subject.lower_ not in RELATIVE_PRONOUNS:
                    return parties_at(sentence, subject)
    current = noun
    for _ in range(4):
        if current.head.i == current.i:
            break
        current = current.head
        if current.pos_ in ("NOUN", "PROPN") and current.dep_ != "prep":
            # "Iran's recent stationing of Chinese-made missiles"
            for child in current.children:
                if child.dep_ == "poss":
                    return parties_at(sentence, child, direct=True)
        if current.pos_ in ("VERB", "AUX"):
            user = _user_of_participle(sentence, current, verbs)
            if user:
                return user
            for child in current.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    owners = [c for c in child.subtree if c.dep_ == "poss"]
                    for owner in owners:
                        parties = parties_at(sentence, owner, direct=True)
                        if parties:
                            return parties
                    if current.lemma_ in verbs and child.dep_ == "nsubjpass":
                        # "North Korean shells are being used by Russian forces": the
                        # agent holds them
                        return [p for a in agents_of(current) for p in parties_at(sentence, a)]
                    if current.lemma_ in verbs:
                        return parties_at(sentence, child)
            serving = _service_holders(sentence, current)
            if serving:
                return serving  # "tanks bought in 2013 are in service with the Qatari army"
            break
    return []


def _user_of_participle(
    sentence: ParsedSentence, verb: Token, verbs: frozenset[str]
) -> list[Party]:
    """ "Syrian crews intercepted the missiles using Pantsir systems": a participle of
    holding with no subject of its own is done by the subject of the clause it hangs on."""
    if (
        verb.tag_ != "VBG"
        or verb.lemma_ not in verbs
        or verb.dep_ not in ("acl", "advcl")
        or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        return []
    clause = verb.head
    if clause.pos_ not in ("VERB", "AUX") and clause.dep_ in ("dobj", "pobj"):
        clause = clause.head  # "intercepted the missiles using": hung on the object
    if clause.pos_ not in ("VERB", "AUX"):
        return []
    return [
        party
        for subject in clause.children
        if subject.dep_ == "nsubj"
        for party in parties_at(sentence, subject)
    ]


# Words that introduce the alternative a buyer turned down: "selects the Type 26 over rival
# designs from the US", "instead of the Patriot", "rather than the Rafale"
REJECTED_ALTERNATIVE_WORDS = frozenset({"over", "instead", "rather", "beating", "against"})


def in_rejected_alternative(word: Token, trigger: Token) -> bool:
    """Tell whether a word lies in a phrase naming what the trigger's buyer turned down."""
    current = word
    while current.i != trigger.i and current.head.i != current.i:
        if current.lower_ in REJECTED_ALTERNATIVE_WORDS and current.dep_ in (
            "prep", "advmod", "cc", "acl", "advcl", "pcomp"
        ):
            return True
        current = current.head
    return False


# Words that set aside the alternative named after them: "rather than", "instead of",
# "in preference to".
REJECTING_PAIRS = frozenset({("rather", "than"), ("instead", "of"), ("preference", "to")})


def rejected_by_words_before(token: Token) -> bool:
    """Tell whether a weapon is the option set aside by the words right before its phrase:
    "buy the SAMP/T NG rather than the US Patriot", "instead of more F-16s". The parser
    hangs "rather than" beside the phrase, not above it, so `in_rejected_alternative`
    (which climbs the tree) does not see it there."""
    noun = token
    while noun.dep_ in ("compound", "nmod", "amod") and noun.head.i > noun.i:
        noun = noun.head
    start = noun.left_edge.i
    doc = token.doc
    if start < 2:
        return False
    return (doc[start - 2].lower_, doc[start - 1].lower_) in REJECTING_PAIRS


def loose_prep_side(
    lexicon: Lexicon, sentence: ParsedSentence, token: Token, word: str
) -> list[Party]:
    """Find "from X" / "to X" after the trigger that the parse hung elsewhere.

    "ordered 180 trucks worth 18.5 mln dlrs from AM General, a unit of LTV": the parser
    attaches "from" to "dlrs". Only a preposition within the trigger's clause counts.
    """
    clause = token
    while clause.dep_ not in ("ROOT", *CLAUSE_DEPS) and clause.head.i != clause.i:
        clause = clause.head
    for candidate in clause.subtree:
        if candidate.i <= token.i or candidate.lower_ != word or candidate.dep_ != "prep":
            continue
        if candidate not in token.subtree and candidate.head.i != token.head.i:
            continue  # "proceeds from the sales were funneled to X": X is not the buyer
        if in_rejected_alternative(candidate, token):
            continue  # "selects the Type 26 over rival designs from the US"
        if (
            crosses_verb(candidate, token, lexicon)
            or candidate.head.pos_ == "VERB"
            and (candidate.head.i != token.i)
        ):
            continue  # "to help protect forces from Soviet aircraft"
        parties = [
            party_from(m, t.i)
            for t in candidate.subtree
            if (m := sentence.mention_heads.get(t.i)) is not None and m.is_party
        ]
        if parties:
            return parties[:1]
    return []


def nearest_company(
    sentence: ParsedSentence, token: Token, exclude: list[Party]
) -> list[Party]:
    """Return the company nearest the trigger as a supplier of last resort.

    Companies announce their own sales ("LTV Corp said Pakistan ordered 180 trucks");
    a firm of the recipient's own state is no supplier.
    """
    excluded = {p.state for p in exclude}
    speaker = speech_subject(token)
    near = {t.i for t in token.subtree} | ({t.i for t in speaker.subtree} if speaker else set())
    relative = relative_antecedent(token)
    if relative is not None:
        # "AB Bofors, which is at the centre of an inquiry into arms shipments to Iran"
        clause, described = relative
        near |= {t.i for t in described.subtree} - {t.i for t in clause.subtree}
    companies = [
        (abs(i - token.i), i, m)
        for i, m in sentence.mention_heads.items()
        if m.kind == "company" and m.state not in excluded and i in near
    ]
    if not companies:
        return []
    _, index, mention = min(companies)
    return [Party(mention.state, None, index, "company-fallback")]


def licensor_side(sentence: ParsedSentence, token: Token) -> list[Party]:
    """Return who grants the licence: "built under licence from U.S. firms"."""
    parties: list[Party] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "under":
            for licence in child.children:
                for prep in licence.children:
                    if prep.dep_ == "prep" and prep.lower_ == "from":
                        parties += parties_under_prep(sentence, prep)
    return parties


def _is_bare_state_name(mention: Mention | None) -> TypeGuard[Mention]:
    """Tell whether a mention is a state's name or capital, neither adjective nor "U.S."."""
    return (
        mention is not None
        and mention.kind == "state"
        and mention.form in ("name", "capital")
        and "." not in mention.surface
        and not mention.surface.isupper()
    )


# Verbs whose subject makes the offer or bid it takes: "Germany made an offer", "submitted
# a bid"; any other verb's subject is the side offered to ("weighing offers from Germany")
OFFER_MAKING_VERBS = frozenset(
    {"make", "submit", "place", "put", "present", "table", "lodge", "file", "extend", "renew",
     "sweeten", "improve", "withdraw", "repeat", "send"}
)


# A seller's nouns whose "from" names the seller: "offers from Germany"
OFFER_NOUNS = frozenset({"offer", "bid", "proposal"})


# Nouns whose "from" names who would do what their infinitive says: "requests from Latvia
# to transfer Stingers", "an offer from Saab to build" (not "a contract from Poland to
# supply": an order's "from" is its buyer)
ASKING_NOUNS = OFFER_NOUNS | {"request", "application", "plea", "appeal"}


def asked_by(sentence: ParsedSentence, noun: Token) -> list[Party]:
    """Return the parties of the "from" of an asking noun, if it is one."""
    if noun.lemma_.lower() not in ASKING_NOUNS:
        return []
    return own_prep_parties(sentence, noun, ("from",))


def own_prep_parties(
    sentence: ParsedSentence, word: Token, prepositions: tuple[str, ...]
) -> list[Party]:
    """Return the parties a word's own prepositions name ("offers from Germany", "the F-35
    package for Abu Dhabi"), not those of the verb above it (`prep_side`)."""
    return [
        party
        for child in word.children
        if child.dep_ == "prep" and child.lower_ in prepositions
        for party in parties_under_prep(sentence, child)
    ]


def offer_makers(sentence: ParsedSentence, token: Token) -> list[Party]:
    """Return the parties of the "from" of a seller's noun that a verb of the other side
    governs: "weighing offers from Germany" (not "Germany made an offer from Kiel")."""
    if token.pos_ != "NOUN" or token.dep_ not in ("dobj", "nsubjpass"):
        return []
    if token.lemma_.lower() not in OFFER_NOUNS:
        return []  # "won a contract from Hungary": an order's "from" is its buyer
    if token.head.lemma_.lower() in OFFER_MAKING_VERBS:
        return []
    return own_prep_parties(sentence, token, ("from",))


# Verbs that keep their object in a state: "kept the army supplied with tanks"
KEEPING_VERBS = frozenset({"keep", "leave", "get"})


# Words that make a "with" a companion of the subject: "together with Denmark", "jointly
# with Norway", "along with Romania"
_COMPANION_WORDS = frozenset({"together", "jointly", "along"})


def companions(sentence: ParsedSentence, verb: Token, subject: list[Party]) -> list[Party]:
    """Return the parties a clause says act together with its subject: "the Netherlands
    will donate 14 Leopard tanks to Ukraine together with Denmark", "Germany, together
    with the Netherlands, will send Patriots", "Sweden will deliver the jets alongside
    Denmark". They stand on the subject's side."""
    if not subject:
        return []
    holders = [verb, *(sentence.doc[p.token] for p in subject if p.token >= 0)]
    found: list[Party] = []
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep":
                continue
            joined = prep.lower_ == "alongside" or (
                prep.lower_ == "with"
                and any(
                    c.dep_ == "advmod" and c.lower_ in _COMPANION_WORDS
                    for c in (*prep.children, *holder.children)
                    if c.i < prep.i
                )
            )
            if joined:
                found += [p for p in parties_under_prep(sentence, prep) if p.state or p.name]
    return found
