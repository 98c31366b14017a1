"""SIPRI's designations as news writes them, and SIPRI's descriptions as our categories.

SIPRI hyphenates codes (`M-777`, news: `M777`), appends a gun's calibre
(`PzH-2000 155mm`), joins aliases with a slash (`Storm Shadow/SCALP-EG`) and
describes each weapon in its own words ("FGA aircraft", "self-propelled MRL").
"""

from __future__ import annotations

import functools
import re

from armstrace.knowledge import designation_key

# A gun's calibre SIPRI appends to its designation: "PzH-2000 155mm", "D-30 122mm".
CALIBRE = re.compile(r"\s+\d+(?:\.\d+)?\s?mm$", re.IGNORECASE)
# SIPRI's weapon descriptions, by the words that give our category; the first that
# occurs wins, so "combat helicopter" is a helicopter, not an aircraft, and "anti-tank
# missile" a missile.
_DESCRIPTION_WORDS = (
    ("small arms", "small arms"), ("uav", "uav"), ("ucav", "uav"),
    ("helicopter", "helicopter"), ("submarine", "submarine"),
    ("aircraft", "aircraft"), ("ac", "aircraft"), ("sam", "air defence"),
    ("air defence", "air defence"), ("ciws", "air defence"), ("abm", "air defence"),
    ("missile", "missile"), ("asm", "missile"), ("aam", "missile"), ("sraam", "missile"),
    ("bvraam", "missile"), ("ssm", "missile"), ("arm", "missile"), ("mrl", "artillery"),
    ("howitzer", "artillery"), ("gun", "artillery"), ("mortar", "artillery"),
    ("tank", "armoured vehicle"), ("apc", "armoured vehicle"), ("ifv", "armoured vehicle"),
    ("apv", "armoured vehicle"), ("armoured", "armoured vehicle"), ("frigate", "ship"),
    ("corvette", "ship"), ("destroyer", "ship"), ("patrol", "ship"), ("opv", "ship"),
    ("landing", "ship"), ("craft", "ship"), ("ship", "ship"), ("radar", "sensor"),
    ("sonar", "sensor"), ("engine", "engine"), ("turbofan", "engine"),
    ("turbojet", "engine"), ("turboprop", "engine"), ("turboshaft", "engine"),
    ("gas turbine", "engine"), ("diesel", "engine"), ("bomb", "ammunition"),
    ("ammunition", "ammunition"), ("other", "other"),
)


def designation_forms(designation: str) -> tuple[str, ...]:
    """Return the ways news may write a SIPRI designation: its slash aliases, no calibre.

    "Storm Shadow/SCALP-EG" is also "Storm Shadow" and "SCALP-EG"; "PzH-2000 155mm" is
    also "PzH-2000". A slash inside a code ("F/A-18") splits nothing.
    """
    forms = [designation.strip()]
    parts = [part.strip() for part in designation.split("/")]
    if len(parts) > 1 and all(len(designation_key(part)) >= 3 for part in parts):
        forms += parts
    for form in list(forms):
        bare = CALIBRE.sub("", form)
        if bare != form:
            forms.append(bare)
    return tuple(dict.fromkeys(forms))


_DESCRIPTION_PATTERNS = tuple((re.compile(rf"\b{re.escape(word)}s?\b"), category)
                              for word, category in _DESCRIPTION_WORDS)


@functools.lru_cache(maxsize=4096)  # a register repeats a few hundred descriptions
def description_category(description: str) -> str | None:
    """Return our category for SIPRI's weapon description ("FGA aircraft"), or None."""
    text = description.casefold()
    for pattern, category in _DESCRIPTION_PATTERNS:
        if pattern.search(text):
            return category
    return None


def bare_designation(designation: str) -> str:
    """Return the designation's first name without calibre ("PzH-2000 155mm": "PzH-2000")."""
    bare = [form for form in designation_forms(designation)
            if "/" not in form and not CALIBRE.search(form)]
    return bare[0] if bare else designation
