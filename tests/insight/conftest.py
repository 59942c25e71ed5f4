"""Fixtures for the insight tests: a migrated database and fixed advisor hours (weekdays 09:00-17:00)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from directory import db
from handoff.hours import parse_hours
from tests.handoff.support import HOURS_YAML


@pytest.fixture
def insight_url(empty_directory_url: str) -> str:
    db.migrate(empty_directory_url)
    return empty_directory_url


@pytest.fixture
def engine(insight_url: str) -> Engine:
    return db.get_engine(insight_url)


@pytest.fixture
def hours():
    return parse_hours(HOURS_YAML, "test-hours.yml")
