"""How likely a message is from a victim or survivor writing for herself, by meaning rather than by pattern.

TF-IDF word and character n-grams with logistic regression, trained on first use from
language/audience_corpus/*.jsonl (victims' and workers' messages written for it, many of them pairs that
differ only in whose abuse it is) and the intent training data (victim_support examples as victim, the
rest as worker). It trains in a few seconds, so the corpus is the model: nothing is downloaded or stored.
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

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = Path(__file__).resolve().parent / "audience_corpus"
NLU_DIR = ROOT / "data" / "nlu"
VICTIM, WORKER = "victim", "worker"
_ENTITY = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")
MAX_CHARS = 2000


def corpus_examples(directory: Path = CORPUS_DIR) -> list[tuple[str, str]]:
    """(text, label) pairs from every corpus file; a line that doesn't parse is skipped."""
    examples = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(item, dict) and item.get("label") in (VICTIM, WORKER) and isinstance(item.get("text"), str):
                examples.append((item["text"], item["label"]))
    return examples


def nlu_examples(directory: Path = NLU_DIR) -> list[tuple[str, str]]:
    """The intent training data: 'victim_support' examples as victim, every other intent's as worker."""
    examples = []
    for path in sorted(directory.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []) or []:
            intent = block.get("intent")
            if not intent:
                continue
            label = VICTIM if intent == "victim_support" else WORKER
            for line in str(block.get("examples", "")).splitlines():
                text = line.strip()
                if text.startswith("- "):
                    examples.append((_ENTITY.sub(lambda m: m.group(1) or m.group(2) or "", text[2:]), label))
    return examples


def train(examples: list[tuple[str, str]]) -> Pipeline:
    """Fit the n-gram model with balanced classes (workers' lines far outnumber victims')."""
    features = make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 3), sublinear_tf=True, token_pattern=r"(?u)\b\w[\w']*\b"),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
    )
    model = make_pipeline(features, LogisticRegression(C=8.0, class_weight="balanced", max_iter=3000))
    texts, labels = zip(*[(text.lower(), label) for text, label in examples], strict=True)
    model.fit(list(texts), list(labels))
    return model


@lru_cache(maxsize=1)
def shared_model() -> Pipeline:
    """One model per process, trained on first use."""
    return train(corpus_examples() + nlu_examples())


def victim_probability(text: str, model: Pipeline | None = None) -> float:
    """P(a victim or survivor writing for herself); 0 for an empty message or a button payload."""
    sample = (text or "")[:MAX_CHARS].strip().lower()
    if not sample or sample.startswith("/"):
        return 0.0
    model = model or shared_model()
    return float(model.predict_proba([sample])[0][list(model.classes_).index(VICTIM)])
