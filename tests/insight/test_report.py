"""The commissioners' report from recorded counts: the table by area, the CSV, the command line and the
charts all show the same suppressed figures."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from insight import charts
from insight.__main__ import main
from insight.recording import PERSON, CountedSearch, record_follow_up, record_search
from insight.report import build_report, load_rows
from insight.tables import HEADINGS, area_rows, to_csv


def _search(engine, times: int, la: str, force: str, found: bool, day: date = date(2026, 3, 3), **more) -> None:
    counted = CountedSearch(day, la, force, found, more.get("filters", ""), more.get("met", True),
                            more.get("ooh", False))
    for _ in range(times):
        record_search(engine, counted)
    for _ in range(more.get("person", 0)):
        record_follow_up(engine, counted.as_slot(), PERSON)


@pytest.fixture
def recorded(engine):
    _search(engine, 14, "Nottingham", "Nottinghamshire Police", True, person=1)
    _search(engine, 12, "Nottingham", "Nottinghamshire Police", True, date(2026, 4, 8), ooh=True)
    _search(engine, 11, "Cornwall", "Devon and Cornwall Police", False, filters="intervention_type:high_risk",
            met=False)
    _search(engine, 13, "Cornwall", "Devon and Cornwall Police", False, date(2026, 4, 9))
    _search(engine, 3, "Highland", "Police Scotland", False)
    return engine


def _by_area(report) -> dict[str, dict[str, str]]:
    return {row[0]: dict(zip(HEADINGS, row, strict=True)) for row in area_rows(report)}


def test_the_table_shows_areas_by_name_with_small_numbers_suppressed(recorded):
    report = build_report(load_rows(recorded), 10)
    rows = _by_area(report)
    assert list(rows) == ["Cornwall", "Highland", "Nottingham", "All areas"]
    assert rows["Highland"]["Searches"] == "fewer than 10"
    assert rows["Highland"]["Police force area"] == "Police Scotland"
    assert rows["Cornwall"]["Filters not met"] in ("11", "withheld")
    assert rows["Nottingham"]["Found nothing local"] == "0"
    assert rows["All areas"]["Searches"] in ("53", "withheld")
    hidden = [cell for row in rows.values() for cell in row.values() if cell in ("fewer than 10", "withheld")]
    assert hidden.count("fewer than 10") >= 1
    for name in ("Searches", "Found nothing local"):  # no column hides exactly one figure
        assert sum(rows[a][name] in ("fewer than 10", "withheld") for a in rows) != 1


def test_the_threshold_moves_what_is_suppressed(recorded):
    rows = _by_area(build_report(load_rows(recorded), 3))
    assert rows["Highland"]["Searches"] in ("3", "withheld")
    assert rows["Highland"]["Searches"] != "fewer than 3"


def test_the_csv_is_the_table(recorded):
    report = build_report(load_rows(recorded), 10)
    parsed = list(csv.reader(io.StringIO(to_csv(report))))
    assert tuple(parsed[0]) == HEADINGS
    assert parsed[1:] == area_rows(report)


def test_the_command_line_prints_the_same_csv(recorded, insight_url, capsys):
    assert main(["--database-url", insight_url, "report", "--csv"]) == 0
    printed = capsys.readouterr().out
    assert printed == to_csv(build_report(load_rows(recorded), 10))
    assert "Highland,Police Scotland,fewer than 10" in printed


def test_the_command_line_reads_the_threshold_setting_and_refuses_a_bad_one(recorded, insight_url, capsys,
                                                                           monkeypatch):
    monkeypatch.setenv("SIGNPOST_INSIGHT_THRESHOLD", "3")
    main(["--database-url", insight_url, "report", "--csv"])
    assert "fewer than 10" not in capsys.readouterr().out
    monkeypatch.setenv("SIGNPOST_INSIGHT_THRESHOLD", "ten")
    assert main(["--database-url", insight_url, "report"]) == 2
    assert "set it to 10" in capsys.readouterr().err


def test_the_command_line_says_when_nothing_is_counted_yet(insight_url, capsys):
    assert main(["--database-url", insight_url, "report"]) == 0
    assert "No searches counted yet" in capsys.readouterr().out


def test_a_period_can_be_chosen(recorded, insight_url, capsys):
    main(["--database-url", insight_url, "report", "--csv", "--since", "2026-04-01"])
    rows = {row[0]: row for row in csv.reader(io.StringIO(capsys.readouterr().out))}
    assert "Highland" not in rows and rows["Nottingham"][2] in ("12", "withheld")


def test_the_charts_have_titles_descriptions_and_mark_suppressed_figures(recorded):
    report = build_report(load_rows(recorded), 10)
    for svg in (charts.unmet_heatmap(report), charts.filters_chart(report), charts.out_of_hours_chart(report)):
        assert svg.startswith("<svg") and 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        assert "style=" not in svg  # the console's content security policy allows no inline style
    heatmap = charts.unmet_heatmap(report)
    assert ">Local authority searched for<" in heatmap and ">Month<" in heatmap
    assert ">Mar 2026<" in heatmap and ">Apr 2026<" in heatmap
    assert ">&lt;10<" in heatmap  # Highland's 3 searches that found nothing
    assert "Highland: fewer than 10" in re.sub(r"\s+", " ", heatmap)
    assert "High-risk, high-harm intervention: asked in" in charts.filters_chart(report)
