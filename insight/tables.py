"""The table by local authority as rows of text: the same suppressed figures for the page, CSV and CLI."""

from __future__ import annotations

import csv
import io

from insight.report import COLUMNS, Report

HEADINGS = ("Local authority", "Police force area") + tuple(heading for _, heading, _ in COLUMNS)
TOTAL_LABEL = "All areas"


def area_rows(report: Report) -> list[list[str]]:
    """One row per local authority (by name), then the total row."""
    rows = [[area.local_authority, area.force_label] + [report.area(key, area).text for key, _, _ in COLUMNS]
            for area in report.areas]
    if report.areas:
        rows.append([TOTAL_LABEL, ""] + [report.total(key).text for key, _, _ in COLUMNS])
    return rows


def force_rows(report: Report) -> list[list[str]]:
    """One row per police force area, for police and crime commissioners."""
    return [[force or "(a nation or the UK searched as a whole)"] + [report.force(key, force).text
                                                                     for key, _, _ in COLUMNS]
            for force in report.forces]


def to_csv(report: Report) -> str:
    """The table by local authority as CSV (suppressed cells as 'fewer than 10' or 'withheld')."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADINGS)
    for row in area_rows(report):
        writer.writerow([_safe_cell(cell) for cell in row])
    return out.getvalue()


def to_text(report: Report) -> str:
    """The same table aligned for a terminal."""
    rows = [list(HEADINGS)] + area_rows(report)
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADINGS))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
                     for row in rows) + "\n"


def _safe_cell(text: str) -> str:
    """A name a spreadsheet would run as a formula ('=...', '+...') is kept as text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
