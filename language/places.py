"""Find places and postcodes in a chat message with spaCy (blank English) and the gazetteer.

Exact names come from a PhraseMatcher over every town, area and alias the directory knows;
misspellings after "in"/"near"/"around", in a reply that is only a place, and at the start of
a message where a place is named ("whitehavn programmes?") are corrected by the directory's
fuzzy matcher. Place names that are also ordinary words ("Sale", "Street") count only when
capitalised or introduced by a preposition. A place qualified by its county ("Beeston, Notts",
"St Ives in Cornwall") is one mention, with the qualified name the directory resolves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Optional

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from directory.geography.areas import SHORT_NAMES, normalise_name
from directory.geography.postcodes import POSTCODE_IN_TEXT, parse_postcode

PREPOSITIONS = {"in", "near", "around", "covering", "cover", "covers", "at", "from", "nr", "round", "across", "within", "for",
                "past"}
FUZZY_AFTER = PREPOSITIONS - {"for", "at", "from"}
NOT_PLACES = {"my", "the", "this", "our", "your", "his", "her", "their", "a", "an", "area", "here", "there", "local",
              "town", "city", "county", "region", "which", "what", "that", "it", "him", "them", "me", "us"}
ALWAYS_AMBIGUOUS = {"reading", "bath", "march", "street", "wells", "deal", "hope", "send", "ware", "sale", "ash",
                    "over", "wool", "nash", "bury", "more", "help", "drive", "change", "matter", "choice"}
# Town names that are also months ("turns 18 in March"), and words around a month that make it a date.
MONTHS = {"march", "may"}
_DATE_WORDS = {"turns", "turned", "turning", "born", "due", "until", "till", "since", "before", "after", "by", "from",
               "starts", "start", "started", "begins", "ends", "early", "late", "mid", "next", "last", "this", "of"}
# After a name at the start of a message, these show it is the place being asked about:
# "whitehavn programmes?", "Kendle - anything?".
SEARCH_WORDS = {"programme", "programmes", "program", "programs", "service", "services", "group", "groups",
                "course", "courses", "area", "anything", "anythin", "options", "support", "perp", "perps", "perpetrators",
                "available", "perpetrator", "dapp", "dvpp", "dv", "da"}
# "and windemere", "what about keswik": words that link a place given alone to the place asked about before.
LINKING_WORDS = {"and", "or", "also", "plus", "what", "how", "about"}
# "keswick, anything?", "grange over sands is there anything": what may follow a place opening a message.
GREETINGS = {"hi", "hiya", "hello", "hey", "morning", "afternoon", "evening", "ok", "okay"}
COURTESIES = {"please", "pls", "plz", "thanks", "ta", "thankyou", "cheers"}  # after a name given alone
PERSON_WORDS = {"tenant", "tenent", "client", "dad", "man", "bloke", "lad", "guy", "fella", "perp", "male", "father",
                "husband", "family", "patient", "pop", "su", "perpetrator", "offender", "bf", "partner", "son"}
_ASKS = re.compile(r"\bwh?at'?s? (?:is )?(?:there|ther|available|avail)\b|\banything\b|\banythin\b|\boptions\b",
                   re.IGNORECASE)
TURN_WORDS = {"and", "or", "about", "also"}  # "and arnside?", "what about dalston"
_OPENING_ASKS = ("is there", "are there", "any ", "what's", "whats", "what is")
# Endings of ordinary English words, not of a mistyped place name: 'working' is not Woking,
# 'Sunday' not Sandy. A capitalised word after a preposition may still be corrected ('near Kettring').
WORD_ENDINGS = ("ing", "ed", "ly", "tion", "sion", "ment", "able", "ible", "ful", "less", "ous", "ive", "day")
# Joins a place to the county or area it is in: "Beeston, Notts", "St Ives in Cornwall", "Newport (Wales)".
_QUALIFIER = re.compile(r"^\s*(?:,|\(|in(?:\s+the)?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class PlaceMention:
    """A place or postcode found in a message: its span and canonical value."""

    entity: str  # place|postcode
    value: str
    start: int
    end: int
    text: str


class PlaceFinder:
    """Built once per process from the gazetteer; `find` is cheap per message."""

    def __init__(
        self,
        names: Iterable[str],
        outward_codes: Iterable[str] = (),
        correct: Optional[Callable[[str], Optional[str]]] = None,
        ambiguous_words: Iterable[str] = (),
        minor_places: Iterable[str] = (),
    ) -> None:
        self.nlp = spacy.blank("en")
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        names = [*names, *SHORT_NAMES]
        unique = sorted({variant for n in names if n and n.strip() for variant in _variants(n.strip())})
        self.matcher.add("PLACE", list(self.nlp.tokenizer.pipe(unique)))
        self.outward_codes = {c.upper() for c in outward_codes}
        self.correct = correct
        self.ambiguous = {w.lower() for w in ambiguous_words} | ALWAYS_AMBIGUOUS
        self.minor_places = {m.lower() for m in minor_places}
        self.known = {normalise_name(n) for n in names if n}

    def find(self, text: str) -> list[PlaceMention]:
        """Every place and postcode mention, left to right, without overlaps."""
        text = _letter_set_apart(_blank_markup((text or "")[:2000]))
        postcodes = find_postcodes(text, self.outward_codes)
        doc = self.nlp.make_doc(text)
        taken = [(p.start, p.end) for p in postcodes]
        spans = [s for s in self._exact(doc) if not _overlaps(s.start_char, s.end_char, taken)]
        taken += [(s.start_char, s.end_char) for s in spans]
        places = [PlaceMention("place", self._canonical(s.text), s.start_char, s.end_char, s.text) for s in spans]
        for mention in self._fuzzy(doc):
            if not _overlaps(mention.start, mention.end, taken):
                places.append(mention)
                taken.append((mention.start, mention.end))
        return sorted(postcodes + self._qualified(text, sorted(places, key=lambda m: m.start)), key=lambda m: m.start)

    def _qualified(self, text: str, places: list[PlaceMention]) -> list[PlaceMention]:
        """'Beeston, Notts' -> one mention, 'Beeston, Nottinghamshire', when the directory agrees it is there."""
        if self.correct is None:
            return places
        merged: list[PlaceMention] = []
        for mention in places:
            previous = merged[-1] if merged else None
            if previous and _QUALIFIER.match(text[previous.end : mention.start]):
                end = mention.end + 1 if text[mention.end : mention.end + 1] == ")" else mention.end
                whole = text[previous.start : end]
                value = self.correct(whole)
                if value and "," in value:
                    merged[-1] = PlaceMention("place", value, previous.start, end, whole)
                    continue
            merged.append(mention)
        return merged

    def _exact(self, doc: Doc) -> list[Span]:
        spans = [Span(doc, start, end) for _, start, end in self.matcher(doc)]
        return [s for s in filter_spans(spans) if self._plausible(doc, s)]

    def _plausible(self, doc: Doc, span: Span) -> bool:
        lowered = span.text.lower()
        if lowered in NOT_PLACES:
            return False
        capitalised = span.text[:1].isupper() or lowered.startswith(("st ", "st. ", "saint "))  # 'st bees'
        previous = doc[span.start - 1].lower_ if span.start > 0 else ""
        if lowered in self.ambiguous:  # an ordinary word too: needs a capital and a place-like position
            return capitalised and (previous in PREPOSITIONS or span.start == 0 or len(doc) <= 3) \
                and not (lowered in MONTHS and _said_as_a_date(doc, span))
        if lowered in self.minor_places:  # a village: capitalised, or introduced as a place, or opening a request
            return (capitalised or previous in PREPOSITIONS or (span.start == 0 and _asks_after(doc, span))
                    or _turned_to(doc, span))
        return True

    def _fuzzy(self, doc: Doc) -> list[PlaceMention]:
        """Misspelt names after a preposition: 'near Kendel', 'in barrowinfurness'."""
        if self.correct is None:
            return []
        found = self._whole_message(doc) or self._leading(doc) or self._set_apart(doc)
        for token in doc:
            if token.lower_ not in FUZZY_AFTER or token.i + 1 >= len(doc):
                continue
            for width in (3, 2, 1):
                words = doc[token.i + 1 : token.i + 1 + width]
                if len(words) < width or not all(w.is_alpha or w.text in "-'" for w in words):
                    continue
                if any(w.lower_ in NOT_PLACES or w.lower_ in self.ambiguous for w in words):
                    continue
                mention = self._corrected(words, at_start=False)
                if mention:
                    found.append(mention)
                    break
        return found

    def _set_apart(self, doc: Doc) -> list[PlaceMention]:
        """A misspelt town set apart by commas: 'typo central sorry, Mansfeild, is there anything?', 'hes a dad,
        whitehven, anythin' (lower case only from six letters, and never a stop word)."""
        for token in doc[1:-1]:
            apart = doc[token.i - 1].text == "," and doc[token.i + 1].text in (",", ".", "?", "!")
            if not apart or not token.is_alpha or len(token) < (5 if token.text.istitle() else 6):
                continue
            if token.lower_ in NOT_PLACES or token.lower_ in self.ambiguous or token.is_stop or token.lower_ in STOP_WORDS:
                continue
            mention = self._corrected(doc[token.i : token.i + 1], at_start=False)
            slack = 1 if len(token) >= 7 else 0  # 'whitehven': a letter dropped from a long name
            same_length = mention is not None and abs(len(normalise_name(mention.value)) - len(token.lower_)) <= slack
            if mention and same_length and normalise_name(mention.value) not in self.minor_places:
                return [mention]  # letters swapped, not a name like "Laraine" taken for Larne
        return []

    def _corrected(self, span: Span, at_start: bool) -> Optional[PlaceMention]:
        """The place a misspelt span means, unless it is a real name or looks like an ordinary word.

        A real place name is never corrected to another (the exact matcher judges it); a word
        ending like 'working' is corrected only when capitalised after a preposition; a village
        only when capitalised after a preposition, never at the start of a message, where every
        word has a capital ('Children' is not Childrey)."""
        if self.correct is None or normalise_name(span.text) in self.known:
            return None
        capitalised = span[-1].text[:1].isupper() and not at_start
        if _word_like(span[-1]) and not capitalised:
            return None
        name = self.correct(span.text)
        if not name or (normalise_name(name) in self.minor_places and not capitalised):
            return None
        return PlaceMention("place", name, span.start_char, span.end_char, span.text)

    def _whole_message(self, doc: Doc) -> list[PlaceMention]:
        """A reply that is only a (misspelt) place name, e.g. 'Kendel' when asked for the area."""
        words = [t for t in doc if not t.is_punct]
        while len(words) > 1 and words[-1].lower_ in COURTESIES:  # 'mansfeild please'
            words.pop()
        while len(words) > 1 and words[0].lower_ in LINKING_WORDS:  # 'and windemere'
            words.pop(0)
        if not 0 < len(words) <= 3 or not all(t.is_alpha for t in words) or sum(len(t) for t in words) < 5:
            return []
        if any(t.lower_ in NOT_PLACES or t.lower_ in self.ambiguous for t in words):
            return []
        span = doc[words[0].i : words[-1].i + 1]
        if normalise_name(span.text) in self.known:  # a reply that is only a name: a place, even a village
            name = self.correct(span.text) if len(span.text) >= 6 else None  # but not 'brill'
            return [PlaceMention("place", name, span.start_char, span.end_char, span.text)] if name else []
        mention = self._corrected(span, at_start=True)
        return [mention] if mention else []

    def _leading(self, doc: Doc) -> list[PlaceMention]:
        """A misspelt town opening a message and followed by what is wanted: 'whitehavn programmes?'.

        Only a well-known place (not a village) and only a word that is neither a common word
        nor shaped like one ('working', 'heading'): see `_corrected`."""
        words = [t for t in doc if not t.is_space]
        if len(words) > 2 and words[0].lower_ in GREETINGS and words[1].is_punct:  # "hiya, nottingahm please! x"
            words = words[2:]
        for width in (2, 1):
            if len(words) <= width:
                continue
            span = doc[words[0].i : words[width - 1].i + 1]
            after = words[width]
            # "whitehavn programmes?", "notingham plz, tenent bein abusiv": what is wanted, or a courtesy, follows;
            # "workingotn tenant abusive, whats there": the person it is for, then the ask
            wanted = after.lower_ in SEARCH_WORDS | COURTESIES or (after.lower_ in PERSON_WORDS and _ASKS.search(doc.text))
            if not (after.is_punct or wanted) or not all(t.is_alpha for t in span):
                continue
            if any(t.is_stop or t.lower_ in STOP_WORDS or t.lower_ in NOT_PLACES or t.lower_ in self.ambiguous
                   for t in span) or len(span.text) < 5:
                continue
            mention = self._corrected(span, at_start=True)
            if mention:
                return [mention]
        return []

    def _canonical(self, text: str) -> str:
        short = SHORT_NAMES.get(" ".join(text.lower().split()))
        if short:
            text = short
        if self.correct:
            return self.correct(text) or text
        return text


def _turned_to(doc: Doc, span: Span) -> bool:
    """A short turn to another village after an answer: 'and arnside?', 'what about dalston then', or one set apart
    by a comma ('what about cartmel, tiny village near grange')."""
    if span.start == 0 or doc[span.start - 1].lower_ not in TURN_WORDS:
        return False
    if span.end < len(doc) and doc[span.end].text == "," and span.start <= 3:
        return True
    return len(doc) <= 6 and all(t.is_punct or t.lower_ in ("then", "too", "instead") for t in doc[span.end:])


def _asks_after(doc: Doc, span: Span) -> bool:
    """Whether what follows a name opening the message asks for services: 'seascale, anything near', 'keswick
    anything', 'grange over sands is there anything'."""
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    rest = doc[span.end:].text.lower()
    return after.is_punct or after.lower_ in SEARCH_WORDS or rest.startswith(_OPENING_ASKS)


def find_postcodes(text: str, outward_codes: Optional[set[str]] = None) -> list[PlaceMention]:
    """Full postcodes and sectors anywhere; bare outward codes ('NG7') only when known to exist."""
    found = []
    for match in POSTCODE_IN_TEXT.finditer(text):
        parsed = parse_postcode(match.group(0))
        if parsed is None:
            continue
        if parsed.kind == "outward" and parsed.code not in (outward_codes or set()):
            continue  # "A1", "M6": roads, not postcode districts we know
        found.append(PlaceMention("postcode", parsed.code, match.start(), match.end(), match.group(0)))
    return found


def _blank_markup(text: str) -> str:
    """HTML-like tags become spaces, keeping character offsets: '<b>Kendal</b>' -> '   Kendal    '."""
    return re.sub(r"<[^<>]{0,100}>", lambda m: " " * len(m.group(0)), text)


def _letter_set_apart(text: str) -> str:
    """A letter cut off a name by an apostrophe, set apart keeping offsets: "w'haven" -> "w haven" (round25)."""
    return re.sub(r"\b([a-z])['’](?=[a-z]{4,}\b)", r"\1 ", text, flags=re.IGNORECASE)


def _variants(name: str) -> set[str]:
    """A name as written plus its hyphenated form: 'Barrow in Furness' -> 'Barrow-in-Furness'."""
    variants = {name}
    if 1 < name.count(" ") + 1 <= 4 and "," not in name:
        variants.add(name.replace(" ", "-"))
    if re.search(r"\w s\b", name):  # a name kept without its apostrophe: 'bishop s waltham' -> "bishop's waltham"
        variants.add(re.sub(r"(\w) s\b", r"\1's", name))
    return variants


def _word_like(token) -> bool:  # type: ignore[no-untyped-def]
    """Shaped like an ordinary English word rather than a town: 'working', 'attended', 'mostly'."""
    return token.lower_.endswith(WORD_ENDINGS)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in taken)


def _said_as_a_date(doc: Doc, span: Span) -> bool:
    """'18 in March', 'due in March', 'March 2027', 'end of March': a month, not the town."""
    before = [t.lower_ for t in doc[max(0, span.start - 3):span.start]]
    after = doc[span.end].text if span.end < len(doc) else ""
    return any(w in _DATE_WORDS or w.isdigit() for w in before) or after.isdigit()

