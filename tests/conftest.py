"""Shared fixtures: a real SQLite directory database built once per data version, copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from directory import db
from directory.geography import build, sources
from directory.service_directory import ServiceDirectory
from directory.settings import PROJECT_ROOT
from directory.setup import prepare

TEMPLATE_DIR = PROJECT_ROOT / "var" / "test-templates"


def _template(seeded: bool) -> Path:
    """A migrated database with geography (and optionally the seed directory), built once."""
    path = TEMPLATE_DIR / f"{'seeded' if seeded else 'geo'}-{sources.data_version()}.db"
    if not path.exists():
        TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
        building = path.with_suffix(".building")
        building.unlink(missing_ok=True)
        url = f"sqlite:///{building}"
        if seeded:
            shutil.copy(_template(seeded=False), building)
            prepare(url)
        else:
            db.migrate(url)
            build.build(db.get_engine(url))
        db.get_engine(url).dispose()
        building.rename(path)
    return path


@pytest.fixture(scope="session")
def geography_template() -> Path:
    return _template(seeded=False)


@pytest.fixture(scope="session")
def seeded_template() -> Path:
    return _template(seeded=True)


@pytest.fixture
def empty_directory_url(tmp_path: Path, geography_template: Path) -> str:
    """A database with geography but no services."""
    target = tmp_path / "directory.db"
    shutil.copy(geography_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def seeded_directory_url(tmp_path: Path, seeded_template: Path) -> str:
    """A database with geography and the seed directory loaded."""
    target = tmp_path / "directory.db"
    shutil.copy(seeded_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def seeded_directory(seeded_directory_url: str) -> ServiceDirectory:
    return ServiceDirectory(seeded_directory_url)


@pytest.fixture(scope="session")
def shared_directory(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> ServiceDirectory:
    """Read-only seeded directory shared by a whole session (searches, resolution)."""
    target = tmp_path_factory.mktemp("shared") / "directory.db"
    shutil.copy(seeded_template, target)
    return ServiceDirectory(f"sqlite:///{target}")
