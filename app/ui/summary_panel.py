"""A training's figures at a glance, from the same report the CLI and the PDF use.

Key numbers on top, participants by category and sex as a stacked bar chart (it
reads better than a table), attendance per session as a chart, partners as a table.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QLocale, QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services import reference, reports
from app.services.chart_scale import integer_scale
from app.services.reports import Report, ReportFilter
from app.ui.common import to_qdate
from app.ui.contracts import as_widget
from app.ui.i18n import current_language

if TYPE_CHECKING:
    from app.ui.contracts import EditorHost

CHART_ROWS = 6  # bars the category chart has room for; more are summed in the last one
SEX_COLOURS = {"female": "#7b4fa0", "male": "#2f7f8f", "unspecified": "#b0b0b0"}
ATTENDANCE_COLOURS = {"present": "#4c9a52", "absent": "#c8553d", "excused": "#e0a33b"}


class Figure(QFrame):
    """One big number with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("–", self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption, self)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str) -> None:
        self.value.setText(text)


def counts_axis(top: float) -> QValueAxis:
    """A value axis for counts of people: whole-number ticks only, from 0."""
    step, upper = integer_scale(top)
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setRange(0, upper)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setMinorTickCount(0)
    return axis


def wrapped(text: str, width: int = 18) -> str:
    """An axis label on as many short lines as it needs (QtCharts reads ``<br>``)."""
    if len(text) <= width:
        return text
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(html.escape(line) for line in lines)


def percent(ratio: float | None) -> str:
    if ratio is None:
        return "–"
    # "93%" in English, "93 %" in French: the sign's spacing is part of the translation
    return QCoreApplication.translate("SummaryPanel", "{value}%").format(value=round(ratio * 100))


def session_labels(report: Report) -> list[str]:
    """'10 déc.' over 'Kinshasa': the date and the place on two lines, so neither is cut."""
    return [
        f"{html.escape(QLocale().toString(to_qdate(s.date), 'd MMM'))}<br>{html.escape(s.location)}"
        for s in report.by_session
    ]


class SummaryPanel(QWidget):
    """Figures, two charts and the partners table for one training."""

    loaded = Signal()

    def __init__(self, editor: EditorHost) -> None:
        super().__init__(as_widget(editor))
        self.editor = editor
        self.installation = editor.installation
        self.worker = editor.worker
        self.report: Report | None = None
        self.category_labels: dict[str, str] = {}
        self.partner_labels: dict[str, str] = {}

        self.participants_figure = Figure(self.tr("participants"), self)
        self.women_figure = Figure(self.tr("women"), self)
        self.sessions_figure = Figure(self.tr("sessions"), self)
        self.rate_figure = Figure(self.tr("attendance rate"), self)
        self.completed_figure = Figure(self.tr("completed"), self)  # under the training's rule
        figures = QHBoxLayout()
        for figure in (
            self.participants_figure,
            self.women_figure,
            self.sessions_figure,
            self.rate_figure,
            self.completed_figure,
        ):
            figures.addWidget(figure)

        self.category_chart = QChartView(self)
        self.category_chart.setObjectName("categoryChart")
        self.category_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.category_chart.setMinimumHeight(240)
        self.session_chart = QChartView(self)
        self.session_chart.setObjectName("sessionChart")
        self.session_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.session_chart.setMinimumHeight(240)

        self.partner_table = QTableWidget(0, 2, self)
        self.partner_table.setObjectName("partnerTable")
        self.partner_table.setHorizontalHeaderLabels([self.tr("Partner"), self.tr("Participants")])
        self.partner_table.verticalHeader().hide()
        self.partner_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.partner_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.partner_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.category_table = QTableWidget(0, 4, self)
        self.category_table.setObjectName("categoryTable")
        self.category_table.setHorizontalHeaderLabels(
            [self.tr("Category"), self.tr("Women"), self.tr("Men"), self.tr("Not stated")]
        )
        self.category_table.verticalHeader().hide()
        self.category_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        for column in (1, 2, 3):
            self.category_table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.category_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        grid = QGridLayout()
        grid.addWidget(self.category_chart, 0, 0)
        grid.addWidget(self.session_chart, 0, 1)
        grid.addWidget(self.category_table, 1, 0)
        grid.addWidget(self.partner_table, 1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(figures)
        layout.addLayout(grid, 1)

    def load(self, training_id: str) -> None:
        inst = self.installation
        lang = current_language()

        def job() -> tuple[Report, dict[str, str], dict[str, str]]:
            report = reports.build_report(
                inst, ReportFilter(training_id=training_id, include_cancelled=True)
            )
            return (
                report,
                reference.category_labels(inst, lang),
                reference.partner_labels(inst, lang),
            )

        self.worker.run(job, on_success=lambda result: self.show_report(*result))

    def _category(self, name: str) -> str:
        """A category in the interface's language; '(none)' translated."""
        if name == reports.NO_CATEGORY:
            return self.tr("(no category)")
        return self.category_labels.get(name, name)

    def show_report(
        self,
        report: Report,
        labels: dict[str, str] | None = None,
        partners: dict[str, str] | None = None,
    ) -> None:
        self.report = report
        self.category_labels = labels or {}
        self.partner_labels = partners or {}
        self.participants_figure.set_value(str(report.participants))
        self.women_figure.set_value(
            f"{report.women} ({percent(report.women_share)})" if report.participants else "0"
        )
        self.sessions_figure.set_value(str(report.sessions))
        self.rate_figure.set_value(percent(report.attendance_rate))
        share = report.completed / report.participants if report.participants else None
        self.completed_figure.set_value(
            f"{report.completed} ({percent(share)})" if report.participants else "0"
        )
        self._fill_categories(report)
        self._fill_partners(report)
        self.category_chart.setChart(self._category_chart(report))
        self.session_chart.setChart(self._session_chart(report))
        self.loaded.emit()

    def _fill_categories(self, report: Report) -> None:
        table = self.category_table
        table.setRowCount(0)
        for category, by_sex in report.by_category_sex.items():
            row = table.rowCount()
            table.insertRow(row)
            table.setItem(row, 0, QTableWidgetItem(self._category(category)))
            for column, key in enumerate(("female", "male", "unspecified"), start=1):
                item = QTableWidgetItem(str(by_sex.get(key, 0)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)

    def _fill_partners(self, report: Report) -> None:
        table = self.partner_table
        table.setRowCount(0)
        for partner, count in report.by_partner.items():
            row = table.rowCount()
            table.insertRow(row)
            label = (
                self.tr("(no partner)")
                if partner == reports.NO_PARTNER
                else self.partner_labels.get(partner, partner)
            )
            table.setItem(row, 0, QTableWidgetItem(label))
            item = QTableWidgetItem(str(count))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, 1, item)

    def _base_chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        return chart

    def chart_rows(self, report: Report) -> list[tuple[str, dict[str, int]]]:
        """The chart's bars, biggest first: up to CHART_ROWS categories, the rest in one bar
        ("4 other categories"), so every label has the height to be read (the table below
        lists them all)."""
        rows = [(self._category(c), by_sex) for c, by_sex in report.by_category_sex.items()]
        if len(rows) <= CHART_ROWS:
            return rows
        kept, rest = rows[: CHART_ROWS - 1], rows[CHART_ROWS - 1 :]
        merged: dict[str, int] = {}
        for _label, by_sex in rest:
            for key, n in by_sex.items():
                merged[key] = merged.get(key, 0) + n
        return [*kept, (self.tr("%n other categories", "", len(rest)), merged)]

    def _category_chart(self, report: Report) -> QChart:
        chart = self._base_chart(self.tr("Participants by category and sex"))
        rows = list(reversed(self.chart_rows(report)))
        series = QHorizontalStackedBarSeries()
        labels = {
            "female": self.tr("Women"),
            "male": self.tr("Men"),
            "unspecified": self.tr("Not stated"),
        }
        for key, label in labels.items():
            values = [by_sex.get(key, 0) for _name, by_sex in rows]
            if not any(values):
                continue
            bar = QBarSet(label)
            bar.setColor(QColor(SEX_COLOURS[key]))
            bar.append([float(v) for v in values])
            series.append(bar)
        chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        # Two-line labels when there is height for them (few bars), one line otherwise.
        wrap = len(rows) <= 4
        axis_y.append([wrapped(name, 22) if wrap else name for name, _ in rows] or [""])
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        top = max((sum(by_sex.values()) for _name, by_sex in rows), default=1)
        axis_x = counts_axis(top)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        return chart

    def _session_chart(self, report: Report) -> QChart:
        chart = self._base_chart(self.tr("Attendance per session"))
        series = QStackedBarSeries()
        names = {
            "present": self.tr("Present"),
            "absent": self.tr("Absent"),
            "excused": self.tr("Excused"),
        }
        for key, label in names.items():
            bar = QBarSet(label)
            bar.setColor(QColor(ATTENDANCE_COLOURS[key]))
            # Late and left early are attended: counted with present, so the bars add up.
            bar.append([float(s.attended if key == "present" else getattr(s, key))
                        for s in report.by_session])  # fmt: skip
            series.append(bar)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(session_labels(report) or [""])
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        top = max((s.recorded for s in report.by_session), default=1)
        axis_y = counts_axis(top)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        return chart
