"""The cheap sentence filter (extractor.TRIGGER_STEMS) lets through every word that can
start a fact: a sentence it drops is never parsed, whatever the readings could make of it."""

from __future__ import annotations

import pytest

from armstrace.extract import words
from armstrace.extract.destinations import DESTINATION_WORDS
from armstrace.extract.extractor import TRIGGER_STEMS

# Verbs and nouns that start a fact outside the trigger lexicon (extract/triggers.py): a
# pledge, a package decided on, an arrival, an expulsion from a programme, production,
# goods on their way ("bound for").
# "make" is left to the origin reading and the other words of its sentence: "made" is
# too common to parse every sentence that has it.
SPECIAL_TRIGGERS = sorted(
    (words.PLEDGE_VERBS | words.ARRIVAL_VERBS | words.EXPULSION_VERBS | words.PRODUCTION_VERBS
     | words.PACKAGE_NOUNS | words.WITH_VERBS | DESTINATION_WORDS)
    - {"make", "reach", "land", "kick", "assist", "help", "outfit", "reinforce"}
)


def test_every_transfer_or_coproduction_word_of_the_lexicon_passes(extractor) -> None:  # noqa: ANN001
    lemmas = extractor.reader.lexicon.surface_stems()
    assert lemmas
    assert sorted(lemma for lemma in lemmas if not TRIGGER_STEMS.search(lemma)) == []


@pytest.mark.parametrize("word", SPECIAL_TRIGGERS)
def test_every_word_that_starts_a_fact_outside_the_lexicon_passes(word: str) -> None:
    assert TRIGGER_STEMS.search(word)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington announced $1.85 billion worth of weapons for Chile.",
         ("USA", "CHL", "weapons", "planned")),
        ("The rebels said Qatar would arm them with rockets.",
         ("QAT", None, "rocket", "planned")),
    ],
)
def test_a_sentence_with_only_such_a_word_is_read(
    read_transfers, text: str, expected: tuple[str | None, ...]  # noqa: ANN001
) -> None:
    assert expected in read_transfers(text)
