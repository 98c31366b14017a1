"""Decide the status a trigger word states: tense, modality, negation and governing words.

"will donate" is planned, "might jointly produce" proposed, "has expressed interest in
the purchase" interest, "abandoned the plan" cancelled, "denied any sale" nothing at all.
The status comes from the trigger's own lexicon entry, adjusted by its auxiliaries and
modifiers, and then by the words that govern it up its clause (spec/records.md, status table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from armstrace.extract.lexicon import (
    PARTICLE_DEPS,
    PHRASAL_PARTICLES,
    Lexicon,
    TriggerWord,
    counterfactual,
    phrasal_forms,
    still_to_come,
)
from armstrace.extract.money import sum_of_money
from armstrace.extract.words import (
    NOUNS_THAT_GOVERN,
    PERMISSION_NOUNS,
    REACTION_WORDS,
    WISH_VERBS,
)

FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo", "would"})
# A government's approval of a possible sale, or its formal notice of one to the
# legislature ("notified Congress of a possible sale": the approval's public form).
APPROVAL_VERBS = frozenset({"approve", "authorize", "authorise", "clear", "sanction", "notify"})
FUTURE_ADJECTIVES = frozenset(
    {"due", "set", "scheduled", "slated", "poised", "likely", "expected", "about"}
)
POSSIBILITY_AUXILIARIES = frozenset({"may", "might", "could", "can"})
# verbs whose subject is the transfer itself: "the sale will go ahead"
EVENT_VERBS = frozenset(
    {"go", "proceed", "happen", "begin", "start", "resume", "continue", "take", "occur"}
)
# Dependency labels along which a governing word's meaning reaches the words below it.
# advcl and relcl start clauses of their own; nsubj lets "the sale was approved" and
# "the deal is expected" reach their verbs.
GOVERNING_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "dobj",
        "pobj",
        "pcomp",
        "prep",
        "acl",
        "conj",
        "compound",
        "nsubjpass",
        "nsubj",
        "attr",
        "oprd",
        "appos",
        "dative",
        "acomp",
        "amod",
        "agent",
    }
)
NOUN_MODALITY = {
    "possible": "proposed",
    "potential": "proposed",
    "proposed": "proposed",
    "prospective": "proposed",
    "planned": "planned",
    "pending": "planned",
    "future": "planned",
    "upcoming": "planned",
    "expected": "planned",
}
QUESTION_VERBS = frozenset({"ask", "wonder", "question", "query"})
# Verbs of weighing a step not yet decided: a party considering it (interest)
DELIBERATION_VERBS = frozenset(
    {"consider", "weigh", "review", "study", "examine", "mull", "ponder", "debate", "evaluate"}
)
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "announce", "state", "add", "confirm", "report", "claim", "declare",
        "note", "stress", "insist", "write", "explain", "warn", "reveal", "disclose",
        "indicate", "acknowledge", "admit", "argue", "quote", "believe", "think", "know"
    }
)
# Auxiliaries whose presence makes "is to be delivered" or "are to buy" a plan.
_BE = frozenset({"be"})


@dataclass(frozen=True)
class StatusReading:
    """What the words around a trigger say about its status."""

    status: str | None  # None: the trigger restates a fact without a status of its own
    denied: bool = False  # negated, denied, ruled out, or asked as a question
    governor: Token | None = None  # the outermost word that set the status, if any
    conditional: bool = False


# Nouns whose prepositional phrase a status reaches through ("interest in the purchase",
# "approval for the sale", "talks on the deal"); any other noun stops it.
# Signed statements of intent: what they govern is planned. A "letter" is one only when
# it is "of intent" (or understanding).
SIGNED_INTENT_NOUNS = frozenset({"memorandum", "mou"})
INTENT_LETTER_OF = frozenset({"intent", "intention", "understanding"})
# Nouns that are a statement of intent when they are "of intent": "a declaration of intent"
INTENT_STATEMENT_NOUNS = frozenset({"letter", "declaration", "statement"})


def _in_intent_document(word: Token) -> bool:
    """Tell whether a word is a statement of intent or its "of" noun ("a letter of intent
    under which ...": the parser hangs the clause on "intent")."""
    if is_intent_document(word):
        return True
    return (
        word.lemma_.lower() in INTENT_LETTER_OF
        and word.head.lower_ == "of"
        and is_intent_document(word.head.head)
    )


def is_intent_document(word: Token) -> bool:
    """Tell whether a word names a statement of intent: a memorandum, an MoU, a letter or a
    declaration of intent ("signed a letter of intent for 20 jets"); a letter of complaint
    is none."""
    lemma = word.lemma_.lower()
    if lemma in SIGNED_INTENT_NOUNS:
        return True
    return lemma in INTENT_STATEMENT_NOUNS and any(
        child.dep_ == "prep" and child.lower_ == "of"
        and any(noun.lemma_.lower() in INTENT_LETTER_OF for noun in child.children)
        for child in word.children
    )


# Letters that are a contract, as the lexicon's two-word entries name them: of offer and
# acceptance (the US government's sales contract) or of commitment.
CONTRACT_LETTERS = frozenset({"letter acceptance", "letter commitment"})


def is_contract_letter(word: Token) -> bool:
    """Tell whether a word is a letter that is a contract ("signed a letter of commitment
    for"), read as the lexicon reads it (`lexicon.phrasal_forms`)."""
    return word.pos_ == "NOUN" and not CONTRACT_LETTERS.isdisjoint(phrasal_forms(word))


def has_to_infinitive(verb: Token) -> bool:
    """Tell whether a verb is a "to" infinitive ("to build", "is to be built")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


# Nouns that halt what their "on" names: "a moratorium on arms sales", "a ban on exports".
HALTING_NOUNS = frozenset({"moratorium", "ban", "embargo", "freeze", "suspension", "halt", "pause"})

# "a deal under which Egypt would build the tank": the clause belongs to the deal.
CONTRACT_NOUNS = frozenset(
    {"contract", "deal", "agreement", "accord", "order", "programme", "program", "arrangement",
     "project", "scheme", "initiative"}
)
# Verbs whose infinitive of purpose belongs to them ("signed a deal to develop", "agreed
# terms to buy").
PURPOSE_HEADS = frozenset(
    {
        "sign",
        "agree",
        "conclude",
        "reach",
        "award",
        "win",
        "pledge",
        "approve",
        "allocate",
        "earmark",
        "budget",
        "plan",
        "seek",
    }
)
# Transfers an announcement decides without a contract or a delivery: "announced the
# purchase of", "unveiled new military aid for Kyiv".
ANNOUNCED_NOUNS = frozenset({"purchase", "acquisition", "procurement", "aid", "assistance"})
ANNOUNCING_VERBS = frozenset({"announce", "unveil"})
# Verbs whose object is a prospect: what they lead to has not been decided.
OUTCOME_VERBS = frozenset({"lead", "pave"})
# Prepositions through which a verb governs its object ("agreed on the sale", "pay for the
# jets"); other prepositional phrases of a verb are adjuncts ("in response to the delivery").
GOVERNING_PREPOSITIONS = frozenset({"on", "for", "over", "about", "of", "to", "into"})


def _from_doing(prep: Token) -> bool:
    """Tell whether a preposition is the "from" of a deed held back or withdrawn from:
    "barred Israel from selling radars", "withdrew from buying the jets"."""
    return prep.lower_ == "from" and any(c.dep_ == "pcomp" for c in prep.children)


def governors(token: Token) -> list[Token]:
    """Return the words above `token` in its clause, nearest first."""
    chain: list[Token] = []
    current = token
    while (
        current.dep_ in GOVERNING_DEPS
        or _phrasal_particle(current)
        or (
            current.dep_ == "relcl"
            and (
                _priced_noun(current.head).lemma_ in CONTRACT_NOUNS
                or _in_intent_document(current.head)
            )
            and any(
                (c.dep_ == "prep" and c.lower_ in ("under", "by"))
                or (c.dep_ == "aux" and c.lower_ == "to")
                for c in current.children
            )
        )
        or (
            current.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "for" for c in current.children)
        )
        # "signed a deal worth £100m to develop fighter jets": the purpose of a deal
        or (
            current.dep_ == "advcl"
            and has_to_infinitive(current)
            and current.head.lemma_ in PURPOSE_HEADS | OBJECT_CONTROL_VERBS
        )
    ) and current.head.i != current.i:
        if (
            current.dep_ == "acl"
            and current.tag_ == "VBN"
            and not any(c.dep_ in ("aux", "auxpass") for c in current.children)
        ):
            break  # "20 fighters ordered by Cairo in 1983 were held back": a description
        if current.dep_ == "ccomp" and current.i < current.head.i:
            break  # a fronted clause is reported, not governed: "X signed ..., Y agreed"
        if current.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in current.head.children):
            break  # "its Patriot batteries intercepted missiles": a verb acts on its object
        if (
            current.dep_ == "prep"
            and current.head.pos_ in ("VERB", "AUX")
            and current.lower_ not in GOVERNING_PREPOSITIONS
            and not _phrasal_particle(current)
            and not _from_doing(current)
        ):
            break
        if (
            current.dep_ == "prep"
            and current.head.pos_ in ("NOUN", "PROPN")
            and current.head.lemma_.lower() not in NOUNS_THAT_GOVERN
            and not sum_of_money(current.head, current)
        ):
            break  # "the cost of France's purchase": the cost does not govern the purchase
        stranded = _noun_before_prep(current)
        if stranded is not None:
            chain.append(stranded)
        current = _priced_noun(current.head) if current.dep_ == "relcl" else current.head
        if current.dep_ in ("aux", "auxpass") and current.head.i != current.i:
            current = current.head  # "the sale has been frozen": the parser's subject of "been"
        chain.append(current)
    return chain


def _priced_noun(amount: Token) -> Token:
    """Return the noun whose price `amount` is ("a contract worth $300 million to supply":
    the parser hangs the purpose on the amount), or `amount` itself."""
    worth = amount.head
    if (
        amount.like_num or amount.lower_ in ("million", "billion", "bn", "m")
    ) and amount.dep_ in ("npadvmod", "pobj", "dobj") and worth.lower_ == "worth":
        if worth.dep_ == "prep":
            worth = worth.head  # "worth" as a preposition after its noun
        elif worth.dep_ == "amod":
            worth = worth.head
        return worth
    return amount


def _phrasal_particle(token: Token) -> bool:
    """ "backed out of the deal", "walked away from the purchase": the particle the parser
    hung the "of" or "from" on belongs to its verb, which governs what they name."""
    return (
        token.lower_ in PHRASAL_PARTICLES
        and token.dep_ in PARTICLE_DEPS
        and token.head.pos_ == "VERB"
        and any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in token.children)
    )


def status_evidence(token: Token) -> tuple[str, ...]:
    """Describe the words that set a trigger's stage, as features of the models
    (scoring.py): its tag ("tag:VBD"), the auxiliaries and negations of it and of the
    words above it ("aux:will", "aux:have"), and those words' lemmas ("gov:approve").
    Names and numbers are left out, as everywhere in the models' features."""
    above = governors(token)
    found = [f"tag:{token.tag_}"]
    for word in [token, *above][:4]:
        found += [
            f"aux:{child.lower_}"
            for child in word.children
            if child.dep_ in ("aux", "auxpass", "neg") and child.is_alpha
        ]
    found += [
        f"gov:{word.lemma_.lower()}"
        for word in above[:3]
        if word.pos_ in ("VERB", "NOUN", "ADJ", "AUX") and word.is_lower
    ]
    return tuple(dict.fromkeys(found))


def _noun_before_prep(prep: Token) -> Token | None:
    """ "Germany extended its moratorium on arms sales", "aimed at finalising talks on the
    sale": the parser hung "on" on the verb, but it belongs to the noun right before it,
    which governs what the "on" names (halts it, or only talks about it)."""
    if prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX") or prep.i == 0:
        return None
    noun = prep.doc[prep.i - 1]
    if noun.dep_ == "dobj" and noun.head.i == prep.head.i and (
        noun.lemma_.lower() in HALTING_NOUNS | TALK_NOUNS
    ):
        return noun
    return None


def _is_negated(token: Token) -> bool:
    if no_longer(token):
        return False
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "det" and child.lower_ == "no":
            return True
    return False


def _own_modality(token: Token) -> str | None:
    """Return "future", "possible", "plan" or None from a word's auxiliaries and modifiers."""
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    lowered = {c.lower_ for c in auxiliaries}
    if lowered & POSSIBILITY_AUXILIARIES:
        return "possible"
    if lowered & FUTURE_AUXILIARIES:
        return "future"
    # "going to buy", "is to receive", "are to be delivered", "is due to receive"
    if "to" in lowered and token.dep_ == "xcomp" and token.head.lemma_ in ("be", "go"):
        return "future"
    if "to" in lowered and token.dep_ == "xcomp" and token.head.lower_ in FUTURE_ADJECTIVES:
        return "future"
    if "to" in lowered and (
        token.dep_ == "ROOT"
        or (
            token.dep_ in ("relcl", "acl")
            and token.head.dep_ == "ROOT"
            and token.head.pos_ == "PROPN"
        )
    ):
        # a headline: "Ukraine to get 40 more Patriot interceptors", "Sweden to supply
        # Thailand with four Gripens" (the parser makes the name the root)
        return "future"
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "amod" and child.lower_ in NOUN_MODALITY:
                return NOUN_MODALITY[child.lower_]
    return None


def _is_question(chain: list[Token], token: Token) -> bool:
    sentence_text = token.doc.text.rstrip()
    if sentence_text.endswith("?"):
        return True
    for word in [token, *chain]:
        marks = {c.lower_ for c in word.children if c.dep_ == "mark"}
        if marks & {"whether", "if"} and any(g.lemma_ in QUESTION_VERBS for g in governors(word)):
            return True
    return False


def _is_conditional(chain: list[Token], token: Token) -> bool:
    """Tell whether the fact hangs on a condition: "if Congress approves" (in the
    trigger's clause or one above it), but not "even if" or "as if"."""
    for word in [token, *chain]:
        if _is_condition_clause(word):
            return True
        if any(c.dep_ == "advcl" and _is_condition_clause(c) for c in word.children):
            return True
    return False


def _is_condition_clause(word: Token) -> bool:
    if word.dep_ != "advcl":
        return False
    for mark in word.children:
        if mark.dep_ == "mark" and mark.lower_ in ("if", "unless"):
            before = mark.nbor(-1).lower_ if mark.i > 0 else ""
            return before not in ("even", "as")
    return False


# Verbs whose object is the subject of their infinitive: "Ukraine asked Germany to supply
# Taurus missiles" (Germany supplies), "had approached six countries to supply submarines".
OBJECT_CONTROL_VERBS = frozenset(
    {"ask", "urge", "approach", "invite", "request", "press", "persuade", "encourage", "lobby"}
)
# Verbs whose object is let do what their infinitive says: "the US authorised Denmark and
# the Netherlands to transfer F-16s" (they transfer; the US neither sends nor receives).
PERMISSION_VERBS = frozenset({"allow", "permit", "authorise", "authorize", "clear", "enable"})
# How far along a transfer a status is; a governing word can only hold a fact back
# ("planned the purchase", "expected to sign"), never push it forward.
STRENGTH = {"interest": 0, "proposed": 1, "planned": 2, "ordered": 3, "delivered": 4}


def read_status(token: Token, entry: TriggerWord, lexicon: Lexicon) -> StatusReading:
    """Read the status of the fact that trigger `token` (with lexicon `entry`) states.

    The trigger's own status, adjusted by its auxiliaries ("will donate": planned), is
    capped by every weaker word above it ("has expressed interest in the purchase":
    interest); a cancelling word above it cancels; a negation or denial drops it.
    """
    chain = governors(token)
    if (
        token.lemma_.lower() in PERMISSION_NOUNS
        or (token.pos_ == "NOUN" and entry.word_class == "transfer")
    ) and no_new_permissions(token):
        # "no further export licences would be granted", "will issue no new permits",
        # "will approve no further exports of military equipment": a halt of what such
        # permissions or transfers would have been
        return StatusReading("cancelled", governor=token)
    if _is_negated(token) or _is_question(chain, token):
        return StatusReading(None, denied=True)

    status = _own_status(token, entry, chain)
    if token.pos_ == "NOUN" and token.dep_ == "nsubj" and token.head.lemma_ in EVENT_VERBS:
        # "the sale will go ahead", "deliveries could begin next year": the event's verb
        # carries the tense
        event_modality = _own_modality(token.head)
        if event_modality == "possible":
            status = "proposed"
        elif event_modality in ("future", "planned") and status in ("ordered", "delivered"):
            status = "planned"
    elif (
        token.pos_ == "NOUN"
        and token.dep_ == "nsubj"
        and status in ("ordered", "delivered")
        and _own_modality(token.head) in ("future", "possible", "planned")
    ):
        # "deliveries of F-16s to Ukraine would escalate the war": what a transfer would
        # cause says it has not happened yet
        status = "planned"
    capped_by: Token | None = None
    cancelled_by: Token | None = None
    lifting: Token | None = None
    # A cancelling trigger ("removing Turkey from the programme") is no stage on the ladder
    # of STRENGTH: a weaker word above it ("to discuss removing") makes it a prospect only.
    cancels = status == "cancelled"
    previous = token
    for word in chain:
        coordinated = previous.dep_ == "conj"
        previous = word
        if coordinated:
            # "cancelled its contract ... and said it would acquire": a coordinated verb
            # does not govern its partner; what governs both lies above
            continue
        if lifting is not None and word.i == lifting.i:
            continue  # "ended" in "ended its moratorium on sales" ends the halt, not the sales
        if _refuses_from_now(word):
            cancelled_by = word  # "Germany would not approve any arms exports to Saudi Arabia"
            continue
        if _is_negated(word) and word.lemma_ not in SPEECH_VERBS:
            return StatusReading(None, denied=True)
        if word.lemma_.lower() in HALTING_NOUNS and _lifted(word):
            # "Moscow lifted its ban on delivering S-300s to Iran": the halt ended, the
            # transfer may go ahead
            if status is None or STRENGTH.get(status, 0) > STRENGTH["planned"]:
                status, capped_by = "planned", word.head
            cancelled_by, lifting = None, word.head
            continue
        # "cut off arms supplies", "called off the purchase": phrasal verbs are lexicon
        # entries of two words (lexicon.phrasal_forms)
        governing = decision_given(lexicon, word) or lexicon.lookup_token(word)
        if governing is None:
            continue
        if governing.word_class == "deny":
            if word.lemma_ == "rule" and not any(c.lower_ == "out" for c in word.children):
                continue
            if token.lemma_.lower() == "request" and token.pos_ == "NOUN":
                continue  # "rejecting Kyiv's requests for Iron Dome": the request was made
            return StatusReading(None, denied=True)
        if governing.status is None:
            continue
        if governing.status == "cancelled":
            if counterfactual(word):  # "resolutions that would have blocked the sale": pending
                status, capped_by = "planned", word
            else:
                cancelled_by = word
            continue
        if token.lemma_ == "offer" and token.pos_ == "NOUN" and word.lemma_ in DELIBERATION_VERBS:
            continue  # "Chile is weighing offers from Germany": the offers are made
        governed = _modal_status(governing, word)
        if (
            governed == "ordered"
            and status == "planned"
            and word is chain[0]
            and (token.lemma_ in CONTRACT_NOUNS)
        ):
            status, capped_by = "ordered", word  # "signed an agreement": ordered
        elif governed is not None and (
            status is None or STRENGTH[governed] < STRENGTH.get(status, len(STRENGTH))
        ):
            status, capped_by = governed, word
    if cancels and capped_by is not None:
        return StatusReading(None, governor=capped_by)

    if (
        token.lemma_.lower() in ANNOUNCED_NOUNS
        and chain
        and chain[0].lemma_ in ANNOUNCING_VERBS
        and status in STRENGTH
        and STRENGTH[status] > STRENGTH["planned"]
    ):
        # "Mitsotakis announced the purchase in September": a decision, the contract came later
        status, capped_by = "planned", chain[0]
    outcome = next(
        (
            w
            for w in list(token.ancestors)[:4]
            if w.lemma_ in OUTCOME_VERBS and not (w.lemma_ == "lead" and w.tag_ == "VBD")
        ),
        None,
    )
    if outcome is not None and STRENGTH.get(status or "", 0) > STRENGTH["proposed"]:
        # "a letter of intent that could lead to Indonesia buying two submarines", "paves the
        # way for the sale": a prospect, not yet a plan ("led to Poland buying" happened)
        status, capped_by = "proposed", outcome
    if status is not None and STRENGTH.get(status, 0) > STRENGTH["proposed"] and _in_talks(token):
        status, capped_by = "proposed", token.head  # "Egypt is in talks with China to buy"
    intent = next((word for word in chain if is_intent_document(word)), None) or next(
        # "Indonesia signed a letter of intent with France to acquire 40 jets": the parser
        # hangs the purpose on the signing verb, beside its object
        (
            child
            for word in chain[:1]
            for child in word.children
            if child.dep_ == "dobj" and is_intent_document(child)
        ),
        None,
    )
    if intent is not None and status in ("proposed", "interest", "ordered", "delivered"):
        # "signed a memorandum of intent to buy 48 more Typhoons", "signed a letter of
        # intent to acquire 20 jets": a purchase agreed in principle, planned (a letter of
        # intent is no contract, and nothing is handed over under it)
        status, capped_by = "planned", intent
    if status in ("proposed", "interest") and any(word.lemma_ in APPROVAL_VERBS for word in chain):
        # "the State Department approved the possible sale", "approves Poland's request to
        # pass MiG-29s on to Ukraine": approved, so planned
        status = "planned"
    if (
        status == "interest"
        and entry.role == "supplier"
        and not (
            capped_by is not None
            and capped_by.lemma_.lower() in OBJECT_CONTROL_VERBS | WISH_VERBS | DELIBERATION_VERBS
        )
    ):
        # a seller seeking a buyer is making an offer: "seeking to sell F-5s to Saudi Arabia";
        # a seller weighing it ("is considering sending Patriot systems") has made none, a
        # bare wish ("they want to sell arms to China") stays a wish, and a buyer asking a
        # seller to supply ("asked Germany to supply Taurus") is the buyer's interest
        status = "proposed"
    if cancelled_by is None and no_longer(token):
        cancelled_by = token  # "would no longer supply arms"
    elif cancelled_by is None and chain and chain[0].lemma_.lower() in PERMITTING_VERBS and (
        no_longer(chain[0])
    ):
        cancelled_by = chain[0]  # "will no longer license arms exports to Turkey"
    if cancelled_by is not None and _is_intent(cancelled_by):
        # "an initiative to stop the purchase", "tried to block the sale": not stopped yet
        return StatusReading(None, governor=cancelled_by)
    if cancelled_by is not None:
        if _is_demand(cancelled_by):
            # "must stop selling it arms", "pressured to cease arms sales to Turkey": a call
            # to stop sales says the sales go on.
            return StatusReading("delivered", governor=cancelled_by)
        return StatusReading("cancelled", governor=cancelled_by)
    if _held_back(token) or any(_held_back(word) for word in chain[:2]):
        return StatusReading("cancelled", governor=token)
    conditional = _is_conditional(chain, token)
    if status == "planned" and any(_under_contract(word) for word in [token, *chain]):
        status = "ordered"  # "Under the deal signed last year, Saudi Arabia agreed to buy"
    if conditional and status in ("ordered", "delivered"):
        status = "planned"
    if status == "ordered" and _background_purchase(token):
        status = "delivered"  # "the radars it bought from Israel in 2019": long since here
    return StatusReading(status, governor=capped_by, conditional=conditional)


# Verbs whose object may be the decision that governs a transfer ("gave the go-ahead for
# the sale", "announced a pause in deliveries"), and those decisions
DECISION_GIVING_VERBS = frozenset({"give", "grant", "issue", "announce", "impose", "declare"})
DECISION_NOUNS = frozenset(
    {
        "go-ahead",
        "pause",
        "moratorium",
        "ban",
        "embargo",
        "suspension",
        "freeze",
    }
)


def decision_given(lexicon: Lexicon, word: Token) -> TriggerWord | None:
    """Return the decision a verb gives: "gives the go-ahead for the sale" (planned)."""
    if word.lemma_.lower() not in DECISION_GIVING_VERBS:
        return None
    for child in word.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in DECISION_NOUNS:
            entry = lexicon.lookup_token(child)
            if entry is not None and entry.word_class == "governor":
                return entry
    return None


# Verbs of a government's permission: refusing them from now on halts the exports
PERMITTING_VERBS = APPROVAL_VERBS | {"grant", "issue", "allow", "permit", "license", "licence"}


# "no new licences", "no further permits", "no more authorisations"
FROM_NOW_WORDS = frozenset({"new", "further", "more", "fresh"})


def no_new_permissions(token: Token) -> bool:
    """Tell whether a permission noun is refused from now on: "no new", "no further"."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in token.children) and any(
        c.lower_ in FROM_NOW_WORDS for c in token.children if c.dep_ in ("amod", "advmod")
    )


def _refuses_from_now(word: Token) -> bool:
    """Tell whether a permission is refused from now on ("will not approve any exports",
    "would not grant new licences"): a halt, unlike a denial that one was ever given
    ("did not approve the sale")."""
    return (
        word.lemma_.lower() in PERMITTING_VERBS
        and _is_negated(word)
        and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in word.children)
    )


# Verbs of getting whose past, told in a clause about the weapons, says they have come.
BACKGROUND_PURCHASE_VERBS = frozenset({"buy", "purchase", "acquire", "obtain", "get"})


def _background_purchase(token: Token) -> bool:
    """Tell whether a purchase is told as background: a past verb of getting in a clause
    that describes the weapons ("the radars it bought from Israel in 2019 are in service",
    "drones that Baku purchased years ago"), not the news of a purchase."""
    if token.pos_ != "VERB" or token.lemma_ not in BACKGROUND_PURCHASE_VERBS:
        return False
    if token.tag_ == "VBN" and token.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "having" for c in token.children
    ):
        return True  # "Chile, having bought Leopard tanks in 2007, wants more": done before
    return (
        token.tag_ in ("VBD", "VBN")
        and token.dep_ in ("relcl", "acl")
        and token.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "to")
                    for c in token.children)
    )


def _own_status(token: Token, entry: TriggerWord, chain: list[Token]) -> str | None:
    """Return the status the trigger states by itself, with its own auxiliaries."""
    base = entry.status
    if base == "delivered" and still_to_come(token):
        return "ordered"  # "Moscow has yet to deliver the S-400 units India paid for"
    modality = _own_modality(token)
    if modality is None and token.dep_ in ("xcomp", "conj") and chain:
        modality = _own_modality(chain[0])
    if modality is None and token.dep_ == "dobj" and token.head.lemma_ in TAKING_VERBS:
        modality = _own_modality(token.head)  # "will take delivery of 30 jets next year"
    if modality == "possible":
        return "interest" if entry.role == "recipient" else "proposed"
    if modality in ("future", "planned"):
        return "planned" if base in ("ordered", "delivered") else base
    if modality == "proposed":
        return "proposed"
    if _is_topic_gerund(token) or _is_copular_restatement(token):
        return None
    if (
        base == "delivered"
        and entry.role == "recipient"
        and token.tag_ == "VBG"
        and token.lemma_ in ("acquire", "import", "obtain", "get")
        and any(c.dep_ == "aux" for c in token.children)
    ):
        return "ordered"  # "Australia is acquiring nuclear-powered submarines": under way
    if (
        base == "delivered"
        and token.tag_ in ("VBP", "VBZ")
        and any(
            c.dep_ == "mark" and c.lower_ in ("before", "until", "once", "when", "after", "if")
            for c in token.children
        )
    ):
        return None  # "to train crews before the new tanks arrive": a time, not a fact
    if (
        base == "ordered"
        and token.tag_ == "VBN"
        and token.dep_ in ("amod", "acl")
        and (token.lemma_ in ("buy", "purchase"))
    ):
        return "delivered"  # "its F/A-18 Hornets, bought from the United States in the 1990s"
    if (
        base == "ordered"
        and (
            token.tag_ == "VBD"
            or (token.tag_ == "VBG" and token.dep_ == "pcomp")
            or any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in token.children)
        )
        and token.lemma_ in ("buy", "purchase")
        and _told_as_a_past_year(token)
    ):
        # "Niger bought six TB2s from Turkey in 2021", "sanctions for buying Su-35s from
        # Russia in 2017", "its weaponry was bought from the Soviet Union in the 1980s":
        # a past sale, done
        return "delivered"
    return base


# A time adjunct that places an event in a year gone by, not in the day's news: "in 2013",
# "in the 1990s", "two years ago", "the same year", "last year".
PAST_YEAR = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)s?\b|\bago\b|\b(?:same|last|previous|that) year\b",
    re.IGNORECASE,
)


def _told_as_a_past_year(token: Token) -> bool:
    """Tell whether a past verb is dated to a year gone by ("bought them in 2019")."""
    return any(
        child.dep_ in ("prep", "npadvmod", "advmod")
        and PAST_YEAR.search(" ".join(t.text for t in child.subtree)) is not None
        for child in token.children
    )


# Verbs whose tense a transfer noun they take carries: "will take delivery", "could get
# deliveries"
TAKING_VERBS = frozenset({"take", "accept", "receive", "get"})
DEONTIC_AUXILIARIES = frozenset({"must", "should", "ought"})
DEMAND_VERBS = frozenset(
    {"urge", "call", "press", "pressure", "demand", "ask", "force", "push", "lobby", "appeal"}
)


def _is_demand(word: Token) -> bool:
    """Tell whether a word is demanded rather than done ("must stop", "urged to cease")."""
    if any(c.dep_ == "aux" and c.lower_ in DEONTIC_AUXILIARIES for c in word.children):
        return True
    return word.dep_ in ("xcomp", "ccomp") and word.head.lemma_ in DEMAND_VERBS


INTENT_WORDS = frozenset(
    {
        "initiative",
        "campaign",
        "bid",
        "attempt",
        "effort",
        "try",
        "seek",
        "want",
        "plan",
        "vow",
        "threaten",
        "move",
        "push",
        "petition",
        "aim",
        "hope",
        "intend",
        "call",
        "bill",
        "motion",
        "referendum",
        "vote",
    }
)


# Heads under which an infinitive cancellation is done, not just wanted.
DECIDING_WORDS = frozenset(
    {
        "decide",
        "agree",
        "vote",
        "choose",
        "opt",
        "be",
        "order",
        "move",
        "begin",
        "start",
        "continue",
    }
)


def not_carried_out(word: Token) -> bool:
    """Tell whether a verb is only demanded ("China demanded that the deal be cancelled",
    "must stop"), attempted ("tried to block the sale") or denied ("did not cancel")."""
    return _is_demand(word) or _is_intent(word) or _is_negated(word)


def _is_intent(word: Token) -> bool:
    """Tell whether a cancelling word is only intended ("an initiative to stop", "tried to
    block"), not done ("decided to cancel")."""
    infinitive = has_to_infinitive(word)
    return infinitive and word.head.lemma_.lower() not in DECIDING_WORDS


def no_longer(token: Token) -> bool:
    """Tell whether a word is modified by "no longer", "not ... any longer", "no more"."""
    return any(
        c.lower_ in ("longer", "more") and any(g.lower_ in ("no", "any") for g in c.children)
        for c in token.children
    )


def _under_contract(token: Token) -> bool:
    """Tell whether a word has an "under the contract/deal" phrase."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "under"
        and any(g.lemma_ in CONTRACT_NOUNS for g in c.children)
        for c in token.children
    )


# Verbs that end a halt: "lifted the embargo", "ended its moratorium", "the ban was eased"
LIFTING_VERBS = frozenset(
    {"lift", "end", "scrap", "rescind", "overturn", "ease", "relax", "remove"}
)


def _lifted(word: Token) -> bool:
    """Tell whether a halting word is itself ended: "lifted its ban on deliveries"."""
    return (
        word.pos_ == "NOUN"
        and word.dep_ in ("dobj", "nsubjpass")
        and word.head.lemma_.lower() in LIFTING_VERBS
        and not _is_negated(word.head)
    )


def _held_back(token: Token) -> bool:
    """Tell whether a word is "held back", "put on hold" or "held up"."""
    if token.lemma_ == "hold" and any(c.lower_ in ("back", "up") for c in token.children):
        return True
    return any(
        c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ == "hold" for g in c.children)
        for c in token.children
    )


def _modal_status(governing: TriggerWord, word: Token) -> str | None:
    """Return the status a governing word states, softened by its own modality."""
    status = governing.status
    modality = _own_modality(word)
    if modality == "possible" and status in ("planned", "ordered"):
        return "proposed"
    if modality == "future" and status == "ordered":
        return "planned"
    return status


def _is_copular_restatement(token: Token) -> bool:
    """Tell whether a trigger noun only renames a deal ("It is the largest arms sale")."""
    if token.pos_ != "NOUN" or token.dep_ != "attr" or token.head.lemma_ != "be":
        return False
    return any(
        c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that", "which")
        for c in token.head.children
    )


TALK_NOUNS = frozenset({"talk", "negotiation", "discussion", "consultation"})


def _in_talks(token: Token) -> bool:
    """Tell whether a purpose clause hangs on being in talks: "is in talks ... to buy"."""
    if token.dep_ not in ("advcl", "xcomp", "acl") or token.head.i == token.i:
        return False
    head = token.head
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "into")
        and any(o.dep_ == "pobj" and o.lemma_.lower() in TALK_NOUNS for o in c.children)
        for c in head.children
    )


MEANS_PREPOSITIONS = frozenset({"by", "through", "after"})


# Verbs whose "to" takes a gerund the subject undertakes: "commit to donating F-16s"
COMMITTING_VERBS = frozenset({"commit", "pledge"})
# Adjectives of nearness whose "to" takes a gerund the subject is about to do; the
# trigger lexicon gives them the stage (proposed): "close to buying", "near to signing"
NEARING_WORDS = frozenset({"close", "near"})
# Verbs that allege a deed, with the preposition that takes it: "accused of supplying",
# "charged with smuggling"
ACCUSING_VERBS = {"accuse": "of", "suspect": "of", "convict": "of", "charge": "with"}


def is_accused_deed(token: Token) -> bool:
    """Tell whether a gerund is a deed someone is accused of: "has been accused of supplying
    the rebels with armoured vehicles", "accused Iran of arming the Houthis"."""
    return (
        token.dep_ == "pcomp"
        and ACCUSING_VERBS.get(token.head.head.lemma_.lower()) == token.head.lower_
    )


def _is_topic_gerund(token: Token) -> bool:
    """Tell whether a trigger is a gerund used as a topic ("Selling Rafales has raised")."""
    if token.dep_ == "pcomp" and token.head.lower_ in MEANS_PREPOSITIONS:
        return False  # "By arming Houthi rebels with drones, Iran has ...": it did
    if token.dep_ == "pcomp" and token.head.lower_ == "for" and any(
        # the small model's lemmas miss some forms: "fined" -> "fin"
        {word.lemma_.lower(), word.lower_, word.lower_[:-1], word.lower_[:-2]} & REACTION_WORDS
        for above in list(token.head.ancestors)[:3]
        # "imposed sanctions on China's agency for buying": the verb's object reacts
        for word in (above, *(c for c in above.children if c.dep_ == "dobj"))
    ):
        return False  # "sanctions on a firm for buying S-400s": the purchase was made
    if is_accused_deed(token):
        return False  # "Egypt has been accused of supplying the LNA": a deed alleged
    if (
        token.dep_ == "pcomp"
        and token.head.lower_ == "to"
        and token.head.head.lemma_.lower() in COMMITTING_VERBS | NEARING_WORDS
    ):
        # "commit to donating F-16s", "Ankara was close to buying 12 Typhoons": an
        # undertaking or a near deed, read through "commit" or "close"
        return False
    return (
        token.tag_ == "VBG"
        and token.dep_ in ("csubj", "nsubj", "pcomp")
        and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
    )
