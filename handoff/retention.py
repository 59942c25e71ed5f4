"""Delete callback details, handoff transcripts and closed listing flags older than the retention period.

Run daily: `python -m handoff retention` (SIGNPOST_RETENTION_DAYS, default 30). Rasa's own
tracker store keeps conversations separately; see handoff/README.md.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from directory import listing_flags
from handoff.models import utcnow
from handoff.store import HandoffStore


def cutoff_for(days: int, now: datetime | None = None) -> datetime:
    if days < 1:
        raise ValueError("the retention period must be at least one day")
    return (now or utcnow()) - timedelta(days=days)


def run_retention(store: HandoffStore, days: int, now: datetime | None = None) -> dict[str, int]:
    """Delete callbacks created, messages relayed, handoffs and listing flags closed more than `days` ago."""
    cutoff = cutoff_for(days, now)
    counts = store.delete_older_than(cutoff)
    counts["listing_flags"] = listing_flags.delete_closed_before(store.engine, cutoff.date())
    store.audit(None, "retention", f"older than {days} days: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
                now)
    return counts
