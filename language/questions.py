"""Which follow-up questions a message asks about a service, so one message with two gets both answers.

"DAPP - how long, and is there a cost?" asks about duration and cost; the intent classifier names one.
"""

from __future__ import annotations

import re

_QUESTIONS = [
    ("duration", r"\bhow long\b|\bhow many (?:weeks|sessions|months|modules|people)\b|\bduration\b|"
                 r"\blast(?:s)?\b.{0,10}\bweeks?\b|\bgroup size\b|\bhow big\b|\bmodules?\b"),
    ("cost", r"\bcost\b|\bfree\b|\bfees?\b|\bpay\b|\bcharge[sd]?\b|\bhow much\b"),
    ("referral", r"\brefer(?:ral|ring)?\b|\bsign (?:him|her) up\b|\bhow do (?:i|we|you) get (?:him|her) on\b"),
    ("exclusions", r"\b(?:not )?suitable\b|\beligib\w*\b|\bwho (?:is it|it's) (?:for|not for)\b|\bcriteria\b|\bexclu\w*\b|"
                   r"\b(?:take|accept)s? (?:him|her|men|women|someone|people)\b"),
    ("partner_support", r"\bpartner support\b|\bsupport (?:for )?(?:the |his |her )?(?:partner|victim|survivor)\b"),
    ("accreditation", r"\baccredit\w*\b|\brespect standard\b"),
    ("contact", r"\bcontact details?\b|\bphone number\b|\bemail address\b|\bwho do i (?:call|ring|contact)\b"),
]
_COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _QUESTIONS]


def questions_in(text: str) -> list[str]:
    """The follow-up questions the message asks, in a fixed order."""
    return [name for name, pattern in _COMPILED if pattern.search(text or "")]
