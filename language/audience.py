"""Who is writing: a victim or survivor writing about herself (or himself), not a worker about a case.

Signpost is for workers who meet perpetrators; a victim who reaches it needs 999 if in danger and
routes for victim-survivors, not a perpetrator-programme search. First-person harm by a partner
("my husband hits me", "I'm being abused") marks it, unless the message is about a case or a visit.
"""

from __future__ import annotations

import re

_PARTNER = r"(?:partner|husband|hubby|boyfriend|bf|girlfriend|gf|wife|ex|ex-partner|ex-husband|fianc[eé]e?|other half)"
_HARM = (r"(?:hits?|hitting|hit|hurts?|hurting|hurt|beats?|beating|beat|abuses?|abusing|abused|controls?|controlling|"
         r"threatens?|threatening|threatened|strangle[sd]?|strangling|choke[sd]?|choking|punch(?:es|ed)?|kick(?:s|ed)?|"
         r"slap(?:s|ped)?|push(?:es|ed)?|rape[sd]?|forces?|forced|scares?|frightens?|stalks?|stalking|follows?|"
         r"won'?t let|doesn'?t let|makes?|keeps?)")
_VICTIM = [
    re.compile(rf"\bmy {_PARTNER}\b.{{0,60}}?\b{_HARM}\b.{{0,30}}?\bme\b", re.IGNORECASE),
    re.compile(rf"\b(?:he|she)\s+{_HARM}\s+(?:\w+\s+)?me\b", re.IGNORECASE),
    re.compile(r"\bi(?:'m|’m| am|m)\s+(?:being\s+)?(?:abused|hit|beaten|hurt|controlled|threatened|stalked|raped)\b",
               re.IGNORECASE),
    re.compile(r"\bi(?:'m|’m| am|m)\s+(?:a\s+)?(?:victim|survivor)\s+of\b", re.IGNORECASE),
    re.compile(rf"\b(?:scared|frightened|afraid|terrified)\s+of\s+my\s+{_PARTNER}\b", re.IGNORECASE),
    re.compile(r"\bam i (?:being )?abused\b|\bis (?:this|it) abuse\b.{0,40}\bme\b|\bme\b.{0,40}\bis (?:this|it) abuse\b",
               re.IGNORECASE),
    re.compile(r"\b(?:is|was|gets|has been) (?:violent|abusive|aggressive|controlling) (?:to|towards|with) me\b|"
               r"\b(?:putt?ing|puts|put) me down\b|\b(?:find|get|need) me a refuge\b|\bi need (?:a )?refuge\b|"
               r"\bforcing me to\b|\b(?:pics|photos|pictures|images|videos) of me\b|"
               r"\b(?:frightened|scared|afraid) to go home\b|\bmake me pay\b|\b(?:threaten(?:s|ed|ing)?|hurt|hit) me\b",
               re.IGNORECASE),
]
# A worker writing about a case or about their own safety on a visit.
_WORKER = re.compile(r"\b(?:client|clients|patient|patients|tenant|service user|caseload|pupil|family i work with|"
                     r"my role|colleague|on (?:a|the|my) (?:home )?visit|visiting (?:him|them|the family)|"
                     r"the (?:mum|dad|father|mother)|mum says|mum said|dad says|his partner|her partner)\b",
                     re.IGNORECASE)


def is_victim_writing(text: str) -> bool:
    """True when the message reads as someone describing abuse against themselves by a partner."""
    if not text or text.lstrip().startswith("/"):
        return False
    sample = text[:2000]
    return any(p.search(sample) for p in _VICTIM) and not _WORKER.search(sample)
