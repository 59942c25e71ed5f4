"""Rasa's own conversation and NLU tests, run against the trained model.

`rasa test core` replays tests/stories and fails on any wrong prediction; `rasa test nlu`
scores the held-out set in tests/nlu_holdout, which is never trained on.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from directory.settings import PROJECT_ROOT

pytestmark = pytest.mark.conversation


def _rasa(*args: str, env_db: str) -> subprocess.CompletedProcess:
    env = {"SIGNPOST_DATABASE_URL": env_db, "PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "bot.rasa_cli", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=1800)


def test_data_validates(seeded_directory_url):
    """Clean apart from responses only Rasa's built-in actions use (utter_restart, utter_ask_area...)."""
    result = _rasa("data", "validate", "--domain", "bot/domain.yml", "--data", "data", "--config", "bot/config.yml",
                   env_db=seeded_directory_url)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "No story structure conflicts found" in output
    built_in = ("utter_restart", "utter_default", "utter_ask_area", "utter_ask_rephrase")
    warnings = [line for line in output.splitlines() if "UserWarning" in line and not any(u in line for u in built_in)]
    assert not warnings, warnings


def test_story_predictions_are_all_correct(trained_model, seeded_directory_url, tmp_path: Path):
    result = _rasa("test", "core", "--model", str(trained_model), "--stories", "tests/stories", "--out",
                   str(tmp_path), "--fail-on-prediction-errors", env_db=seeded_directory_url)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_held_out_nlu_scores(trained_model, seeded_directory_url):
    out = PROJECT_ROOT / "results" / "nlu-holdout"
    result = _rasa("test", "nlu", "--model", str(trained_model), "--nlu", "tests/nlu_holdout", "--out", str(out),
                   env_db=seeded_directory_url)
    assert result.returncode == 0, result.stderr[-3000:]
    intents = json.loads((out / "intent_report.json").read_text())
    entities = json.loads((out / "SignpostEntityExtractor_report.json").read_text())
    # A regression guard; the measured figure is reported by bench/eval_nlu.py (goal 0.95).
    assert intents["macro avg"]["f1-score"] >= 0.85, intents["macro avg"]
    for entity in ("place", "postcode"):
        assert entities[entity]["f1-score"] >= 0.90, (entity, entities[entity])
