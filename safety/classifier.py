"""A small classifier of meaning for danger: immediate, risk or benign, trained on our own corpus.

TF-IDF character and word n-grams with logistic regression, trained on first use from
safety/corpus/*.jsonl (messages written for it by several authors in several styles) and the
ordinary questions of data/nlu (benign) with their emergency and serious_risk examples. It trains in
a few seconds, so the corpus is the model: nothing is downloaded or stored.
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

from safety.lexicon import normalise

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
NLU_DIR = ROOT / "data" / "nlu"
LABELS = ("immediate", "risk", "benign")
INTENT_LABELS = {"emergency": "immediate", "serious_risk": "risk", "victim_support": "risk"}
_ENTITY = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")


def corpus_examples(directory: Path = CORPUS_DIR) -> list[tuple[str, str]]:
    """(text, label) pairs from every corpus file; a line that doesn't parse is skipped."""
    examples = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(item, dict) and item.get("label") in LABELS and isinstance(item.get("text"), str):
                examples.append((item["text"], item["label"]))
    return examples


def nlu_examples(directory: Path = NLU_DIR) -> list[tuple[str, str]]:
    """The intent training data: 'emergency' examples as immediate, 'serious_risk' and 'victim_support' as risk,
    the rest benign."""
    examples = []
    for path in sorted(directory.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []) or []:
            intent = block.get("intent")
            if not intent:
                continue
            label = INTENT_LABELS.get(intent, "benign")
            for line in str(block.get("examples", "")).splitlines():
                text = line.strip()
                if text.startswith("- "):
                    examples.append((_ENTITY.sub(lambda m: m.group(1) or m.group(2) or "", text[2:]), label))
    return examples


def train(examples: list[tuple[str, str]]) -> Pipeline:
    """Fit the n-gram model; the classes are balanced so the many benign lines don't drown the rest."""
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w[\w']*\b"),
    )
    model = make_pipeline(features, LogisticRegression(C=8.0, class_weight="balanced", max_iter=3000))
    texts, labels = zip(*[(normalise(text), label) for text, label in examples], strict=True)
    model.fit(list(texts), list(labels))
    return model


@lru_cache(maxsize=1)
def shared_model() -> Pipeline:
    """One model per process, trained on first use from the corpus and the NLU data."""
    return train(corpus_examples() + nlu_examples())


def probabilities(text: str, model: Pipeline | None = None) -> dict[str, float]:
    """P(label) for a message; all zero for an empty one."""
    cleaned = normalise(text)
    if not cleaned:
        return {label: 0.0 for label in LABELS}
    model = model or shared_model()
    values = model.predict_proba([cleaned])[0]
    return {label: float(p) for label, p in zip(model.classes_, values, strict=True)}
