"""Store round trips on the migrated database, restart safety, stale handoffs and retention."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, inspect

from directory import db
from directory.settings import PROJECT_ROOT
from handoff.callbacks import validate_form
from handoff.retention import run_retention
from handoff.store import Conflict, HandoffStore, NotFound
from tests.handoff.support import add_advisor
from tests.handoff.test_callbacks import GOOD

T0 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_migration_creates_handoff_tables(handoff_url):
    tables = set(inspect(db.get_engine(handoff_url)).get_table_names())
    assert {"handoff_request", "relayed_message", "callback_request", "advisor", "advisor_session",
            "audit_event"} <= tables
    assert "service" in tables  # same database, same Alembic history


def test_queue_oldest_first_and_positions(store):
    a = store.create_request("conv-a", {"area": "Leeds", "topic": "programmes"}, T0)
    b = store.create_request("conv-b", {"area": "York"}, T0 + timedelta(minutes=1))
    c = store.create_request("conv-c", None, T0 + timedelta(minutes=2))
    assert [r.conversation_id for r in store.queue()] == ["conv-a", "conv-b", "conv-c"]
    assert [store.position(r.id) for r in (a, b, c)] == [1, 2, 3]
    assert store.get(a.id).summary == {"area": "Leeds", "services_shown": [], "topic": "programmes"}


def test_create_is_idempotent_per_open_conversation(store):
    first = store.create_request("conv-a", {"area": "Leeds"}, T0)
    again = store.create_request("conv-a", {"area": "Leeds", "topic": "risk"}, T0 + timedelta(minutes=1))
    assert again.id == first.id
    assert store.get(first.id).summary["topic"] == "risk"
    store.close(first.id, "advisor", T0)
    assert store.create_request("conv-a", None, T0).id != first.id


def test_claim_once(store):
    sam = add_advisor(store, "sam")
    alex = add_advisor(store, "alex")
    request = store.create_request("conv-a", None, T0)
    claimed = store.claim(request.id, sam.id, T0 + timedelta(minutes=3))
    assert claimed.status == "active" and claimed.advisor_id == sam.id
    assert store.position(request.id) is None
    with pytest.raises(Conflict):
        store.claim(request.id, alex.id)
    with pytest.raises(NotFound):
        store.claim(9999, alex.id)
    assert [r.id for r in store.active(sam.id)] == [request.id]
    assert store.active(alex.id) == []


def test_messages_and_dedupe(store):
    sam = add_advisor(store)
    request = store.create_request("conv-a", None, T0)
    ts = T0.timestamp() + 5.25
    assert store.get(request.id).worker_cursor == T0.timestamp()  # relaying starts from the request
    assert store.add_message(request.id, "worker", "hello?", rasa_ts=ts, now=T0) is not None
    assert store.add_message(request.id, "worker", "hello?", rasa_ts=ts, now=T0) is None  # relayed already
    store.add_message(request.id, "advisor", "Hi, I'm Sam", advisor_id=sam.id, now=T0)
    messages = store.messages(request.id)
    assert [(m.direction, m.text) for m in messages] == [("worker", "hello?"), ("advisor", "Hi, I'm Sam")]
    assert store.get(request.id).worker_cursor == ts
    assert store.message_counts([request.id]) == {request.id: 1}
    with pytest.raises(ValueError):
        store.add_message(request.id, "bot", "x")


def test_close_and_close_stale(store):
    fresh = store.create_request("conv-fresh", None, T0 + timedelta(minutes=50))
    stale = store.create_request("conv-stale", None, T0)
    talking = store.create_request("conv-talking", None, T0)
    store.add_message(talking.id, "worker", "still here", rasa_ts=1.0, now=T0 + timedelta(minutes=45))
    closed = store.close_stale(timedelta(minutes=30), T0 + timedelta(minutes=60))
    assert [(c.id, c.closed_by) for c in closed] == [(stale.id, "timeout")]
    assert store.get(fresh.id).status == "queued"
    assert store.close(stale.id, "advisor") is False  # already closed
    assert store.close(fresh.id, "worker") is True
    assert store.get(fresh.id).closed_by == "worker"


def test_callbacks_round_trip(store):
    sam = add_advisor(store)
    first = store.add_callback(validate_form(GOOD), "conv-a", T0)
    second = store.add_callback(validate_form({**GOOD, "contact": "jo@example.org"}), None, T0 + timedelta(hours=1))
    assert [c.id for c in store.callbacks()] == [first, second]
    callback = store.get_callback(first)
    assert callback.contact == "07700 900123" and callback.consent_at == T0
    assert store.mark_callback_done(first, sam.id, T0) is True
    assert store.mark_callback_done(first, sam.id, T0) is False
    assert [c.id for c in store.callbacks()] == [second]
    assert [c.id for c in store.callbacks(include_done=True)] == [first, second]
    assert store.get_callback(first).done_by == sam.id
    with pytest.raises(NotFound):
        store.mark_callback_done(12345, sam.id)


def test_advisors_sessions_and_online(store):
    sam = add_advisor(store, "sam")
    with pytest.raises(Conflict):
        add_advisor(store, "sam")
    assert store.advisors_online(timedelta(minutes=5), T0) == 0
    session = store.create_session(sam.id, "h" * 64, "csrf", T0 + timedelta(hours=12), T0)
    assert store.advisors_online(timedelta(minutes=5), T0 + timedelta(minutes=4)) == 1
    assert store.advisors_online(timedelta(minutes=5), T0 + timedelta(minutes=6)) == 0
    store.touch_session(session.id, T0 + timedelta(minutes=6))
    assert store.advisors_online(timedelta(minutes=5), T0 + timedelta(minutes=7)) == 1
    assert store.session_by_token_hash("h" * 64)[1].username == "sam"
    store.delete_session(session.id)
    assert store.session_by_token_hash("h" * 64) is None


def test_audit_log(store):
    sam = add_advisor(store)
    store.audit(sam, "view_transcript", "handoff 1", T0)
    store.audit(None, "retention", "x", T0)
    log = store.audit_log()
    assert [(e.advisor_username, e.action) for e in log] == [(None, "retention"), ("sam", "view_transcript")]
    assert [e.action for e in store.audit_log(advisor_username="sam")] == ["view_transcript"]


def test_restart_safety_second_engine_sees_everything(handoff_url, store):
    """A new process (a fresh engine, not the cached one) on the same file sees the queue and messages."""
    sam = add_advisor(store)
    queued = store.create_request("conv-q", {"area": "Leeds"}, T0)
    active = store.create_request("conv-a", None, T0 + timedelta(seconds=1))
    store.claim(active.id, sam.id, T0)
    store.add_message(active.id, "worker", "are you there?", rasa_ts=5.0, now=T0)
    store.add_callback(validate_form(GOOD), None, T0)

    other = HandoffStore(engine=create_engine(handoff_url, future=True))
    try:
        assert [r.id for r in other.queue()] == [queued.id]
        assert other.get(active.id).advisor_id == sam.id
        assert [m.text for m in other.messages(active.id)] == ["are you there?"]
        assert len(other.callbacks()) == 1
        assert other.add_message(active.id, "worker", "are you there?", rasa_ts=5.0) is None
    finally:
        other.engine.dispose()


def test_restart_safety_across_processes(handoff_url, store):
    store.create_request("conv-from-parent", {"topic": "risk"})
    code = (
        "import sys; from handoff.store import HandoffStore; s = HandoffStore(sys.argv[1]); "
        "print(','.join(r.conversation_id for r in s.queue())); s.create_request('conv-from-child', None)"
    )
    out = subprocess.run([sys.executable, "-c", code, handoff_url], cwd=PROJECT_ROOT, capture_output=True,
                         text=True, check=True, env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "conv-from-parent"
    assert [r.conversation_id for r in store.queue()] == ["conv-from-parent", "conv-from-child"]


def test_retention_deletes_old_callbacks_and_transcripts(store):
    now = T0 + timedelta(days=40)
    sam = add_advisor(store)
    old_cb = store.add_callback(validate_form(GOOD), None, T0)
    new_cb = store.add_callback(validate_form(GOOD), None, now - timedelta(days=2))
    old = store.create_request("conv-old", None, T0)
    store.add_message(old.id, "worker", "old words", rasa_ts=1.0, now=T0)
    store.close(old.id, "advisor", T0 + timedelta(hours=1))
    # Still open after 40 days (should have timed out): its old messages go, the request stays.
    lingering = store.create_request("conv-lingering", None, T0)
    store.add_message(lingering.id, "worker", "old", rasa_ts=2.0, now=T0)
    recent = store.create_request("conv-new", None, now - timedelta(days=1))
    store.claim(recent.id, sam.id, now - timedelta(days=1))
    store.add_message(recent.id, "advisor", "recent words", advisor_id=sam.id, now=now - timedelta(days=1))

    counts = run_retention(store, 30, now)
    assert counts == {"callbacks": 1, "messages": 2, "handoffs": 1, "listing_flags": 0}
    assert [c.id for c in store.callbacks(include_done=True)] == [new_cb]
    with pytest.raises(NotFound):
        store.get(old.id)
    with pytest.raises(NotFound):
        store.get_callback(old_cb)
    assert store.messages(lingering.id) == []
    assert [m.text for m in store.messages(recent.id)] == ["recent words"]
    assert store.audit_log()[0].action == "retention"


def test_retention_command(handoff_url, store):
    store.add_callback(validate_form(GOOD), None, datetime.now(UTC) - timedelta(days=31))
    store.add_callback(validate_form(GOOD), None, datetime.now(UTC) - timedelta(days=29))
    out = subprocess.run([sys.executable, "-m", "handoff", "--database-url", handoff_url, "retention"],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin", "SIGNPOST_RETENTION_DAYS": "30"})
    assert "1 callback request(s)" in out.stdout
    assert len(store.callbacks()) == 1


def test_create_advisor_command(handoff_url, store):
    env = {"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "handoff", "--database-url", handoff_url, "create-advisor", "jo",
               "--display-name", "Jo", "--admin", "--password-stdin"]
    out = subprocess.run(command, input="a long enough password\n", cwd=PROJECT_ROOT, capture_output=True,
                         text=True, env=env)
    assert out.returncode == 0, out.stderr
    advisor = store.advisor_by_username("jo")
    assert advisor.is_admin and advisor.display_name == "Jo"
    assert advisor.password_hash.startswith("scrypt$131072$8$1$")
    again = subprocess.run(command, input="a long enough password\n", cwd=PROJECT_ROOT, capture_output=True,
                           text=True, env=env)
    assert again.returncode != 0 and "already exists" in again.stderr
    short = subprocess.run(command[:5] + ["create-advisor", "kim", "--password-stdin"], input="short\n", cwd=PROJECT_ROOT,
                           capture_output=True, text=True, env=env)
    assert short.returncode != 0 and "at least 12" in short.stderr
