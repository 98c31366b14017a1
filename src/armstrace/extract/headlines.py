"""Headline present tense: the verb the small parser reads as a noun.

News summaries and headlines state a deal in the simple present: "The Philippines orders
BrahMos missiles from India", "The Netherlands and Denmark pledge F-16s to Ukraine", "The
US arms Ukraine with HIMARS". After a proper noun, "orders", "pledge" and "arms" look like
the first half of a noun compound, and the small English model parses the whole sentence
as one noun phrase with no verb, so no rule can read it.

`repair_present_verbs` finds such a word (a transfer verb in its present form, right after
the sentence's opening subject and before any verb), parses the sentence again with the
word in its past tense (which the parser does not mistake for a noun), and returns the
original words with the new parse: the verb tagged as a present verb with its own lemma.
Every offset is unchanged, since the words are the original ones. The new parse is kept
only if the verb heads the sentence or has a subject; otherwise the first one stands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from armstrace.extract.misreads import parse_with_words


@dataclass(frozen=True)
class PresentVerb:
    """A verb's present form the parser may take for a noun, and how to parse it instead."""

    lemma: str
    past: str


def _verbs(table: str) -> dict[str, PresentVerb]:
    forms: dict[str, PresentVerb] = {}
    for line in table.split(";"):
        lemma, third, past = line.split()
        forms[third] = PresentVerb(lemma, past)
        forms[lemma] = PresentVerb(lemma, past)  # "Denmark and Norway pledge"
    return forms


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# lemma, third person singular, and the past form parsed in its place: the transfer and
# decision verbs of headlines ("armed" is misread too, as an adjective: "supplied" has the
# same frame, "arms Ukraine with HIMARS")
PRESENT_VERBS = _verbs(
    "order orders ordered; buy buys bought; sell sells sold; pledge pledges pledged;"
    "arm arms supplied; send sends sent; supply supplies supplied; deliver delivers delivered;"
    "donate donates donated; sign signs signed; receive receives received;"
    "ship ships shipped; export exports exported; transfer transfers transferred;"
    "approve approves approved; offer offers offered; provide provides provided;"
    "purchase purchases purchased; acquire acquires acquired; gift gifts gifted;"
    "lease leases leased; cancel cancels cancelled; halt halts halted;"
    "suspend suspends suspended; promise promises promised; seek seeks sought;"
    "hand hands handed; give gives gave; commit commits committed;"
    "announce announces announced; select selects selected; choose chooses chose;"
    "agree agrees agreed; finalise finalises finalised; finalize finalizes finalized;"
    "clear clears cleared; authorise authorises authorised; authorize authorizes authorized;"
    "resume resumes resumed; ban bans banned; block blocks blocked;"
    "fire fires fired; launch launches launched; use uses used; deploy deploys deployed;"
    "operate operates operated; field fields fielded; take takes took; ask asks asked;"
    "request requests requested; want wants wanted; urge urges urged;"
    "award awards awarded; press presses pressed; lobby lobbies lobbied;"
    "notify notifies notified; unveil unveils unveiled; conclude concludes concluded;"
    "secure secures secured; win wins won; ink inks inked; induct inducts inducted;"
    "accept accepts accepted"
)
# Words after which "arms", "orders" or "supplies" is the first half of a noun phrase:
# "US arms sales to Taiwan", "Boeing orders backlog"
COMPOUND_HEADS = _words(
    "sale sales deal deals embargo embargoes export exports trade control race package "
    "packages shipment shipments supply supplies dealer dealers industry maker makers "
    "manufacturer manufacturers transfer transfers purchase purchases import imports "
    "programme program company companies firm fair fairs smuggling cache caches depot "
    "depots treaty talks agreement book backlog bill budget spending policy policies "
    "market markets buildup build-up production producer producers"
)
# Present verbs after a name that never begin a noun phrase, whatever follows: "Vietnam
# signs deal", "Poland inks contract", "Saab wins order"
NEVER_NOUNS = _words("signs inks wins secures clinches finalises finalizes concludes")
# Tags that may stand in a sentence's opening subject: "The Netherlands and Denmark"
_SUBJECT_TAGS = frozenset({"DT", "NNP", "NNPS", "CC", ",", "HYPH", "POS", "JJ", "_SP", "``"})
# Common nouns of a state's organs that may stand in it: "Peru's defence ministry awards"
_ORGAN_WORDS = frozenset(
    {"defence", "defense", "ministry", "government", "cabinet", "army", "navy", "military"}
)


def present_verb_position(doc: Doc) -> int | None:
    """Return the index of a present transfer verb the parser read as a noun, if any."""
    for token in doc:
        if _name_read_as_verb(doc, token.i):
            continue  # "Denmark hands over F-16s": the name the parser made the verb
        if token.tag_.startswith("VB") or token.tag_ == "MD":
            return None  # the parser found a verb before any candidate
        if token.i > 0 and _is_misread_verb(doc, token.i):
            return token.i
        if token.tag_ not in _SUBJECT_TAGS and token.lower_ not in _ORGAN_WORDS:
            return None  # past the opening subject
    return None


def _name_read_as_verb(doc: Doc, index: int) -> bool:
    """Tell whether the sentence's first word is a capitalised name the parser took for an
    imperative because a present verb it read as a noun follows ("Denmark hands over")."""
    token = doc[index]
    return (
        index == 0
        and token.tag_ == "VB"
        and token.text[:1].isupper()
        and token.lemma_ == token.lower_
        and token.lower_ not in PRESENT_VERBS
        and len(doc) > 1
        and doc[1].lower_ in PRESENT_VERBS
    )


def _is_misread_verb(doc: Doc, index: int) -> bool:
    token = doc[index]
    if token.text.lower() not in PRESENT_VERBS or token.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
        return False
    previous = doc[index - 1]
    if previous.tag_ not in ("NNP", "NNPS") and not _name_read_as_verb(doc, previous.i):
        return False  # "The arms sales": no named subject before it
    following = doc[index + 1] if index + 1 < len(doc) else None
    if following is None or following.is_punct:
        return False
    if token.text.lower() in NEVER_NOUNS:
        return True  # "Vietnam signs deal for 12 Su-30 jets": no "signs deal" is a thing
    return following.text.lower() not in COMPOUND_HEADS and following.lemma_ not in COMPOUND_HEADS


def repair_present_verbs(doc: Doc, parse: Callable[[str], Doc]) -> Doc:
    """Return the doc, parsed again with its misread present verb in the past tense if any."""
    _give_subject(doc)
    _give_reported_subject(doc)
    index = present_verb_position(doc)
    if index is None:
        return doc
    token = doc[index]
    verb = PRESENT_VERBS[token.text.lower()]
    result = parse_with_words(doc, {index: verb.past}, parse)
    if result is None:
        return doc  # the past form tokenised differently: keep the first parse
    repaired, variant = result
    replaced = variant[index]
    if replaced.dep_ != "ROOT" and not any(c.dep_ == "nsubj" for c in replaced.children):
        return doc
    repaired[index].lemma_ = verb.lemma
    repaired[index].tag_ = "VBZ" if token.text.lower() != verb.lemma else "VBP"
    return repaired


def _give_subject(doc: Doc) -> None:
    """Make the opening name the subject, and the next name the object, of a present verb
    the parser left without them.

    "Philippines orders BrahMos missiles": the parser finds the verb but hangs
    "Philippines" on it as a compound; a name right before a present verb that has no
    subject is that verb's subject.
    """
    for token in doc:
        if token.tag_ in ("VBZ", "VBP") and token.i > 0:
            previous = doc[token.i - 1]
            has_subject = any(c.dep_.startswith("nsubj") for c in token.children)
            if (
                not has_subject
                and previous.head.i == token.i
                and previous.dep_ in ("compound", "nmod", "npadvmod")
                and previous.tag_ in ("NNP", "NNPS")
                and all(t.tag_ in _SUBJECT_TAGS for t in doc[: token.i])
            ):
                previous.dep_ = "nsubj"
            _give_object(doc, token)
            return
        if token.tag_ not in _SUBJECT_TAGS:
            return


def _give_object(doc: Doc, verb: Token) -> None:
    """ "The US equips Ukraine with HIMARS": the name right after the verb is its object,
    not an apposition to it."""
    if verb.i + 1 >= len(doc) or any(c.dep_ == "dobj" for c in verb.children):
        return
    following = doc[verb.i + 1]
    if (
        following.head.i == verb.i
        and following.dep_ == "appos"
        and following.tag_ in ("NNP", "NNPS")
    ):
        following.dep_ = "dobj"


# Verbs that report a clause: "Kirby says North Korea last month delivered rockets"
REPORTING_VERBS = frozenset(
    {"say", "claim", "report", "confirm", "allege", "state", "add", "announce", "believe"}
)


def _give_reported_subject(doc: Doc) -> None:
    """"says North Korea last month delivered rockets": with an adverb of time between, the
    parser takes the name for the reporting verb's object and leaves the reported verb
    without a subject; the name is that verb's subject."""
    for verb in doc:
        if verb.dep_ != "ccomp" or not verb.tag_.startswith("VB"):
            continue
        if any(c.dep_.startswith("nsubj") for c in verb.children):
            continue
        reporting = verb.head
        if reporting.lemma_.lower() not in REPORTING_VERBS or reporting.i > verb.i:
            continue
        name = next(
            (
                c
                for c in reporting.children
                if c.dep_ == "dobj" and c.tag_ in ("NNP", "NNPS") and reporting.i < c.i < verb.i
            ),
            None,
        )
        between = doc[name.i + 1 : verb.i] if name is not None else ()
        if name is not None and all(
            t.dep_ in ("npadvmod", "amod", "advmod", "det", "punct") for t in between
        ):
            name.head = verb
            name.dep_ = "nsubj"
