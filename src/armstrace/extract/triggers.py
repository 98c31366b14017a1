"""Find the trigger words of a sentence: the lexicon's words and the constructions that act as one.

Besides the words of extract/data/triggers.csv (and their misspellings), a construction can
state a transfer: an arms package approved, a request or talks over a weapon, an arrival, a
pledge, a "Chinese-made" weapon held, an expulsion from a weapon's programme, and the
co-production readings of "jointly produce", "built under licence", "a joint helicopter".
"""

from __future__ import annotations

from spacy.tokens import Token

from armstrace.extract.antecedents import names_again
from armstrace.extract.destinations import destination_entry
from armstrace.extract.facts import ParsedSentence
from armstrace.extract.lexicon import Lexicon, TriggerWord
from armstrace.extract.spelling import Speller
from armstrace.extract.status import (
    FROM_NOW_WORDS,
    SIGNED_INTENT_NOUNS,
    decision_given,
    is_intent_document,
    no_new_permissions,
)
from armstrace.extract.weapon_slots import (
    object_carries_weapon,
    production_purposes,
    site_makes,
)
from armstrace.extract.words import (
    ARRIVAL_VERBS,
    ASKING_VERBS,
    BUYER_ROLE_NOUNS,
    BUYING_WORDS,
    EXPORT_PERMISSION_MODIFIERS,
    EXPULSION_VERBS,
    JOINT_WORDS,
    LICENCE_WORDS,
    LISTING_VERBS,
    ORDER_NOUNS,
    ORIGIN_PARTICIPLES,
    PACKAGE_KINDS,
    PACKAGE_NOUNS,
    PACKAGE_VERBS,
    PERMISSION_NOUNS,
    PLEDGE_VERBS,
    PRODUCTION_NOUNS,
    PRODUCTION_VERBS,
    PROGRAMME_NOUNS,
    REQUEST_PREPOSITIONS,
    SERVICE_PACKAGE_KINDS,
    SUPPLIER_ROLE_NOUNS,
    WANTING_VERBS,
)


def find_triggers(
    lexicon: Lexicon, speller: Speller, trigger_prefixes: frozenset[str], sentence: ParsedSentence
) -> list[tuple[Token, TriggerWord]]:
    """Return the transfer and co-production trigger words of a sentence."""
    found: list[tuple[Token, TriggerWord]] = []
    for token in sentence.doc:
        if token.i in sentence.token_mention:
            continue
        if _gives_a_decision(lexicon, token):
            continue  # "gave the go-ahead for the sale": the sale is the fact
        entry = lexicon.lookup_token(token)
        if entry is None and token.pos_ == "PROPN":
            entry = lexicon.lookup(token.lemma_, "NOUN")
        if (
            entry is None
            and token.lower_[:3] in trigger_prefixes
            and speller.candidate(token)
        ):
            # "have choosen the weapons": the word a typo stands for
            corrected = speller.correct(token.lower_)
            if corrected is not None:
                entry = lexicon.lookup_word(corrected, token.pos_)
        if (
            token.lemma_ == "sign"
            and token.pos_ == "VERB"
            and any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children)
        ):
            # "Greece signed for 18 Rafales": an order
            found.append(
                (token, TriggerWord("sign", "VERB", "transfer", "recipient", "ordered", "sale"))
            )
            continue
        if (
            token.lemma_ == "option"
            and token.dep_ == "dobj"
            and token.head.lemma_ in ("take", "exercise")
        ):
            # "Doha took up an option for 12 more Rafale jets": an order
            found.append(
                (
                    token,
                    TriggerWord("option", "NOUN", "transfer", "recipient", "ordered", "sale"),
                )
            )
            continue
        if _is_intent_to_buy(token):
            # "signed a memorandum of understanding with Italy for as many as 40
            # helicopters", "a letter of intent for 12 jets": a purchase agreed, no contract
            found.append((token, INTENT_ENTRY))
            continue
        if is_export_licence(lexicon, token, sentence):
            # "Norway froze new export licences for weapons to Turkey": a permission to sell
            # (planned); halting or refusing new ones cancels (extract/status.py)
            found.append((token, EXPORT_LICENCE_ENTRY))
            continue
        if _under_export_licence(lexicon, token, sentence):
            continue  # "permits for arms exports": the permit states the fact
        halt = _own_supply_halted(lexicon, token, sentence)
        if halt is not None:
            # "Washington paused all military aid to Ukraine": the halter's own supply
            found.append((token, halt))
            continue
        if _is_arms_package(token, sentence):
            # "approved a $2.2 billion package of 108 Abrams tanks", "announced a new aid
            # package for Kyiv that includes four more launchers": a planned transfer
            found.append((token, PACKAGE_ENTRY))
            continue
        if programme_left(token, sentence) is not None:
            found.append((token, EXPULSION_ENTRY))
            continue
        request = _request_entry(token, sentence)
        if request is not None:
            found.append((token, request))
            continue
        destination = destination_entry(token, sentence)
        if destination is not None:
            found.append((token, destination))
            continue
        arrival = _arrival_entry(token, sentence)
        if arrival is not None:
            found.append((token, arrival))
            continue
        pledge = _pledge_entry(token, sentence)
        if pledge is not None:
            found.append((token, pledge))
            continue
        origin = _origin_participle_entry(token, sentence)
        if origin is not None:
            found.append((token, origin))
            continue
        joint = _coproduction_entry(token)
        built_for = None if joint else _built_for_entry(token, sentence)
        if built_for is not None:
            found.append((token, built_for))
            continue
        coproduction = (
            joint
            or _licensed_production_entry(token)
            or _joint_system_entry(token, sentence)
            or _joint_work_entry(token, sentence)
        )
        if coproduction is not None:
            found.append((token, coproduction))
        elif entry is not None and entry.word_class == "coproduction" and _states_a_purchase(token):
            continue  # "a memorandum of intent to buy 48 more Typhoons": a purchase, read there
        elif entry is not None and entry.word_class in ("transfer", "coproduction"):
            if _flown_somewhere(token, entry):
                if _flies_cargo(token, sentence):
                    found.append((token, FLOWN_CARGO_ENTRY))
                continue  # "Russia has flown 14 MiG-29s from Syria to Libya": a movement
            if token.dep_ == "compound" and token.pos_ == "NOUN":
                head_entry = lexicon.lookup_token(token.head)
                if (
                    (head_entry is not None and head_entry.word_class == "transfer")
                    or _is_arms_package(token.head)
                    or is_export_licence(lexicon, token.head, sentence)
                    or token.head.lemma_.lower() in SUPPLIER_ROLE_NOUNS | BUYER_ROLE_NOUNS
                ):
                    continue  # "export order", "aid package", "export customer": the head
                    # states the fact
            found.append((token, entry))
    return found


def _flown_somewhere(token: Token, entry: TriggerWord) -> bool:
    """Tell whether "fly" moves aircraft to a place rather than says a state operates them."""
    return (
        entry.lemma == "fly"
        and entry.role == "recipient"
        and any(c.dep_ == "prep" and c.lower_ in ("to", "into", "from") for c in token.children)
    )


# "The Emirates flew armoured vehicles to Haftar's forces": the subject sends the cargo.
FLOWN_CARGO_ENTRY = TriggerWord("fly", "VERB", "transfer", "supplier", "delivered", "unknown")
_FLYING_CATEGORIES = frozenset({"aircraft", "helicopter", "uav"})


def _flies_cargo(token: Token, sentence: ParsedSentence) -> bool:
    """Tell whether "fly ... to" carries weapons to someone rather than moves aircraft:
    the goods are no aircraft ("flew weapons into Damascus"), or aircraft go to an armed
    group ("flew drones to the Libyan National Army"), never a state's jets moved to a
    place ("has flown 14 MiG-29s from Syria to Libya")."""
    goods = [
        m
        for c in token.children
        if c.dep_ == "dobj"
        for t in c.subtree
        if (m := sentence.token_mention.get(t.i)) is not None and m.is_weapon
    ]
    if not goods:
        return False
    if any(m.category not in _FLYING_CATEGORIES for m in goods):
        return True
    return any(
        (m := sentence.token_mention.get(t.i)) is not None and m.kind == "group"
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in ("to", "into")
        for t in c.subtree
    )


def _gives_a_decision(lexicon: Lexicon, token: Token) -> bool:
    """Tell whether a verb gives or announces a decision about a transfer, not weapons:
    "gives the go-ahead for the sale", "announces a pause in arms deliveries",
    "granted approval for the export"."""
    return token.pos_ == "VERB" and decision_given(lexicon, token) is not None


PACKAGE_ENTRY = TriggerWord("package", "NOUN", "transfer", "supplier", "planned", "unknown")
INTENT_ENTRY = TriggerWord("memorandum", "NOUN", "transfer", "none", "planned", "sale")
# Documents that state an intent, not a contract: "memorandum of understanding", "MoU",
# "letter of intent" (status.is_intent_document tells a letter of intent from others).
_INTENT_NOUNS = SIGNED_INTENT_NOUNS | {"letter"}


def _states_a_purchase(token: Token) -> bool:
    """Tell whether a memorandum's content is a purchase: a buying verb hung on it or on
    its "of" noun ("a memorandum of intent to buy")."""
    if token.lemma_.lower() not in _INTENT_NOUNS:
        return False
    holders = [token, *(g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children)]
    return any(
        c.dep_ in ("acl", "relcl") and c.lemma_.lower() in BUYING_WORDS
        for holder in holders
        for c in holder.children
    )


def _is_intent_to_buy(token: Token) -> bool:
    """Tell whether a word is a memorandum or letter of intent for weapons (a purchase).

    The memorandum's "for" phrase (on it, on its "of" noun or on its verb) names what is
    to be bought; a memorandum to develop or produce something together is co-production
    and left to that reading.
    """
    if token.pos_ not in ("NOUN", "PROPN") or not is_intent_document(token):
        return False
    of_nouns = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children]
    holders = [token, *of_nouns]
    if token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
        holders.append(token.head)
    clause = {t.lemma_.lower() for h in holders for t in h.subtree}
    if clause & JOINT_WORDS or clause & PRODUCTION_VERBS:
        return False
    return any(
        c.dep_ == "prep" and c.lower_ == "for"
        for holder in holders
        for c in holder.children
    )


EXPORT_LICENCE_ENTRY = TriggerWord("licence", "NOUN", "transfer", "supplier", "planned", "sale")


def is_export_licence(lexicon: Lexicon, token: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a word is a state's permission to export weapons: an "export licence",
    "arms permits", "licences for weapons", "authorisations for the sale of bombs"; a
    licence to build a design ("production licence", "a licence for the engine") is
    co-production and read there."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in PERMISSION_NOUNS:
        return False
    if any(
        c.dep_ in ("compound", "amod") and c.lower_ in EXPORT_PERMISSION_MODIFIERS
        for c in token.children
    ):
        return True
    if _permissions_stopped(token):
        # "have frozen new licences", "no further permits would be granted" (the sentence
        # is read only in an article naming weapons)
        return True
    for preposition in token.children:
        if preposition.dep_ != "prep" or preposition.lower_ not in ("for", "of"):
            continue
        for noun in preposition.children:
            if noun.dep_ != "pobj":
                continue
            entry = lexicon.lookup_token(noun)
            if entry is not None and entry.word_class == "transfer" and noun.pos_ == "NOUN":
                return True  # "licences for the export of", "permits for arms sales"
            mention = sentence.mention_heads.get(noun.i)
            if mention is not None and mention.kind == "generic" and (
                mention.category == "other"
            ):
                return True  # "licences for weapons", "permits for military equipment"
    return False


# Verbs by which a state halts its own supply or its own permissions ("froze all military
# aid to Kyiv", "froze new licences"); "blocked", "intercepted", "seized" are others
# stopping a supply (extract/status.py).
OWN_HALT_VERBS = frozenset(
    {"suspend", "freeze", "pause", "withhold", "halt", "cut", "cease", "end"}
)
# Verbs that stop new permissions ("stopped new licences"), or their giving ("will stop
# granting new licences", "froze issuing further permits").
PERMISSION_HALT_VERBS = OWN_HALT_VERBS | {"stop"}
GIVING_PERMISSION_VERBS = frozenset({"grant", "issue", "approve", "give"})


def _permissions_stopped(token: Token) -> bool:
    """Tell whether plural permissions named only as "new" or "further" are refused or
    halted from now on: "no new licences", "froze new licences", "will not issue further
    permits". Granting "new licences" may be for anything ("for a radar plant", "to
    build the tanks"), so only their end is read as one of arms."""
    if token.tag_ != "NNS" or not any(
        c.dep_ == "amod" and c.lower_ in FROM_NOW_WORDS for c in token.children
    ):
        return False
    refused = no_new_permissions(token)
    verb = token.head
    if token.dep_ == "dobj" and verb.pos_ == "VERB":
        refused = (
            refused
            or verb.lemma_.lower() in PERMISSION_HALT_VERBS
            or any(c.dep_ == "neg" for c in verb.children)
            or (
                verb.lemma_.lower() in GIVING_PERMISSION_VERBS
                and verb.dep_ in ("xcomp", "dobj", "pcomp")
                and verb.head.lemma_.lower() in PERMISSION_HALT_VERBS
            )
        )
    return refused


def _under_export_licence(lexicon: Lexicon, token: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a transfer noun is what an export licence permits ("permits for
    weapons exports", "authorisations for the export of bombs")."""
    return (
        token.pos_ == "NOUN"
        and token.dep_ == "pobj"
        and token.head.dep_ == "prep"
        and is_export_licence(lexicon, token.head.head, sentence)
    )


def _own_supply_halted(
    lexicon: Lexicon, token: Token, sentence: ParsedSentence
) -> TriggerWord | None:
    """Return a transfer entry for a verb that halts a supply named only by its goods:
    "paused all military aid to Ukraine", "froze arms to Egypt" (a supply noun, "froze
    deliveries of tanks", is read as the fact with the verb its stage)."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in OWN_HALT_VERBS:
        return None
    entry = lexicon.lookup_token(token)
    if entry is None or entry.word_class != "governor" or entry.status != "cancelled":
        return None
    goods = [
        c for c in token.children
        if c.dep_ == "dobj" and (m := sentence.mention_heads.get(c.i)) is not None and m.is_weapon
    ]
    if not goods:
        return None
    bound = any(
        c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for")
        for holder in (token, *goods)
        for c in holder.children
    )
    return HALTED_SUPPLY_ENTRY if bound else None


HALTED_SUPPLY_ENTRY = TriggerWord("halt", "VERB", "transfer", "supplier", "cancelled", "unknown")


def _is_arms_package(token: Token, sentence: ParsedSentence | None = None) -> bool:
    """Tell whether a word is a package of weapons decided on: approved or announced,
    named as aid or arms, or said to hold weapons ("Britain's latest package for Ukraine
    comprises 100 Brimstone missiles", "the new tranche includes HIMARS ammunition"); "the
    training and logistic package includes" names none."""
    if token.lemma_.lower() not in PACKAGE_NOUNS or token.pos_ != "NOUN":
        return False
    decided = token.dep_ == "dobj" and token.head.lemma_ in PACKAGE_VERBS
    kind = any(c.lower_ in PACKAGE_KINDS for c in token.children if c.dep_ in ("compound", "amod"))
    return decided or kind or (sentence is not None and _holds_weapons(token, sentence))


def _holds_weapons(package: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a package is the subject of a listing verb whose object names weapons."""
    verb = package.head
    if package.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in LISTING_VERBS:
        return False
    kinds = [c for c in package.children if c.dep_ in ("compound", "amod", "nmod")]
    if any(k.lower_ in SERVICE_PACKAGE_KINDS for c in kinds for k in (c, *c.conjuncts)):
        return False  # "the training and logistic package includes a Hawk flight simulator"
    # what is listed are the objects themselves: "comprises 100 Brimstone missiles and
    # four Sea King helicopters", never a word inside one ("a Hawk flight simulator")
    return any(
        (mention := sentence.mention_heads.get(t.i)) is not None and mention.is_weapon
        for c in verb.children
        if c.dep_ in ("dobj", "attr")
        for t in (c, *c.conjuncts)
    )


EXPULSION_ENTRY = TriggerWord("remove", "VERB", "transfer", "expelled", "cancelled", "sale")


def programme_left(token: Token, sentence: ParsedSentence) -> Token | None:
    """Return the weapon programme an expulsion verb puts a state out of, if any."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in EXPULSION_VERBS:
        return None
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for noun in prep.children:
            if noun.lemma_.lower() in PROGRAMME_NOUNS and any(
                (m := sentence.token_mention.get(t.i)) is not None and m.kind == "weapon"
                for t in noun.subtree
            ):
                return noun
    return None


def _request_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read asks, talks and interest that name a weapon as transfers at an early stage.

    "Kyiv has asked Berlin for more IRIS-T units" (interest), "the UAE is in talks with
    Washington over 50 F-35s" (proposed), "Vietnam is interested in the missile" (interest).
    """
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in WANTING_VERBS and _wants_weapon(token, sentence):
        return TriggerWord(lemma, "VERB", "transfer", "recipient", "interest", "sale")
    if (
        token.pos_ == "VERB"
        and lemma == "narrow"
        and any(
            _weapon_under(word, sentence, REQUEST_PREPOSITIONS["narrow"])
            for word in (token, *(c for c in token.children if c.dep_ == "dobj"))
        )
    ):
        # "the Dutch have narrowed down their options to the Mongoose and the Panther"
        return TriggerWord(lemma, "VERB", "transfer", "recipient", "interest", "sale")
    if token.pos_ == "VERB" and lemma in ASKING_VERBS and _asks_for_weapon(token, sentence):
        return TriggerWord(lemma, "VERB", "transfer", "asker", "interest", "sale")
    if (
        token.pos_ == "NOUN"
        and lemma in ("talk", "negotiation", "discussion")
        and _weapon_under(token, sentence, ("over", "on", "for", "about"))
    ):
        return TriggerWord(lemma, "NOUN", "transfer", "recipient", "proposed", "sale")
    if (
        token.pos_ == "NOUN"
        and lemma == "request"
        and _weapon_under(token, sentence, ("for",))
        and any(c.dep_ == "poss" for c in token.children)
        and not any(c.dep_ == "prep" and c.lower_ in ("from", "by") for c in token.children)
    ):
        # "Kyiv's repeated requests for Iron Dome batteries": the asker's interest
        return TriggerWord(lemma, "NOUN", "transfer", "recipient", "interest", "sale")
    if token.pos_ == "ADJ" and lemma == "interested" and _weapon_under(token, sentence, ("in",)):
        return TriggerWord(lemma, "ADJ", "transfer", "recipient", "interest", "sale")
    return None


def asked_holders(token: Token) -> list[Token]:
    """Return the words an asking verb's "for" may hang on: the verb, the one asked
    ("asked Berlin for"), or one phrase further ("asks Trump at the White House for",
    "appealed to the West for")."""
    asked = [c for c in token.children if c.dep_ in ("dobj", "dative")]
    asked += [
        pobj
        for word in (token, *asked)
        for prep in word.children
        if prep.dep_ == "prep" and prep.lower_ in ("at", "in", "during", "to", "on")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    return [token, *asked]


def _asks_for_weapon(token: Token, sentence: ParsedSentence) -> bool:
    """Tell whether an asking verb's "for" names a weapon, or, in a relative clause on a
    weapon, is left without its object ("Tomahawk missiles, which Kyiv has asked for")."""
    if _wants_its_antecedent(token, sentence) and any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and all(o.lower_ in ("that", "which") for o in c.children if o.dep_ == "pobj")
        for c in token.children
    ):
        return True
    return any(_weapon_under(word, sentence, ("for",)) for word in asked_holders(token))


def _wants_its_antecedent(token: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a verb is a relative clause on a weapon with a subject of its own: "the
    Taurus missiles that Kyiv has requested", "Tomahawks, which Kyiv has asked for"."""
    mention = sentence.token_mention.get(token.head.i)
    return (
        token.dep_ == "relcl"
        and mention is not None
        and mention.is_weapon
        and any(c.dep_ == "nsubj" and c.lower_ not in ("that", "which") for c in token.children)
    )


def _weapon_under(token: Token, sentence: ParsedSentence, prepositions: tuple[str, ...]) -> bool:
    """Tell whether a preposition of `token` names a weapon ("asked Berlin for IRIS-T units"),
    or names again one told before ("talks with Saudi Arabia about the aircraft": the rules
    find which, if the sentences before told one), not something that merely mentions one
    ("asked for permission to re-export its Leopards")."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in prepositions
        and any(
            o.dep_ in ("pobj", "pcomp")
            and (object_carries_weapon(o, sentence) or (o.dep_ == "pobj" and names_again(o)))
            for o in c.children
        )
        for c in token.children
    )


def _wants_weapon(token: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a verb of wanting has a weapon as its own direct object.

    "seeks 50 new army helicopters" does; "seeks to buy helicopters" governs a buying verb
    (read there) and "seeks talks on the tanks" wants talks.
    """
    if any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if _wants_its_antecedent(token, sentence) and all(
        o.lower_ in ("that", "which") for o in objects
    ):
        return True  # "the Taurus missiles that Kyiv has requested for months"
    # the object itself must name the weapon: "is evaluating the F-35 programme" wants no jets
    return any(
        (m := sentence.token_mention.get(obj.i)) is not None and m.is_weapon for obj in objects
    )


def _arrival_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read "the first IRIS-T system has arrived in Ukraine" as a delivery and "NASAMS
    systems were on their way" as one under way (planned)."""
    under_way = token.lemma_ == "be" and any(
        c.dep_ == "prep"
        and c.lower_ == "on"
        and any(o.lower_ == "way" and o.dep_ == "pobj" for o in c.children)
        for c in token.children
    )
    goes_to = token.lemma_ == "go" and token.pos_ == "VERB" and any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any((m := sentence.mention_heads.get(o.i)) is not None and m.is_party
                for o in c.children)
        for c in token.children
    )  # "31 M1 Abrams tanks will also go to Kyiv"
    if not (under_way or goes_to) and (
        token.pos_ != "VERB" or token.lemma_.lower() not in ARRIVAL_VERBS
    ):
        return None
    if _arrives_to_take_part(token):
        return None  # "American warships arrived in Doha for a joint exercise": a visit
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not any(
        (m := sentence.token_mention.get(t.i)) is not None and m.is_weapon
        for c in subjects
        for t in c.subtree
    ):
        return None
    status = "planned" if under_way else "delivered"
    return TriggerWord(token.lemma_.lower(), "VERB", "transfer", "arrival", status, None)


# What forces arrive for, not to stay: "for a joint exercise", "for drills", "on a visit".
VISIT_NOUNS = frozenset({
    "exercise", "drill", "manoeuvre", "maneuver", "visit", "patrol", "deployment", "training",
    "call", "show", "parade", "rotation", "mission", "summit",
})


def _arrives_to_take_part(token: Token) -> bool:
    """Tell whether an arrival is a visit: forces come for an exercise, drills, a patrol or
    a port call ("for a long-planned joint exercise", "to take part in drills")."""
    for child in token.children:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("for", "on")
            and any(o.lemma_.lower() in VISIT_NOUNS for o in child.children if o.dep_ == "pobj")
        ):
            return True
        if child.dep_ in ("advcl", "xcomp") and child.lemma_ in ("take", "join", "participate"):
            return True
    return False


def _pledge_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read "Germany has promised three MARS II launchers" as a planned transfer."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in PLEDGE_VERBS:
        return None
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if any(c.lemma_.lower() in ORDER_NOUNS for c in objects):
        return None  # "announced the Rafale deal": the deal is the fact, at its own stage
    if not any(
        (m := sentence.token_mention.get(t.i)) is not None and m.is_weapon
        for c in objects
        for t in c.subtree
    ):
        return None
    return TriggerWord(token.lemma_.lower(), "VERB", "transfer", "supplier", "planned", "unknown")


def _origin_participle_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read "Chinese-made missiles" held by someone as a past transfer from China."""
    if token.tag_ != "VBN" or token.dep_ not in ("amod", "acl"):
        return None
    if token.lemma_.lower() not in ORIGIN_PARTICIPLES:
        return None
    head = sentence.token_mention.get(token.head.i)
    if head is None or not head.is_weapon:
        return None
    states = [
        c
        for c in token.children
        if c.dep_ in ("npadvmod", "compound", "nmod", "amod")
        and (m := sentence.mention_heads.get(c.i)) is not None
        and m.kind == "state"
    ]
    if not states:
        return None
    return TriggerWord(token.lemma_.lower(), "VERB", "transfer", "supplier", "delivered", "unknown")


def _coproduction_entry(token: Token) -> TriggerWord | None:
    """Return a co-production reading for "jointly produce", "joint production", "co-produce"."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in PRODUCTION_VERBS:
        modifiers = {c.lower_ for c in token.children if c.dep_ in ("advmod", "prep", "npadvmod")}
        previous = token.doc[token.i - 2 : token.i]
        prefixed = len(previous) == 2 and previous[0].lower_ == "co" and previous[1].text == "-"
        under_licence = any(
            c.dep_ == "prep"
            and c.lower_ == "under"
            and any(g.lower_ in LICENCE_WORDS for g in c.children)
            for c in token.children
        )
        if modifiers & JOINT_WORDS or prefixed or under_licence:
            deal = "licence" if under_licence else None
            return TriggerWord(
                lemma, "VERB", "coproduction", "partners", production_status(token), deal
            )
    if token.pos_ == "NOUN" and lemma in PRODUCTION_NOUNS:
        modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
        # "Embraer will carry out final assembly of 15 of the jets": assembly of another's
        # design, where the assembler is not its maker, is shared production
        local_assembly = lemma in ("assembly", "production") and modifiers & {"final", "local"}
        if modifiers & JOINT_WORDS or modifiers & LICENCE_WORDS or local_assembly:
            deal = "licence" if modifiers & LICENCE_WORDS else None
            return TriggerWord(lemma, "NOUN", "coproduction", "partners", "ordered", deal)
    return None


# Verbs of making a weapon that, with a customer named after "for", sell what they make.
BUILDING_VERBS = frozenset({"build", "construct", "manufacture", "produce"})


def _built_for_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read "Turkish shipyards are building frigates for Indonesia", "Italy built two
    frigates for Egypt" as a transfer from the builder to the party it builds for: units
    made are delivered, work under way is on order, a plan to build is planned."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in BUILDING_VERBS:
        return None
    if not any(c.dep_ == "nsubj" for c in token.children):
        return None  # "the carriers built for Russia": no builder named
    shared = JOINT_WORDS | LICENCE_WORDS
    if any(t.lower_ in shared for t in sentence.doc):
        return None  # "a joint venture of India's DRDO and Russia's NPO that has produced
        # the missile for the Indian armed forces": shared production, read as such
    objects = [
        c for c in token.children if c.dep_ == "dobj" and object_carries_weapon(c, sentence)
    ]
    if not objects:
        return None
    # "for Indonesia" on the verb, or on the object the parser hung it on
    holders = [token, *objects, *(c for o in objects for c in o.children if c.dep_ == "conj")]
    customers = [
        word
        for holder in holders
        for c in holder.children
        if c.dep_ in ("prep", "dative") and c.lower_ == "for"
        for g in c.children
        if g.dep_ == "pobj"
        for word in (g, *(m for m in g.children if m.dep_ in ("amod", "compound", "poss")))
        if (m := sentence.token_mention.get(word.i)) is not None and m.is_party
    ]
    if not customers:
        return None
    auxiliaries = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if auxiliaries & {"will", "would", "to", "could", "may", "might", "shall"}:
        status = "planned"
    elif token.tag_ == "VBG":
        status = "ordered"  # "is building", "has been building"
    elif token.tag_ in ("VBD", "VBN"):
        status = "delivered"
    else:
        status = "ordered"  # "builds frigates for Indonesia"
    return TriggerWord(token.lemma_.lower(), "VERB", "transfer", "supplier", status, "sale")


def _licensed_production_entry(token: Token) -> TriggerWord | None:
    """Read "Egypt would build the M-1A1 tank" as possible licensed production.

    A state or firm producing a system is co-production only when the system comes from
    another state; the extractor checks that against the catalogue (a state building its
    own systems yields nothing). Past tense means units were produced.
    """
    if token.pos_ != "VERB" or token.lemma_.lower() not in PRODUCTION_VERBS:
        return None
    if token.lemma_.lower() == "make" and token.tag_ in ("VBD", "VBN") and not _makes_parts(token):
        return None  # "made" is too often an origin ("French-made") or a statement; "to
        # make shells", "will make drones" are neither
    if (
        token.tag_ in ("VBN", "VBD")  # the tagger takes a reduced relative for a past tense
        and token.dep_ in ("acl", "amod")
        and not any(c.dep_ == "agent" for c in token.children)
    ):
        return None  # "the two Mistral carriers originally built for Russia": no builder named
    return TriggerWord(
        token.lemma_.lower(), "VERB", "coproduction", "licensee", production_status(token),
        "licence",
    )


# Nouns of the pieces of a system made for its maker: "make 900 parts for the F-35".
PART_NOUNS = frozenset({"part", "component", "section", "wing", "fuselage", "subassembly"})


def _makes_parts(verb: Token) -> bool:
    """Tell whether a verb of making has pieces of a system as its object: "Turkish firms
    make more than 900 parts for the F-35" (not "made in France", "made a decision")."""
    return any(
        c.dep_ == "dobj" and c.lemma_.lower() in PART_NOUNS for c in verb.children
    )


# Nouns of a signed production order: "a contract to build 40 jets" (an agreement or a
# venture "to build" is a plan)
PRODUCTION_ORDER_NOUNS = frozenset({"contract", "order"})


def production_status(verb: Token) -> str:
    """Return the stage a verb of production states on the co-production scale (the dev
    README's): units made ("have been built under licence", "the two firms jointly build
    the JF-17") are delivered; a purpose ("set up a joint venture to develop and build
    drones") is planned, unless it is a contract's; production under way is ordered."""
    first = verb
    while first.dep_ == "conj" and first.head.pos_ == "VERB" and first.head.i != first.i:
        first = first.head  # "to develop and build": the infinitive's "to" is the first's
    auxiliaries = {c.lower_ for c in first.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ in ("VBD", "VBN"):
        return "delivered"
    if verb.tag_ in ("VBZ", "VBP") and not auxiliaries:
        return "delivered"
    if "to" in auxiliaries:
        holder = first.head
        holders = [holder, *(c for c in holder.children if c.dep_ == "dobj")]
        # "a contract to build", "signed a contract with Russia to produce"
        if any(h.lemma_.lower() in PRODUCTION_ORDER_NOUNS for h in holders):
            return "ordered"
        return "planned"
    return "ordered"


def _joint_system_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read "a joint combat helicopter", "the jointly developed fighter" as co-production,
    and a joint site of making weapons: "a joint drone factory with Indonesia", "a joint
    plant in Ukraine to manufacture artillery shells"."""
    if token.dep_ not in ("amod", "advmod") or token.lower_ not in ("joint", "jointly"):
        return None
    head = sentence.token_mention.get(token.head.i)
    if (head is None or not head.is_weapon) and not _site_makes_weapons(token.head, sentence):
        return None
    return TriggerWord("joint", "ADJ", "coproduction", "joint", "planned", None)


def _site_makes_weapons(noun: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a noun is a place of making weapons that names them: "drone factory", "a
    plant to manufacture 155mm shells"."""
    modifiers, purposes = site_makes(noun)
    return _names_weapon(modifiers + purposes, sentence)


def _joint_work_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read "working with Peking on a longer-range missile", "will work together to build
    frigates" and "joined forces with Italy to develop a tank" as co-production."""
    if token.pos_ != "VERB":
        return None
    if _works_jointly(token) and _makes_weapon(token, sentence):
        return TriggerWord("work", "VERB", "coproduction", "partners", "planned", None)
    if token.lemma_ not in ("work", "cooperate", "collaborate", "team"):
        return None
    preps = {c.lower_: c for c in token.children if c.dep_ == "prep"}
    if "with" not in preps or "on" not in preps:
        return None
    if not _names_weapon([preps["on"]], sentence):
        return None
    return TriggerWord("work", "VERB", "coproduction", "partners", "planned", None)


def _works_jointly(verb: Token) -> bool:
    """Tell whether a verb says its subjects work as one: "work together", "team up with",
    "join forces", "join hands"."""
    lemma = verb.lemma_.lower()
    if lemma == "join":
        return any(c.dep_ == "dobj" and c.lower_ in ("forces", "hands") for c in verb.children)
    if lemma not in ("work", "team"):
        return False
    return any(c.lower_ in ("together", "jointly", "up")
               or (c.dep_ == "prep" and c.lower_ == "with") for c in verb.children)


def _makes_weapon(verb: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a verb's purpose is making a weapon: "to develop a new tank"."""
    return _names_weapon(production_purposes(verb), sentence)


def _names_weapon(words: list[Token], sentence: ParsedSentence) -> bool:
    """Tell whether a weapon is named anywhere in the phrases these words head."""
    return any(
        (m := sentence.token_mention.get(t.i)) is not None and m.is_weapon
        for word in words
        for t in word.subtree
    )
