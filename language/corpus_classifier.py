"""What the three classifiers of meaning share: labelled lines read from a corpus folder, the intent training
data relabelled, and one kind of model (TF-IDF n-grams with balanced logistic regression) trained from them.

safety/classifier.py (danger), language/audience_classifier.py (who is writing) and
knowledge/topic_classifier.py (which guidance) each train one at start, in seconds, from our own text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection
from pathlib import Path

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

NLU_DIR = Path(__file__).resolve().parent.parent / "data" / "nlu"
_ENTITY = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")
WORDS = r"(?u)\b\w[\w']*\b"


def corpus_lines(directory: Path, labels: Collection[str]) -> list[tuple[str, str]]:
    """(text, label) from every *.jsonl file in `directory`; a line that doesn't parse or has another label is
    skipped."""
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


def intent_examples(label_of: Callable[[str], str | None], directory: Path = NLU_DIR) -> list[tuple[str, str]]:
    """The intent training data's examples, each with the label `label_of` gives its intent (None: left out)."""
    examples = []
    for path in sorted(directory.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []) or []:
            label = label_of(block["intent"]) if block.get("intent") else None
            if label is None:
                continue
            for line in str(block.get("examples", "")).splitlines():
                text = line.strip()
                if text.startswith("- "):
                    examples.append((_ENTITY.sub(lambda m: m.group(1) or m.group(2) or "", text[2:]), label))
    return examples


def train(examples: list[tuple[str, str]], features: list[tuple[str, tuple[int, int]]], c: float = 8.0) -> Pipeline:
    """A TF-IDF union over `features` (analyzer, n-gram range), then logistic regression with balanced classes so
    the largest class doesn't drown the rest."""
    union = make_union(*[
        TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True,
                        **({"token_pattern": WORDS} if analyzer == "word" else {}))
        for analyzer, ngrams in features])
    model = make_pipeline(union, LogisticRegression(C=c, class_weight="balanced", max_iter=3000))
    texts, labels = zip(*examples, strict=True)
    model.fit(list(texts), list(labels))
    return model


def probabilities(model: Pipeline, text: str) -> dict[str, float]:
    """P(label) for one (already normalised) text."""
    return {label: float(p) for label, p in zip(model.classes_, model.predict_proba([text])[0], strict=True)}
