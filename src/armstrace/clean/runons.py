"""Mend sentences that run into each other with no space ("difference.The leaders").

Such joins come from pages whose paragraphs were glued together when the text
was captured. They hide a sentence boundary from every later stage.
"""

from __future__ import annotations

import re

from armstrace.clean.segments import ABBREVIATIONS

# A lower-case letter (or a closing quote or bracket), sentence-final punctuation,
# an optional closing quote, then a word that starts with a capital (optionally
# after an opening quote).
# One mark only: "exaggerated...Foreign" is an ellipsis, a style, not a lost space.
# After the mark, only a curly closing quote: a straight one may open the next
# sentence ('budget."We have'), and a space on the wrong side would be worse.
_RUN_ON = re.compile(r"(?<=[a-z\"”’)\]])([.!?][”’)]?)(?=[“‘]?[A-Z][A-Za-z’']*\b)")
_TOKEN_START = re.compile(r"\S*$")
_TOKEN_END = re.compile(r"^\S*")


def mend_run_ons(text: str) -> str:
    """Insert the missing space where a sentence runs into the next one.

    Left alone: initials and initialisms ("J.R.R.Tolkien", "U.S.Army": no
    lower-case letter before the period), decimals, domain names and URLs
    ("Amazon.com", "www.Example.org/News"), handles and hashtags, abbreviations
    that precede names ("St.Louis", "Dr.Smith"), lower-case abbreviations
    with inner periods ("e.g.The") and ellipses ("wait...What").
    """
    pieces: list[str] = []
    position = 0
    for match in _RUN_ON.finditer(text):
        if not _is_sentence_join(text, match.start(), match.end()):
            continue
        pieces.append(text[position : match.end()])
        pieces.append(" ")
        position = match.end()
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def _is_sentence_join(text: str, punct_start: int, punct_end: int) -> bool:
    before = _TOKEN_START.search(text, 0, punct_start)
    after = _TOKEN_END.search(text[punct_end : punct_end + 200])
    word_before = before.group(0) if before else ""
    word_after = after.group(0) if after else ""
    token = word_before + text[punct_start:punct_end] + word_after
    if any(mark in token for mark in ("/", "@", "#", "_", "=")):
        return False  # URLs, e-mail addresses, handles, code
    if token.lower().startswith("www.") or word_after.lower().rstrip(".,;:") in _TLDS:
        return False
    if word_before.count("(") > word_before.count(")") or word_before.count(
        "<"
    ) > word_before.count(">"):
        return False  # inside brackets: tickers and codes, "<eric.St>", "(cawl.L)"
    next_word = word_after.lstrip("“‘").rstrip(".,;:!?”’")
    if "." in next_word:
        return False  # a dotted name or initialism follows: "Halo.Bungie.Org", "Del.N.Y."
    if next_word.isupper() and len(next_word) <= 2 and next_word not in {"A", "I"}:
        return False  # variant and share-class codes: "Zafi.D", "Bagle.AT"
    core = word_before.lstrip("\"“‘'([").rstrip('"”’)]')
    if "." in core:
        return False  # "e.g", "a.m": an abbreviation with inner periods
    if core.lower() in ABBREVIATIONS and text[punct_start] == ".":
        return False  # "St.Louis", "Dr.Smith"
    return len(core) >= 2 or core.lower() in {"a", "i"}


# Capitalised top-level domains written in text ("Amazon.Com" is rare; ".UK" less so).
_TLDS = frozenset(("com", "org", "net", "uk", "co", "io", "gov", "edu", "info", "de", "fr"))
