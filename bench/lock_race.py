"""Rasa's RedisLockStore against ours on a real Redis: 4 'replicas' x 5 concurrent turns of one conversation.

Each turn reads a counter, pauses 2 ms and writes it back while holding the conversation lock;
a correct lock ends at 20. Writes bench/results/lock_race.md. `python -m bench.lock_race`
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import redis
from rasa.core.lock_store import LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot.lock_store import AtomicRedisLockStore
from scripts.local_services import RedisServer
from scripts.production import free_ports
from scripts.stack import ROOT

RESULTS = Path(__file__).resolve().parent / "results"
REPLICAS, TURNS = 4, 5


def make_store(kind: str, server: RedisServer):  # type: ignore[no-untyped-def]
    if kind == "Rasa RedisLockStore":
        return RedisLockStore(host="127.0.0.1", port=server.port, password=server.password, db=0)
    return AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=server.port, password=server.password, db=0))


def replica(kind: str, server: RedisServer, failures: list[int]) -> None:
    store, counter = make_store(kind, server), redis.Redis.from_url(server.url())

    async def turn() -> None:
        try:
            async with store.lock("race", lock_lifetime=3, wait_time_in_seconds=0.005):
                seen = int(counter.get("counter") or 0)
                await asyncio.sleep(0.002)
                counter.set("counter", seen + 1)
        except LockError:
            failures.append(1)

    async def turns() -> None:
        await asyncio.gather(*[turn() for _ in range(TURNS)])

    asyncio.run(turns())


def measure(kind: str, server: RedisServer) -> str:
    redis.Redis.from_url(server.url()).flushall()
    failures: list[int] = []
    threads = [threading.Thread(target=replica, args=(kind, server, failures)) for _ in range(REPLICAS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    kept = int(redis.Redis.from_url(server.url()).get("counter") or 0)
    return f"| {kind} | {kept} of {REPLICAS * TURNS} | {len(failures)} |"


def main() -> None:
    server = RedisServer(ROOT / "var" / "lock-race-redis", free_ports(1))
    server.start()
    try:
        rows = [measure(kind, server) for kind in ("Rasa RedisLockStore", "AtomicRedisLockStore (ours)")]
    finally:
        server.stop()
    report = "\n".join(["| lock store | updates kept | turns that could not get the lock |", "|---|---|---|", *rows])
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "lock_race.md").write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
