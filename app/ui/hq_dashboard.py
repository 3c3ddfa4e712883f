"""HQ's consolidated dashboard: figures across missions, drill-down to trainings, devices.

Everything is queried on the worker (``hq.breakdown``, ``hq.drill_down``,
``reports.build_report``, ``sync.device_statuses``) and shown in plain tables.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services import reference
from app.ui.common import sex_labels, show_date
from app.ui.contracts import as_widget
from app.ui.i18n import current_language
from app.ui.summary_panel import percent
from app.ui.tables import RowsModel, make_table

if TYPE_CHECKING:
    from app.ui.contracts import WindowHost


def stretch_column(view: QTableView, column: int) -> None:
    """One column takes the spare width; the numbers keep to their own width."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)


def when_text(moment: datetime | None) -> str:
    """'23 nov. 2026 14:05' in the interface's locale, like every other date on screen."""
    if moment is None:
        return ""
    clock = QTime(moment.hour, moment.minute, moment.second)
    return QLocale().toString(QDateTime(QDate(moment.date()), clock), "d MMM yyyy HH:mm")


class HqDashboard(QWidget):
    """Trainings and unique participants by mission, category, sex, partner or period."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(as_widget(window), Qt.WindowType.Window)
        self.setObjectName("hqDashboard")
        self.setWindowTitle(self.tr("HQ dashboard — all missions"))
        self.resize(1100, 700)
        self._window = window
        self._rows: list[Any] = []
        self.loaded = 0  # how many refreshes completed (tests wait on it)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Group by:"), self))
        self.dimension = QComboBox(self)
        self.dimension.setObjectName("dimensionCombo")
        for key, label in (
            ("mission", self.tr("Mission")), ("category", self.tr("Participant category")),
            ("sex", self.tr("Sex")), ("partner", self.tr("Partner")),
            ("month", self.tr("Month")), ("quarter", self.tr("Quarter")),
            ("year", self.tr("Year")),
            ("age_band", self.tr("Age band")), ("disability", self.tr("Disability")),
        ):  # fmt: skip
            self.dimension.addItem(label, key)
        self.dimension.currentIndexChanged.connect(self.reload)
        top.addWidget(self.dimension)
        top.addStretch(1)
        self.export_button = QPushButton(self.tr("Export table…"), self)
        self.export_button.clicked.connect(lambda: self.export_table())
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.totals = QLabel(self)
        self.totals.setObjectName("dashboardTotals")
        self.totals.setStyleSheet("font-size: 14px; padding: 4px")
        layout.addWidget(self.totals)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.breakdown_model = RowsModel(
            [self.tr("Group"), self.tr("Trainings"), self.tr("Participants"), self.tr("Women"),
             self.tr("Men"), self.tr("Women %"), self.tr("Completed")], [], self,
            right=(5,))  # fmt: skip
        self.breakdown_view = make_table(self.breakdown_model, splitter)
        stretch_column(self.breakdown_view, 0)
        self.breakdown_view.selectionModel().currentRowChanged.connect(self._drill)
        holder = QWidget(splitter)
        lower = QVBoxLayout(holder)
        lower.setContentsMargins(0, 0, 0, 0)
        self.drill_label = QLabel(self.tr("Select a row to see its trainings."), holder)
        lower.addWidget(self.drill_label)
        self.trainings_model = RowsModel(
            [self.tr("Mission"), self.tr("Title"), self.tr("Start"), self.tr("End"),
             self.tr("Places"), self.tr("Participants")], [], holder)  # fmt: skip
        self.trainings_view = make_table(self.trainings_model, holder)
        stretch_column(self.trainings_view, 1)
        lower.addWidget(self.trainings_view)
        lower.addWidget(QLabel(self.tr("Devices (bundles received):"), holder))
        self.devices_model = RowsModel(
            [self.tr("Focal point"), self.tr("Mission"), self.tr("Last bundle"),
             self.tr("Received (UTC)"), self.tr("Missing bundles")], [], holder)  # fmt: skip
        self.devices_view = make_table(self.devices_model, holder)
        stretch_column(self.devices_view, 0)
        lower.addWidget(self.devices_view)
        splitter.addWidget(self.breakdown_view)
        splitter.addWidget(holder)
        layout.addWidget(splitter, 1)
        self.reload()

    def current_dimension(self) -> str:
        return str(self.dimension.currentData())

    def reload(self) -> None:
        from app.services import hq, sync
        from app.services.reports import build_report

        inst, by = self._window.installation, self.current_dimension()

        lang = current_language()

        def job() -> tuple[Any, list[Any], list[Any], dict[str, str]]:
            labels = (
                reference.category_labels(inst, lang)
                if by == "category"
                else reference.partner_labels(inst, lang)
                if by == "partner"
                else hq.audit_labels(by, lang)  # age band, disability ("" otherwise)
            )
            return build_report(inst), hq.breakdown(inst, by), sync.device_statuses(inst), labels

        self._window.worker.run(job, on_success=self._show)

    def group_label(self, row: Any, labels: dict[str, str]) -> str:
        """A group's name in the interface's language (categories, sexes, PNUD for UNDP)."""
        by = self.current_dimension()
        if by == "sex":
            return sex_labels().get(row.key, row.label)
        if by == "category" and row.key == "(none)":
            return self.tr("(no category)")
        return labels.get(row.key, row.label)

    def _show(self, result: tuple[Any, list[Any], list[Any], dict[str, str]]) -> None:
        report, rows, devices, labels = result
        self._rows = rows
        self.totals.setText(
            " · ".join((
                self.tr("%n training(s)", "", report.trainings),
                self.tr("%n unique participant(s)", "", report.participants)
                + " "
                + self.tr("({share} women)").format(share=percent(report.women_share)),
                self.tr("%n completed", "", report.completed),
                self.tr("%n mission(s)", "", len(report.by_mission)),
                *self._perdiem_text(report.perdiem_totals),
            ))
        )  # fmt: skip
        self.breakdown_model.set_rows([
            [self.group_label(r, labels), r.trainings, r.participants, r.women, r.men,
             percent(r.women_share), r.completed]
            for r in rows
        ])  # fmt: skip
        self.devices_model.set_rows([
            [d.name or d.device_id[:8], d.mission, d.last_seq, when_text(d.last_received_at),
             ", ".join(str(s) for s in d.missing) or "—"]
            for d in devices
        ])  # fmt: skip
        self.trainings_model.set_rows([])
        self.loaded += 1

    def _perdiem_text(self, totals: dict[str, str]) -> list[str]:
        """'Per-diem: 1,234.50 USD, 53,500.00 CDF' (issue 19), or nothing when none is paid."""
        if not totals:
            return []
        from decimal import Decimal

        from app.services.audit.money import format_money

        lang = current_language()
        shown = ", ".join(format_money(Decimal(v), c, lang) for c, v in totals.items())
        return [self.tr("Per-diem: {totals}").format(totals=shown)]

    def _drill(self, current: Any, _previous: Any = None) -> None:
        if not current.isValid() or current.row() >= len(self._rows):
            return
        self.drill_to(self._rows[current.row()].key)

    def drill_to(self, key: str) -> None:
        from app.services import hq, trainings

        inst, by = self._window.installation, self.current_dimension()

        def job() -> list[Any]:
            ids = hq.drill_down(inst, by, key)
            found = trainings.training_rows(inst, ids)
            return [found[i] for i in ids if i in found]

        def show(rows: list[Any]) -> None:
            row = next((r for r in self._rows if r.key == key), None)
            shown = self.breakdown_model.row_values(self._rows.index(row))[0] if row else key
            self.drill_label.setText(self.tr("Trainings for {key}:").format(key=shown))
            self.trainings_model.set_rows([
                [r.mission, r.title, show_date(r.start), show_date(r.end), r.locations,
                 r.participant_count] for r in rows
            ])  # fmt: skip
            self.loaded += 1

        self._window.worker.run(job, on_success=show)

    def export_table(self, destination: Path | None = None, hxl: bool = True) -> None:
        from app.services import hq
        from app.ui.people_io_ui import chosen_export, document_language, export_choices

        dialect, lang = None, document_language(self._window)
        if destination is None:
            choices = export_choices(lang)
            name, selected = QFileDialog.getSaveFileName(
                self, self.tr("Export table"),
                str(self._window.installation.paths.exports / f"hq-{self.current_dimension()}.xlsx"),
                ";;".join(c.label for c in choices),
            )  # fmt: skip
            if not name:
                return
            destination, choice = chosen_export(choices, selected, Path(name))
            hxl, dialect = choice.hxl, choice.csv_dialect
        inst, by = self._window.installation, self.current_dimension()
        self._window.worker.run(
            lambda: hq.export_consolidated(inst, destination, by, None, hxl, dialect, lang),
            on_success=lambda path: self._window.statusBar().showMessage(
                self.tr("Table written to {path}.").format(path=path), 10000
            ),
        )
