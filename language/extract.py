"""All entities the chat understands, from one message, as plain dicts Rasa can carry."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Optional

from language.audience import says_is_a_worker
from language.filters import find_filters, find_ordinal
from language.places import PlaceFinder, PlaceMention, find_postcodes


def extract_entities(text: str, places: Optional[PlaceFinder]) -> list[dict[str, Any]]:
    """Places, postcodes, filters, ordinals, programmes and guidance topics mentioned in `text`.

    Without a gazetteer (directory unavailable) full postcodes and filters still work."""
    entities: list[dict[str, Any]] = []
    mentions = places.find(text) if places is not None else find_postcodes(text)
    if places is not None and all(_negated(text, m) for m in mentions):
        mentions += _put_right_before(text, places)  # "sorry winchcombe not winchester": the village put right
    entities += [_entity(m.entity, m.value, m.start, m.end) for m in without_negated(text, mentions)]
    taken = [(e["start"], e["end"]) for e in entities]
    for found in find_filters(text):
        if not any(found.start < b and a < found.end for a, b in taken):
            entities.append(_entity(found.entity, found.value, found.start, found.end))
    ordinal = find_ordinal(text)
    if ordinal:
        entities.append(_entity("ordinal", ordinal.value, ordinal.start, ordinal.end))
    entities += _knowledge_entities(text)
    if says_is_a_worker(text):  # "no, I'm a health visitor": the chat is a worker's again
        entities.append(_entity("audience", "worker", 0, 0))
    return sorted(entities, key=lambda e: e["start"])


# "Workington not Warrington", "I meant Barrow, not Brum", "Newark rather than Lincoln": the place put right.
_NEGATION_BEFORE = re.compile(r"\b(?:not|rather than|instead of|no longer|isn'?t|not in)(?:\s+the)?\s*$", re.IGNORECASE)


# "sorry winchcombe not winchester": the words put right, before the place it is not
_PUT_RIGHT = re.compile(r"^\W*(?:(?:sorry|soz|no|oops|i meant|meant|its|it's|it is|i mean)\W+)*(?P<words>[a-z][a-z' -]{2,30}?)"
                        r"\W+(?:not|rather than|instead of)\b", re.IGNORECASE)


# conversations_round23: "living in Chesterfield now, the Worksop address was old": the place said to be out of date
_NEGATION_AFTER = re.compile(r"^\W*(?:address|one|postcode|area)?\s*(?:was|is|'s)\s+(?:\w+\s+)?(?:old|wrong|out of date|"
                             r"outdated|a mistake|a typo|not right|incorrect)\b", re.IGNORECASE)


def _negated(text: str, mention: PlaceMention) -> bool:
    return bool(_NEGATION_BEFORE.search(text[max(0, mention.start - 14) : mention.start])
                or _NEGATION_AFTER.search(text[mention.end : mention.end + 30]))


# "oops no I meant Nottingham, I've got Cardiff on the brain": the place meant, whatever else is named
_MEANT_BEFORE = re.compile(r"\b(?:i meant|meant|i mean|should be|should have said|i should say)\s*$", re.IGNORECASE)


def without_negated(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Leave out a place the message says it is not, or others beside the one it says it meant."""
    meant = [m for m in mentions if _MEANT_BEFORE.search(text[max(0, m.start - 20) : m.start])]
    if meant and len(meant) < len(mentions):
        return meant
    kept = [m for m in mentions if not _negated(text, m)]
    return kept if kept else mentions


def _put_right_before(text: str, places: PlaceFinder) -> list[PlaceMention]:
    """A lower-case village before "not <place>" is read as if introduced as a place ("in winchcombe")."""
    said = _PUT_RIGHT.search(text)
    if not said:
        return []
    start = said.start("words")
    found = places.find("in " + said.group("words"))
    return [replace(m, start=m.start - 3 + start, end=m.end - 3 + start) for m in found if m.entity == "place"]


def _knowledge_entities(text: str) -> list[dict[str, Any]]:
    from knowledge import find_programme, find_programmes, find_topics

    found = []
    programme = find_programme(text)
    if programme:  # the longest name first, then every other programme named ("per DASH. TM eligible?")
        others = [p for p in find_programmes(text) if p.id != programme.id]
        for named in [programme, *others]:
            found.append(_entity("programme", named.id, *_span_of(text, named.names + named.exact_names)))
    for topic in find_topics(text)[:1]:
        found.append(_entity("topic", topic.id, *_span_of(text, topic.keywords)))
    return found


def _span_of(text: str, phrases: Any) -> tuple[int, int]:
    lowered = text.lower()
    for phrase in sorted(phrases, key=len, reverse=True):
        match = re.search(rf"\b{re.escape(phrase.lower())}", lowered)
        if match:
            return match.start(), match.end()
    return 0, 0


def _entity(name: str, value: str, start: int, end: int) -> dict[str, Any]:
    return {"entity": name, "value": value, "start": start, "end": end, "confidence_entity": 1.0}


_FILLER = re.compile(
    r"\b(?:in|near|around|at|the|area|postcode|it'?s|its|is|we'?re|i'?m|i am|based|work|working|what|how|about|"
    r"and|or|ok|okay|please|then|try|instead|nr|covering|of|we|he|she|they|he'?s|she'?s|they'?re|live|lives|living)\b|"
    r"[^\w\s]",
    re.IGNORECASE,
)


def is_only_a_place(text: str, entities: list[dict[str, Any]]) -> bool:
    """True when a message names a place or postcode and little else: 'Kendal', 'what about NG7?'."""
    spans = sorted((e["start"], e["end"]) for e in entities if e.get("entity") in ("place", "postcode"))
    if not spans:
        return False
    rest = text
    for start, end in reversed(spans):
        rest = rest[:start] + " " + rest[end:]
    return not _FILLER.sub(" ", rest).strip()


_CANCEL = {"cancel", "stop", "quit", "exit", "never mind", "nevermind", "forget it", "cancel that", "/cancel"}


def is_cancel_command(text: str) -> bool:
    """'cancel' and its plain equivalents, typed on their own, always mean cancel."""
    return re.sub(r"[^\w\s/]", "", (text or "").lower()).strip() in _CANCEL
