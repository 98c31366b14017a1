"""Systems no catalogue knows, named from the text around a weapon noun."""

from __future__ import annotations

import re
from dataclasses import replace

from armstrace.extract.mention import Mention
from armstrace.knowledge import WeaponSystem

# --- systems no catalogue knows ------------------------------------------------------------------
#
# "eleven Kirov-class corvettes", "Piranha 5 wheeled vehicles", "K239 launchers", "AIM-120
# and AIM-9X missiles": a weapon noun whose modifier is a name or a code is a specific
# system, even one the catalogue has never heard of. Its category is the head noun's; its
# family is the product line its name gives (product_line: "Kirov class" -> Kirov), so
# two variants of one line make one deal. Names listed before a shared weapon noun ("MK
# 84 and BLU-117 bomb bodies") are systems of that noun too (name_shared_heads).

# A code: letters and digits together ("K239", "H145M", "AIM-120", "Type-054A"), or an
# acronym of three or more capitals ("NASAMS"); a calibre ("155mm") is no name.
_CODE = re.compile(
    r"^(?=[A-Za-z0-9/-]*\d)(?=[A-Za-z0-9/-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9/-]*$|^[A-Z]{3,}$"
    r"|^[A-Z]{2,}(?:-[A-Z]{2,})+$"  # capitals joined by hyphens: "FS-LIDS"
)
# A code joined by a hyphen to an acronym the mention finder read as a generic noun:
# "KM-SAM" is a system, not a "SAM" of a firm called KM.
_CODE_PREFIX = re.compile(r"(?:^|(?<=[\s(\"']))([A-Z0-9][A-Za-z0-9]*-)+$")
_LINKING_WORDS = frozenset({"and", "or", "of", "to", "for", "with", "from", "by", "in", "on"})
_CALIBRE = re.compile(r"^\d+(?:\.\d+)?(?:mm|cm|in|-inch|-mm)$", re.IGNORECASE)
_NUMBER = re.compile(r"^\d{1,3}$")
_CLASS = re.compile(r"^([A-Z][A-Za-z0-9]*)-class$")
# Capitalised words that open or qualify a weapon phrase without naming a system.
_NOT_NAMES = frozenset(
    {
        "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
        "your", "my", "some", "several", "many", "more", "most", "other", "new", "old", "modern",
        "advanced", "light", "heavy", "main", "battle", "air", "naval", "navy", "army", "military",
        "defence", "defense", "force", "forces", "marine", "marines", "corps", "coast", "guard",
        "guards", "national", "special", "border", "royal", "federal", "state", "western",
        "eastern", "northern", "southern", "central", "gulf", "soviet", "allied", "enemy", "rebel",
        "rebels", "militia", "israeli-made", "us-made", "foreign", "local", "domestic", "first",
        "second", "third", "last", "next", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "dozens", "hundreds", "thousands", "additional",
        "further", "extra", "surplus", "used", "second-hand", "president", "minister", "general",
        "admiral", "colonel", "mr", "mrs", "ms", "dr", "ministry", "department", "pentagon",
        "kremlin", "white", "house", "congress", "senate", "parliament", "government", "nato",
        "un", "eu",
        # a variant of the system named before ("F-16 Block 70", "FA-50 Block 20", "Type 26
        # Batch 2"), never a system of its own
        "block", "batch", "flight", "increment", "tranche", "lot",
    }
)
# Roman numerals are a number in a name ("Zolfaghar III"), not a code of their own.
_ROMAN = re.compile(r"^[IVX]+$")
_MAX_NAME_WORDS = 3
_MAX_MODIFIERS = 2


# How far back (in characters) a name before a weapon noun is looked for.
_WINDOW = 60


def _name_before(text: str, head_start: int, floor: int = 0) -> tuple[int, str] | None:
    """Return (start, designation) of a system's name right before a weapon noun, if any,
    with up to two lower-case modifiers between; the name starts at `floor` or after
    (where the mention before it ends)."""
    window_start = max(floor, head_start - _WINDOW)
    end = head_start
    while end > window_start and text[end - 1].isspace():
        end -= 1
    if end == head_start:
        return None  # the noun must stand a space after the name
    return _name_ending_at(text, window_start, end)


def _name_ending_at(
    text: str, window_start: int, end: int, lone_names: bool = False,
    max_modifiers: int = _MAX_MODIFIERS,
) -> tuple[int, str] | None:
    """Return (start, designation) of the name whose last word ends at `end` (after up to
    `max_modifiers` lower-case words), read from `window_start` on. A name of capitalised
    words alone counts only with `lone_names`."""
    window = text[window_start:end]
    words = list(re.finditer(r"\S+", window))
    if not words:
        return None
    offset = window_start
    # skip up to two lower-case modifiers next to the head ("Piranha 5 wheeled vehicles")
    index = len(words) - 1
    skipped = 0
    while (
        index >= 0
        and skipped < max_modifiers
        and re.fullmatch(r"[a-z][a-z-]*", words[index].group())
    ):
        if words[index].group() in _LINKING_WORDS:
            return None
        index -= 1
        skipped += 1
    name: list[re.Match[str]] = []
    while index >= 0 and len(name) < _MAX_NAME_WORDS:
        word = words[index].group()
        if (
            word.lower().strip(",.;:") in _NOT_NAMES
            or word != word.strip(",.;:()\"'")
            or word.endswith("'s")
        ):
            break
        if _CALIBRE.match(word):
            break
        is_code = _CODE.match(word) is not None and not word.isdigit() and not _ROMAN.match(word)
        is_class = _CLASS.match(word) is not None
        is_number = _NUMBER.match(word) is not None or _ROMAN.match(word) is not None
        is_name = re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", word) is not None
        if is_number:
            # a number belongs to a name only after one ("Piranha 5"), else it counts
            before = words[index - 1].group() if index > 0 else ""
            if not re.fullmatch(r"[A-Z][A-Za-z]+", before) or before.lower() in _NOT_NAMES:
                break
        elif not (is_code or is_class or is_name):
            break
        name.insert(0, words[index])
        index -= 1
    if not name:
        return None
    tokens = [m.group() for m in name]
    # a lone capitalised word counts only with a code or a class beside it, or as a
    # number's base; else it may be a headline's capital or a person ("Trump tanks")
    if not lone_names and not any(
        (_CODE.match(t) and not t.isdigit()) or _CLASS.match(t) or _NUMBER.match(t)
        or _ROMAN.match(t)
        for t in tokens
    ):
        return None
    start = offset + name[0].start()
    if start > 0 and text[start - 1] not in " \t\n(\"'\u201c":
        return None
    # sentence-initial capitals are ordinary words unless they carry a code
    designation = " ".join(_CLASS.sub(r"\1 class", t) for t in tokens)
    return start, designation


def _lone_name_before(text: str, mention: Mention, floor: int) -> tuple[int, str] | None:
    """Return (start, designation) of a capitalised name standing right before a lower-case
    weapon noun inside a sentence: "Katyusha rockets", "Burkan missiles". Parties (states,
    their adjectives, armed groups) are mentions of their own and never reach here; a
    sentence's first word and a title-case headline's words are no names."""
    if not mention.surface[:1].islower():
        return None  # "Turkey Delivers Drones": a headline's capitals
    found = _name_ending_at(
        text, max(floor, mention.start - _WINDOW), mention.start - 1, lone_names=True,
        max_modifiers=0,
    )
    if found is None or text[mention.start - 1] != " ":
        return None
    start, designation = found
    if len(designation.split()) > 2:
        return None
    before = text[max(floor, start - 3) : start].rstrip()
    if start == 0 or not before or before[-1] in ".!?:\"\u201c\n" or text[start - 1] == "\n":
        return None  # a sentence's or a quotation's first word
    return found


def product_line(designation: str) -> str:
    """The product line a name no catalogue knows belongs to: a class's ship ("Mogami
    class" -> Mogami), a name's numbered variant ("Kestrel 4" -> Kestrel), else the name
    ("KX-310"). It is the family, so deals merge and matching compares lines."""
    if designation.endswith(" class"):
        return designation[: -len(" class")]
    words = designation.split()
    if len(words) > 1 and _NUMBER.match(words[-1]) and re.fullmatch(r"[A-Z][a-z]+", words[0]):
        return " ".join(words[:-1])
    return designation


def _unknown_system(designation: str, category: str) -> WeaponSystem:
    """A system no catalogue knows: its name and its noun's category, nothing else (its
    family is its product line, given where a record is made)."""
    return WeaponSystem(
        designation=designation,
        family="",
        category=category,
        producers=(),
        manufacturer=None,
        aliases=(),
        ambiguous=False,
    )


def name_open_class_systems(text: str, mentions: list[Mention]) -> list[Mention]:
    """Turn a generic weapon noun with a name or code before it into a named system."""
    taken = [(m.start, m.end) for m in mentions]
    result: list[Mention] = []
    for mention in mentions:
        generic = mention.generic
        if generic is None or generic.category == "other":
            result.append(mention)
            continue
        # "offered Pakistan HQ-19 missile defence systems": the state named before is no
        # part of the system's name
        floor = max((e for s, e in taken if e <= mention.start), default=0)
        prefix = _CODE_PREFIX.search(text, max(floor, mention.start - 20), mention.start)
        if prefix is not None and mention.surface.isupper():
            designation = text[prefix.start() : mention.start] + mention.surface
            system = _unknown_system(designation, generic.category)
            result.append(Mention(prefix.start(), mention.end, "weapon",
                                  text[prefix.start() : mention.end], weapon=system))
            continue
        found = _name_before(text, mention.start, floor) or _lone_name_before(
            text, mention, floor
        )
        if found is None or any(s < mention.start and e > found[0] for s, e in taken):
            result.append(mention)
            continue
        start, designation = found
        system = _unknown_system(designation, generic.category)
        result.append(
            Mention(start, mention.end, "weapon", text[start : mention.end], weapon=system)
        )
    return result


# "Brimstone and Storm Shadow missiles", "1,002 Mk-82 and Mk-84 bombs", "the AB-300, CX-4 and
# KR-9 rocket pods": names listed before one weapon noun share it.
_LISTED_BEFORE = re.compile(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
_CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})


def name_shared_heads(text: str, mentions: list[Mention]) -> list[Mention]:
    """Name each system listed before a named system's weapon noun, which they share.

    A code ("BLU-117") always names a system there; a capitalised word only beside a system
    the catalogue knows ("Brimstone and Storm Shadow missiles"), where it cannot be a
    headline's capitals.
    """
    result = list(mentions)
    added: list[Mention] = []
    for index, mention in enumerate(mentions):
        system = mention.weapon
        last_word = mention.surface.split()[-1]
        if (
            system is None
            or not last_word.isalpha()
            or not last_word.islower()
            or last_word in system.designation.lower().split()
        ):
            continue  # only a phrase with a weapon noun of its own lends it
        before = index - 1
        end = mention.start
        while True:
            floor = mentions[before].end if before >= 0 else 0
            separator = _LISTED_BEFORE.search(text, max(floor, end - 8), end)
            if separator is None:
                break
            if before >= 0 and floor == separator.start():
                listed = mentions[before]
                if (
                    listed.weapon is None
                    or listed.weapon.category != system.category
                    or listed.surface.split()[-1].islower()
                ):
                    break
                # "Typhoon and Tornado jets": the noun is support for an ambiguous alias
                result[before] = replace(listed, needs_context=False)
                end, before = listed.start, before - 1
                continue
            # the name ends at the separator; the window is the one a noun a space after
            # it would have
            found = _name_ending_at(
                text, max(floor, separator.start() + 1 - _WINDOW), separator.start(),
                lone_names=bool(system.family), max_modifiers=0,
            )
            if found is None or found[1].lower() in _CALENDAR:
                break
            start, designation = found
            added.append(Mention(start, separator.start(), "weapon",
                                 text[start : separator.start()],
                                 weapon=_unknown_system(designation, system.category)))
            end = start
    return sorted([*result, *added], key=lambda m: m.start)
