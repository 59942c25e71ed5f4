"""The conversation lock on a real Redis: never two holders, even from separate replicas at once."""

from __future__ import annotations

import asyncio
import threading

import redis
from rasa.utils.endpoints import EndpointConfig

from bot.lock_store import AtomicRedisLockStore
from tests.async_support import run


def _store(server) -> AtomicRedisLockStore:  # type: ignore[no-untyped-def]
    return AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=server.port, password=server.password, db=0))


def _client(server) -> redis.Redis:  # type: ignore[no-untyped-def]
    return redis.Redis(host="127.0.0.1", port=server.port, password=server.password)


def _replica(server, conversation: str, turns: int) -> None:  # type: ignore[no-untyped-def]
    """One replica's event loop handling `turns` messages of one conversation at once."""
    store, counter = _store(server), _client(server)

    async def turn() -> None:
        async with store.lock(conversation):
            seen = int(counter.get(conversation) or 0)  # read, pause, write: wrong unless serialised
            await asyncio.sleep(0.002)
            counter.set(conversation, seen + 1)

    async def all_turns() -> None:
        await asyncio.gather(*[turn() for _ in range(turns)])

    asyncio.run(all_turns())


def test_four_replicas_never_hold_one_conversation_together(redis_server):
    """20 turns of one conversation from 4 replicas at once: every turn's update survives."""
    replicas = [threading.Thread(target=_replica, args=(redis_server, "lock-test", 5)) for _ in range(4)]
    for replica in replicas:
        replica.start()
    for replica in replicas:
        replica.join(timeout=60)
    assert int(_client(redis_server).get("lock-test")) == 20


def test_an_expired_lock_taken_by_another_is_not_released_by_the_first_holder(redis_server):
    """A holder that outlived its lock cannot free the lock another replica now holds."""
    first, second, key = _store(redis_server), _store(redis_server), "expiry-test"

    async def scenario() -> bool:
        late = first.lock(key, lock_lifetime=0.2)
        await late.__aenter__()
        await asyncio.sleep(0.3)  # the first holder's lock expires while it still works
        current = second.lock(key, lock_lifetime=5)
        await current.__aenter__()
        await late.__aexit__(None, None, None)  # the first holder finishes late
        still_held = _client(redis_server).get(second.key_prefix + key) is not None
        await current.__aexit__(None, None, None)
        return still_held

    assert run(scenario())
    assert _client(redis_server).get(second.key_prefix + key) is None
