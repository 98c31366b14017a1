"""Find the names that matter in raw text: states, leaders, companies, armed groups, weapons.

One Aho-Corasick automaton per case mode scans a whole document in a single pass
(proper names are matched case-sensitively, generic weapon nouns in lower case),
so the cheap first pass that decides which sentences deserve a parse costs
about as much as reading the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

import ahocorasick

from armstrace.extract.mention import ORIGIN_SUFFIX, Mention
from armstrace.extract.open_class import name_open_class_systems, name_shared_heads
from armstrace.knowledge import Knowledge, WeaponSystem

# Categories a generic head noun admits: news calls surface-to-air systems "missiles".
COMPATIBLE_CATEGORIES = {
    "missile": ("missile", "air defence"),
    "air defence": ("air defence", "missile"),
}


# Nouns after a group's name that make it the government of its home state.
_RULING_NOUN = re.compile(r"\s+(?:regime|government)\b")

# Entries stored in the automata: (kind, surface-as-listed, payload).
_Entry = tuple[str, str, object]


def plural_forms(surface: str) -> list[str]:
    """Return the surface and its plural spellings as news writes them ("F-16s", "Rafales")."""
    forms = [surface]
    last = surface[-1]
    if last.isalnum():
        if last == "y" and len(surface) > 2 and surface[-2] not in "aeiou":
            forms.append(surface[:-1] + "ies")
        elif surface.endswith(("s", "x", "ch", "sh")):
            forms.append(surface + "es")
        else:
            forms.append(surface + "s")
            if last.isdigit() or last.isupper():
                forms.append(surface + "'s")
    return forms


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


# A variant's letters (and a digit or two) written onto a designation that ends in a
# number: "JF-17C", "Su-57E", "K9A1", "T-90MS", "F-16V"
_VARIANT_SUFFIX = re.compile(r"[A-Z]{1,3}\d{0,2}s?(?![\w-])")


def _variant_end(text: str, end: int, entries: list[_Entry]) -> int | None:
    """Return where a catalogue system's name ends when a variant suffix runs on from it,
    or None: only a named system ending in a digit takes one, so "F-16" covers "F-16C"
    but "Hawk" never covers "Hawkeye" and no state or generic noun grows."""
    if not text[end - 1].isdigit() or not any(entry[0] == "weapon" for entry in entries):
        return None
    suffix = _VARIANT_SUFFIX.match(text, end)
    return suffix.end() if suffix else None


class MentionFinder:
    """Scan text for every known name; build once per process and reuse."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self._cased = ahocorasick.Automaton()
        self._lowered = ahocorasick.Automaton()
        cased: dict[str, list[_Entry]] = {}
        lowered: dict[str, list[_Entry]] = {}

        def add(table: dict[str, list[_Entry]], key: str, entry: _Entry) -> None:
            if key:
                table.setdefault(key, []).append(entry)

        for surface, state in knowledge.state_surface_forms():
            form = (
                "adjective"
                if surface in state.adjectives
                else "capital"
                if surface in state.capitals
                else "name"
            )
            add(cased, surface, ("state", surface, form))
            if form == "adjective" and not surface.endswith("s"):
                add(cased, surface + "s", ("state", surface, "people"))
        for leader in knowledge.leaders:
            for alias in sorted({leader.name, *leader.aliases}):
                add(cased, alias, ("leader", alias, None))
        for company in knowledge.companies:
            for alias in sorted({company.name, *company.aliases}):
                add(cased, alias, ("company", alias, company))
        for group in knowledge.armed_groups:
            for alias in sorted({group.name, *group.aliases}):
                add(cased, alias, ("group", alias, group))
                unit_in_lower_case = _unit_in_lower_case(alias)
                if unit_in_lower_case is not None:
                    add(cased, unit_in_lower_case, ("group", alias, group))
        for surface, system in knowledge.weapon_surface_forms():
            for form in plural_forms(surface):
                add(cased, form, ("weapon", surface, system))
            if surface.isalpha() and len(surface) >= 5 and surface[0].isupper():
                # "US patriot missiles": accepted only with a weapon noun after it
                for form in plural_forms(surface.lower()):
                    add(lowered, form, ("weapon-lower", surface, system))
        for phrase in knowledge.non_state_phrases:
            # "Latin America" is no America: the longer phrase wins and names nobody
            add(cased, phrase, ("blocker", phrase, None))
        for generic in knowledge.generic_weapons:
            for form in plural_forms(generic.phrase.lower()):
                add(lowered, form, ("generic", generic.phrase, generic))

        for key, entries in cased.items():
            self._cased.add_word(key, (key, entries))
        for key, entries in lowered.items():
            self._lowered.add_word(key, (key, entries))
        self._cased.make_automaton()
        self._lowered.make_automaton()

    def find(self, text: str, published: dt.date | None = None) -> list[Mention]:
        """Return the non-overlapping mentions in `text`, longest first, in text order."""
        self._text = text
        candidates: list[tuple[int, int, list[_Entry], bool]] = []  # bool: a variant
        for automaton, haystack in ((self._cased, text), (self._lowered, _lower_same_length(text))):
            if len(automaton) == 0:
                continue
            for end_index, (key, entries) in automaton.iter(haystack):
                start = end_index - len(key) + 1
                end = end_index + 1
                if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
                    continue
                variant = (
                    end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1])
                )
                if variant:
                    end = _variant_end(text, end, entries)
                    if end is None:
                        continue
                candidates.append((start, end, entries, variant))
        # Longest match wins; among equal spans, a name listed as written beats a variant
        # suffix on a shorter one ("H225M" is listed; "H225" + "M" is not read), and a
        # named system beats a generic noun.
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[3]))
        taken = bytearray(len(text) + 1)
        mentions: list[Mention] = []
        for start, end, entries, _ in candidates:
            if any(taken[start:end]):
                continue
            if any(entry[0] == "blocker" for entry in entries):
                taken[start:end] = b"\x01" * (end - start)
                continue
            mention = self._resolve(text[start:end], start, end, entries, published)
            if mention is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            mentions.append(mention)
        mentions.sort(key=lambda m: m.start)
        mentions = [m for m in mentions if not _names_an_airline(text, m)]
        mentions = _origin_compounds(text, _combining_forms(text, mentions))
        if any(m.is_weapon for m in mentions) or _ARMING.search(text):
            # parties beyond the catalogues matter only where weapons are (the extractor
            # reads nothing else), and these scans are the costly part of this pass
            mentions = self._collective_parties(text, mentions)
            if _FIGHTER_HEAD.search(text):
                mentions = _unnamed_armed_groups(text, mentions)
            mentions = _fighters_of_groups(text, mentions)
        # join first: "F-35A jets" is one weapon, and only a generic noun left alone can
        # turn out to be civil ("four MD-11 jets")
        joined = _join_named_heads(text, self._disambiguate(text, mentions))
        joined = name_shared_heads(text, name_open_class_systems(text, joined))
        joined = [m for m in joined if not _is_civil(text, m)]
        return _drop_unsupported_aliases(text, self._read_by_context(text, joined))

    def _collective_parties(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Read a vague collective as one unnamed party, never as the state inside it.

        "some Gulf donors", "Western powers", "US allies", "EU member states": several
        or unnamed actors, neither a state nor a named group. The collective becomes a
        party by name (spec: code null, the name kept), and the state or bloc words in it
        name nobody. Only text around a collective's head noun is searched.
        """
        found: list[Mention] = []
        for head in _COLLECTIVE_HEAD.finditer(text):
            window_start = max(0, head.start() - _COLLECTIVE_REACH)
            window = text[window_start : head.end()]
            for match in self.knowledge.collectives_in(window):
                start, end = window_start + match.start, window_start + match.end
                if end != head.end() or any(f.start == start for f in found):
                    continue
                name = _LEADING_QUANTIFIER.sub("", match.text)
                if len(name.split()) < 2 or name.split()[0].lower() in _POSSESSIVE_PRONOUNS:
                    # "its partners" are someone else's, "other countries" name nobody
                    continue
                found.append(Mention(start, end, "group", text[start:end], name=name))
        if not found:
            return mentions
        kept = [
            m for m in mentions
            if not any(c.start <= m.start and m.end <= c.end for c in found)
            or m.is_weapon
        ]
        return sorted([*kept, *found], key=lambda m: m.start)

    def _disambiguate(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Pick, for an alias shared by several systems, the one its head noun fits.

        "Hawk medium-range missiles" is the MIM-23 missile, "Hawk jets" the BAe trainer.
        """
        for index, mention in enumerate(mentions[:-1]):
            following = mentions[index + 1]
            if mention.weapon is None or following.generic is None:
                continue
            if not _only_modifiers_between(text[mention.end : following.start]):
                continue
            category = following.generic.category
            fits = COMPATIBLE_CATEGORIES.get(category, (category,))
            if mention.weapon.category in fits or category == "other":
                continue
            fitting = [
                w for w in self.knowledge.weapons_by_alias(mention.surface) if w.category in fits
            ]
            if fitting:
                mentions[index] = replace(mention, weapon=fitting[0])
        return mentions

    def _read_by_context(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Support an ambiguous alias by its maker or by the kind of weapon talked about.

        "the Mongoose of Italian producer Agusta": Agusta makes the A129 Mangusta. "Poland
        has shortlisted the K2 and the Abrams for its new tank programme": a tank is the
        subject nearby, so "Abrams" is the tank. The reading chosen is the one that fits;
        an alias with no such support is left to the later checks.
        """
        makers = [m for m in mentions if m.kind == "company"]
        generics = [m for m in mentions if m.generic is not None]
        result: list[Mention] = []
        for mention in mentions:
            if mention.weapon is None or not mention.needs_context:
                result.append(mention)
                continue
            readings = self.knowledge.weapons_by_alias(mention.surface) or (mention.weapon,)
            chosen = self._reading_by_maker(mention, readings, makers)
            if chosen is None:
                chosen = _reading_by_topic(text, mention, readings, generics)
            if chosen is None:
                result.append(mention)
            else:
                result.append(replace(mention, weapon=chosen, needs_context=False))
        return result

    def _reading_by_maker(
        self, mention: Mention, readings: tuple[WeaponSystem, ...], makers: list[Mention]
    ) -> WeaponSystem | None:
        """Return the reading a firm named right beside the alias makes, if any."""
        for maker in makers:
            if not (
                0 <= maker.start - mention.end <= _MAKER_GAP
                or 0 <= mention.start - maker.end <= _MAKER_GAP
            ):
                continue
            company = self.knowledge.company(maker.name or maker.surface)
            if company is None:
                continue
            for system in readings:
                if system.designation in company.products:
                    return system
        return None

    def _resolve(
        self,
        surface: str,
        start: int,
        end: int,
        entries: Iterable[_Entry],
        published: dt.date | None,
    ) -> Mention | None:
        kinds = ("weapon", "state", "leader", "company", "group", "generic", "weapon-lower")
        # the entry listed as written first: "weapons" is its own entry, not the plural of
        # "weapon" (which needs context: "a weapon against inflation")
        ordered = sorted(
            entries, key=lambda e: (kinds.index(e[0]), e[1].lower() != surface.lower(), e[1])
        )
        for kind, listed, payload in ordered:
            if kind == "state":
                if surface_followed_by_currency(self._text, end):
                    continue  # "US$4 billion"
                iso3 = self.knowledge.resolve_state(listed, published)
                if iso3:
                    form = str(payload)
                    return Mention(start, end, "state", surface, state=iso3, form=form)
            elif kind == "leader":
                iso3 = self.knowledge.resolve_leader(listed, published)
                if iso3:
                    return Mention(start, end, "leader", surface, state=iso3)
            elif kind == "company":
                company = payload
                return Mention(
                    start,
                    end,
                    "company",
                    surface,
                    state=company.state,  # type: ignore[attr-defined]
                    name=company.name,  # type: ignore[attr-defined]
                    home_states=company.home_states,  # type: ignore[attr-defined]
                )
            elif kind == "group":
                home = payload.based_in  # type: ignore[attr-defined]
                if home and _RULING_NOUN.match(self._text, end):
                    # "the Sandinista regime", "the Taliban government": the state it rules
                    return Mention(start, end, "state", surface, state=home, form="adjective")
                return Mention(start, end, "group", surface, name=payload.name)  # type: ignore[attr-defined]
            elif kind == "weapon":
                system: WeaponSystem = payload  # type: ignore[assignment]
                return Mention(
                    start,
                    end,
                    "weapon",
                    surface,
                    weapon=system,
                    needs_context=_alias_needs_context(listed, system),
                )
            elif kind == "weapon-lower":
                if surface[0].isupper():
                    continue  # the cased automaton decides capitalised names
                lowered_system: WeaponSystem = payload  # type: ignore[assignment]
                return Mention(
                    start, end, "weapon", surface, weapon=lowered_system, needs_context=True
                )
            elif kind == "generic":
                if listed.isupper() and not surface.rstrip("s").isupper():
                    continue  # an acronym ("SAM", "APC") only in capitals: not "Sam"
                if self._text[max(0, start - 8) : start].lower().endswith(TARGET_PREFIXES):
                    continue  # "counter-artillery radars", "anti-drone guns": the target
                return Mention(start, end, "generic", surface, generic=payload)  # type: ignore[arg-type]
        return None


# Prefixes that make a weapon noun the target of what follows, not the weapon.
TARGET_PREFIXES = ("counter-", "anti-")


# --- armed groups no catalogue names ------------------------------------------------------------
#
# "weapons to Syrian rebels", "the US armed Kurdish fighters", "arms for the opposition":
# fighters who are no state's forces are a non-state party, named as the text names them
# (spec: code null, the name kept). A state adjective inside that name ("Syrian") is the
# fighters' home, never the party; a "-backed" adjective outside it stays the backer.
# Words that make fighters of a collective noun ("jihadist groups", "vetted factions",
# "rebel units"): the collective alone ("groups", "units") is anyone.
_FIGHTER_ADJECTIVES = (
    r"rebel|armed|jihadist|militant|insurgent|[Ii]slamist|opposition|extremist|vetted|"
    r"tribal|[Ss]unni|[Ss]hia|[Ss]hiite|paramilitary|guerr?illa|separatist|"
    # peoples with forces of their own and no state: "Kurdish forces", "Kurdish-led units"
    r"Kurdish(?:-led)?|Druze|Yazidi|Turkmen|Tuareg"
)
_FIGHTER_NOUNS = (
    # capitalised too where a sentence begins with them: "Rebels backed by Turkey ..."
    r"[Rr]ebels|[Mm]ilitants|[Ii]nsurgents|guerrillas|guerillas|[Mm]ilitias?|militiamen|fighters|"
    r"jihadists|separatists|paramilitaries|mujahideen|mujahedeen|Kurds|proxies|mercenaries|"
    # "armed forces" and "armed services" are a state's
    rf"(?!armed\s+(?:forces|services))(?:{_FIGHTER_ADJECTIVES})\s+(?:groups?|forces|factions?|"
    r"units|brigades?|cells|formations|organi[sz]ations?|outfits?|militias?|fighters|"
    r"army|armies)|"
    r"opposition|factions"
)
_FIGHTERS = re.compile(
    r"\b(?P<modifiers>(?:(?:[A-Z][a-z]+|[Ii]slamist|[Ss]unni|[Ss]hia|[Ss]hiite|[Ee]thnic|"
    r"[Aa]nti-[A-Z][a-z]+|pro-[A-Z][a-z]+|[Mm]oderate|vetted|hardline|local)\s+){0,2})"
    rf"(?P<head>(?:{_FIGHTER_NOUNS})(?:\s+fighters)?)\b"
)
# A cheap look for any fighter noun before the full pattern is tried.
_FIGHTER_HEAD = re.compile(
    r"\b(?:rebel|militant|insurgent|guerr?il|militia|fighters|jihadist|separatist|"
    r"paramilitar|mujahe|Kurd|opposition|armed\s+\w|factions|islamist|extremist|"
    r"Druze|Yazidi|Turkmen|Tuareg|"
    r"tribal|sunni|shia|proxies|mercenaries)",
    re.IGNORECASE,
)
# "arming the rebels": a transfer the extractor may read with no weapon named.
_ARMING = re.compile(r"\barm(?:s|ed|ing)?\b", re.IGNORECASE)
# What may stand between a description of fighters and the catalogued name it describes.
_NAMED_AFTER = re.compile(r"\s*(?:of\s+(?:the\s+)?)?")
# What stands between a catalogued name and a description of it in apposition.
_DESCRIBED = re.compile(r",\s+(?:an?\s+|the\s+)?")
_NOT_FIGHTER_MODIFIERS = frozenset({"The", "A", "An", "Some", "Other", "Several", "Many", "Armed"})


# Combining forms of demonyms, used only before a hyphen and another state's adjective:
# "the Franco-Italian SAMP/T", "the Anglo-French Storm Shadow" (Wikipedia: List of
# adjectival and demonymic forms for countries and nations, combining forms)
COMBINING_FORMS = {
    "Franco": "FRA",
    "Anglo": "GBR",
    "Italo": "ITA",
    "Sino": "CHN",
    "Russo": "RUS",
    "Germano": "DEU",
    "Turco": "TUR",
    "Indo": "IND",
    "Hispano": "ESP",
    "Luso": "PRT",
    "Greco": "GRC",
    "Austro": "AUT",
}
_COMBINING = re.compile(r"\b(" + "|".join(COMBINING_FORMS) + r")-(?=[A-Z])")


# The unit nouns that end a group's name, and the words before one that name no group.
_UNIT_NOUNS = frozenset(
    {"Army", "Brigade", "Brigades", "Corps", "Division", "Forces", "Front", "Legion",
     "Battalion", "Battalions", "Regiment", "Movement", "Committees", "Units", "Militia"}
)
_PLAIN_NAME_WORDS = frozenset(
    {"Northern", "Southern", "Eastern", "Western", "Central", "National", "Popular", "Special",
     "Islamic", "Revolutionary", "Liberation", "Army", "Free", "New", "First", "Second", "Third"}
)


def _unit_in_lower_case(name: str) -> str | None:
    """Return a group's name with its unit noun in lower case, as news often writes it
    ("the Hamza division", "the Syrian Democratic forces"), where the words before it
    still name the group ("Southern front" names none)."""
    words = name.split()
    if len(words) < 2 or words[-1] not in _UNIT_NOUNS:
        return None
    if all(word in _PLAIN_NAME_WORDS or not word[0].isupper() for word in words[:-1]):
        return None
    return " ".join([*words[:-1], words[-1].lower()])


def _combining_forms(text: str, mentions: list[Mention]) -> list[Mention]:
    """Add the state a combining form names when another state's adjective follows it."""
    starts = {m.start: m for m in mentions if m.kind == "state"}
    added = [
        Mention(
            match.start(1), match.end(1), "state", match.group(1),
            state=COMBINING_FORMS[match.group(1)], form="adjective",
        )
        for match in _COMBINING.finditer(text)
        if match.end() in starts and not any(m.start <= match.start(1) < m.end for m in mentions)
    ]
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _origin_compounds(text: str, mentions: list[Mention]) -> list[Mention]:
    """A state's name or abbreviation written onto where a weapon was made is its adjective:
    "US-made", "UK-built", "China-supplied" read as "American-made" does."""
    return [
        replace(m, form="adjective")
        if m.kind == "state" and m.form != "adjective" and ORIGIN_SUFFIX.match(text, m.end)
        else m
        for m in mentions
    ]


def _unnamed_armed_groups(text: str, mentions: list[Mention]) -> list[Mention]:
    """Add a party for fighters the group catalogue does not name ("Syrian rebels")."""
    found: list[Mention] = []
    for match in _FIGHTERS.finditer(text):
        start, end = match.start(), match.end()
        words = match.group("modifiers").split()
        while words and words[0] in _NOT_FIGHTER_MODIFIERS:
            start += text[start:end].index(words[0]) + len(words[0])
            start += len(text[start:end]) - len(text[start:end].lstrip())
            words = words[1:]
        if any(m.kind in ("group", "company", "leader") and m.start < end and start < m.end
               for m in mentions):
            continue  # a catalogued group ("Houthi rebels") or a firm already named
        named = next(
            (
                m for m in mentions
                if m.kind == "group"
                and m.start >= end
                and _NAMED_AFTER.fullmatch(text, end, m.start)
            ),
            None,
        )
        named = named or next(
            (
                m for m in mentions
                if m.kind == "group" and m.end <= start and _DESCRIBED.fullmatch(text, m.end, start)
            ),
            None,
        )  # "the Syrian Democratic Forces, a Kurdish-led militia": the name's description
        if named is not None:
            # "the Lebanese militant group Hezbollah", "vetted groups of the Free Syrian
            # Army", "Afghan fighters of the Fatemiyoun brigade": the name says who
            found.append(Mention(start, end, "group", text[start:end], name=named.name))
            continue
        weapons = [m for m in mentions if m.is_weapon and m.start < end and start < m.end]
        states = [m for m in mentions if m.kind == "state" and start <= m.start and m.end <= end]
        if weapons and not (
            # "Kurdish fighters", "opposition fighters", "rebel fighters" are people;
            # "Israeli fighters" may be jets
            (words or match.group("head") != "fighters")
            and not states
            and all(m.generic is not None for m in weapons)
            and match.group("head").endswith("fighters")
        ):
            continue
        if match.group("head") == "fighters" and not words:
            continue  # bare "fighters" are jets as often as people
        name = " ".join([*words, match.group("head")])
        found.append(Mention(start, end, "group", text[start:end], name=name))
    if not found:
        return mentions
    kept = [
        m for m in mentions
        if not any(f.start <= m.start and m.end <= f.end for f in found)
        and not (m.generic is not None and any(f.start <= m.start < f.end for f in found))
    ]
    return sorted([*kept, *found], key=lambda m: m.start)


_FIGHTERS_AFTER = re.compile(r"\s+fighters\b")


def _fighters_of_groups(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Hezbollah fighters", "Shia militia fighters": "fighters" after a group's name are
    its people, never jets; the group's mention takes the word in."""
    extended: dict[int, Mention] = {}
    for mention in mentions:
        if mention.kind != "group":
            continue
        after = _FIGHTERS_AFTER.match(text, mention.end)
        if after is not None:
            extended[id(mention)] = replace(
                mention, end=after.end(), surface=text[mention.start : after.end()]
            )
    if not extended:
        return mentions
    spans = [(e.start, e.end) for e in extended.values()]
    return [
        extended.get(id(m), m)
        for m in mentions
        if not (m.is_weapon and any(start <= m.start and m.end <= end for start, end in spans))
    ]


# The head nouns of vague collectives ("donors", "powers", "allies"), and how far before
# one a collective may begin ("some of the wealthy Gulf Arab donors").
_COLLECTIVE_HEAD = re.compile(
    r"\b(?:powers|donors|allies|partners|backers|supporters|states|countries|governments|"
    r"nations|members|monarchies|suppliers|coalition|capitals|community)\b",
    re.IGNORECASE,
)
_COLLECTIVE_REACH = 60
_LEADING_QUANTIFIER = re.compile(
    r"^(?:(?:the|some|several|many|other|various|certain|unnamed|unspecified|a\s+number\s+of|"
    r"a\s+few|few|most|all|both|\d+|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|"
    r"dozen)\s+)+",
    re.IGNORECASE,
)
_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "our", "his", "her", "your", "my"})


# Words that make "jets" or "aircraft" civil: "10 Airbus A380 superjumbo jets".
_CIVIL_CONTEXT = re.compile(
    r"\b(airbus|boeing|airliners?|passenger|commercial|cargo|civil(?:ian)?|business|jumbo|"
    r"superjumbo|airlines?|freighters?|wide-?body|narrow-?body|airways|\w+air)\b[\w\s-]{0,40}$",
    re.IGNORECASE,
)


# What follows civil aircraft: "jet purchases from China, with Comac signing a deal with
# Vietjet", "jets from Boeing for its airlines".
_CIVIL_AFTER = re.compile(
    r"^[^.;]{0,80}\b(?:airlines?|airliners?|air\s?lines?|comac|airbus|vietjet|passengers?|"
    r"carriers?|freight)\b",
    re.IGNORECASE,
)
# Equipment that is not military: "aircraft-related equipment", "medical equipment".
_CIVIL_EQUIPMENT = re.compile(
    r"\b(?:aircraft-related|aviation|civil(?:ian)?|commercial|construction|medical|farm|"
    r"agricultural|industrial|household|office|telecommunications?|oil|mining)\s+$",
    re.IGNORECASE,
)


# Counts only people come in: "thousands of fighters", "tens of thousands of foreign fighters".
_PEOPLE_COUNT = re.compile(
    r"\b(?:thousands|(?:\d[\d,]*|several|many)\s+thousand)\s+(?:of\s+)?(?:[a-z-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _is_civil(text: str, mention: Mention) -> bool:
    """Tell whether a generic aircraft or equipment word names civil goods."""
    if mention.generic is None:
        return False
    if mention.generic.category == "other":
        return _CIVIL_EQUIPMENT.search(text, max(0, mention.start - 30), mention.start) is not None
    if mention.generic.category != "aircraft":
        return False
    if _CIVIL_CONTEXT.search(text, max(0, mention.start - 45), mention.start) is not None:
        return True
    if _PEOPLE_COUNT.search(text, max(0, mention.start - 40), mention.start) and (
        mention.surface.lower() == "fighters"
    ):
        return True  # "has sent thousands of fighters to Syria": people, not jets
    if _AIRLINE.search(text, max(0, mention.start - 80), mention.start) is not None:
        return True  # "Korean Air signed formal orders for four jets"
    if _MODEL_BEFORE.search(text, max(0, mention.start - 12), mention.start) is not None:
        return True  # "four MD-11 jets": a named model no weapon catalogue holds
    return _CIVIL_AFTER.match(text[mention.end : mention.end + 120]) is not None


def _names_an_airline(text: str, mention: Mention) -> bool:
    """Tell whether a state's name or adjective is part of an airline's name ("Korean
    Air", "Korean Airlines", "Thai Airways International"): a firm, not the state."""
    return mention.kind == "state" and _AIRLINE_AFTER.match(text, mention.end) is not None


# Words after "Air" that make it an air arm, not an airline ("Korean Air Force").
_AIR_ARM_WORDS = r"Force|Forces|Defen[cs]e|Command|Wing|Corps|National"
# A state's name followed by an airline's ("Korean Air", "Thai Airways International").
_AIRLINE_AFTER = re.compile(
    r"\s+(?:Air(?:lines|ways)?|Air\s+Lines)\b"
    rf"(?!\s+(?:{_AIR_ARM_WORDS}|Guard|Arm|Staff))"
)
# An airline's name ("Korean Air", "British Island Airways"), not an air force.
_AIRLINE = re.compile(rf"\b[A-Z][a-z]+ Air\b(?!\s+(?:{_AIR_ARM_WORDS}))")
# A model designation right before a generic aircraft word ("MD-11 jets", "A380 aircraft").
# Weapon designations never get here: the catalogue matched them first, as one mention.
_MODEL_BEFORE = re.compile(r"\b[A-Z]{1,4}-?\d{2,4}[A-Z]?\s+$")


def _join_named_heads(text: str, mentions: list[Mention]) -> list[Mention]:
    """Join a named system and the generic noun that heads it ("Bayraktar TB2 UAVs").

    The generic noun is only the head of the named phrase; one mention, named, remains,
    spanning both, so nothing downstream reads it as a second weapon.
    """
    joined: list[Mention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.weapon is not None
            and mention.generic is not None
            and _only_modifiers_between(text[previous.end : mention.start])
        ):
            joined[-1] = replace(
                previous, end=mention.end, surface=text[previous.start : mention.end]
            )
            continue
        if (
            previous is not None
            and previous.weapon is not None
            and mention.weapon is not None
            and previous.weapon.family
            and previous.weapon.family == mention.weapon.family
            and not text[previous.end : mention.start].strip()
        ):
            # "M1A2T Abrams tanks": a variant and its family's name are one system, the
            # variant's ("Abrams M1A2" too)
            named = mention if re.search(r"\d", mention.surface) and not re.search(
                r"\d", previous.surface) else previous
            joined[-1] = replace(named, start=previous.start, end=mention.end,
                                 surface=text[previous.start : mention.end])
            continue
        joined.append(mention)
    return joined


# Up to three modifier words, lower-case or a capitalised variant name ("Rafale Marine jets").
_MODIFIERS = re.compile(r"^[\s-]*(?:[A-Za-z][a-z-]*[\s-]+){0,3}$")


_JOINING_WORDS = frozenset(
    {
        "and",
        "or",
        "but",
        "with",
        "of",
        "for",
        "to",
        "in",
        "on",
        "from",
        "by",
        "as",
        "than",
        "plus",
        "nor",
    }
)


def _only_modifiers_between(gap: str) -> bool:
    """Tell whether text between two mentions is only spaces or lower-case modifiers.

    Quotation marks around a name ("anti-ship \"Silkworm\" missiles") are no words.
    """
    gap = gap.strip("\"'\u201c\u201d\u2018\u2019")
    if len(gap) > 30 or _MODIFIERS.match(gap + " ") is None:
        return False
    return not any(word in _JOINING_WORDS for word in gap.replace("-", " ").split())


def surface_followed_by_currency(text: str, end: int) -> bool:
    """Tell whether a state's short form is a currency prefix ("US$", "A$", "NZ$")."""
    return text[end : end + 1] == "$"


# How far (in characters) a maker may stand from a system's name: "the Panther of French
# firm Aerospatiale", "Agusta's Mongoose".
_MAKER_GAP = 30
# How far a generic noun may stand from an ambiguous name and still say what it is.
_TOPIC_WINDOW = 250


def _reading_by_topic(
    text: str, mention: Mention, readings: tuple[WeaponSystem, ...], generics: list[Mention]
) -> WeaponSystem | None:
    """Return the one reading whose category a nearby generic weapon noun names."""
    near = {
        g.generic.category
        for g in generics
        if g.generic is not None
        and g.generic.category != "other"
        and abs(g.start - mention.start) <= _TOPIC_WINDOW
        and "\n\n" not in text[min(g.start, mention.start) : max(g.start, mention.start)]
    }
    if not near:
        return None
    fitting = [
        system
        for system in readings
        if any(system.category in COMPATIBLE_CATEGORIES.get(c, (c,)) for c in near)
    ]
    families = {system.family or system.designation for system in fitting}
    return fitting[0] if len(families) == 1 else None


def _alias_needs_context(listed: str, system: WeaponSystem) -> bool:
    """Tell whether an alias alone may name something else ("Tamir", "Panther", "Hawk")."""
    if listed in system.ambiguous_aliases:
        return True
    if listed.isupper() and len(listed) >= 3:
        return False  # an acronym ("ATACMS", "HIMARS") names the system and nothing else
    if listed in plural_forms(system.designation):
        return False  # "Humvees" is the plural of the designation, not another name
    return listed != system.designation and listed.isalpha() and " " not in listed


# Nouns that make a name a weapon's: "Patriot missiles", "Tiger helicopters".
_HEAD_NOUN = re.compile(
    r"\b(?:missiles?|systems?|jets?|tanks?|helicopters?|drones?|aircraft|fighters?|"
    r"submarines?|frigates?|corvettes?|rockets?|launchers?|howitzers?|interceptors?|"
    r"batter(?:y|ies)|vehicles?|gunships?|bombers?|trainers?|destroyers?)$",
    re.IGNORECASE,
)


# Words right before an alias that count it or add to it: "dozens of Javelins", "more
# Bayraktars", "two Typhoons"; say it is old stock: "used Typhoons"; or say where it was
# made: "US-supplied Stingers".
_COUNTED_BEFORE = re.compile(
    r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|hundred|thousand|dozen|(?:dozens|hundreds|thousands|scores)"
    r"\s+of|more|additional|further|extra|several|used|second-hand|surplus|refurbished)"
    r"|-(?:made|supplied|built|produced))\s*$",
    re.IGNORECASE,
)
# What joins the items of a list: "Javelins, Stingers and ammunition".
_LIST_JOIN = re.compile(r"\s*(?:,|(?:,\s*)?\b(?:and|or|as well as|plus)\b)\s*")


def _drop_unsupported_aliases(text: str, mentions: list[Mention]) -> list[Mention]:
    """Keep an ambiguous alias only where the text supports it as a weapon.

    Support: a weapon noun heads it ("Tamir interceptors"), a number or a quantity counts
    it ("12 Typhoons", "dozens of Javelins", "more Bayraktars"), an origin says where it
    was made ("US-supplied Stingers", or its maker's adjective: "German Leopards"), it
    stands in a list with another weapon ("Javelins, Stingers and ammunition"), or the
    same system is named unambiguously elsewhere in the document.
    """
    weapons = [m for m in mentions if m.is_weapon]

    def listed_with_weapon(mention: Mention) -> bool:
        return any(
            other is not mention
            and (
                (other.end <= mention.start
                 and _LIST_JOIN.fullmatch(text, other.end, mention.start) is not None)
                or (mention.end <= other.start
                    and _LIST_JOIN.fullmatch(text, mention.end, other.start) is not None)
            )
            for other in weapons
        )

    def made_by_maker(mention: Mention) -> bool:
        assert mention.weapon is not None
        return any(
            m.kind == "state"
            and m.state in mention.weapon.producers
            and m.end < mention.start
            and text[m.end : mention.start].isspace()
            for m in mentions
        )

    def supported(mention: Mention) -> bool:
        assert mention.weapon is not None
        listed_forms = {
            mention.weapon.designation.lower(),
            *(a.lower() for a in mention.weapon.aliases),
        }
        headed = not any(
            mention.surface.lower().startswith(form) and len(mention.surface) - len(form) <= 2
            for form in listed_forms
        )
        headed = headed or _HEAD_NOUN.search(mention.surface) is not None
        counted = _COUNTED_BEFORE.search(text[max(0, mention.start - 20) : mention.start])
        return (
            headed or counted is not None or listed_with_weapon(mention)
            or made_by_maker(mention)
        )

    named = {
        m.weapon.designation
        for m in mentions
        if m.weapon is not None and (not m.needs_context or supported(m))
    }
    return [
        m
        for m in mentions
        if m.weapon is None or not m.needs_context or m.weapon.designation in named
    ]


def _lower_same_length(text: str) -> str:
    """Lower-case text without changing its length (offsets must stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def mentions_between(mentions: list[Mention], start: int, end: int) -> Iterator[Mention]:
    """Yield the mentions that lie inside [start, end)."""
    for mention in mentions:
        if mention.start >= start and mention.end <= end:
            yield mention
