"""Read misspelt trigger words as the words they stand for.

News copy has typos, and a typo in the one verb that states a fact loses the fact:
"Denmark and Japan have choosen the weapons". A word the English dictionary does not
know, one edit away from a word it does, is read as that word, but only where a trigger
is being looked for. The dictionary (pyspellchecker's English word frequencies, 40 MB in
memory) is loaded on the first unknown word, so documents without one never pay for it.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

# Only ordinary lower-case words this long are worth correcting: short words have too
# many neighbours, and capitalised ones are names.
MIN_LENGTH = 5


class Speller:
    """Correct one-edit misspellings of ordinary words; build once per extractor."""

    def __init__(self) -> None:
        self._checker: object | None = None
        self.correct = lru_cache(maxsize=4096)(self._correct)

    def candidate(self, token: Token) -> bool:
        """Tell whether a token could be a misspelt ordinary word."""
        text = token.text
        return (
            len(text) >= MIN_LENGTH
            and text.isalpha()
            and text.islower()
            and token.pos_ in ("VERB", "NOUN", "ADJ", "X")
        )

    def _correct(self, word: str) -> str | None:
        checker = self._load()
        if checker is None or word in checker:  # type: ignore[operator]
            return None
        corrected = checker.correction(word)  # type: ignore[attr-defined]
        return corrected if corrected and corrected != word else None

    def _load(self) -> object | None:
        if self._checker is None:
            try:
                from spellchecker import SpellChecker
            except ImportError:  # an install without the dependency reads typos as typos
                self._checker = False
                return None
            self._checker = SpellChecker(distance=1)
        return self._checker or None
