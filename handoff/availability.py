"""Can a worker talk to an advisor now? In hours AND at least one advisor signed in to the console.

An advisor counts as signed in while a console session of theirs is unexpired and was seen in
the last SIGNPOST_ADVISOR_SEEN_MINUTES (the open console page refreshes it every 30 seconds).
Expected waits are estimates from the last 30 days' handoffs, or None when there is too little
history to say anything honest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from handoff import hours as hours_mod
from handoff.hours import ServiceHours
from handoff.models import utcnow
from handoff.store import HandoffStore

HISTORY = timedelta(days=30)
MIN_HISTORY = 3


@dataclass(frozen=True)
class Availability:
    in_hours: bool
    advisors_online: int
    advisors_free: int
    queue_length: int
    expected_wait_minutes: int | None
    next_opening: datetime | None
    hours_configured: bool

    @property
    def available(self) -> bool:
        """A request made now will be seen by an advisor who is signed in."""
        return self.in_hours and self.advisors_online > 0

    @property
    def status(self) -> str:
        """available | no_advisor (in hours, nobody signed in) | closed (out of hours or a closure day)."""
        if not self.in_hours:
            return "closed"
        return "available" if self.advisors_online > 0 else "no_advisor"

    def as_dict(self) -> dict:
        return {
            "status": self.status, "available": self.available, "in_hours": self.in_hours,
            "advisors_online": self.advisors_online, "advisors_free": self.advisors_free,
            "queue_length": self.queue_length, "expected_wait_minutes": self.expected_wait_minutes,
            "next_opening": self.next_opening.isoformat() if self.next_opening else None,
            "hours_configured": self.hours_configured,
        }


def estimate_wait_minutes(position: int, advisors_online: int, advisors_free: int,
                          handle_seconds: list[float]) -> int | None:
    """Minutes until the request at `position` (1 = next) is likely to be claimed, or None if unknown."""
    if advisors_online <= 0:
        return None
    if position <= advisors_free:
        return 1
    if len(handle_seconds) < MIN_HISTORY:
        return None
    mean_handle = sum(handle_seconds) / len(handle_seconds)
    ahead = position - advisors_free
    return max(1, math.ceil(ahead * mean_handle / advisors_online / 60))


class AvailabilityChecker:
    def __init__(self, store: HandoffStore, hours: ServiceHours, seen_within: timedelta) -> None:
        self.store = store
        self.hours = hours
        self.seen_within = seen_within

    def advisors_online(self, at: datetime | None = None) -> int:
        return self.store.advisors_online(self.seen_within, at or utcnow())

    def available(self, at: datetime | None = None) -> bool:
        """is_open(at) and at least one advisor signed in."""
        at = at or utcnow()
        return hours_mod.is_open(at, self.hours) and self.advisors_online(at) > 0

    def expected_wait(self, position: int, at: datetime | None = None) -> int | None:
        at = at or utcnow()
        online = self.advisors_online(at)
        free = max(0, online - self.store.advisors_busy())
        _, handles = self.store.recent_durations(at - HISTORY)
        return estimate_wait_minutes(position, online, free, handles)

    def check(self, at: datetime | None = None) -> Availability:
        at = at or utcnow()
        in_hours = hours_mod.is_open(at, self.hours)
        online = self.advisors_online(at)
        free = max(0, online - self.store.advisors_busy())
        queue_length = len(self.store.queue())
        _, handles = self.store.recent_durations(at - HISTORY)
        wait = estimate_wait_minutes(queue_length + 1, online, free, handles) if in_hours else None
        return Availability(
            in_hours=in_hours, advisors_online=online, advisors_free=free, queue_length=queue_length,
            expected_wait_minutes=wait, next_opening=hours_mod.next_opening(at, self.hours),
            hours_configured=self.hours.configured,
        )


def available(at: datetime, store: HandoffStore, hours: ServiceHours,
              seen_within: timedelta = timedelta(minutes=5)) -> bool:
    """In hours (hours.is_open) and at least one advisor signed in to the console."""
    return AvailabilityChecker(store, hours, seen_within).available(at)
