"""Find places and postcodes in a chat message with spaCy (blank English) and the gazetteer.

Exact names come from a PhraseMatcher over every town, area and alias the directory knows;
misspellings after "in"/"near"/"around" are corrected by the directory's fuzzy matcher.
Place names that are also ordinary words ("Sale", "Street") count only when capitalised
or introduced by a preposition.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Optional

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from directory.geography.postcodes import POSTCODE_IN_TEXT, parse_postcode

PREPOSITIONS = {"in", "near", "around", "covering", "at", "from", "nr", "round", "across", "within", "for"}
FUZZY_AFTER = PREPOSITIONS - {"for", "at", "from"}
NOT_PLACES = {"my", "the", "this", "our", "your", "his", "her", "their", "a", "an", "area", "here", "there", "local",
              "town", "city", "county", "region", "which", "what", "that", "it", "him", "them", "me", "us"}
ALWAYS_AMBIGUOUS = {"reading", "bath", "march", "street", "wells", "deal", "hope", "send", "ware", "sale", "ash",
                    "over", "wool", "nash", "bury", "more", "help", "drive", "change", "matter", "choice"}


# Short names workers use for towns (the area aliases, such as "Notts", live in the directory's
# geography tables); each maps to the name the directory resolves.
SHORT_NAMES = {"barrow": "Barrow-in-Furness", "boro": "Middlesbrough", "the boro": "Middlesbrough"}


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

    def find(self, text: str) -> list[PlaceMention]:
        """Every place and postcode mention, left to right, without overlaps."""
        text = _blank_markup((text or "")[:2000])
        postcodes = find_postcodes(text, self.outward_codes)
        doc = self.nlp.make_doc(text)
        taken = [(p.start, p.end) for p in postcodes]
        spans = [s for s in self._exact(doc) if not _overlaps(s.start_char, s.end_char, taken)]
        taken += [(s.start_char, s.end_char) for s in spans]
        places = [PlaceMention("place", self._canonical(s.text), s.start_char, s.end_char, s.text) for s in spans]
        places += [m for m in self._fuzzy(doc) if not _overlaps(m.start, m.end, taken)]
        return sorted(postcodes + places, key=lambda m: m.start)

    def _exact(self, doc: Doc) -> list[Span]:
        spans = [Span(doc, start, end) for _, start, end in self.matcher(doc)]
        return [s for s in filter_spans(spans) if self._plausible(doc, s)]

    def _plausible(self, doc: Doc, span: Span) -> bool:
        lowered = span.text.lower()
        if lowered in NOT_PLACES:
            return False
        capitalised = span.text[:1].isupper()
        previous = doc[span.start - 1].lower_ if span.start > 0 else ""
        if lowered in self.ambiguous:  # an ordinary word too: needs a capital and a place-like position
            return capitalised and (previous in PREPOSITIONS or span.start == 0 or len(doc) <= 3)
        if lowered in self.minor_places:  # a village: capitalised, or introduced as a place
            return capitalised or previous in PREPOSITIONS
        return True

    def _fuzzy(self, doc: Doc) -> list[PlaceMention]:
        """Misspelt names after a preposition: 'near Kendel', 'in barrowinfurness'."""
        if self.correct is None:
            return []
        found = self._whole_message(doc)
        for token in doc:
            if token.lower_ not in FUZZY_AFTER or token.i + 1 >= len(doc):
                continue
            for width in (3, 2, 1):
                words = doc[token.i + 1 : token.i + 1 + width]
                if len(words) < width or not all(w.is_alpha or w.text in "-'" for w in words):
                    continue
                if any(w.lower_ in NOT_PLACES or w.lower_ in self.ambiguous for w in words):
                    continue
                name = self.correct(words.text)
                if name:
                    found.append(PlaceMention("place", name, words.start_char, words.end_char, words.text))
                    break
        return found

    def _whole_message(self, doc: Doc) -> list[PlaceMention]:
        """A reply that is only a (misspelt) place name, e.g. 'Kendel' when asked for the area."""
        words = [t for t in doc if not t.is_punct]
        if not 0 < len(words) <= 3 or not all(t.is_alpha for t in words) or len(doc.text.strip()) < 6:
            return []
        if any(t.lower_ in NOT_PLACES or t.lower_ in self.ambiguous for t in words):
            return []
        span = doc[words[0].i : words[-1].i + 1]
        name = self.correct(span.text)
        return [PlaceMention("place", name, span.start_char, span.end_char, span.text)] if name else []

    def _canonical(self, text: str) -> str:
        short = SHORT_NAMES.get(" ".join(text.lower().split()))
        if short:
            text = short
        if self.correct:
            return self.correct(text) or text
        return text


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


def _variants(name: str) -> set[str]:
    """A name as written plus its hyphenated form: 'Barrow in Furness' -> 'Barrow-in-Furness'."""
    variants = {name}
    if 1 < name.count(" ") + 1 <= 4 and "," not in name:
        variants.add(name.replace(" ", "-"))
    return variants


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in taken)
