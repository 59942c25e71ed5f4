"""A per-conversation lock on Redis that two Rasa replicas cannot both hold.

Rasa's open-source RedisLockStore issues tickets by read-modify-write (rasa#9213), so two
replicas can both think they hold a conversation and interleave its tracker. Here the lock is
one atomic `SET NX PX`, carrying a unique token; only the holder's token releases it. Each lock
also gets a fence number, larger than any earlier one for the conversation, which the tracker
store checks before it writes (bot/fencing.py): a holder whose lock expired writes nothing.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
import uuid
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Optional

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

from bot.fencing import Fence, holding

logger = logging.getLogger(__name__)

# Take the lock (KEYS[1]) if free; then the fence: Redis's clock in microseconds, or one more than the
# conversation's last fence (KEYS[2]) if the clock went back. Returns the fence, or nil if the lock is taken.
ACQUIRE_SCRIPT = """
if not redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
local now = redis.call('time')
local fence = tonumber(now[1]) * 1000000 + tonumber(now[2])
local last = tonumber(redis.call('get', KEYS[2]) or '0')
if fence <= last then fence = last + 1 end
redis.call('set', KEYS[2], string.format('%.0f', fence), 'PX', ARGV[3])
return string.format('%.0f', fence)
"""
# Delete the key only if it still holds our token (a lock that expired and was re-taken is not ours).
RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
# The last fence only guards against Redis's clock going back between two turns; a day is ample.
LAST_FENCE_KEPT_MS = 24 * 3600 * 1000
DEFAULT_LIFETIME_S = 60.0
LOCK_KEY_PREFIX, FENCE_KEY_PREFIX = "signpost:lock:", "signpost:fence:"  # apart, so no id can collide
POLL_S = 0.02


class AtomicRedisLockStore(LockStore):
    """Mutual exclusion per conversation across replicas; waits up to the lock lifetime, then fails."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, client: Optional[redis.Redis] = None,
                 key_prefix: str = LOCK_KEY_PREFIX, fence_key_prefix: str = FENCE_KEY_PREFIX) -> None:
        kwargs = endpoint_config.kwargs if endpoint_config else {}
        self.red = client or redis.Redis(host=endpoint_config.url or "localhost", port=int(kwargs.get("port", 6379)),
                                         db=int(kwargs.get("db", 0)), password=kwargs.get("password") or None,
                                         socket_timeout=float(kwargs.get("socket_timeout", 5)),
                                         socket_connect_timeout=float(kwargs.get("socket_timeout", 5)))
        self.key_prefix = kwargs.get("key_prefix", key_prefix)
        self.fence_key_prefix = kwargs.get("fence_key_prefix", fence_key_prefix)
        self.lifetime_s = float(os.environ.get("TICKET_LOCK_LIFETIME", DEFAULT_LIFETIME_S))
        self._acquire_script = self.red.register_script(ACQUIRE_SCRIPT)
        self._release = self.red.register_script(RELEASE_SCRIPT)
        super().__init__()

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = 0, wait_time_in_seconds: float = POLL_S
                   ) -> AsyncGenerator[TicketLock, None]:
        """Hold the conversation's lock, and its fence, for the block; LockError if it cannot be had in time."""
        lifetime = lock_lifetime or self.lifetime_s
        key, token = self.key_prefix + conversation_id, uuid.uuid4().hex
        fence = await self._acquire(key, self.fence_key_prefix + conversation_id, token, lifetime)
        try:
            with holding(Fence(conversation_id, fence)):
                yield TicketLock(conversation_id)
        finally:
            self._release(keys=[key], args=[token])

    async def _acquire(self, key: str, fence_key: str, token: str, lifetime: float) -> int:
        deadline = time.monotonic() + lifetime
        while (fence := self._acquire_script(keys=[key, fence_key],
                                             args=[token, int(lifetime * 1000), LAST_FENCE_KEPT_MS])) is None:
            if time.monotonic() > deadline:
                raise LockError("Could not acquire the conversation lock in time.")
            await asyncio.sleep(POLL_S)
        return int(fence)

    # Rasa's ticket API, unused by `lock` above; kept so other Rasa code finds no lock to wait for.
    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        return None

    def delete_lock(self, conversation_id: str) -> None:
        self.red.delete(self.key_prefix + conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        """Nothing to save: the lock lives only as the Redis key taken in `lock`."""
