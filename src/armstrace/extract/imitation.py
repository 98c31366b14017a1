"""Parties that do what a party before them did: "Berlin stopped approving arms exports to
Riyadh, and Denmark and Finland soon followed"; "Germany suspended arms sales to Turkey,
and France and Italy did the same."

The imitating clause names no weapon of its own: its subject takes the place of the
subject of the facts told before it in the sentence, on the same side of those facts and
at their stage. Which side the earlier subject stood on is read off the evidence: the
party of the fact it names first. Read across sentences too ("... to Turkey. France did
the same."), it added three false records and no true one to session 23's choosing round,
so it is read within the sentence only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from armstrace.extract.facts import ParsedSentence, Party
from armstrace.extract.mention import Mention
from armstrace.extract.parties import parties_at
from armstrace.model import Document, Evidence, Record

# "followed suit", "followed its lead", "soon followed.", "did the same", "did likewise"
IMITATION = re.compile(
    r"\bfollow(?:s|ed|ing)?\s+(?:suit|(?:its|their|the|that)\s+(?:lead|example))\b"
    r"|\bfollowed\b(?=\s*(?:[.;,]|$|(?:soon|shortly|later|quickly|days|weeks|months)\b))"
    r"|\b(?:did|do|does|done|doing|will\s+do)\s+(?:the\s+same|likewise)\b",
    re.IGNORECASE,
)
# What an imitating party is worth beside the party it imitates: read off another clause.
IMITATION_COST = 0.2
_FOLLOWED_OBJECTS = frozenset({"suit", "lead", "example"})


def imitating_parties(sentence: ParsedSentence) -> list[tuple[int, list[Party]]]:
    """Return each imitating verb of the sentence with its subject's parties."""
    found: list[tuple[int, list[Party]]] = []
    for token in sentence.doc:
        if not _imitates(token):
            continue
        parties = [
            party
            for child in token.children
            if child.dep_ == "nsubj"
            for party in parties_at(sentence, child)
            if party.state or party.name
        ]
        if parties:
            found.append((token.i, parties))
    return found


def _imitates(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma == "follow" and token.pos_ == "VERB":
        # not "followed with an order of its own", "was followed by", "followed the talks"
        return not any(
            (c.dep_ == "dobj" and c.lower_ not in _FOLLOWED_OBJECTS)
            or (c.dep_ in ("prep", "agent") and c.lower_ in ("with", "by", "through"))
            or c.dep_ in ("prt", "nsubjpass")
            or (c.dep_ in ("ccomp", "xcomp") and c.i > token.i)
            for c in token.children
        )
    if lemma == "do" and token.pos_ in ("VERB", "AUX"):
        return any(
            c.dep_ in ("dobj", "advmod") and c.lower_ in ("same", "likewise")
            for c in token.children
        )
    return False


def imitations_of(
    earlier: list[Record], parties: list[Party], mentions: list[Mention],
    document: Document, evidence_start: int, evidence_end: int,
) -> Iterator[Record]:
    """Yield the records of the imitating parties: each earlier record with the party of
    its subject's side replaced."""
    evidence = Evidence(
        document.text[evidence_start:evidence_end], evidence_start, evidence_end
    )
    for record in earlier:
        side = _subject_side(record, mentions)
        if side is None:
            continue
        for party in parties:
            own = (record.supplier, record.supplier_name, record.recipient, record.recipient_name)
            if (party.state and party.state in own) or (party.name and party.name in own):
                continue
            changed = (
                dict(supplier=party.state, supplier_name=party.name)
                if side == "supplier"
                else dict(recipient=party.state, recipient_name=party.name)
            )
            yield replace(
                record,
                **changed,  # type: ignore[arg-type]
                quantity=None,
                value=None,
                date=None,
                evidence=evidence,
                confidence=max(0.05, record.confidence - IMITATION_COST),
                extra={"restatement": False, "added_to": record.id},
            )


def _subject_side(record: Record, mentions: list[Mention]) -> str | None:
    """Return the side of the record's party its evidence names first (the subject's);
    `mentions` in text order, as `MentionFinder.find` gives them."""
    if record.kind != "transfer":
        return None
    for mention in mentions:
        if not (record.evidence.start <= mention.start < record.evidence.end):
            continue
        if not mention.is_party:
            continue
        if mention.state and mention.state == record.supplier:
            return "supplier"
        if mention.state and mention.state == record.recipient:
            return "recipient"
        if mention.name and mention.name == record.recipient_name:
            return "recipient"
    return None
