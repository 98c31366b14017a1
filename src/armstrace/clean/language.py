"""Tell English documents from the rest, offline, with py3langid's bundled model.

py3langid (langid.py's maintained fork, by trafilatura's author) ships its
model inside the package: no download, 97 languages.

Its scoring walks a byte automaton one byte at a time in Python, which was half of
the clean stage's time. `WindowedIdentifier` computes the same feature counts with
numpy: the automaton's states stand for byte strings of at most `depth` bytes (6 in the
bundled model), so the state after any byte is the state reached by walking only the
last `depth` bytes from the start state, and all positions can walk those few steps at
once. The scores are then computed exactly as py3langid does (same features, in the
same order, same float32 arithmetic), so the answers are identical, about four times
faster; tests/clean/test_language.py compares the two on real articles.
"""

from __future__ import annotations

import functools
import math
import re

import numpy as np
import numpy.typing as npt
from py3langid.langid import MODEL_FILE, LanguageIdentifier

_WORD = re.compile(r"[^\W\d_]{2,}")
# Enough of the text to decide on; the rest only costs time.
_SAMPLE_CHARS = 2500


class WindowedIdentifier:
    """py3langid's `classify` with the automaton walked for all byte positions at once."""

    def __init__(self, identifier: LanguageIdentifier) -> None:
        if not identifier._norm_probs or identifier.min_confidence is not None:
            raise ValueError("WindowedIdentifier needs norm_probs=True and no min_confidence")
        self.identifier = identifier
        nextmove = identifier.tk_nextmove
        # Views of py3langid's tables, not copies (the move table has ~10 million cells).
        self.nextmove = np.frombuffer(nextmove, dtype=np.dtype(nextmove.typecode))
        self.rowbase = np.asarray(identifier._rowbase, dtype=np.int64)
        self.output = np.asarray(identifier.tk_output, dtype=np.int64)
        self.depth = automaton_depth(self.nextmove, self.rowbase)
        # float16 in the model; numpy's matrix product casts the rows it is given to
        # float32 first, slowly. Casting the table once (57 MB) gives the same products.
        self.feature_scores = np.asarray(identifier.nb_ptc, dtype=np.float32)

    def classify(self, text: str) -> tuple[str, float]:
        """Return (language, probability), exactly as `LanguageIdentifier.classify` would."""
        identifier = self.identifier
        encoded: bytes = identifier._encode(text)
        scores = self._raw_scores(encoded)
        # From here on, py3langid's _decide with norm_probs, step by step.
        scores *= 1.0 / math.sqrt(len(encoded) or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        for first, alias in identifier._alias_pairs:
            scores[first] += scores[alias]
            scores[alias] = 0.0
        best = int(scores.argmax())
        return str(identifier.nb_classes[best]), float(scores[best])

    def _raw_scores(self, encoded: bytes) -> npt.NDArray[np.float32]:
        identifier = self.identifier
        features = self.count_features(encoded)
        if features is None:
            return np.full(len(identifier.nb_classes), 0.0, dtype=np.float32)
        order, counts = features
        scores: npt.NDArray[np.float32] = (
            np.log1p(counts) @ self.feature_scores[order] + identifier.nb_pc
        )
        return scores

    def count_features(
        self, encoded: bytes
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]] | None:
        """Return the features seen (in order of first sight) and how often, or None."""
        data = np.frombuffer(encoded, dtype=np.uint8).astype(np.int64)
        if data.size == 0:
            return None
        states = np.zeros(data.size, dtype=np.int64)
        # Walk bytes i-depth+1 .. i from the start state for every position i at once;
        # positions before the text's first byte leave the state where it is (the start).
        for step in range(self.depth):
            back = self.depth - 1 - step
            moved = self.nextmove[self.rowbase[states[back:]] + data[: data.size - back]]
            states[back:] = moved
        seen = self.output[states]
        seen = seen[seen >= 0]
        if seen.size == 0:
            return None
        features, first, counts = np.unique(seen, return_index=True, return_counts=True)
        by_first_sight = np.argsort(first, kind="stable")
        return (
            features[by_first_sight].astype(np.intp),
            counts[by_first_sight].astype(np.float32),
        )


def automaton_depth(nextmove: npt.NDArray[np.integer], rowbase: npt.NDArray[np.int64]) -> int:
    """Return the longest byte string a state stands for (breadth-first from the start)."""
    reached = np.zeros(len(rowbase), dtype=bool)
    reached[0] = True
    frontier = np.array([0], dtype=np.int64)
    depth = 0
    every_byte = np.arange(256, dtype=np.int64)
    while True:
        following = np.zeros(len(rowbase), dtype=bool)
        # A few thousand states at a time: all 256 moves of 36,000 states would take 75 MB.
        for part in np.array_split(frontier, max(1, frontier.size // 2048)):
            following[nextmove[(rowbase[part][:, None] + every_byte).ravel()]] = True
        following &= ~reached
        if not following.any():
            return depth
        reached |= following
        frontier = np.flatnonzero(following)
        depth += 1


@functools.cache
def _library_identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@functools.cache
def load_language_identifier() -> WindowedIdentifier:
    """Return the process's one language identifier, loading it on first use."""
    return WindowedIdentifier(_library_identifier())


def count_words(text: str) -> int:
    """Count alphabetic words of two letters or more (numbers and tables do not vote)."""
    return len(_WORD.findall(text))


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, probability) for a text's language."""
    return load_language_identifier().classify(_sample(text))


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, _SAMPLE_CHARS)
    return text[: cut if cut > 0 else _SAMPLE_CHARS]
