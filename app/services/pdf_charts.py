"""Small vector charts for the summary (ReportLab graphics): who came, and when."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from app.l10n import tr
from app.services.chart_scale import integer_scale
from app.services.pdf_page import MEN_COLOUR, MUTED, OTHER_COLOUR, UN_BLUE, WOMEN_COLOUR
from app.services.pdf_text import SANS, SANS_BOLD, fit


def whole_number_axis(axis: Any, top: float) -> None:
    """Ticks at whole numbers only (0 1 2, 0 5 10…), never "0 0 0 0 0 1" for small counts."""
    step, upper = integer_scale(top)
    axis.valueMin = 0
    axis.valueMax = upper
    axis.valueStep = step


def category_sex_chart(
    rows: list[tuple[str, int, int, int]], lang: str, width: float
) -> Drawing | None:
    """Stacked horizontal bars: women, men and unspecified per participant category."""
    if not rows or not any(sum(r[1:]) for r in rows):
        return None
    rows = rows[:12]
    bar_height = 14
    label_width = 150
    height = 46 + bar_height * len(rows) * 1.35
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 36
    chart.width, chart.height = width - label_width - 20, height - 44
    # Bars are drawn bottom-up: reverse so the biggest category is on top.
    ordered = list(reversed(rows))
    chart.data = [[r[1] for r in ordered], [r[2] for r in ordered], [r[3] for r in ordered]]
    chart.categoryAxis.categoryNames = [fit(r[0], SANS, 7, label_width - 10) for r in ordered]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.style = "stacked"
    whole_number_axis(chart.valueAxis, max(sum(r[1:]) for r in rows))
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.forceZero = True
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.labelTextFormat = "%d"
    chart.barWidth = bar_height
    for index, colour in enumerate((WOMEN_COLOUR, MEN_COLOUR, OTHER_COLOUR)):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = colors.white
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = label_width, 6
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = SANS
    legend.fontSize = 7
    legend.boxAnchor = "w"
    legend.dx = legend.dy = 7
    legend.deltax = 90
    legend.colorNamePairs = [
        (WOMEN_COLOUR, tr(lang, "Women")),
        (MEN_COLOUR, tr(lang, "Men")),
        (OTHER_COLOUR, tr(lang, "Not stated")),
    ]
    drawing.add(legend)
    return drawing


def session_chart(rows: list[tuple[str, int, int]], lang: str, width: float) -> Drawing | None:
    """Vertical bars: present and recorded marks per session."""
    if len(rows) < 2:
        return None
    rows = rows[:20]
    height = 150
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 36, 34
    chart.width, chart.height = width - 60, height - 56
    chart.data = [[r[1] for r in rows], [r[2] for r in rows]]
    slot = chart.width / len(rows)
    chart.categoryAxis.categoryNames = [fit(r[0], SANS, 6.5, slot - 2) for r in rows]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.dy = -3
    whole_number_axis(chart.valueAxis, max(max(r[1], r[2]) for r in rows))
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.bars[0].fillColor = UN_BLUE
    chart.bars[1].fillColor = colors.HexColor("#b8c4d0")
    chart.bars.strokeColor = colors.white
    chart.barSpacing = 1
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 36, 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName = SANS
    legend.fontSize = 7
    legend.boxAnchor = "w"
    legend.dx = legend.dy = 7
    legend.deltax = 110
    legend.colorNamePairs = [
        (UN_BLUE, tr(lang, "Present")),
        (colors.HexColor("#b8c4d0"), tr(lang, "Attendance recorded")),
    ]
    drawing.add(legend)
    drawing.add(
        String(
            width - 4,
            height - 10,
            tr(lang, "Attendance by session"),
            fontName=SANS_BOLD,
            fontSize=8,
            fillColor=MUTED,
            textAnchor="end",
        )
    )
    return drawing
