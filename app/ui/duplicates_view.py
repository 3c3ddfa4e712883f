"""Possible duplicates side by side, and merging two records into one person.

The list comes from ``duplicates.find_duplicate_pairs`` (run on the worker). The
user sees both records with the trainings each took part in, then keeps one: the
other's registrations and attendance move over, after a confirmation. "Not the
same person" hides a pair for good.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services import duplicates, reference
from app.services.duplicates import DuplicatePair, PersonSummary
from app.services.installation import Installation
from app.ui.common import confirm, isolate, sex_labels
from app.ui.i18n import current_language
from app.ui.table_model import Column, TableModel
from app.ui.worker import Worker


def _score(_model: Any, pair: DuplicatePair) -> str:
    return QCoreApplication.translate("SummaryPanel", "{value}%").format(
        value=round(pair.score * 100)
    )


def _record(summary: PersonSummary) -> str:
    """A record's name and organisation, each kept in its own writing direction."""
    person = summary.person
    org = f" — {person.organisation}" if person.organisation else ""
    return isolate(person.full_name) + isolate(org) if org else isolate(person.full_name)


class PairsModel(TableModel):
    """Possible duplicates, best first; every cell's tooltip is its whole text."""

    COLUMNS = (
        Column("score", QT_TRANSLATE_NOOP("PairsModel", "Score"), tooltip=True, display=_score),
        Column("first", QT_TRANSLATE_NOOP("PairsModel", "First record"), tooltip=True,
               display=lambda _m, pair: _record(pair.first)),
        Column("second", QT_TRANSLATE_NOOP("PairsModel", "Second record"), tooltip=True,
               display=lambda _m, pair: _record(pair.second)),
        Column("why", QT_TRANSLATE_NOOP("PairsModel", "Why"), tooltip=True,
               display=lambda _m, pair: ", ".join(reason_label(r) for r in pair.reasons)),
    )  # fmt: skip
    CONTEXT = "PairsModel"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DuplicatePair] = []

    @property
    def pairs(self) -> list[DuplicatePair]:
        return self.rows

    def set_pairs(self, pairs: list[DuplicatePair]) -> None:
        self.reset_rows(list(pairs))


def reason_label(reason: str) -> str:
    """A reason from the duplicate finder in the interface language."""
    labels = {
        "same name": QCoreApplication.translate("Duplicates", "same name"),
        "similar name": QCoreApplication.translate("Duplicates", "similar name"),
        "same phone": QCoreApplication.translate("Duplicates", "same phone"),
        "same e-mail": QCoreApplication.translate("Duplicates", "same e-mail"),
        "same organisation": QCoreApplication.translate("Duplicates", "same organisation"),
        "same sex": QCoreApplication.translate("Duplicates", "same sex"),
        "different sex": QCoreApplication.translate("Duplicates", "different sex"),
        "different phone": QCoreApplication.translate("Duplicates", "different phone"),
        "already registered": QCoreApplication.translate("Duplicates", "already registered"),
    }
    return labels.get(reason, reason)


class PersonCard(QGroupBox):
    """One record's details, for comparing two side by side."""

    FIELDS = (
        QT_TRANSLATE_NOOP("PersonCard", "Name"),
        QT_TRANSLATE_NOOP("PersonCard", "Sex"),
        QT_TRANSLATE_NOOP("PersonCard", "Category"),
        QT_TRANSLATE_NOOP("PersonCard", "Organisation"),
        QT_TRANSLATE_NOOP("PersonCard", "Function"),
        QT_TRANSLATE_NOOP("PersonCard", "Phone"),
        QT_TRANSLATE_NOOP("PersonCard", "E-mail"),
        QT_TRANSLATE_NOOP("PersonCard", "Trainings"),
        QT_TRANSLATE_NOOP("PersonCard", "Attendance marks"),
    )

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        grid = QGridLayout(self)
        self.values: list[QLabel] = []
        self.category_labels: dict[str, str] = {}  # code -> name in the interface's language
        for row, name in enumerate(self.FIELDS):
            label = QLabel(self.tr("{field}:").format(field=self.tr(name)))
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            value = QLabel()
            value.setWordWrap(True)
            # names in Arabic script stay at the left edge like the rest of the card
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute
                               | Qt.AlignmentFlag.AlignTop)  # fmt: skip
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, row, 0)
            grid.addWidget(value, row, 1)
            self.values.append(value)
        grid.setColumnStretch(1, 1)

    def show_person(self, summary: PersonSummary | None) -> None:
        if summary is None:
            for value in self.values:
                value.clear()
            return
        p = summary.person
        texts = (
            isolate(p.full_name), sex_labels().get(p.sex, p.sex),
            self.category_labels.get(p.category, p.category), p.organisation,
            p.function, p.phone, p.email, "\n".join(isolate(t) for t in summary.trainings),
            str(summary.attendance_marks),
        )  # fmt: skip
        for value, text in zip(self.values, texts, strict=True):
            value.setText(text)


class DuplicatesDialog(QDialog):
    """The "Possible duplicates" window."""

    merged = Signal(object)

    def __init__(self, installation: Installation, worker: Worker, parent: QWidget | None = None):
        super().__init__(parent)
        self.installation = installation
        self.worker = worker
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.resize(980, 640)
        self.intro = QLabel(self.tr("Looking for people recorded twice…"))
        self.intro.setWordWrap(True)
        self.model = PairsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.left = PersonCard(self.tr("First record"))
        self.right = PersonCard(self.tr("Second record"))
        cards = QHBoxLayout()
        cards.addWidget(self.left)
        cards.addWidget(self.right)
        self.keep_first = QPushButton(self.tr("Same person: keep the first record"))
        self.keep_second = QPushButton(self.tr("Same person: keep the second record"))
        self.not_same = QPushButton(self.tr("Not the same person"))
        self.keep_first.clicked.connect(lambda: self._merge(keep_first=True))
        self.keep_second.clicked.connect(lambda: self._merge(keep_first=False))
        self.not_same.clicked.connect(self._dismiss)
        actions = QHBoxLayout()
        for button in (self.keep_first, self.keep_second, self.not_same):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 2)
        layout.addLayout(cards, 3)
        layout.addLayout(actions)
        layout.addWidget(close)
        self.confirm = confirm  # replaced in tests by an automatic answer
        self._set_buttons(False)
        self.reload()

    def reload(self) -> None:
        inst, lang = self.installation, current_language()
        self.worker.run(
            lambda: (
                duplicates.find_duplicate_pairs(inst),
                reference.category_code_labels(inst, lang),
            ),
            on_success=lambda result: self._show(*result),
        )

    def _show(self, pairs: list[DuplicatePair], categories: dict[str, str] | None = None) -> None:
        if categories is not None:
            self.left.category_labels = self.right.category_labels = categories
        self.model.set_pairs(pairs)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()  # the reasons wrap onto a second line, never cut
        if pairs:
            self.intro.setText(self.tr("%n pair(s) of records may be the same person. Compare "
                                       "them and merge the ones that are.", "", len(pairs)))  # fmt: skip
            self.table.selectRow(0)
        else:
            self.intro.setText(self.tr("No possible duplicates: every person has one record."))
            self.left.show_person(None)
            self.right.show_person(None)
        self._set_buttons(bool(pairs))

    def _set_buttons(self, enabled: bool) -> None:
        for button in (self.keep_first, self.keep_second, self.not_same):
            button.setEnabled(enabled)

    def current_pair(self) -> DuplicatePair | None:
        index = self.table.currentIndex()
        return self.model.pairs[index.row()] if index.isValid() else None

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        pair = self.model.pairs[current.row()] if current.isValid() else None
        self.left.show_person(pair.first if pair else None)
        self.right.show_person(pair.second if pair else None)

    def _merge(self, keep_first: bool) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        keep, other = (pair.first, pair.second) if keep_first else (pair.second, pair.first)
        question = self.tr(
            "{other} will be merged into {keep}: every registration and attendance of "
            "{other} moves to {keep}, and the record {other} disappears. Merge?"
        ).format(other=isolate(other.person.full_name), keep=isolate(keep.person.full_name))
        if not self.confirm(self, self.tr("Merge two records"), question, self.tr("Merge")):
            return
        inst = self.installation
        self._set_buttons(False)
        self.worker.run(
            lambda: duplicates.merge_people(inst, keep.person.id, other.person.id),
            on_success=self._merged,
            on_error=self._failed,
        )

    def _merged(self, info: Any) -> None:
        self.merged.emit(info)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.reload()
        self.worker.failed.emit(exc)

    def _dismiss(self) -> None:
        pair = self.current_pair()
        if pair is None:
            return
        inst, a, b = self.installation, pair.first.person.id, pair.second.person.id
        self._set_buttons(False)
        self.worker.run(lambda: duplicates.dismiss_pair(inst, a, b),
                        on_success=lambda _r: self.reload())  # fmt: skip
