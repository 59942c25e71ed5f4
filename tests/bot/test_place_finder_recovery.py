"""A replica started while the directory database is down finds places once it is back (issue 15)."""

from __future__ import annotations

import shutil
from pathlib import Path

from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource

from bot.components import Backoff, SignpostEntityExtractor, _Gazetteer
from language.extract import extract_entities


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def places(extractor: SignpostEntityExtractor, text: str) -> list[str]:
    return [e["value"] for e in extract_entities(text, extractor.finder) if e["entity"] == "place"]


def test_the_place_finder_tries_again_after_the_database_comes_back(tmp_path: Path, seeded_template: Path, monkeypatch):
    monkeypatch.setattr(_Gazetteer, "_instance", None)
    monkeypatch.setenv("SIGNPOST_DATABASE_URL", "postgresql+psycopg2://nobody@127.0.0.1:1/signpost")  # nothing listens
    extractor = SignpostEntityExtractor(LocalModelStorage(tmp_path / "model"), Resource("extractor"))
    clock = FakeClock()
    extractor._retry = Backoff(clock=clock)
    assert places(extractor, "what's available in Kendal?") == []  # database down: no places, no crash

    shutil.copy(seeded_template, tmp_path / "directory.db")
    monkeypatch.setenv("SIGNPOST_DATABASE_URL", f"sqlite:///{tmp_path / 'directory.db'}")
    assert places(extractor, "what's available in Kendal?") == []  # not retried before its back-off
    clock.now += 1.5
    assert places(extractor, "what's available in Kendal?") == ["Kendal"]


def test_back_off_doubles_to_a_ceiling_and_resets_on_success():
    clock = FakeClock()
    backoff = Backoff(first=1, longest=4, clock=clock)
    assert [backoff.failed() for _ in range(4)] == [1, 2, 4, 4]
    assert not backoff.due()
    backoff.succeeded()
    assert backoff.due()
