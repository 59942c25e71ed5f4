"""Which safe-practice guidance topic a message needs, by meaning rather than by keyword.

Workers rarely name the unsafe idea ("can I pass him her new number so they can sort contact?"), so
keywords (knowledge.base.find_topics) and patterns (knowledge.unsafe_proposals) miss much of it. TF-IDF
word and character n-grams with logistic regression, trained on first use from knowledge/topic_corpus/*.jsonl
(messages written for it, with a 'none' class of ordinary questions that share the topics' words), each
topic's own keywords, and the intent training data's non-guidance questions as 'none'.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sklearn.pipeline import Pipeline

from knowledge.base import load_guidance, normalise
from language import corpus_classifier

CORPUS_DIR = Path(__file__).resolve().parent / "topic_corpus"
NONE = "none"
# Intents whose examples are never a request for guidance: the 'none' class learns ordinary questions from them.
ORDINARY_INTENTS = {"find_services", "inform", "ask_duration", "ask_cost", "ask_referral", "ask_contact", "ask_hours",
                    "ask_exclusions", "ask_service_details", "ask_programme", "more_results", "greet", "thank",
                    "goodbye", "affirm", "deny", "ask_accreditation", "ask_helpline_contact", "talk_to_human"}
FEATURES = [("word", (1, 2)), ("char_wb", (3, 5))]
MAX_CHARS = 2000


def corpus_examples(directory: Path = CORPUS_DIR) -> list[tuple[str, str]]:
    """(text, label) pairs from every corpus file whose label is a topic id or 'none'."""
    return corpus_classifier.corpus_lines(directory, {t.id for t in load_guidance()} | {NONE})


def keyword_examples() -> list[tuple[str, str]]:
    """Each topic's keywords and title as short examples of it."""
    return [(phrase, t.id) for t in load_guidance() for phrase in (t.title, *t.keywords)]


def ordinary_examples() -> list[tuple[str, str]]:
    """The intent training data's ordinary questions, as 'none'."""
    return corpus_classifier.intent_examples(lambda intent: NONE if intent in ORDINARY_INTENTS else None)


@lru_cache(maxsize=1)
def shared_model() -> Pipeline:
    """One model per process, trained on first use."""
    examples = corpus_examples() + keyword_examples() + ordinary_examples()
    return corpus_classifier.train([(normalise(text), label) for text, label in examples], FEATURES)


def topic_probabilities(text: str, model: Pipeline | None = None) -> dict[str, float]:
    """P(topic id) for a message, 'none' included; empty for an empty message or a button payload."""
    sample = normalise((text or "")[:MAX_CHARS])
    if not sample or (text or "").lstrip().startswith("/"):
        return {}
    return corpus_classifier.probabilities(model or shared_model(), sample)


def likely_topic(text: str, threshold: float) -> str | None:
    """The topic the message most likely needs, if the model is at least `threshold` sure of it (never 'none')."""
    probabilities = topic_probabilities(text)
    if not probabilities:
        return None
    best = max(probabilities, key=probabilities.__getitem__)
    return best if best != NONE and probabilities[best] >= threshold else None
