"""Spot messages about immediate danger, so the bot says 999 first whatever else it predicts.

Deliberately errs towards over-triggering: a needless 999 reminder costs a sentence,
a missed one could cost a life. A threat word needs an immediacy word (now, tonight,
outside...) unless the phrase is itself immediate ("being attacked").
"""

from __future__ import annotations

import re

_THREAT = re.compile(
    r"\b(knife|knives|gun|weapon|machete|axe|kill(?:ing|ed)?|murder|stab\w*|strangl\w*|chok(?:e|ing)|"
    r"hit(?:ting)?|beat(?:ing)?|attack\w*|hurt(?:ing)?|punch\w*|kick\w*|set fire|petrol|smash\w*|"
    r"threat\w*|locked (?:her|them|him|me) in|won't let (?:her|them|me) leave|hostage|bleeding|overdose)\b",
    re.IGNORECASE,
)
_NOW = re.compile(
    r"\b(now|right now|tonight|today|outside|at the door|at the house|in the house|currently|"
    r"at the moment|as we speak|on (?:his|her|their) way|coming round|coming over|just (?:turned|arrived|"
    r"showed)|is (?:here|there)|about to)\b",
    re.IGNORECASE,
)
_ALWAYS = re.compile(
    r"\b(being (?:attacked|stabbed|strangled|beaten|hit|hurt)|call(?:ing)? (?:999|the police) now|"
    r"emergency|in danger|(?:he|she|they)(?:'s| is| are) (?:going to|gonna) kill|life is in danger|"
    r"unconscious|not breathing)\b",
    re.IGNORECASE,
)


def is_immediate_danger(text: str) -> bool:
    """True when a message describes danger happening now or imminently."""
    if not text:
        return False
    sample = text[:2000]
    if _ALWAYS.search(sample):
        return True
    return bool(_THREAT.search(sample) and _NOW.search(sample))
