"""Another system the sentence names, for the same deal: "Poland ordered K2 tanks and
K9 howitzers from South Korea" read as one record for the tanks only, or "the jets" read
where the sentence names the F-16 as well.

On news no rule was written from, about one required record in thirty matches a
candidate of its sentence in everything but the weapon, and the weapon it names is
another the same sentence names. This proposes, for every candidate, the same record for
each other weapon mention of its sentence that no candidate with its parties and status
carries already, and a logistic regression learnt from gold (proposals.py) keeps the
copies it is sure enough of. It reads the candidate's features (without its words and
its weapon's), what the other mention is (a catalogue system or a generic noun, its
category, against the candidate's own), and how the two stand in the sentence: which
comes first, how many words apart, the common words between them and just before the
other, and whether a party is named between them ("sold Rafales to Egypt and Mistrals
to Russia" gives each state its own).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from armstrace.extract.mention import Mention
from armstrace.extract.proposals import Proposal, base_features, record_key
from armstrace.extract.regression import bucket
from armstrace.knowledge.weapons import designation_key
from armstrace.model import Record

# Features of a candidate the model does not read: its words, and what it says of the
# candidate's own weapon and the words around its trigger.
_OWN_WEAPON_FEATURES = ("w:", "category:", "weapon:", "near:")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# How many words between the two weapons, and how many weapons the sentence names.
_DISTANCES = (2, 4, 8, 15)
_WEAPONS_IN_SENTENCE = (2, 3, 5)
_WORDS_BEFORE = 3


# What a record names of a weapon: (weapon, family, category).
Named = tuple[str, str | None, str]


def _weapon_of(mention: Mention) -> Named | None:
    """(weapon, family, category) as a record names what a mention names, or None."""
    if mention.weapon is not None:
        return mention.weapon.designation, mention.weapon.family, mention.weapon.category
    if mention.generic is not None:
        return mention.generic.output, None, mention.generic.category
    return None


def _same_weapon(
    record: Record, weapon: str, family: str | None, category: str
) -> bool:
    """Whether a record already names this weapon: its designation, its family, or, for a
    generic noun, its category with no family."""
    if designation_key(record.weapon) == designation_key(weapon):
        return True
    if record.weapon_family and family:
        return designation_key(record.weapon_family) == designation_key(family)
    return family is None and record.weapon_family is None and record.category == category


def _common_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text) if w.islower()]


def second_weapon_features(
    features: Mapping[str, float],
    record: Record,
    other: Mention,
    weapon: Named,
    own: Mention | None,
    sentence_weapons: int,
    mentions: Sequence[Mention],
) -> dict[str, float]:
    """Return what the model reads of `record` proposed again for `weapon`, which `other`
    names (`own`: the mention of the record's own weapon, where one is found)."""
    described = base_features(features, _OWN_WEAPON_FEATURES)
    named = "system" if weapon[1] else "generic"
    described[f"other:{named}"] = 1.0
    described[f"other_category:{weapon[2]}"] = 1.0
    described[f"own>other:{'system' if record.weapon_family else 'generic'}>{named}"] = 1.0
    described[f"same_category:{weapon[2] == record.category}"] = 1.0
    described[f"weapons:{bucket(sentence_weapons, _WEAPONS_IN_SENTENCE)}"] = 1.0
    text, offset = record.evidence.text, record.evidence.start
    if own is None:
        described["own:unplaced"] = 1.0
    else:
        first, second = (own, other) if own.start < other.start else (other, own)
        between = text[first.end - offset : second.start - offset]
        described[f"order:{'own_first' if first is own else 'other_first'}"] = 1.0
        described[f"apart:{bucket(len(_WORD.findall(between)), _DISTANCES)}"] = 1.0
        for word in _common_words(between)[:20]:
            described[f"between:{word}"] = 1.0
        if any(m.is_party and first.end <= m.start < second.start for m in mentions):
            described["party_between"] = 1.0
    for word in _common_words(text[max(0, other.start - offset - 40) : other.start - offset])[
        -_WORDS_BEFORE:
    ]:
        described[f"before:{word}"] = 1.0
    return described


def second_weapon_proposals(
    records: Sequence[Record],
    features: Sequence[Mapping[str, float]],
    mentions: Sequence[Mention],
) -> list[Proposal]:
    """Return each candidate again for each other weapon its sentence names that no
    candidate with its kind, parties and status carries, with what the model reads of it."""
    known = {record_key(record) for record in records}
    weapons = [(m, named) for m in mentions if (named := _weapon_of(m)) is not None]
    proposals: list[Proposal] = []
    for record, described in zip(records, features, strict=True):
        start, end = record.evidence.start, record.evidence.end
        in_sentence = [(m, named) for m, named in weapons if start <= m.start < end]
        own = next((m for m, named in in_sentence if _same_weapon(record, *named)), None)
        siblings = [
            r for r in records
            if (r.kind, r.status, r.supplier, r.recipient, r.supplier_name, r.recipient_name,
                r.partners)
            == (record.kind, record.status, record.supplier, record.recipient,
                record.supplier_name, record.recipient_name, record.partners)
        ]
        for other, named in in_sentence:
            weapon, family, category = named
            if any(_same_weapon(r, weapon, family, category) for r in siblings):
                continue
            proposed = replace(
                record, weapon=weapon, weapon_family=family, category=category,
                quantity=None, extra={**record.extra, "second_weapon_of": record.weapon},
            )
            key = record_key(proposed)
            if key in known:
                continue
            known.add(key)
            proposals.append((proposed, second_weapon_features(
                described, record, other, named, own, len(in_sentence), mentions
            )))
    return proposals
