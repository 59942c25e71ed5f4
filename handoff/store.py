"""Storage for handoffs, relayed messages, callbacks, advisors, console sessions and the audit log.

Every change is committed before the call returns, so any process (action server, console, a
restarted console) sees the same queue. SQLAlchemy 2.0-style statements on 1.4's future engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, func, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from directory import db
from handoff.models import (
    ROLES,
    Advisor,
    AdvisorRole,
    AdvisorSession,
    AuditEvent,
    CallbackRequest,
    HandoffRequest,
    RelayedMessage,
    utcnow,
)

OPEN_STATUSES = ("queued", "active")
SUMMARY_KEYS = ("area", "services_shown", "topic")


class HandoffError(Exception):
    """A handoff operation that cannot be done in the handoff's current state."""


class NotFound(HandoffError):
    pass


class Conflict(HandoffError):
    """E.g. claiming a handoff another advisor already claimed, replying to a closed one."""


def clean_summary(summary: Mapping[str, Any] | None) -> dict[str, Any]:
    """Keep only the summary fields the console shows: area (text), services_shown (list of names), topic."""
    summary = dict(summary or {})
    area = summary.get("area")
    topic = summary.get("topic")
    services = summary.get("services_shown") or []
    if isinstance(services, str):
        services = [services]
    cleaned: dict[str, Any] = {
        "area": str(area)[:200] if area else None,
        "services_shown": [str(s)[:300] for s in services if s][:50],
        "topic": str(topic)[:200] if topic else None,
    }
    return cleaned


def _known_roles(roles: Iterable[str]) -> set[str]:
    roles = set(roles)
    unknown = roles - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role {', '.join(sorted(unknown))!r}: use {', '.join(ROLES)}")
    return roles


def _bulk(session: Session, statement: Any) -> Any:
    """An UPDATE/DELETE without syncing the session (nothing is loaded in these short transactions)."""
    return session.execute(statement, execution_options={"synchronize_session": False})


@dataclass(frozen=True)
class ClosedHandoff:
    id: int
    conversation_id: str
    closed_by: str


class HandoffStore:
    """All handoff tables behind one object; `now` parameters exist so tests can set the clock."""

    def __init__(self, database_url: str | None = None, engine: Engine | None = None) -> None:
        if engine is None:
            if database_url is None:
                raise ValueError("HandoffStore needs a database_url or an engine")
            engine = db.get_engine(database_url)
        self.engine = engine
        self._sessions = sessionmaker(engine, future=True, expire_on_commit=False)

    @contextmanager
    def _tx(self) -> Iterable[Session]:
        with self._sessions() as session, session.begin():
            yield session

    # --- handoff requests ---

    def create_request(self, conversation_id: str, summary: Mapping[str, Any] | None = None,
                       now: datetime | None = None) -> HandoffRequest:
        """Queue a request; if the conversation already has an open one, update its summary and return it."""
        now = now or utcnow()
        if not conversation_id:
            raise ValueError("conversation_id is required")
        with self._tx() as s:
            existing = s.execute(
                select(HandoffRequest)
                .where(HandoffRequest.conversation_id == conversation_id, HandoffRequest.status.in_(OPEN_STATUSES))
                .order_by(HandoffRequest.id)
            ).scalars().first()
            if existing is not None:
                if summary:
                    existing.summary = clean_summary(summary)
                existing.last_activity_at = now
                return existing
            request = HandoffRequest(
                conversation_id=conversation_id, status="queued", summary=clean_summary(summary),
                created_at=now, last_activity_at=now, worker_cursor=now.timestamp(),
            )
            s.add(request)
            s.flush()
            return request

    def get(self, handoff_id: int) -> HandoffRequest:
        with self._sessions() as s:
            request = s.get(HandoffRequest, handoff_id)
            if request is None:
                raise NotFound(f"no handoff {handoff_id}")
            return request

    def open_request_for(self, conversation_id: str) -> HandoffRequest | None:
        with self._sessions() as s:
            return s.execute(
                select(HandoffRequest)
                .where(HandoffRequest.conversation_id == conversation_id, HandoffRequest.status.in_(OPEN_STATUSES))
                .order_by(HandoffRequest.id)
            ).scalars().first()

    def queue(self) -> list[HandoffRequest]:
        """Queued requests, oldest first."""
        with self._sessions() as s:
            return list(s.execute(
                select(HandoffRequest).where(HandoffRequest.status == "queued")
                .order_by(HandoffRequest.created_at, HandoffRequest.id)
            ).scalars())

    def active(self, advisor_id: int | None = None) -> list[HandoffRequest]:
        with self._sessions() as s:
            query = select(HandoffRequest).where(HandoffRequest.status == "active")
            if advisor_id is not None:
                query = query.where(HandoffRequest.advisor_id == advisor_id)
            return list(s.execute(query.order_by(HandoffRequest.claimed_at, HandoffRequest.id)).scalars())

    def open_requests(self) -> list[HandoffRequest]:
        with self._sessions() as s:
            return list(s.execute(
                select(HandoffRequest).where(HandoffRequest.status.in_(OPEN_STATUSES)).order_by(HandoffRequest.id)
            ).scalars())

    def position(self, handoff_id: int) -> int | None:
        """1 for the oldest queued request; None once claimed or closed."""
        with self._sessions() as s:
            request = s.get(HandoffRequest, handoff_id)
            if request is None or request.status != "queued":
                return None
            ahead = s.execute(
                select(func.count()).select_from(HandoffRequest).where(
                    HandoffRequest.status == "queued",
                    or_(HandoffRequest.created_at < request.created_at,
                        (HandoffRequest.created_at == request.created_at) & (HandoffRequest.id < request.id)),
                )
            ).scalar_one()
            return ahead + 1

    def claim(self, handoff_id: int, advisor_id: int, now: datetime | None = None) -> HandoffRequest:
        """Queued -> active for this advisor; Conflict if someone else got there first."""
        now = now or utcnow()
        with self._tx() as s:
            result = _bulk(s,
                update(HandoffRequest)
                .where(HandoffRequest.id == handoff_id, HandoffRequest.status == "queued")
                .values(status="active", advisor_id=advisor_id, claimed_at=now, last_activity_at=now)
            )
            if result.rowcount != 1:
                request = s.get(HandoffRequest, handoff_id)
                if request is None:
                    raise NotFound(f"no handoff {handoff_id}")
                raise Conflict(f"handoff {handoff_id} is {request.status}, not queued")
        return self.get(handoff_id)

    def close(self, handoff_id: int, closed_by: str, now: datetime | None = None) -> bool:
        """Close an open handoff; False if it was already closed."""
        now = now or utcnow()
        with self._tx() as s:
            result = _bulk(s,
                update(HandoffRequest)
                .where(HandoffRequest.id == handoff_id, HandoffRequest.status.in_(OPEN_STATUSES))
                .values(status="closed", closed_at=now, closed_by=closed_by)
            )
            if result.rowcount == 0 and s.get(HandoffRequest, handoff_id) is None:
                raise NotFound(f"no handoff {handoff_id}")
            return result.rowcount == 1

    def stale(self, timeout: timedelta, now: datetime | None = None) -> list[HandoffRequest]:
        """Open handoffs with no message either way (nor claim) for `timeout`: the worker has most likely gone."""
        now = now or utcnow()
        with self._sessions() as s:
            return list(s.execute(
                select(HandoffRequest).where(
                    HandoffRequest.status.in_(OPEN_STATUSES), HandoffRequest.last_activity_at < now - timeout)
            ).scalars())

    def close_stale(self, timeout: timedelta, now: datetime | None = None) -> list[ClosedHandoff]:
        """Close every stale handoff (closed_by='timeout') and say which, so the bot can be resumed."""
        now = now or utcnow()
        closed = []
        for request in self.stale(timeout, now):
            if self.close(request.id, "timeout", now):
                closed.append(ClosedHandoff(request.id, request.conversation_id, "timeout"))
        return closed

    # --- relayed messages ---

    def add_message(self, handoff_id: int, direction: str, text: str, advisor_id: int | None = None,
                    rasa_ts: float | None = None, now: datetime | None = None) -> RelayedMessage | None:
        """Record a relayed message; None if this Rasa event was already recorded."""
        if direction not in ("worker", "advisor"):
            raise ValueError(f"direction must be worker or advisor, not {direction!r}")
        now = now or utcnow()
        try:
            with self._tx() as s:
                message = RelayedMessage(handoff_id=handoff_id, direction=direction, text=text, at=now,
                                         advisor_id=advisor_id, rasa_ts=rasa_ts)
                s.add(message)
                values: dict[str, Any] = {"last_activity_at": now}
                if rasa_ts is not None:
                    cursor = func.coalesce(HandoffRequest.worker_cursor, 0.0)
                    values["worker_cursor"] = case((cursor < rasa_ts, rasa_ts), else_=cursor)
                _bulk(s, update(HandoffRequest).where(HandoffRequest.id == handoff_id).values(**values))
                s.flush()
                return message
        except IntegrityError:
            if rasa_ts is not None:
                return None
            raise

    def messages(self, handoff_id: int, after_id: int = 0) -> list[RelayedMessage]:
        with self._sessions() as s:
            return list(s.execute(
                select(RelayedMessage)
                .where(RelayedMessage.handoff_id == handoff_id, RelayedMessage.id > after_id)
                .order_by(RelayedMessage.id)
            ).scalars())

    def messages_after(self, after_id: int) -> list[RelayedMessage]:
        """Every message newer than `after_id`, any handoff (the console's push loop)."""
        with self._sessions() as s:
            return list(s.execute(
                select(RelayedMessage).where(RelayedMessage.id > after_id).order_by(RelayedMessage.id)
            ).scalars())

    def last_message_id(self) -> int:
        with self._sessions() as s:
            return s.execute(select(func.coalesce(func.max(RelayedMessage.id), 0))).scalar_one()

    def message_counts(self, handoff_ids: Iterable[int]) -> dict[int, int]:
        ids = list(handoff_ids)
        if not ids:
            return {}
        with self._sessions() as s:
            rows = s.execute(
                select(RelayedMessage.handoff_id, func.count())
                .where(RelayedMessage.handoff_id.in_(ids), RelayedMessage.direction == "worker")
                .group_by(RelayedMessage.handoff_id)
            ).all()
            return {handoff_id: count for handoff_id, count in rows}

    def recent_durations(self, since: datetime) -> tuple[list[float], list[float]]:
        """Seconds waited (created -> claimed) and handled (claimed -> closed) for handoffs claimed since `since`."""
        with self._sessions() as s:
            rows = s.execute(
                select(HandoffRequest.created_at, HandoffRequest.claimed_at, HandoffRequest.closed_at)
                .where(HandoffRequest.claimed_at.is_not(None), HandoffRequest.claimed_at >= since)
            ).all()
        waits = [(claimed - created).total_seconds() for created, claimed, _ in rows]
        handles = [(closed - claimed).total_seconds() for _, claimed, closed in rows if closed is not None]
        return waits, handles

    # --- callbacks ---

    def add_callback(self, fields: Mapping[str, Any], conversation_id: str | None = None,
                     now: datetime | None = None) -> int:
        """Store an already validated callback form (see handoff.callbacks.validate_form)."""
        now = now or utcnow()
        with self._tx() as s:
            callback = CallbackRequest(
                conversation_id=conversation_id,
                name_or_role=fields["name_or_role"],
                organisation=fields["organisation"],
                contact=fields["contact"],
                contact_kind=fields["contact_kind"],
                best_time=fields["best_time"],
                reason=fields["reason"],
                consent_at=fields.get("consent_at") or now,
                created_at=now,
            )
            s.add(callback)
            s.flush()
            return callback.id

    def callbacks(self, include_done: bool = False) -> list[CallbackRequest]:
        """Callback requests, oldest first (the ones waiting longest get called first)."""
        with self._sessions() as s:
            query = select(CallbackRequest)
            if not include_done:
                query = query.where(CallbackRequest.done_at.is_(None))
            return list(s.execute(query.order_by(CallbackRequest.created_at, CallbackRequest.id)).scalars())

    def get_callback(self, callback_id: int) -> CallbackRequest:
        with self._sessions() as s:
            callback = s.get(CallbackRequest, callback_id)
            if callback is None:
                raise NotFound(f"no callback {callback_id}")
            return callback

    def mark_callback_done(self, callback_id: int, advisor_id: int, now: datetime | None = None) -> bool:
        """Mark done; False if it already was."""
        now = now or utcnow()
        with self._tx() as s:
            result = _bulk(s,
                update(CallbackRequest)
                .where(CallbackRequest.id == callback_id, CallbackRequest.done_at.is_(None))
                .values(done_at=now, done_by=advisor_id)
            )
            if result.rowcount == 0 and s.get(CallbackRequest, callback_id) is None:
                raise NotFound(f"no callback {callback_id}")
            return result.rowcount == 1

    # --- advisors and sessions ---

    def create_advisor(self, username: str, password_hash: str, display_name: str | None = None,
                       is_admin: bool = False, roles: Iterable[str] = ("advisor",)) -> Advisor:
        roles = _known_roles(roles)
        try:
            with self._tx() as s:
                advisor = Advisor(username=username, display_name=display_name or username,
                                  password_hash=password_hash, is_admin=is_admin, failed_attempts=0,
                                  created_at=utcnow(), role_rows=[AdvisorRole(role=r) for r in sorted(roles)])
                s.add(advisor)
                s.flush()
                return advisor
        except IntegrityError:
            raise Conflict(f"an advisor called {username!r} already exists") from None

    def set_role(self, username: str, role: str, granted: bool) -> Advisor:
        """Grant or withdraw one role; raises NotFound for an unknown account, ValueError for an unknown role."""
        _known_roles([role])
        with self._tx() as s:
            advisor = s.execute(select(Advisor).where(Advisor.username == username)).scalars().first()
            if advisor is None:
                raise NotFound(f"no advisor {username!r}")
            held = {row.role: row for row in advisor.role_rows}
            if granted and role not in held:
                advisor.role_rows.append(AdvisorRole(role=role))
            elif not granted and role in held:
                advisor.role_rows.remove(held[role])
            s.flush()
            return advisor

    def accounts(self) -> list[Advisor]:
        with self._sessions() as s:
            return list(s.execute(select(Advisor).order_by(Advisor.username)).scalars())

    def set_password(self, username: str, password_hash: str) -> None:
        with self._tx() as s:
            result = _bulk(s, update(Advisor).where(Advisor.username == username)
                               .values(password_hash=password_hash, failed_attempts=0, locked_until=None))
            if result.rowcount != 1:
                raise NotFound(f"no advisor {username!r}")

    def advisor_by_username(self, username: str) -> Advisor | None:
        with self._sessions() as s:
            return s.execute(select(Advisor).where(Advisor.username == username)).scalars().first()

    def advisor(self, advisor_id: int) -> Advisor | None:
        with self._sessions() as s:
            return s.get(Advisor, advisor_id)

    def advisor_names(self) -> dict[int, str]:
        with self._sessions() as s:
            return dict(s.execute(select(Advisor.id, Advisor.display_name)).all())

    def record_sign_in(self, advisor_id: int) -> None:
        """Clears the old account lock-out columns (sign-in is now throttled by name and address instead)."""
        with self._tx() as s:
            _bulk(s, update(Advisor).where(Advisor.id == advisor_id).values(failed_attempts=0, locked_until=None))

    def create_session(self, advisor_id: int, token_hash: str, csrf_token: str, expires_at: datetime,
                       now: datetime | None = None) -> AdvisorSession:
        now = now or utcnow()
        with self._tx() as s:
            session = AdvisorSession(advisor_id=advisor_id, token_hash=token_hash, csrf_token=csrf_token,
                                     created_at=now, last_seen_at=now, expires_at=expires_at)
            s.add(session)
            s.flush()
            return session

    def session_by_token_hash(self, token_hash: str) -> tuple[AdvisorSession, Advisor] | None:
        with self._sessions() as s:
            row = s.execute(
                select(AdvisorSession, Advisor).join(Advisor, Advisor.id == AdvisorSession.advisor_id)
                .where(AdvisorSession.token_hash == token_hash)
            ).first()
            return (row[0], row[1]) if row else None

    def touch_session(self, session_id: int, now: datetime | None = None) -> None:
        with self._tx() as s:
            _bulk(s, update(AdvisorSession).where(AdvisorSession.id == session_id)
                      .values(last_seen_at=now or utcnow()))

    def delete_session(self, session_id: int) -> None:
        with self._tx() as s:
            _bulk(s, delete(AdvisorSession).where(AdvisorSession.id == session_id))

    def delete_expired_sessions(self, idle: timedelta, now: datetime | None = None) -> int:
        now = now or utcnow()
        with self._tx() as s:
            return _bulk(s, delete(AdvisorSession).where(
                or_(AdvisorSession.expires_at <= now, AdvisorSession.last_seen_at < now - idle))).rowcount

    def advisors_online(self, seen_within: timedelta, now: datetime | None = None) -> int:
        """Accounts with the advisor role and an unexpired console session seen within `seen_within`."""
        now = now or utcnow()
        with self._sessions() as s:
            return s.execute(
                select(func.count(func.distinct(AdvisorSession.advisor_id)))
                .join(AdvisorRole, AdvisorRole.advisor_id == AdvisorSession.advisor_id)
                .where(AdvisorRole.role == "advisor", AdvisorSession.expires_at > now,
                       AdvisorSession.last_seen_at >= now - seen_within)
            ).scalar_one()

    def advisors_busy(self) -> int:
        with self._sessions() as s:
            return s.execute(select(func.count(func.distinct(HandoffRequest.advisor_id)))
                             .where(HandoffRequest.status == "active")).scalar_one()

    # --- audit ---

    def audit(self, advisor: Advisor | None, action: str, subject: str | None = None,
              now: datetime | None = None) -> None:
        with self._tx() as s:
            s.add(AuditEvent(advisor_id=advisor.id if advisor else None,
                             advisor_username=advisor.username if advisor else None,
                             action=action, subject=subject, at=now or utcnow()))

    def audit_log(self, limit: int = 200, advisor_username: str | None = None) -> list[AuditEvent]:
        with self._sessions() as s:
            query = select(AuditEvent)
            if advisor_username:
                query = query.where(AuditEvent.advisor_username == advisor_username)
            return list(s.execute(query.order_by(AuditEvent.id.desc()).limit(limit)).scalars())

    # --- retention ---

    def delete_older_than(self, cutoff: datetime) -> dict[str, int]:
        """Delete callbacks created, and transcripts (messages, closed handoffs) from, before `cutoff`."""
        with self._tx() as s:
            callbacks = _bulk(s, delete(CallbackRequest).where(CallbackRequest.created_at < cutoff)).rowcount
            messages = _bulk(s, delete(RelayedMessage).where(RelayedMessage.at < cutoff)).rowcount
            old_closed = select(HandoffRequest.id).where(
                HandoffRequest.status == "closed", HandoffRequest.closed_at < cutoff)
            messages += _bulk(s, delete(RelayedMessage).where(RelayedMessage.handoff_id.in_(old_closed))).rowcount
            handoffs = _bulk(s, delete(HandoffRequest).where(
                HandoffRequest.status == "closed", HandoffRequest.closed_at < cutoff)).rowcount
        return {"callbacks": callbacks, "messages": messages, "handoffs": handoffs}

    # --- erasure on request ---

    def erase_conversation(self, conversation_id: str, now: datetime | None = None) -> dict[str, int]:
        """Delete a conversation's handoffs, relayed messages and callback requests; audit counts, not the id."""
        with self._tx() as s:
            handoff_ids = select(HandoffRequest.id).where(HandoffRequest.conversation_id == conversation_id)
            messages = _bulk(s, delete(RelayedMessage).where(RelayedMessage.handoff_id.in_(handoff_ids))).rowcount
            handoffs = _bulk(s, delete(HandoffRequest).where(
                HandoffRequest.conversation_id == conversation_id)).rowcount
            callbacks = _bulk(s, delete(CallbackRequest).where(
                CallbackRequest.conversation_id == conversation_id)).rowcount
        counts = {"callbacks": callbacks, "messages": messages, "handoffs": handoffs}
        self.audit(None, "erase", "one conversation on request: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
                   now)
        return counts
