"""Noun phrases the parser broke: a word inside a known name read as a verb.

The small English model reads a modifier that can also be a verb as one: "to rebel
groups" becomes the infinitive "to rebel" with "groups" as its object, and in "shipped
T-90 tanks, towed artillery and ammunition" the participle "towed" becomes a second verb
beside "shipped", taking "artillery" and "ammunition" with it. Every rule then reads a
sentence that is not the one written: the groups are nobody's recipients, the artillery
nobody's shipment.

The mention finder has already said these words are one noun phrase (a catalogued or
open-class weapon, an armed group). `repair_split_mentions` finds a word tagged as a verb
inside a mention of several words, before the mention's last word, parses the sentence
again with that word replaced by a plain adjective of one token ("heavy"), and returns
the original words with the new parse; every offset is unchanged. The repair is kept only
when the new parse reads the stand-in as a modifier. A mention's last word read as a verb
with the mention's first words as its subject ("gave the rebels TOW missiles") is parsed
again the same way, with a plural noun ("weapons") in its place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.tokens import Doc, Span, Token

from armstrace.extract.parties import agents_of
from armstrace.extract.status import CONTRACT_NOUNS, has_to_infinitive

COPIED_ATTRIBUTES = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE, SENT_START]

# A plain adjective the parser never takes for a verb or a name.
STAND_IN = "heavy"
# A plural noun the parser never takes for a verb: stands in for a mention's last word.
HEAD_STAND_IN = "weapons"
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "nummod"})


def parse_with_words(
    doc: Doc, replaced: dict[int, str], parse: Callable[[str], Doc]
) -> tuple[Doc, Doc] | None:
    """Parse the doc's text with some words replaced; return (original words with the new
    parse, the variant's own parse), or None when the variant tokenises differently."""
    pieces: list[str] = []
    cursor = 0
    for index in sorted(replaced):
        token = doc[index]
        pieces += [doc.text[cursor : token.idx], replaced[index]]
        cursor = token.idx + len(token.text)
    pieces.append(doc.text[cursor:])
    variant = parse("".join(pieces))
    if len(variant) != len(doc) or any(
        a.text != b.text for a, b in zip(doc, variant, strict=True) if a.i not in replaced
    ):
        return None
    repaired = Doc(
        doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]
    )
    repaired.from_array(COPIED_ATTRIBUTES, variant.to_array(COPIED_ATTRIBUTES))  # type: ignore[arg-type]
    return repaired, variant


def misread_words(doc: Doc, mention_spans: Sequence[tuple[int, int]]) -> list[int]:
    """Return the words tagged as verbs inside a mention of several words, before its last.

    `mention_spans` are character offsets within the doc's text.
    """
    found: list[int] = []
    for start, end in mention_spans:
        covered = doc.char_span(start, end, alignment_mode="contract")
        if covered is None or len(covered) == 0:
            continue
        before = _participle_before(doc, covered[0].i)
        if before is not None:
            found.append(before)
        found += [
            t.i
            for t in covered[:-1]
            # "weapons to moderate Syrian rebels": a modifier the parser gave the
            # infinitive's "to", so that the group became the object of the verb before
            if (t.tag_.startswith("VB") or has_to_infinitive(t))
            and t.text.isalpha() and t.text.islower()
        ]
    return sorted(set(found))


def _participle_before(doc: Doc, first: int) -> int | None:
    """ "shipped T-90 tanks, towed artillery and ammunition": a participle right before a
    mention, read as a verb of its own that has no subject and takes the mention as its
    object, is the mention's modifier."""
    if first == 0:
        return None
    word = doc[first - 1]
    if word.tag_ not in ("VBN", "VBD") or not (word.text.isalpha() and word.text.islower()):
        return None
    if any(c.dep_.startswith("nsubj") or c.dep_ == "aux" for c in word.children):
        return None  # "Iran armed militias": a verb with its own subject
    if word.dep_ not in ("conj", "advcl", "xcomp", "dep"):
        return None
    return word.i if any(c.dep_ == "dobj" and c.i >= first for c in word.children) else None


def misread_heads(doc: Doc, mention_spans: Sequence[tuple[int, int]]) -> list[int]:
    """Return the last words of mentions of several words that the parser read as a verb of
    their own: "gave the rebels TOW missiles" with "missiles" a verb whose subject is "TOW".
    """
    found: list[int] = []
    for start, end in mention_spans:
        covered = doc.char_span(start, end, alignment_mode="contract")
        if covered is None or len(covered) < 2:
            continue
        head = covered[-1]
        if head.tag_ in ("VBZ", "VBP") and head.text.isalpha() and head.text.islower() and any(
            c.dep_ == "nsubj" and c.i in range(covered[0].i, head.i) for c in head.children
        ):
            found.append(head.i)
    return found


def repair_split_mentions(
    doc: Doc, mention_spans: Sequence[tuple[int, int]], parse: Callable[[str], Doc]
) -> Doc:
    """Return the doc, parsed again if a verb-tagged word broke one of its mentions."""
    indexes = misread_words(doc, mention_spans)
    heads = [i for i in misread_heads(doc, mention_spans) if i not in indexes]
    if not indexes and not heads:
        return doc
    replaced = {i: STAND_IN for i in indexes} | {i: HEAD_STAND_IN for i in heads}
    result = parse_with_words(doc, replaced, parse)
    if result is None:
        return doc
    repaired, variant = result
    if any(variant[i].dep_ not in MODIFIER_DEPS for i in indexes) or any(
        variant[i].pos_ != "NOUN" for i in heads
    ):
        return doc  # the stand-in did not become a modifier either: keep the first parse
    for index in heads:
        repaired[index].lemma_ = doc[index].lower_
    for index in indexes:
        if not doc[index].tag_.startswith("VB"):
            continue  # an adjective read as an infinitive keeps its own tag
        repaired[index].tag_ = "JJ" if doc[index].tag_ in ("VBN", "VBD") else "NN"
        repaired[index].pos_ = "ADJ" if doc[index].tag_ in ("VBN", "VBD") else "NOUN"
        repaired[index].lemma_ = doc[index].lower_
    return repaired


# Verbs of arming that the small model reads as adjectives before the armed: "Britain
# armed moderate rebel fighters", "trained and armed the rebels" (the lemma they keep).
ARMING_PARTICIPLES = {"armed": "arm", "rearmed": "rearm", "equipped": "equip"}
# A past verb the parser reads as one in the same place.
VERB_STAND_IN = "supplied"


def repair_arming_adjectives(
    doc: Doc, party_spans: Sequence[tuple[int, int]], parse: Callable[[str], Doc]
) -> Doc:
    """Return the doc, parsed again if a verb of arming was read as an adjective of the
    party it arms.

    Read so only where nothing else can be the verb: in a sentence the parser found no verb
    in, after a name ("Britain armed ..."), or right after "and" and a past verb ("trained
    and armed ..."). The new parse must read the stand-in as a verb; the word keeps its
    text, with the lemma of arming.
    """
    for token in doc:
        if token.lower_ in ARMING_PARTICIPLES and token.pos_ == "ADJ" and agents_of(token):
            # "Hezbollah, which is armed and funded by Iran": the adjective is the
            # participle of a passive whose agent the parser hung on the verb after "and"
            token.tag_, token.pos_ = "VBN", "VERB"
            token.lemma_ = ARMING_PARTICIPLES[token.lower_]
    # every word of a party: "armed" may hang on any ("armed hardline Islamist groups")
    heads: set[int] = set()
    for start, end in party_spans:
        covered = doc.char_span(start, end, alignment_mode="contract")
        if covered is not None and len(covered):
            heads.update(t.i for t in covered)
    verbless = not any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") for t in doc)
    for token in doc:
        lemma = ARMING_PARTICIPLES.get(token.lower_)
        if lemma is None or token.i < 1 or token.dep_ not in ("amod", "conj"):
            continue
        if not (
            token.head.i in heads or (token.dep_ == "conj" and token.head.head.i in heads)
        ):
            continue
        previous = doc[token.i - 1]
        # "Britain armed moderate rebel fighters": a name, and no verb in the sentence
        after_subject = verbless and any(t.tag_ in ("NNP", "NNPS") for t in doc[: token.i])
        # "trained and armed the rebels"
        after_past_verb = (
            previous.lower_ == "and" and token.i > 1 and doc[token.i - 2].tag_ in ("VBD", "VBN")
        )
        if not (after_subject or after_past_verb):
            continue
        result = parse_with_words(doc, {token.i: VERB_STAND_IN}, parse)
        if result is None:
            return doc
        repaired, variant = result
        if variant[token.i].pos_ != "VERB" or variant[token.i].dep_ == "amod":
            return doc
        repaired[token.i].lemma_ = lemma
        return repaired
    return doc


def repair_stranded_subjects(doc: Doc) -> Doc:
    """Give a second clause back the subject the parser joined to the first clause's object.

    "Germany sent Leopard tanks to Ukraine and France is sending Caesar howitzers": the
    parser reads "Ukraine and France" as one list and leaves "is sending" without a
    subject, so France becomes a second recipient of the tanks and the howitzers have no
    supplier. A name read as a conjunct, right before the auxiliary of a verb that has
    none of its own subject, is that verb's subject; never an infinitive's ("to fill"), which
    has none. Changed in place; returned for chaining.
    """
    for verb in doc:
        if verb.pos_ != "VERB" or verb.dep_ not in ("advcl", "conj", "ccomp"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            continue
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
        if not auxiliaries or any(a.tag_ == "TO" or a.lower_ == "to" for a in auxiliaries):
            # "used Typhoons from Qatar and Oman to fill the gap": an infinitive of
            # purpose has no subject of its own, and the name before it is a conjunct
            continue
        first = min(a.i for a in auxiliaries)
        if first == 0 or any(t.dep_ not in ("aux", "auxpass", "neg", "advmod")
                             for t in doc[first:verb.i]):
            continue
        name = doc[first - 1]  # a name's head is its last word: "the Netherlands"
        if name.dep_ != "conj" or name.tag_ not in ("NNP", "NNPS") or name.right_edge.i != name.i:
            continue
        joiner = doc[name.left_edge.i - 1] if name.left_edge.i > 0 else None
        if joiner is None or joiner.lower_ not in ("and", "but", "while", "whereas"):
            continue
        name.head = verb
        name.dep_ = "nsubj"
    return doc


def repair_stranded_infinitives(doc: Doc) -> Doc:
    """Give an infinitive of purpose back to the contract noun right before it.

    "the huge Saudi outlay on a defence contract to supply 132 fighter aircraft": the parser
    hangs "to supply" on "outlay", two nouns up; an infinitive right after a noun that takes
    one ("a contract to supply", "a deal to buy", `CONTRACT_NOUNS`) describes that noun
    when the noun lies inside the phrase the parser hung it on. Changed in place; returned
    for chaining.
    """
    for verb in doc:
        if verb.dep_ != "acl" or verb.pos_ != "VERB" or verb.i < 2:
            continue
        to = doc[verb.i - 1]
        if to.lower_ != "to" or to.dep_ != "aux" or to.head.i != verb.i:
            continue
        noun = doc[verb.i - 2]
        if noun.lemma_.lower() in CONTRACT_NOUNS and verb.head in noun.ancestors:
            verb.head = noun
    return doc


def repair_worth_phrases(doc: Doc) -> Doc:
    """Give the goods of a contract back to it across its price.

    "signs an agreement with France worth about 630 billion rupees for 26 Rafale
    fighters": the parser hangs "for 26 Rafale fighters" on "rupees", inside the "worth"
    phrase; a price is not what is bought, the contract is for the fighters. A "for"
    phrase inside a "worth" phrase that values a contract noun (`CONTRACT_NOUNS`: the
    "worth" hangs on it, or on the verb whose object it is) is the contract's. Changed in
    place; returned for chaining.
    """
    for worth in doc:
        if worth.lower_ != "worth":
            continue
        contract: Token | None = worth.head
        if worth.head.lemma_.lower() not in CONTRACT_NOUNS:
            contract = next(
                (c for c in worth.head.children
                 if c.dep_ == "dobj" and c.lemma_.lower() in CONTRACT_NOUNS),
                None,
            )
        if contract is None:
            continue
        price = {worth.i, *(c.i for c in worth.children)}  # "worth", its sum
        for word in worth.subtree:
            # only a "for" on the price itself: "worth 250 mln dlrs to supply engines for the
            # airliners" keeps its inner "for"
            if word.dep_ == "prep" and word.lower_ == "for" and word.head.i in price:
                word.head = contract
    return doc


def named_spans(doc: Doc, party_spans: Sequence[tuple[int, int]]) -> list[Span]:
    """Return the parties' spans of the parse (character offsets, in text order), leaving
    out any that covers no whole token."""
    spans = [doc.char_span(s, e, alignment_mode="contract") for s, e in sorted(party_spans)]
    return [span for span in spans if span is not None and len(span)]


def repair_reduced_relatives(doc: Doc, party_spans: Sequence[tuple[int, int]]) -> Doc:
    """Give a relative clause without "that" back its noun.

    "following the six MiG-29s Russia donated to Belgrade in 2017": the parser reads "the
    six MiG-29s Russia" as one name and hangs "donated" on it, so the jets have no verb and
    Russia donates nothing. A party's name right after a noun the parser made its compound
    (after "the" or a number), followed at once by a past verb hung on the name, is that
    verb's subject, and the verb describes the noun. Changed in place; returned for
    chaining.
    """
    for covered in named_spans(doc, party_spans):
        name = covered.root
        if name.i + 1 >= len(doc) or covered.start == 0:
            continue
        verb, noun = doc[name.i + 1], doc[covered.start - 1]
        if not (
            verb.head.i == name.i
            and verb.dep_ in ("acl", "relcl")
            and verb.tag_ in ("VBD", "VBN")
            and noun.head.i == name.i
            and noun.dep_ == "compound"
            and noun.tag_.startswith("NN")
            and any(c.dep_ in ("det", "nummod") for c in name.children if c.i < noun.i)
        ):
            continue
        noun.head, noun.dep_ = name.head, name.dep_
        for modifier in [c for c in name.children if c.i < noun.i]:
            modifier.head = noun  # "the six"
        verb.head, verb.dep_ = noun, "relcl"
        name.head, name.dep_ = verb, "nsubj"
    return doc


_POSSESSIVE = re.compile(r"^\s*['’]s\s+$")
_AND = re.compile(r"^\s+(?:and|or)\s+$")


def repair_possessive_pairs(doc: Doc, party_spans: Sequence[tuple[int, int]]) -> Doc:
    """Give each of two coordinated possessed names its own owner.

    "offers from Germany's TKMS and South Korea's Hanwha Ocean": the parser hangs the first
    firm and its owner on the second firm's name, so only the second is read. Four names
    in a row joined by "'s", "and", "'s" are two owned names coordinated: the first heads
    the pair, the second is its conjunct, and each owner is its own name's. Changed in
    place; returned for chaining.
    """
    named = named_spans(doc, party_spans)
    text = doc.text
    for first_owner, first, second_owner, second in zip(
        named, named[1:], named[2:], named[3:], strict=False
    ):
        joins = (
            text[first_owner.end_char : first.start_char],
            text[first.end_char : second_owner.start_char],
            text[second_owner.end_char : second.start_char],
        )
        if not (
            _POSSESSIVE.match(joins[0]) and _AND.match(joins[1]) and _POSSESSIVE.match(joins[2])
        ):
            continue
        head, joined = first.root, second.root
        if head.head.i != joined.i:
            continue  # parsed as a pair already
        joiner = doc[first.end]
        head.head, head.dep_ = joined.head, joined.dep_
        joined.head, joined.dep_ = head, "conj"
        joiner.head, joiner.dep_ = head, "cc"
        first_owner.root.head, first_owner.root.dep_ = head, "poss"
        second_owner.root.head, second_owner.root.dep_ = joined, "poss"
    return doc


def repair_lists_on_parties(doc: Doc, party_spans: Sequence[tuple[int, int]]) -> Doc:
    """Hang a list that the parser gave to a party back on the goods it lists.

    "a $400 million aid package for Ukraine including Stinger missiles": the parser hangs
    "including" on Ukraine, and the package holds nothing. A party after "for" or "to"
    lists no goods: an "including" on it whose object is no party ("to Gulf states
    including Qatar" lists parties) belongs to the noun the "for" or "to" describes.
    Changed in place; returned for chaining.
    """
    named = named_spans(doc, party_spans)
    roots = {span.root.i for span in named}
    inside = {token.i for span in named for token in span}
    for word in doc:
        party, preposition = word.head, word.head.head
        if not (
            word.lower_ == "including"
            and word.dep_ == "prep"
            and party.i in roots
            and party.dep_ == "pobj"
            and preposition.lower_ in ("for", "to")
            and preposition.head.pos_ == "NOUN"
        ):
            continue
        listed = [c for c in word.children if c.dep_ == "pobj"]
        if not listed or any(t.i in inside for c in listed for t in (c, *c.conjuncts)):
            continue
        word.head = preposition.head
    return doc


# Words a listed noun phrase may hold: numbers, adjectives, nouns, names, codes and the
# hyphens and possessives inside them ("1,002 Mk-82", "MBDA's Meteor missiles");
# participles only after its first word (`_item_end`: "towed artillery", "Altius loitering
# munitions").
_ITEM_TAGS = frozenset({
    "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "HYPH", "POS", "FW", "XX", "AFX",
    "NFP", "SYM",
})
# ... and the words that may open one: "about 40", "up to 50", "more than 1,550", "a".
_ITEM_OPENERS = frozenset({
    "about", "some", "around", "nearly", "almost", "roughly", "another", "a", "an", "more",
    "than", "up", "to", "at", "least", "over",
})
_ITEM_HEAD_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "CD"})
MIN_LIST_ITEMS = 3


def _item_end(doc: Doc, body: int) -> int:
    """Return where a listed noun phrase that starts its words at `body` ends."""
    index = body
    while index < len(doc):
        word = doc[index]
        hyphenated = (index + 1 < len(doc) and doc[index + 1].tag_ == "HYPH") or (
            index > body and doc[index - 1].tag_ == "HYPH"
        )
        # "Altius loitering munitions", "airborne early-warning aircraft"
        inner = index > body and word.tag_ in ("VBG", "VBN")
        if word.tag_ in _ITEM_TAGS or hyphenated or inner:
            index += 1
            continue
        break
    while index > body and doc[index - 1].tag_ not in _ITEM_HEAD_TAGS:
        index -= 1
    return index


_JOINERS = ([","], ["and"], ["or"], [",", "and"], [",", "or"])


def listed_noun_phrases(doc: Doc, names: Sequence[Span] = ()) -> list[list[Span]]:
    """Return the runs of noun phrases written as a list: "A, B and C", "A and B, C, D and
    E".

    Read from the words and their tags alone, since the parse is what is in doubt: an item
    is a run of number, adjective, noun and name words (perhaps after "about", "up to",
    "more than"), ending in a noun, a name or a number; items are joined by a comma, "and"
    or "or". A run of three items at least, with a comma and an "and" or "or" among its
    joins, is a list; an item right before a verb is the subject of a clause of its own
    ("..., and Iran sent drones") and ends the list before it, as does a phrase with "a"
    after a comma once the list has had its "and" (", a package that ..."), and an item
    that ends in one of the `names` (parties: "... from South Korea, and 250 Abrams tanks"
    starts a list of its own after the name).
    """
    runs: list[list[Span]] = []
    run: list[Span] = []
    joins: set[str] = set()

    def close() -> None:
        nonlocal run, joins
        if len(joins) == 2:  # both a comma and an "and" or "or"
            runs.append(run)
        run, joins = [], set()

    index = 0
    while index < len(doc):
        start = index
        while index < len(doc) and doc[index].lower_ in _ITEM_OPENERS and index - start < 3:
            index += 1
        end = _item_end(doc, index)
        if end == index:
            close()
            index = start + 1
            continue
        if end < len(doc) and doc[end].tag_.startswith(("VB", "MD")):
            close()
            index = end
            continue
        if any(n.start < end <= n.end for n in names):
            close()
            index = end
            while index < len(doc) and doc[index].lower_ in (",", "and", "or"):
                index += 1
            continue
        if "and" in joins and doc[start - 1].lower_ == "," and doc[start].lower_ in ("a", "an"):
            close()  # "..., a package that ...": an apposition after the list
            index = end
            continue
        run.append(doc[start:end])
        following = [t.lower_ for t in doc[end : end + 2]]
        joiner = following if following in _JOINERS[3:] else following[:1]
        if joiner not in _JOINERS:
            close()
            index = end
            continue
        joins.add("comma" if joiner == [","] else "and")
        index = end + len(joiner)
    close()
    return [r for r in runs if len(r) >= MIN_LIST_ITEMS]


def repair_torn_lists(
    doc: Doc, weapon_spans: Sequence[tuple[int, int]], party_spans: Sequence[tuple[int, int]]
) -> Doc:
    """Join again a list of weapons that the parser tore apart.

    "a possible sale to Nigeria of 1,002 APKWS laser guidance kits, 5,000 unguided rockets
    and 1,002 Mk-82 and Mk-84 bombs": the small model hangs "rockets" on "Washington" as an
    apposition, so the sale holds nothing but the kits. A list written "A, B and C"
    (`listed_noun_phrases`) with weapons in two of its items at least is one
    coordination: an item whose last word is not yet a conjunct of the first item's
    becomes the conjunct of the item before it, with its comma or "and"; an item's own words
    the parser read as a clause ("KJ-500 airborne early-warning aircraft": "airborne" a
    verb with "KJ-500" its subject) become modifiers of its last word. Changed in place;
    returned for chaining.
    """
    weapons = named_spans(doc, weapon_spans)
    for listed in listed_noun_phrases(doc, named_spans(doc, party_spans)):
        # where each item's weapons start
        starts = [
            [w.start for w in weapons if w.start >= item.start and w.end <= item.end]
            for item in listed
        ]
        if sum(1 for named in starts if named) < 2:
            continue
        for item, named in zip(listed, starts, strict=True):
            # from its first weapon on: "offered Pakistan 40 J-35 fighters" keeps Pakistan
            _mend_phrase(item, min(named, default=item.start))
        heads = [item[-1] for item in listed]
        for item, previous, head in zip(listed[1:], heads, heads[1:], strict=False):
            if head in heads[0].conjuncts or head.is_ancestor(previous):
                continue
            head.head, head.dep_ = previous, "conj"
            for joiner in doc[max(item.start - 2, 0) : item.start]:
                if joiner.lower_ in (",", "and", "or") and not joiner.is_ancestor(previous):
                    joiner.head, joiner.dep_ = previous, "punct" if joiner.lower_ == "," else "cc"
    return doc


_CLAUSE_DEPS = frozenset({
    "nsubj", "nsubjpass", "csubj", "advcl", "acl", "relcl", "ccomp", "xcomp", "dobj", "ROOT",
    "conj", "cc", "appos", "dative", "attr", "oprd", "prep", "pobj", "punct",
})


def _mend_phrase(item: Span, start: int) -> None:
    """Make every word of a listed noun phrase from `start` on a modifier of its last word
    when the parser read some of them as a clause or hung them outside the phrase."""
    head = item[-1]
    words = [t for t in item[:-1] if t.i >= start]
    inside = {t.i for t in words} | {head.i}
    if all(w.head.i in inside and w.dep_ not in _CLAUSE_DEPS for w in words):
        return
    attachment = (head.head, head.dep_)
    if head.head.i in inside and head.head.i != head.i:
        # the phrase hangs where its outermost word does
        outer = next((w for w in words if w.head.i not in inside), None)
        if outer is None:
            return
        attachment = (outer.head, outer.dep_)
    if any(w.is_ancestor(attachment[0]) for w in words):
        return  # the phrase would loop
    head.head, head.dep_ = attachment
    for word in words:
        if word.tag_ == "HYPH":
            word.head, word.dep_ = head, "punct"
            continue
        if word.tag_.startswith("VB") or word.tag_ == "RB":
            word.tag_, word.pos_ = "JJ", "ADJ"
        word.head = head
        word.dep_ = "nummod" if word.tag_ == "CD" else "amod" if word.tag_.startswith("JJ") else (
            "case" if word.tag_ == "POS" else "compound"
        )


def repair_lists_on_verbs(doc: Doc, weapon_spans: Sequence[tuple[int, int]]) -> Doc:
    """Hang a list of weapons that the parser gave to a verb or a price back on the goods
    it lists.

    "notifies Congress of eight proposed arms sales to Taiwan worth $11.1 billion,
    including 82 HIMARS launchers and 420 ATACMS missiles": the parser hangs "including"
    on "notifies", which moves nothing, or on "billion", a price, and the sales hold
    nothing but "arms". Such an "including" that lists weapons belongs to the nearest noun
    before it (before the "worth") that is itself a weapon noun ("arms", "weapons") or has
    one as its modifier ("arms sales"); on a verb, only when that noun hangs on a
    preposition: a verb's own object ("approved eight arms sales to Taiwan, including
    ...") keeps the list on its verb, which reads it. Changed in place; returned for
    chaining.
    """
    weapons = named_spans(doc, weapon_spans)
    heads = {span.root.i for span in weapons}
    for word in doc:
        if not (word.lower_ == "including" and word.dep_ == "prep"):
            continue
        anchor = word.head
        # the price itself, not a clause that hangs on it ("worth $90 billion, under which
        # European countries would pay for American weapons ..., including ...")
        worth = next(
            (t for t in (anchor, anchor.head, anchor.head.head) if t.lower_ == "worth"), None
        )
        if anchor.pos_ in ("VERB", "AUX"):
            worth = None
        # a present verb the parser took for a noun heads the sentence all the same
        on_verb = worth is None and (anchor.pos_ == "VERB" or anchor.dep_ == "ROOT")
        listed = {t.i for t in word.subtree}
        if not (on_verb or worth is not None) or not heads & listed:
            continue
        before = worth.i if worth is not None else word.i
        hosts = [
            t for t in doc[:before]
            if t.pos_ == "NOUN" and t.i not in listed
            and (t.i in heads or any(c.i in heads and c.dep_ == "compound" for c in t.children))
            and (not on_verb or (anchor in t.ancestors and t.dep_ == "pobj"))
        ]
        if hosts and not word.is_ancestor(hosts[-1]):
            word.head = hosts[-1]
    return doc


# Verbs a relative clause tells of goods with, never of a state or its forces: "four
# submarines for the Egyptian navy, the second of which was handed over in August".
HANDOVER_VERBS = frozenset({
    "deliver", "hand", "ship", "commission", "build", "transfer", "donate", "export",
    "manufacture", "produce", "launch", "complete", "assemble",
})


def repair_relatives_on_parties(
    doc: Doc, weapon_spans: Sequence[tuple[int, int]], party_spans: Sequence[tuple[int, int]]
) -> Doc:
    """Hang a relative clause of handing over that the parser gave to a party back on the
    goods named before it.

    "Germany is building four submarines for the Egyptian navy, the second of which was
    handed over in August", "Egypt ordered four submarines from Germany, which were
    delivered in 2017": the parser hangs the clause on the nearest noun, and the navy, not
    the boat, is handed over, or reads it as a second main clause. A passive clause of such
    a verb whose subject is the relative pronoun ("which", "two of which") on a party, or
    on a noun a party's name modifies, or joined to the main verb with a partitive subject
    ("the first of which"), belongs to the last weapon named before its subject. Changed
    in place; returned for chaining.
    """
    weapon_heads = [span.root for span in named_spans(doc, weapon_spans)]
    parties = {token.i for span in named_spans(doc, party_spans) for token in span}
    for verb in doc:
        holder = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if not (
            verb.lemma_.lower() in HANDOVER_VERBS
            and subject is not None
            and _relative_subject(subject)
            and any(c.dep_ == "auxpass" for c in verb.children)
        ):
            continue
        on_party = verb.dep_ == "relcl" and (
            holder.i in parties
            or any(c.i in parties for c in holder.children if c.dep_ in MODIFIER_DEPS)
        )
        # "..., the first of which was handed over": read as a second main clause
        joined = verb.dep_ == "conj" and subject.lower_ not in ("which", "that")
        if not (on_party or joined):
            continue
        goods = [word for word in weapon_heads if word.i < subject.i]
        # never under a word of its own clause (a parse must stay a tree)
        if goods and not verb.is_ancestor(goods[-1]):
            verb.head, verb.dep_ = goods[-1], "relcl"
    return doc


def _relative_subject(subject: Token) -> bool:
    """Tell whether a clause's subject is its relative pronoun: "which", "the first of
    which", "two of which"."""
    if subject.lower_ in ("which", "that"):
        return True
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.lower_ == "which" for o in c.children)
        for c in subject.children
    )
