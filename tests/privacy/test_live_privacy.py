"""Through the running assistant: no message text or contact details in the logs at INFO, and erase
removes a real conversation from Rasa's tracker store and the handoff store."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from directory.settings import PROJECT_ROOT
from handoff.store import HandoffStore
from privacy.trackers import EVENTS
from tests.production.support import tracker_events

pytestmark = pytest.mark.conversation


def _request_callback(chat, contact: str, reason: str) -> None:
    """The callback form as a worker fills it in (see tests/conversation/test_rest_conversations.py)."""
    assert "happy for us to store" in chat.text(chat.say("can someone call me back?"))
    assert "name" in chat.text(chat.say("yes")).lower()
    chat.say("health visitor")
    chat.say("Leeds Community Healthcare")
    chat.say(contact)
    chat.say("weekday mornings")
    assert "Thank you" in chat.text(chat.say(reason))


def _log_text(log_dir: Path) -> str:
    return "\n".join(path.read_text(errors="replace") for path in sorted(log_dir.rglob("*")) if path.is_file())


def _events(live_stack, sender: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return tracker_events(live_stack.rasa_api_url, sender, live_stack.token)


def test_logs_hold_no_text_or_contacts_and_erase_removes_the_conversation(chat, live_stack):
    tag = uuid.uuid4().hex[:10]
    marker = f"privacy marker {tag}: the dad on my caseload shouted at the nursery"
    phone = f"07700 900{int(tag[:6], 16) % 1000:03d}"
    email = f"privacy-{tag}@example.org"
    chat.say(marker)
    _request_callback(chat, phone, f"reason {tag}, about a dad who keeps minimising")
    _request_callback(chat, email, f"second reason {tag}")
    store = HandoffStore(live_stack.database_url)
    assert {c.contact for c in store.callbacks() if c.conversation_id == chat.sender} == {phone, email}
    assert any(e.get("text") == marker for e in _events(live_stack, chat.sender))

    logs = _log_text(live_stack.log_dir)
    for secret in (tag, phone, phone.replace(" ", ""), email):
        assert secret not in logs, f"{secret!r} appears in a log under {live_stack.log_dir}"

    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "SIGNPOST_TRACKER_URL": live_stack.tracker_url,
           "SIGNPOST_DATABASE_URL": live_stack.database_url}
    out = subprocess.run([sys.executable, "-m", "privacy", "erase", chat.sender], cwd=PROJECT_ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "2 callback request(s)" in out.stdout
    for secret in (tag, phone, email, chat.sender):
        assert secret not in out.stdout + out.stderr

    engine = create_engine(live_stack.tracker_url, future=True)
    with engine.connect() as connection:
        stored = connection.execute(select(func.count()).where(EVENTS.c.sender_id == chat.sender)).scalar_one()
    engine.dispose()
    assert stored == 0
    assert not any(e.get("event") == "user" for e in _events(live_stack, chat.sender))  # as Rasa sees it
    assert not [c for c in store.callbacks(include_done=True) if c.conversation_id == chat.sender]
