"""The commissioners' report: the counts gathered into tables by area, police force, month and filters,
suppressed together (one table, so no figure shown in one view undoes a suppression in another).

Rows are listed by name, never by size, so the order of rows says nothing about a hidden figure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from insight.models import SearchCount
from insight.recording import filters_from_key
from insight.suppression import Suppressed, Table, suppress

ALL = ("all", "")
NO_FORCE = "No single police force area"
# The table's columns (shown in every view by area): key, heading, what it counts.
COLUMNS = (
    ("searches", "Searches", "searches for services in the area"),
    ("nothing_local", "Found nothing local", "searches that found no local service"),
    ("filtered", "Asked with filters", "searches that asked for a kind of service, gender, risk, referral route or format"),
    ("not_met", "Filters not met", "searches with filters that found no local service matching them"),
    ("out_of_hours", "Out of hours", "searches made when no advisor service was open"),
    ("person", "Then asked for a person", "searches after which the worker asked to talk to someone"),
    ("callback", "Then asked for a callback", "searches after which the worker left a callback request"),
)
SHOWN_BY_AREA = tuple(key for key, _, _ in COLUMNS)
SHOWN_BY_MONTH = ("searches", "out_of_hours", "in_hours", "nothing_local")
SHOWN_BY_FILTERS = ("filtered", "not_met")
# total = parts: each such line is protected by secondary suppression.
RELATIONS = (
    ("searches", ("nothing_local", "found_local")),
    ("searches", ("filtered", "unfiltered")),
    ("filtered", ("not_met", "met")),
    ("nothing_local", ("not_met", "unmet_unfiltered")),
    ("searches", ("out_of_hours", "in_hours")),
    ("searches", ("person", "no_person")),
    ("searches", ("callback", "no_callback")),
)
MEASURES = ("searches", "nothing_local", "found_local", "filtered", "unfiltered", "not_met", "met",
            "unmet_unfiltered", "out_of_hours", "in_hours", "person", "no_person", "callback", "no_callback")
FILTER_MEASURES = ("filtered", "not_met", "met")


def measures_of(row: Any) -> dict[str, int]:
    """What one stored count adds to each measure."""
    n, asked = row.searches, bool(row.filters)
    return {
        "searches": n, "nothing_local": 0 if row.found_local else n, "found_local": n if row.found_local else 0,
        "filtered": n if asked else 0, "unfiltered": 0 if asked else n,
        "not_met": n if asked and not row.filters_met else 0, "met": n if asked and row.filters_met else 0,
        "unmet_unfiltered": n if not asked and not row.found_local else 0,
        "out_of_hours": n if row.out_of_hours else 0, "in_hours": 0 if row.out_of_hours else n,
        "person": row.asked_person, "no_person": n - row.asked_person,
        "callback": row.asked_callback, "no_callback": n - row.asked_callback,
    }


@dataclass(frozen=True)
class Figure:
    value: int | None  # None when suppressed
    text: str  # the number, "fewer than 10" or "withheld"

    @property
    def shown(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Area:
    local_authority: str
    police_force: str

    @property
    def force_label(self) -> str:
        return self.police_force or NO_FORCE


class Report:
    """Every figure the page, the CSV and the charts show, suppressed once."""

    def __init__(self, suppressed: Suppressed, areas: list[Area], forces: list[str], months: list[str],
                 filter_sets: list[str]) -> None:
        self.suppressed = suppressed
        self.areas, self.forces, self.months, self.filter_sets = areas, forces, months, filter_sets

    @property
    def threshold(self) -> int:
        return self.suppressed.threshold

    @property
    def empty(self) -> bool:
        return not self.areas

    def figure(self, measure: str, group: str, value: Any = "") -> Figure:
        key = (measure, group, value)
        return Figure(self.suppressed.number(key), self.suppressed.display(key))

    def area(self, measure: str, area: Area) -> Figure:
        return self.figure(measure, "la", (area.local_authority, area.police_force))

    def total(self, measure: str) -> Figure:
        return self.figure(measure, *ALL)

    def area_month(self, area: Area, month: str) -> Figure:
        return self.figure("nothing_local", "la_month", (area.local_authority, area.police_force, month))

    def month(self, measure: str, month: str) -> Figure:
        return self.figure(measure, "month", month)

    def force(self, measure: str, force: str) -> Figure:
        return self.figure(measure, "pf", force)

    def filter_set(self, measure: str, filters: str) -> Figure:
        return self.figure(measure, "filters", filters)


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_label(month: str) -> str:
    return date.fromisoformat(month + "-01").strftime("%b %Y")


def filters_label(key: str) -> str:
    return filters_from_key(key).describe() or key


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def load_rows(engine: Engine, since: date | None = None, until: date | None = None) -> list[Any]:
    query = select(SearchCount)
    if since:
        query = query.where(SearchCount.day >= since)
    if until:
        query = query.where(SearchCount.day <= until)
    with engine.connect() as conn:
        return list(conn.execute(query).all())


def build_report(rows: list[Any], threshold: int) -> Report:
    """Gather the stored counts into one table of every view and its lines, then suppress it."""
    sums: dict[tuple, int] = defaultdict(int)
    areas: set[Area] = set()
    filter_sets: set[str] = set()
    days = [row.day for row in rows]
    months = _months_between(month_of(min(days)), month_of(max(days))) if days else []
    for row in rows:
        area, month = Area(row.local_authority, row.police_force), month_of(row.day)
        areas.add(area)
        values = measures_of(row)
        for measure, value in values.items():
            for group in (("la", (area.local_authority, area.police_force)), ("pf", area.police_force),
                          ("month", month), ALL):
                sums[(measure, *group)] += value
        sums[("nothing_local", "la_month", (area.local_authority, area.police_force, month))] += values["nothing_local"]
        if row.filters:
            filter_sets.add(row.filters)
            for measure in FILTER_MEASURES:
                sums[(measure, "filters", row.filters)] += values[measure]
    ordered = sorted(areas, key=lambda a: (a.local_authority.lower(), a.police_force))
    forces = sorted({a.police_force for a in areas}, key=lambda f: (not f, f.lower()))
    table = _table(sums, ordered, forces, months, sorted(filter_sets))
    return Report(suppress(table, threshold), ordered, forces, months, sorted(filter_sets, key=filters_label))


def _table(sums: dict[tuple, int], areas: list[Area], forces: list[str], months: list[str],
           filter_sets: list[str]) -> Table:
    table = Table()
    groups = ([("la", (a.local_authority, a.police_force)) for a in areas] + [("pf", f) for f in forces]
              + [("month", m) for m in months] + [ALL])
    for kind, value in groups:
        shown = SHOWN_BY_MONTH if kind == "month" else SHOWN_BY_AREA if kind != "all" else SHOWN_BY_AREA + SHOWN_BY_MONTH
        for measure in MEASURES:
            table.cell((measure, kind, value), sums.get((measure, kind, value), 0), shown=measure in shown)
        for total, parts in RELATIONS:
            table.adds_up((total, kind, value), [(part, kind, value) for part in parts])
    by_force: dict[str, list[Area]] = defaultdict(list)
    for a in areas:
        by_force[a.police_force].append(a)
    for measure in MEASURES:
        table.adds_up((measure, *ALL), [(measure, "la", (a.local_authority, a.police_force)) for a in areas])
        table.adds_up((measure, *ALL), [(measure, "pf", f) for f in forces])
        table.adds_up((measure, *ALL), [(measure, "month", m) for m in months])
        for force in forces:
            table.adds_up((measure, "pf", force),
                          [(measure, "la", (a.local_authority, a.police_force)) for a in by_force[force]])
    for a in areas:
        cells = [("nothing_local", "la_month", (a.local_authority, a.police_force, m)) for m in months]
        for key in cells:
            table.cell(key, sums.get(key, 0))
        table.adds_up(("nothing_local", "la", (a.local_authority, a.police_force)), cells)
    for m in months:
        table.adds_up(("nothing_local", "month", m),
                      [("nothing_local", "la_month", (a.local_authority, a.police_force, m)) for a in areas])
    for filters in filter_sets:
        for measure in FILTER_MEASURES:
            table.cell((measure, "filters", filters), sums.get((measure, "filters", filters), 0),
                       shown=measure in SHOWN_BY_FILTERS)
        table.adds_up(("filtered", "filters", filters), [("not_met", "filters", filters), ("met", "filters", filters)])
    for measure in FILTER_MEASURES:
        table.adds_up((measure, *ALL), [(measure, "filters", f) for f in filter_sets])
    return table
