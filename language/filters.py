"""Filters a worker mentions in their own words ("for a woman", "he's on probation", "one-to-one").

Each pattern maps to an entity and a value from directory.vocabulary, so search filters
and the chat share one vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RULES: list[tuple[str, str, str]] = [
    # (entity, value, regex)
    ("gender", "female", r"\b(?:woman|women|female|she(?:'s| is) the (?:perpetrator|abuser)|"
                         r"for (?:a |the )?(?:mum|mother|her)|girlfriend who|wife who|"
                         # conversations_round25: the person using abuse put right
                         r"she'?s the one (?:being |who'?s |who is |been |who'?s been )?(?:abusive|violent|doing it|"
                         r"hurting (?:him|her)|hitting)|"
                         r"it'?s (?:actually )?her (?:that'?s|who'?s|who is) (?:abusive|violent|doing it)|"
                         r"(?<![\w'])f,? not m(?![\w']))\b"),
    ("gender", "male", r"\b(?:man|men|male|for (?:a |the )?(?:dad|father|him)|boyfriend who|husband who|"
                       r"he'?s the one (?:being |who'?s |who is )?(?:abusive|violent|doing it)|"
                       r"it'?s (?:actually )?him (?:that'?s|who'?s|who is) (?:abusive|violent|doing it)|"
                       r"(?<![\w'])m,? not f(?![\w']))\b"),
    ("risk", "high", r"\b(?:high[- ]?risk|high[- ]harm|marac|very dangerous|serious harm)\b"),
    ("risk", "medium", r"\b(?:medium[- ]?risk)\b"),
    ("risk", "standard", r"\b(?:standard[- ]?risk|low[- ]?risk|low[- ]level)\b"),
    # Only a programme asked for: a bare "dad" or "father" describes the man, and must not hide the
    # main programmes for an area behind the dads' programme.
    ("intervention_type", "parenting", r"\b(?:parenting|(?:dads?|fathers?)'?s?'? (?:programme|program|group|course|one)s?|"
                                       r"(?:programme|course|group)s? (?:for|with other) (?:dads|fathers)|"
                                       # conversations_round20: "a shorter one focused on him being a dad"
                                       r"(?:one|programme|course|group|something) (?:focused|focussed|centred) on "
                                       r"(?:him )?(?:being a (?:dad|father)|parenting|fatherhood))\b|"
                                       # conversations_round28: "is there a dads specific one there?"
                                       r"\b(?:dads?|fathers?)[- ]specific\b|"
                                       # conversations_round27: "Is there anything aimed specifically at fathers?"
                                       r"\b(?:anything|something|programmes?|courses?|groups?|one) (?:\w+ )?(?:aimed|targeted|"
                                       r"designed|specifically|just|only) (?:\w+ )?(?:at|for) (?:dads|fathers)\b|"
                                       r"^\W*(?:(?:just|only) )?(?:for )?(?:dads|fathers)(?: only| specifically)?\W*$"),
    ("intervention_type", "high_risk",
     r"\b(?:high[- ]?risk[- ]?(?:programme|intervention|service)s?|high[- ]harm)\b"),
    ("intervention_type", "early_response", r"\b(?:early (?:response|intervention|help)|worried about (?:his|her) behaviour)\b"),
    ("intervention_type", "partner_support", r"\b(?:partner support|support for (?:the )?(?:partner|victim|survivor)s?)\b"),
    ("intervention_type", "practitioner_training",
    r"\b(?:training for (?:me|us|staff|practitioners|workers)|practitioner training)\b"),
    ("intervention_type", "helpline", r"\b(?:helpline|advice line|phone ?line)\b"),
    # "group work" and "a group programme" ask for a format, which high-risk programmes share; a DAPP is a kind.
    ("intervention_type", "dapp_group", r"\b(?:dapps?|dvpps?|behaviour change programme)\b"),
    ("route", "probation", r"\b(?:on probation|probation|on licen[cs]e|crc|nps|court order)\b"),
    ("route", "self", r"\b(?:self[- ]?refer\w*|refer (?:him|her)self|refer themselves)\b"),
    # A referral by children's services asked for; a case's jargon ("CIN case", "CP plan") describes the family and
    # must not hide the main programmes (conversations_round17)
    ("route", "children_services", r"\b(?:referr\w* (?:from|by|through|via) children'?s services|"
                                   r"children'?s services (?:can |could |to )?refer\w*)\b"),
    ("route", "police", r"\b(?:police referral|referred by (?:the )?police)\b"),
    ("format", "one_to_one", r"\b(?:one[- ]to[- ]one|1[- :]?(?:to|2)[- :]?1|individually|individual (?:work|sessions?|basis))\b"),
    ("format", "group", r"\b(?:in a group|group sessions?|groups?)\b"),
    ("relationship", "same_sex", r"\b(?:same[- ]sex|gay|lesbian|male partner|female partner|his boyfriend|her girlfriend)\b"),
    ("interpreter", "yes", r"\b(?:interpreters?|translat\w+|doesn'?t speak (?:much )?english|limited english|"
                           r"english (?:is not|isn'?t) (?:his|her|their) first language)\b"),
]
# "not just the dads one", "other than a group": a kind or format set aside, not asked for.
_SET_ASIDE = re.compile(r"\b(?:not (?:just |only )?|other than |instead of |rather than |apart from )(?:the |a |an )?$",
                        re.IGNORECASE)
_COMPILED = [(entity, value, re.compile(pattern, re.IGNORECASE)) for entity, value, pattern in _RULES]
FILTER_ENTITIES = tuple(dict.fromkeys(entity for entity, _, _ in _RULES))  # the entities these rules fill
_SINGLE_VALUED = {"gender", "risk", "format"}
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5,
    "last": -1,
}
# "last" is the last card only as "the last (one)", "last one" or alone: "how long does it last?", "last night" are not
_ORDINAL = re.compile(r"\b(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th)(?: one| service| result)?\b|"
                      r"\b(?:number|no\.?|#)\s?([1-9])\b|"
                      r"\b(?:the (last)(?! (?:week|month|year|night|time|few|couple|visit|session|incident|fortnight|"
                      r"day|\d))|(last) (?:one|service|result)|^\W*(last)\W*$)(?: one| service| result)?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """An entity found by a rule: where it is in the text and its vocabulary value."""

    entity: str
    value: str
    start: int
    end: int
    text: str


def find_filters(text: str) -> list[Found]:
    """Filter mentions in `text`; one per (entity, value), earliest first."""
    matches = []
    for entity, value, pattern in _COMPILED:
        match = next((m for m in pattern.finditer(text) if not _SET_ASIDE.search(text[: m.start()])), None)
        if match:
            matches.append(Found(entity, value, match.start(), match.end(), match.group(0)))
    if any(f.value == "one_to_one" for f in matches):  # "been on a group, something 1 to 1?": one-to-one asked
        matches = [f for f in matches if f.value != "group"]
    kept: dict[str, Found] = {}
    for found in sorted(matches, key=lambda f: f.start):
        key = found.entity if found.entity in _SINGLE_VALUED else f"{found.entity}:{found.value}"
        kept.setdefault(key, found)  # the earliest mention wins: "a man who abuses women" -> male
    return sorted(kept.values(), key=lambda f: f.start)


def find_ordinal(text: str) -> Found | None:
    """'the second one' -> 2; 'last' -> -1."""
    match = _ORDINAL.search(text)
    if not match:
        return None
    word = match.group(1) or match.group(3) or match.group(4) or match.group(5)
    number = _ORDINALS[word.lower()] if word else int(match.group(2))
    return Found("ordinal", str(number), match.start(), match.end(), match.group(0))
