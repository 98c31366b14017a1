"""Nouns that name again a system told before: "the aircraft", "all 24 jets", "24 of the
helicopters" among a transfer word's arguments, and whether such a noun can stand for a
named system (an aircraft noun for a fighter, never for a frigate)."""

from __future__ import annotations

from spacy.tokens import Token

from armstrace.extract.mention import Mention
from armstrace.extract.words import (
    ANAPHORIC_DETERMINERS,
    ANAPHORIC_NOUN_CATEGORIES,
    ANAPHORIC_NOUNS,
)


def anaphoric_noun(token: Token) -> Token | None:
    """Return "the system" / "all 24 aircraft" among a trigger's arguments, if any."""
    arguments = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    if token.tag_ == "VBN" and token.dep_ in ("acl", "amod"):
        arguments.append(token.head)  # "several batteries supplied by the United States"
    # "ordered 24 of the aircraft": the number is the object, the noun under its "of"
    holders = [token, *(c for c in arguments if c.pos_ == "NUM")]
    candidates = arguments + [
        g
        for holder in holders
        for c in holder.children
        # "talks about the aircraft", "talks on 12 aircraft from Qatar"
        if c.dep_ == "prep" and c.lower_ in ("for", "of", "about", "on", "over")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return next((noun for noun in candidates if names_again(noun)), None)


def names_again(noun: Token) -> bool:
    """Tell whether a noun names a system told before: a plain noun of a system made
    definite or counted ("the aircraft", "those launchers", "12 aircraft", "several
    batteries")."""
    return noun.lemma_.lower() in ANAPHORIC_NOUNS and any(
        c.lower_ in ANAPHORIC_DETERMINERS or c.dep_ == "nummod"
        for c in noun.children
    )


def noun_fits(noun: Token, mention: Mention) -> bool:
    """Tell whether "the aircraft" / "the system" can refer back to a named system."""
    categories = ANAPHORIC_NOUN_CATEGORIES.get(noun.lemma_.lower())
    return categories is None or mention.category in categories
