"""Goods a trigger's parse does not reach: the weapon named nearest to it.

The rules find a trigger's goods along the parse: its object, the nouns its prepositions
govern, a list or a package the parse ties to it (weapon_slots.py). On news no rule was
written from, of the sentences that name a required record's weapon, supplier and
recipient but give no candidate, more than one in three has a trigger whose parse
reaches no goods, because the parser hung them elsewhere ("a package of US weapons for
Ukraine, including Patriot interceptors", "transport aircraft carrying the first
components of the S-400 system"). A trigger with
no goods of its own takes the weapon named nearest to it in its sentence, with that
weapon's list; the candidate says so (`weapon_nearby`), and the record model, which reads
that, decides how far to trust it.

A trigger whose parse does reach goods that are no weapon ("sent troops", "sent a
delegation") is about those goods, and takes none; one whose object is a contract ("signed
a contract with Brazil for 36 jets") leaves the goods to the contract, read as a trigger
of its own. Nor is a name that only modifies a noun of other goods ("F-16 training and
sustainment services") a weapon the trigger takes.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from armstrace.extract.facts import ParsedSentence, WeaponSlot
from armstrace.extract.lexicon import Lexicon
from armstrace.extract.status import CONTRACT_NOUNS
from armstrace.extract.weapon_slots import weapon_slot

# How many words from the trigger the nearest weapon may be.
NEARBY_WORDS = 12
# The triggers of a transfer that may take it: the roles of a plain verb or noun of
# supplying, buying, paying or a deal (not a request's, an arrival's or a joint one's,
# whose goods are read their own way).
NEARBY_ROLES = frozenset({"supplier", "recipient", "funder", "none"})


# The dependencies of a word's goods: a verb's object, a noun's "of" or "for" phrase.
_OBJECT_DEPS = ("dobj", "nsubjpass")
_GOODS_PREPOSITIONS = ("of", "for")
# What a trigger's goods that are no weapon may be.
_GOODS_POS = ("NOUN", "PROPN", "ADJ", "NUM")


def _goods_words(word: Token) -> list[Token]:
    """The words a trigger or contract noun is done to: its objects and the nouns of its
    "of" and "for" phrases."""
    return [
        *(c for c in word.children if c.dep_ in _OBJECT_DEPS),
        *(
            o for c in word.children if c.dep_ == "prep" and c.lower_ in _GOODS_PREPOSITIONS
            for o in c.children if o.dep_ == "pobj"
        ),
    ]


def _has_goods_of_its_own(lexicon: Lexicon, sentence: ParsedSentence, trigger: Token) -> bool:
    """Whether the parse gives the trigger goods of its own that are no weapon: a noun, a
    number or an adjective it is done to ("sent troops", "received the first of the
    reports"), or a contract or trigger noun, which is read as a trigger itself ("signed a
    contract for 36 jets"). A party does not count ("sold Egypt" leaves the goods open),
    nor a pronoun, which may stand for goods named before."""
    for word in _goods_words(trigger):
        if word.i in sentence.mention_heads or word.i in sentence.token_mention:
            continue
        lemma = word.lemma_.lower()
        if lemma in CONTRACT_NOUNS or lexicon.lookup(lemma, word.pos_) is not None:
            return True
        if word.pos_ in _GOODS_POS:
            return True
    return False


def _modifies_other_goods(sentence: ParsedSentence, head: int) -> bool:
    """Whether a weapon's name only modifies a noun that is no weapon: "F-16 training",
    "Patriot maintenance"."""
    word = sentence.doc[head]
    return (
        word.dep_ in ("compound", "amod", "nmod", "nummod")
        and word.head.i not in sentence.mention_heads
        and word.head.i not in sentence.token_mention
    )


def weapons_near(
    lexicon: Lexicon, sentence: ParsedSentence, trigger: Token, role: str
) -> list[WeaponSlot]:
    """Return the weapon named nearest the trigger (within NEARBY_WORDS, the later one on
    a tie) and the weapons listed with it, each marked `nearby`; none where the trigger
    has goods of another kind."""
    if _has_goods_of_its_own(lexicon, sentence, trigger):
        return []
    # the subject of a verb of supplying, in the active, supplies: "frigates headed for
    # Syria passed through the Bosphorus" are no goods passed on
    subject = (
        {t.i for c in trigger.children if c.dep_ == "nsubj" for t in c.subtree}
        if role == "supplier" and trigger.pos_ == "VERB" else set()
    )
    heads = [
        i for i, mention in sentence.mention_heads.items()
        if mention.is_weapon and 0 < abs(i - trigger.i) <= NEARBY_WORDS
        and i not in subject and not _modifies_other_goods(sentence, i)
    ]
    if not heads:
        return []
    nearest = sentence.doc[min(heads, key=lambda i: (abs(i - trigger.i), i < trigger.i))]
    listed = sorted({nearest.i, *(t.i for t in nearest.conjuncts)})
    return [
        replace(weapon_slot(sentence, sentence.mention_heads[i]), nearby=True)
        for i in listed
        if i in sentence.mention_heads and sentence.mention_heads[i].is_weapon
    ]
