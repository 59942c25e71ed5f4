"""Tracker storage that fails honestly: connections tested before use, no silent in-memory fallback.

Rasa creates its SQL engine without `pool_pre_ping`, so after PostgreSQL restarts the first
message on every pooled connection fails. And Rasa wraps every tracker store in a
FailSafeTrackerStore that, when the database is down, quietly starts the conversation again in
process memory: the worker loses the context, replicas disagree, and nothing is saved. We would
rather answer "try again in a minute" (bot/channels.py) and keep the stored conversation intact.
"""

from __future__ import annotations

from typing import Any, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore, TrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain


class PingingSQLTrackerStore(SQLTrackerStore):
    """Configured exactly like Rasa's `type: SQL` tracker store (dialect, url, port, db, username, password)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)


def fail_on_tracker_store_errors() -> None:
    """Use the configured tracker store as it is, so its errors reach the channel; safe to call twice."""
    from rasa.core.agent import Agent

    def create_tracker_store(store: Optional[TrackerStore], domain: Domain) -> TrackerStore:
        if store is None:
            return InMemoryTrackerStore(domain)
        store.domain = domain
        return store

    Agent._create_tracker_store = staticmethod(create_tracker_store)  # type: ignore[method-assign]
