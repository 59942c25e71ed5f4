"""Action tests read the seed directory, as the action server does on a running stack."""

from __future__ import annotations

import pytest


@pytest.fixture
def seed_directory(seeded_directory_url, monkeypatch):
    """The actions read the seed directory, as on a running stack."""
    from actions import shared

    monkeypatch.setenv("SIGNPOST_DATABASE_URL", seeded_directory_url)
    shared.service_directory.cache_clear()
    yield
    shared.service_directory.cache_clear()
