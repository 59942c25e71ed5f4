"""SQLAlchemy tables, shaped on Open Referral UK (HSDS) plus the geography Signpost needs.

Directory tables follow ORUK names (organisation, service, location, service_at_location,
service_area, eligibility, contact, schedule, taxonomy, service_taxonomy, language).
Fields ORUK has no place for (programme format, referral routes, source citation) live on
service or in small side tables. `search_entry` is derived from them for fast search.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class DirectoryImport(Base):
    """One load of the directory: the seed at setup or a team's file. Setup refreshes a seed-loaded
    directory when the seed file changes, and never overwrites a team's import."""

    __tablename__ = "directory_import"
    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime, nullable=False)  # UTC
    kind = Column(String(10), nullable=False)  # seed|import
    file_name = Column(String(300), nullable=False)
    file_sha256 = Column(String(64), nullable=False)
    services = Column(Integer, nullable=False)


class Organisation(Base):
    __tablename__ = "organisation"
    id = Column(String(100), primary_key=True)
    name = Column(String(300), nullable=False)
    description = Column(Text)
    url = Column(String(500))
    services = relationship("Service", back_populates="organisation")


class Service(Base):
    __tablename__ = "service"
    id = Column(String(100), primary_key=True)
    organisation_id = Column(ForeignKey("organisation.id"), index=True, nullable=False)
    name = Column(String(300), nullable=False)
    description = Column(Text)
    scope = Column(String(20), default="local", nullable=False)  # local|national|unknown
    formats = Column(String(200))  # ';'-joined vocabulary
    min_age = Column(Integer)
    self_referral = Column(Boolean)
    referral_notes = Column(Text)
    duration_weeks_min = Column(Integer)
    duration_weeks_max = Column(Integer)
    session_count = Column(Integer)
    session_hours_min = Column(Float)
    session_hours_max = Column(Float)
    group_size_max = Column(Integer)
    modules = Column(Text)
    evening_sessions = Column(Boolean)
    partner_support = Column(Text)
    cost = Column(Text)
    respect_accredited = Column(Boolean)
    interpreters = Column(Boolean)
    radius_km = Column(Float)
    caveat = Column(Text)
    source_document = Column(String(300), nullable=False)
    source_date = Column(String(50))
    last_verified = Column(Date)
    notes = Column(Text)
    organisation = relationship("Organisation", back_populates="services")


class Location(Base):
    __tablename__ = "location"
    id = Column(Integer, primary_key=True, autoincrement=True)
    organisation_id = Column(ForeignKey("organisation.id"), index=True, nullable=False)
    name = Column(String(300))
    postcode = Column(String(10))
    easting = Column(Float)
    northing = Column(Float)


class ServiceAtLocation(Base):
    __tablename__ = "service_at_location"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(ForeignKey("service.id", ondelete="CASCADE"), index=True, nullable=False)
    location_id = Column(ForeignKey("location.id", ondelete="CASCADE"), nullable=False)


class ServiceArea(Base):
    """An area a service covers, by kind and name as the directory team writes it."""

    __tablename__ = "service_area"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(ForeignKey("service.id", ondelete="CASCADE"), index=True, nullable=False)
    area_key = Column(String(120), index=True, nullable=False)
    service_area = Column(String(300), nullable=False)  # ORUK: human-readable name


class Eligibility(Base):
    """One eligibility statement: criterion (gender, risk_level, ...) and a value."""

    __tablename__ = "eligibility"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(ForeignKey("service.id", ondelete="CASCADE"), index=True, nullable=False)
    criterion = Column(String(50), nullable=False)
    value = Column(Text, nullable=False)


class Referral(Base):
    """Who can refer (route) and how (method); ORUK has no table for this."""

    __tablename__ = "referral"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(ForeignKey("service.id", ondelete="CASCADE"), index=True, nullable=False)
    kind = Column(String(20), nullable=False)  # route|method
    value = Column(String(100), nullable=False)


class Contact(Base):
    __tablename__ = "contact"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(ForeignKey("service.id", ondelete="CASCADE"), index=True, nullable=False)
    kind = Column(String(20), nullable=False)  # phone|email|secure_email|website
    value = Column(String(300), nullable=False)
    label = Column(String(300))


class Schedule(Base):
    __tablename__ = "schedule"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(ForeignKey("service.id", ondelete="CASCADE"), index=True, nullable=False)
    description = Column(Text, nullable=False)


class Language(Base):
    __tablename__ = "language"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(ForeignKey("service.id", ondelete="CASCADE"), index=True, nullable=False)
    language = Column(String(50), nullable=False)


class Taxonomy(Base):
    __tablename__ = "taxonomy"
    id = Column(String(60), primary_key=True)
    name = Column(String(200), nullable=False)
    vocabulary = Column(String(60), nullable=False)


class ServiceTaxonomy(Base):
    __tablename__ = "service_taxonomy"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(ForeignKey("service.id", ondelete="CASCADE"), index=True, nullable=False)
    taxonomy_id = Column(ForeignKey("taxonomy.id"), nullable=False)


class SearchEntry(Base):
    """Derived, denormalised row per (service, area) for one-query search; rebuilt on import."""

    __tablename__ = "search_entry"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(ForeignKey("service.id", ondelete="CASCADE"), nullable=False)
    area_key = Column(String(120), nullable=False)
    easting = Column(Float)
    northing = Column(Float)
    radius_m = Column(Float)
    types = Column(String(300), default="|", nullable=False)
    genders = Column(String(100), default="|", nullable=False)
    risks = Column(String(100), default="|", nullable=False)
    routes = Column(String(300), default="|", nullable=False)
    formats = Column(String(200), default="|", nullable=False)
    __table_args__ = (
        Index("ix_search_entry_area_radius", "area_key", "radius_m"),
        Index("ix_search_entry_grid", "easting", "northing"),
    )


class GeoPostcode(Base):
    __tablename__ = "geo_postcode"
    postcode = Column(String(8), primary_key=True)  # "NG1 5FS"
    easting = Column(Float, nullable=False)
    northing = Column(Float, nullable=False)
    lad_code = Column(String(9), nullable=False)


class GeoPostcodeGroup(Base):
    """Outward codes ("NG1") and sectors ("NG1 5") with their centroid and main district."""

    __tablename__ = "geo_postcode_group"
    code = Column(String(8), primary_key=True)
    kind = Column(String(10), nullable=False)  # outward|sector
    easting = Column(Float, nullable=False)
    northing = Column(Float, nullable=False)
    lad_code = Column(String(9), nullable=False)


class GeoArea(Base):
    """An administrative area: district, council, ceremonial county, police force, nation, UK."""

    __tablename__ = "geo_area"
    key = Column(String(120), primary_key=True)  # e.g. "county:nottinghamshire"
    kind = Column(String(20), index=True, nullable=False)
    name = Column(String(200), nullable=False)
    easting = Column(Float)
    northing = Column(Float)


class GeoDistrictArea(Base):
    """Membership: district `lad_code` lies within area `area_key`."""

    __tablename__ = "geo_district_area"
    lad_code = Column(String(9), primary_key=True)
    area_key = Column(ForeignKey("geo_area.key"), primary_key=True, index=True)


class GeoPlace(Base):
    """A town, city or village (GeoNames) or alias, placed in a district."""

    __tablename__ = "geo_place"
    id = Column(Integer, primary_key=True, autoincrement=True)
    name = Column(String(200), nullable=False)
    norm = Column(String(200), index=True, nullable=False)
    kind = Column(String(20), nullable=False)  # place|area-alias
    easting = Column(Float)
    northing = Column(Float)
    lad_code = Column(String(9))
    area_key = Column(String(120))
    population = Column(Integer, default=0, nullable=False)


class GeoMeta(Base):
    __tablename__ = "geo_meta"
    key = Column(String(50), primary_key=True)
    value = Column(Text, nullable=False)
