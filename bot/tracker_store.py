"""Rasa's SQL tracker store, with connections tested before use.

Rasa creates its engine without `pool_pre_ping`, so after PostgreSQL restarts the first message
on every pooled connection fails. Testing the connection first lets a replica carry on at once.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs


class PingingSQLTrackerStore(SQLTrackerStore):
    """Configured exactly like Rasa's `type: SQL` tracker store (dialect, url, port, db, username, password)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
