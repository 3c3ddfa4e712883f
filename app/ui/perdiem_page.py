"""A training's per-diem and transport: who is paid, the rates, and what each person is owed.

The amounts come from the attendance (``app.services.audit.perdiem_compute``); this
page only edits the settings and shows the result. Work runs on the background worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.l10n import tr as doc_tr
from app.services.audit import perdiem
from app.services.audit.money import format_money, rate_text
from app.services.audit.perdiem import RateInput
from app.services.audit.perdiem_compute import PerdiemSheet, compute_perdiem
from app.ui.common import localized
from app.ui.i18n import current_language


class PerdiemHost(Protocol):
    installation: Any
    worker: Any
    training_id: str | None


class PerdiemPage(QWidget):
    """Eligible categories and rates on the left, the people and their amounts on the right."""

    changed = Signal()

    def __init__(self, host: PerdiemHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.places: list[tuple[str, str]] = []  # (name, label)
        self.sheet: PerdiemSheet | None = None
        self.categories = QListWidget(self)
        self.categories.setObjectName("perdiemCategories")
        self.rates = QTableWidget(0, 4, self)
        self.rates.setObjectName("perdiemRates")
        self.rates.setHorizontalHeaderLabels(
            [self.tr("Rate"), self.tr("Place"), self.tr("Currency"), self.tr("Amount")]
        )
        self.rates.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.rates.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.add_button = QPushButton(self.tr("Add a rate"), self)
        self.remove_button = QPushButton(self.tr("Remove the rate"), self)
        self.save_button = QPushButton(self.tr("Save and compute"), self)
        self.save_button.setObjectName("perdiemSave")
        self.export_button = QPushButton(self.tr("Export the payment sheet (.xlsx)…"), self)
        self.message = QLabel(self)
        self.message.setObjectName("perdiemMessage")
        self.message.setWordWrap(True)
        self.people = QTableWidget(0, 5, self)
        self.people.setObjectName("perdiemPeople")
        self.people.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Days"), self.tr("Nights"), self.tr("Owed"), self.tr("Why")]
        )
        self.people.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.people.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.totals = QLabel(self)
        self.totals.setObjectName("perdiemTotals")
        self.totals.setWordWrap(True)
        note = QLabel(self.tr(
            "Paid for each day a person was marked present; a night between two days attended "
            "(unless they sleep at home). UN staff are never paid. Each line is rounded once, "
            "half up, to the currency's smallest unit."), self)  # fmt: skip
        note.setWordWrap(True)

        left = QVBoxLayout()
        who = QGroupBox(self.tr("Paid categories"), self)
        QVBoxLayout(who).addWidget(self.categories)
        rates = QGroupBox(self.tr("Rates"), self)
        rates_layout = QVBoxLayout(rates)
        rates_layout.addWidget(self.rates)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        rates_layout.addLayout(buttons)
        left.addWidget(who, 1)
        left.addWidget(rates, 2)
        left.addWidget(self.save_button)
        left.addWidget(self.message)
        right = QVBoxLayout()
        right.addWidget(note)
        right.addWidget(self.people, 1)
        right.addWidget(self.totals)
        right.addWidget(self.export_button)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self.add_button.clicked.connect(lambda: self.add_rate())
        self.remove_button.clicked.connect(self._remove_rate)
        self.save_button.clicked.connect(self.save)
        self.export_button.clicked.connect(self._choose_export)

    # --- loading ------------------------------------------------------------------------

    def load(self, training_id: str) -> None:
        inst, lang = self.host.installation, current_language()

        def job() -> tuple[list[tuple[str, str]], list[str], PerdiemSheet]:
            from app.services.reference import list_categories

            cats = [(c.code, c.label(lang)) for c in list_categories(inst)]
            sheet = compute_perdiem(inst, training_id)
            places = list(dict.fromkeys(s.location for s in sheet.training.sessions if s.location))
            return cats, places, sheet

        self.host.worker.run(job, on_success=self._loaded)

    def _loaded(self, result: tuple[list[tuple[str, str]], list[str], PerdiemSheet]) -> None:
        cats, places, sheet = result
        self.places = [("", self.tr("Any place")), *((p, p) for p in places)]
        self.categories.clear()
        for code, label in cats:
            if code == perdiem.STAFF_CATEGORY:
                continue
            item = QListWidgetItem(label, self.categories)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = code in sheet.settings.eligible_categories
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.rates.setRowCount(0)
        for rate in sheet.settings.rates:
            self.add_rate(rate.kind, rate.location, rate.currency,
                          rate_text(rate.amount, rate.currency))  # fmt: skip
        self._show(sheet)

    def add_rate(self, kind: str = "day", place: str = "", currency: str = "USD",
                 amount: str = "") -> None:  # fmt: skip
        row = self.rates.rowCount()
        self.rates.insertRow(row)
        lang = current_language()
        kinds = QComboBox(self.rates)
        for code, label in perdiem.RATE_LABELS.items():
            kinds.addItem(doc_tr(lang, label), code)
        kinds.setCurrentIndex(max(kinds.findData(kind), 0))
        where = QComboBox(self.rates)
        for name, label in self.places or [("", self.tr("Any place"))]:
            where.addItem(label, name)
        where.setCurrentIndex(max(where.findData(place), 0))
        self.rates.setCellWidget(row, 0, kinds)
        self.rates.setCellWidget(row, 1, where)
        self.rates.setItem(row, 2, QTableWidgetItem(currency))
        self.rates.setItem(row, 3, QTableWidgetItem(amount))

    def _remove_rate(self) -> None:
        row = self.rates.currentRow()
        if row >= 0:
            self.rates.removeRow(row)

    def rate_inputs(self) -> list[RateInput]:
        rows = []
        for row in range(self.rates.rowCount()):
            kind, place = self.rates.cellWidget(row, 0), self.rates.cellWidget(row, 1)
            assert isinstance(kind, QComboBox) and isinstance(place, QComboBox)  # add_rate's
            currency, amount = self.rates.item(row, 2), self.rates.item(row, 3)
            rows.append(RateInput(kind.currentData(), currency.text() if currency else "",
                                  amount.text() if amount else "", place.currentData()))  # fmt: skip
        return rows

    def eligible(self) -> list[str]:
        return [
            self.categories.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.categories.count())
            if self.categories.item(i).checkState() == Qt.CheckState.Checked
        ]

    # --- saving and showing -------------------------------------------------------------

    def save(self) -> None:
        training_id = self.host.training_id
        if training_id is None:
            return
        inst, eligible, rates = self.host.installation, self.eligible(), self.rate_inputs()

        def job() -> PerdiemSheet:
            perdiem.save_settings(inst, training_id, eligible, rates)
            return compute_perdiem(inst, training_id)

        def done(sheet: PerdiemSheet) -> None:
            self.message.setText(self.tr("Saved."))
            self._show(sheet)
            self.changed.emit()

        self.host.worker.run(job, on_success=done, on_error=self._refused)

    def _show(self, sheet: PerdiemSheet) -> None:
        self.sheet = sheet
        lang = current_language()
        reasons = {"staff": self.tr("UN staff"), "excluded": self.tr("Excluded"),
                   "not_category": self.tr("Category not paid"), "included": self.tr("Included"),
                   "category": self.tr("Paid category")}  # fmt: skip
        self.people.setRowCount(len(sheet.people))
        for row, person in enumerate(sheet.people):
            owed = ", ".join(format_money(v, c, lang) for c, v in sorted(person.totals.items()))
            values = [person.name, str(person.days), str(person.nights), owed or "–",
                      reasons.get(person.reason, person.reason)]  # fmt: skip
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column in (1, 2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.people.setItem(row, column, item)
        totals = ", ".join(format_money(v, c, lang) for c, v in sorted(sheet.totals.items()))
        self.totals.setText(
            self.tr("%n person(s) paid", "", len(sheet.payable)) + " · "
            + self.tr("Total: %1").replace("%1", totals or "–")
        )  # fmt: skip
        self.export_button.setEnabled(bool(sheet.settings.rates))

    def _choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the payment sheet"),
                                              "perdiem.xlsx", "Excel (*.xlsx)")  # fmt: skip
        if name:
            self.export_xlsx(Path(name))

    def export_xlsx(self, path: Path) -> None:
        training_id = self.host.training_id
        if training_id is None:
            return
        from app.services.audit.perdiem_sheet import export_xlsx

        inst, lang = self.host.installation, current_language()
        self.host.worker.run(
            lambda: export_xlsx(inst, training_id, path, lang),
            on_success=lambda result: self.message.setText(
                self.tr("Payment sheet saved to %1.").replace("%1", str(result.path))
            ),
            on_error=self._refused,
        )

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self.host.worker.failed.emit(exc)
            return
        errors = getattr(exc, "errors", None)
        text = (
            "\n".join(localized(m) for m in errors.values()) if errors else localized(exc.message)
        )
        self.message.setText(text)
