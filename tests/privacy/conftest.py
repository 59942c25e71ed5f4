"""Fixtures: a tracker store written by Rasa's own SQLTrackerStore, and a migrated handoff store."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from directory import db
from handoff.store import HandoffStore
from tests.async_support import run

DAY = 86400.0
NOW = 1_800_000_000.0  # a fixed "now" (January 2027) so cutoffs are exact


def session_events(start: float, texts: list[str]) -> list:
    """One Rasa session as Rasa writes it: session start, then a user message and a bot reply per text."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered

    events = [ActionExecuted("action_session_start", timestamp=start), SessionStarted(timestamp=start + 0.01),
              ActionExecuted("action_listen", timestamp=start + 0.02)]
    for i, text in enumerate(texts):
        at = start + 60 * (i + 1)
        events += [UserUttered(text, {"name": "greet", "confidence": 1.0}, timestamp=at),
                   BotUttered(f"reply to message {i}", timestamp=at + 1),
                   ActionExecuted("action_listen", timestamp=at + 2)]
    return events


class RasaTrackers:
    """Rasa's SQLTrackerStore (SQLite file, or a database on the test PostgreSQL), driven synchronously."""

    def __init__(self, url: str, **rasa_settings: object) -> None:
        from rasa.core.tracker_store import SQLTrackerStore
        from rasa.shared.core.domain import Domain

        self.url = url
        self.rasa = SQLTrackerStore(Domain.empty(), **rasa_settings)

    def save(self, sender_id: str, sessions: list[tuple[float, list[str]]]) -> int:
        """Store a conversation of (start time, texts) sessions; returns the number of events."""
        from rasa.shared.core.trackers import DialogueStateTracker

        events = [event for start, texts in sessions for event in session_events(start, texts)]
        run(self.rasa.save(DialogueStateTracker.from_events(sender_id, events)))
        return len(events)

    def say(self, sender_id: str, text: str, timestamp: float) -> None:
        """One more user message in the conversation's current session, saved the way Rasa saves it."""
        from rasa.shared.core.events import UserUttered

        tracker = run(self.rasa.retrieve(sender_id))
        tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}, timestamp=timestamp))
        run(self.rasa.save(tracker))

    def texts(self, sender_id: str, full: bool = True) -> list[str]:
        """User texts Rasa reads back: every session (full) or only the current one (what the bot sees)."""
        read = self.rasa.retrieve_full_tracker if full else self.rasa.retrieve
        tracker = run(read(sender_id))
        return [] if tracker is None else [e.text for e in tracker.events if e.type_name == "user"]

    def count(self, sender_id: str) -> int:
        with self.rasa.session_scope() as session:
            return session.query(self.rasa.SQLEvent).filter_by(sender_id=sender_id).count()


@pytest.fixture
def sqlite_trackers(tmp_path: Path) -> Iterator[RasaTrackers]:
    """A tracker store created by Rasa itself, as `make run` has it (SQLite)."""
    path = tmp_path / "trackers.db"
    store = RasaTrackers(f"sqlite:///{path}", dialect="sqlite", db=str(path))
    yield store
    store.rasa.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def rasa_trackers(request: pytest.FixtureRequest) -> Iterator[RasaTrackers]:
    """A tracker store created by Rasa itself, on each dialect Signpost runs on."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_trackers")
        return
    server = request.getfixturevalue("postgres")  # the suite's PostgreSQL (tests/production_fixtures.py)
    name = f"trackers_{uuid.uuid4().hex[:10]}"
    store = RasaTrackers(server.create_database(name), dialect="postgresql", host="127.0.0.1", port=server.port,
                         db=name, username=server.user, password=server.password)
    yield store
    store.rasa.engine.dispose()


@pytest.fixture
def handoff_store(tmp_path: Path) -> Iterator[HandoffStore]:
    """A freshly migrated database with the handoff tables (no geography: the tests need none)."""
    url = f"sqlite:///{tmp_path / 'signpost.db'}"
    db.migrate(url)
    yield HandoffStore(url)
    db.get_engine(url).dispose()
    with contextlib.suppress(OSError):
        (tmp_path / "signpost.db").unlink()
