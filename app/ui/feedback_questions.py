"""The mission's feedback form: reword the standard questions, add or retire its own.

Opened from the Evaluation page. Each row is one question; a changed row is saved on
the background worker when the dialog is closed with Save (all rows in order).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.evaluation.feedback import STANDARD_QUESTIONS, Question

CODE, KIND, ENGLISH, FRENCH, RETIRED = range(5)


class FeedbackQuestionsDialog(QDialog):
    """A table of the mission's questions; Save sends them to ``save`` (a callable)."""

    def __init__(self, mission: str, questions: list[Question], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Feedback form of {mission}").replace("{mission}", mission))
        self.resize(920, 360)
        self._standard = {q.code for q in STANDARD_QUESTIONS}
        self._original = {q.code: q for q in questions}
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("feedbackQuestions")
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Kind"), self.tr("English"),
                                              self.tr("French"), self.tr("Retired")])  # fmt: skip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ENGLISH, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FRENCH, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(RETIRED, QHeaderView.ResizeMode.ResizeToContents)
        for q in questions:
            self._add_row(q)
        add = QPushButton(self.tr("&Add a question"), self)
        add.setAutoDefault(False)
        add.clicked.connect(lambda: self._add_row(None))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("The standard questions keep their kind; retire a question to "
                              "leave it off the form (its answers are kept)."), self)  # fmt: skip
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)

    def _add_row(self, q: Question | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        code = QTableWidgetItem(q.code if q else "")
        kind = QComboBox(self.table)
        for value, label in (("rating", self.tr("Rating 1 to 5")), ("yes_no", self.tr("Yes / no")),
                             ("text", self.tr("Comment"))):  # fmt: skip
            kind.addItem(label, value)
        kind.setCurrentIndex(max(kind.findData(q.kind if q else "rating"), 0))
        if q is not None:  # an existing question keeps its code (answers refer to it)
            code.setFlags(code.flags() & ~Qt.ItemFlag.ItemIsEditable)
            kind.setEnabled(q.code not in self._standard)
        retired = QTableWidgetItem()
        retired.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        retired.setCheckState(Qt.CheckState.Checked if q and q.retired else Qt.CheckState.Unchecked)
        self.table.setItem(row, CODE, code)
        self.table.setCellWidget(row, KIND, kind)
        header = self.table.horizontalHeader()
        header.resizeSection(KIND, max(header.sectionSize(KIND), kind.sizeHint().width() + 8))
        self.table.setItem(row, ENGLISH, QTableWidgetItem(q.text_en if q else ""))
        self.table.setItem(row, FRENCH, QTableWidgetItem(q.text_fr if q else ""))
        self.table.setItem(row, RETIRED, retired)
        if q is None:
            self.table.setCurrentCell(row, CODE)
            self.table.editItem(code)

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # _add_row fills every cell that is not a combo box
        return item

    def changed_questions(self) -> list[Question]:
        """The rows that differ from what was stored (new ones included), in form order."""
        out = []
        for row in range(self.table.rowCount()):
            kind: Any = self.table.cellWidget(row, KIND)
            code = self._item(row, CODE).text().strip()
            question = Question(
                code, str(kind.currentData()), self._item(row, ENGLISH).text(),
                self._item(row, FRENCH).text(), (row + 1) * 10,
                self._item(row, RETIRED).checkState() == Qt.CheckState.Checked,
            )  # fmt: skip
            if not code and not (question.text_en.strip() or question.text_fr.strip()):
                continue  # an empty new row
            if self._original.get(code) != question:
                out.append(question)
        return out
