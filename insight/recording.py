"""What is counted at each search, and the follow-up (a person or a callback) counted against it.

    counted = counted_search(outcome, now, hours)      # the dimensions only
    record_search(engine, counted)                     # +1 search for them, on that day
    slot = counted.as_slot()                           # kept in the conversation, not here
    slot = record_follow_up(engine, slot, PERSON)      # +1 "then asked for a person" (once per search)

The dimensions: the day (in the service's time zone), the local authority and police force area
searched for, whether anything local was found, which filters were asked for and whether they were
met, and whether it was out of hours. No conversation id, no text, no time of day.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, insert, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from directory.geography.areas import KIND_LABELS, kind_of
from directory.geography.resolver import Location
from directory.search import SearchFilters, SearchOutcome
from handoff.hours import ServiceHours, is_open
from insight.models import SearchCount

PERSON = "asked_person"
CALLBACK = "asked_callback"
FOLLOW_UPS = (PERSON, CALLBACK)
_FOLLOWED = "followed"  # the slot's list of follow-ups already counted for this search


@dataclass(frozen=True)
class CountedSearch:
    """The dimensions of one search, and nothing else."""

    day: date
    local_authority: str
    police_force: str
    found_local: bool
    filters: str
    filters_met: bool
    out_of_hours: bool

    def key(self) -> dict[str, Any]:
        return asdict(self)

    def as_slot(self) -> dict[str, Any]:
        """The dimensions as the conversation holds them, so a later request can be counted against them."""
        return {**self.key(), "day": self.day.isoformat(), _FOLLOWED: []}

    @classmethod
    def from_slot(cls, value: Any) -> CountedSearch | None:
        """The dimensions back from the slot; None if it holds nothing usable."""
        if not isinstance(value, dict):
            return None
        try:
            values = {f.name: value[f.name] for f in fields(cls)}
            values["day"] = date.fromisoformat(str(values["day"]))
        except (KeyError, ValueError):
            return None
        return cls(**values)


def local_authority_of(location: Location) -> str:
    """The council district searched for; a wider area searched as a whole is named as such."""
    district = next((k for k in location.covering_keys if kind_of(k) == "district"), None)
    if district:
        return location.name_of(district)
    if location.area_key:
        return f"{location.name_of(location.area_key)} (whole {KIND_LABELS[kind_of(location.area_key)]})"
    return location.label


def police_force_of(location: Location) -> str:
    """The police force area the whole place lies in, or "" when it spans several."""
    return next((location.name_of(k) for k in location.covering_keys if kind_of(k) == "police_force"), "")


def filters_key(filters: SearchFilters) -> str:
    """The filters asked for, as 'facet:value' in a fixed order ('' for none)."""
    return ",".join(f"{f.name}:{getattr(filters, f.name)}" for f in fields(filters) if getattr(filters, f.name))


def filters_from_key(key: str) -> SearchFilters:
    values = dict(part.split(":", 1) for part in key.split(",") if ":" in part)
    return SearchFilters(**{k: v for k, v in values.items() if k in {f.name for f in fields(SearchFilters)}})


def counted_search(outcome: SearchOutcome, now: datetime, hours: ServiceHours) -> CountedSearch:
    """The counted dimensions of a search: filters are met when something local matched them."""
    asked = filters_key(outcome.filters)
    return CountedSearch(
        day=now.astimezone(hours.tz).date(),
        local_authority=local_authority_of(outcome.location),
        police_force=police_force_of(outcome.location),
        found_local=outcome.found_local,
        filters=asked,
        filters_met=outcome.found_local or not asked,
        out_of_hours=not is_open(now, hours),
    )


def record_search(engine: Engine, counted: CountedSearch) -> None:
    """One more search with these dimensions (a row is created the first time they occur that day)."""
    for _ in range(2):  # a second action server may insert the same row first: then it is an update
        try:
            with engine.begin() as conn:
                if _add(conn, counted, "searches") == 0:
                    conn.execute(insert(SearchCount).values(**counted.key(), searches=1, asked_person=0,
                                                            asked_callback=0))
            return
        except IntegrityError:
            continue


def record_follow_up(engine: Engine, slot: Any, kind: str) -> Any:
    """Count `kind` against the search the slot describes, once per search; returns the slot to keep."""
    if kind not in FOLLOW_UPS:
        raise ValueError(f"unknown follow-up {kind!r}: use one of {', '.join(FOLLOW_UPS)}")
    counted = CountedSearch.from_slot(slot)
    if counted is None or kind in (slot.get(_FOLLOWED) or []):
        return slot
    with engine.begin() as conn:
        _add(conn, counted, kind)
    return {**slot, _FOLLOWED: [*(slot.get(_FOLLOWED) or []), kind]}


def _add(conn, counted: CountedSearch, column: str) -> int:  # type: ignore[no-untyped-def]
    """Add one to `column` of the row for these dimensions; the number of rows changed (0 or 1)."""
    match = and_(*(getattr(SearchCount, name) == value for name, value in counted.key().items()))
    result = conn.execute(update(SearchCount).where(match).values({column: getattr(SearchCount, column) + 1}))
    return result.rowcount
