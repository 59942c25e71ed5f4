"""Faults in the production shape, each followed by recovery without restarting anything else.

Each test breaks one part (action servers, PostgreSQL, a Rasa replica, Redis), checks what the
worker reads while it is broken, then brings the part back and checks the conversation goes on.
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.lock_store import DEFAULT_LIFETIME_S
from tests.production.support import say, tracker_events

pytestmark = pytest.mark.conversation

HELPLINE = "0808 802 4040"


def _sender() -> str:
    return f"fault-{uuid.uuid4().hex[:12]}"


def test_action_server_down_answers_with_the_helpline_not_silence(production_stack):
    """With no action server, a search gets an apology naming 999 and the Respect Phoneline."""
    url, sender = production_stack.config.rasa_url, _sender()
    names = [name for name in production_stack.processes if name.startswith("actions")]
    for name in names:
        production_stack.kill(name)
    try:
        reply = say(url, sender, "what's available in Kendal?")
    finally:
        for name in names:
            production_stack.start_process(name)
            production_stack.wait_for(name)
    assert reply.status == 200
    assert HELPLINE in reply.text and "999" in reply.text
    assert any("They Matter" in card["name"] for card in say(url, sender, "what's available in Kendal?").cards)


def test_database_down_gives_a_clear_answer_and_recovers_without_restart(production_stack, postgres):
    """PostgreSQL stopping mid-conversation gets an honest 'try again'; once it is back the conversation goes on."""
    url, sender = production_stack.config.rasa_url, _sender()
    assert "Which area" in say(url, sender, "what services are there in my area?").text
    postgres.stop()
    try:
        reply = say(url, sender, "Kendal")
    finally:
        postgres.restart()
    assert reply.status == 503
    assert "try again" in reply.text and HELPLINE in reply.text
    assert any("They Matter" in card["name"] for card in say(url, sender, "Kendal").cards)


def test_replica_killed_mid_conversation_the_other_continues_it(production_stack):
    """The replica holding a conversation dies; the next message is answered by the other, in context."""
    url, sender = production_stack.config.rasa_url, _sender()
    first = say(url, sender, "what services are there in my area?")
    assert "Which area" in first.text
    name = f"rasa-{first.replica}"
    production_stack.kill(name)
    try:
        reply = say(url, sender, "Kendal")
    finally:
        production_stack.start_process(name)
        production_stack.wait_for(name)
    assert reply.replica != first.replica
    assert any("They Matter" in card["name"] for card in reply.cards)


def test_redis_down_gives_an_honest_error_and_leaves_the_tracker_alone(production_stack, redis_server):
    """Without the lock store nothing is processed half-way: a clear error, the stored conversation unchanged."""
    config, sender = production_stack.config, _sender()
    assert "Which area" in say(config.rasa_url, sender, "what services are there in my area?").text
    before = tracker_events(config.replica_url(0), sender, config.token)
    redis_server.stop()
    try:
        reply = say(config.rasa_url, sender, "Kendal")
        after = tracker_events(config.replica_url(0), sender, config.token)
    finally:
        redis_server.start()
    assert reply.status == 503 and HELPLINE in reply.text
    assert after == before
    assert any("They Matter" in card["name"] for card in say(config.rasa_url, sender, "Kendal").cards)


def test_a_replica_stalled_past_its_lock_writes_nothing_and_says_so(production_stack):
    """Replica 0's turn hangs (its action server frozen) until its lock expires and replica 1 takes the
    conversation on; when replica 0 resumes, its turn is refused whole and its worker is told to try again."""
    config, sender = production_stack.config, _sender()
    assert "Which area" in say(config.replica_url(0), sender, "what services are there in my area?").text
    frozen = production_stack.processes["actions-0"].pid
    os.killpg(frozen, signal.SIGSTOP)
    try:
        with ThreadPoolExecutor(1) as pool:
            stalled = pool.submit(say, config.replica_url(0), sender, "Kendal", DEFAULT_LIFETIME_S * 3)
            time.sleep(DEFAULT_LIFETIME_S + 2)
            taken_over = say(config.replica_url(1), sender, "Carlisle")
            os.killpg(frozen, signal.SIGCONT)
            late = stalled.result()
    finally:
        os.killpg(frozen, signal.SIGCONT)
    assert taken_over.status == 200 and taken_over.cards
    assert late.status == 503 and "try again" in late.text and HELPLINE in late.text
    events = tracker_events(config.replica_url(1), sender, config.token)
    assert [e["text"] for e in events if e["event"] == "user"] == ["what services are there in my area?", "Carlisle"]
