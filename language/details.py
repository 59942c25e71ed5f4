"""Details a worker adds about the man's family after a search ("he also has two older children").

Such a detail asks nothing new: what is local for him still stands, so the search is shown again in its
light (and the risk routes beside it when the message tells a risk). Plain Python, no Rasa.
"""

from __future__ import annotations

import re

from language.questions import questions_in

_CHILDREN = r"(?:kids?|children|child|son|sons|daughters?|baby|babies|step-?(?:kids|children|son|daughter)|little ones?|twins)"
_FATHER = r"(?:dad|father|daddy|step-?dad|stepfather)"
_FAMILY_DETAIL = re.compile(
    rf"\b(?:he|hes|he's|he has|he's got|hes got|he also has|he's also got|he has got)\b[^.?!]{{0,40}}\b{_CHILDREN}\b|"
    rf"\b(?:he'?s|he is|hes|he'?s also) (?:the |her |their |a |also the )?(?:baby'?s |babys |kids'? |children'?s )?{_FATHER}\b|"
    rf"\b(?:if|what if) (?:he'?s|he is|hes) not (?:the |their |her )?{_FATHER}\b|"
    rf"\b(?:mum'?s|mums|her|the mother'?s) (?:new )?(?:boyfriend|partner|fella|bloke)\b|"
    rf"\b(?:she'?s|she is|shes) (?:pregnant|expecting|due)\b|"
    rf"\b(?:has|gets|sees|got) (?:the |his )?{_CHILDREN} (?:every|at|on|most|some|alternate)\b|"
    rf"\b{_CHILDREN} (?:from|with) (?:a |his )?(?:previous|former|past|old|first|other) (?:relationship|partner|marriage)\b",
    re.IGNORECASE,
)
# Questions that ask something of their own ("how long is it?"): the detail doesn't stand for them.
_ASKED_ELSEWHERE = {"duration", "cost", "referral", "contact", "waiting", "schedule", "areas", "format", "stops"}
MAX_CHARS = 240  # a detail is a sentence or two; a long message says more than a detail


def adds_family_detail(text: str) -> bool:
    """Whether a short message tells about his children, his partner's pregnancy or his place in the family."""
    if not isinstance(text, str) or len(text) > MAX_CHARS or not _FAMILY_DETAIL.search(text):
        return False
    return not set(questions_in(text)) & _ASKED_ELSEWHERE
