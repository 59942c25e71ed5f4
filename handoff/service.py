"""The API the Rasa actions call: availability, queueing a handoff, callbacks and what to say.

    service = HandoffService()                       # SIGNPOST_* settings, shared database
    availability = service.availability()            # .status: available | no_advisor | closed
    if availability.available:
        ticket = service.request_handoff(tracker.sender_id, {"area": ..., "services_shown": [...], "topic": ...})
        dispatcher.utter_message(text=service.queue_text(ticket))
        return [ConversationPaused()]                # the action must *return* it
    dispatcher.utter_message(text=service.unavailable_text())

Every method is synchronous and commits before returning (short SQL transactions).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from directory import db
from handoff import callbacks, texts
from handoff import hours as hours_mod
from handoff.availability import Availability, AvailabilityChecker
from handoff.hours import ServiceHours
from handoff.models import utcnow
from handoff.settings import HandoffSettings
from handoff.store import HandoffStore
from safety.texts import RESPECT_PHONELINE_SHORT


@dataclass(frozen=True)
class HandoffTicket:
    """A queued (or already open) handoff: position 1 = next to be claimed, None once claimed."""

    handoff_id: int
    status: str
    position: int | None
    expected_wait_minutes: int | None


class HandoffService:
    def __init__(self, database_url: str | None = None, settings: HandoffSettings | None = None,
                 hours: ServiceHours | None = None, migrate: bool = False) -> None:
        settings = settings or HandoffSettings.from_env()
        if database_url:
            settings = replace(settings, database_url=database_url)
        self.settings = settings
        if migrate:
            db.migrate(settings.database_url)
        self.hours = hours or hours_mod.load_hours(settings.hours_file)
        self.store = HandoffStore(settings.database_url)
        self.checker = AvailabilityChecker(self.store, self.hours, timedelta(minutes=settings.advisor_seen_minutes))

    # --- availability and hours ---

    def availability(self, now: datetime | None = None) -> Availability:
        return self.checker.check(now or utcnow())

    def is_open(self, now: datetime | None = None) -> bool:
        return hours_mod.is_open(now or utcnow(), self.hours)

    def next_opening(self, now: datetime | None = None) -> datetime | None:
        return hours_mod.next_opening(now or utcnow(), self.hours)

    def hours_text(self) -> str:
        """'When can I talk to someone?': the weekly hours, honest if the operator hasn't confirmed them."""
        return hours_mod.describe_hours(self.hours)

    def open_now_text(self, now: datetime | None = None) -> str:
        """'Are you open?'"""
        now = now or utcnow()
        return texts.open_now_text(now, self.hours, self.checker.advisors_online(now))

    def out_of_hours_text(self, now: datetime | None = None) -> str:
        """Next opening, 999, the Respect Phoneline's channels and a callback offer."""
        return texts.out_of_hours_text(now or utcnow(), self.hours)

    def unavailable_text(self, now: datetime | None = None) -> str:
        """Out of hours, or in hours with nobody signed in: what to do instead (ends with a callback offer)."""
        now = now or utcnow()
        if hours_mod.is_open(now, self.hours):
            return texts.no_advisor_text(now, self.hours)
        return texts.out_of_hours_text(now, self.hours)

    # --- handoffs ---

    def request_handoff(self, conversation_id: str, summary: Mapping[str, Any] | None = None,
                        now: datetime | None = None) -> HandoffTicket:
        """Queue the conversation for an advisor (idempotent while one is open) and say where it stands.

        summary: {"area": "Leeds", "services_shown": ["Service name", ...], "topic": "high-risk"}.
        """
        now = now or utcnow()
        request = self.store.create_request(conversation_id, summary, now)
        position = self.store.position(request.id)
        wait = self.checker.expected_wait(position, now) if position else None
        return HandoffTicket(request.id, request.status, position, wait)

    def queue_text(self, ticket: HandoffTicket) -> str:
        return texts.queue_text(ticket.position, ticket.expected_wait_minutes)

    def queue_position(self, conversation_id: str) -> int | None:
        request = self.store.open_request_for(conversation_id)
        return self.store.position(request.id) if request else None

    def has_open_handoff(self, conversation_id: str) -> bool:
        return self.store.open_request_for(conversation_id) is not None

    def cancel_handoff(self, conversation_id: str, now: datetime | None = None) -> bool:
        """The worker left the advisor chat (e.g. restarted): close their open request. True if one was open."""
        request = self.store.open_request_for(conversation_id)
        return bool(request) and self.store.close(request.id, "worker", now)

    # --- callbacks ---

    @property
    def retention_days(self) -> int:
        return self.settings.retention_days

    def retention_text(self) -> str:
        return callbacks.retention_text(self.retention_days)

    def consent_prompt(self) -> str:
        return callbacks.consent_prompt(self.retention_days)

    def validate_callback_field(self, name: str, value: Any) -> callbacks.FieldResult:
        return callbacks.validate_field(name, value)

    def add_callback(self, fields: Mapping[str, Any], conversation_id: str | None = None,
                     now: datetime | None = None) -> int:
        """Validate and store a callback request; raises callbacks.CallbackInvalid (with .errors) if a field fails."""
        cleaned = callbacks.validate_form(fields)
        return self.store.add_callback(cleaned, conversation_id, now)

    def callback_confirmation(self, now: datetime | None = None) -> str:
        now = now or utcnow()
        nxt = hours_mod.next_opening(now, self.hours)
        when = (" when advisors are next available, " + hours_mod.format_moment(nxt, now, self.hours.tz)
                if nxt and not hours_mod.is_open(now, self.hours) else " as soon as they can")
        if not self.hours.configured:  # no confirmed advisor service: promise nothing
            return ("Thank you: your request is saved for our advisors. The service hasn't confirmed its advisor "
                    "hours yet, so I can't promise when someone will contact you; if it can't wait, call "
                    f"{RESPECT_PHONELINE_SHORT}. {self.retention_text()} {texts.EMERGENCY}")
        return (f"Thank you. An advisor will contact you{when}. {self.retention_text()} "
                f"{texts.EMERGENCY}")
