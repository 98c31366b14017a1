"""Resolve pronouns and descriptions ("it", "the Balkan country", "the company") to parties.

A pronoun is its speaker's state ("Erdogan said it ...") or the topic continued from the
sentences before; a description is the state, company or armed group named last before it;
"the Army" is the home forces of the dateline's state.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from armstrace.extract.context import ArticleContext, sole_state_in_role
from armstrace.extract.facts import ParsedSentence, Party
from armstrace.extract.mention import Mention
from armstrace.extract.parties import parties_at
from armstrace.extract.tree import CLAUSE_DEPS, speech_subject
from armstrace.extract.words import (
    COMPANY_NOUNS,
    FIRST_PERSON,
    FORCE_NOUNS,
    PRONOUNS_PLURAL,
    REACTION_WORDS,
    RELATIVE_PRONOUNS,
    STATE_NOUNS,
)
from armstrace.knowledge import STATE_FORM_WORDS

# Descriptions of a state by its rulers.
GOVERNMENT_NOUNS = frozenset({"regime", "government", "administration", "junta"})

# Dependencies of a pronoun that is an object: "sold it", "supplied it with", "sent them".
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "pobj"})


def resolve(
    parties: list[Party],
    sentence: ParsedSentence,
    context: ArticleContext,
    other_side: list[Party],
    role: str | None = None,
) -> list[Party]:
    """Replace pronouns and "the Balkan country" by the states they refer to.

    `role` is the side the parties stand on in the fact ("supplier", "recipient"): a
    description on a side that one state has held in every transfer the article told
    before is that state ("Washington approved the sale of jets to Taiwan ... the
    administration approved a package of tanks for the island": the supplier and the
    buyer told before), not merely the state named last.
    """
    resolved: list[Party] = []
    for party in parties:
        if party.how not in (
            "pronoun",
            "description",
            "group-description",
            "company-description",
        ):
            resolved.append(party)
            continue
        token = sentence.doc[party.token]
        if party.how == "company-description":
            company_state = context.company_before(sentence.start + token.idx)
            if company_state is not None:
                resolved.append(Party(company_state, None, party.token, "description"))
            continue
        predicate = _copula_subject(token, sentence)
        if predicate:
            # "Hezbollah and Hamas are the only groups with drones in their arsenal"
            resolved.extend(predicate)
            continue
        if party.how == "group-description" or (
            token.lower_ in ("they", "them", "their") and not _speaker_parties(token, sentence)
        ):
            group = context.group_before(sentence.start + token.idx)
            if group is not None:
                resolved.append(Party(None, group, party.token, "description"))
                continue
            if party.how == "group-description":
                # "the rebels" with no named group before: keep the phrase as its name
                clauses = {t.i for c in token.children if c.dep_ in ("acl", "relcl")
                           for t in c.subtree}
                phrase = " ".join(t.text for t in token.subtree
                                  if t.dep_ != "det" and t.i not in clauses)
                resolved.append(Party(None, phrase, party.token, "description"))
                continue
        if token.lower_ in FIRST_PERSON:
            speaker = _speaker_parties(token, sentence)
            resolved.extend(replace(p, how="pronoun") for p in speaker)
            continue  # "our government" in an opinion piece names no state we know
        if token.lower_ in ("it", "its"):
            company_state = _speaker_company(token, sentence, context)
            if company_state is not None:
                # "the company said it will provide missiles": the firm's state
                resolved.append(Party(company_state, None, party.token, "description"))
                continue
        reacted_on = _object_reacted_on(token, sentence)
        if party.how == "pronoun" and reacted_on:
            resolved.extend(reacted_on)
            continue
        speaker = _speaker_parties(token, sentence)
        if party.how == "pronoun" and speaker:
            resolved.extend(replace(p, how="pronoun") for p in speaker)
            continue
        if token.lemma_.lower() in FORCE_NOUNS:
            # "the Army", "the Navy": the home forces of a newswire's dateline state, or
            # of the state the article is about
            taken = {p.state for p in other_side if p.state}
            home = context.home_state
            owner = context.force_owner_before(
                sentence.start + token.idx, token.lower_, exclude=taken
            )
            if owner is not None and (home is None or home in taken):
                home = owner  # "Lebanon's army ... the army has also received drones"
            if home is None or home in taken:
                topic = context.topic_before(sentence.start + token.idx, exclude=taken)
                home = topic[0] if topic else None
            if home is not None:
                resolved.append(Party(home, None, party.token, "description"))
            continue
        parallel = _parallel_possessor(token, sentence)
        if parallel is not None:
            resolved.append(Party(parallel, None, party.token, party.how))
            continue
        others = {p.state for p in other_side if p.state}
        continued = _state_in_role(party, token, role, context, others)
        if continued is not None:
            resolved.append(Party(continued, None, party.token, party.how))
            continue
        plural = token.lower_ in PRONOUNS_PLURAL
        # "he"/"his" may be a leader; "it" and "the Balkan country" name a state.
        # "the regime" and "the government" are a leader's as much as a state's ("the war
        # in Assad's favour. Moscow has also sent the regime T-90 tanks")
        kinds = (
            ("state", "leader")
            if token.lower_ in ("he", "his", "she", "her")
            or token.lemma_.lower() in GOVERNMENT_NOUNS
            else ("state",)
        )
        found: list[str] = []
        if token.dep_ in ("nsubj", "nsubjpass") and party.how == "pronoun":
            # a subject pronoun continues the topic: "Poland ... It has handed 200 T-72s
            # to Ukraine, and in April it signed a contract"
            found = context.topic_before(sentence.start + token.idx, exclude=others)
        elif (
            token.lower_ in ("it", "them")
            and token.dep_ in OBJECT_DEPS
            and not _named_earlier_in_sentence(token, sentence, others)
        ):
            # an object pronoun points at the topic too, the party the sentence before is
            # about, not the last one it names: "Saudi Arabia leads the coalition fighting
            # the Houthis in Yemen. The US has sold it billions of dollars of weapons"
            topic_party = context.topic_party_before(sentence.start + token.idx, exclude=others)
            if topic_party is not None:
                resolved.append(replace(topic_party, token=party.token, how=party.how))
                continue
        form = token.lemma_.lower()
        if not found and form in STATE_FORM_WORDS and not plural:
            # "sold 48 Typhoon jets to the kingdom" after Saudi Arabia and Yemen: the
            # nearest state that is a kingdom, not merely the nearest state
            nearby = context.states_before(
                sentence.start + token.idx, exclude=others, count=6, kinds=kinds,
                actors_only=True,
            )
            found = [s for s in nearby if form in context.state_forms.get(s, ())][:1]
        if not found:
            found = context.states_before(
                sentence.start + token.idx,
                exclude=others,
                count=2 if plural else 1,
                kinds=kinds,
                # "Serbia has long bought Russian arms. The country ...": Serbia
                actors_only=party.how == "description",
            )
        resolved.extend(Party(state, None, party.token, party.how) for state in found)
    unique: dict[tuple[str | None, str | None], Party] = {}
    for party in resolved:
        unique.setdefault((party.state, party.name), party)
    return list(unique.values())


def _object_reacted_on(token: Token, sentence: ParsedSentence) -> list[Party]:
    """Return the state a subject pronoun of a reason clause refers to when the verb the
    clause explains acts on that state (REACTION_WORDS): its object."""
    clause = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or token.lower_ not in ("it", "they"):
        return []
    while clause.dep_ in ("advcl", "ccomp", "conj") and clause.head.i != clause.i:
        verb = clause.head
        if verb.lemma_.lower() in REACTION_WORDS:
            return [
                replace(p, how="pronoun")
                for obj in verb.children
                if obj.dep_ == "dobj"
                for p in parties_at(sentence, obj)
                if p.state or p.name
            ]
        clause = verb
    return []


def _state_in_role(
    party: Party, token: Token, role: str | None, context: ArticleContext, others: set[str]
) -> str | None:
    """Return the state a description continues in its role: the one state every transfer
    told before held on that side, unless it is the other side's."""
    if role is None or party.how != "description" or token.lemma_.lower() not in STATE_NOUNS:
        return None
    state = sole_state_in_role(context, role)
    return None if state is None or state in others else state


def _named_earlier_in_sentence(token: Token, sentence: ParsedSentence, exclude: set[str]) -> bool:
    """Tell whether a party is named before a pronoun in its own sentence: then the pronoun
    points there ("must stop appeasing Turkey and selling it arms": Turkey)."""
    return any(
        m.start < sentence.start + token.idx
        and (m.kind == "group" or (m.kind == "state" and m.state not in exclude))
        and m.form != "adjective"
        for m in sentence.mentions
    )


def _copula_subject(token: Token, sentence: ParsedSentence) -> list[Party]:
    """Return the parties a possessive inside the predicate noun of "be" refers to: its
    subject ("Hezbollah and Hamas are the only groups with drones in their arsenal": theirs).
    Nothing past a clause of its own, or where the subject names no party."""
    if token.lower_ not in ("its", "their") or token.dep_ != "poss":
        return []
    current = token
    while current.head.i != current.i:
        if current.dep_ == "attr" and current.head.lemma_ == "be":
            subjects = [c for c in current.head.children if c.dep_ == "nsubj"]
            found = parties_at(sentence, subjects[0]) if subjects else []
            return [replace(p, how="pronoun") for p in found if p.state or p.name]
        if current.dep_ in CLAUSE_DEPS:
            return []
        current = current.head
    return []


# Verbs whose object is the one a following clause speaks of: "warned Egypt that it ..."
ADDRESSEE_VERBS = frozenset(
    {"warn", "tell", "urge", "advise", "remind", "caution", "assure", "press", "inform",
     "threaten", "reassure"}
)


def _across_semicolon(sentence: ParsedSentence, one: Token, other: Token) -> bool:
    """Tell whether a semicolon stands between two words of a sentence."""
    low, high = sorted((one.i, other.i))
    return any(t.text == ";" for t in sentence.doc[low:high])


def _speaker_parties(token: Token, sentence: ParsedSentence) -> list[Party]:
    """Return the states of the nearest enclosing clause's subject ("Erdogan said it ...").

    Only a pronoun that is a subject (or a subject's owner) points at the speaker; "over its
    purchase" deep in a clause points back in the text instead.
    """
    subject_like = token.dep_ in ("nsubj", "nsubjpass") or (
        token.dep_ == "poss" and token.head.dep_ in ("nsubj", "nsubjpass")
    )
    if not subject_like:
        return []
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ not in ("VERB", "AUX"):
            continue
        if current.lemma_.lower() in ADDRESSEE_VERBS:
            # "The US warned Egypt that it risks sanctions if it buys Sukhois": the one
            # warned, not the one warning
            addressed = [
                party
                for child in current.children
                if child.dep_ in ("dobj", "dative", "iobj") and token not in child.subtree
                for t in child.subtree
                if (party := _state_party(sentence.mention_heads.get(t.i), t.i)) is not None
            ]
            if addressed:
                return addressed
        for child in current.children:
            if child.dep_ != "nsubj" or child.lower_ in RELATIVE_PRONOUNS:
                continue
            if token in child.subtree:
                continue
            if _across_semicolon(sentence, child, token):
                # "Pakistan says its jets shot down Indian aircraft; India does not
                # confirm": a clause after a semicolon is not the pronoun's speaker
                continue
            found = [
                party
                for t in child.subtree
                if (party := _state_party(sentence.mention_heads.get(t.i), t.i)) is not None
                and not _inside_weapon_phrase(t, child, sentence)
            ]
            if found:
                return found
    return []


def _inside_weapon_phrase(token: Token, top: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a state hangs from a weapon below `top`: "Finland, with Norway's NASAMS"
    names Norway as the system's maker, not as a speaker beside Finland."""
    current = token
    while current.i != top.i and current.head.i != current.i:
        current = current.head
        mention = sentence.token_mention.get(current.i)
        if mention is not None and mention.is_weapon:
            return True
    return False


def _speaker_company(token: Token, sentence: ParsedSentence, context: ArticleContext) -> str | None:
    """Return the state of the firm a subject pronoun's speaker is ("the company said it")."""
    if token.dep_ not in ("nsubj", "nsubjpass") and not (
        token.dep_ == "poss" and token.head.dep_ in ("nsubj", "nsubjpass")
    ):
        return None
    verb = token.head if token.dep_ != "poss" else token.head.head
    speaker = speech_subject(verb)
    if speaker is None:
        return None
    for word in speaker.subtree:
        mention = sentence.mention_heads.get(word.i)
        if mention is not None and mention.kind == "company":
            return mention.state
    if speaker.lemma_.lower() in COMPANY_NOUNS:
        return context.company_before(sentence.start + speaker.idx)
    return None


def _parallel_possessor(pronoun: Token, sentence: ParsedSentence) -> str | None:
    """Return the state that owns what a coordinated possessive is listed with.

    "the Greek air force's Mirage jets, also supplied by France, and its F-16s": "its" is
    the air force's, like the jets it is listed with, not France's. Only a phrase joined by
    "and" counts, and only one owning state before it in the sentence.
    """
    if pronoun.lower_ not in ("its", "their") or pronoun.dep_ != "poss":
        return None
    if pronoun.head.dep_ != "conj":
        return None
    owners = {
        m.state
        for owner in sentence.doc[: pronoun.i]
        if owner.dep_ == "poss"
        for t in owner.subtree
        if (m := sentence.token_mention.get(t.i)) is not None and m.kind == "state" and m.state
    }
    return owners.pop() if len(owners) == 1 else None


def _state_party(mention: Mention | None, index: int) -> Party | None:
    if (
        mention is None
        or mention.state is None
        or mention.kind not in ("state", "leader", "company")
    ):
        return None
    return Party(mention.state, None, index, "pronoun")
