"""A small classifier of meaning for danger: immediate, risk or benign, trained on our own corpus.

TF-IDF character and word n-grams with logistic regression, trained on first use from
safety/corpus/*.jsonl (messages written for it by several authors in several styles) and the
ordinary questions of data/nlu (benign) with their emergency and serious_risk examples. It trains in
a few seconds, so the corpus is the model: nothing is downloaded or stored.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sklearn.pipeline import Pipeline

from language import corpus_classifier
from safety.lexicon import normalise

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
LABELS = ("immediate", "risk", "benign")
INTENT_LABELS = {"emergency": "immediate", "serious_risk": "risk", "victim_support": "risk"}
FEATURES = [("char_wb", (2, 5)), ("word", (1, 2))]


def corpus_examples(directory: Path = CORPUS_DIR) -> list[tuple[str, str]]:
    """(text, label) pairs from every corpus file."""
    return corpus_classifier.corpus_lines(directory, LABELS)


def nlu_examples() -> list[tuple[str, str]]:
    """The intent training data: 'emergency' examples as immediate, 'serious_risk' and 'victim_support' as risk,
    the rest benign."""
    return corpus_classifier.intent_examples(lambda intent: INTENT_LABELS.get(intent, "benign"))


def train(examples: list[tuple[str, str]]) -> Pipeline:
    """Fit the n-gram model on normalised text."""
    return corpus_classifier.train([(normalise(text), label) for text, label in examples], FEATURES)


@lru_cache(maxsize=1)
def shared_model() -> Pipeline:
    """One model per process, trained on first use from the corpus and the NLU data."""
    return train(corpus_examples() + nlu_examples())


def probabilities(text: str, model: Pipeline | None = None) -> dict[str, float]:
    """P(label) for a message; all zero for an empty one."""
    cleaned = normalise(text)
    if not cleaned:
        return {label: 0.0 for label in LABELS}
    return corpus_classifier.probabilities(model or shared_model(), cleaned)
