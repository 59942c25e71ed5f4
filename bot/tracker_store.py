"""Tracker storage that fails honestly: connections tested before use, fenced writes, no silent fallback.

Rasa creates its SQL engine without `pool_pre_ping`, so after PostgreSQL restarts the first
message on every pooled connection fails. And Rasa wraps every tracker store in a
FailSafeTrackerStore that, when the database is down, quietly starts the conversation again in
process memory: the worker loses the context, replicas disagree, and nothing is saved. We would
rather answer "try again in a minute" (bot/channels.py) and keep the stored conversation intact.
Under a fenced lock (bot/lock_store.py) every read and write first claims the conversation with
the turn's fence (bot/fencing.py), so a replica whose lock expired mid-turn writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore, TrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import Session

from bot.fencing import claim, create_fence_table, held_fence


class FencedSQLTrackerStore(SQLTrackerStore):
    """Configured exactly like Rasa's `type: SQL` tracker store (dialect, url, port, db, username, password)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        try:
            super().__init__(*args, **kwargs)
        except sa.exc.IntegrityError:  # Rasa tolerates a replica creating its tables at the same moment only as
            super().__init__(*args, **kwargs)  # OperationalError/ProgrammingError; PostgreSQL may say IntegrityError
        url = self.engine.url
        self.engine.dispose()
        # hide_parameters: a failed write's error text must not carry the conversation's events.
        self.engine = sa.create_engine(url, pool_pre_ping=True, hide_parameters=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        create_fence_table(self.engine)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        """Claim the conversation before reading it, so an older holder can no longer write what we read."""
        fence = held_fence(sender_id)
        if fence is not None:
            with self.session_scope() as session:
                if session.bind.dialect.name == "postgresql":
                    # Visible to every other transaction at once, without waiting for the disk: an extra
                    # flush per turn cost ~12% of throughput (bench/results/load_steps.md). Only a database
                    # crash in the same instant as a stalled replica could lose this claim.
                    session.execute(sa.text("SET LOCAL synchronous_commit TO OFF"))
                claim(session, fence)
                session.commit()
        return await super()._retrieve(sender_id, fetch_events_from_all_sessions)

    def _additional_events(self, session: Session, tracker: DialogueStateTracker) -> Iterator:
        """Claim the conversation in the saving transaction: a refused claim means nothing is written."""
        fence = held_fence(tracker.sender_id)
        if fence is not None:
            claim(session, fence)
        return super()._additional_events(session, tracker)


def fail_on_tracker_store_errors() -> None:
    """Use the configured tracker store as it is, so its errors reach the channel; safe to call twice."""
    from rasa.core.agent import Agent

    def create_tracker_store(store: Optional[TrackerStore], domain: Domain) -> TrackerStore:
        if store is None:
            return InMemoryTrackerStore(domain)
        store.domain = domain
        return store

    Agent._create_tracker_store = staticmethod(create_tracker_store)  # type: ignore[method-assign]
