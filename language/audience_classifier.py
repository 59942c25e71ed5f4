"""How likely a message is from a victim or survivor writing for herself, by meaning rather than by pattern.

TF-IDF word and character n-grams with logistic regression, trained on first use from
language/audience_corpus/*.jsonl (victims' and workers' messages written for it, many of them pairs that
differ only in whose abuse it is) and the intent training data (victim_support examples as victim, the
rest as worker). It trains in a few seconds, so the corpus is the model: nothing is downloaded or stored.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sklearn.pipeline import Pipeline

from language import corpus_classifier

CORPUS_DIR = Path(__file__).resolve().parent / "audience_corpus"
VICTIM, WORKER = "victim", "worker"
FEATURES = [("word", (1, 3)), ("char_wb", (2, 5))]
MAX_CHARS = 2000


def corpus_examples(directory: Path = CORPUS_DIR) -> list[tuple[str, str]]:
    """(text, label) pairs from every corpus file."""
    return corpus_classifier.corpus_lines(directory, (VICTIM, WORKER))


def nlu_examples() -> list[tuple[str, str]]:
    """The intent training data: 'victim_support' examples as victim, every other intent's as worker."""
    return corpus_classifier.intent_examples(lambda intent: VICTIM if intent == "victim_support" else WORKER)


@lru_cache(maxsize=1)
def shared_model() -> Pipeline:
    """One model per process, trained on first use (workers' lines far outnumber victims': classes are balanced)."""
    examples = corpus_examples() + nlu_examples()
    return corpus_classifier.train([(text.lower(), label) for text, label in examples], FEATURES)


def victim_probability(text: str, model: Pipeline | None = None) -> float:
    """P(a victim or survivor writing for herself); 0 for an empty message or a button payload."""
    sample = (text or "")[:MAX_CHARS].strip().lower()
    if not sample or sample.startswith("/"):
        return 0.0
    return corpus_classifier.probabilities(model or shared_model(), sample)[VICTIM]
