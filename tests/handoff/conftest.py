"""Fixtures for the handoff package: a migrated database, fixed hours, the console beside a fake Rasa."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from directory import db
from handoff.hours import parse_hours
from handoff.store import HandoffStore
from tests.handoff.support import HOURS_YAML, console_for


@pytest.fixture
def handoff_url(empty_directory_url: str) -> str:
    """The shared test database (geography, no services) brought up to the newest migration."""
    db.migrate(empty_directory_url)
    yield empty_directory_url
    db.get_engine(empty_directory_url).dispose()
    with contextlib.suppress(OSError):
        Path(empty_directory_url.removeprefix("sqlite:///")).unlink()


@pytest.fixture
def store(handoff_url: str) -> HandoffStore:
    return HandoffStore(handoff_url)


@pytest.fixture
def hours():
    return parse_hours(HOURS_YAML, "test-hours.yml")


@pytest.fixture
def console_factory(handoff_url: str, hours) -> Callable[..., Any]:
    def factory(**kwargs: Any):
        return console_for(handoff_url, hours, **kwargs)

    return factory

