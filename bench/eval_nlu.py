"""NLU quality on the held-out sets (tests/nlu_holdout, never trained on): intent macro-F1 and
place/postcode entity F1 over the whole folder and per file, plus the most common confusions.
holdout_fresh.yml was added later and never used to choose training data or settings, so its
figure is the one to trust. Writes bench/results/nlu.md."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from scripts.train_if_changed import ROOT, model_path

RESULTS = Path(__file__).resolve().parent / "results"


def _test(nlu: str, out: Path) -> dict:
    subprocess.run([sys.executable, "-m", "bot.rasa_cli", "test", "nlu", "--model", str(model_path()), "--nlu",
                    nlu, "--out", str(out)], cwd=ROOT, check=True, capture_output=True)
    return json.loads((out / "intent_report.json").read_text())


def main() -> str:
    out = ROOT / "results" / "nlu-holdout"
    per_file = {path.name: _test(str(path.relative_to(ROOT)), ROOT / "results" / f"nlu-holdout-{path.stem}")
                for path in sorted((ROOT / "tests" / "nlu_holdout").glob("*.yml"))}
    _test("tests/nlu_holdout", out)
    intents = json.loads((out / "intent_report.json").read_text())
    entities = json.loads((out / "SignpostEntityExtractor_report.json").read_text())
    errors = json.loads((out / "intent_errors.json").read_text())
    confusions = Counter((e["intent"], e["intent_prediction"]["name"]) for e in errors).most_common(8)
    lines = [
        "| measure | value |", "|---|---|",
        f"| intent macro-F1 (n={intents['macro avg']['support']}) | {intents['macro avg']['f1-score']:.3f} |",
        f"| intent accuracy | {intents['accuracy']:.3f} |",
    ]
    lines += [f"| intent macro-F1, {name} only (n={report['macro avg']['support']}) | {report['macro avg']['f1-score']:.3f} |"
              for name, report in per_file.items()]
    lines += [f"| entity F1, {name} (n={entities[name]['support']}) | {entities[name]['f1-score']:.3f} |"
              for name in ("place", "postcode") if name in entities]
    lines += ["", "Most common confusions (expected → predicted, count):", ""]
    lines += [f"- {a} → {b}: {n}" for (a, b), n in confusions]
    report = "\n".join(lines)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "nlu.md").write_text(report + "\n")
    print(report)
    return report


if __name__ == "__main__":
    main()
