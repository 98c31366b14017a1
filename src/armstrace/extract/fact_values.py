"""Value a fact: the amount the sentence states for the fact's own weapon.

A sentence may state several amounts, or one that is not the deal's: the money nearest
the weapon in the smallest clause around it that holds any is the weapon's ("the tank
contract ... is valued at $3.37 billion, and the howitzer contract at $2.4 billion"); a
coordinated clause of its own does not reach the amounts of the clause before
("cancelled ... a programme valued at about A$90 billion, and said it would instead
acquire nuclear-powered submarines"); and a total of several agreements is no one deal's
value ("taking the total value of the agreements to more than 17 billion euros").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from armstrace.extract.facts import Fact, ParsedSentence
from armstrace.extract.money import find_money
from armstrace.extract.status import governors
from armstrace.extract.words import AWARD_VERBS
from armstrace.model import Money

# Nouns that a "total" of several agreements is told by: "the total value of the agreements".
_AMOUNT_NOUNS = frozenset({"value", "cost", "price", "worth"})


def value_of(fact: Fact, sentence: ParsedSentence, weapon_head: int | None = None
             ) -> Money | None:
    """Return the value the sentence states for the fact's weapon (its noun's token
    `weapon_head`; the trigger's when None), or None.

    Up from the weapon, the first clause that holds an amount of the fact's own clause
    gives the one nearest the weapon; beyond that clause only an award's amount counts
    ("was awarded a 41.3 mln dlrs increase to existing contracts for foreign military
    sales of the F-16"); the walk never passes a verb coordinated with another
    ("cancelled ... and said it would acquire").
    """
    doc = sentence.doc
    anchor = doc[fact.trigger]
    scope = {t.i for t in [anchor, *governors(anchor)][-1].subtree}
    amounts: list[tuple[Token, Money]] = []
    for mention in find_money(doc.text):
        if getattr(mention, "is_conversion", False):
            continue
        tokens = [t for t in doc if mention.start <= t.idx < mention.end]
        if tokens and not _total_of_several(tokens[0]):
            amounts.append((tokens[0], mention.money))
    start = doc[weapon_head] if weapon_head is not None else anchor
    for clause in _clauses_up(start):
        inside = [(token, money) for token, money in amounts if token in clause.subtree
                  and (token.i in scope or clause.lemma_ in AWARD_VERBS)]
        if inside:
            return min(inside, key=lambda item: abs(item[0].i - start.i))[1]
    return None


def _clauses_up(start: Token) -> Iterator[Token]:
    """Yield `start` and the words above it, stopping at a verb coordinated with another
    (the clause of its own that "and said it would acquire ..." is)."""
    current = start
    yield current
    while current.head.i != current.i:
        if current.dep_ == "conj" and current.pos_ in ("VERB", "AUX"):
            return
        current = current.head
        yield current


def _total_of_several(money: Token) -> bool:
    """Tell whether an amount is a total of several agreements: its clause's "total value
    of the agreements" (a plural noun after "of")."""
    verb = next((w for w in money.ancestors if w.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    for word in verb.subtree:
        if word.lower_ != "total" or word.head.lemma_ not in _AMOUNT_NOUNS:
            continue
        of = [c for c in word.head.children if c.dep_ == "prep" and c.lower_ == "of"]
        if any(o.tag_ == "NNS" for c in of for o in c.children if o.dep_ == "pobj"):
            return True
    return False
