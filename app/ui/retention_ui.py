"""Tools > Retention and anonymisation: the mission's limit, who is past it, anonymising them.

A feature module (``install``). The dialog lists the people whose last training is
older than the limit; anonymising them (after a question) removes names, contacts
and function and keeps every count. Work runs on the main window's worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.errors import UserError
from app.services.audit import retention
from app.ui.common import localized, show_date

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    action = QAction(window.tr("Retention and anonymisation…"), window)
    action.setObjectName("retentionAction")
    action.triggered.connect(lambda: open_retention(window))
    window.menu("tools").addAction(action)


def open_retention(window: MainWindow) -> RetentionDialog:
    dialog = RetentionDialog(window)
    dialog.open()
    return dialog


class RetentionDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("retentionDialog")
        self.setWindowTitle(self.tr("Retention and anonymisation"))
        self.window_ = window
        self.candidates: list[retention.RetentionCandidate] = []
        self.loaded = 0
        self.mission = QComboBox(self)
        self.mission.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.months = QSpinBox(self)
        self.months.setRange(0, retention.MAX_MONTHS)
        self.months.setSpecialValueText(self.tr("no limit"))
        self.months.setSuffix(self.tr(" months"))
        self.save_button = QPushButton(self.tr("Save the limit and list"), self)
        intro = QLabel(self.tr(
            "People whose last training ended longer ago than the mission's limit can be "
            "anonymised: their name, phone, e-mail and function are removed; sex, category, "
            "organisation and attendance stay, so every figure stays the same."), self)  # fmt: skip
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Last training")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary = QLabel(self)
        self.summary.setObjectName("retentionSummary")
        self.summary.setWordWrap(True)
        self.anonymise_button = QPushButton(self.tr("Anonymise them…"), self)
        self.anonymise_button.setObjectName("anonymiseButton")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for widget in (QLabel(self.tr("Mission:"), self), self.mission,
                       QLabel(self.tr("Keep details for:"), self), self.months, self.save_button):  # fmt: skip
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        bottom = QHBoxLayout()
        bottom.addWidget(self.anonymise_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.resize(720, 480)
        self.save_button.clicked.connect(self.save_limit)
        self.mission.currentIndexChanged.connect(lambda _i: self.refresh())
        self.anonymise_button.clicked.connect(self.confirm_anonymise)
        self._load_missions()

    @property
    def inst(self) -> Any:
        return self.window_.installation

    def _load_missions(self) -> None:
        from app.services import reference

        inst = self.inst

        def job() -> tuple[list[str], str]:
            return [m.code for m in reference.list_missions(inst)], inst.profile().mission

        def done(result: tuple[list[str], str]) -> None:
            codes, own = result
            self.mission.blockSignals(True)
            self.mission.addItems(codes)
            self.mission.setCurrentIndex(max(self.mission.findText(own), 0))
            self.mission.blockSignals(False)
            self.refresh()

        self.window_.worker.run(job, on_success=done)

    def refresh(self) -> None:
        inst, mission = self.inst, self.mission.currentText()

        def job() -> tuple[int | None, list[retention.RetentionCandidate]]:
            return retention.get_limit(inst, mission), retention.retention_candidates(inst, mission)

        self.window_.worker.run(job, on_success=self._show)

    def _show(self, result: tuple[int | None, list[retention.RetentionCandidate]]) -> None:
        limit, self.candidates = result
        self.months.setValue(limit or 0)
        self.table.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            self.table.setItem(row, 0, QTableWidgetItem(c.name))
            self.table.setItem(row, 1, QTableWidgetItem(show_date(c.last_training)))
        if limit is None:
            self.summary.setText(self.tr("This mission has no retention limit."))
        else:
            self.summary.setText(self.tr("%n person(s) past the limit.", "", len(self.candidates)))
        self.anonymise_button.setEnabled(bool(self.candidates))
        self.loaded += 1

    def save_limit(self) -> None:
        inst, mission, months = self.inst, self.mission.currentText(), self.months.value() or None

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, UserError):
                self.window_.worker.failed.emit(exc)
                return
            self.summary.setText(localized(exc.message))

        self.window_.worker.run(lambda: retention.set_limit(inst, mission, months),
                                on_success=lambda _r: self.refresh(), on_error=failed)  # fmt: skip

    def confirm_anonymise(self) -> None:
        if not self.candidates:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Anonymise"), self.tr(
            "Remove the names, contacts and functions of %n person(s)? This cannot be undone; "
            "the figures stay the same.", "", len(self.candidates)), parent=self)  # fmt: skip
        go = box.addButton(self.tr("Anonymise"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not go:
            return
        inst, ids = self.inst, [c.person_id for c in self.candidates]
        self.window_.worker.run(lambda: retention.anonymise_people(inst, ids),
                                on_success=lambda _n: self.refresh())  # fmt: skip
