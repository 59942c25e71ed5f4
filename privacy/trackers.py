"""Retention and erasure for Rasa's SQL tracker store (table `events`), on SQLite or PostgreSQL.

Knows only the columns it needs, so it follows Rasa's table without importing Rasa, and never
creates the table or (for SQLite) the database file: no tracker store means nothing to do.

Retention unit: a conversation (sender_id) is deleted whole once its last event is older than
the cutoff. A conversation still in use keeps its current session whole, but every earlier
session (Rasa starts one after 60 idle minutes, bot/domain.yml) that ended before the cutoff
is deleted too, so a long-lived widget conversation cannot keep old messages for ever.
Rasa only loads the events since the latest session start, so the bot never notices.
A conversation deleted whole loses its fence row too (bot/fencing.py, production tracker store).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, bindparam, delete, func, inspect, select
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.sql import ColumnElement, Select

from bot.fencing import FENCES
from directory import db

DEFAULT_TRACKER_DB = "var/trackers.db"
SESSION_START_ACTION = "action_session_start"

EVENTS = Table(
    "events", MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("action_name", String(255)),
)


class TrackerStoreError(Exception):
    """The tracker store settings cannot be used; the message says what to set."""


@dataclass(frozen=True)
class RetentionCounts:
    conversations: int  # deleted whole
    old_sessions: int  # conversations still in use whose earlier sessions were deleted
    events: int  # events deleted in all


def tracker_url(env: Mapping[str, str] | None = None) -> str:
    """SIGNPOST_TRACKER_URL, else SQLite at SIGNPOST_TRACKER_DB, else var/trackers.db (as scripts/stack.py sets them)."""
    env = os.environ if env is None else env
    url = env.get("SIGNPOST_TRACKER_URL", "").strip()
    if url:
        return url
    dialect = env.get("SIGNPOST_TRACKER_DIALECT", "").strip() or "sqlite"
    if dialect != "sqlite":
        raise TrackerStoreError(f"SIGNPOST_TRACKER_DIALECT is {dialect!r}: set SIGNPOST_TRACKER_URL to the tracker "
                                "store's SQLAlchemy URL (e.g. postgresql+psycopg2://user:password@host/db)")
    return f"sqlite:///{env.get('SIGNPOST_TRACKER_DB', '').strip() or DEFAULT_TRACKER_DB}"


def safe_url(url: str) -> str:
    """The URL with any password masked, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a valid SQLAlchemy URL)"


def sqlite_file_missing(url: str) -> bool:
    """True for a SQLite URL whose file does not exist (connecting would create an empty one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return False
    return not parsed.database or parsed.database == ":memory:" or not Path(parsed.database).exists()


def open_store(url: str, table: str = EVENTS.name) -> Engine | None:
    """An engine for the store at `url`, or None when it or its `table` does not exist yet (nothing to do)."""
    if sqlite_file_missing(url):
        return None
    engine = db.get_engine(url)
    with engine.connect() as connection:
        if not inspect(connection).has_table(table):
            engine.dispose()
            return None
    return engine


def _idle_conversations(cutoff: float) -> Select:
    """Sender ids whose newest event is older than `cutoff`."""
    return (select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
            .having(func.max(EVENTS.c.timestamp) < cutoff))


def _count(connection: Connection, query: Select) -> int:
    return connection.execute(select(func.count()).select_from(query.subquery())).scalar_one()


def _delete_idle_conversations(connection: Connection, cutoff: float) -> tuple[int, int]:
    """Delete whole conversations last active before `cutoff`; (conversations, events)."""
    idle = _idle_conversations(cutoff)
    conversations = _count(connection, idle)
    _delete_fences(connection, FENCES.c.sender_id.in_(idle))
    events = connection.execute(delete(EVENTS).where(EVENTS.c.sender_id.in_(idle))).rowcount
    return conversations, events


def _delete_fences(connection: Connection, which: ColumnElement) -> None:
    """Fence rows (one number per conversation id) exist only where the production tracker store ran."""
    if inspect(connection).has_table(FENCES.name):
        connection.execute(delete(FENCES).where(which))


def _session_boundaries(cutoff: float) -> Select:
    """Per conversation in use, the start of the session holding its first event at or after `cutoff`."""
    recent = (select(EVENTS.c.sender_id, func.min(EVENTS.c.id).label("first_id"))
              .where(EVENTS.c.timestamp >= cutoff).group_by(EVENTS.c.sender_id).subquery())
    starts = EVENTS.alias("session_start")
    return (select(starts.c.sender_id, func.max(starts.c.id).label("boundary"))
            .join(recent, recent.c.sender_id == starts.c.sender_id)
            .where(starts.c.type_name == "action", starts.c.action_name == SESSION_START_ACTION,
                   starts.c.id <= recent.c.first_id)
            .group_by(starts.c.sender_id))


def _delete_ended_sessions(connection: Connection, cutoff: float) -> tuple[int, int]:
    """In conversations still in use, delete the sessions whose last event is before `cutoff`."""
    boundaries = connection.execute(_session_boundaries(cutoff)).all()
    statement = delete(EVENTS).where(EVENTS.c.sender_id == bindparam("sender"), EVENTS.c.id < bindparam("boundary"))
    events = conversations = 0
    for sender_id, boundary in boundaries:
        deleted = connection.execute(statement, {"sender": sender_id, "boundary": boundary}).rowcount
        events += deleted
        conversations += deleted > 0
    return conversations, events


def delete_older_than(engine: Engine, cutoff: float) -> RetentionCounts:
    """Apply retention (see the module docstring) for a unix-time `cutoff`, in one transaction."""
    with engine.begin() as connection:
        conversations, idle_events = _delete_idle_conversations(connection, cutoff)
        in_use, session_events = _delete_ended_sessions(connection, cutoff)
    return RetentionCounts(conversations, in_use, idle_events + session_events)


def erase_conversation(engine: Engine, sender_id: str) -> int:
    """Delete every event of one conversation (all sessions); returns the number deleted."""
    with engine.begin() as connection:
        _delete_fences(connection, FENCES.c.sender_id == sender_id)
        return connection.execute(delete(EVENTS).where(EVENTS.c.sender_id == sender_id)).rowcount
