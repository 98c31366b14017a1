"""Turn one parsed sentence into facts: who supplies what to whom, at which status.

For every trigger word (extract/data/triggers.csv) the rules read its arguments off the
dependency parse: the subject side (nsubj, the passive agent, a possessor or an origin
adjective of a nominal trigger, or the subject inherited from a governing verb), the
"to"/"for"/dative side, the "from" side and the "with" side, and give them roles by the
trigger's direction (give-type: the subject supplies; get-type: the subject receives).
Weapons come from the trigger's own subtree; a named system with no stated supplier is
supplied by its producing state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeGuard

from spacy.tokens import Doc, Token

from armstrace.extract.lexicon import Lexicon, TriggerWord
from armstrace.extract.mentions import Mention
from armstrace.extract.spelling import Speller
from armstrace.extract.status import OBJECT_CONTROL_VERBS, SPEECH_VERBS, governors, read_status
from armstrace.knowledge import WeaponSystem

PRONOUNS_SINGULAR = frozenset({"it", "its", "he", "his", "she", "her"})
PRONOUNS_PLURAL = frozenset({"they", "their", "them", "we", "our", "us"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
# Nouns that, with "the", refer back to a state already named ("the Balkan country").
STATE_NOUNS = frozenset(
    {
        "country",
        "nation",
        "state",
        "kingdom",
        "republic",
        "emirate",
        "sheikdom",
        "sheikhdom",
        "government",
        "regime",
        "administration",
        "monarchy",
        "island",
    }
)
# "the army", "the air force": a state's own forces, named by the state before them
FORCE_NOUNS = frozenset({"army", "navy", "military", "ministry", "force", "forces"})
# Heads whose "of" names the party itself: "the leaders of Turkey and Serbia", "the
# government of Iran"; "critics of the decision" names nobody.
PARTY_HEAD_NOUNS = frozenset(
    {
        "leader",
        "government",
        "force",
        "forces",
        "army",
        "navy",
        "military",
        "ministry",
        "minister",
        "official",
        "authority",
        "president",
        "regime",
        "administration",
        "state",
        "country",
        "nation",
        "delegation",
        "troop",
        "parliament",
        "king",
        "kingdom",
        "republic",
        "head",
        "chief",
        "people",
        "side",
        "member",
        "ally",
        "part",
        "unit",
        "division",
        "department",
        "agency",
        "embassy",
        "office",
        "service",
        "corps",
        "command",
        "group",
        "consortium",
        "company",
        "subsidiary",
        "firm",
        "maker",
        "manufacturer",
        "industry",
        "venture",
        "partnership",
        "alliance",
        "coalition",
        "programme",
        "program",
        "project",
        "help",
        "assistance",
        "support",
        "cooperation",
        "co-operation",
        "collaboration",
        "backing",
        "aid",
        "expertise",
        "technology",
        "know-how",
        "design",
        "licence",
        "license",
    }
)
# Trigger verbs with everyday senses ("ordered an operation", "delivered a speech",
# "provided air cover"): their object itself must be the weapon or hold it.
POLYSEMOUS_VERBS = frozenset(
    {
        "order",
        "deliver",
        "provide",
        "give",
        "field",
        "send",
        "get",
        "hand",
        "receive",
        "operate",
        "ship",
    }
)
# Heads a verb may take as its object when the weapon sits below them: "ordered 13 of the
# drones", "a batch of 20 helicopters", "the first shipment of F-16s".
CONTAINER_NOUNS = frozenset(
    {
        "batch",
        "shipment",
        "consignment",
        "package",
        "squadron",
        "fleet",
        "number",
        "pair",
        "set",
        "unit",
        "system",
        "battery",
        "lot",
        "tranche",
        "order",
        "contract",
        "deal",
        "delivery",
        "kind",
        "type",
        "version",
        "variant",
        "model",
        "rest",
        "remainder",
        "part",
        "stock",
        "stockpile",
        "supply",
        "quantity",
        "dozen",
        "hundred",
        "thousand",
        "total",
    }
)
# "the company", "the firm": a manufacturer named before
COMPANY_NOUNS = frozenset(
    {"company", "firm", "manufacturer", "contractor", "maker", "corporation", "concern"}
)
# "the group", "the militia": an armed group named before
GROUP_NOUNS = frozenset(
    {
        "group",
        "militia",
        "movement",
        "rebel",
        "faction",
        "organisation",
        "organization",
        "insurgent",
        "guerrilla",
        "militant",
        "jihadist",
    }
)
PRODUCTION_VERBS = frozenset({"produce", "develop", "build", "manufacture", "make", "assemble"})
PRODUCTION_NOUNS = frozenset(
    {
        "production",
        "development",
        "manufacture",
        "manufacturing",
        "assembly",
        "venture",
        "programme",
        "program",
        "project",
    }
)
JOINT_WORDS = frozenset({"jointly", "together", "joint", "co", "collaboratively"})
LICENCE_WORDS = frozenset({"licence", "license", "licensed", "licenced"})
# What "abandoned the plan" / "cancelled the deal" can cancel when it names no weapon.
CANCELLABLE_NOUNS = frozenset(
    {
        "plan",
        "deal",
        "contract",
        "purchase",
        "sale",
        "agreement",
        "programme",
        "program",
        "project",
        "idea",
        "acquisition",
        "delivery",
        "shipment",
        "transfer",
        "export",
    }
)
# Verbs whose subject holds their object ("Iran has Chinese-made missiles").
HOLDING_VERBS = frozenset(
    {
        "have",
        "own",
        "possess",
        "operate",
        "field",
        "fly",
        "deploy",
        "station",
        "use",
        "make",
        "include",
    }
)
# "buy jets in a deal worth $2bn", "under a contract", "through a programme": a noun that
# frames the verb's own transfer adds its terms, not a second fact
FRAME_PREPOSITIONS = frozenset({"in", "under", "through", "via"})
# nouns that make the transfer they govern a sale: "won a contract to supply"
SALE_FRAME_NOUNS = frozenset({"contract", "order", "purchase", "sale", "tender"})
ARMING_VERBS = frozenset({"arm", "equip", "rearm"})
# verbs that take a recipient as a bare indirect object: "provided Syria six bombers"
DOUBLE_OBJECT_VERBS = frozenset(
    {"provide", "supply", "give", "send", "sell", "offer", "hand", "grant", "lend", "lease"}
)
# What a possessive states about a foreign weapon: it was delivered to its owner.
_POSSESSION = TriggerWord("possess", "NOUN", "transfer", "recipient", "delivered", None)
WINNING_VERBS = frozenset(
    {"win", "secure", "land", "clinch", "capture", "obtain", "bag", "get", "receive", "award"}
)
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "csubj", "parataxis"})


@dataclass(frozen=True)
class Party:
    """A party to a fact: a state (ISO code) or a named non-state actor."""

    state: str | None
    name: str | None
    token: int
    how: (
        str  # "named", "leader", "company", "group", "origin", "producer", "pronoun", "description"
    )


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


class SentenceReader:
    """Read facts from parsed sentences with a lexicon; one per extractor."""

    def __init__(self, lexicon: Lexicon, implicit_arms: Mention | None = None) -> None:
        self.lexicon = lexicon
        # "ceased arming the rebels": the weapon of "arm" is arms, unsaid
        self.implicit_arms = implicit_arms
        # states named in denied transfers of the document being read (reset per document)
        self.denied_parties: set[str] = set()
        self._antecedents: tuple[Mention, ...] = ()
        self._named_earlier: Mention | None = None
        self.speller = Speller()
        # a misspelt trigger keeps its first letters: "choosen", "recieved"
        self._trigger_prefixes = frozenset(
            word.lemma[:3] for word in lexicon.words.values() if word.word_class == "transfer"
        )

    # --- triggers ---------------------------------------------------------------

    def find_triggers(self, sentence: ParsedSentence) -> list[tuple[Token, TriggerWord]]:
        """Return the transfer and co-production trigger words of a sentence."""
        found: list[tuple[Token, TriggerWord]] = []
        for token in sentence.doc:
            if token.i in sentence.token_mention:
                continue
            entry = self.lexicon.lookup_token(token)
            if entry is None and token.pos_ == "PROPN":
                entry = self.lexicon.lookup(token.lemma_, "NOUN")
            if (
                entry is None
                and token.lower_[:3] in self._trigger_prefixes
                and self.speller.candidate(token)
            ):
                # "have choosen the weapons": the word a typo stands for
                corrected = self.speller.correct(token.lower_)
                if corrected is not None:
                    entry = self.lexicon.lookup_word(corrected, token.pos_)
            if (
                token.lemma_ == "sign"
                and token.pos_ == "VERB"
                and any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children)
            ):
                # "Greece signed for 18 Rafales": an order
                found.append(
                    (token, TriggerWord("sign", "VERB", "transfer", "recipient", "ordered", "sale"))
                )
                continue
            if (
                token.lemma_ == "option"
                and token.dep_ == "dobj"
                and token.head.lemma_ in ("take", "exercise")
            ):
                # "Doha took up an option for 12 more Rafale jets": an order
                found.append(
                    (
                        token,
                        TriggerWord("option", "NOUN", "transfer", "recipient", "ordered", "sale"),
                    )
                )
                continue
            if _is_arms_package(token):
                # "approved a $2.2 billion package of 108 Abrams tanks", "announced a new aid
                # package for Kyiv that includes four more launchers": a planned transfer
                found.append((token, PACKAGE_ENTRY))
                continue
            if _programme_left(token, sentence) is not None:
                found.append((token, EXPULSION_ENTRY))
                continue
            request = _request_entry(token, sentence)
            if request is not None:
                found.append((token, request))
                continue
            arrival = _arrival_entry(token, sentence)
            if arrival is not None:
                found.append((token, arrival))
                continue
            pledge = _pledge_entry(token, sentence)
            if pledge is not None:
                found.append((token, pledge))
                continue
            origin = _origin_participle_entry(token, sentence)
            if origin is not None:
                found.append((token, origin))
                continue
            coproduction = (
                _coproduction_entry(token)
                or _licensed_production_entry(token)
                or _joint_system_entry(token, sentence)
                or _joint_work_entry(token, sentence)
            )
            if coproduction is not None:
                found.append((token, coproduction))
            elif entry is not None and entry.word_class in ("transfer", "coproduction"):
                if token.dep_ == "compound" and token.pos_ == "NOUN":
                    head_entry = self.lexicon.lookup_token(token.head)
                    if (
                        head_entry is not None and head_entry.word_class == "transfer"
                    ) or _is_arms_package(token.head):
                        continue  # "export order", "aid package": the head states the fact
                found.append((token, entry))
        return found

    # --- facts ------------------------------------------------------------------

    def read_facts(
        self,
        sentence: ParsedSentence,
        antecedents: Sequence[Mention] = (),
        named_earlier: Mention | None = None,
    ) -> list[Fact]:
        """Return every fact the sentence states (without resolving pronouns yet).

        `antecedents` are the systems named just before the sentence, in order: "Baykar has
        sold it to Qatar" is about the last; "all 24 aircraft have been delivered" about the
        last aircraft. `named_earlier` is the system named last anywhere before: "announced
        the purchase" is its purchase.
        """
        facts: list[Fact] = []
        self._antecedents = tuple(antecedents)
        self._named_earlier = named_earlier
        triggers = self.find_triggers(sentence)
        verb_triggers = {
            t.i for t, e in triggers if t.pos_ == "VERB" and e.word_class == "transfer"
        }
        for token, entry in triggers:
            if (
                token.pos_ == "NOUN"
                and token.dep_ == "pobj"
                and token.head.lower_ in FRAME_PREPOSITIONS
                and token.head.head.i in verb_triggers
            ):
                continue  # "will buy 24 F-35s in a deal worth $6.5bn": the verb's own frame
            fact = self._read_trigger(sentence, token, entry)
            if fact is not None:
                facts.append(fact)
        facts.extend(self._possessed_imports(sentence, facts))
        self._apply_cancellations(sentence, facts)
        return facts

    def _possessed_imports(self, sentence: ParsedSentence, facts: list[Fact]) -> list[Fact]:
        """Read a state's foreign weapons, owned and of foreign origin, as delivered.

        "replacing the Swiss Air Force's British De Havilland Vampire jets", "Ukraine's
        American Patriot batteries": the owner received them from the state of origin. A
        weapon some trigger of the sentence already reads is left to that trigger.
        """
        read = {slot.head for fact in facts for slot in fact.weapons}
        found: list[Fact] = []
        for index, mention in sentence.mention_heads.items():
            if not mention.is_weapon:
                continue
            slot = self._weapon_slot(sentence, mention)
            if slot.head in read or not slot.origins:
                continue
            origins = {p.state for p in slot.origins}
            noun = sentence.doc[slot.head]
            owners = [
                p
                for owner in noun.children
                if owner.dep_ == "poss"
                for p in self._parties_at(sentence, owner, direct=True)
            ]
            owners = [p for p in owners if p.how != "company" and p.state not in origins]
            if not owners or read_status(noun, _POSSESSION, self.lexicon).denied:
                continue
            read.add(slot.head)
            found.append(
                Fact(
                    "transfer",
                    index,
                    list(slot.origins),
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

    def _read_trigger(
        self, sentence: ParsedSentence, token: Token, entry: TriggerWord
    ) -> Fact | None:
        if token.dep_ == "pobj" and token.head.lower_ == "under" and entry.word_class == "transfer":
            return None  # "Under the agreement, Hungary will buy": the frame, not a fact
        anchor = token.head if entry.role == "joint" else token
        reading = read_status(anchor, entry, self.lexicon)
        if (
            reading.status == "delivered"
            and token.pos_ == "VERB"
            and token.dep_ in ("acl", "relcl")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        ):
            return None  # "the first country other than France to fly the Rafale": no news
        if reading.denied:
            self.denied_parties.update(
                p.state
                for p in self._subject_side(sentence, anchor)
                + self._prep_side(sentence, anchor, ("to", "for"))
                if p.state
            )
            return None
        if entry.lemma in REQUEST_LEMMAS and entry.word_class == "transfer":
            # "narrowed down their options to the Mongoose": the object's preposition too
            holders = [token, *(c for c in token.children if c.dep_ == "dobj")]
            weapons = [
                slot
                for holder in holders
                for c in holder.children
                if c.dep_ == "prep" and c.lower_ in REQUEST_PREPOSITIONS[entry.lemma]
                for o in c.children
                if o.dep_ in ("pobj", "pcomp")
                for slot in self._weapons_in(sentence, o)
            ]
        elif entry.role == "arrival":
            weapons = [
                slot
                for c in token.children
                if c.dep_ in ("nsubj", "nsubjpass")
                for slot in self._weapons_in(sentence, c)
            ]
        elif entry.role == "expelled":
            programme = _programme_left(token, sentence)
            weapons = [] if programme is None else self._weapons_in(sentence, programme)
        elif entry.role == "joint":
            weapons = self._weapons_in(sentence, token.head, shallow=True)
        elif entry.word_class == "coproduction" and entry.lemma == "work":
            weapons = [
                slot
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "on"
                for o in c.children
                if o.dep_ == "pobj"
                for slot in self._weapons_in(sentence, o)
            ]
        else:
            weapons = self._weapons_of(sentence, token)
        if any(w.mention.kind == "weapon" for w in weapons):
            # "further equipment from Britain, including Hawk trainer jets": the named items
            weapons = [
                w
                for w in weapons
                if not (w.mention.kind == "generic" and w.mention.category == "other")
            ]
        if weapons and all(
            w.mention.kind == "generic" and w.mention.category == "other" for w in weapons
        ):
            served = self._served_system(sentence, token)
            if served:
                weapons = served  # "equipment ... to upgrade that country's Hawk missiles"
        if not weapons and entry.word_class == "coproduction" and _refers_back(token):
            # "... F-15 and F-14 jet fighters and missiles, although all of these have been
            # built under licence from U.S. firms"
            weapons = [
                self._weapon_slot(sentence, m)
                for i, m in sentence.mention_heads.items()
                if m.is_weapon and i < token.i
            ]
        antecedents = self._antecedents
        if not weapons and antecedents and self._pronoun_object(token) is not None:
            weapons = [WeaponSlot(antecedents[-1], token.i, None, (), anaphoric=True)]
        if not weapons and antecedents:
            noun = _anaphoric_noun(token)
            fitting = [m for m in antecedents if noun is not None and _noun_fits(noun, m)]
            if noun is not None and fitting:
                count = _partitive_count(noun) or next(
                    (c for c in noun.children if c.dep_ == "nummod"), None
                )
                count_index = None if count is None else count.i
                weapons = [WeaponSlot(fitting[-1], noun.i, count_index, (), anaphoric=True)]
        if (
            not weapons
            and self._named_earlier is not None
            and reading.governor is not None
            and _definite_event(token)
        ):
            # "Greece signed a contract to buy 18 Rafales ... Mitsotakis announced the purchase
            # in September": the purchase of the system named before, at the stage the verb
            # gives it ("Germany criticised the sale" gives none)
            weapons = [WeaponSlot(self._named_earlier, token.i, None, (), anaphoric=True)]
        if not weapons and entry.lemma == "arm" and self.implicit_arms is not None:
            weapons = [WeaponSlot(self.implicit_arms, token.i, None, ())]
        if not weapons:
            return None
        subject_side = self._subject_side(sentence, anchor)
        to_side = self._prep_side(sentence, token, ("to", "for", "into"))
        to_side += self._dative_side(sentence, token)
        if not to_side and entry.role == "supplier":
            to_side = self._participle_holder(sentence, token)
        if (
            not to_side
            and entry.role == "supplier"
            and _is_controlled_infinitive(token)
            and _direct_object(token.head) is not None
        ):
            # "Ukraine asked Germany to supply Taurus missiles": the asker receives
            to_side = self._verb_subject(sentence, token.head)
        from_side = self._prep_side(sentence, token, ("from",))
        with_side = self._prep_side(sentence, token, ("with",))
        deal = entry.deal or "unknown"
        if any(c.lower_ in LICENCE_WORDS for c in token.subtree):
            deal = "licence"
        elif (
            deal == "unknown"
            and reading.governor is not None
            and reading.governor.lemma_.lower() in SALE_FRAME_NOUNS
        ):
            deal = "sale"  # "won a contract to supply": a contract is a sale
        confidence = 0.8
        status_token = reading.governor.i if reading.governor is not None else token.i

        if entry.word_class == "coproduction":
            status = reading.status
            if entry.lemma == "work":
                partners = subject_side + with_side
            elif entry.role == "joint":
                # "France and West Germany reached agreement on a joint combat helicopter"
                partners = subject_side + self._prep_side(sentence, anchor, ("with", "between"))
            elif entry.role == "licensee":
                # the producer, and who helps it; not whom it builds for
                partners = subject_side + with_side + from_side
                partners += self._prep_side(sentence, token, ("in",))  # "built in Poland"
                if not partners:
                    return None
                infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
                governed = any(self.lexicon.lookup_token(w) for w in governors(token))
                if infinitive and not governed:
                    return None  # "Egypt's ability to build the tank" states no programme
            else:
                partners = subject_side + with_side + to_side
                partners += self._licensor_side(sentence, token)
                if _refers_back(token):
                    for slot in weapons:
                        partners += self._holders_of(sentence, sentence.doc[slot.head])
            if (
                status == "planned"
                and reading.governor is None
                and any(p.how == "company" for p in subject_side)
                and any(w.quantity_token is not None for w in weapons)
                and self._prep_side(sentence, token, ("for",))
            ):
                # "Helikopter Service will assemble 18 Bell 412s for Norwegian Defence under
                # license": a firm's work of a number of units for a named customer is on order
                status = "ordered"
            return Fact(
                "coproduction",
                token.i,
                [],
                [],
                partners,
                weapons,
                status,
                "licence" if deal == "licence" else "unknown",
                status_token,
                confidence,
            )

        if entry.role == "expelled":
            # "the United States was removing Turkey from the F-35 programme": the state put
            # out of a programme loses what it was to receive; "to discuss removing" is only
            # a prospect (the reading has no status then)
            if reading.status != "cancelled":
                return None
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
            removed = [
                p
                for c in token.children
                if c.dep_ == ("nsubjpass" if passive else "dobj")
                for p in self._parties_at(sentence, c)
            ]
            removers = (
                [p for c in token.children if c.dep_ == "agent"
                 for p in self._parties_under_prep(sentence, c)]
                if passive
                else subject_side
            )
            return Fact(
                "transfer", token.i, removers, removed, [], weapons, "cancelled", "sale",
                token.i, 0.7,
            )
        if entry.role == "asker":
            # "Kyiv has asked Berlin for more IRIS-T units": the asker wants, the asked supplies
            asked = [
                p for c in token.children if c.dep_ == "dobj" for p in self._parties_at(sentence, c)
            ]
            return Fact(
                "transfer",
                token.i,
                asked,
                subject_side,
                [],
                weapons,
                reading.status,
                "sale",
                token.i,
                0.75,
            )
        if entry.role == "arrival":
            # "The first HIMARS launchers have arrived in Ukraine": the place receives
            recipients = self._prep_side(sentence, token, ("in", "to", "at", "near"))
            # "are on their way to Ukraine from Poland": the way's own prepositions
            ways = [o for c in token.children if c.lower_ == "on" for o in c.children
                    if o.lower_ == "way"]
            senders: list[Party] = []
            for way in ways:
                recipients += self._prep_side(sentence, way, ("to",))
                senders += self._prep_side(sentence, way, ("from",))
            return Fact(
                "transfer",
                token.i,
                senders,
                recipients,
                [],
                weapons,
                reading.status,
                "unknown",
                token.i,
                0.75,
            )
        if (
            entry.role == "supplier"
            and not to_side
            and token.tag_ == "VBN"
            and token.dep_ in ("amod", "acl")
        ):
            to_side = self._holders_of(sentence, token.head)
        if (
            entry.role == "recipient"
            and not subject_side
            and token.tag_ == "VBN"
            and (token.dep_ in ("amod", "acl"))
        ):
            # "the island's air force flies older F-16A/B jets bought in the 1990s"
            subject_side = self._holders_of(sentence, token.head)
        if entry.role == "recipient" and not from_side:
            from_side = self._loose_prep_side(sentence, token, "from")
        if entry.role == "supplier" and not to_side:
            to_side = self._loose_prep_side(sentence, token, "to")
        role = entry.role
        won = next(
            (c for c in token.children if c.dep_ == "relcl" and c.lemma_ in WINNING_VERBS), None
        )
        if role == "none" and won is not None:
            # "arms contracts it won from Saudi Arabia": the winner supplies, "from" buys
            subject_side = self._verb_subject(sentence, won)
            with_side = self._prep_side(sentence, won, ("from", "with"))
            role = "supplier"
        if role == "none":
            role = _role_of_contract(subject_side, with_side)
            speaker = speech_subject(token)
            if (
                role == "recipient"
                and all(p.how == "pronoun" for p in subject_side)
                and (
                    speaker is not None
                    and any(
                        (m := sentence.mention_heads.get(t.i)) is not None and m.kind == "company"
                        for t in speaker.subtree
                    )
                )
            ):
                # "Sweden's Saab said it had signed a contract with Brazil": Saab supplies
                role = "supplier"
                subject_side = [
                    _party_from(m, t.i)
                    for t in speaker.subtree
                    if (m := sentence.mention_heads.get(t.i)) is not None and m.kind == "company"
                ]
        if (
            token.pos_ in ("NOUN", "PROPN")
            and token.dep_ == "dobj"
            and token.head.lemma_ in (WINNING_VERBS)
            and token.lemma_.lower() in ORDER_NOUNS
            and (
                any(p.how == "company" for p in subject_side)
                or not any(p.state for p in subject_side)
            )
        ):
            # "Lockheed won a contract": the winning firm supplies; "Egypt clinched an
            # agreement with Italy": a state that clinches buys
            role = "supplier"
            if not to_side and not with_side:
                to_side = from_side  # "KAI won an order from Malaysia": the customer
        if token.lemma_.lower() in ("delivery", "shipment", "consignment") and (
            token.dep_ == "dobj"
            and token.head.lemma_
            in ("take", "accept", "receive", "await", "expect", "get", "welcome")
        ):
            role = "recipient"  # "Cairo took delivery of two Mistral carriers"
        if role == "supplier":
            suppliers, recipients = subject_side, to_side
            if not recipients:
                recipients = with_side
        else:
            recipients, suppliers = subject_side, from_side
            if not suppliers:
                suppliers = with_side
            if not recipients and entry.role == "none":
                recipients = to_side  # "The deal covers 26 Rafale jets for the Indian Navy"
        if not suppliers:
            suppliers = self._nearest_company(sentence, token, exclude=recipients)
        return Fact(
            "transfer",
            token.i,
            suppliers,
            recipients,
            [],
            weapons,
            reading.status,
            deal,
            status_token,
            confidence,
        )

    def _holders_of(self, sentence: ParsedSentence, noun: Token) -> list[Party]:
        """Return who holds a weapon: "Egypt's arsenal is made up of Soviet-supplied equipment",
        "Turkey's German-supplied Panzer forces". A firm's possessive is its maker, no holder."""
        return [p for p in self._owners_of(sentence, noun) if p.how != "company"]

    def _owners_of(self, sentence: ParsedSentence, noun: Token) -> list[Party]:
        for child in noun.children:
            if child.dep_ == "poss":
                return self._parties_at(sentence, child, direct=True)
        current = noun
        for _ in range(4):
            if current.head.i == current.i:
                break
            current = current.head
            if current.pos_ in ("NOUN", "PROPN") and current.dep_ != "prep":
                # "Iran's recent stationing of Chinese-made missiles"
                for child in current.children:
                    if child.dep_ == "poss":
                        return self._parties_at(sentence, child, direct=True)
            if current.pos_ in ("VERB", "AUX"):
                for child in current.children:
                    if child.dep_ in ("nsubj", "nsubjpass"):
                        owners = [c for c in child.subtree if c.dep_ == "poss"]
                        for owner in owners:
                            parties = self._parties_at(sentence, owner, direct=True)
                            if parties:
                                return parties
                        if current.lemma_ in HOLDING_VERBS:
                            return self._parties_at(sentence, child)
                break
        return []

    def _loose_prep_side(self, sentence: ParsedSentence, token: Token, word: str) -> list[Party]:
        """Find "from X" / "to X" after the trigger that the parse hung elsewhere.

        "ordered 180 trucks worth 18.5 mln dlrs from AM General, a unit of LTV": the parser
        attaches "from" to "dlrs". Only a preposition within the trigger's clause counts.
        """
        clause = token
        while clause.dep_ not in ("ROOT", *CLAUSE_DEPS) and clause.head.i != clause.i:
            clause = clause.head
        for candidate in clause.subtree:
            if candidate.i <= token.i or candidate.lower_ != word or candidate.dep_ != "prep":
                continue
            if candidate not in token.subtree and candidate.head.i != token.head.i:
                continue  # "proceeds from the sales were funneled to X": X is not the buyer
            if (
                _crosses_verb(candidate, token, self.lexicon)
                or candidate.head.pos_ == "VERB"
                and (candidate.head.i != token.i)
            ):
                continue  # "to help protect forces from Soviet aircraft"
            parties = [
                _party_from(m, t.i)
                for t in candidate.subtree
                if (m := sentence.mention_heads.get(t.i)) is not None and m.is_party
            ]
            if parties:
                return parties[:1]
        return []

    def _nearest_company(
        self, sentence: ParsedSentence, token: Token, exclude: list[Party]
    ) -> list[Party]:
        """Return the company nearest the trigger as a supplier of last resort.

        Companies announce their own sales ("LTV Corp said Pakistan ordered 180 trucks");
        a firm of the recipient's own state is no supplier.
        """
        excluded = {p.state for p in exclude}
        speaker = speech_subject(token)
        near = {t.i for t in token.subtree} | ({t.i for t in speaker.subtree} if speaker else set())
        relative = _relative_antecedent(token)
        if relative is not None:
            # "AB Bofors, which is at the centre of an inquiry into arms shipments to Iran"
            clause, described = relative
            near |= {t.i for t in described.subtree} - {t.i for t in clause.subtree}
        companies = [
            (abs(i - token.i), i, m)
            for i, m in sentence.mention_heads.items()
            if m.kind == "company" and m.state not in excluded and i in near
        ]
        if not companies:
            return []
        _, index, mention = min(companies)
        return [Party(mention.state, None, index, "company-fallback")]

    def _apply_cancellations(self, sentence: ParsedSentence, facts: list[Fact]) -> None:
        """Let "abandoned the plan" / "cancelled the deal" cancel the facts stated before it."""
        for token in sentence.doc:
            entry = self.lexicon.lookup_token(token)
            if entry is None or entry.word_class != "governor" or entry.status != "cancelled":
                continue
            if token.pos_ != "VERB":
                continue
            objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            if not objects or any(self._weapons_in(sentence, o) for o in objects):
                continue
            if not any(o.lemma_ in CANCELLABLE_NOUNS or o.lower_ == "it" for o in objects):
                continue  # "the gun, which was cancelled in 1985" cancels the gun, not the sale
            if any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in token.children):
                continue
            cancellers = {p.state for p in self._verb_subject(sentence, token) if p.state}
            for fact in facts:
                parties = {p.state for p in [*fact.suppliers, *fact.recipients, *fact.partners]}
                if cancellers and not cancellers & parties:
                    continue  # "get Trump to cancel this order" is not the seller's cancellation
                if fact.trigger < token.i and fact.status != "cancelled":
                    fact.status = "cancelled"
                    fact.status_token = token.i

    # --- arguments --------------------------------------------------------------

    def subject_parties(self, sentence: ParsedSentence, token: Token) -> list[Party]:
        """Return the parties that are the subject of a trigger word ("France ... were also
        submitting proposals": France)."""
        return self._subject_side(sentence, token)

    def _subject_side(self, sentence: ParsedSentence, token: Token) -> list[Party]:
        if token.pos_ in ("NOUN", "PROPN"):
            parties: list[Party] = []
            for child in token.children:
                if child.dep_ in ("poss", "amod", "compound", "nmod"):
                    parties += self._parties_at(sentence, child, direct=True)
                elif child.dep_ == "prep" and child.lower_ == "by":
                    parties += self._parties_under_prep(sentence, child)
            if parties:
                return parties
            holder = _holding_noun(token)
            if holder is not None:
                # "the huge Saudi outlay on a defence contract": the holder's owner
                for child in holder.children:
                    if child.dep_ in ("poss", "amod", "compound", "nmod"):
                        parties += self._parties_at(sentence, child, direct=True)
                if parties:
                    return parties
            verb = _governing_verb(token)
            while verb is not None:
                parties = self._verb_subject(sentence, verb, trigger=token)
                if parties:
                    return parties
                verb = _governing_verb(verb) if verb.dep_ in ("prep", "pcomp", "xcomp") else None
            return []
        if token.tag_ == "VBN" and token.dep_ in ("amod", "acl"):
            entry = self.lexicon.lookup(token.lemma_, "VERB")
            if (entry is not None and entry.role == "supplier") or (
                token.lemma_.lower() in ORIGIN_PARTICIPLES
            ):
                # "Soviet-supplied equipment", "U.S.-built jets": the modifier supplies
                parties = [
                    _party_from(m, c.i)
                    for c in token.children
                    if c.dep_ in ("npadvmod", "compound", "nmod", "amod")
                    and (m := sentence.mention_heads.get(c.i)) is not None
                    and m.is_party
                ]
                if parties:
                    return parties
            else:
                # "its newly acquired Silkworm": the owner of the thing acquired
                for child in token.head.children:
                    if child.dep_ == "poss":
                        return self._parties_at(sentence, child, direct=True)
        return self._verb_subject(sentence, token)

    def _verb_subject(
        self, sentence: ParsedSentence, verb: Token, trigger: Token | None = None
    ) -> list[Party]:
        gerund_subject = _gerund_subject(verb)
        if gerund_subject is not None:
            # "could lead to Indonesia buying two submarines": Indonesia buys
            return self._parties_at(sentence, gerund_subject)
        current: Token | None = verb
        while current is not None:
            passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in current.children)
            for child in current.children:
                if trigger is not None and trigger in child.subtree:
                    # "collaboration ..., symbolised by the purchase of S-400s": the purchase
                    # is the agent itself; whose purchase it is lies further up
                    passive = False
                    continue
                if passive and child.dep_ == "agent":
                    return self._parties_under_prep(sentence, child)
                if not passive and child.dep_ in ("nsubj", "expl") and child.dep_ != "expl":
                    if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                        return self._parties_at(sentence, current.head)
                    return self._parties_at(sentence, child)
            if passive:
                return []
            head = current.head
            if _is_controlled_infinitive(current) and (controller := _direct_object(head)):
                # "asked Germany to supply": Germany is who supplies; "approached six European
                # countries to supply": nobody named
                return self._parties_at(sentence, controller)
            if current.dep_ == "xcomp" and head.pos_ == "ADJ" and head.head.i != head.i:
                current = head.head  # "Morocco is due to receive": the subject of "is"
                continue
            if current.dep_ == "xcomp" and any(c.dep_ == "nsubjpass" for c in head.children):
                # "Britain was expected to offer", "Iran is said to have bought"
                subject = next(c for c in head.children if c.dep_ == "nsubjpass")
                return self._parties_at(sentence, subject)
            if (
                current.dep_ in ("acl", "relcl")
                and head.pos_ in ("NOUN", "PROPN")
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
                or (current.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"))
            ):
                # "BAe won a contract to supply", "a deal to buy": the noun's owner or the
                # subject of the verb that holds the noun
                return self._subject_side(sentence, head)
            if (
                current.dep_ == "pcomp"
                and current.head.dep_ == "prep"
                and current.head.head.pos_ in ("NOUN", "PROPN", "ADJ")
                and current.head.head.lemma_.lower() in GOVERNING_NOUNS | {"interested"}
            ):
                # "Poland is in talks with South Korea about buying more K9s": the talker
                return self._subject_side(sentence, current.head.head)
            if (
                current.dep_ == "pcomp"
                and current.head.dep_ == "prep"
                and current.head.lower_ in ("by", "after", "before", "while", "through", "in")
            ):
                # "By arming militants, Tehran has sought ...": the main clause's subject
                current = current.head.head if current.head.head.pos_ in ("VERB", "AUX") else None
                continue
            if (
                current.dep_ in ("xcomp", "conj", "acl", "advcl", "acomp")
                and current.head.i != current.i
            ):
                # "acomp": "Vietnam is interested in ...": the subject of "is"
                current = current.head if current.head.pos_ in ("VERB", "AUX") else None
            else:
                current = None
        return []

    def _prep_side(
        self, sentence: ParsedSentence, token: Token, words: tuple[str, ...]
    ) -> list[Party]:
        parties: list[Party] = []
        for holder in _argument_holders(token):
            for child in holder.children:
                # the parser labels "delivering missiles to the group" as dative "to"
                if child.dep_ in ("prep", "dative") and child.lower_ in words:
                    parties += self._parties_under_prep(sentence, child)
        return parties

    def _dative_side(self, sentence: ParsedSentence, token: Token) -> list[Party]:
        parties: list[Party] = []
        for child in token.children:
            if child.dep_ in ("dative", "iobj"):
                parties += self._parties_at(sentence, child)
            elif (
                child.dep_ == "dobj"
                and not self._weapons_in(sentence, child)
                and child.lower_ != "it"
                and (
                    any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
                    or token.lemma_ in ("arm", "equip", "outfit", "rearm")
                )
            ):
                # "supply Switzerland with military equipment", "providing them with arms"
                parties += self._parties_at(sentence, child)
            elif child.dep_ == "dobj" and token.lemma_ in DOUBLE_OBJECT_VERBS:
                parties += self._fused_recipient(sentence, token, child)
        if not parties and token.lemma_ in ARMING_VERBS:
            parties = self._shared_object(sentence, token)
        return parties

    def _shared_object(self, sentence: ParsedSentence, token: Token) -> list[Party]:
        """Read "arming and training thousands of militants": the object the parser gives
        only to the last of two coordinated verbs belongs to the first too."""
        if any(c.dep_ in ("dobj", "dative", "iobj") for c in token.children):
            return []
        for verb in token.children:
            if verb.dep_ != "conj" or verb.pos_ != "VERB":
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                continue  # a clause of its own: "Iran armed them and they attacked"
            for obj in verb.children:
                if obj.dep_ == "dobj" and not self._weapons_in(sentence, obj):
                    return self._parties_at(sentence, obj)
        return []

    def _participle_holder(self, sentence: ParsedSentence, token: Token) -> list[Party]:
        """Read "the Houthis, armed by Iran with drones": the noun a giving participle
        describes is what was given to, unless that noun is the goods themselves."""
        if not any(c.dep_ == "agent" for c in token.children):
            return []
        participle = token
        while participle.dep_ == "conj" and participle.head.tag_ == "VBN":
            participle = participle.head  # "an adversary trained and armed by the US"
        if participle.dep_ != "acl" or participle.tag_ != "VBN":
            return []
        described = participle.head
        holder = sentence.token_mention.get(described.i)
        if holder is not None and holder.is_weapon:
            return []  # "drones supplied by Iran": the goods
        own_words = {t.i for t in participle.subtree}
        return [p for p in self._parties_at(sentence, described) if p.token not in own_words]

    def _fused_recipient(self, sentence: ParsedSentence, verb: Token, obj: Token) -> list[Party]:
        """Find the indirect object the parser fused into the direct one.

        The small model reads "provided Syria six Su-24 bombers" as one noun phrase with
        "Syria" as a modifier. A country's name (not its adjective, not an abbreviation
        such as "U.S." that English uses attributively) opening the phrase, followed by a
        number, determiner or weapon, is the recipient.
        """
        if any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in verb.children):
            return []
        for stray in verb.children:
            # "will send Kyiv more missiles": the name parsed as a loose word before the object
            if verb.i < stray.i < obj.left_edge.i and stray.dep_ in ("intj", "npadvmod"):
                mention = sentence.mention_heads.get(stray.i)
                if _is_bare_state_name(mention):
                    return [_party_from(mention, stray.i, "named")]
        for child in obj.subtree:
            if child.i >= obj.i or child.dep_ not in ("nmod", "compound", "npadvmod"):
                continue
            mention = sentence.mention_heads.get(child.i)
            if not _is_bare_state_name(mention) or child.left_edge.i != obj.left_edge.i:
                continue
            between = sentence.doc[child.right_edge.i + 1 : obj.i + 1]
            if any(
                t.dep_ in ("nummod", "det") or sentence.token_mention.get(t.i) is not None
                for t in between
            ):
                return [_party_from(mention, child.i, "named")]
        return []

    def _parties_under_prep(self, sentence: ParsedSentence, prep: Token) -> list[Party]:
        parties: list[Party] = []
        for child in prep.children:
            if child.dep_ not in ("pobj", "pcomp"):
                continue
            goods = sentence.token_mention.get(child.i)
            if goods is not None and goods.is_weapon:
                continue  # "a contract for 36 Gripen jets": the goods, not a party
            parties += self._parties_at(sentence, child)
        return parties

    def _parties_at(
        self, sentence: ParsedSentence, root: Token, direct: bool = False
    ) -> list[Party]:
        """Return the parties an argument phrase names, the phrase's head first.

        Parties that only modify the head ("Serbia's neighbor Kosovo", "Russian ally Serbia")
        lose to the head; parties inside a clause of their own are not this argument's.
        """
        ranked: list[tuple[int, int, Party]] = []
        for token in root.subtree:
            mention = sentence.mention_heads.get(token.i)
            if mention is None or not mention.is_party:
                continue
            path = _path_to(token, root)
            if path is None or (
                any(dep in CLAUSE_DEPS for dep in path) and not _listed_by(token, root)
            ):
                continue
            if _is_sponsor_modifier(token):
                continue  # "the Iran-backed militia groups" are not Iran
            if token.head.lemma_.lower() in CURRENCY_NOUNS:
                continue  # "39.3 billion Swedish crowns" names a currency, not a party
            rank = 0
            ranked_token = token
            while ranked_token.dep_ == "conj" and ranked_token.head.i != root.i:
                ranked_token = ranked_token.head  # "Indian and Russian companies": as Indian
            token_for_rank = ranked_token
            if token_for_rank.dep_ in ("poss", "amod", "compound", "nmod", "npadvmod") and (
                token_for_rank.i != root.i
            ):
                head_mention = sentence.token_mention.get(token_for_rank.head.i)
                rank = 3 if head_mention is not None and head_mention.is_party else 2
                if token_for_rank.dep_ == "compound" and head_mention is None:
                    rank = 0  # "Kosovo leaders", "U.S. Navy": the compound names the party
                head = token_for_rank.head
                if (
                    head_mention is None
                    and head.dep_ == "conj"
                    and head.lemma_.lower() in PARTY_HEAD_NOUNS
                ):
                    rank = 0  # "by BAe and Swiss industry": the adjective names a conjunct
            elif "prep" in path:
                rank = 1
            ranked.append((rank, token.i, _party_from(mention, token.i)))
        best = min((rank for rank, _, _ in ranked), default=None)
        if best is not None and best == 0:
            return [party for rank, _, party in sorted(ranked, key=lambda r: r[1]) if rank == 0]
        if root.lower_ in PRONOUNS_SINGULAR | PRONOUNS_PLURAL:
            return [Party(None, None, root.i, "pronoun")]
        for child in root.children:
            # "its growing cooperation with Moscow": the owner, not the partner
            if child.dep_ == "poss" and child.lower_ in PRONOUNS_SINGULAR | PRONOUNS_PLURAL:
                return [Party(None, None, child.i, "pronoun")]
        lemma = root.lemma_.lower()
        of_objects = [
            g
            for c in root.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        is_group = (
            root.tag_ == "NNS"
            and lemma in GROUP_NOUNS
            or any(g.lemma_.lower() in GROUP_NOUNS for g in of_objects)
        )
        if best == 1 and is_group and root.tag_ == "NNS":
            # "thousands of Shia militants in Iraq": the militants, not Iraq
            return [Party(None, None, root.i, "group-description")]
        if best == 1 and lemma not in PARTY_HEAD_NOUNS:
            return []  # "critics of Trump's decision" are no party of the United States
        if best is not None:
            return [party for rank, _, party in sorted(ranked, key=lambda r: r[1]) if rank == best]
        if is_group:
            # "arming rebels", "thousands of Shia militants"
            return [Party(None, None, root.i, "group-description")]
        if any(c.lower_ == "the" for c in root.children):
            if lemma in COMPANY_NOUNS:
                return [Party(None, None, root.i, "company-description")]
            if lemma in STATE_NOUNS or lemma in FORCE_NOUNS:
                return [Party(None, None, root.i, "description")]
            if lemma in GROUP_NOUNS:
                return [Party(None, None, root.i, "group-description")]
        return []

    # --- weapons ----------------------------------------------------------------

    def _weapons_of(self, sentence: ParsedSentence, token: Token) -> list[WeaponSlot]:
        slots = self._weapons_of_any(sentence, token)
        if token.pos_ != "VERB" or token.lemma_ not in POLYSEMOUS_VERBS:
            return slots
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if not objects:
            return slots
        # "ordering the biggest military operation ...: a salvo of 105 missiles": the verb's
        # object is an operation, not the missiles
        kept = []
        for slot in slots:
            obj = next((o for o in objects if slot.head in {t.i for t in o.subtree}), None)
            if obj is None or _object_carries_weapon(obj, sentence):
                kept.append(slot)
        return kept

    @staticmethod
    def _pronoun_object(token: Token) -> Token | None:
        """Return a pronoun object ("sold it to Qatar, Ukraine and Azerbaijan"), if any."""
        for child in token.children:
            if child.dep_ == "dobj" and child.lower_ in ("it", "them"):
                return child
        return None

    def _weapons_of_any(self, sentence: ParsedSentence, token: Token) -> list[WeaponSlot]:
        if token.tag_ == "VBN" and token.dep_ in ("amod", "acl"):
            # "its newly acquired Silkworm missile", "20 fighters ordered by Cairo"
            slots = self._weapons_in(sentence, token.head, shallow=True)
            if slots:
                return slots
        slots = self._weapons_in(sentence, token)
        clause = token
        while clause.dep_ == "xcomp" and clause.head.i != clause.i:
            clause = clause.head  # "weaponry that Britain and the US help provide"
        if not slots and clause.dep_ in ("relcl", "acl"):
            slots = self._weapons_in(sentence, clause.head, shallow=True)
        if not slots and token.pos_ == "VERB":
            slots = self._weapon_right_after(sentence, token)
        if (
            not slots
            and token.dep_ == "dobj"
            and token.lemma_.lower() in ("delivery", "shipment", "consignment", "receipt")
        ):
            # "took delivery in 2016 of two Mistral carriers": the parser hung the "of" on
            # the year; the first "of" after the noun in its verb's clause still says what
            for prep in token.head.subtree:
                if prep.i > token.i and prep.dep_ == "prep" and prep.lower_ == "of":
                    slots = [s for c in prep.children for s in self._weapons_in(sentence, c)]
                    break
        if not slots:
            verb = _governing_verb(token) if token.pos_ in ("NOUN", "PROPN") else None
            if verb is not None:
                for child in verb.children:
                    if child.dep_ in ("dobj", "nsubjpass", "attr") and child.i != token.i:
                        slots += self._weapons_in(sentence, child)
                    elif (
                        child.dep_ == "prep"
                        and child.lower_ == "for"
                        and token.lemma_.lower() in ORDER_NOUNS
                    ):
                        # "signed a contract in October 2018 for five S-400 squadrons"
                        for pobj in child.children:
                            slots += self._weapons_in(sentence, pobj)
        return slots

    def _licensor_side(self, sentence: ParsedSentence, token: Token) -> list[Party]:
        """Return who grants the licence: "built under licence from U.S. firms"."""
        parties: list[Party] = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "under":
                for licence in child.children:
                    for prep in licence.children:
                        if prep.dep_ == "prep" and prep.lower_ == "from":
                            parties += self._parties_under_prep(sentence, prep)
        return parties

    def _served_system(self, sentence: ParsedSentence, token: Token) -> list[WeaponSlot]:
        """Return the named system that equipment is for ("to upgrade its Hawk missiles")."""
        for child in token.children:
            if child.dep_ in ("advcl", "xcomp", "relcl", "acl") and child.lemma_ in SERVICE_VERBS:
                for grandchild in child.children:
                    if grandchild.dep_ == "dobj":
                        named = [
                            s
                            for s in self._weapons_in(sentence, grandchild)
                            if s.mention.kind == "weapon"
                        ]
                        if named:
                            return named
        return []

    def _weapon_right_after(self, sentence: ParsedSentence, token: Token) -> list[WeaponSlot]:
        """Find the weapon that directly follows a verb when the parse lost it.

        "acquired Chinese-made Silkworm missiles capable of ...": the parser made the
        missiles the subject of "capable"; the words still say what was acquired.
        """
        for index in range(token.i + 1, min(len(sentence.doc), token.i + 8)):
            word = sentence.doc[index]
            if word.pos_ in ("VERB", "AUX") and word.tag_ not in ("VBN",) or word.text in ",;:":
                return []
            mention = sentence.mention_heads.get(index)
            if mention is not None and mention.is_weapon:
                if mention.kind == "generic" and _modifies_other_noun(word, sentence, self.lexicon):
                    return []  # "agreed to build a submarine cable"
                return [self._weapon_slot(sentence, mention)]
        return []

    def _weapons_in(
        self, sentence: ParsedSentence, root: Token, shallow: bool = False
    ) -> list[WeaponSlot]:
        slots: list[WeaponSlot] = []
        seen: set[int] = set()
        tokens = [root] if shallow else list(root.subtree)
        if root.pos_ in ("VERB", "AUX") and not shallow:
            # the active subject is the agent: "U.S. jets will provide air cover"
            agents = {t.i for c in root.children if c.dep_ in ("nsubj", "csubj") for t in c.subtree}
            tokens = [t for t in tokens if t.i not in agents]
        for token in tokens:
            mention = sentence.token_mention.get(token.i)
            if mention is None or not mention.is_weapon or id(mention) in seen:
                continue
            if mention.kind == "generic" and _modifies_other_noun(token, sentence, self.lexicon):
                continue  # "submarine cable", "missile defence talks"
            path = _path_to(token, root)
            if path is None or (
                any(dep in CLAUSE_DEPS for dep in path) and not _listed_by(token, root)
            ):
                continue
            if _crosses_verb(token, root, self.lexicon):
                continue  # "approval for Egypt to produce the tank": the tank is produce's
            if not shallow and not _object_path(token, root, sentence):
                continue  # "proceeds from the arms sales were funneled": proceeds were
            seen.add(id(mention))
            slots.append(self._weapon_slot(sentence, mention))
        return _absorb_generic_heads(slots)

    def _weapon_slot(self, sentence: ParsedSentence, mention: Mention) -> WeaponSlot:
        covered = [i for i, m in sentence.token_mention.items() if m is mention]
        head = next((i for i, m in sentence.mention_heads.items() if m is mention), covered[-1])
        noun = sentence.doc[head]
        # "Bayraktar TB2 UAVs", "Rafale fighter jets": the phrase's head noun carries
        # the number and the origin adjectives.
        while noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head
        quantity_token = None
        origins: list[Party] = []
        same_type = False
        modifiers = [*noun.children, *(c for i in covered for c in sentence.doc[i].children)]
        for child in modifiers:
            if child.i in covered:
                continue
            if child.dep_ == "nummod" and quantity_token is None:
                quantity_token = child.i
            if child.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                for token in child.subtree:
                    m = sentence.mention_heads.get(token.i) or sentence.token_mention.get(token.i)
                    if m is None or m.kind != "state" or token.i in covered:
                        continue
                    if _is_sponsor_modifier(token):
                        continue
                    path = _path_to(token, child) or []
                    if all(dep in ORIGIN_DEPS for dep in path):
                        origins.append(_party_from(m, token.i, how="origin"))
            if child.dep_ == "prep" and child.lower_ == "of":
                for grandchild in child.children:
                    if grandchild.lemma_ in ("type", "kind", "model", "make", "variant") and any(
                        c.lower_ == "same" for c in grandchild.children
                    ):
                        same_type = True
        part = _partitive_count(noun)
        if part is not None:
            quantity_token = part.i  # "ordered 24 of the jets", "the last six of 20 fighters"
        unique_origins = tuple({p.state: p for p in origins}.values())
        sources = tuple(
            party
            for child in noun.children
            if child.dep_ == "prep" and child.lower_ == "from"
            for party in self._parties_under_prep(sentence, child)
        )
        return WeaponSlot(mention, noun.i, quantity_token, unique_origins, same_type, sources)


def _is_bare_state_name(mention: Mention | None) -> TypeGuard[Mention]:
    """Tell whether a mention is a state's name or capital, neither adjective nor "U.S."."""
    return (
        mention is not None
        and mention.kind == "state"
        and mention.form in ("name", "capital")
        and "." not in mention.surface
        and not mention.surface.isupper()
    )


def _party_from(mention: Mention, token_index: int, how: str | None = None) -> Party:
    if mention.kind == "group":
        return Party(None, mention.name, token_index, how or "group")
    kind_how = {"state": "named", "leader": "leader", "company": "company"}[mention.kind]
    return Party(mention.state, None, token_index, how or kind_how)


def _path_to(token: Token, root: Token) -> list[str] | None:
    """Return the dependency labels from `token` up to `root`, or None if not below it."""
    path: list[str] = []
    current = token
    while current.i != root.i:
        path.append(current.dep_)
        if current.head.i == current.i:
            return None
        current = current.head
    return path


# Labels on the way from an origin word to the weapon: "French-made", "U.S.-built",
# "Chinese Silkworm"; a state further down ("capable of hitting Iraq") is no origin.
ORIGIN_DEPS = frozenset({"amod", "npadvmod", "compound", "nmod", "punct", "advmod", "conj", "cc"})
CURRENCY_NOUNS = frozenset(
    {
        "crown",
        "krona",
        "krone",
        "dollar",
        "euro",
        "pound",
        "franc",
        "mark",
        "yen",
        "rupee",
        "won",
        "lira",
        "riyal",
        "dinar",
        "peso",
        "rouble",
        "ruble",
        "shekel",
        "yuan",
        "dirham",
        "real",
        "rand",
    }
)
SPONSOR_WORDS = frozenset(
    {
        "backed",
        "led",
        "allied",
        "aligned",
        "sponsored",
        "supported",
        "funded",
        "trained",
        "armed",
        "based",
        "controlled",
        "held",
    }
)


ANAPHORIC_NOUNS = frozenset({"system", "aircraft", "vessel", "unit", "platform", "plane"})
# The categories an anaphoric noun can stand for; a noun not listed stands for any.
ANAPHORIC_NOUN_CATEGORIES = {
    "aircraft": frozenset({"aircraft", "helicopter", "uav"}),
    "plane": frozenset({"aircraft"}),
    "vessel": frozenset({"ship", "submarine"}),
}


def _noun_fits(noun: Token, mention: Mention) -> bool:
    """Tell whether "the aircraft" / "the system" can refer back to a named system."""
    categories = ANAPHORIC_NOUN_CATEGORIES.get(noun.lemma_.lower())
    return categories is None or mention.category in categories


def _gerund_subject(verb: Token) -> Token | None:
    """Return the noun right before a gerund that the parser hung elsewhere but is its
    subject: "lead to Indonesia buying", "opposed Turkey buying the S-400"."""
    if verb.tag_ != "VBG" or verb.i == 0 or any(c.dep_ == "nsubj" for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ == "PROPN" and before.dep_ in ("pobj", "dobj") and before.head.i < before.i:
        return before
    return None


# Nouns of a transfer that "the"/"that" can point back with: "approved that sale".
EVENT_NOUNS = frozenset({"purchase", "sale", "acquisition", "deal", "contract", "order"})


def _definite_event(token: Token) -> bool:
    """Tell whether a trigger is "the purchase" / "that sale" with nothing of its own, as
    what a verb does ("approved that sale"); as a subject or under a preposition it is
    talked about ("the contract is expected to be completed", "prime contractor on the sale")."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in EVENT_NOUNS or token.dep_ != "dobj":
        return False
    children = list(token.children)
    return any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in children) and all(
        c.dep_ in ("det", "punct") for c in children
    )


# Verbs that make a package of weapons a decided transfer: "approved a package of".
PACKAGE_VERBS = frozenset({"approve", "announce", "unveil", "authorize", "authorise", "clear"})
# Words that make a package one of weapons or aid: "an aid package", "a weapons package".
PACKAGE_KINDS = frozenset({"aid", "arm", "arms", "weapon", "weapons", "military", "security"})


PACKAGE_ENTRY = TriggerWord("package", "NOUN", "transfer", "supplier", "planned", "unknown")


def _is_arms_package(token: Token) -> bool:
    """Tell whether a word is a package of weapons decided on: approved or announced, or
    named as aid or arms ("the training and logistic package includes" is neither)."""
    if token.lemma_ != "package" or token.pos_ != "NOUN":
        return False
    decided = token.dep_ == "dobj" and token.head.lemma_ in PACKAGE_VERBS
    kind = any(c.lower_ in PACKAGE_KINDS for c in token.children if c.dep_ in ("compound", "amod"))
    return decided or kind


# Verbs of a relative clause that lists what its noun holds: "a package that includes".
LISTING_VERBS = frozenset({"include", "contain", "comprise", "cover"})


def _listed_by(token: Token, root: Token) -> bool:
    """Tell whether a word's only clause on the way up is one that lists the root's
    contents: "an aid package for Kyiv that includes four more launchers"."""
    current = token
    while current.i != root.i:
        if current.dep_ in CLAUSE_DEPS and not (
            current.dep_ == "relcl" and current.head.i == root.i and current.lemma_ in LISTING_VERBS
        ):
            return False
        current = current.head
    return True


def _partitive_count(noun: Token) -> Token | None:
    """Return the number a noun is part of: "24 of the jets", "the last six of 20 fighters"."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    count = noun.head.head
    if count.lower_ == "more":  # "four more of the launchers": the number on "more"
        return next((c for c in count.children if c.dep_ == "nummod"), None)
    return count if count.pos_ == "NUM" and count.dep_ != "nummod" else None


def _anaphoric_noun(token: Token) -> Token | None:
    """Return "the system" / "all 24 aircraft" among a trigger's arguments, if any."""
    arguments = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    # "ordered 24 of the aircraft": the number is the object, the noun under its "of"
    holders = [token, *(c for c in arguments if c.pos_ == "NUM")]
    candidates = arguments + [
        g
        for holder in holders
        for c in holder.children
        if c.dep_ == "prep" and c.lower_ in ("for", "of")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for noun in candidates:
        if noun.lemma_.lower() not in ANAPHORIC_NOUNS:
            continue
        if any(
            c.lower_ in ("the", "these", "those", "all") or c.dep_ == "nummod"
            for c in noun.children
        ):
            return noun
    return None


def _object_carries_weapon(obj: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a verb's object is a weapon, a number of them or a container of them."""
    mention = sentence.token_mention.get(obj.i)
    if mention is not None and mention.is_weapon:
        return True
    for child in obj.children:  # "its first F-35 fighters": the name modifies the head
        named = sentence.token_mention.get(child.i)
        if (
            child.dep_ in ("compound", "nummod", "amod", "nmod")
            and named is not None
            and (named.is_weapon)
        ):
            return True
    return obj.pos_ == "NUM" or obj.lemma_.lower() in CONTAINER_NOUNS or obj.tag_ == "CD"


def _is_sponsor_modifier(token: Token) -> bool:
    """Tell whether a state name is part of "Iran-backed", "US-led", "Turkish-held"."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    after = doc[token.i + 2] if token.i + 2 < len(doc) else None
    return (
        nxt is not None and nxt.text == "-" and after is not None and after.lower_ in SPONSOR_WORDS
    )


def _modifies_other_noun(token: Token, sentence: ParsedSentence, lexicon: Lexicon) -> bool:
    """Tell whether a generic weapon word only modifies a noun that is no weapon.

    "submarine cable" is no submarine; "arms shipments" and "drone purchase" are arms and
    drones, since the noun they modify is a trigger.
    """
    covered = [i for i, m in sentence.token_mention.items() if m is sentence.token_mention[token.i]]
    last = sentence.doc[max(covered)]
    if last.dep_ != "compound":
        return False
    head_token = last.head
    head = sentence.token_mention.get(head_token.i)
    if head is not None and head.is_weapon:
        return False
    return lexicon.lookup_token(head_token) is None


def _crosses_verb(token: Token, root: Token, lexicon: Lexicon) -> bool:
    """Tell whether the path from `token` up to `root` passes through another clause's verb.

    "develop a fighter to replace the F-14": the F-14 belongs to replace. A verb that is
    itself a trigger ("cooperate to develop fighter planes") passes.
    """
    if token.i == root.i:
        return False
    current = token.head
    while current.i != root.i and current.head.i != current.i:
        # the tagger sometimes calls a clause's verb a noun ("selected its engines to power")
        clause_like = current.pos_ == "VERB" or current.dep_ in ("xcomp", "ccomp", "advcl")
        if clause_like and current.dep_ in (
            "ccomp",
            "advcl",
            "relcl",
            "csubj",
            "parataxis",
            "acl",
            "conj",
            "xcomp",
        ):
            participle = current.dep_ == "acl" and current.tag_ in ("VBN", "VBG")
            entry = lexicon.lookup_token(current)
            is_trigger = entry is not None and entry.word_class in ("transfer", "coproduction")
            listing = current.dep_ == "relcl" and current.lemma_ in LISTING_VERBS
            if (
                not participle
                and not is_trigger
                and not listing
                and current.lemma_ not in PRODUCTION_VERBS
            ):
                return True
        current = current.head
    return False


# Verbs whose object is the system that supplied equipment serves.
SERVICE_VERBS = frozenset(
    {
        "upgrade",
        "modernize",
        "modernise",
        "support",
        "maintain",
        "refurbish",
        "overhaul",
        "improve",
        "equip",
        "arm",
        "service",
    }
)
# Prepositions that keep a weapon inside the thing transferred ("sale of jets", "equipment
# including 20 Hawks", "aircraft such as the F-16"); others lead elsewhere ("proceeds from
# the arms sales", "spare parts for its Soviet hardware").
# Nouns whose "for" names what is bought: "an order for 12 jets", "a contract for missiles".
ORDER_NOUNS = frozenset(
    {
        "order",
        "contract",
        "deal",
        "request",
        "bid",
        "tender",
        "agreement",
        "requirement",
        "competition",
        "offer",
        "option",
    }
)
OBJECT_PREPOSITIONS = frozenset({"of", "including", "like", "as", "among"})
# Verbs whose "with" names what is given: "supply Switzerland with military equipment".
WITH_VERBS = frozenset(
    {
        "supply",
        "provide",
        "equip",
        "arm",
        "furnish",
        "help",
        "reinforce",
        "assist",
        "aid",
        "outfit",
        "deal",
    }
)


def _object_path(token: Token, root: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a weapon is (part of) the trigger's object rather than an adjunct."""
    current = token
    while current.i != root.i and current.head.i != current.i:
        if (
            current.dep_ == "prep"
            and current.lower_ == "with"
            and (
                current.head.lemma_ in WITH_VERBS
                or current.head.lower_ in ("together", "along", "alongside")
                or any(c.lower_ in ("together", "along") for c in current.head.children)
                or any(c.lower_ in ("together", "along") for c in current.children)
            )
        ):
            pass  # "ordered 24 of the jets, together with a FREMM frigate"
        elif current.dep_ == "prep" and current.lower_ in ("along", "together") and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in current.children
        ):
            pass  # "ordered 24 Rafales along with a FREMM frigate"
        elif current.dep_ == "prep" and current.lower_ not in OBJECT_PREPOSITIONS:
            head_mention = sentence.token_mention.get(current.head.i)
            if head_mention is not None and head_mention.is_weapon:
                return False  # "spare parts for its Soviet hardware"
            head = current.head
            # "an order (placed) for 12 Rafale jets", "a contract for Patriot missiles"
            ordering = (
                current.lower_ == "for"
                and root.lemma_.lower() in ORDER_NOUNS
                and (head.i == root.i or (head.dep_ == "acl" and head.head.i == root.i))
            )
            if not ordering:
                return False
        current = current.head
    return True


def _governing_verb(token: Token) -> Token | None:
    """Return the verb whose argument a noun phrase is ("Serbia planned the purchase").

    Climbs through prepositions and the nouns that govern a trigger ("expressed interest
    in the purchase"), never through a noun that owns it ("the Saudi outlay on a contract").
    """
    current = token
    for _ in range(6):
        if current.head.i == current.i or current.dep_ in CLAUSE_DEPS:
            return None
        head = current.head
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.pos_ in ("NOUN", "PROPN") and current.dep_ == "pobj":
            pass  # the preposition's head decides below
        elif (
            head.pos_ in ("NOUN", "PROPN", "PRON")
            and current.dep_ == "prep"
            and head.lemma_ not in GOVERNING_NOUNS
        ):
            return None
        current = head
    return None


# Nouns through which a trigger belongs to the verb above ("expressed interest in the purchase",
# "completed studies on the purchase", "signed a contract for the sale").
GOVERNING_NOUNS = frozenset(
    {
        "interest",
        "plan",
        "study",
        "talk",
        "negotiation",
        "proposal",
        "decision",
        "request",
        "contract",
        "deal",
        "agreement",
        "order",
        "offer",
        "bid",
        "approval",
        "memorandum",
        "letter",
        "tender",
        "competition",
        "programme",
        "program",
        "package",
        "part",
    }
)


# Nouns whose owner is the buyer of what they are spent on ("the Saudi outlay on a contract").
SPENDING_NOUNS = frozenset(
    {"outlay", "spending", "expenditure", "investment", "budget", "bill", "payment", "cost"}
)


def _holding_noun(token: Token) -> Token | None:
    """Return the spending noun that owns a trigger through a preposition."""
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return None
    head = token.head.head
    if head.lemma_ in SPENDING_NOUNS:
        return head
    return None


def _argument_holders(token: Token) -> list[Token]:
    """Return the trigger and the noun phrases whose prepositions belong to it.

    "the sale of F-16s to Turkey" attaches "to Turkey" to "F-16s" as often as to "sale".
    """
    holders = [token]
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            holders.append(child)
            holders.extend(c for c in child.children if c.dep_ == "conj")
            # "the first of 32 F-35A jets for Poland was handed over"
            holders.extend(
                g
                for c in child.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            )
        elif child.dep_ == "prep" and child.lower_ == "of":
            holders.extend(c for c in child.children if c.dep_ == "pobj")
    if token.dep_ in ("acl", "relcl"):
        holders.append(token.head)
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "dobj":
        # "suspended deliveries of jets to Egypt", "placed an order with France"
        holders.append(token.head)
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass"):
        # "The deal ... covers 26 Rafale Marine jets for the Indian Navy"
        holders.extend(c for c in token.head.children if c.dep_ in ("dobj", "attr"))
    return holders


def _role_of_contract(subject_side: list[Party], with_side: list[Party]) -> str:
    """Give "contract"/"deal" a direction: companies supply, governments buy."""
    if any(p.how == "company" for p in subject_side):
        return "supplier"
    return "recipient"


def _coproduction_entry(token: Token) -> TriggerWord | None:
    """Return a co-production reading for "jointly produce", "joint production", "co-produce"."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in PRODUCTION_VERBS:
        modifiers = {c.lower_ for c in token.children if c.dep_ in ("advmod", "prep", "npadvmod")}
        previous = token.doc[token.i - 2 : token.i]
        prefixed = len(previous) == 2 and previous[0].lower_ == "co" and previous[1].text == "-"
        under_licence = any(
            c.dep_ == "prep"
            and c.lower_ == "under"
            and any(g.lower_ in LICENCE_WORDS for g in c.children)
            for c in token.children
        )
        if modifiers & JOINT_WORDS or prefixed or under_licence:
            deal = "licence" if under_licence else None
            # "have been built under licence": units exist
            status = "delivered" if token.tag_ in ("VBN", "VBD") else "ordered"
            return TriggerWord(lemma, "VERB", "coproduction", "partners", status, deal)
    if token.pos_ == "NOUN" and lemma in PRODUCTION_NOUNS:
        modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
        # "Embraer will carry out final assembly of 15 of the jets": assembly of another's
        # design, where the assembler is not its maker, is shared production
        local_assembly = lemma in ("assembly", "production") and modifiers & {"final", "local"}
        if modifiers & JOINT_WORDS or modifiers & LICENCE_WORDS or local_assembly:
            deal = "licence" if modifiers & LICENCE_WORDS else None
            return TriggerWord(lemma, "NOUN", "coproduction", "partners", "ordered", deal)
    return None


ARRIVAL_VERBS = frozenset({"arrive", "land", "reach", "fly"})
PLEDGE_VERBS = frozenset({"promise", "pledge", "commit", "earmark", "announce"})


def _weapon_under(token: Token, sentence: ParsedSentence, prepositions: tuple[str, ...]) -> bool:
    """Tell whether a preposition of `token` names a weapon ("asked Berlin for IRIS-T units"),
    not something that merely mentions one ("asked for permission to re-export its Leopards")."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in prepositions
        and any(
            o.dep_ in ("pobj", "pcomp") and _object_carries_weapon(o, sentence) for o in c.children
        )
        for c in token.children
    )


# Where an early-stage word names the weapon it is about.
REQUEST_PREPOSITIONS = {
    "ask": ("for",),
    "request": ("for",),
    "talk": ("over", "on", "for", "about"),
    "negotiation": ("over", "on", "for", "about"),
    "discussion": ("over", "on", "for", "about"),
    "interested": ("in",),
    "narrow": ("to",),
}
REQUEST_LEMMAS = frozenset(REQUEST_PREPOSITIONS)
# A buyer's wish stated with the weapon as the verb's own object: "Poland has shortlisted
# the K2", "the Dutch seek 50 new army helicopters", "Manila is eyeing two submarines".
WANTING_VERBS = frozenset(
    {"seek", "want", "shortlist", "eye", "consider", "evaluate", "covet", "favour", "favor"}
)


# Verbs that put a state out of a weapon's programme: "removing Turkey from the F-35
# programme", "Turkey was expelled from the programme".
EXPULSION_VERBS = frozenset({"remove", "expel", "exclude", "suspend", "kick", "eject", "oust"})
PROGRAMME_NOUNS = frozenset({"programme", "program", "project", "consortium", "partnership"})
EXPULSION_ENTRY = TriggerWord("remove", "VERB", "transfer", "expelled", "cancelled", "sale")


def _programme_left(token: Token, sentence: ParsedSentence) -> Token | None:
    """Return the weapon programme an expulsion verb puts a state out of, if any."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in EXPULSION_VERBS:
        return None
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "from":
            continue
        for noun in prep.children:
            if noun.lemma_.lower() in PROGRAMME_NOUNS and any(
                (m := sentence.token_mention.get(t.i)) is not None and m.kind == "weapon"
                for t in noun.subtree
            ):
                return noun
    return None


def _request_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read asks, talks and interest that name a weapon as transfers at an early stage.

    "Kyiv has asked Berlin for more IRIS-T units" (interest), "the UAE is in talks with
    Washington over 50 F-35s" (proposed), "Vietnam is interested in the missile" (interest).
    """
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in WANTING_VERBS and _wants_weapon(token, sentence):
        return TriggerWord(lemma, "VERB", "transfer", "recipient", "interest", "sale")
    if (
        token.pos_ == "VERB"
        and lemma == "narrow"
        and any(
            _weapon_under(word, sentence, REQUEST_PREPOSITIONS["narrow"])
            for word in (token, *(c for c in token.children if c.dep_ == "dobj"))
        )
    ):
        # "the Dutch have narrowed down their options to the Mongoose and the Panther"
        return TriggerWord(lemma, "VERB", "transfer", "recipient", "interest", "sale")
    if (
        token.pos_ == "VERB"
        and lemma in ("ask", "request")
        and _weapon_under(token, sentence, ("for",))
    ):
        return TriggerWord(lemma, "VERB", "transfer", "asker", "interest", "sale")
    if (
        token.pos_ == "NOUN"
        and lemma in ("talk", "negotiation", "discussion")
        and _weapon_under(token, sentence, ("over", "on", "for", "about"))
    ):
        return TriggerWord(lemma, "NOUN", "transfer", "recipient", "proposed", "sale")
    if token.pos_ == "ADJ" and lemma == "interested" and _weapon_under(token, sentence, ("in",)):
        return TriggerWord(lemma, "ADJ", "transfer", "recipient", "interest", "sale")
    return None


def _is_controlled_infinitive(verb: Token) -> bool:
    """Tell whether a verb is the infinitive of an object-control verb ("asked X to supply")."""
    return (
        verb.dep_ in ("xcomp", "advcl")
        and verb.head.lemma_.lower() in OBJECT_CONTROL_VERBS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _relative_antecedent(token: Token) -> tuple[Token, Token] | None:
    """Return the relative clause holding `token` and the noun it describes, if any."""
    current = token
    while current.head.i != current.i:
        if current.dep_ == "relcl":
            return current, current.head
        current = current.head
    return None


def _direct_object(verb: Token) -> Token | None:
    """Return a verb's direct object, if it has one."""
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _wants_weapon(token: Token, sentence: ParsedSentence) -> bool:
    """Tell whether a verb of wanting has a weapon as its own direct object.

    "seeks 50 new army helicopters" does; "seeks to buy helicopters" governs a buying verb
    (read there) and "seeks talks on the tanks" wants talks.
    """
    if any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    # the object itself must name the weapon: "is evaluating the F-35 programme" wants no jets
    return any(
        (m := sentence.token_mention.get(obj.i)) is not None and m.is_weapon for obj in objects
    )


def _arrival_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read "the first IRIS-T system has arrived in Ukraine" as a delivery and "NASAMS
    systems were on their way" as one under way (planned)."""
    under_way = token.lemma_ == "be" and any(
        c.dep_ == "prep"
        and c.lower_ == "on"
        and any(o.lower_ == "way" and o.dep_ == "pobj" for o in c.children)
        for c in token.children
    )
    if not under_way and (token.pos_ != "VERB" or token.lemma_.lower() not in ARRIVAL_VERBS):
        return None
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not any(
        (m := sentence.token_mention.get(t.i)) is not None and m.is_weapon
        for c in subjects
        for t in c.subtree
    ):
        return None
    status = "planned" if under_way else "delivered"
    return TriggerWord(token.lemma_.lower(), "VERB", "transfer", "arrival", status, None)


def _pledge_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read "Germany has promised three MARS II launchers" as a planned transfer."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in PLEDGE_VERBS:
        return None
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if any(c.lemma_.lower() in ORDER_NOUNS for c in objects):
        return None  # "announced the Rafale deal": the deal is the fact, at its own stage
    if not any(
        (m := sentence.token_mention.get(t.i)) is not None and m.is_weapon
        for c in objects
        for t in c.subtree
    ):
        return None
    return TriggerWord(token.lemma_.lower(), "VERB", "transfer", "supplier", "planned", "unknown")


ORIGIN_PARTICIPLES = frozenset({"make", "build", "manufacture", "produce"})


def _origin_participle_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read "Chinese-made missiles" held by someone as a past transfer from China."""
    if token.tag_ != "VBN" or token.dep_ not in ("amod", "acl"):
        return None
    if token.lemma_.lower() not in ORIGIN_PARTICIPLES:
        return None
    head = sentence.token_mention.get(token.head.i)
    if head is None or not head.is_weapon:
        return None
    states = [
        c
        for c in token.children
        if c.dep_ in ("npadvmod", "compound", "nmod", "amod")
        and (m := sentence.mention_heads.get(c.i)) is not None
        and m.kind == "state"
    ]
    if not states:
        return None
    return TriggerWord(token.lemma_.lower(), "VERB", "transfer", "supplier", "delivered", "unknown")


def _joint_system_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read "a joint combat helicopter", "the jointly developed fighter" as co-production."""
    if token.dep_ not in ("amod", "advmod") or token.lower_ not in ("joint", "jointly"):
        return None
    head = sentence.token_mention.get(token.head.i)
    if head is None or not head.is_weapon:
        return None
    return TriggerWord("joint", "ADJ", "coproduction", "joint", "planned", None)


def _joint_work_entry(token: Token, sentence: ParsedSentence) -> TriggerWord | None:
    """Read "working with Peking on a longer-range missile" as co-production."""
    if token.lemma_ not in ("work", "cooperate", "collaborate", "team") or token.pos_ != "VERB":
        return None
    preps = {c.lower_: c for c in token.children if c.dep_ == "prep"}
    if "with" not in preps or "on" not in preps:
        return None
    on_weapon = any(
        (m := sentence.token_mention.get(t.i)) is not None and m.is_weapon
        for t in preps["on"].subtree
    )
    if not on_weapon:
        return None
    return TriggerWord("work", "VERB", "coproduction", "partners", "planned", None)


def _refers_back(token: Token) -> bool:
    """Tell whether a verb's subject is "these", "all of these", "they", "it"."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            words = {t.lower_ for t in child.subtree}
            return bool(words & {"these", "those", "they", "them", "it"})
    return False


def _licensed_production_entry(token: Token) -> TriggerWord | None:
    """Read "Egypt would build the M-1A1 tank" as possible licensed production.

    A state or firm producing a system is co-production only when the system comes from
    another state; the extractor checks that against the catalogue (a state building its
    own systems yields nothing). Past tense means units were produced.
    """
    if token.pos_ != "VERB" or token.lemma_.lower() not in PRODUCTION_VERBS:
        return None
    if token.lemma_.lower() == "make":
        return None  # "made" is too often an origin ("French-made") or a statement
    status = "delivered" if token.tag_ in ("VBD", "VBN") else "ordered"
    return TriggerWord(token.lemma_.lower(), "VERB", "coproduction", "licensee", status, "licence")


def _absorb_generic_heads(slots: list[WeaponSlot]) -> list[WeaponSlot]:
    """Drop a generic noun that heads a named system ("Bayraktar TB2 UAVs" -> one slot)."""
    named_heads = {s.head for s in slots if s.mention.kind == "weapon"}
    return [s for s in slots if not (s.mention.kind == "generic" and s.head in named_heads)]


def speech_subject(token: Token) -> Token | None:
    """Return the subject of the speech verb a clause is reported under, if any."""
    for word in governors(token):
        if word.lemma_ in SPEECH_VERBS:
            for child in word.children:
                if child.dep_ == "nsubj":
                    return child
    return None


# A state that ceased to exist hands its industry to its successor: a Soviet design sold
# in 2015 comes from Russia.
SUCCESSORS = {
    "SUN": ("RUS", 1992),
    "CSK": ("CZE", 1993),
    "YUG": ("SRB", 2006),
    "DDR": ("DEU", 1991),
}


def current_producer(code: str, year: int | None) -> str:
    """Return the state that produces a system in `year` (successors of former states)."""
    successor = SUCCESSORS.get(code)
    if successor is not None and year is not None and year >= successor[1]:
        return successor[0]
    return code


def same_industry(first: str | None, second: str | None) -> bool:
    """Tell whether two codes are one state's industry (a former state and its successor)."""
    if first is None or second is None:
        return False
    return (
        first == second
        or SUCCESSORS.get(first, ("",))[0] == second
        or (SUCCESSORS.get(second, ("",))[0] == first)
    )


def producer_party(system: WeaponSystem, token_index: int, year: int | None = None) -> Party | None:
    """Return the producing state of a catalogued system as an implied supplier."""
    if not system.producers:
        return None
    return Party(current_producer(system.producers[0], year), None, token_index, "producer")
