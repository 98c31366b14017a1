"""Load the trigger lexicon (extract/data/triggers.csv) into lookup tables."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token

from armstrace.errors import ConfigError
from armstrace.model import DEALS, STATUSES

TRIGGER_CLASSES = ("transfer", "coproduction", "governor", "deny")
ROLES = (
    "supplier",
    "recipient",
    "partners",
    "licensee",
    "joint",
    "arrival",
    "asker",
    "funder",  # pays for weapons that go to another ("will fund radars for Moldova")
    "destination",  # goods on their way to a party ("missiles bound for the Houthis")
    "none",
    "",
)


@dataclass(frozen=True)
class TriggerWord:
    """One lexicon entry: a lemma in a part of speech and what it states."""

    lemma: str
    pos: str
    word_class: str
    role: str
    status: str | None
    deal: str | None


@dataclass(frozen=True)
class Lexicon:
    """Trigger words keyed by (lemma, coarse part of speech)."""

    words: dict[tuple[str, str], TriggerWord]
    phrasal_heads: frozenset[str] = frozenset()  # first words of two-word entries ("back")

    def lookup(self, lemma: str, pos: str) -> TriggerWord | None:
        """Return the entry for a lemma used as VERB, NOUN or ADJ, if any."""
        coarse = "VERB" if pos in ("VERB", "AUX") else pos
        return self.words.get((lemma.lower(), coarse))

    def lookup_token(self, token: Token) -> TriggerWord | None:
        """Return the entry for a parsed word, forgiving the lemmatizer's slips.

        The small English model lemmatizes "hopes" as "hop"; the word's own spelling
        with a plain inflection removed is tried after the lemma.
        """
        if token.pos_ in ("VERB", "NOUN") and token.lemma_.lower() in self.phrasal_heads:
            for phrase in phrasal_forms(token):
                entry = self.lookup(phrase, token.pos_)
                if entry is not None:
                    return entry
        entry = self.lookup(token.lemma_, token.pos_)
        if entry is not None or token.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
            return entry
        return self.lookup_word(token.lower_, token.pos_)

    def lookup_word(self, word: str, pos: str) -> TriggerWord | None:
        """Return the entry for an inflected word ("chosen", "hoped") used as `pos`."""
        for candidate in _stems(word.lower()):
            entry = self.lookup(candidate, pos)
            if entry is not None:
                return entry
        base = IRREGULAR_FORMS.get(word.lower())
        return self.lookup(base, pos) if base is not None else None

    def surface_stems(self) -> set[str]:
        """Return lemmas of transfer and coproduction words, for the cheap sentence filter."""
        return {
            w.lemma for w in self.words.values() if w.word_class in ("transfer", "coproduction")
        }


# Particles that make a phrasal verb ("backed out of the deal", "called off the purchase",
# "walked away from the order") and the dependencies the parser gives them.
PHRASAL_PARTICLES = frozenset({"out", "off", "away", "up", "through", "apart"})
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod"})


def phrasal_forms(word: Token) -> list[str]:
    """Return the multi-word entries a word may stand for, most specific first: a verb's
    lemma with its particle ("back out", "call off") and with its object's head ("pull
    plug"); a noun's with the nouns of its "of" ("letter acceptance": a letter of offer and
    acceptance)."""
    lemma = word.lemma_.lower()
    if word.pos_ == "NOUN":
        return [
            f"{lemma} {noun.lemma_.lower()}"
            for prep in word.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for noun in (pobj, *pobj.conjuncts)
        ]
    forms = [
        f"{lemma} {child.lower_}"
        for child in word.children
        if child.dep_ in PARTICLE_DEPS and child.lower_ in PHRASAL_PARTICLES
    ]
    forms += [f"{lemma} {child.lemma_.lower()}" for child in word.children if child.dep_ == "dobj"]
    return forms


# Irregular past forms of trigger verbs, for words read without the tagger's lemma.
IRREGULAR_FORMS = {
    "sold": "sell",
    "bought": "buy",
    "chose": "choose",
    "chosen": "choose",
    "gave": "give",
    "given": "give",
    "sent": "send",
    "got": "get",
    "gotten": "get",
    "sought": "seek",
    "flew": "fly",
    "flown": "fly",
    "built": "build",
    "won": "win",
}


def _stems(word: str) -> list[str]:
    """Return plain-inflection stems of a word: "hopes" -> "hope", "hoped" -> "hope"."""
    stems = [word]
    if word.endswith("ies"):
        stems.append(word[:-3] + "y")
    if word.endswith("es"):
        stems.append(word[:-2])
    if word.endswith("s"):
        stems.append(word[:-1])
    if word.endswith("ed"):
        stems += [word[:-1], word[:-2]]
    if word.endswith("ing"):
        stems += [word[:-3], word[:-3] + "e"]
    return stems


def load_lexicon() -> Lexicon:
    """Read triggers.csv shipped with the package; raise ConfigError on a bad row."""
    path = resources.files("armstrace.extract").joinpath("data/triggers.csv")
    words: dict[tuple[str, str], TriggerWord] = {}
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for number, row in enumerate(csv.DictReader(lines), start=2):
            status = row["status"] or None
            deal = row["deal"] or None
            if row["class"] not in TRIGGER_CLASSES:
                raise ConfigError(
                    f"triggers.csv row {number}: class {row['class']!r} "
                    f"is not one of {TRIGGER_CLASSES}"
                )
            if status is not None and status not in STATUSES:
                raise ConfigError(
                    f"triggers.csv row {number}: status {status!r} is not one of {STATUSES}"
                )
            if deal is not None and deal not in DEALS:
                raise ConfigError(f"triggers.csv row {number}: deal {deal!r} is not one of {DEALS}")
            if row["role"] not in ROLES:
                raise ConfigError(
                    f"triggers.csv row {number}: role {row['role']!r} is not one of {ROLES}"
                )
            word = TriggerWord(row["lemma"], row["pos"], row["class"], row["role"], status, deal)
            words[(word.lemma, word.pos)] = word
    heads = frozenset(lemma.split()[0] for lemma, _ in words if " " in lemma)
    return Lexicon(words, heads)


def still_to_come(token: Token) -> bool:
    """Tell whether a verb is what "has yet to" or "is yet to" do: owed, not done."""
    holder = token.head
    return (
        token.dep_ == "xcomp"
        and holder.lemma_ in ("have", "be")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and any(c.lower_ == "yet" for c in holder.children)
    )


# Modals that, with "have" and a participle, tell what did not happen: "would have blocked"
COUNTERFACTUAL_MODALS = frozenset({"would", "could", "might"})


def counterfactual(verb: Token) -> bool:
    """Tell whether a verb says what would have happened and did not ("resolutions that
    would have blocked the sale": the sale was not blocked)."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return verb.tag_ == "VBN" and "have" in auxiliaries and bool(
        auxiliaries & COUNTERFACTUAL_MODALS
    )
