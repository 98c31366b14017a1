"""The nouns of sentence reading: a parsed sentence with its mentions, and the facts read off it.

A Fact holds who supplies whom (Party), what (WeaponSlot) and at which status, before it
becomes a Record (records.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from armstrace.extract.mention import Mention


@dataclass(frozen=True)
class Party:
    """A party to a fact: a state (ISO code) or a named non-state actor."""

    state: str | None
    name: str | None
    token: int
    how: (
        str  # "named", "leader", "company", "group", "origin", "producer", "package-maker",
        # "pronoun", "description"
    )
    home_states: tuple[str, ...] = ()  # a multinational company's states ("MBDA")

    def at_home_in(self, state: str | None) -> bool:
        """Tell whether this party belongs to `state`: its own, or one of a company's."""
        return state is not None and (state == self.state or state in self.home_states)


@dataclass(frozen=True)
class WeaponSlot:
    """A weapon a fact is about, with what its noun phrase says."""

    mention: Mention
    head: int
    quantity_token: int | None
    origins: tuple[Party, ...]
    same_type_as_previous: bool = False
    # "Mirage jets from France and more F-16s from the Netherlands": each its own supplier
    sources: tuple[Party, ...] = ()
    # "the system", "all 24 aircraft": the system named before, through a plain noun
    anaphoric: bool = False
    # the weapon named nearest a trigger whose parse reaches none (nearby_weapons.py)
    nearby: bool = False


@dataclass
class Fact:
    """A fact read off one sentence, before it becomes a Record."""

    kind: str
    trigger: int
    suppliers: list[Party]
    recipients: list[Party]
    partners: list[Party]
    weapons: list[WeaponSlot]
    status: str | None
    deal: str
    status_token: int
    confidence: float
    cues: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ParsedSentence:
    """A parsed candidate sentence with the mentions that fall inside it."""

    doc: Doc
    start: int
    mentions: tuple[Mention, ...]
    token_mention: dict[int, Mention]
    mention_heads: dict[int, Mention]


def attach_mentions(doc: Doc, start: int, mentions: list[Mention]) -> ParsedSentence:
    """Map each mention onto the tokens it covers, and find each mention's head token."""
    token_mention: dict[int, Mention] = {}
    for mention in mentions:
        if _verb_not_weapon(doc, start, mention):
            continue
        for token in doc:
            token_start = start + token.idx
            if token_start < mention.end and token_start + len(token.text) > mention.start:
                token_mention[token.i] = mention
    heads: dict[int, Mention] = {}
    for mention in mentions:
        covered = [i for i, m in token_mention.items() if m is mention]
        for i in covered:
            head = doc[i].head
            if head.i not in covered or head.i == i:
                heads.setdefault(i, mention)
                break
    return ParsedSentence(doc, start, tuple(mentions), token_mention, heads)


def _verb_not_weapon(doc: Doc, start: int, mention: Mention) -> bool:
    """Tell whether a generic weapon word is used as a verb: "Iran arms Hezbollah"."""
    if mention.kind != "generic":
        return False
    covered = [
        t for t in doc if start + t.idx < mention.end and start + t.idx + len(t) > mention.start
    ]
    return len(covered) == 1 and covered[0].tag_ in ("VBZ", "VBP", "VBD")


def party_from(mention: Mention, token_index: int, how: str | None = None) -> Party:
    if mention.kind == "group":
        return Party(None, mention.name, token_index, how or "group")
    kind_how = {"state": "named", "leader": "leader", "company": "company"}[mention.kind]
    return Party(mention.state, None, token_index, how or kind_how, mention.home_states)
