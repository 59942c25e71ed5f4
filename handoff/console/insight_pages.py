"""Demand and gaps, for commissioners: the anonymous search counts as charts, tables and a CSV, every
figure suppressed as insight.report does it. Only accounts with the commissioner role reach these."""

from __future__ import annotations

import asyncio
import html

from aiohttp import web
from sqlalchemy.engine import Engine

from directory import db
from handoff.console import sections
from handoff.console.pages import console_state, render_page, signed_in
from insight import charts
from insight.report import COLUMNS, Report, build_report, filters_label, load_rows, month_label
from insight.settings import InsightSettings, InsightSettingsError
from insight.tables import HEADINGS, TOTAL_LABEL, area_rows, force_rows, to_csv

CSV_NAME = "signpost-demand-and-gaps.csv"
SETTINGS_KEY = web.AppKey("insight_settings", object)  # InsightSettings, or the InsightSettingsError to show


async def _report(request: web.Request) -> Report:
    settings = request.config_dict[SETTINGS_KEY]
    if isinstance(settings, InsightSettingsError):
        raise web.HTTPInternalServerError(text=str(settings))
    engine = db.get_engine(console_state(request).settings.database_url)
    return await asyncio.to_thread(_build, engine, settings.threshold)


def _build(engine: Engine, threshold: int) -> Report:
    """Reading and suppressing the counts; run in a thread so other advisors' requests keep moving."""
    return build_report(load_rows(engine), threshold)


def _table(caption: str, headings: tuple[str, ...], rows: list[list[str]], testid: str, label_columns: int = 1) -> str:
    """An accessible table: a caption, column headings, and each row's first cell as its heading."""
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headings)
    body = []
    for row in rows:
        cells = [f'<th scope="row">{html.escape(row[0])}</th>']
        cells += [f"<td>{html.escape(cell)}</td>" for cell in row[1:label_columns]]
        cells += [f'<td class="num{" hidden-figure" if not cell.isdigit() else ""}">{html.escape(cell)}</td>'
                  for cell in row[label_columns:]]
        total = ' class="total"' if row[0] == TOTAL_LABEL else ""
        body.append(f"<tr{total}>" + "".join(cells) + "</tr>")
    return (f'<div class="table-wrap" role="region" aria-label="{html.escape(caption, quote=True)}" tabindex="0">'
            f'<table class="figures" data-testid="{testid}"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")


def _alternatives(report: Report) -> dict[str, str]:
    """Each chart's figures as a table, for anyone who would rather read them (or can't see the chart)."""
    areas = charts.heatmap_areas(report)
    unmet = _table("Searches that found nothing local, by area and month",
                   ("Local authority",) + tuple(month_label(m) for m in report.months) + ("All months",),
                   [[a.local_authority] + [report.area_month(a, m).text for m in report.months]
                    + [report.area("nothing_local", a).text] for a in areas], "unmet-table")
    filters = _table("Filters asked for, and how often nothing local met them",
                     ("Filters asked for", "Searches asking for them", "Nothing local met them"),
                     [[filters_label(f), report.filter_set("filtered", f).text, report.filter_set("not_met", f).text]
                      for f in report.filter_sets], "filters-table")
    hours = _table("Searches made in and out of advisors' hours, by month",
                   ("Month", "Searches", "In hours", "Out of hours"),
                   [[month_label(m), report.month("searches", m).text, report.month("in_hours", m).text,
                     report.month("out_of_hours", m).text] for m in report.months], "hours-table")
    return {"unmet_table": unmet, "filters_table": filters, "hours_table": hours}


async def insight_page(request: web.Request) -> web.Response:
    state, signed = console_state(request), signed_in(request)
    report = await _report(request)
    state.store.audit(signed.advisor, "view_insight", "demand and gaps", state.clock())
    raw = {"unmet_chart": "", "filters_chart": "", "hours_chart": "", "unmet_table": "", "filters_table": "",
           "hours_table": "", "area_table": "", "force_table": ""}
    if not report.empty:
        raw.update(unmet_chart=charts.unmet_heatmap(report), filters_chart=charts.filters_chart(report),
                   hours_chart=charts.out_of_hours_chart(report), **_alternatives(report))
        raw["area_table"] = _table("Searches by local authority searched for", HEADINGS, area_rows(report),
                                   "area-table", label_columns=2)
        raw["force_table"] = _table("Searches by police force area",
                                    ("Police force area",) + tuple(h for _, h, _ in COLUMNS), force_rows(report),
                                    "force-table")
    raw["definitions"] = "".join(f"<dt>{html.escape(h)}</dt><dd>{html.escape(what.capitalize())}.</dd>"
                                 for _, h, what in COLUMNS)
    period = (f"{month_label(report.months[0])} to {month_label(report.months[-1])}" if report.months else "")
    return render_page(request, "Demand and gaps", "insight.html", "insight_page", raw=raw,
                       threshold=str(report.threshold), highest_hidden=str(report.threshold - 1), period=period, csv_url=str(
                           request.app.router["insight_csv"].url_for()),
                       empty="" if report.empty else "hidden", filled="hidden" if report.empty else "")


async def insight_csv(request: web.Request) -> web.Response:
    """The table by local authority, the same suppressed figures as the page, as a download."""
    state, signed = console_state(request), signed_in(request)
    report = await _report(request)
    state.store.audit(signed.advisor, "download_insight", CSV_NAME, state.clock())
    return web.Response(text=to_csv(report), content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{CSV_NAME}"'})


def _settings() -> InsightSettings | InsightSettingsError:
    """Read once at start-up; a bad setting is kept and shown on the page, so the rest of the console runs."""
    try:
        return InsightSettings.from_env()
    except InsightSettingsError as error:
        return error


def add_routes(app: web.Application) -> None:
    app[SETTINGS_KEY] = _settings()
    app.router.add_get("/insight", insight_page, name="insight_page")
    app.router.add_get("/insight/report.csv", insight_csv, name="insight_csv")
    sections.require(app, "commissioner", "insight_page", "insight_csv")
