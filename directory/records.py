"""ServiceRecord: one service as the directory team sees it, independent of storage format.

CSV rows, ORUK JSON and database rows all convert to and from this, so validation lives
in one place and a round trip through any format is lossless.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Optional


@dataclass(frozen=True)
class ContactPoint:
    kind: str  # phone|email|secure_email|website
    value: str
    label: str = ""


@dataclass(frozen=True)
class Coverage:
    """An area a service covers: kind (district, county, police_force, ...) and name."""

    kind: str
    name: str


@dataclass
class ServiceRecord:
    id: str
    name: str
    organisation: str
    source_document: str
    organisation_url: str = ""
    description: str = ""
    scope: str = "local"
    intervention_types: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    genders: list[str] = field(default_factory=list)
    relationship_types: list[str] = field(default_factory=list)
    risk_levels: list[str] = field(default_factory=list)
    case_types: list[str] = field(default_factory=list)
    min_age: Optional[int] = None
    self_referral: Optional[bool] = None
    exclusions: list[str] = field(default_factory=list)
    referral_routes: list[str] = field(default_factory=list)
    referral_methods: list[str] = field(default_factory=list)
    referral_notes: str = ""
    duration_weeks_min: Optional[int] = None
    duration_weeks_max: Optional[int] = None
    session_count: Optional[int] = None
    session_hours_min: Optional[float] = None
    session_hours_max: Optional[float] = None
    group_size_max: Optional[int] = None
    modules: str = ""
    evening_sessions: Optional[bool] = None
    schedule: str = ""
    partner_support: str = ""
    cost: str = ""
    respect_accredited: Optional[bool] = None
    languages: list[str] = field(default_factory=list)
    interpreters: Optional[bool] = None
    contacts: list[ContactPoint] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    location_postcodes: list[str] = field(default_factory=list)
    radius_km: Optional[float] = None
    caveat: str = ""
    source_date: str = ""
    last_verified: Optional[date] = None
    notes: str = ""

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]
