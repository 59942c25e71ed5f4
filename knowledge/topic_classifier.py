"""Which safe-practice guidance topic a message needs, by meaning rather than by keyword.

Workers rarely name the unsafe idea ("can I pass him her new number so they can sort contact?"), so
keywords (knowledge.base.find_topics) and patterns (knowledge.unsafe_proposals) miss much of it. TF-IDF
word and character n-grams with logistic regression, trained on first use from knowledge/topic_corpus/*.jsonl
(messages written for it, with a 'none' class of ordinary questions that share the topics' words), each
topic's own keywords, and the intent training data's non-guidance questions as 'none'.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from knowledge.base import load_guidance, normalise

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = Path(__file__).resolve().parent / "topic_corpus"
NLU_DIR = ROOT / "data" / "nlu"
NONE = "none"
# Intents whose examples are never a request for guidance: the 'none' class learns ordinary questions from them.
ORDINARY_INTENTS = {"find_services", "inform", "ask_duration", "ask_cost", "ask_referral", "ask_contact", "ask_hours",
                    "ask_exclusions", "ask_service_details", "ask_programme", "more_results", "greet", "thank",
                    "goodbye", "affirm", "deny", "ask_accreditation", "ask_helpline_contact", "talk_to_human"}
_ENTITY = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")
MAX_CHARS = 2000


def corpus_examples(directory: Path = CORPUS_DIR) -> list[tuple[str, str]]:
    """(text, label) pairs from every corpus file whose label is a topic id or 'none'."""
    labels = {t.id for t in load_guidance()} | {NONE}
    examples = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(item, dict) and item.get("label") in labels and isinstance(item.get("text"), str):
                examples.append((item["text"], item["label"]))
    return examples


def keyword_examples() -> list[tuple[str, str]]:
    """Each topic's keywords and title as short examples of it."""
    return [(phrase, t.id) for t in load_guidance() for phrase in (t.title, *t.keywords)]


def ordinary_examples(directory: Path = NLU_DIR) -> list[tuple[str, str]]:
    """The intent training data's ordinary questions, as 'none'."""
    examples = []
    for path in sorted(directory.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []) or []:
            if block.get("intent") not in ORDINARY_INTENTS:
                continue
            for line in str(block.get("examples", "")).splitlines():
                text = line.strip()
                if text.startswith("- "):
                    examples.append((_ENTITY.sub(lambda m: m.group(1) or m.group(2) or "", text[2:]), NONE))
    return examples


def train(examples: list[tuple[str, str]]) -> Pipeline:
    """Fit the n-gram model with balanced classes."""
    features = make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w[\w']*\b"),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
    )
    model = make_pipeline(features, LogisticRegression(C=8.0, class_weight="balanced", max_iter=3000))
    texts, labels = zip(*[(normalise(text), label) for text, label in examples], strict=True)
    model.fit(list(texts), list(labels))
    return model


@lru_cache(maxsize=1)
def shared_model() -> Pipeline:
    """One model per process, trained on first use."""
    return train(corpus_examples() + keyword_examples() + ordinary_examples())


def topic_probabilities(text: str, model: Pipeline | None = None) -> dict[str, float]:
    """P(topic id) for a message, 'none' included; empty for an empty message or a button payload."""
    sample = normalise((text or "")[:MAX_CHARS])
    if not sample or (text or "").lstrip().startswith("/"):
        return {}
    model = model or shared_model()
    return {label: float(p) for label, p in zip(model.classes_, model.predict_proba([sample])[0], strict=True)}


def likely_topic(text: str, threshold: float) -> str | None:
    """The topic the message most likely needs, if the model is at least `threshold` sure of it (never 'none')."""
    probabilities = topic_probabilities(text)
    if not probabilities:
        return None
    best = max(probabilities, key=probabilities.__getitem__)
    return best if best != NONE and probabilities[best] >= threshold else None
