"""Small read-only tables shared by the sync dialogs and the HQ dashboard."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from app.ui.table_model import RIGHT, Column, Index, TableModel


def _text(position: int) -> Callable[[Any, Sequence[Any]], str]:
    """The shown text of a row's value at ``position`` (blank for None)."""
    return lambda _model, row: "" if row[position] is None else str(row[position])


class RowsModel(TableModel):
    """A read-only table of plain values (already fetched on the worker)."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[Any]],
                 parent: QObject | None = None, right: Sequence[int] = ()) -> None:  # fmt: skip
        super().__init__(parent, [list(r) for r in rows])
        # headers arrive translated; columns of figures shown as text ("31 %") align right
        self._columns = tuple(
            Column(str(i), h, align=RIGHT if i in right else None, display=_text(i))
            for i, h in enumerate(headers)
        )

    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self.reset_rows([list(r) for r in rows])

    def row_values(self, row: int) -> list[Any]:
        return self.rows[row]

    def alignment(self, index: Index, column: Column) -> Any:
        """Numbers align right wherever they are."""
        if isinstance(self.rows[index.row()][index.column()], int | float):
            return int(RIGHT)
        return super().alignment(index, column)


def make_table(model: QAbstractTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view
