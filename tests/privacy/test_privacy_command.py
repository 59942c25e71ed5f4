"""The handoff store's erase, and `python -m privacy` on real databases (counts only on screen)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from directory.settings import PROJECT_ROOT
from handoff.callbacks import validate_form
from handoff.store import NotFound
from tests.handoff.test_callbacks import GOOD
from tests.privacy.conftest import DAY

T0 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
SECRET_TEXT = "my client keeps minimising"


def _conversation(store, conversation_id: str, now: datetime = T0) -> int:
    request = store.create_request(conversation_id, {"area": "Leeds"}, now)
    store.add_message(request.id, "worker", SECRET_TEXT, rasa_ts=now.timestamp(), now=now)
    store.add_callback(validate_form(GOOD), conversation_id, now)
    return request.id


def test_erase_conversation_deletes_its_handoffs_messages_and_callbacks_only(handoff_store):
    erased = _conversation(handoff_store, "erase-me")
    handoff_store.close(erased, "worker", T0)
    _conversation(handoff_store, "erase-me")  # a second handoff, still open
    kept = _conversation(handoff_store, "someone-else")

    counts = handoff_store.erase_conversation("erase-me")

    assert counts == {"callbacks": 2, "messages": 2, "handoffs": 2}
    with pytest.raises(NotFound):
        handoff_store.get(erased)
    assert [c.conversation_id for c in handoff_store.callbacks(include_done=True)] == ["someone-else"]
    assert [m.text for m in handoff_store.messages(kept)] == [SECRET_TEXT]
    entry = handoff_store.audit_log()[0]
    assert entry.action == "erase" and "erase-me" not in entry.subject and "callbacks 2" in entry.subject


def _privacy(*args: str, tracker_url: str | None = None, database_url: str | None = None,
             **env: str) -> subprocess.CompletedProcess:
    environment = {"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin", "RASA_TELEMETRY_ENABLED": "false", **env}
    if tracker_url:
        environment["SIGNPOST_TRACKER_URL"] = tracker_url
    if database_url:
        environment["SIGNPOST_DATABASE_URL"] = database_url
    return subprocess.run([sys.executable, "-m", "privacy", *args], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, env=environment, timeout=120)


def test_retention_command_runs_both_jobs(sqlite_trackers, handoff_store):
    now = datetime.now(UTC).timestamp()
    sqlite_trackers.save("idle", [(now - 40 * DAY, [SECRET_TEXT])])
    sqlite_trackers.save("in-use", [(now - 35 * DAY, ["older session"]), (now - DAY, ["today"])])
    sqlite_trackers.save("recent", [(now - DAY, ["hello"])])
    handoff_store.add_callback(validate_form(GOOD), "idle", datetime.now(UTC) - timedelta(days=31))
    handoff_store.add_callback(validate_form(GOOD), "recent", datetime.now(UTC) - timedelta(days=1))

    out = _privacy("retention", tracker_url=sqlite_trackers.url, database_url=str(handoff_store.engine.url),
                   SIGNPOST_RETENTION_DAYS="30")

    assert out.returncode == 0, out.stderr
    assert "deleted 1 conversation(s) whole and earlier sessions of 1 conversation(s) still in use; 12 event(s)" in out.stdout
    assert "1 callback request(s)" in out.stdout
    assert sqlite_trackers.count("idle") == 0 and sqlite_trackers.texts("in-use") == ["today"]
    assert [c.conversation_id for c in handoff_store.callbacks()] == ["recent"]
    assert SECRET_TEXT not in out.stdout + out.stderr and GOOD["organisation"] not in out.stdout + out.stderr


def test_retention_days_flag_overrides_the_setting(sqlite_trackers, handoff_store):
    now = datetime.now(UTC).timestamp()
    sqlite_trackers.save("ten-days", [(now - 10 * DAY, ["hello"])])
    out = _privacy("retention", "--days", "7", tracker_url=sqlite_trackers.url,
                   database_url=str(handoff_store.engine.url), SIGNPOST_RETENTION_DAYS="30")
    assert out.returncode == 0, out.stderr
    assert "older than 7 days: deleted 1 conversation(s)" in out.stdout


def test_erase_command_erases_tracker_and_handoff_data(sqlite_trackers, handoff_store):
    sqlite_trackers.save("erase-me", [(T0.timestamp(), [SECRET_TEXT])])
    sqlite_trackers.save("keep-me", [(T0.timestamp(), ["hello"])])
    _conversation(handoff_store, "erase-me")

    out = _privacy("erase", "erase-me", tracker_url=sqlite_trackers.url, database_url=str(handoff_store.engine.url))

    assert out.returncode == 0, out.stderr
    assert "Tracker store: erased 6 event(s)." in out.stdout
    assert "erased 1 handoff(s), 1 relayed message(s), 1 callback request(s)" in out.stdout
    assert sqlite_trackers.count("erase-me") == 0 and sqlite_trackers.count("keep-me") == 6
    assert handoff_store.callbacks() == []
    assert "erase-me" not in out.stdout and SECRET_TEXT not in out.stdout + out.stderr


def test_erase_of_unknown_conversation_says_nothing_was_held(tmp_path, handoff_store):
    out = _privacy("erase", "never-seen", tracker_url=f"sqlite:///{tmp_path / 'no-trackers.db'}",
                   database_url=str(handoff_store.engine.url))
    assert out.returncode == 0
    assert "Nothing was held for that conversation id" in out.stdout
    assert not (tmp_path / "no-trackers.db").exists()


@pytest.mark.parametrize("args, message", [
    (["retention", "--days", "0"], "--days must be at least 1"),
    (["retention", "--days", "soon"], "invalid int value"),
    (["erase", "  "], "conversation id must be"),
    (["erase"], "the following arguments are required: conversation_id"),
    (["forget"], "invalid choice"),
])
def test_bad_arguments_exit_2_with_the_reason(tmp_path, args, message):
    out = _privacy(*args, tracker_url=f"sqlite:///{tmp_path / 't.db'}", database_url=f"sqlite:///{tmp_path / 'h.db'}")
    assert out.returncode == 2
    assert message in out.stderr


def test_bad_settings_exit_2_with_what_to_set(tmp_path):
    out = _privacy("retention", database_url=f"sqlite:///{tmp_path / 'h.db'}", SIGNPOST_TRACKER_DIALECT="postgresql")
    assert out.returncode == 2 and "set SIGNPOST_TRACKER_URL" in out.stderr
    out = _privacy("retention", tracker_url=f"sqlite:///{tmp_path / 't.db'}", SIGNPOST_RETENTION_DAYS="a month")
    assert out.returncode == 2 and "SIGNPOST_RETENTION_DAYS must be a whole number" in out.stderr


def test_unreachable_database_exits_1_with_the_next_step(tmp_path):
    from scripts.production import free_ports

    url = f"postgresql+psycopg2://signpost:hunter2@127.0.0.1:{free_ports(1)}/trackers"
    out = _privacy("erase", "some-conversation", tracker_url=url, database_url=f"sqlite:///{tmp_path / 'h.db'}")
    assert out.returncode == 1
    assert "Could not use the tracker store at postgresql+psycopg2://signpost:***@127.0.0.1" in out.stderr
    assert "Check SIGNPOST_TRACKER_URL and that the database is running" in out.stderr
    assert "hunter2" not in out.stderr + out.stdout and "Traceback" not in out.stderr
