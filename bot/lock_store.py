"""A per-conversation lock on Redis that two Rasa replicas cannot both hold.

Rasa's open-source RedisLockStore issues tickets by read-modify-write (rasa#9213), so two
replicas can both think they hold a conversation and interleave its tracker. Here the lock is
one atomic `SET NX PX`, carrying a unique token; only the holder's token releases it.
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

logger = logging.getLogger(__name__)

# Delete the key only if it still holds our token (a lock that expired and was re-taken is not ours).
RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
DEFAULT_LIFETIME_S = 60.0
POLL_S = 0.02


class AtomicRedisLockStore(LockStore):
    """Mutual exclusion per conversation across replicas; waits up to the lock lifetime, then fails."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, client: Optional[redis.Redis] = None,
                 key_prefix: str = "signpost:lock:") -> None:
        kwargs = endpoint_config.kwargs if endpoint_config else {}
        self.red = client or redis.Redis(host=endpoint_config.url or "localhost", port=int(kwargs.get("port", 6379)),
                                         db=int(kwargs.get("db", 0)), password=kwargs.get("password") or None,
                                         socket_timeout=float(kwargs.get("socket_timeout", 5)),
                                         socket_connect_timeout=float(kwargs.get("socket_timeout", 5)))
        self.key_prefix = kwargs.get("key_prefix", key_prefix)
        self.lifetime_s = float(os.environ.get("TICKET_LOCK_LIFETIME", DEFAULT_LIFETIME_S))
        self._release = self.red.register_script(RELEASE_SCRIPT)
        super().__init__()

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = 0, wait_time_in_seconds: float = POLL_S
                   ) -> AsyncGenerator[TicketLock, None]:
        """Hold the conversation's lock for the block; raise LockError if it cannot be had in time."""
        lifetime = lock_lifetime or self.lifetime_s
        key, token = self.key_prefix + conversation_id, uuid.uuid4().hex
        await self._acquire(key, token, lifetime)
        try:
            yield TicketLock(conversation_id)
        finally:
            self._release(keys=[key], args=[token])

    async def _acquire(self, key: str, token: str, lifetime: float) -> None:
        deadline = time.monotonic() + lifetime
        while not self.red.set(key, token, nx=True, px=int(lifetime * 1000)):
            if time.monotonic() > deadline:
                raise LockError("Could not acquire the conversation lock in time.")
            await asyncio.sleep(POLL_S)

    # Rasa's ticket API, unused by `lock` above; kept so other Rasa code finds no lock to wait for.
    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        return None

    def delete_lock(self, conversation_id: str) -> None:
        self.red.delete(self.key_prefix + conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        """Nothing to save: the lock lives only as the Redis key taken in `lock`."""
