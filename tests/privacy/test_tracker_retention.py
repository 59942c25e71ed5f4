"""Tracker retention and erasure on a real tracker store written by Rasa's SQLTrackerStore."""

from __future__ import annotations

import sqlite3

import pytest

from privacy import trackers
from tests.async_support import run
from tests.privacy.conftest import DAY, NOW

CUTOFF = NOW - 30 * DAY


def test_idle_conversations_are_deleted_whole_and_recent_ones_kept(rasa_trackers):
    old = rasa_trackers.save("old", [(NOW - 45 * DAY, ["old first"]), (NOW - 40 * DAY, ["old second"])])
    recent = rasa_trackers.save("recent", [(NOW - 2 * DAY, ["recent words"])])
    engine = trackers.open_store(rasa_trackers.url)

    counts = trackers.delete_older_than(engine, CUTOFF)

    assert counts == trackers.RetentionCounts(conversations=1, old_sessions=0, events=old)
    assert rasa_trackers.count("old") == 0
    assert rasa_trackers.count("recent") == recent
    assert rasa_trackers.texts("recent") == ["recent words"]


def test_conversation_in_use_loses_only_sessions_that_ended_before_the_cutoff(rasa_trackers):
    rasa_trackers.save("widget", [(NOW - 40 * DAY, ["forty days ago"]), (NOW - 35 * DAY, ["thirty-five days ago"]),
                                  (NOW - 1 * DAY, ["yesterday", "still yesterday"])])
    engine = trackers.open_store(rasa_trackers.url)

    counts = trackers.delete_older_than(engine, CUTOFF)

    assert (counts.conversations, counts.old_sessions, counts.events) == (0, 1, 2 * 6)
    assert rasa_trackers.texts("widget") == ["yesterday", "still yesterday"]
    assert rasa_trackers.texts("widget", full=False) == ["yesterday", "still yesterday"]  # what the bot loads


def test_a_session_running_across_the_cutoff_is_kept_whole(rasa_trackers):
    """Only whole sessions go: the one that started before the cutoff and is still going stays, with its start."""
    rasa_trackers.save("straddles", [(NOW - 40 * DAY, ["before"]), (NOW - 31 * DAY, ["started before the cutoff"])])
    rasa_trackers.say("straddles", "a day ago, same session", NOW - DAY)  # as if the session never expired
    engine = trackers.open_store(rasa_trackers.url)

    counts = trackers.delete_older_than(engine, CUTOFF)

    assert (counts.conversations, counts.old_sessions) == (0, 1)
    assert rasa_trackers.texts("straddles") == ["started before the cutoff", "a day ago, same session"]
    kept = run(rasa_trackers.rasa.retrieve_full_tracker("straddles"))
    assert kept.events[0].action_name == "action_session_start"  # the kept part still begins with its start


def test_nothing_old_means_nothing_deleted(rasa_trackers):
    rasa_trackers.save("fresh", [(NOW - DAY, ["hello"])])
    counts = trackers.delete_older_than(trackers.open_store(rasa_trackers.url), CUTOFF)
    assert counts == trackers.RetentionCounts(0, 0, 0)


def test_erase_deletes_every_session_of_one_conversation_only(rasa_trackers):
    erased = rasa_trackers.save("erase-me", [(NOW - 3 * DAY, ["one"]), (NOW - DAY, ["two"])])
    kept = rasa_trackers.save("someone-else", [(NOW - DAY, ["mine"])])
    engine = trackers.open_store(rasa_trackers.url)

    assert trackers.erase_conversation(engine, "erase-me") == erased
    assert trackers.erase_conversation(engine, "erase-me") == 0
    assert rasa_trackers.texts("erase-me") == []
    assert rasa_trackers.count("someone-else") == kept


def test_missing_store_is_not_created(tmp_path):
    missing = tmp_path / "nothing-here" / "trackers.db"
    assert trackers.open_store(f"sqlite:///{missing}") is None
    assert not missing.parent.exists()


def test_database_without_events_table_is_left_alone(tmp_path):
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    assert trackers.open_store(f"sqlite:///{path}") is None
    with sqlite3.connect(path) as connection:
        assert connection.execute("select name from sqlite_master").fetchall() == []


def test_tracker_url_follows_the_stack_settings():
    assert trackers.tracker_url({}) == "sqlite:///var/trackers.db"
    assert trackers.tracker_url({"SIGNPOST_TRACKER_DB": "/tmp/t.db"}) == "sqlite:////tmp/t.db"
    url = "postgresql+psycopg2://rasa:pw@db/trackers"
    assert trackers.tracker_url({"SIGNPOST_TRACKER_URL": url, "SIGNPOST_TRACKER_DB": "/tmp/t.db"}) == url
    assert trackers.safe_url(url) == "postgresql+psycopg2://rasa:***@db/trackers"


def test_postgres_dialect_without_url_asks_for_one():
    with pytest.raises(trackers.TrackerStoreError, match="SIGNPOST_TRACKER_URL"):
        trackers.tracker_url({"SIGNPOST_TRACKER_DIALECT": "postgresql", "SIGNPOST_TRACKER_DB": "rasa"})


def test_statements_compile_for_postgresql():
    """The same statements run on PostgreSQL in production: check they compile for its dialect."""
    from sqlalchemy import delete
    from sqlalchemy.dialects import postgresql

    dialect = postgresql.dialect()
    boundaries = " ".join(str(trackers._session_boundaries(1.0).compile(dialect=dialect)).split())
    assert "max(session_start.id) AS boundary" in boundaries and "GROUP BY session_start.sender_id" in boundaries
    idle = " ".join(str(delete(trackers.EVENTS).where(trackers.EVENTS.c.sender_id.in_(trackers._idle_conversations(1.0)))
                        .compile(dialect=dialect)).split())
    assert "GROUP BY events.sender_id HAVING max(events.timestamp) <" in idle
