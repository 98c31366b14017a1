"""Date a fact: the date mention of the trigger's own clause nearest its status word.

A date in a clause that describes something else, in the clause before a coordinated one,
on a wish rather than the wished-for purchase, or on a report of an earlier fact is not the
fact's. Without one, a lead sentence's news and a wire's contract award take the
publication date.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token

from armstrace.extract.context import ArticleContext
from armstrace.extract.dates import find_dates
from armstrace.extract.facts import Fact, ParsedSentence
from armstrace.extract.status import governors
from armstrace.extract.words import AWARD_VERBS, REPORTING_VERBS
from armstrace.model import PartialDate

# Statuses that a lead sentence reports as the day's news (an interest or a delivery in a
# lead is more often background).
NEWS_STATUSES = frozenset({"proposed", "planned", "ordered", "cancelled"})


def date_of(
    fact: Fact, sentence: ParsedSentence, context: ArticleContext
) -> PartialDate | None:
    doc = sentence.doc
    anchor = doc[fact.status_token]
    chain = [anchor, *governors(anchor)]
    scope = {t.i for t in chain[-1].subtree}
    best: tuple[int, PartialDate] | None = None
    for mention in find_dates(doc.text, context.document.published):
        tokens = [t.i for t in doc if mention.start <= t.idx < mention.end]
        if not tokens or not scope.intersection(tokens):
            continue
        if _in_other_clause(doc[tokens[0]], anchor, chain[-1]):
            continue
        if _outside_coordinated_clause(doc[tokens[0]], anchor):
            continue  # "fought a war in 2006 and ... warned that Iran is delivering"
        if fact.status in ("interest", "proposed") and fact.status_token != fact.trigger:
            trigger = doc[fact.trigger]
            if doc[tokens[0]] in trigger.subtree and trigger.i not in tokens:
                # "considering buying Rapier missiles as a replacement this year": the
                # year of the wished-for purchase, not of the wish
                continue
        if _reported_before(doc[tokens[0]], doc[fact.trigger], fact.status == "delivered"):
            # "Iran acknowledged earlier this month it had acquired Silkworms": the
            # acknowledgement's date; the acquisition came before, when is not said
            continue
        distance = min(abs(t - anchor.i) for t in tokens)
        if best is None or distance < best[0]:
            best = (distance, mention.date)
    if best is not None:
        return best[1]
    published = context.document.published
    lead = context.sentences[:1]
    if (
        published is not None
        and fact.status == "delivered"
        and lead
        and lead[0].start == sentence.start
        and _arrived_by_now(anchor)
    ):
        # "The first HIMARS have arrived in Ukraine, the minister said on Thursday": a lead's
        # delivery in the present perfect is the day's news, true by the report's date
        return _report_date(chain[-1], doc, published) or PartialDate.from_date(published)
    if (
        published is not None
        and fact.status in NEWS_STATUSES
        and lead
        and lead[0].start == sentence.start
        # talks reported in the present are the day's news; ongoing work is not
        and not (fact.status != "proposed" and _ongoing(doc[fact.status_token]))
    ):
        # The lead sentence states the article's own news: it happened when published
        # ("Dassault has suspended deliveries", "X has won a contract").
        return PartialDate.from_date(published)
    if published is not None and fact.status == "ordered" and _contract_won_now(doc, fact):
        # "The company also has won a 5.9 mln dlr contract", "was awarded a contract":
        # a wire's contract award is that day's news wherever it stands in the story
        return PartialDate.from_date(published)
    return None


# A decade, alone or with its part: "1990s", "mid-1980s" (spaCy keeps the hyphen's word).
_DECADE = re.compile(r"(?:^|-)(1[89]|20)(\d)0s$")
_SPAN_PREPOSITIONS = frozenset({"in", "during", "throughout"})


def period_end_of(fact: Fact, sentence: ParsedSentence) -> int | None:
    """Return the last year of the decade the fact's clause places it in, or None.

    "already flies older F-16A/B jets bought in the 1990s": the jets came in 1990-1999, so
    the fact is no later than 1999 though it has no date of the contract's kind. A decade in
    a participle that describes the fact's weapon counts ("bought in the 1990s" tells when
    the jets flown were acquired); one in another clause does not.
    """
    doc = sentence.doc
    anchor = doc[fact.status_token]
    root = [anchor, *governors(anchor)][-1]
    heads = {slot.head for slot in fact.weapons}
    for token in root.subtree:
        decade = _DECADE.search(token.text)
        if decade is None or token.dep_ != "pobj" or token.head.lower_ not in _SPAN_PREPOSITIONS:
            continue
        if _in_other_clause(token, anchor, root) and not _describes_weapon(token, heads):
            continue
        return int(decade.group(1) + decade.group(2)) * 10 + 9
    return None


def _describes_weapon(token: Token, heads: set[int]) -> bool:
    """Tell whether a word sits in a participle that describes one of the fact's weapons."""
    current = token
    while current.head.i != current.i:
        if current.dep_ in ("acl", "relcl"):
            noun = current.head
            return noun.i in heads or any(child.i in heads for child in noun.children)
        current = current.head
    return False


# Clauses that describe something else: a date inside one ("Kosovo, which in 2006 declared
# independence") is not the date of a fact outside it.
_DESCRIPTIVE_DEPS = frozenset({"relcl", "appos", "advcl", "parataxis", "acl"})


def _in_other_clause(token: Token, anchor: Token, root: Token) -> bool:
    """Tell whether `token` sits in a descriptive clause below `root` that `anchor` is not in.

    A coordinated verb's own clause counts: in "seek 50 helicopters ... and plan to replace
    the Lynx before 2000", the year is the replacement's, not the wish's.
    """
    current = token
    while current.i != root.i and current.head.i != current.i:
        if (
            current.dep_ == "conj"
            and current.pos_ in ("VERB", "AUX")
            and anchor not in current.subtree
        ):
            return True
        if (
            current.dep_ in _DESCRIPTIVE_DEPS
            and current.head.i != anchor.i
            and anchor not in current.subtree
            and not _frames_the_fact(current.head)
        ):
            return True
        current = current.head
    return False


def _frames_the_fact(noun: Token) -> bool:
    """Tell whether a noun is the contract a fact happens under: "Under the deal signed
    last year, Saudi Arabia has agreed to buy": the deal's date is the order's."""
    return (
        noun.lemma_.lower() in ("deal", "contract", "agreement", "accord")
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "under"
    )


def _ongoing(word: Token) -> bool:
    """Tell whether a verb tells a state that goes on ("is working with Peking on a
    missile"), not an event of the day ("has won", "approved", "signed")."""
    return word.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in word.children)


def _outside_coordinated_clause(token: Token, anchor: Token) -> bool:
    """Tell whether `anchor` sits in a coordinated clause and `token` in the clause before.

    "Israel fought a war in 2006 and officials have warned that Iran is delivering
    missiles": 2006 is the war's. A date that opens the sentence ("On Monday, ... Ankara
    pledged") stands over both clauses.
    """
    current = anchor
    while current.head.i != current.i:
        if current.dep_ == "conj" and current.pos_ in ("VERB", "AUX"):
            return token not in current.subtree and token.i > current.head.i
        current = current.head
    return False


def _reported_before(token: Token, trigger: Token, delivered: bool) -> bool:
    """Tell whether a date belongs to a report of a fact the report puts before itself:
    the trigger is in the past perfect ("had acquired"), or names a delivery as a done
    thing ("said last year that the delivery of the drones ... hurt relations"), under a
    reporting verb that the date modifies ("acknowledged earlier this month", "last week
    broke the news")."""
    done = delivered and trigger.pos_ == "NOUN"
    if not done and not any(c.dep_ == "aux" and c.lower_ == "had" for c in trigger.children):
        return False
    reporter = next((w for w in governors(trigger) if w.lemma_ in REPORTING_VERBS), None)
    if reporter is None:
        current = trigger
        while current.head.i != current.i and current.head.lemma_ not in REPORTING_VERBS:
            current = current.head
        reporter = current.head if current.head.lemma_ in REPORTING_VERBS else None
    if reporter is None:
        return False
    return token in reporter.subtree and token not in trigger.subtree


# Verbs whose present perfect in a lead is the arrival the article reports: "have arrived",
# "has received", "has started delivering" (not "has produced", "has test-fired").
_ARRIVAL_LEMMAS = frozenset({"arrive", "receive", "deliver", "reach", "hand"})


def _arrived_by_now(anchor: Token) -> bool:
    """Tell whether a delivery word is in the present perfect: "have arrived", "has
    received", "has started delivering"."""
    if anchor.lemma_ not in _ARRIVAL_LEMMAS:
        return False
    begun = anchor.dep_ == "xcomp" and anchor.head.lemma_ in ("start", "begin")
    verb = anchor.head if begun else anchor
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve", "'s") for c in verb.children)


def _report_date(clause: Token, doc: Doc, published: dt.date) -> PartialDate | None:
    """Return the date of the report a clause is the object of ("..., the minister said on
    Thursday"), or None."""
    if clause.dep_ != "ccomp" or clause.head.lemma_ not in REPORTING_VERBS:
        return None
    reporter = clause.head
    for mention in find_dates(doc.text, published):
        tokens = [t for t in doc if mention.start <= t.idx < mention.end]
        if tokens and tokens[0] in reporter.subtree and tokens[0] not in clause.subtree:
            return mention.date
    return None


def _contract_won_now(doc: Doc, fact: Fact) -> bool:
    """Tell whether a fact is a contract won or awarded in the simple past or present
    perfect ("has won", "was awarded"), not in the past perfect ("had won")."""
    # "won a contract to upgrade M-48 tanks", "was awarded an increase to existing contracts
    # for foreign military sales of the F-16": up from the trigger to the award's object
    word = doc[fact.trigger]
    for _ in range(6):
        if word.head.i == word.i or word.dep_ in ("relcl", "advcl", "ccomp", "conj"):
            return False
        if word.head.lemma_ in AWARD_VERBS and word.head.pos_ in ("VERB", "AUX"):
            break
        word = word.head
    else:
        return False
    verb = word.head
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & {"had", "will", "would", "may", "might", "could", "'d"}:
        return False
    return verb.tag_ in ("VBD", "VBN", "VBZ")
