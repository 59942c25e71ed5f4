"""The one insight table: a count per day and counted dimensions, never a row per conversation."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Integer, String

from directory.models import Base


class SearchCount(Base):
    """How many searches shared these dimensions on a day, and how many were followed by a request
    for a person or a callback. The dimensions are the key: a row is a count, never a search."""

    __tablename__ = "insight_search_count"
    day = Column(Date, primary_key=True)
    local_authority = Column(String(200), primary_key=True)
    police_force = Column(String(200), primary_key=True)
    found_local = Column(Boolean, primary_key=True)
    filters = Column(String(300), primary_key=True)  # "format:group,gender:male"; "" = none asked
    filters_met = Column(Boolean, primary_key=True)  # True when none were asked
    out_of_hours = Column(Boolean, primary_key=True)
    searches = Column(Integer, nullable=False, default=0)
    asked_person = Column(Integer, nullable=False, default=0)
    asked_callback = Column(Integer, nullable=False, default=0)
