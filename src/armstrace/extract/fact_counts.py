"""Count a fact: the number of units the sentence states for the fact's own weapon.

A number on the weapon's noun is its count ("24 Rafale jets"). In a part of a whole the
fact decides which number is its own: a fact told of the part has the part's count ("the
first of four IRIS-T systems ... has arrived": 1; "the last six of 20 fighters ... were
held back": 6), a fact a clause on the whole tells has the whole's ("20 fighters ordered
by Cairo in 1983": 20; "four systems that Germany has pledged": 4). One unit a transfer
names in the singular is one: "ordered 24 of the jets, together with a FREMM frigate",
"has taken delivery of a Pantsir-S1 system", "hands over the first F-35A". A number a
transfer word takes with its noun left out ("ordered 30 more") is found here too
(`elided_count`).
"""

from __future__ import annotations

from spacy.tokens import Token

from armstrace.extract.facts import Fact, ParsedSentence, WeaponSlot
from armstrace.extract.numbers import parse_count
from armstrace.extract.words import EVENT_NOUNS

# Words that pick one unit out of several: "the first of four", "the last of the jets".
_ORDINALS = frozenset({
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "last", "final",
})  # fmt: skip
# Dependencies by which a transfer's own words reach the unit it moves: "delivered a
# frigate", "took delivery of a Pantsir system", "ordered jets together with a frigate".
_OBJECT_PATH = frozenset({"dobj", "pobj", "prep", "conj", "appos", "nsubjpass"})

# Nouns whose "of" names the unit a transfer moves: "took delivery of a Pantsir system".
_TRANSFER_NOUNS = EVENT_NOUNS | {"delivery", "supply", "transfer", "lease"}


def count_of(fact: Fact, slot: WeaponSlot, sentence: ParsedSentence) -> int | None:
    """Return the number of units the sentence states for the slot's weapon in this fact."""
    doc = sentence.doc
    noun = doc[slot.head]
    trigger = doc[fact.trigger]
    whole = _number_of_whole(noun)
    if whole is not None and noun in trigger.ancestors:
        return whole  # "20 fighters ordered by Cairo": the order is of the whole
    part = _ordinal_part(noun)
    if part is not None:
        return part
    if slot.quantity_token is not None:
        token = doc[slot.quantity_token]
        return parse_count(doc[token.left_edge.i : token.right_edge.i + 1].text)
    if slot.mention.kind == "weapon" and sentence.token_mention.get(noun.i) is slot.mention:
        # the system's own noun, not another it governs ("an F-16 sustainment package")
        return 1 if _one_unit(noun, trigger) else None
    return None


def _number_of_whole(noun: Token) -> int | None:
    """Return the whole's number of a part told before it ("the last six of 20 fighters":
    20), or None when the noun's number has no part."""
    number = next((c for c in noun.children if c.dep_ == "nummod"), None)
    if number is None:
        return None
    of = [c for c in number.children if c.dep_ == "quantmod" and c.lower_ == "of"]
    picked = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    partitive = picked is not None and (picked.pos_ == "NUM" or picked.lower_ in _ORDINALS)
    if not of and not partitive:
        return None
    start = of[-1].i + 1 if of else number.left_edge.i
    return parse_count(noun.doc[start : number.right_edge.i + 1].text)


def _ordinal_part(noun: Token) -> int | None:
    """Return the count of "the first of four systems" (1) or "the last two of the jets"
    (2), or None when the noun is not the whole of an ordinal's part."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    picked = noun.head.head
    if picked.lower_ not in _ORDINALS:
        return None
    number = next((c for c in picked.children if c.dep_ == "nummod"), None)
    return parse_count(number.text) if number is not None else 1


def _one_unit(noun: Token, trigger: Token) -> bool:
    """Tell whether a singular noun the transfer moves names one unit: "a FREMM frigate",
    "the first F-35A" (not "components of a S-400 system", nor a type a buyer wants)."""
    if noun.tag_ not in ("NN", "NNP"):
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        over = noun.head.head
        if over.i != trigger.i and over.lemma_ not in _TRANSFER_NOUNS:
            return False  # "components of a S-400 system", "a batch of"
    determiners = {c.lower_ for c in noun.children if c.dep_ == "det"}
    ordinal = any(c.lower_ in _ORDINALS for c in noun.children if c.dep_ == "amod")
    if not (determiners & {"a", "an"} or (ordinal and "the" in determiners)):
        return False
    current = noun
    while current.i != trigger.i:
        if current.dep_ not in _OBJECT_PATH or current.head.i == current.i:
            return False
        current = current.head
    return True


def number_before_phrase(sentence: ParsedSentence, first: int, phrase: set[int]) -> int | None:
    """Return the number just before a weapon phrase that the parser did not give it as a
    count, or None: hung on the party before it ("sending Ukraine 20 Marder infantry
    fighting vehicles": 20 on Ukraine; a number follows the noun it counts only in names,
    "Article 5", never a state), or made a compound of a designation it took for a number
    ("orders 16 J-10C fighters"). Years are no counts ("its 2019 Rafale order")."""
    if first == 0:
        return None
    number = sentence.doc[first - 1]
    if not number.like_num or number.ent_type_ == "DATE" or _looks_like_year(number.text):
        return None
    if number.dep_ in ("compound", "nummod") and number.head.i in phrase:
        return number.i
    if number.dep_ != "nummod" or number.head.i >= number.i:
        return None
    owner = sentence.mention_heads.get(number.head.i) or sentence.token_mention.get(number.head.i)
    return number.i if owner is not None and owner.is_party else None


def _looks_like_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100


def elided_count(token: Token) -> Token | None:
    """Return the number a transfer word takes for its goods with their noun left out:
    "has also pledged six", "ordered 30 more", "will buy another 250", "six were
    delivered". Never a number with a noun of its own ("six jets") or a year."""
    for child in token.children:
        if child.dep_ not in ("dobj", "nsubjpass"):
            continue
        number = child
        if child.lower_ in ("more", "others") or child.lemma_ == "other":
            number = next((c for c in child.children if c.dep_ == "nummod"), child)
        if not number.like_num or number.ent_type_ == "DATE":
            continue
        if number is child and any(
            (c.dep_ == "prep" and c.lower_ == "of") or c.dep_ == "compound" for c in child.children
        ):
            continue  # "six of the jets" is read as a partitive; "500 million" is money
        return number
    return None
