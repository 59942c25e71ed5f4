"""Train the Rasa model only when its inputs changed: config, domain, NLU components, data/ and the rule code.

bot/ also holds serving-time plugins (channels, lock store); they don't change the model, so they
are not hashed and editing them needs no retraining.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
INPUTS = [ROOT / "bot" / "config.yml", ROOT / "bot" / "domain.yml", ROOT / "bot" / "components.py",
          ROOT / "bot" / "intent_classifier.py", ROOT / "data",
          ROOT / "language"]


def inputs_hash() -> str:
    """Stable digest of every training input file."""
    digest = hashlib.sha256()
    for source in INPUTS:
        for path in [source] if source.is_file() else sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_path() -> Path:
    return MODELS / f"signpost-{inputs_hash()}.tar.gz"


def main() -> int:
    target = model_path()
    if target.exists():
        print(f"model up to date: {target.name}")
        return 0
    MODELS.mkdir(exist_ok=True)
    started = time.perf_counter()
    command = [sys.executable, "-m", "bot.rasa_cli", "train", "--config", "bot/config.yml", "--domain", "bot/domain.yml",
               "--data", "data", "--out", str(MODELS), "--fixed-model-name", target.name.removesuffix(".tar.gz")]
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        print("training failed; see the messages above", file=sys.stderr)
        return result.returncode
    for old in MODELS.glob("signpost-*.tar.gz"):
        if old != target:
            old.unlink()
    print(f"trained {target.name} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
