"""Two Rasa replicas sharing PostgreSQL trackers and a Redis lock: one conversation, any replica."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from sqlalchemy import create_engine, select

from bot.fencing import FENCES
from bot.lock_store import FENCE_KEY_PREFIX
from tests.production.support import say, tracker_events

pytestmark = pytest.mark.conversation


def _sender() -> str:
    return f"prod-{uuid.uuid4().hex[:12]}"


def test_consecutive_messages_on_different_replicas_keep_the_conversation(production_stack):
    """The area question is asked by one replica and answered on the other, and the search still runs."""
    config, sender = production_stack.config, _sender()
    first = say(config.replica_url(0), sender, "what services are there in my area?")
    assert "Which area" in first.text
    second = say(config.replica_url(1), sender, "Kendal")
    assert any("They Matter" in card["name"] for card in second.cards)


def test_balancer_keeps_each_conversation_on_one_replica(production_stack):
    """Every message of a conversation is served by the same replica; conversations spread over both."""
    url = production_stack.config.rasa_url
    used = set()
    for _ in range(8):
        sender = _sender()
        replicas = {say(url, sender, text).replica for text in ("hello", "what's available in Kendal?", "thanks")}
        assert len(replicas) == 1
        used |= replicas
    assert used == {"0", "1"}


def _turns_are_whole(events: list[dict]) -> bool:
    """Each user message is followed by its own reply and a return to listening before the next one."""
    listening = True
    for event in events:
        if event["event"] == "user":
            if not listening:
                return False
            listening = False
        elif event["event"] == "action" and event["name"] == "action_listen":
            listening = True
    return listening


def test_interleaved_messages_across_replicas_keep_the_tracker_consistent(production_stack):
    """Messages of one conversation sent to both replicas at once are handled one at a time, none lost."""
    config, sender = production_stack.config, _sender()
    texts = [f"what's available in {place}?" for place in ("Kendal", "Carlisle", "Nottingham", "Leicester")] * 3
    with ThreadPoolExecutor(len(texts)) as pool:
        replies = list(pool.map(lambda pair: say(config.replica_url(pair[0] % 2), sender, pair[1]),
                                enumerate(texts)))
    assert all(reply.status == 200 and reply.cards for reply in replies)
    events = tracker_events(config.replica_url(0), sender, config.token)
    assert [e["text"] for e in events if e["event"] == "user"].__len__() == len(texts)
    assert _turns_are_whole(events)


def test_turns_through_either_replica_are_fenced(production_stack, redis_server):
    """Rasa's real message path carries the lock's fence to the tracker store: the stored fence is the latest lock's."""
    config, sender = production_stack.config, _sender()
    for turn, text in enumerate(("hello", "what services are there in my area?", "Kendal")):
        assert say(config.replica_url(turn % 2), sender, text).status == 200
    latest_lock = redis.Redis(host="127.0.0.1", port=redis_server.port, password=redis_server.password).get(
        FENCE_KEY_PREFIX + sender)
    engine = create_engine(config.tracker_url, future=True)
    with engine.connect() as connection:
        stored = connection.execute(select(FENCES.c.fence).where(FENCES.c.sender_id == sender)).scalar_one()
    engine.dispose()
    assert latest_lock is not None and stored == int(latest_lock)
