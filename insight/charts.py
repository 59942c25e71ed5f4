"""The report's charts as SVG, drawn here (no plotting library): each with a title, axis labels, a
description for screen readers, and suppressed figures marked rather than drawn.

Colours and presentation attributes only (no style attributes), so a strict content security policy
that allows no inline style still shows them.
"""

from __future__ import annotations

from html import escape

from insight.report import Area, Figure, Report, filters_label, month_label

INK, MUTED, LINE = "#1d2329", "#5b6670", "#d5dbe0"
DARK, LIGHT, HIDDEN = "#005eb8", "#9ec5e8", "#eceff1"
FONT = 'font-family="system-ui, sans-serif"'
SHORT = {"withheld": "w/h"}  # in a cell too small for the word; the legend says what it means
AREAS_IN_HEATMAP = 12
MIN_WIDTH = 760  # room for the title and legend; the page scales a chart down to its column


def _text(x: float, y: float, text: str, size: int = 12, anchor: str = "start", fill: str = INK,
          weight: str = "normal", rotate: float | None = None) -> str:
    turn = f' transform="rotate({rotate} {x:.1f} {y:.1f})"' if rotate is not None else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
            f'font-weight="{weight}" {FONT}{turn}>{escape(text)}</text>')


def _rect(x: float, y: float, w: float, h: float, fill: str, stroke: str | None = None) -> str:
    edge = f' stroke="{stroke}"' if stroke else ""
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" fill="{fill}"{edge}/>'


def _svg(name: str, width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    width = max(width, MIN_WIDTH)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" '
            f'aria-labelledby="{name}-title {name}-desc" data-testid="chart-{name}">'
            f'<title id="{name}-title">{escape(title)}</title><desc id="{name}-desc">{escape(desc)}</desc>'
            + "".join(body) + "</svg>")


def _short(figure: Figure, threshold: int) -> str:
    if figure.shown:
        return str(figure.value)
    return SHORT.get(figure.text, f"<{threshold}")


def heatmap_areas(report: Report, limit: int = AREAS_IN_HEATMAP) -> list[Area]:
    """Areas with the most searches that found nothing local (shown figures only), then the rest by name."""
    shown = [a for a in report.areas if report.area("nothing_local", a).shown and report.area("nothing_local", a).value]
    shown.sort(key=lambda a: -(report.area("nothing_local", a).value or 0))
    rest = [a for a in report.areas if a not in shown]
    return (shown + rest)[:limit]


def unmet_heatmap(report: Report) -> str:
    """Searches that found nothing local, by area (rows) and month (columns), darker for more."""
    areas, months = heatmap_areas(report), report.months
    label_w, cell_w, cell_h, top = 230, max(44, min(70, 640 // max(len(months), 1))), 28, 70
    width, height = label_w + cell_w * len(months) + 20, top + cell_h * len(areas) + 60
    values = [report.area_month(a, m).value or 0 for a in areas for m in months]
    most = max(values, default=0) or 1
    body = [_text(10, 22, "Searches that found nothing local, by area and month", 15, weight="bold")]
    body.append(_text(label_w + cell_w * len(months) / 2, top - 30, "Month", 12, "middle", MUTED))
    body.append(_text(label_w - 8, top - 8, "Local authority searched for", 12, "end", MUTED))
    for j, month in enumerate(months):
        body.append(_text(label_w + cell_w * (j + 0.5), top - 8, month_label(month), 11, "middle"))
    for i, area in enumerate(areas):
        y = top + cell_h * i
        body.append(_text(label_w - 8, y + cell_h * 0.65, area.local_authority[:34], 12, "end"))
        for j, month in enumerate(months):
            figure = report.area_month(area, month)
            x = label_w + cell_w * j
            if figure.shown:
                share = (figure.value or 0) / most
                fill = DARK if share > 0.5 else LIGHT if share > 0 else "#ffffff"
                ink = "#ffffff" if share > 0.5 else INK
            else:
                fill, ink = HIDDEN, MUTED
            body.append(_rect(x + 1, y + 1, cell_w - 2, cell_h - 2, fill, LINE))
            body.append(_text(x + cell_w / 2, y + cell_h * 0.65, _short(figure, report.threshold), 11, "middle", ink))
    legend_y = top + cell_h * len(areas) + 24
    body.append(_text(10, legend_y, f"<{report.threshold}: fewer than {report.threshold}; w/h: withheld so a "
                      f"smaller figure can't be worked out. Darker: more searches.", 11, fill=MUTED))
    if len(report.areas) > len(areas):
        body.append(_text(10, legend_y + 18, f"{len(report.areas) - len(areas)} more areas are in the table below.",
                          11, fill=MUTED))
    shown_rows = [f"{a.local_authority}: {report.area('nothing_local', a).text}" for a in areas]
    desc = ("Searches that found nothing local, by local authority and month. Totals over the period: "
            + "; ".join(shown_rows) + ". The table beside this chart gives every figure.")
    return _svg("unmet", width, height, "Searches that found nothing local, by area and month", desc, body)


def filters_chart(report: Report) -> str:
    """For each set of filters asked for: searches asking it (light) and those it left with nothing local (dark)."""
    sets = report.filter_sets
    label_w, bar_h, top, plot_w = 260, 16, 66, 420
    width, height = label_w + plot_w + 80, top + len(sets) * (bar_h * 2 + 14) + 70
    figures = [(f, report.filter_set("filtered", f), report.filter_set("not_met", f)) for f in sets]
    most = max((fig.value or 0 for _, asked, unmet in figures for fig in (asked, unmet)), default=0) or 1
    body = [_text(10, 22, "Filters asked for, and how often nothing local met them", 15, weight="bold")]
    body.append(_text(label_w + plot_w / 2, height - 36, "Searches", 12, "middle", MUTED))
    body.append(_text(label_w - 8, top - 14, "Filters asked for", 12, "end", MUTED))
    body.append(f'<line x1="{label_w}" y1="{top - 6}" x2="{label_w}" y2="{height - 60}" stroke="{MUTED}"/>')
    for i, (key, asked, unmet) in enumerate(figures):
        y = top + i * (bar_h * 2 + 14)
        body.append(_text(label_w - 8, y + bar_h * 1.3, filters_label(key)[:40], 12, "end"))
        for k, (figure, fill, what) in enumerate(((asked, LIGHT, "asked"), (unmet, DARK, "not met"))):
            yy = y + k * bar_h
            w = plot_w * (figure.value or 0) / most if figure.shown else 0
            body.append(_rect(label_w, yy, w, bar_h - 2, fill))
            body.append(_text(label_w + w + 6, yy + bar_h - 4, f"{what}: {figure.text}", 11, fill=INK))
    legend_y = height - 14
    body += [_rect(10, legend_y - 10, 12, 12, LIGHT), _text(28, legend_y, "searches asking for it", 11),
             _rect(190, legend_y - 10, 12, 12, DARK), _text(208, legend_y, "of which nothing local met it", 11)]
    desc = "; ".join(f"{filters_label(k)}: asked in {a.text} searches, not met in {u.text}" for k, a, u in figures)
    return _svg("filters", width, height, "Filters asked for, and how often nothing local met them",
                (desc or "No search has asked for a filter yet.") + ".", body)


def out_of_hours_chart(report: Report) -> str:
    """Searches each month, in hours (light) and out of hours (dark), with the out-of-hours share."""
    months = report.months
    left, top, plot_h, bar_w, gap = 70, 50, 220, 40, 22
    width, height = left + len(months) * (bar_w + gap) + 40, top + plot_h + 90
    rows = [(m, report.month("in_hours", m), report.month("out_of_hours", m), report.month("searches", m))
            for m in months]
    most = max((total.value or 0 for *_, total in rows), default=0) or 1
    body = [_text(10, 22, "Searches made in and out of advisors' hours, by month", 15, weight="bold")]
    body.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    body.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 20}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    body.append(_text(18, top + plot_h / 2, "Searches", 12, "middle", MUTED, rotate=-90))
    body.append(_text(left + (width - left) / 2, top + plot_h + 52, "Month", 12, "middle", MUTED))
    body.append(_text(left - 6, top + 4, str(most), 11, "end", MUTED))
    body.append(_text(left - 6, top + plot_h, "0", 11, "end", MUTED))
    for j, (month, inside, outside, total) in enumerate(rows):
        x = left + gap / 2 + j * (bar_w + gap)
        base = top + plot_h
        if inside.shown and outside.shown:
            h_in, h_out = plot_h * (inside.value or 0) / most, plot_h * (outside.value or 0) / most
            body.append(_rect(x, base - h_in, bar_w, h_in, LIGHT))
            body.append(_rect(x, base - h_in - h_out, bar_w, h_out, DARK))
            label = f"{round(100 * (outside.value or 0) / (total.value or 1))}%" if total.value else "0"
            bar_top = base - h_in - h_out
        else:  # the split is hidden: a grey bar as tall as the month's total, if that is shown
            h = plot_h * (total.value or 0) / most if total.shown else 18
            body.append(_rect(x, base - h, bar_w, h, HIDDEN, LINE))
            label, bar_top = _short(total, report.threshold), base - h
        body.append(_text(x + bar_w / 2, bar_top - 4, label, 11, "middle"))
        body.append(_text(x + bar_w / 2, base + 16, month_label(month), 11, "middle"))
    legend_y = height - 14
    body += [_rect(10, legend_y - 10, 12, 12, LIGHT), _text(28, legend_y, "in hours", 11),
             _rect(100, legend_y - 10, 12, 12, DARK), _text(118, legend_y, "out of hours (share above the bar)", 11),
             _rect(350, legend_y - 10, 12, 12, HIDDEN, LINE), _text(368, legend_y, "split hidden (small numbers)", 11)]
    desc = "; ".join(f"{month_label(m)}: {t.text} searches, {o.text} out of hours" for m, _, o, t in rows)
    return _svg("hours", width, height, "Searches made in and out of advisors' hours, by month",
                (desc or "No searches counted yet.") + ".", body)
