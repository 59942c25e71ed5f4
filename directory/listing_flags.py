"""'This listing is wrong': a worker's few words about a card, kept for the directory team until closed.

We ask for no personal details and keep none we can recognise: a flag holds the service id, its text
with email addresses, phone numbers and postcodes replaced (see `strip_personal_details`), and the day
it was sent; no time, conversation id or address. Closed flags are deleted by the retention job.
Rows name the service by id with no foreign key, so a flag outlives an import that replaces the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Column, Date, Integer, String, delete, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from directory.models import Base, Service

MAX_TEXT = 300
MAX_NOTE = 300
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A run of digits with the separators phone numbers are written with; a phone number if it has 10+ digits.
_DIGIT_RUN = re.compile(r"\+?\(?\d[\d\s().-]*\d")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE)


class ListingFlag(Base):
    __tablename__ = "listing_flag"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(String(100), index=True, nullable=False)
    what_is_wrong = Column(String(400), nullable=False)
    reported_on = Column(Date, nullable=False)  # the day only
    closed_on = Column(Date)
    closed_by = Column(String(100))  # console username
    close_note = Column(String(400))


class FlagRefused(ValueError):
    """A flag we can't keep; the message says what to do."""


def strip_personal_details(text: str) -> str:
    """Replace email addresses, phone numbers (10 or more digits, spaces, dashes, dots or brackets between
    them, optionally +44) and full UK postcodes; squeeze whitespace."""
    text = _EMAIL.sub("[email removed]", text)
    text = _DIGIT_RUN.sub(lambda m: "[phone number removed]" if sum(c.isdigit() for c in m.group()) >= 10
                          else m.group(), text)
    text = _POSTCODE.sub("[postcode removed]", text)
    return re.sub(r"\s+", " ", text).strip()


def add_flag(session: Session, service_id: str, what_is_wrong: str, today: date) -> ListingFlag:
    """Keep one flag (caller commits); FlagRefused for an unknown service, no text or too much."""
    text = " ".join(str(what_is_wrong or "").split())
    if not text:
        raise FlagRefused("Say in a few words what is wrong with this listing.")
    if len(text) > MAX_TEXT:
        raise FlagRefused(f"Please keep it to {MAX_TEXT} characters or fewer ({len(text)} now).")
    if not service_id or session.get(Service, str(service_id)) is None:
        raise FlagRefused("This listing is no longer in the directory: search again to see the current ones.")
    flag = ListingFlag(service_id=str(service_id), what_is_wrong=strip_personal_details(text)[:MAX_TEXT],
                       reported_on=today)
    session.add(flag)
    session.flush()
    return flag


@dataclass
class FlaggedService:
    service_id: str
    name: str  # "" when the service has left the directory since
    flags: list[ListingFlag] = field(default_factory=list)


def open_flags(session: Session) -> list[FlaggedService]:
    """Open flags grouped by service: most flags first, then by name; oldest flag first within a service."""
    rows = session.execute(select(ListingFlag, Service.name).outerjoin(Service, Service.id == ListingFlag.service_id)
                           .where(ListingFlag.closed_on.is_(None)).order_by(ListingFlag.id)).all()
    groups: dict[str, FlaggedService] = {}
    for flag, name in rows:
        groups.setdefault(flag.service_id, FlaggedService(flag.service_id, name or "")).flags.append(flag)
    return sorted(groups.values(), key=lambda g: (-len(g.flags), g.name or g.service_id))


def close_flag(session: Session, flag_id: int, note: str, closed_by: str, today: date) -> ListingFlag:
    """Close one open flag with the team's note (caller commits)."""
    note = " ".join(str(note or "").split())
    if not note:
        raise FlagRefused("Write a short note on what was done (for example 'phone number corrected').")
    if len(note) > MAX_NOTE:
        raise FlagRefused(f"Please keep the note to {MAX_NOTE} characters or fewer ({len(note)} now).")
    flag = session.get(ListingFlag, flag_id)
    if flag is None or flag.closed_on is not None:
        raise LookupError(f"Flag {flag_id} is not open (already closed, or deleted): reload the page.")
    flag.closed_on, flag.closed_by, flag.close_note = today, closed_by[:100], note
    session.flush()
    return flag


def delete_closed_before(engine: Engine, day: date) -> int:
    """Delete flags closed before `day`; 0 when the table does not exist yet (a database before 0007)."""
    if not inspect(engine).has_table(ListingFlag.__tablename__):
        return 0
    with Session(engine, future=True) as session, session.begin():
        result = session.execute(delete(ListingFlag).where(ListingFlag.closed_on < day)
                                 .execution_options(synchronize_session=False))
        return result.rowcount or 0
