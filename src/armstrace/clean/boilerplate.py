"""Find plain-text boilerplate that survives HTML extraction, and cut it out by span.

Paragraphs and the sentences inside them are classified by what they do, not
by what one page says:

- appeals: the reader addressed about money ("your support helps us"), the
  newsroom talking about itself in the first person plural ("we need
  reporters", "our journalism"), paywall and subscription talk;
- calls to action: an imperative that opens the unit ("Sign up", "Read more",
  "Follow us", "Click here", "Join the debate"), newsletter prompts;
- notices and credits: cookie notices, photo credits, "Reporting by ...
  Editing by ..." lines, copyright lines, "Advertisement" and other labels;
- link lists: short unpunctuated lines under a "Related" / "Most read" label.

A sentence that quotes someone (quotation marks, or "said", "told", ...) is
never judged an appeal: politicians say "we" and "you" too. Weaker signals
("trusted by", "is on the ground", "we believe") only count next to a strong
one, which is how an appeal's lead-in sentences go with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from armstrace.clean.segments import Span, is_hard_wrapped, split_blocks, split_sentences

STRONG = 2
WEAK = 1
NONE = 0

# Units longer than this are never dropped whole by the sentence rules: a
# splitter miss could have glued article text to them.
_MAX_UNIT_WORDS = 70
_MAX_LABEL_WORDS = 6
_MAX_CREDIT_WORDS = 30
_MAX_LINK_LINE_WORDS = 16


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# -- appeals: the reader addressed about support, the newsroom about itself --
_NEWSROOM_NOUNS = (
    r"(journalism|journalists?|reporters?|reporting|newsroom|paywalls?|editors?|editorial"
    r"|readers|subscribers|supporters|members|coverage|documentar(y|ies)|news ?letters?"
    r"|news (outlets?|organi[sz]ations?)|independent media|free press)"
)
_SUPPORT_NOUNS = (
    r"your (continued |ongoing |generous |financial )?(support|donations?|contributions?"
    r"|generosity|subscriptions?|membership|gifts?|pledges?)"
)
# "Your support helps us", "your donation allows us", "... makes all the difference",
# "Thank you for your support.": the noun, then us/our or a verb of effect nearby.
_YOUR_SUPPORT = _rx(
    r"\b" + _SUPPORT_NOUNS + r"\b((\s+\w+){0,2}?\s+(helps?|makes?|allows?|keeps?|powers?"
    r"|means|enables?|matters?|funds?|sustains?)\b|[^.!?]{0,40}\b(us|our)\b|\W*$)"
)
_SUPPORT_US = re.compile(
    r"\b([Ss]upport|[Ff]und|[Dd]onate to)\s+(us\b|our (work|journalism|reporting|newsroom"
    r"|mission|journalists|reporters)\b|independent journalism\b)"
)
_OUR_NEWSROOM = _rx(
    r"\bour (own |latest |new |award-winning |independent |quality |investigative |print )*"
    r"(journalism|journalists|reporting|reporters|newsroom|documentar(y|ies)|paywall|editors?"
    r"|readers|subscribers|supporters|members|newsletters?|print edition)\b"
)
# "we need reporters", "we believe quality journalism": the newsroom's own wants,
# said within a few words; "we need it" in an editorial on press freedom is not.
_WE_NEED_NEWSROOM = re.compile(
    r"\b[Ww]e (need|rely on|depend on|believe|choose|keep|can(not|['’]t)? keep|want)\b"
    r"[^.!?;]{0,40}?\b" + _NEWSROOM_NOUNS + r"\b",
    re.IGNORECASE,
)
_YOU_SIGN_UP = _rx(
    r"\byou (can |could |may |should |will )?(sign up|subscribe|register|log in)\b[^.!?]{0,30}"
    r"\b(to|for|at) (our|a free|free|the (daily|weekly|free))\b"
)
_NEWSLETTER = _rx(
    r"\b(newsletters?|briefing|bulletin|digest)\b.*\b(sign(ing)? up|subscrib\w*|inbox"
    r"|delivered|free|daily|weekly|every (morning|weekday|day|week))\b"
    r"|\b(sign(ing)? up|subscrib\w*)\b.*\b(newsletters?|briefing|bulletin)\b"
)
_COOKIES = _rx(
    r"\bcookies?\b.*\b(we use|this (site|website)|accept|consent|brows\w*|continu\w*"
    r"|privacy|preferences|experience|settings)\b"
    r"|\b(we use|this (site|website) uses)\b.*\bcookies?\b"
)
# Lead-in and filler of appeals: only dropped next to a strong unit.
_PROMO = _rx(
    r"\b(is|are) on the ground\b|\btrusted by\b|\b(quality|independent|investigative"
    r"|public[- ]interest|fearless) (journalism|reporting|news)\b|\bnews (outlets|organi[sz]ations)"
    r"\b|\beditorially independent\b|\bsmall favou?r to ask\b|\bevery contribution\b"
    r"|\breader[- ](funded|supported|revenue)\b|\bfor as little as\b|\bthank you for (reading"
    r"|your|supporting)\b|\bfree (to read|for everyone|for all)\b|\bwe (need|rely|depend|believe"
    r"|know how|choose|can['’]t do (this|it)|are committed)\b"
)

# -- calls to action: an imperative that opens the unit --
_CALL_TO_ACTION = _rx(
    # (?-i:[A-Z]): the unit starts with a capital, so a wrapped line ("share on its
    # common stock") is not an imperative; no opening quote, so a quoted one is not either.
    r"^[^\w“”\"‘'«]*(?=(?-i:[A-Z]))(please\s+)?(subscribe|sign (up|in)|donate"
    r"|register (now|here|today|for free)"
    r"|log ?in|click|tap (here|to)|download (our|the)|follow (us|@\w+|our\b|[A-Z][\w.]* on "
    r"(twitter|x|facebook|instagram|linkedin|tiktok|threads|bluesky))|share (this|on|via)"
    r"|read more|read (the|our) (full|latest|original)|join (us|the (debate|conversation"
    r"|discussion)|our)|become an? (member|subscriber|supporter|patron)|get (our|the latest"
    r"|unlimited|the best|full access)|enter your|already (a subscriber|have an account)"
    r"|don['’]t (miss|forget)|want (more|to read more)|like this (story|article)"
    r"|(got|have) a (news )?(tip|story)|do you have a (photo|story|tip)|contact us|email us"
    r"|write to us|scroll (down|to)|watch:|listen:|related:|see also:|more:|support (us|our"
    r"|the [A-Z]|independent|quality|journalism)|thank you for (reading|supporting))(?!\w)"
)
_CLICK_HERE = _rx(
    r"\b(click|tap) (here|the link|below)\b|\bread more here\b|\bsign up here\b"
    r"|\bplease (consider (supporting|subscribing|donating|a)|support|donate|subscribe|share)\b"
)

# -- notices and credits --
_CREDIT_LINE = re.compile(
    r"^[\W_]*((Additional|Additonal|Extra) )?([Rr]eporting|[Ww]riting|[Ee]diting|[Rr]esearch"
    r"|[Cc]ompiled|[Ee]dited|[Ww]ritten|[Pp]roduced|[Gg]raphics|[Pp]hotos?|[Pp]hotography"
    r"|[Vv]ideo|[Ii]llustrations?) by\s+(?P<names>.+)$"
)
_CONTRIBUTED = _rx(r"^[^.!?]*\bcontributed (reporting )?to this (report|article|story)\W*$")
# What may follow "Reporting by": names, places and further credits, nothing else.
_CREDIT_WORDS = frozenset(
    ("and", "in", "by", "with", "from", "for", "de", "del", "della", "der", "di", "du", "da")
    + ("des", "van", "von", "al", "el", "bin", "ibn", "la", "le", "editing", "writing")
    + ("reporting", "additional", "research", "graphics", "photos", "compiled", "edited")
    + ("produced", "video")
)
_PHOTO_CREDIT = _rx(
    r"^[\W_]*(photograph|photo|image|picture|illustration|credit|source|video|image caption"
    r"|image source|media caption)s?\s*:|\((\w+ )?photo\s*/"
)
# Agency names alone make a credit only in a caption-sized unit.
_PHOTO_AGENCY = _rx(r"\b(getty images|shutterstock|afp via getty|ap photo|reuters/\w+|epa-efe)\b")
_MAX_CAPTION_CREDIT_WORDS = 8
_LEGAL = _rx(
    r"\ball rights reserved\b|^[\W_]*(copyright\s*(©|\(c\))?\s*\d{4}|©)"
    r"|\bmay not be published, broadcast\b|\bour standards:|\btrust principles\b"
    r"|^[\W_]*(this (article|story|piece|post) )?(was )?originally (published|appeared) (on|in|at)"
    r"|\bterms of (use|service)\b.*\bprivacy\b|\bprivacy (policy|notice)\b.*\b(terms|agree)\b"
    r"|^[\W_]*by (signing up|subscribing|clicking|continuing|registering)\b"
)
_LABEL = _rx(
    r"^[\W_]*(?=(?-i:[A-Z0-9]))(advertisement|advert|ad|sponsored( content)?"
    r"|story continues( below)?"
    r"( advertisement)?|continue reading|scroll to continue( with content)?|skip (to .*|advert)"
    r"|listen to (this|the) article|\d+ min(ute)?s? read|most (read|popular|viewed|shared)"
    r"|trending( now)?|related( articles| stories| content| coverage| topics)?|more (on this"
    r"( story)?|from .*|stories|news)|recommended( for you)?|you may (also )?like|topics|tags"
    r"|share( this( article| story)?| on .*| via .*)?|print|e-?mail|comments?|facebook|twitter"
    r"|x|linkedin|whatsapp|reddit|pinterest|flipboard|copy link|back to top|close|menu|home"
    r"|top stories|latest news|explore more|in pictures|read next|up next|newsletter)"
    r"[\W_]*$"
)
_LIST_LABEL = _rx(
    r"^[\W_]*(related( articles| stories| content| coverage| topics)?|more (on this( story)?"
    r"|from .*|stories|news)|most (read|popular|viewed|shared)|recommended( for you)?"
    r"|read more|you may (also )?like|top stories|latest news|read next|up next"
    r"|trending( now)?|explore more)[\W_]*$"
)

_QUOTE_MARKS = re.compile(r"[“”\"«»]")
_ATTRIBUTION = _rx(
    r"\b(said|says|say|told|tells|according to|added|asked|wrote|tweeted|posted|stated"
    r"|declared|insisted|argued|warned)\b"
)
_WORD = re.compile(r"\w+")
_TERMINAL = re.compile(r"[.!?…:;\"”’)]\s*$")


@dataclass(frozen=True)
class Boilerplate:
    """A span judged boilerplate, with the rule family that judged it."""

    start: int
    end: int
    reason: str


def classify_unit(unit: str) -> tuple[int, str]:
    """Return (strength, reason) for one paragraph or sentence: STRONG, WEAK or NONE."""
    words = len(unit.split())
    if words == 0:
        return NONE, ""
    if words <= _MAX_CREDIT_WORDS:
        verdict = _classify_short(unit, words)
        if verdict[0]:
            return verdict
    if words > _MAX_UNIT_WORDS:
        return NONE, ""
    lower = unit.lower()
    # Cheap substring gates first: most article sentences carry none of these.
    if _has_any(lower, _LEGAL_CUE) and _LEGAL.search(unit):
        return STRONG, "legal notice"
    if _CALL_TO_ACTION.search(unit):
        return STRONG, "call to action"
    if "cookie" in lower and _COOKIES.search(unit):
        return STRONG, "cookie notice"
    if not _has_any(lower, _APPEAL_CUE) or _is_quoting(unit):
        return NONE, ""
    if _CLICK_HERE.search(unit):
        return STRONG, "call to action"
    if _YOUR_SUPPORT.search(unit) or _SUPPORT_US.search(unit):
        return STRONG, "appeal"
    if _NEWSLETTER.search(unit) or _YOU_SIGN_UP.search(unit):
        return STRONG, "newsletter prompt"
    if _OUR_NEWSROOM.search(unit) or _WE_NEED_NEWSROOM.search(unit):
        return STRONG, "appeal"
    if _PROMO.search(unit):
        return WEAK, "appeal"
    return NONE, ""


def _classify_short(unit: str, words: int) -> tuple[int, str]:
    if words <= _MAX_LABEL_WORDS and _LABEL.search(unit):
        return STRONG, "label"
    if _is_credit(unit):
        return STRONG, "credit"
    if _PHOTO_CREDIT.search(unit) or (
        words <= _MAX_CAPTION_CREDIT_WORDS and _PHOTO_AGENCY.search(unit)
    ):
        return STRONG, "photo credit"
    return NONE, ""


def _has_any(lower: str, cues: re.Pattern[str]) -> bool:
    return cues.search(lower) is not None


def _substrings(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Return a pattern that finds any of the cues as a plain substring, in one scan."""
    return re.compile("|".join(re.escape(cue) for cue in cues))


# Every appeal and prompt rule needs one of these words; the gate only saves time.
_APPEAL_CUES = (
    "you", "our", "we", "us", "click", "tap ", "please", "support", "fund", "donat",
    "newsletter", "briefing", "bulletin", "digest", "sign", "subscri", "on the ground",
    "trusted by", "journalism", "reporting", "news", "editorially", "favo", "contribution",
    "reader", "little as", "thank", "free ",
)  # fmt: skip
_APPEAL_CUE = _substrings(_APPEAL_CUES)
_LEGAL_CUES = (
    "rights reserved", "copyright", "©", "published", "standards:", "principles", "terms of",
    "privacy", "by signing", "by subscribing", "by clicking", "by continuing", "by registering",
)  # fmt: skip
_LEGAL_CUE = _substrings(_LEGAL_CUES)


def _is_credit(unit: str) -> bool:
    """Say whether a unit is a byline credit ("Reporting by A in B; Editing by C")."""
    if _CONTRIBUTED.search(unit):
        return True
    match = _CREDIT_LINE.search(unit.strip())
    if match is None:
        return False
    words = re.findall(r"[^\W\d_][\w'’]*", match.group("names"))
    return bool(words) and all(w[0].isupper() or w.lower() in _CREDIT_WORDS for w in words)


def _is_quoting(unit: str) -> bool:
    return bool(_QUOTE_MARKS.search(unit) or _ATTRIBUTION.search(unit))


def find_boilerplate(text: str) -> list[Boilerplate]:
    """Return the boilerplate spans of a text, in order, not overlapping."""
    wrapped = is_hard_wrapped(text)
    blocks = split_blocks(text, wrapped)
    found: list[Boilerplate] = []
    dropped_blocks: list[bool] = []
    weak_blocks: list[bool] = []
    in_link_list = False
    for block in blocks:
        block_text = block.of(text)
        sentences = split_sentences(text, block)
        # A whole paragraph is judged as one unit only when it is one sentence:
        # judged whole, an appeal's last sentence would take the article's first.
        strength, reason = classify_unit(block_text) if len(sentences) <= 1 else (NONE, "")
        if not wrapped and _LIST_LABEL.search(block_text):
            in_link_list = True
        elif in_link_list and not wrapped and _is_link_line(block_text):
            strength, reason = STRONG, "link list"
        else:
            in_link_list = False
        if strength == STRONG:
            found.append(Boilerplate(block.start, block.end, reason))
            dropped_blocks.append(True)
            weak_blocks.append(False)
            continue
        if len(sentences) == 1 and sentences[0] == block:
            # The block's one sentence is the block itself, already judged above.
            verdicts = [(strength, reason)]
        else:
            verdicts = [classify_unit(sentence.of(text)) for sentence in sentences]
        kept = _classify_sentences(sentences, verdicts, found)
        dropped_blocks.append(kept == 0)
        weak_blocks.append(kept > 0 and all(strength >= WEAK for strength, _ in verdicts))
    _drop_weak_blocks_beside_dropped(blocks, dropped_blocks, weak_blocks, found)
    found.sort(key=lambda item: item.start)
    return found


def _classify_sentences(
    sentences: list[Span], verdicts: list[tuple[int, str]], found: list[Boilerplate]
) -> int:
    """Add a block's boilerplate sentences to `found`; return how many sentences are kept."""
    dropped = [strength == STRONG for strength, _ in verdicts]
    # A weak unit goes with a strong neighbour, and so on along the chain.
    changed = True
    while changed:
        changed = False
        for index, (strength, _) in enumerate(verdicts):
            if dropped[index] or strength != WEAK:
                continue
            neighbours = dropped[max(index - 1, 0) : index + 2]
            if any(neighbours):
                dropped[index] = changed = True
    for sentence, (_, reason), is_dropped in zip(sentences, verdicts, dropped, strict=True):
        if is_dropped:
            found.append(Boilerplate(sentence.start, sentence.end, reason))
    return dropped.count(False)


def _drop_weak_blocks_beside_dropped(
    blocks: list[Span],
    dropped: list[bool],
    weak: list[bool],
    found: list[Boilerplate],
) -> None:
    """Drop a paragraph of only weak sentences when a neighbouring paragraph was dropped whole."""
    for index, block in enumerate(blocks):
        if not weak[index]:
            continue
        if any(dropped[max(index - 1, 0) : index + 2]):
            found[:] = [item for item in found if not block.start <= item.start < block.end]
            found.append(Boilerplate(block.start, block.end, "appeal"))
            dropped[index] = True


def _is_link_line(line: str) -> bool:
    words = len(_WORD.findall(line))
    return 0 < words <= _MAX_LINK_LINE_WORDS and not _TERMINAL.search(line)


def remove_spans(text: str, spans: list[Boilerplate]) -> str:
    """Cut spans out of a text, with the spaces or line breaks that separated them.

    Everything else is kept exactly, so sentences that are kept keep their
    characters (only their offsets move by what was cut before them).
    """
    if not spans:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in _merge_within_lines(text, spans):
        start = max(start, position)
        if start >= end:
            continue
        while end < len(text) and text[end] in " \t":
            end += 1
        if end < len(text) and text[end] == "\n" and _line_start(text, start) == start:
            # A whole paragraph: its line break(s) go with it.
            while end < len(text) and text[end] in "\r\n":
                end += 1
        elif end >= len(text) or text[end] == "\n":
            # The end of a line: the space before it goes instead.
            while start > position and text[start - 1] in _SEPARATORS:
                start -= 1
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    return "".join(pieces).strip()


# What stands between units on one line: spaces, and the bullets and bars of footers.
_SEPARATORS = " \t•|·"


def _merge_within_lines(text: str, spans: list[Boilerplate]) -> list[tuple[int, int]]:
    """Join spans separated only by spaces on the same line (sentences of one paragraph)."""
    merged: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda item: item.start):
        if merged and not text[merged[-1][1] : span.start].strip(_SEPARATORS):
            merged[-1] = (merged[-1][0], max(merged[-1][1], span.end))
        else:
            merged.append((span.start, span.end))
    return merged


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1
