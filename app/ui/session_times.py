"""A session's start and end times and its "required" box, in the sessions table.

Times are typed as on paper ("9:00", "09h30", "14.15"); an empty field means "not
given". A time that cannot be read is sent as -1, so the training's validation says
which session has it, next to the sessions table.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QTableWidget, QWidget

from app.services.evaluation.completion import clock_text, parse_clock

START, END, REQUIRED = 3, 4, 5


def _tr(text: str) -> str:
    return QCoreApplication.translate("SessionsTable", text)


def _time_edit(table: QTableWidget, minute: int | None) -> QLineEdit:
    edit = QLineEdit(clock_text(minute), table)
    edit.setPlaceholderText(_tr("09:00"))
    edit.setMaxLength(5)
    edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
    edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("00:00") + 24)
    edit.textChanged.connect(table.changed)  # type: ignore[attr-defined]
    return edit


def add_time_widgets(table: QTableWidget, row: int, start: int | None, end: int | None,
                     required: bool) -> None:  # fmt: skip
    table.setCellWidget(row, START, _time_edit(table, start))
    table.setCellWidget(row, END, _time_edit(table, end))
    holder = QWidget(table)
    box = QCheckBox(holder)
    box.setObjectName("requiredBox")
    box.setChecked(required)
    box.setAccessibleName(_tr("Required"))
    box.toggled.connect(table.changed)  # type: ignore[attr-defined]
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(box)
    table.setCellWidget(row, REQUIRED, holder)


def _minute(edit: QWidget | None) -> int | None:
    if not isinstance(edit, QLineEdit):
        return None
    try:
        return parse_clock(edit.text())
    except ValueError:
        return -1  # refused by the training's validation, with the session's number


def read_times(table: QTableWidget, row: int) -> tuple[int | None, int | None, bool]:
    holder = table.cellWidget(row, REQUIRED)
    box = holder.findChild(QCheckBox) if holder is not None else None
    return (
        _minute(table.cellWidget(row, START)),
        _minute(table.cellWidget(row, END)),
        bool(box is not None and box.isChecked()),
    )
