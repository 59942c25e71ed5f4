"""Handoff tables, on the directory's declarative Base so one Alembic history covers every table.

Times are stored as naive UTC (SQLite has no time zones) and come back as aware UTC datetimes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship
from sqlalchemy.types import TypeDecorator

from directory.models import Base

STATUSES = ("queued", "active", "closed")
# What a console account may do; admins grant them. An account without "advisor" never counts as on shift.
ROLES = {
    "advisor": "takes chats and callbacks from workers",
    "directory": "keeps the directory of interventions current",
    "commissioner": "reads anonymous figures of demand and gaps",
}
DIRECTIONS = ("worker", "advisor")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; naive UTC in the database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("handoff times must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Advisor(Base):
    __tablename__ = "advisor"
    id = Column(Integer, primary_key=True, autoincrement=True)
    username = Column(String(100), nullable=False, unique=True)
    display_name = Column(String(100), nullable=False)
    password_hash = Column(String(300), nullable=False)
    failed_attempts = Column(Integer, nullable=False, default=0)
    locked_until = Column(UTCDateTime)
    is_admin = Column(Boolean, nullable=False, default=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    role_rows = relationship("AdvisorRole", lazy="selectin", cascade="all, delete-orphan")

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(row.role for row in self.role_rows)

    def has_role(self, role: str) -> bool:
        return role in self.roles


class AdvisorRole(Base):
    """One role an account holds (ROLES); a row per role, so "who is on shift" is a plain join."""

    __tablename__ = "advisor_role"
    advisor_id = Column(ForeignKey("advisor.id", ondelete="CASCADE"), primary_key=True)
    role = Column(String(20), primary_key=True)


class AdvisorSession(Base):
    """A signed-in console; the cookie holds a random token, the table only its SHA-256."""

    __tablename__ = "advisor_session"
    id = Column(Integer, primary_key=True, autoincrement=True)
    advisor_id = Column(ForeignKey("advisor.id", ondelete="CASCADE"), nullable=False, index=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    last_seen_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    expires_at = Column(UTCDateTime, nullable=False)


class HandoffRequest(Base):
    """A worker's request to talk to an advisor: queued, then active once claimed, then closed."""

    __tablename__ = "handoff_request"
    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    status = Column(String(10), nullable=False, default="queued")
    # What the bot gathered: {"area": ..., "services_shown": [...], "topic": ...}.
    summary = Column(JSON, nullable=False, default=dict)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    claimed_at = Column(UTCDateTime)
    closed_at = Column(UTCDateTime)
    advisor_id = Column(ForeignKey("advisor.id", ondelete="SET NULL"), index=True)
    closed_by = Column(String(20))  # advisor|worker|timeout
    last_activity_at = Column(UTCDateTime, nullable=False, default=utcnow)
    # Rasa event timestamp of the newest worker message already relayed (survives restarts).
    worker_cursor = Column(Float)

    __table_args__ = (Index("ix_handoff_request_status_created", "status", "created_at"),)


class RelayedMessage(Base):
    """One message relayed while a handoff is open, in either direction."""

    __tablename__ = "relayed_message"
    id = Column(Integer, primary_key=True, autoincrement=True)
    handoff_id = Column(ForeignKey("handoff_request.id", ondelete="CASCADE"), nullable=False, index=True)
    direction = Column(String(10), nullable=False)  # worker|advisor
    text = Column(Text, nullable=False)
    at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    advisor_id = Column(ForeignKey("advisor.id", ondelete="SET NULL"))
    # For worker messages: the Rasa event timestamp, so a message is never relayed twice.
    rasa_ts = Column(Float)

    __table_args__ = (UniqueConstraint("handoff_id", "direction", "rasa_ts", name="uq_relayed_message_event"),)


class CallbackRequest(Base):
    """A worker's request for an advisor to call or email back, stored only with explicit consent."""

    __tablename__ = "callback_request"
    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(String(255))
    name_or_role = Column(String(100), nullable=False)
    organisation = Column(String(200), nullable=False)
    contact = Column(String(254), nullable=False)
    contact_kind = Column(String(10), nullable=False)  # phone|email
    best_time = Column(String(200), nullable=False)
    reason = Column(Text, nullable=False)
    consent_at = Column(UTCDateTime, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    done_at = Column(UTCDateTime)
    done_by = Column(ForeignKey("advisor.id", ondelete="SET NULL"))


class AuditEvent(Base):
    """Who did or saw what in the console. Names the subject (e.g. 'handoff 12'), never its contents."""

    __tablename__ = "audit_event"
    id = Column(Integer, primary_key=True, autoincrement=True)
    advisor_id = Column(ForeignKey("advisor.id", ondelete="SET NULL"), index=True)
    advisor_username = Column(String(100))
    action = Column(String(50), nullable=False)
    subject = Column(String(200))
    at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
