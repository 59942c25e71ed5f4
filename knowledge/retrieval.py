"""Retrieval over the knowledge base for messages the intent classifier was unsure of.

Before the bot asks "did you mean...?", a message may still name or describe an entry: TF-IDF over
each entry's title, names, keywords and summary (word and character n-grams, so typos and acronyms
still match) finds the closest one, and it is used only when it is clearly closest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_union

from knowledge.base import GuidanceTopic, Programme, find_programmes, find_topics, load_guidance, load_programmes, normalise

MIN_SCORE = 0.22
MIN_MARGIN = 0.04
# A message close to one of an entry's example questions ("why not put low and high risk men together?") is about
# that entry even when the classifier reads it as a search; a higher bar than retrieval over the whole entry.
EXAMPLE_SCORE = 0.40
EXAMPLE_MARGIN = 0.10  # over the closest example of any other entry: generic words ("domestic abuse", "is there") tie
# "does it work with perpetrators?" asks about the entry just given, not about one its words resemble
_ABOUT_THE_LAST_ANSWER = re.compile(r"^\W*(?:and |but |so |ok,? )?(?:does|is|can|will|would|did|has) (?:it|that|this|they)\b",
                                    re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    entry: Programme | GuidanceTopic
    score: float


def _document(entry: Programme | GuidanceTopic) -> str:
    if isinstance(entry, Programme):
        words = [entry.title, *entry.names, *entry.exact_names, *entry.names, entry.summary.split(".")[0]]
    else:
        words = [entry.title, *entry.keywords, *entry.keywords, entry.answer.split(".")[0]]
    return normalise(" . ".join(words))


def _fitted(documents: list[str]):  # type: ignore[no-untyped-def]
    """Word and character n-grams, so typos and acronyms still match; fitted on `documents`."""
    vectoriser = make_union(TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
                            TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True))
    return vectoriser, vectoriser.fit_transform(documents)


def _scores(vectoriser, matrix, query: str):  # type: ignore[no-untyped-def]
    """Cosine similarity of the query to each document (the union's two halves are each unit length)."""
    return (matrix @ vectoriser.transform([query]).T).toarray().ravel() / 2


@lru_cache(maxsize=1)
def _index():  # type: ignore[no-untyped-def]
    entries = [*load_programmes(), *load_guidance()]
    return (entries, *_fitted([_document(e) for e in entries]))


def retrieve(text: str, min_score: float = MIN_SCORE, min_margin: float = MIN_MARGIN) -> Hit | None:
    """The entry the message is clearly about, or None when nothing is close or two are equally close."""
    query = normalise(text or "")
    if len(query) < 3:
        return None
    entries, vectoriser, matrix = _index()
    scores = _scores(vectoriser, matrix, query)
    ranked = scores.argsort()[::-1]
    best, second = float(scores[ranked[0]]), float(scores[ranked[1]]) if len(ranked) > 1 else 0.0
    if best < min_score or best - second < min_margin:
        return None
    return Hit(entries[int(ranked[0])], best)


@lru_cache(maxsize=1)
def _example_index():  # type: ignore[no-untyped-def]
    asked = [(entry, question) for entry in load_programmes() for question in entry.asked_as]
    return ([entry for entry, _ in asked], *_fitted([normalise(q) for _, q in asked]))


def answered_by_example(text: str, min_score: float = EXAMPLE_SCORE) -> Programme | None:
    """The entry whose example question the message is clearly asking, or None."""
    entries, vectoriser, matrix = _example_index()
    query = normalise(text or "")
    if not entries or len(query) < 3 or _ABOUT_THE_LAST_ANSWER.search(query):
        return None
    scores = _scores(vectoriser, matrix, query)
    best = int(scores.argmax())
    others = [float(score) for score, entry in zip(scores, entries, strict=True) if entry.id != entries[best].id]
    if scores[best] < min_score or scores[best] - max(others, default=0.0) < EXAMPLE_MARGIN:
        return None
    return entries[best]


def best_entry(text: str) -> Programme | GuidanceTopic | None:
    """What an unsure message is about: a guidance topic its words name, a programme it names, else retrieval."""
    topics = find_topics(text)
    if topics:
        return topics[0]
    programmes = find_programmes(text)
    if programmes:
        return programmes[0]
    hit = retrieve(text)
    return hit.entry if hit else None
