"""Freshness of listings, as Open Referral UK's assured_date: when each service was last checked with its
provider and by whom, which services are due for review, and what the bot says about an old record.

`service.last_verified` is the assured date; `service_check` keeps who checked it and when. Its rows
name the service by id with no foreign key, because an import replaces a service's row and the history
of checks must outlive that. A last_verified date with no check row of that day came from an import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional
from zoneinfo import ZoneInfo

from sqlalchemy import Column, Date, Integer, String, select
from sqlalchemy.orm import Session

from directory.models import Base, Organisation, Service

IMPORT = "import"  # checked_by for a date that came with an imported file
UK = ZoneInfo("Europe/London")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
NEVER_CHECKED_NOTE = "The directory doesn't say when this was last checked: check with the provider before referring."


class ServiceCheck(Base):
    """One check of a service with its provider: the day and who did it (a console username, or "import")."""

    __tablename__ = "service_check"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(String(100), index=True, nullable=False)
    checked_on = Column(Date, nullable=False)
    checked_by = Column(String(100), nullable=False)


class UnknownService(LookupError):
    """No service with that id in the directory."""


def uk_today(now: Optional[datetime] = None) -> date:
    """Today's date in the UK, where the directory team works (a check at 00:30 BST is that day's)."""
    return (now or datetime.now(UK)).astimezone(UK).date()


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (5 January to 4 February is 0, to 5 February is 1)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def month_year(day: date) -> str:
    """'March 2022', in English whatever the server's locale."""
    return f"{_MONTHS[day.month - 1]} {day.year}"


def is_due(last_verified: Optional[date], today: date, months: int) -> bool:
    """Never checked, or checked `months` or more ago."""
    return last_verified is None or months_between(last_verified, today) >= months


def freshness_note(last_verified: Optional[date], today: date, months: int) -> str:
    """What the card and the details answer say about an old or undated record; '' while it is fresh."""
    if last_verified is None:
        return NEVER_CHECKED_NOTE
    if not is_due(last_verified, today, months):
        return ""
    return f"Last checked {month_year(last_verified)}: check with the provider before referring."


def record_check(session: Session, service_id: str, day: date, checked_by: str) -> ServiceCheck:
    """Write one check row (an import may call this with checked_by=IMPORT)."""
    check = ServiceCheck(service_id=service_id, checked_on=day, checked_by=checked_by[:100])
    session.add(check)
    return check


def mark_checked(session: Session, service_id: str, checked_by: str, today: date) -> date:
    """The service was checked today: its last_verified becomes today, with who checked it (caller commits)."""
    service = session.get(Service, service_id)
    if service is None:
        raise UnknownService(f"No service {service_id!r} in the directory: reload the page, it may have been removed.")
    service.last_verified = today
    record_check(session, service_id, today, checked_by)
    session.flush()
    return today


@dataclass(frozen=True)
class ReviewItem:
    service_id: str
    name: str
    organisation: str
    last_checked: Optional[date]
    checked_by: str  # console username, IMPORT, or "" when never checked
    due: bool


def _checked_by(session: Session) -> dict[tuple[str, date], str]:
    """Who made each service's latest check of each day."""
    rows = session.execute(select(ServiceCheck.service_id, ServiceCheck.checked_on, ServiceCheck.checked_by)
                           .order_by(ServiceCheck.id)).all()
    return {(service_id, day): by for service_id, day, by in rows}


def due_for_review(session: Session, today: date, months: int) -> list[ReviewItem]:
    """Every service: those past their review interval first (never checked, then the oldest), then the rest."""
    rows = session.execute(select(Service.id, Service.name, Organisation.name, Service.last_verified)
                           .join(Organisation, Service.organisation_id == Organisation.id)).all()
    by_day = _checked_by(session)
    items = [ReviewItem(service_id, name, organisation, last,
                        "" if last is None else by_day.get((service_id, last), IMPORT), is_due(last, today, months))
             for service_id, name, organisation, last in rows]
    return sorted(items, key=lambda i: (not i.due, i.last_checked is not None, i.last_checked or today, i.name))
