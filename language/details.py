"""Details a worker adds after a search: about the man's family ("he also has two older children"), or a
condition dropped ("ok just community then", "english is fine").

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
    rf"^\W*(?:and |also )?(?:has|has got|got|there'?s|there are) (?:\w+ ){{0,2}}{_CHILDREN}\b|"
    rf"\b(?:he'?s|he is|hes|he'?s also) (?:the |her |their |a |also the )?(?:baby'?s |babys |kids'? |children'?s )?{_FATHER}\b|"
    rf"\b(?:if|what if) (?:he'?s|he is|hes) not (?:the |their |her )?{_FATHER}\b|"
    rf"\b(?:mum'?s|mums|her|the mother'?s) (?:new )?(?:boyfriend|partner|fella|bloke)\b|"
    rf"\b(?:she'?s|she is|shes) (?:pregnant|expecting|due)\b|"
    rf"\b(?:has|gets|sees|got) (?:the |his )?{_CHILDREN} (?:every|at|on|most|some|alternate)\b|"
    rf"\b{_CHILDREN} (?:from|with) (?:a |his )?(?:previous|former|past|old|first|other) (?:relationship|partner|marriage)\b|"
    # conversations_round24: his circumstances added after a search ("Also ex-forces.", "he's out of work too")
    r"^\W*(?:also|and|oh and|plus)\W+(?:he'?s |hes |he is )?(?:ex-?forces|ex-?army|a veteran|unemployed|out of work|"
    r"homeless|on benefits)\b|\b(?:he'?s|hes|he is) (?:also )?(?:ex-?forces|ex-?army|a veteran|unemployed|out of work|"
    r"homeless)(?: too| as well)?\b",
    re.IGNORECASE,
)
# Questions that ask something of their own ("how long is it?"): the detail doesn't stand for them.
_ASKED_ELSEWHERE = {"duration", "cost", "referral", "contact", "waiting", "schedule", "areas", "format", "stops"}
MAX_CHARS = 240  # a detail is a sentence or two; a long message says more than a detail


def adds_family_detail(text: str) -> bool:
    """Whether a short message tells about his children, his partner's pregnancy, his place in the family or his
    circumstances (out of work, ex-forces): the search again in its light."""
    if not isinstance(text, str) or len(text) > MAX_CHARS or not _FAMILY_DETAIL.search(text):
        return False
    return not set(questions_in(text)) & _ASKED_ELSEWHERE


# "ok just community then", "ok just for him then", "english is fine", "fine, any day": a condition asked for in the
# search is dropped, so the search runs again without it.
_DROPPED = re.compile(
    r"^\W*(?:ok(?:ay)?|fine|right|alright|ah|oh|well|yeah|yes|no worries)?\W*(?:then\W+)?(?:just|only) "
    r"(?:the )?(?:community|for him|for the dad|for him then|group|groups?|one to one|one-to-one|1:1|in english|"
    r"standard|normal|regular|voluntary|the usual|usual)(?: one| ones| work| programmes?| services?| thing| option)?"
    r"(?: then| please| is fine)?\W*$|"
    r"\b(?:english|any day|any time|anytime|weekdays|daytime|days|evenings|either|any|group|whatever|"
    r"any length|longer|the length)\s+(?:is|are|would be|will be|'s)\s+(?:fine|ok|okay|alright|grand|good)\b|"
    r"\b(?:doesn'?t|does not) (?:have to|need to) be (?:weekends?|evenings?|short|in \w+|court mandated|in prison)\b|"
    r"\bw(?:ha)?t'?s the (?:shortest|quickest|soonest) (?:thing|one|option|programme|course)\b",
    re.IGNORECASE)


def drops_a_condition(text: str) -> bool:
    """Whether a short message drops a condition of the last search ("ok english is fine")."""
    return isinstance(text, str) and len(text) <= MAX_CHARS and bool(_DROPPED.search(text))
