"""Fenced tracker writes on real PostgreSQL and Redis: a replica whose lock expired writes nothing."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.utils.endpoints import EndpointConfig
from sqlalchemy import create_engine, select

from bot.fencing import FENCES, StaleConversationLock, create_fence_table, held_fence
from bot.lock_store import AtomicRedisLockStore
from bot.tracker_store import FencedSQLTrackerStore
from privacy.trackers import delete_older_than, erase_conversation
from tests.async_support import run


@pytest.fixture
def trackers(postgres) -> FencedSQLTrackerStore:  # type: ignore[no-untyped-def]
    name = f"fenced_{uuid.uuid4().hex[:10]}"
    postgres.create_database(name)
    store = FencedSQLTrackerStore(Domain.empty(), dialect="postgresql", host="127.0.0.1", port=postgres.port, db=name,
                                  username=postgres.user, password=postgres.password)
    yield store
    store.engine.dispose()


def _locks(server) -> AtomicRedisLockStore:  # type: ignore[no-untyped-def]
    return AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=server.port, password=server.password, db=0))


def _user_texts(trackers: FencedSQLTrackerStore, conversation: str) -> list[str]:
    tracker = run(trackers.retrieve_full_tracker(conversation))
    return [event.text for event in tracker.events if event.type_name == "user"]


async def _say(trackers: FencedSQLTrackerStore, conversation: str, text: str) -> None:
    """One turn as Rasa does it under the lock: read the tracker, add the message, save."""
    tracker = await trackers.get_or_create_tracker(conversation)
    tracker.update(UserUttered(text))
    await trackers.save(tracker)


async def _stalled_turn(locks: AtomicRedisLockStore, trackers: FencedSQLTrackerStore, conversation: str,
                        stalled: asyncio.Event, resume: asyncio.Event) -> str:
    """A replica's turn that stalls past its lock's lifetime (0.2 s) between reading and saving."""
    async with locks.lock(conversation, lock_lifetime=0.2):
        tracker = await trackers.get_or_create_tracker(conversation)
        tracker.update(UserUttered("written after the lock expired"))
        stalled.set()
        await resume.wait()
        try:
            await trackers.save(tracker)
            return "saved"
        except StaleConversationLock:
            return "refused"


async def _next_turn(locks: AtomicRedisLockStore, trackers: FencedSQLTrackerStore, conversation: str,
                     stalled: asyncio.Event, resume: asyncio.Event, resume_after_read: bool) -> None:
    """The other replica's turn, once the stalled one's lock has expired; lets it resume after reading or saving."""
    await stalled.wait()
    await asyncio.sleep(0.3)
    async with locks.lock(conversation):
        tracker = await trackers.get_or_create_tracker(conversation)
        if resume_after_read:
            resume.set()
            await asyncio.sleep(0.1)  # the stalled turn tries to save now
        tracker.update(UserUttered("the next turn, on the other replica"))
        await trackers.save(tracker)
    resume.set()


@pytest.mark.parametrize("resume_after_read", [False, True], ids=["after-the-next-save", "after-the-next-read"])
def test_a_replica_whose_lock_expired_cannot_save_over_the_next_holder(trackers, redis_server, resume_after_read):
    """Once the next holder has read the conversation, the stalled replica's save is refused, whole."""
    conversation = f"fence-{resume_after_read}"

    async def scenario() -> str:
        async with _locks(redis_server).lock(conversation):
            await _say(trackers, conversation, "first turn")
        stalled, resume = asyncio.Event(), asyncio.Event()
        outcome, _ = await asyncio.gather(
            _stalled_turn(_locks(redis_server), trackers, conversation, stalled, resume),
            _next_turn(_locks(redis_server), trackers, conversation, stalled, resume, resume_after_read))
        return outcome

    assert run(scenario()) == "refused"
    assert _user_texts(trackers, conversation) == ["first turn", "the next turn, on the other replica"]


def test_consecutive_turns_from_either_replica_all_save(trackers, redis_server):
    replicas, conversation = [_locks(redis_server), _locks(redis_server)], "fence-normal"

    async def scenario() -> list[int]:
        fences = []
        for turn in range(6):
            async with replicas[turn % 2].lock(conversation):
                fences.append(held_fence(conversation).number)
                await _say(trackers, conversation, f"turn {turn}")
        return fences

    fences = run(scenario())
    assert fences == sorted(set(fences))  # strictly increasing
    assert _user_texts(trackers, conversation) == [f"turn {turn}" for turn in range(6)]


def test_fences_keep_growing_when_the_redis_clock_goes_back(redis_server):
    locks, conversation = _locks(redis_server), "fence-clock"
    future = int(time.time() * 1_000_000) + 10**12  # the last fence was taken by a clock 11 days ahead
    redis.Redis(host="127.0.0.1", port=redis_server.port, password=redis_server.password).set(
        locks.fence_key_prefix + conversation, future)

    async def fence() -> int:
        async with locks.lock(conversation):
            return held_fence(conversation).number

    assert run(fence()) == future + 1


def test_saving_outside_a_lock_is_rasas_behaviour(trackers):
    """The embedded mode and Rasa's unlocked paths hold no fence: saves go through as Rasa's do."""
    run(_say(trackers, "no-lock", "hello"))
    assert _user_texts(trackers, "no-lock") == ["hello"]


def test_erasure_and_retention_remove_fence_rows(trackers, redis_server):
    locks = _locks(redis_server)

    async def turns() -> None:
        for conversation in ("fence-erase", "fence-retention", "fence-kept"):
            async with locks.lock(conversation):
                await _say(trackers, conversation, "hello")

    run(turns())
    engine = create_engine(str(trackers.engine.url.render_as_string(hide_password=False)), future=True)
    with engine.begin() as connection:  # make one conversation old enough for retention
        connection.exec_driver_sql("UPDATE events SET timestamp = 1 WHERE sender_id = 'fence-retention'")
    erase_conversation(engine, "fence-erase")
    delete_older_than(engine, time.time() - 3600)
    with engine.connect() as connection:
        assert connection.execute(select(FENCES.c.sender_id)).scalars().all() == ["fence-kept"]
    engine.dispose()


def test_replicas_starting_together_both_find_the_fence_table(postgres):  # type: ignore[no-untyped-def]
    """Two replicas create the table at once on real PostgreSQL (the CI run that found this lost rasa-0)."""
    engine = create_engine(postgres.create_database(f"race_{uuid.uuid4().hex[:8]}"))
    barrier = threading.Barrier(4)

    def start_replica() -> None:
        barrier.wait()
        create_fence_table(engine)

    with ThreadPoolExecutor(4) as pool:
        for outcome in [pool.submit(start_replica) for _ in range(4)]:
            outcome.result()  # none raises
    with engine.connect() as connection:
        assert connection.execute(select(FENCES.c.fence)).all() == []
