"""Fencing tokens: a replica whose conversation lock expired cannot write that conversation's tracker.

A lock alone is not enough: a replica that stalls past the lock lifetime (60 s) still believes it
holds the lock while another replica takes it, and both then write the tracker. So every lock
comes with a fence number that only grows (bot/lock_store.py), the turn carries it in a context
variable, and the tracker store (bot/tracker_store.py) claims the conversation with it when it
reads and when it writes: a number lower than one already claimed is refused, nothing is written.
Knows nothing of Rasa; the table sits beside Rasa's `events` table (privacy/ deletes its rows too).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import BigInteger, Column, MetaData, String, Table, inspect, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, ProgrammingError
from sqlalchemy.orm import Session

FENCES = Table(
    "signpost_conversation_fences", MetaData(),
    Column("sender_id", String(255), primary_key=True),
    Column("fence", BigInteger, nullable=False),
)


class StaleConversationLock(Exception):
    """This turn's lock expired and another holder has since claimed the conversation."""


@dataclass(frozen=True)
class Fence:
    conversation_id: str
    number: int


_HELD: ContextVar[Optional[Fence]] = ContextVar("signpost_fence", default=None)


@contextmanager
def holding(fence: Fence) -> Iterator[None]:
    """Mark the current task (a turn) as holding `fence` for the duration of the block."""
    token = _HELD.set(fence)
    try:
        yield
    finally:
        try:
            _HELD.reset(token)
        except ValueError:  # finalised by the event loop in another context: nothing of ours to restore
            pass


def held_fence(conversation_id: str) -> Optional[Fence]:
    """The fence this turn holds for the conversation, or None outside a fenced lock."""
    fence = _HELD.get()
    return fence if fence is not None and fence.conversation_id == conversation_id else None


def create_fence_table(engine: Engine) -> None:
    """Create the fence table if it is missing. Replicas starting together race to create it (PostgreSQL then
    refuses the loser's CREATE TABLE); the loser finds it made and goes on."""
    try:
        FENCES.create(engine, checkfirst=True)
    except (IntegrityError, ProgrammingError):
        if not inspect(engine).has_table(FENCES.name):
            raise


def claim(connection: Connection | Session, fence: Fence) -> None:
    """Record `fence` as the conversation's newest; StaleConversationLock if a newer one is recorded.

    Runs inside the caller's transaction, so a refused claim rolls back whatever the caller wrote.
    """
    newer_or_equal = update(FENCES).where(FENCES.c.sender_id == fence.conversation_id,
                                          FENCES.c.fence <= fence.number).values(fence=fence.number)
    if connection.execute(newer_or_equal).rowcount:
        return
    recorded = connection.execute(select(FENCES.c.fence).where(FENCES.c.sender_id == fence.conversation_id)).scalar()
    if recorded is not None:
        raise StaleConversationLock(f"the lock on this conversation expired (fence {fence.number} < {recorded})")
    try:
        with connection.begin_nested():
            connection.execute(FENCES.insert().values(sender_id=fence.conversation_id, fence=fence.number))
    except IntegrityError:  # another holder inserted first: its number decides
        claim(connection, fence)

