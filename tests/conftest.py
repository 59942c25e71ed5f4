"""Shared fixtures: a real SQLite directory database built once per data version, copied per test."""

from __future__ import annotations

import fcntl
import hashlib
import shutil
from pathlib import Path

import pytest

from directory import db
from directory.geography import build, sources
from directory.service_directory import ServiceDirectory
from directory.settings import PROJECT_ROOT
from directory.setup import SEED_FILE, prepare
from scripts.production import free_ports

TEMPLATE_DIR = PROJECT_ROOT / "var" / "test-templates"
pytest_plugins = ["tests.production_fixtures"]


def _template(seeded: bool) -> Path:
    """A migrated database with geography (and optionally the seed directory), built once."""
    migrations = sorted((PROJECT_ROOT / "directory" / "migrations" / "versions").glob("*.py"))
    version = sources.data_version() + "-" + hashlib.sha256(b"".join(p.read_bytes() for p in migrations)).hexdigest()[:8]
    base = _template(seeded=False) if seeded else None
    if seeded:
        version += "-" + hashlib.sha256(SEED_FILE.read_bytes()).hexdigest()[:8]
    path = TEMPLATE_DIR / f"{'seeded' if seeded else 'geo'}-{version}.db"
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    with open(TEMPLATE_DIR / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test runs at once must not build the same template together
        if not path.exists():
            _build_template(path, base)
    return path


def _build_template(path: Path, base: Path | None) -> None:
    """Build beside the final name and rename, so a half-built template is never used."""
    building = path.with_suffix(".building")
    building.unlink(missing_ok=True)
    url = f"sqlite:///{building}"
    if base:
        shutil.copy(base, building)
        prepare(url)
    else:
        db.migrate(url)
        build.build(db.get_engine(url))
    db.get_engine(url).dispose()
    building.rename(path)


@pytest.fixture(scope="session")
def geography_template() -> Path:
    return _template(seeded=False)


@pytest.fixture(scope="session")
def seeded_template() -> Path:
    return _template(seeded=True)


@pytest.fixture
def empty_directory_url(tmp_path: Path, geography_template: Path) -> str:
    """A database with geography but no services."""
    target = tmp_path / "empty-directory.db"
    shutil.copy(geography_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def seeded_directory_url(tmp_path: Path, seeded_template: Path) -> str:
    """A database with geography and the seed directory loaded."""
    target = tmp_path / "seeded-directory.db"
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


# --- The running assistant: real Rasa, action server and web app on free loopback ports ---

import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import urllib.request  # noqa: E402
import uuid  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from scripts.stack import Stack, StackConfig  # noqa: E402
from scripts.train_if_changed import model_path  # noqa: E402

# `make test` runs the live tests a second time against the production shape (tests/production_fixtures.py).
PRODUCTION_MODE = os.environ.get("SIGNPOST_TEST_STACK") == "production"


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The current model, trained first if the training data changed (as `make test` does)."""
    path = model_path()
    if not path.exists():
        subprocess.run([sys.executable, "-m", "scripts.train_if_changed"], cwd=PROJECT_ROOT, check=True)
    return path


@pytest.fixture(scope="session")
def live_stack(request: pytest.FixtureRequest) -> StackConfig:
    """Everything a worker's browser talks to: embedded as `make run` starts it, or the production shape."""
    if PRODUCTION_MODE:
        return request.getfixturevalue("production_stack").config
    return request.getfixturevalue("embedded_stack")


@pytest.fixture(scope="session")
def embedded_stack(trained_model: Path, seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> StackConfig:
    """One replica with SQLite, started as `make run` starts it, stopped afterwards."""
    workdir = tmp_path_factory.mktemp("stack")
    shutil.copy(seeded_template, workdir / "directory.db")
    config = StackConfig(rasa_port=free_ports(1), action_port=free_ports(1), web_port=free_ports(1),
                         database_url=f"sqlite:///{workdir / 'directory.db'}", tracker_db=workdir / "trackers.db",
                         log_dir=PROJECT_ROOT / "test-artifacts" / "stack-logs",
                         extra_env={"SIGNPOST_SERVICE_HOURS": str(PROJECT_ROOT / "tests" / "fixtures" / "always_open_hours.yml"),
                                    "SIGNPOST_CONSOLE_SECURE_COOKIE": "false"})
    stack = Stack(config, trained_model)
    stack.start()
    yield config
    stack.stop()


@dataclass
class RestChat:
    """One worker's conversation through Rasa's REST channel."""

    rasa_url: str
    sender: str

    def say(self, text: str) -> list[dict]:
        body = json.dumps({"sender": self.sender, "message": text}).encode()
        request = urllib.request.Request(f"{self.rasa_url}/webhooks/rest/webhook", body,
                                         {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    @staticmethod
    def text(messages: list[dict]) -> str:
        """All text the worker would read, cards included."""
        parts = []
        for message in messages:
            parts.append(message.get("text", ""))
            custom = message.get("custom") or {}
            parts.append(custom.get("text", "") if isinstance(custom, dict) else "")
            parts += [button.get("title", "") for button in message.get("buttons", [])]
        return "\n".join(p for p in parts if p)

    @staticmethod
    def cards(messages: list[dict]) -> list[dict]:
        return [card for m in messages if isinstance(m.get("custom"), dict) and m["custom"].get("type") ==
                "service_cards" for card in m["custom"]["cards"]]


@pytest.fixture
def chat(live_stack: StackConfig) -> RestChat:
    return RestChat(live_stack.rasa_url, f"test-{uuid.uuid4().hex[:12]}")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run: Playwright's sync API allows one loop per thread."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
