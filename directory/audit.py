"""What the directory team should check: records past their review date, and what each record leaves unsaid.

Every fact in a record comes from its `source_document`; a record without one, without a source
date, or not checked within the review interval is listed first. Fields left blank are named, because
the bot then says "the directory doesn't record it" and the team may want to find out. Fields with a
value but no row in data/seed_provenance.csv are named too: nobody can trace them to a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional

from directory import provenance
from directory.freshness import is_due, month_year
from directory.provenance import SourceRow
from directory.records import ServiceRecord
from directory.settings import DEFAULT_REVIEW_MONTHS

# Fields a worker's question or a search filter reads; blank means "not recorded", never "no".
ASKED_ABOUT = ("genders", "risk_levels", "referral_routes", "formats", "coverage", "contacts", "cost",
               "respect_accredited", "duration_weeks_min", "partner_support", "exclusions", "min_age", "languages",
               "interpreters")


@dataclass
class RecordAudit:
    service_id: str
    name: str
    source: str
    problems: list[str] = field(default_factory=list)  # things to fix or check now
    not_recorded: list[str] = field(default_factory=list)
    unsourced: list[str] = field(default_factory=list)  # filled fields with no row in seed_provenance.csv

    def as_dict(self) -> dict[str, Any]:
        return {"service_id": self.service_id, "name": self.name, "source": self.source,
                "problems": self.problems, "not_recorded": self.not_recorded, "unsourced": self.unsourced}


def audit_record(record: ServiceRecord, today: date, review_months: int = DEFAULT_REVIEW_MONTHS,
                 sources: Optional[list[SourceRow]] = None) -> RecordAudit:
    """One record's problems (no source, no date, past review), its blank fields and its fields with no source."""
    result = RecordAudit(record.id, record.name, record.source_document or "")
    if not record.source_document:
        result.problems.append("no source document: every fact needs one")
    if not record.source_date:
        result.problems.append("the source is undated, so the bot can't say how old its facts are")
    if record.last_verified is None:
        result.problems.append("never checked with the provider (no last_verified date)")
    elif is_due(record.last_verified, today, review_months):
        result.problems.append(f"past its review date: last checked {month_year(record.last_verified)}, "
                               f"more than {review_months} months ago")
    if record.scope == "local" and not record.coverage and record.radius_km is None:
        result.problems.append("local, but no area or radius recorded")
    result.not_recorded = [name for name in ASKED_ABOUT if getattr(record, name) in (None, "", [])]
    result.unsourced = provenance.unsourced_fields(record, sources)
    return result


def audit(records: list[ServiceRecord], today: date, review_months: int = DEFAULT_REVIEW_MONTHS,
          sources: Optional[list[SourceRow]] = None) -> list[RecordAudit]:
    """Every record, those with problems first (most problems first), then by id."""
    sources = provenance.load() if sources is None else sources
    results = [audit_record(r, today, review_months, sources) for r in records]
    return sorted(results, key=lambda a: (-len(a.problems), a.service_id))


def report_lines(results: list[RecordAudit], review_months: int) -> list[str]:
    due = sum(1 for a in results if a.problems)
    lines = [f"{len(results)} services; {due} to check (review interval {review_months} months)."]
    for item in results:
        lines.append(f"- {item.name} [{item.service_id}] (source: {item.source or 'none'})")
        lines += [f"    check: {problem}" for problem in item.problems]
        if item.not_recorded:
            lines.append(f"    not recorded: {', '.join(item.not_recorded)}")
        if item.unsourced:
            lines.append(f"    no source for: {', '.join(item.unsourced)}")
    return lines
