"""What the reading of one sentence may look back at in its article: names, records, buyers.

ArticleContext holds the document, its mentions, sentences and the records told so far;
its methods and the functions here find the topic state, the company or armed group named
last, the systems named just before, and the one buyer the article is about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from armstrace.extract.discourse import LOOKBACK_SENTENCES
from armstrace.extract.facts import Party, WeaponSlot
from armstrace.extract.mention import ORIGIN_SUFFIX, Mention
from armstrace.extract.sentences import SentenceSpan
from armstrace.extract.words import PACKAGE_NAMING_WORDS
from armstrace.knowledge import WeaponSystem
from armstrace.model import Document, PartialDate, Record

# A sentence that opens with a state by description ("The emirate has ...", "The kingdom's
# purchases ..."): its topic is a state named before it.
_OPENING_DESCRIPTION = re.compile(
    r"\W*(?:The|the)\s+(?:[a-z]+\s+)?(?P<form>emirate|kingdom|country|nation|republic|island|"
    r"sheikhdom|sultanate|regime|government)(?:'s|’s)?\s"
)

# Plain names of armed groups a pronoun may point back to.
_GROUP_WORDS = re.compile(r"\b(?:rebels|militias|militants|insurgents|guerrillas|fighters)\b")


@dataclass
class ArticleContext:
    """What the rules may look back at while reading one sentence of a document."""

    document: Document
    mentions: list[Mention]
    sentences: list[SentenceSpan]
    sentence: SentenceSpan
    records: list[Record]
    home_state: str | None = None
    # forms of state by code (Knowledge.state_forms): "the kingdom" points back to one
    state_forms: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def topic_before(self, position: int, exclude: set[str]) -> list[str]:
        """Return the state a subject pronoun continues: the first state named in the
        nearest earlier sentence that names one (English puts the topic first)."""
        for span in reversed([s for s in self.sentences if s.end <= self.sentence.start]):
            opening = _OPENING_DESCRIPTION.match(self.document.text, span.start, span.end)
            if opening:
                # "The emirate has spent heavily ..., spreading its orders across Europe and
                # the US. In 2015 it ordered ...": the topic is the emirate, the state named
                # last before it (the last of its form), not the states of its own sentence
                nearby = self.states_before(span.start, exclude, count=6, actors_only=True)
                form = opening.group("form").lower()
                fitting = [s for s in nearby if form in self.state_forms.get(s, ())]
                return fitting[:1] or nearby[:1]
            named = [
                m
                for m in self.mentions
                if span.start <= m.start < span.end
                and m.kind in ("state", "leader")
                and m.state
                and m.state not in exclude
                # "the Chinese-made K-8 jets": a weapon's origin is no topic
                and not ORIGIN_SUFFIX.match(self.document.text, m.end)
            ]
            if named:
                return [named[0].state]  # type: ignore[list-item]
            if span.start < position - 2000:
                break
        return []

    def force_owner_before(self, position: int, noun: str, exclude: set[str]) -> str | None:
        """Return the state whose forces of this kind were named last before `position`:
        "the army" after "Lebanon's army" or "the Lebanese army", however many other
        states were named since ("The US has given Lebanon's army $1.5bn in aid ... the
        army has also received drones")."""
        owned = re.compile(r"(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}?" + re.escape(noun), re.IGNORECASE)
        for mention in reversed(self.mentions):
            if mention.start >= position or mention.kind != "state" or not mention.state:
                continue
            if mention.state not in exclude and owned.match(self.document.text, mention.end):
                return mention.state
        return None

    def topic_party_before(self, position: int, exclude: set[str]) -> Party | None:
        """Return the party the nearest earlier sentence that names one is about: its
        first state or armed group named as an actor (English puts the topic first), for
        a pronoun that points back to it ("The Kurdish-led SDF has been the Pentagon's main
        partner ... Washington has supplied it with mortars": the SDF)."""
        for span in reversed([s for s in self.sentences if s.end <= self.sentence.start]):
            named = [
                m
                for m in self.mentions
                if span.start <= m.start < span.end
                and (m.kind == "group" or (m.kind in ("state", "leader") and m.state))
                and m.form != "adjective"
                and (m.state is None or m.state not in exclude)
            ]
            if named:
                first = named[0]
                if first.kind == "group":
                    return Party(None, first.name, -1, "topic")
                return Party(first.state, None, -1, "topic")
            if span.start < position - 2000:
                break
        return None

    def company_before(self, position: int) -> str | None:
        """Return the state of the company named last before `position`, within three sentences."""
        index = next((i for i, s in enumerate(self.sentences) if s == self.sentence), 0)
        window_start = self.sentences[max(0, index - 3)].start
        for mention in reversed(self.mentions):
            if window_start <= mention.start < position and mention.kind == "company":
                return mention.state
        return None

    def group_before(self, position: int) -> str | None:
        """Return the armed group named last before `position`, within two sentences.

        A named group ("Hezbollah") or a plain one ("the rebels allied with it"), whichever
        comes nearer.
        """
        index = next((i for i, s in enumerate(self.sentences) if s == self.sentence), 0)
        window_start = self.sentences[max(0, index - 2)].start
        named = next(
            (
                m
                for m in reversed(self.mentions)
                if window_start <= m.start < position and m.kind == "group"
            ),
            None,
        )
        plain = None
        for match in _GROUP_WORDS.finditer(self.document.text, window_start, position):
            plain = match
        if plain is not None and (named is None or plain.start() > named.start):
            return plain.group(0)
        return named.name if named is not None else None

    def states_before(
        self,
        position: int,
        exclude: set[str],
        count: int,
        kinds: tuple[str, ...] = ("state",),
        actors_only: bool = False,
    ) -> list[str]:
        """Return the last `count` distinct states named before `position` (nearest first).

        `actors_only`: states named as actors, not by an adjective on a thing ("Serbia has
        long bought Russian arms. The country ...": Serbia), where there is one."""
        named = [
            m
            for m in reversed(self.mentions)
            if m.start < position
            and m.state is not None
            and m.kind in kinds
            and m.state not in exclude
        ]
        actors = [m for m in named if m.form != "adjective"] if actors_only else []
        return _distinct_states(actors, count) or _distinct_states(named, count)


def _distinct_states(mentions: list[Mention], count: int) -> list[str]:
    """Return the first `count` distinct states of `mentions`, in their order."""
    found: list[str] = []
    for mention in mentions:
        if mention.state is not None and mention.state not in found:
            found.append(mention.state)
            if len(found) == count:
                break
    return found


# A package named in an earlier sentence ("announced a new military aid package for ...").
PACKAGE_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted(PACKAGE_NAMING_WORDS)) + r")\b", re.IGNORECASE
)


def package_parties_before(context: ArticleContext) -> tuple[list[Party], list[Party]] | None:
    """Return (suppliers, recipients) of the package a sentence just before announced:
    "The US announced a new $400 million military aid package for Ukraine on Friday. The
    package includes Patriot interceptors": the state before the package noun gives it,
    the state after its "for" or "to" gets it. None where no earlier sentence in reach
    names a package with a recipient."""
    index = next((i for i, s in enumerate(context.sentences) if s == context.sentence), 0)
    text = context.document.text
    for span in reversed(context.sentences[max(0, index - LOOKBACK_SENTENCES) : index]):
        for match in PACKAGE_WORDS.finditer(text, span.start, span.end):
            states = [
                m
                for m in context.mentions
                if span.start <= m.start < span.end and m.is_party and m.state is not None
            ]
            recipients = [
                Party(m.state, None, -1, "topic")
                for m in states
                if m.start > match.start()
                and text[max(span.start, m.start - 12) : m.start].split()[-1:] in (["for"], ["to"])
            ]
            givers = [m for m in states if m.start < match.start()]
            if recipients:
                suppliers = [Party(givers[0].state, None, -1, "topic")] if givers else []
                return suppliers, recipients[:1]
    return None


def named_before(
    mentions: list[Mention], sentences: list[SentenceSpan], span: SentenceSpan
) -> list[Mention]:
    """Return the systems named in the two sentences before `span`, in order."""
    index = sentences.index(span)
    window_start = sentences[max(0, index - 2)].start
    return [m for m in mentions if m.kind == "weapon" and window_start <= m.start < span.start]


def find_sole_buyer(context: ArticleContext) -> Party | None:
    """Return the one state every transfer told so far in the document goes to, if any."""
    state = sole_state_in_role(context, "recipient")
    return None if state is None else Party(state, None, -1, "topic")


def sole_state_in_role(context: ArticleContext, role: str) -> str | None:
    """Return the one state that every transfer told before this sentence has as its
    `role` ("supplier" or "recipient"), or None when they have several or none."""
    states = {
        getattr(r, role)
        for r in context.records
        if r.kind == "transfer" and r.evidence.start < context.sentence.start
    }
    if len(states) != 1:
        return None
    (state,) = states
    return state


def served_before(suppliers: list[Party], context: ArticleContext) -> list[Party]:
    """Return the recipient of the last transfer told before this sentence from the same
    supplier, as the receiver of a supplier's further transfer that names none.

    "Germany sent arms to the Peshmerga ... Germany alone sent Milan missiles and G3
    rifles, while Britain supplied machine guns": an article that follows one supplier's
    aid goes on about the same receiver. The record model weighs the guess (how
    "served-before") against what else the sentence names.
    """
    own = {(p.state, p.name) for p in suppliers}
    last = _last_transfer_with_receiver(
        context, lambda r: (r.supplier, r.supplier_name if r.supplier is None else None) in own
    )
    return [] if last is None else [Party(last.recipient, last.recipient_name, -1, "served-before")]


def buyer_before(category: str, context: ArticleContext) -> tuple[Party, PartialDate | None] | None:
    """Return the recipient (and date) of the last transfer of a category told in the
    sentences just before, as the buyer an offer without one answers."""
    index = next((i for i, s in enumerate(context.sentences) if s == context.sentence), 0)
    window_start = context.sentences[max(0, index - LOOKBACK_SENTENCES)].start
    last = _last_transfer_with_receiver(context, lambda r: r.category == category, window_start)
    if last is None:
        return None
    return Party(last.recipient, last.recipient_name, -1, "topic"), last.date


def _last_transfer_with_receiver(
    context: ArticleContext, keep: Callable[[Record], bool], since: int = 0
) -> Record | None:
    """Return the last transfer with a receiver that `keep` accepts, told before this
    sentence and from character `since` on."""
    earlier = [
        r
        for r in context.records
        if r.kind == "transfer"
        and since <= r.evidence.start < context.sentence.start
        and (r.recipient or r.recipient_name)
        and keep(r)
    ]
    return max(earlier, key=lambda r: r.evidence.start, default=None)


def only_system_named(slot: WeaponSlot, context: ArticleContext) -> WeaponSystem | None:
    """Return the one system of the slot's category the article names before it, if it
    names exactly one (by family)."""
    named = [
        m.weapon
        for m in context.mentions
        if m.kind == "weapon"
        and m.weapon is not None
        and m.start < slot.mention.start
        and m.weapon.category == slot.mention.category
    ]
    families = {w.family or w.designation for w in named}
    return named[-1] if len(families) == 1 else None


def is_definite(slot: WeaponSlot, context: ArticleContext) -> bool:
    """Tell whether a generic weapon phrase points back ("the fighters", "those jets")."""
    start = max(0, slot.mention.start - 40)
    before = context.document.text[start : slot.mention.start].lower().split()
    return (
        bool(before)
        and any(word in ("the", "these", "those") for word in before[-5:])
        and ("own" not in before[-3:])
    )
