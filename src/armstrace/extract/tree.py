"""Walk the dependency parse: paths and clauses between words, and the words that govern them.

Shared by the trigger, party and weapon readers: whether a word lies in another clause,
which verb or noun a phrase is the argument of, who speaks a reported clause.
"""

from __future__ import annotations

from spacy.tokens import Token

from armstrace.extract.lexicon import Lexicon
from armstrace.extract.status import (
    OBJECT_CONTROL_VERBS,
    PERMISSION_VERBS,
    SPEECH_VERBS,
    governors,
    has_to_infinitive,
)
from armstrace.extract.words import (
    GOVERNING_NOUNS,
    LISTING_VERBS,
    PRODUCTION_VERBS,
    SPENDING_NOUNS,
    SPONSOR_WORDS,
)

CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "csubj", "parataxis"})


def path_to(token: Token, root: Token) -> list[str] | None:
    """Return the dependency labels from `token` up to `root`, or None if not below it."""
    path: list[str] = []
    current = token
    while current.i != root.i:
        path.append(current.dep_)
        if current.head.i == current.i:
            return None
        current = current.head
    return path


def listed_by(token: Token, root: Token) -> bool:
    """Tell whether a word's only clause on the way up is one that lists the root's
    contents: "an aid package for Kyiv that includes four more launchers", also where the
    parser hung the clause on the root's own "for" or "to" ("a package for Poland, which
    includes 96 Apache helicopters") or on the batch the root moves ("will send Kyiv a
    package, which also includes Javelin missiles")."""
    current = token
    while current.i != root.i:
        if current.dep_ in CLAUSE_DEPS and not (
            current.dep_ == "relcl"
            and current.lemma_ in LISTING_VERBS
            and (
                current.head.i == root.i
                or _of_roots_recipient(current.head, root)
                or _roots_batch(current.head, root)
            )
        ):
            return False
        current = current.head
    return True


def _roots_batch(noun: Token, root: Token) -> bool:
    """Tell whether a noun is the batch the root verb moves: its direct object ("will send
    Ukraine weapons that include Javelin missiles"), or what its "with" supplies ("supplied
    Syria with air defence systems that included Pantsir launchers")."""
    if noun.dep_ == "dobj":
        return noun.head.i == root.i
    preposition = noun.head
    return (
        noun.dep_ == "pobj"
        and preposition.lower_ == "with"
        and preposition.head.i == root.i
    )


def _of_roots_recipient(noun: Token, root: Token) -> bool:
    """Tell whether a noun is the object of the root's "for" or "to"."""
    preposition = noun.head
    return (
        noun.dep_ == "pobj"
        and preposition.lower_ in ("for", "to")
        and preposition.head.i == root.i
    )


def crosses_verb(token: Token, root: Token, lexicon: Lexicon) -> bool:
    """Tell whether the path from `token` up to `root` passes through another clause's verb.

    "develop a fighter to replace the F-14": the F-14 belongs to replace. A verb that is
    itself a trigger ("cooperate to develop fighter planes") passes.
    """
    if token.i == root.i:
        return False
    current = token.head
    while current.i != root.i and current.head.i != current.i:
        # the tagger sometimes calls a clause's verb a noun ("selected its engines to power")
        clause_like = current.pos_ == "VERB" or current.dep_ in ("xcomp", "ccomp", "advcl")
        if clause_like and current.dep_ in (
            "ccomp",
            "advcl",
            "relcl",
            "csubj",
            "parataxis",
            "acl",
            "conj",
            "xcomp",
        ):
            participle = current.dep_ == "acl" and current.tag_ in ("VBN", "VBG")
            entry = lexicon.lookup_token(current)
            is_trigger = entry is not None and entry.word_class in ("transfer", "coproduction")
            listing = current.dep_ == "relcl" and current.lemma_ in LISTING_VERBS
            if (
                not participle
                and not is_trigger
                and not listing
                and current.lemma_ not in PRODUCTION_VERBS
            ):
                return True
        current = current.head
    return False


def governing_verb(token: Token) -> Token | None:
    """Return the verb whose argument a noun phrase is ("Serbia planned the purchase").

    Climbs through prepositions and the nouns that govern a trigger ("expressed interest
    in the purchase"), never through a noun that owns it ("the Saudi outlay on a contract").
    """
    current = token
    for _ in range(6):
        if current.head.i == current.i or current.dep_ in CLAUSE_DEPS:
            return None
        head = current.head
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.pos_ in ("NOUN", "PROPN") and current.dep_ == "pobj":
            pass  # the preposition's head decides below
        elif (
            head.pos_ in ("NOUN", "PROPN", "PRON")
            and current.dep_ == "prep"
            and head.lemma_ not in GOVERNING_NOUNS
        ):
            return None
        current = head
    return None


def holding_noun(token: Token) -> Token | None:
    """Return the spending noun that owns a trigger through a preposition."""
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return None
    head = token.head.head
    if head.lemma_ in SPENDING_NOUNS:
        return head
    return None


def argument_holders(token: Token) -> list[Token]:
    """Return the trigger and the noun phrases whose prepositions belong to it.

    "the sale of F-16s to Turkey" attaches "to Turkey" to "F-16s" as often as to "sale".
    """
    holders = [token]
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            holders.append(child)
            holders.extend(c for c in child.children if c.dep_ == "conj")
            # "the first of 32 F-35A jets for Poland was handed over"
            holders.extend(
                g
                for c in child.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            )
        elif child.dep_ == "prep" and child.lower_ == "of":
            holders.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.lower_ == "worth":
            # "a contract worth 5.2 billion euros with France for 24 Rafales": the parser
            # hangs the contract's phrases on "worth" and on its amount
            holders.append(child)
            holders.extend(c for c in child.children if c.dep_ in ("npadvmod", "pobj", "dobj"))
    if token.dep_ in ("acl", "relcl"):
        holders.append(token.head)
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj":
        # "suspended deliveries of jets to Egypt", "placed an order with France"
        holders.append(token.head)
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass"):
        # "The deal ... covers 26 Rafale Marine jets for the Indian Navy"
        holders.extend(c for c in token.head.children if c.dep_ in ("dobj", "attr"))
    return holders


def find_gerund_subject(verb: Token) -> Token | None:
    """Return the noun right before a gerund that the parser hung elsewhere but is its
    subject: "lead to Indonesia buying", "opposed Turkey buying the S-400"."""
    if verb.tag_ != "VBG" or verb.i == 0 or any(c.dep_ == "nsubj" for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ == "PROPN" and before.dep_ in ("pobj", "dobj") and before.head.i < before.i:
        return before
    return None


def is_controlled_infinitive(verb: Token) -> bool:
    """Tell whether a verb is the infinitive of an object-control verb ("asked X to supply",
    "allowed X to send")."""
    return (
        verb.dep_ in ("xcomp", "advcl")
        and verb.head.lemma_.lower() in OBJECT_CONTROL_VERBS | PERMISSION_VERBS
        and has_to_infinitive(verb)
    )


def relative_antecedent(token: Token) -> tuple[Token, Token] | None:
    """Return the relative clause holding `token` and the noun it describes, if any."""
    current = token
    while current.head.i != current.i:
        if current.dep_ == "relcl":
            return current, current.head
        current = current.head
    return None


def direct_object(verb: Token) -> Token | None:
    """Return a verb's direct object, if it has one."""
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def refers_back(token: Token) -> bool:
    """Tell whether a verb's subject is "these", "all of these", "they", "it"."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            words = {t.lower_ for t in child.subtree}
            return bool(words & {"these", "those", "they", "them", "it"})
    return False


def speech_subject(token: Token) -> Token | None:
    """Return the subject of the speech verb a clause is reported under, if any."""
    for word in governors(token):
        if word.lemma_ in SPEECH_VERBS:
            for child in word.children:
                if child.dep_ == "nsubj":
                    return child
    return None


def is_sponsor_modifier(token: Token) -> bool:
    """Tell whether a state name is part of "Iran-backed", "US-led", "Turkish-held"."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    after = doc[token.i + 2] if token.i + 2 < len(doc) else None
    return (
        nxt is not None and nxt.text == "-" and after is not None and after.lower_ in SPONSOR_WORDS
    )


def partitive_count(noun: Token) -> Token | None:
    """Return the number a noun is part of: "24 of the jets", "the last six of 20 fighters"."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    count = noun.head.head
    if count.lower_ == "more":  # "four more of the launchers": the number on "more"
        return next((c for c in count.children if c.dep_ == "nummod"), None)
    return count if count.pos_ == "NUM" and count.dep_ != "nummod" else None


def conjoined_of_phrases(noun: Token, clause: Token) -> list[Token]:
    """Return the second "of" phrases after a noun that the parser joined to something else
    of its clause: "approved sales of 72 F-15QA to Qatar and of 40 Super Hornets to
    Kuwait" (the second "of")."""
    return [
        word
        for word in clause.subtree
        if word.lower_ == "of" and word.dep_ == "conj" and word.i >= noun.i
    ]
