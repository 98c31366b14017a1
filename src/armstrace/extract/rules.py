"""Turn one parsed sentence into facts: who supplies what to whom, at which status.

For every trigger word (triggers.py) the reader reads its arguments off the dependency
parse: the subject side (nsubj, the passive agent, a possessor or an origin adjective of a
nominal trigger, or the subject inherited from a governing verb), the "to"/"for"/dative
side, the "from" side and the "with" side (parties.py), and gives them roles by the
trigger's direction (give-type: the subject supplies; get-type: the subject receives).
Weapons come from the trigger's own subtree (weapon_slots.py); a named system with no
stated supplier is supplied by its producing state (producers.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from armstrace.extract.antecedents import anaphoric_noun, noun_fits
from armstrace.extract.destinations import arrival_fact, destination_fact
from armstrace.extract.fact_counts import elided_count
from armstrace.extract.fact_links import (
    backers,
    conjoined_destinations,
    coordinated_recipients,
    dated_step,
    definite_event,
    earlier_step,
    firm_awarded,
    negotiators,
    parallel_recipients,
    parties_of_same_weapons,
    relative_on_goods,
    role_of_contract,
    speakers_state,
    step_signed_before,
    tells_step_of_goods,
    users_of,
    weapon_is_the_subject,
    whole_including,
)
from armstrace.extract.facts import Fact, ParsedSentence, Party, WeaponSlot, party_from
from armstrace.extract.held_facts import possessed_import_facts, supplier_role_facts
from armstrace.extract.lexicon import Lexicon, TriggerWord
from armstrace.extract.mention import Mention
from armstrace.extract.nearby_weapons import NEARBY_ROLES, weapons_near
from armstrace.extract.parties import (
    armed_subject,
    asked_by,
    companions,
    find_subject_side,
    fused_recipient,
    holders_of,
    licensor_side,
    loose_prep_side,
    nearest_company,
    offer_makers,
    own_prep_parties,
    owners_of,
    participle_holder,
    parties_at,
    parties_under_prep,
    partitive_goods,
    prep_side,
    production_sites,
    relative_object_holder,
    spender_of,
    verb_subject,
)
from armstrace.extract.spelling import Speller
from armstrace.extract.status import (
    CONTRACT_NOUNS,
    OBJECT_CONTROL_VERBS,
    PERMITTING_VERBS,
    governors,
    has_to_infinitive,
    not_carried_out,
    read_status,
)
from armstrace.extract.tree import (
    direct_object,
    is_controlled_infinitive,
    partitive_count,
    refers_back,
    speech_subject,
)
from armstrace.extract.triggers import (
    EXPORT_LICENCE_ENTRY,
    PART_NOUNS,
    asked_holders,
    find_triggers,
    programme_left,
)
from armstrace.extract.weapon_slots import (
    described_noun,
    pronoun_goods,
    served_system,
    systems_named_before,
    weapon_slot,
    weapons_in,
    weapons_made_at,
    weapons_of,
    weapons_of_purpose,
    weapons_under,
)
from armstrace.extract.words import (
    ARMING_VERBS,
    CANCELLABLE_NOUNS,
    CONSIGNMENT_NOUNS,
    DOUBLE_OBJECT_VERBS,
    FRAME_PREPOSITIONS,
    HOLDING_VERBS,
    INTERDICTION_VERBS,
    LICENCE_WORDS,
    LICENSED_TRANSFER_NOUNS,
    ORDER_NOUNS,
    RELATIVE_PRONOUNS,
    REQUEST_LEMMAS,
    REQUEST_PREPOSITIONS,
    REST_OF_LIST_WORDS,
    SALE_FRAME_NOUNS,
    STOPPING_VERBS,
    SUPPLY_PARTICIPLES,
    USE_VERBS,
    WINNING_VERBS,
)

# Nouns of asking leave to export: "export requests from Turkey", "export applications".
EXPORT_REQUEST_NOUNS = frozenset({"request", "application"})


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

    def find_triggers(self, sentence: ParsedSentence) -> list[tuple[Token, TriggerWord]]:
        """Return the transfer and co-production trigger words of a sentence."""
        return find_triggers(self.lexicon, self.speller, self._trigger_prefixes, sentence)

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
        unread_contracts: list[tuple[Token, TriggerWord]] = []
        for token, entry in triggers:
            own_step = dated_step(token) if token.pos_ == "NOUN" else None
            if (
                token.pos_ == "NOUN"
                and token.dep_ == "pobj"
                and token.head.lower_ in FRAME_PREPOSITIONS
                and token.head.head.i in verb_triggers
                and own_step is None
            ):
                continue  # "will buy 24 F-35s in a deal worth $6.5bn": the verb's own frame
            fact = self._read_trigger(sentence, token, entry)
            if fact is None and own_step is not None:
                fact = earlier_step(facts, token, entry, own_step)
            if fact is not None:
                facts.append(fact)
            elif token.lemma_.lower() in CONTRACT_NOUNS:
                unread_contracts.append((token, entry))
        facts.extend(
            step for token, entry in unread_contracts
            if (step := step_signed_before(facts, token, entry)) is not None
        )
        facts.extend(possessed_import_facts(self.lexicon, sentence, facts))
        facts.extend(supplier_role_facts(self.lexicon, sentence, facts))
        self._apply_cancellations(sentence, facts)
        for fact in facts:
            if fact.kind == "transfer" and not fact.suppliers and not fact.recipients:
                fact.suppliers, fact.recipients = parties_of_same_weapons(sentence, fact, facts)
            elif (
                fact.kind == "transfer"
                and not fact.suppliers
                and tells_step_of_goods(sentence, fact)
            ):
                # "two frigates for the Indonesian navy, the first of which was handed
                # over": the navy is named inside the goods' phrase, the builder above it
                fact.suppliers = parties_of_same_weapons(sentence, fact, facts)[0]
        for fact in facts:
            if fact.kind == "transfer" and not fact.suppliers and fact.recipients:
                fact.suppliers = backers(sentence, fact.recipients) or negotiators(
                    self.lexicon, sentence, fact)
            if fact.kind == "transfer" and fact.suppliers and not fact.recipients:
                fact.recipients = users_of(sentence, fact)
            if fact.kind == "transfer" and fact.suppliers and not fact.recipients:
                fact.recipients = parallel_recipients(sentence, fact, facts)
            if fact.kind == "transfer" and not fact.recipients:
                fact.recipients = speakers_state(sentence, fact)
        return facts

    def _read_trigger(
        self, sentence: ParsedSentence, token: Token, entry: TriggerWord
    ) -> Fact | None:
        if entry.role == "destination":
            return destination_fact(sentence, token)
        if token.dep_ == "pobj" and token.head.lower_ == "under" and entry.word_class == "transfer":
            return None  # "Under the agreement, Hungary will buy": the frame, not a fact
        if entry.role == "recipient" and weapon_is_the_subject(sentence, token):
            return None  # "the jet, which first flew in 2024": its maiden flight, no operator
        anchor = token.head if entry.role == "joint" else token
        whole = whole_including(self.lexicon, token)
        if whole is not None:
            # "paused all military aid to Ukraine, including shipments of weapons": the part
            # has the whole's parties and stage
            anchor = whole
        reading = read_status(anchor, entry, self.lexicon)
        if (
            reading.status == "delivered"
            and token.pos_ == "VERB"
            and token.dep_ in ("acl", "relcl", "advcl")
            and has_to_infinitive(token)
            and token.lemma_.lower() in USE_VERBS | PURPOSE_WORK_VERBS
        ):
            # "the first country other than France to fly the Rafale", "kits to upgrade the
            # Hawk missiles": no news of their delivery; "the first country to deliver F-16s
            # to Ukraine" is
            return None
        if reading.denied:
            self.denied_parties.update(
                p.state
                for p in find_subject_side(self.lexicon, sentence, anchor)
                + prep_side(sentence, anchor, ("to", "for"))
                if p.state
            )
            return None
        if (
            entry.lemma in REQUEST_LEMMAS
            and entry.word_class == "transfer"
            # "requested Patriot systems": a request's object, not its "for"
            and not (
                entry.lemma == "request" and token.pos_ == "VERB" and entry.role == "recipient"
            )
        ):
            # "narrowed down their options to the Mongoose": the object's preposition too
            holders = (
                asked_holders(token)
                if entry.role == "asker"
                else [token, *(c for c in token.children if c.dep_ == "dobj")]
            )
            weapons = [
                slot
                for holder in holders
                for c in holder.children
                if c.dep_ == "prep" and c.lower_ in REQUEST_PREPOSITIONS[entry.lemma]
                for o in c.children
                if o.dep_ in ("pobj", "pcomp")
                for slot in weapons_in(self.lexicon, sentence, o)
            ]
        elif entry.role == "arrival":
            weapons = [
                slot
                for c in token.children
                if c.dep_ in ("nsubj", "nsubjpass")
                for slot in weapons_in(self.lexicon, sentence, c)
            ]
        elif entry.role == "expelled":
            programme = programme_left(token, sentence)
            weapons = [] if programme is None else weapons_in(self.lexicon, sentence, programme)
        elif entry.role == "joint":
            weapons = weapons_made_at(self.lexicon, sentence, token.head)
        elif entry.word_class == "coproduction" and entry.lemma == "work":
            weapons = weapons_under(
                self.lexicon, sentence, token, ("on",)
            ) or weapons_of_purpose(self.lexicon, sentence, token)
        else:
            weapons = weapons_of(self.lexicon, sentence, token)
            if not weapons and entry.word_class == "coproduction" and entry.role == "partners":
                weapons = weapons_of_purpose(self.lexicon, sentence, token)
            parts = [
                c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in PART_NOUNS
            ]
            if entry.word_class == "coproduction" and parts:
                # "produce components for the F-35": the system the parts are for
                weapons = weapons_under(
                    self.lexicon, sentence, parts[0], ("for", "of")
                ) or weapons_under(self.lexicon, sentence, token, ("for",)) or weapons
        if any(w.mention.kind == "weapon" for w in weapons):
            # "further equipment from Britain, including Hawk trainer jets": the named items
            # "AIM-120 and AIM-9X missiles and other munitions": the rest of a list of
            # named items is no record of its own
            weapons = [
                w
                for w in weapons
                if not (
                    w.mention.kind == "generic"
                    and (
                        w.mention.category == "other"
                        or any(
                            c.lower_ in REST_OF_LIST_WORDS
                            for c in sentence.doc[w.head].children
                        )
                    )
                )
            ]
        if weapons and all(
            w.mention.kind == "generic" and w.mention.category == "other" for w in weapons
        ):
            served = served_system(self.lexicon, sentence, token)
            if served:
                weapons = served  # "equipment ... to upgrade that country's Hawk missiles"
        if not weapons and entry.word_class == "coproduction" and refers_back(token):
            # "... F-15 and F-14 jet fighters and missiles, although all of these have been
            # built under licence from U.S. firms"
            weapons = [
                weapon_slot(sentence, m)
                for i, m in sentence.mention_heads.items()
                if m.is_weapon and i < token.i
            ]
        antecedents = self._antecedents
        pronoun = pronoun_goods(token) if not weapons else None
        if pronoun is not None:
            # "the Patriot system ..., two years after Warsaw ordered it from the United
            # States": a system named before the pronoun in its own sentence comes first
            named_before_it = systems_named_before(sentence, pronoun.i)
            if named_before_it:
                weapons = [WeaponSlot(named_before_it[-1], token.i, None, (), anaphoric=True)]
        if not weapons and antecedents and pronoun is not None:
            weapons = [WeaponSlot(antecedents[-1], token.i, None, (), anaphoric=True)]
        if not weapons and antecedents:
            noun = anaphoric_noun(token)
            fitting = [m for m in antecedents if noun is not None and noun_fits(noun, m)]
            if noun is not None and fitting:
                count = partitive_count(noun) or next(
                    (c for c in noun.children if c.dep_ == "nummod"), None
                )
                count_index = None if count is None else count.i
                weapons = [WeaponSlot(fitting[-1], noun.i, count_index, (), anaphoric=True)]
        count = elided_count(token) if not weapons else None
        if count is not None:
            # "Belgium has promised F-16 jets; Norway has also pledged six", "It ordered 30
            # more in 2021": the number counts the system named last before it
            named_before_it = systems_named_before(sentence, token.i) or [
                m for m in antecedents if m.kind == "weapon"
            ]
            if named_before_it:
                weapons = [WeaponSlot(named_before_it[-1], count.i, count.i, (), anaphoric=True)]
        if (
            not weapons
            and self._named_earlier is not None
            and reading.governor is not None
            and definite_event(token)
        ):
            # "Greece signed a contract to buy 18 Rafales ... Mitsotakis announced the purchase
            # in September": the purchase of the system named before, at the stage the verb
            # gives it ("Germany criticised the sale" gives none)
            weapons = [WeaponSlot(self._named_earlier, token.i, None, (), anaphoric=True)]
        if not weapons and entry is EXPORT_LICENCE_ENTRY:
            # "licences for weapons", "permits for the export of bombs"
            weapons = weapons_under(self.lexicon, sentence, token, ("for", "of"))
        if (
            not weapons
            and (
                entry.lemma == "arm"
                or entry is EXPORT_LICENCE_ENTRY
                # "stopped approving exports to Riyadh": a permitted export is of arms
                or (
                    entry.lemma == "export"
                    and token.dep_ == "dobj"
                    and any(
                        w.lemma_.lower() in PERMITTING_VERBS
                        for w in (token.head, *token.children)
                        if w is token.head or w.dep_ == "amod"  # "stopped approving exports"
                    )
                )
                # "trained and equipped the rebels": equipping a party is arming it
                or (entry.lemma == "equip" and self._dative_side(sentence, token))
            )
            and self.implicit_arms is not None
        ):
            # "armed the rebels"; "froze new export licences" names no goods: a licence to
            # export is one for arms
            weapons = [WeaponSlot(self.implicit_arms, token.i, None, ())]
        goods = partitive_goods(token)
        if not weapons and goods is not None:
            weapons = weapons_in(self.lexicon, sentence, goods)
        if not weapons and entry.word_class == "transfer" and entry.role in NEARBY_ROLES:
            weapons = weapons_near(self.lexicon, sentence, token, entry.role)
        if not weapons:
            return None
        if goods is not None:
            # "130,000 rockets, most of them supplied by Iran": a part, of no stated count
            weapons = [replace(w, quantity_token=None) for w in weapons]
        subject_side = find_subject_side(self.lexicon, sentence, anchor)
        joined = companions(sentence, anchor, subject_side)
        subject_side += [p for p in joined if p not in subject_side]
        if (
            reading.status == "cancelled"
            and reading.governor is not None
            and reading.governor.i != token.i
            and (
                reading.governor.lemma_.lower() in INTERDICTION_VERBS
                or (
                    reading.governor.lemma_.lower() in STOPPING_VERBS
                    and token.lemma_.lower() in CONSIGNMENT_NOUNS
                    # "halted arms deliveries to Turkey": its own deliveries, a policy
                    and not (token.lemma_.lower() == "delivery" and token.tag_ == "NNS")
                )
            )
        ):
            # "Turkey blocked a shipment of weapons to Libya", "the navy seized Iranian
            # weapons bound for the Houthis": who stops a shipment is not its sender (the
            # weapons' origin may be)
            subject_side = []
        to_side = prep_side(sentence, token, ("to", "for", "into"))
        described = described_noun(sentence, token)
        if described is not None:
            # "sanctions over Turkey's S-400 system, bought from Russia": the holder of the
            # weapon the participle describes is its side, not the main clause's subject
            weapon_holders = owners_of(sentence, described)
            subject_side = weapon_holders if entry.role == "recipient" else []
            if entry.role == "supplier":
                to_side = to_side or weapon_holders
        to_side += self._dative_side(sentence, token)
        if not to_side and whole is not None:
            to_side = prep_side(sentence, whole, ("to", "for"))
        if not to_side and entry is EXPORT_LICENCE_ENTRY:
            # "authorisations for the export of bombs to Saudi Arabia and the UAE": the
            # licensed export's own "to"
            to_side = [
                party
                for prep in token.children
                if prep.dep_ == "prep" and prep.lower_ == "for"
                for export in prep.children
                if export.dep_ == "pobj" and export.lemma_.lower() in LICENSED_TRANSFER_NOUNS
                for party in prep_side(sentence, export, ("to",))
            ]
        if (
            not to_side
            and entry.role == "supplier"
            and token.dep_ == "compound"
            and token.head.lemma_.lower() in EXPORT_REQUEST_NOUNS
        ):
            # "put on hold all arms export requests from Turkey": the state the exports
            # were asked for receives them
            to_side = own_prep_parties(sentence, token.head, ("from",))
            askers = {p.state for p in to_side}
            weapons = [
                replace(w, sources=tuple(p for p in w.sources if p.state not in askers))
                for w in weapons
            ]
        if entry is EXPORT_LICENCE_ENTRY and token.dep_ == "nsubjpass":
            # "Britain said no new licences would be granted to Saudi Arabia": the grant's
            # "to" receives, and who announces it grants them
            to_side = to_side or prep_side(sentence, token.head, ("to",))
            speaker = speech_subject(token)
            if not subject_side and speaker is not None:
                subject_side = parties_at(sentence, speaker)
        to_side += coordinated_recipients(sentence, weapons)
        if not to_side and entry.role == "supplier":
            to_side = participle_holder(sentence, token) or relative_object_holder(
                sentence, token)
        if (
            not to_side
            and entry.role == "supplier"
            and is_controlled_infinitive(token)
            and token.head.lemma_.lower() in OBJECT_CONTROL_VERBS
            and direct_object(token.head) is not None
        ):
            # "Ukraine asked Germany to supply Taurus missiles": the asker receives
            to_side = verb_subject(self.lexicon, sentence, token.head)
        if entry.role == "supplier" and (payers := spender_of(sentence, token)):
            # "the Egyptian outlay on a contract to supply 24 helicopters": who spends buys
            subject_side = [p for p in subject_side if p not in payers]
            to_side = to_side or payers
        from_side = prep_side(sentence, token, ("from",))
        if token.dep_ == "acl" and (asking := asked_by(sentence, token.head)):
            # "a request from Poland to buy Apaches": Poland asks, and so does not sell
            from_side = [p for p in from_side if p not in asking]
        with_side = [p for p in prep_side(sentence, token, ("with",)) if p not in joined]
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
                partners = subject_side + prep_side(sentence, anchor, ("with", "between"))
            elif entry.role == "licensee":
                # the producer, and who helps it; not whom it builds for
                partners = subject_side + with_side + from_side
                partners += production_sites(sentence, token)  # "built in Poland"
                if not partners:
                    return None
                infinitive = has_to_infinitive(token)
                governed = any(self.lexicon.lookup_token(w) for w in governors(token))
                # "is to be built" is a plan, "set up a factory to produce" a purpose
                purposed = token.dep_ == "advcl" or token.head.lemma_ == "be"
                if infinitive and not governed and not purposed:
                    return None  # "Egypt's ability to build the tank" states no programme
            else:
                partners = subject_side + with_side + to_side + production_sites(sentence, token)
                partners += licensor_side(sentence, token)
                if refers_back(token):
                    for slot in weapons:
                        partners += holders_of(sentence, sentence.doc[slot.head])
            if (
                status == "planned"
                and reading.governor is None
                and any(p.how == "company" for p in subject_side)
                and any(w.quantity_token is not None for w in weapons)
                and prep_side(sentence, token, ("for",))
            ):
                # "Helikopter Service will assemble 18 Bell 412s for Norwegian Defence under
                # license": a firm's work of a number of units for a named customer is on order
                status = "ordered"
            if status in ("proposed", "planned") and _made_under_contract(token):
                # "a contract for 600,000 AK-203 rifles, which a joint venture will produce":
                # production under a contract that exists is on order
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
                for p in parties_at(sentence, c)
            ]
            removers = (
                [p for c in token.children if c.dep_ == "agent"
                 for p in parties_under_prep(sentence, c)]
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
                p for c in token.children if c.dep_ == "dobj" for p in parties_at(sentence, c)
            ]
            if not asked and entry.lemma not in ("ask", "request"):
                # "officials had pleaded for months for rocket artillery": asked of nobody
                asked = [p for w in asked_holders(token)[1:] for p in parties_at(sentence, w)]
                if not asked:
                    return None
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
            return arrival_fact(sentence, token, weapons, reading.status)
        if (
            entry.role == "supplier"
            and not to_side
            and (
                (token.tag_ == "VBN" and token.dep_ in ("amod", "acl"))
                or relative_on_goods(sentence, token)
            )
        ):
            # "Russia launched Iranian-supplied drones": a supplied weapon's user received
            # it (the text says it was supplied); a merely "Iranian-made" one is not
            # (origin_participle facts keep the holding verbs only)
            supplied = token.lemma_ in SUPPLY_PARTICIPLES
            verbs = HOLDING_VERBS | USE_VERBS if supplied else HOLDING_VERBS
            to_side = holders_of(sentence, token.head, verbs)
        if (
            entry.role == "recipient"
            and not subject_side
            and token.tag_ == "VBN"
            and (token.dep_ in ("amod", "acl"))
        ):
            # "the island's air force flies older F-16A/B jets bought in the 1990s"
            subject_side = holders_of(sentence, token.head)
        if entry.role == "recipient" and not from_side:
            from_side = loose_prep_side(self.lexicon, sentence, token, "from")
        if entry.role == "supplier" and not to_side:
            to_side = loose_prep_side(self.lexicon, sentence, token, "to")
        phrase = token.head if token.dep_ == "compound" else token  # "supply programme"
        if (
            not to_side
            and entry.role == "supplier"
            and token.pos_ == "NOUN"
            and phrase.dep_ == "dobj"
            and reading.governor is not None
            and reading.governor.i == phrase.head.i
        ):
            # "suspended its supply programme of tanks to Turkey": the parser hung "to" on
            # the verb that governs the supply
            to_side = prep_side(sentence, phrase.head, ("to",))
        if entry.role == "supplier" and not to_side:
            # "a package including HIMARS launchers and Javelin missiles for Taiwan": the
            # parser hung "for" on the last item
            to_side = self._beneficiaries(sentence, token, subject_side)
        if to_side and token.pos_ == "NOUN":
            to_side = to_side + conjoined_destinations(sentence, token)
        role = entry.role
        firm = firm_awarded(token)
        if firm is not None:
            # "Malaysia awards Korea Aerospace Industries a contract for 18 FA-50s": the
            # firm supplies the awarder; "awarded Sierra Nevada a contract to build 12 A-29s
            # for the Nigerian Air Force": the awarder supplies the forces it is for
            beneficiaries = self._awarded_for(sentence, token, subject_side)
            if beneficiaries:
                to_side = beneficiaries
            else:
                subject_side, to_side = parties_at(sentence, firm), subject_side
            role = "supplier"
        won = next(
            (c for c in token.children if c.dep_ == "relcl" and c.lemma_ in WINNING_VERBS), None
        )
        if role == "none" and won is not None:
            # "arms contracts it won from Saudi Arabia": the winner supplies, "from" buys
            subject_side = verb_subject(self.lexicon, sentence, won)
            with_side = prep_side(sentence, won, ("from", "with"))
            role = "supplier"
        if role == "none":
            goods_makers = frozenset(
                state
                for slot in weapons
                if slot.mention.weapon is not None
                for state in slot.mention.weapon.producers
            )
            role = role_of_contract(subject_side, with_side, goods_makers)
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
                    party_from(m, t.i)
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
        if role == "funder":
            # "Germany will fund Swedish-made radars for Moldova": the payer is no party;
            # the weapons go to whom they are for, from whoever makes or sells them
            beneficiaries = self._beneficiaries(sentence, token, subject_side)
            if not beneficiaries:
                return None  # funding one's own purchase is procurement, no transfer
            suppliers, recipients = from_side or with_side, beneficiaries
        elif role == "supplier":
            suppliers, recipients = subject_side, to_side
            if from_side and token.tag_ == "VBN" and token.dep_ in ("amod", "acl"):
                # "fires Brimstone missiles supplied from the UK": the participle's own
                # "from" sent them, not the subject of the clause it sits in
                suppliers = from_side
            makers = offer_makers(sentence, token)
            if makers and not {p.state for p in makers} & {p.state for p in subject_side}:
                # "Canada is weighing offers from Germany for 12 submarines": the offer's
                # "from" made it; whoever weighs, receives or rejects it is offered to
                suppliers, recipients = makers, to_side or subject_side
            if not recipients:
                recipients = with_side
            if not suppliers and token.pos_ == "NOUN":
                # "the delivery of F-16 jets to Ukraine from Denmark and Norway"
                suppliers = from_side or loose_prep_side(self.lexicon, sentence, token, "from")
        else:
            recipients, suppliers = subject_side, from_side
            if not suppliers:
                suppliers = with_side
            if not recipients and entry.role == "none":
                recipients = to_side  # "The deal covers 26 Rafale jets for the Indian Navy"
            beneficiaries = self._beneficiaries(sentence, token, recipients + suppliers)
            if beneficiaries and recipients and reading.status in ("planned", "ordered"):
                # "Denmark bought Czech artillery shells for Ukraine": bought for another
                # state, the weapons' recipient is that state (the buyer pays)
                recipients = beneficiaries
        if not suppliers:
            suppliers = nearest_company(sentence, token, exclude=recipients)
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

    def _awarded_for(
        self, sentence: ParsedSentence, token: Token, awarders: list[Party]
    ) -> list[Party]:
        """Return the parties an awarded contract's work is "for", other than the awarder:
        "a contract to build 12 A-29 aircraft for the Nigerian Air Force"."""
        holders = [token, token.head]
        for slot in weapons_of(self.lexicon, sentence, token):
            word = sentence.doc[slot.head]
            while word.i != token.i and word.head.i != word.i and len(holders) < 12:
                holders.append(word)  # "to build 12 A-29 aircraft for ...": up to the noun
                word = word.head
        own = {p.state for p in awarders if p.state}
        found: list[Party] = []
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ == "for":
                    found += [
                        party
                        for pobj in prep.children
                        if pobj.dep_ == "pobj"
                        for party in parties_at(sentence, pobj)
                        if party.state and party.state not in own and party.how != "company"
                    ]
        return found

    def _beneficiaries(
        self, sentence: ParsedSentence, token: Token, taken: list[Party]
    ) -> list[Party]:
        """Return the states a purchase or payment is "for", other than its own parties.

        Only a state that is itself the object of "for" counts ("for Ukraine"), never one
        that qualifies the weapons ("for 180 South Korean K2 tanks").
        """
        weapons = weapons_of(self.lexicon, sentence, token)
        holders = [token, *(sentence.doc[w.head] for w in weapons)]
        if token.dep_ in ("dobj", "pobj") and token.head.pos_ == "VERB":
            holders.append(token.head)
        # "will pay for Patriot missiles from the United States for Ukraine": the parser
        # hangs the "for" on the seller
        holders += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "from"
                    for o in p.children if o.dep_ == "pobj"]
        found: list[Party] = []
        for holder in holders:
            # "bought Czech artillery shells for Ukraine": the "for" may hang on the weapons
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ != "for":
                    continue
                for pobj in prep.children:
                    mention = sentence.mention_heads.get(pobj.i)
                    if (
                        mention is not None
                        and mention.kind == "state"
                        and mention.form != "adjective"
                    ):
                        found.append(party_from(mention, pobj.i))
        own = {p.state for p in taken if p.state}
        unique: dict[str | None, Party] = {}
        for party in found:
            if party.state is not None and party.state not in own and party.how != "company":
                unique.setdefault(party.state, party)
        return list(unique.values())

    def _apply_cancellations(self, sentence: ParsedSentence, facts: list[Fact]) -> None:
        """Let "abandoned the plan" / "cancelled the deal" cancel the facts stated before it."""
        for token in sentence.doc:
            entry = self.lexicon.lookup_token(token)
            if entry is None or entry.word_class != "governor" or entry.status != "cancelled":
                continue
            if token.pos_ != "VERB":
                continue
            objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            if not objects or any(weapons_in(self.lexicon, sentence, o) for o in objects):
                continue
            if not any(o.lemma_ in CANCELLABLE_NOUNS or o.lower_ == "it" for o in objects):
                continue  # "the gun, which was cancelled in 1985" cancels the gun, not the sale
            if not_carried_out(token):
                continue  # "Beijing urged Washington to revoke the sale"
            cancellers = {p.state for p in verb_subject(self.lexicon, sentence, token) if p.state}
            for fact in facts:
                parties = {p.state for p in [*fact.suppliers, *fact.recipients, *fact.partners]}
                if cancellers and not cancellers & parties:
                    continue  # "get Trump to cancel this order" is not the seller's cancellation
                if fact.trigger < token.i and fact.status != "cancelled":
                    fact.status = "cancelled"
                    fact.status_token = token.i

    def subject_parties(self, sentence: ParsedSentence, token: Token) -> list[Party]:
        """Return the parties that are the subject of a trigger word ("France ... were also
        submitting proposals": France)."""
        return find_subject_side(self.lexicon, sentence, token)

    def _first_object(self, sentence: ParsedSentence, verb: Token, obj: Token) -> list[Party]:
        """ "sent the rebels TOW missiles" read with two direct objects: the first, a party
        with no weapon in it, is the indirect one when a later object names the goods."""
        if weapons_in(self.lexicon, sentence, obj) or not any(
            c.dep_ == "dobj" and c.i > obj.i and weapons_in(self.lexicon, sentence, c)
            for c in verb.children
        ):
            return []
        return parties_at(sentence, obj)

    def _dative_side(self, sentence: ParsedSentence, token: Token) -> list[Party]:
        parties: list[Party] = []
        for child in token.children:
            if child.dep_ in ("dative", "iobj"):
                parties += parties_at(sentence, child)
            elif child.dep_ == "nsubjpass" and not weapons_in(self.lexicon, sentence, child):
                # "the rebels were sent anti-tank missiles", "were supplied with armoured
                # cars"; "were armed by the CIA": only people and forces are armed
                if token.lemma_ in ARMING_VERBS or any(
                    c.dep_ == "dobj" or c.lower_ == "with" for c in token.children
                ):
                    who = token.head if child.lower_ in RELATIVE_PRONOUNS else child
                    parties += parties_at(sentence, who)
            elif (
                child.dep_ == "dobj"
                and (
                    (child.i in sentence.mention_heads and sentence.mention_heads[child.i].is_party)
                    or (child.i not in sentence.token_mention and child.pos_ == "NOUN")
                )
                and self._weapons_with(sentence, child)
            ):
                # "supplied rebel units with TOW missiles", "supplied the regime with Su-24
                # bombers": the parser hung the "with" on the object
                parties += parties_at(sentence, child)
            elif (
                child.dep_ == "dobj"
                and not weapons_in(self.lexicon, sentence, child)
                # "sold it to Qatar": "it" is the goods, unless weapons come "with" it
                and (child.lower_ != "it" or self._weapons_with(sentence, token))
                and (
                    any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
                    or token.lemma_ in ("arm", "equip", "outfit", "rearm")
                )
            ):
                # "supply Switzerland with military equipment", "providing them with arms",
                # "Washington has supplied it with mortars"
                parties += parties_at(sentence, child)
            elif child.dep_ == "dobj" and token.lemma_ in DOUBLE_OBJECT_VERBS:
                parties += fused_recipient(sentence, token, child) or self._first_object(
                    sentence, token, child
                )
        if (
            not parties
            and token.dep_ == "oprd"
            and token.tag_ == "VBN"
            and self._weapons_with(sentence, token)
        ):
            # an object's complement, "kept the Houthis armed with missiles" (read so when the
            # participle is read as a trigger): the forces it describes are supplied. A
            # participle on its noun ("the army, supplied with tanks") is read in
            # parties.find_subject_side and by the object branch above.
            kept = direct_object(token.head)
            if kept is not None and not weapons_in(self.lexicon, sentence, kept):
                parties = parties_at(sentence, kept)
        if not parties and token.lemma_ in ARMING_VERBS:
            parties = self._shared_object(sentence, token) or armed_subject(sentence, token)
        return parties

    def _weapons_with(self, sentence: ParsedSentence, token: Token) -> bool:
        """Tell whether a word's "with" phrase names weapons ("supplied it with mortars")."""
        return any(
            c.dep_ == "prep" and c.lower_ == "with" and weapons_in(self.lexicon, sentence, c)
            for c in token.children
        )

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
                if obj.dep_ == "dobj" and not weapons_in(self.lexicon, sentence, obj):
                    return parties_at(sentence, obj)
        return []


# Work on weapons a state already has: "kits to upgrade", "a contract to overhaul".
PURPOSE_WORK_VERBS = frozenset({"upgrade", "modernize", "modernise", "refurbish", "overhaul"})


# Verbs whose object contract exists once they happened ("signed a contract for ...").
_CONTRACT_MAKING_VERBS = frozenset({"be", "sign", "conclude", "ink", "award", "win", "clinch"})
_NOT_YET_AUXILIARIES = frozenset({"will", "would", "could", "may", "might", "should", "to"})


def _made_under_contract(verb: Token) -> bool:
    """Tell whether a production verb is a relative clause on the goods of a contract that
    exists: "Among them was a contract for 600,000 rifles, which a venture will produce";
    not one only sought ("Delhi hopes to sign a contract for rifles, which ...")."""
    goods = verb.head
    if verb.dep_ != "relcl" or goods.dep_ != "pobj" or goods.head.lower_ != "for":
        return False
    contract = goods.head.head
    maker = contract.head
    if contract.lemma_.lower() not in CONTRACT_NOUNS or contract.dep_ not in (
        "nsubj", "attr", "dobj", "nsubjpass"
    ):
        return False
    return maker.lemma_ in _CONTRACT_MAKING_VERBS and not any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _NOT_YET_AUXILIARIES)
        for c in maker.children
    )
