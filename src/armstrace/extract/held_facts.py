"""Facts a sentence states without a trigger word: a state's role in the arms trade and
the foreign weapons a state holds.

"X, India's main arms supplier", "Egypt became the first foreign customer for the Rafale";
"the Swiss Air Force's British Vampire jets", "Ukraine's American Patriot batteries".
"""

from __future__ import annotations

from spacy.tokens import Token

from armstrace.extract.facts import Fact, ParsedSentence
from armstrace.extract.lexicon import Lexicon, TriggerWord
from armstrace.extract.parties import owners_of, parties_at, prep_side
from armstrace.extract.status import no_longer, read_status
from armstrace.extract.weapon_slots import weapon_slot, weapons_in
from armstrace.extract.words import BUYER_ROLE_NOUNS, RELATIVE_PRONOUNS, SUPPLIER_ROLE_NOUNS

# What a possessive states about a foreign weapon: it was delivered to its owner.
_POSSESSION = TriggerWord("possess", "NOUN", "transfer", "recipient", "delivered", None)


def _role_denied_or_over(token: Token) -> bool:
    """"is not", "never was", "is no longer": the role is denied or over."""
    return no_longer(token) or any(
        c.dep_ == "neg" or c.lower_ in ("no", "never", "formerly", "once")
        for c in token.children
    )



def supplier_role_facts(
    lexicon: Lexicon, sentence: ParsedSentence, facts: list[Fact]
) -> list[Fact]:
    """Read a state named by its role in the arms trade as arms delivered.

    "X, India's main arms supplier", "X is Pakistan's biggest supplier of weapons": X
    supplied the state it supplies. "Saudi Arabia is the largest buyer of British
    weapons", "Egypt became the first foreign customer for the Rafale": the buyer
    received them, from the state the weapons come from (an origin adjective, a "from"
    phrase, or the named system's maker).

    The role noun stands in apposition to the state or after a copula, and names what
    (a compound, an "of" or "for" phrase) and the other side. Negated or hedged roles
    ("no longer its main supplier", "could become a customer") are left out.
    """
    read = {slot.head for fact in facts for slot in fact.weapons}
    found: list[Fact] = []
    for token in sentence.doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or lemma not in SUPPLIER_ROLE_NOUNS | BUYER_ROLE_NOUNS:
            continue
        if token.dep_ == "appos":
            holders = [token.head]
        elif (
            token.dep_ == "attr"
            and token.head.lemma_ in ("be", "become", "remain")
            and all(c.lemma_ == "have" for c in token.head.children if c.dep_ == "aux")
        ):  # "is Pakistan's biggest supplier", "has become"; not "could become"
            holders = [c for c in token.head.children if c.dep_ == "nsubj"]
            if token.head.dep_ == "relcl" and any(
                h.lower_ in RELATIVE_PRONOUNS for h in holders
            ):  # "the Soviet Union, which is India's main arms supplier"
                holders = [token.head.head]
        else:
            continue
        # "arms supplier": the compound names what; weapons_in leaves a noun's
        # modifiers alone ("missile defence talks"), so they are taken here
        modifiers = [
            sentence.token_mention[c.i]
            for c in token.children
            if c.dep_ in ("compound", "amod") and c.i in sentence.token_mention
            and sentence.token_mention[c.i].is_weapon
        ]
        weapons = [weapon_slot(sentence, m) for m in modifiers] + [
            w for w in weapons_in(lexicon, sentence, token)
        ]
        if lemma in BUYER_ROLE_NOUNS:
            # "the first foreign customer for the Rafale": the "for" names what
            weapons += [
                w
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "for"
                for g in c.children
                for w in weapons_in(lexicon, sentence, g)
            ]
        weapons = [w for w in weapons if w.head not in read]
        holding = [p for h in holders for p in parties_at(sentence, h)]
        if lemma in BUYER_ROLE_NOUNS:
            recipients = holding
            suppliers = [
                *(p for w in weapons for p in w.origins),
                *prep_side(sentence, token, ("from",)),
            ]
        else:
            suppliers = holding
            recipients = [
                p
                for c in token.children
                if c.dep_ == "poss"
                for p in parties_at(sentence, c, direct=True)
            ] + prep_side(sentence, token, ("to", "for"))
            for of in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
                # "the main supplier of weapons to Algeria": the parser hangs "to" lower
                recipients += [
                    p for g in of.children for p in prep_side(sentence, g, ("to",))
                ]
        named = any(w.mention.weapon is not None for w in weapons)
        if not (weapons and recipients and (suppliers or lemma in BUYER_ROLE_NOUNS and named)):
            continue  # a buyer of a named system is supplied by its maker (records.py)
        anchor = token.head if token.dep_ == "attr" else token
        if _role_denied_or_over(anchor) or _role_denied_or_over(token):
            continue
        # "has become the first foreign customer for the Su-57": a new buyer has
        # ordered; "is one of France's largest customers" has been supplied
        becoming = lemma in BUYER_ROLE_NOUNS and token.head.lemma_ == "become"
        found.append(
            Fact("transfer", token.i, suppliers, recipients, [], weapons,
                 "ordered" if becoming else "delivered", "unknown", token.i, 0.7)
        )
    return found

def possessed_import_facts(
    lexicon: Lexicon, sentence: ParsedSentence, facts: list[Fact]
) -> list[Fact]:
    """Read a state's foreign weapons, owned and of foreign origin, as delivered.

    "replacing the Swiss Air Force's British De Havilland Vampire jets", "Ukraine's
    American Patriot batteries", "Poland's K2 tanks from South Korea": the owner received
    them from the state of origin. A weapon some trigger of the sentence already reads is
    left to that trigger.
    """
    read = {slot.head for fact in facts for slot in fact.weapons}
    found: list[Fact] = []
    for index, mention in sentence.mention_heads.items():
        if not mention.is_weapon:
            continue
        slot = weapon_slot(sentence, mention)
        # where they come from: an origin ("British"), else, on weapons a possessive owns,
        # a source ("Poland's K2 tanks from South Korea"; "has flown 14 MiG-29s from
        # Syria" names where they left)
        noun = sentence.doc[slot.head]
        owned = any(c.dep_ == "poss" for c in noun.children)
        givers = list(slot.origins or (slot.sources if owned else ()))
        if slot.head in read or not givers:
            continue
        origins = {p.state for p in givers}
        owners = owners_of(sentence, noun)
        owners = [p for p in owners if p.how != "company" and p.state not in origins]
        if not owners or read_status(noun, _POSSESSION, lexicon).denied:
            continue
        read.add(slot.head)
        found.append(
            Fact(
                "transfer",
                index,
                givers,
                owners,
                [],
                [slot],
                "delivered",
                "unknown",
                slot.head,
                0.7,
            )
        )
    return found
