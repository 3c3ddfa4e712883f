"""One table model for every table of the interface, driven by a specification of its columns.

The six tables of Muster each repeated rowCount, columnCount and headerData, with small
differences nobody meant. Here they are written once: a model lists its columns (what
each is called, how it lines up, what its cells show) and says how the roles it alone
knows look; the counting, the headers, alignment and tooltips come from this base.

Rows come from any sized, indexable source: a plain list, or ``LazyRows`` when there
are too many to load at once (the trainings list holds 10,000).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
# What a sort proxy sorts by, when a column's shown text is not the right order (accents).
# UserRole + 1 and + 2 are left to the pages' own roles.
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, how its cells line up, and what they show.

    ``header`` is the source text, marked with QT_TRANSLATE_NOOP in the model's context:
    it is translated each time the header is drawn, so a change of language shows at once.
    """

    key: str
    header: str = ""
    align: Qt.AlignmentFlag | None = None
    tooltip: bool = False  # the cell's text is its tooltip too, for columns too narrow for it
    display: Callable[[Any, Any], Any] | None = None  # (model, row) -> shown; None: row.<key>
    sort: Callable[[Any], Any] | None = None  # shown value -> what SORT_ROLE gives the proxy
    editable: bool = False

    def value(self, model: Any, row: Any) -> Any:
        """What the cell shows for ``row`` (the display function, or the row's attribute)."""
        return self.display(model, row) if self.display else getattr(row, self.key)


class RowSource(Protocol):
    """Rows by position: a list does; ``LazyRows`` gives None for a row it could not load."""

    def __len__(self) -> int: ...

    def __getitem__(self, row: int, /) -> Any: ...


class LazyRows:
    """An ordered id list whose rows are fetched in batches the first time they are asked for.

    Only the ids are known up front, so a table of 10,000 rows opens at once (Anki's browser
    pattern); a batch starts a little above the row asked for, as views scroll both ways.
    """

    def __init__(self, load: Callable[[list[str]], Mapping[str, Any]], batch: int = 100) -> None:
        self._load = load
        self.batch = batch
        self.ids: list[str] = []
        self._cache: dict[str, Any] = {}

    def reset(self, ids: Iterable[str], rows: Mapping[str, Any] | None = None) -> None:
        """New ids (a new search): forget every row fetched for the old ones.

        ``rows`` are rows already fetched for some of the new ids (the first screenful,
        loaded with the ids off the GUI thread); they are not fetched again.
        """
        self.ids = list(ids)
        self._cache.clear()
        if rows:
            self._cache.update(rows)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, row: int) -> Any:
        rid = self.ids[row]
        if rid not in self._cache:
            start = max(0, row - self.batch // 4)
            wanted = [i for i in self.ids[start : start + self.batch] if i not in self._cache]
            self._cache.update(self._load(wanted))
        return self._cache.get(rid)


class TableModel(QAbstractTableModel):
    """A flat table of ``self.rows`` under the columns of ``columns()``.

    A subclass sets COLUMNS (or overrides ``columns()`` when they depend on the data),
    CONTEXT for translating the headers, and overrides ``cell`` for roles beyond text and
    tooltip. Only the roles listed in ROLES reach ``cell``, so a lazy source is not asked
    for a row when a view wants, say, a size hint.
    """

    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    CONTEXT: ClassVar[str] = ""  # translation context of the headers; "" shows them as given
    ROLES: ClassVar[frozenset[int]] = frozenset({DISPLAY, TOOLTIP})
    ROW_NUMBERS: ClassVar[bool] = False  # number the rows 1, 2, 3… in the vertical header

    def __init__(self, parent: QObject | None = None, rows: RowSource | None = None) -> None:
        super().__init__(parent)
        self.rows: RowSource = [] if rows is None else rows

    def columns(self) -> tuple[Column, ...]:
        return self.COLUMNS

    def column(self, section: int) -> Column:
        return self.columns()[section]

    def reset_rows(self, rows: RowSource) -> None:
        """Show other rows altogether (views keep no index into the old ones)."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if self.ROW_NUMBERS and role == DISPLAY else None
        if not 0 <= section < self.columnCount():
            return None
        return self.header(self.column(section), role)

    def header(self, column: Column, role: int) -> Any:
        """A column's header for ``role``: its name, in today's language."""
        return self.header_text(column) if role == DISPLAY else None

    def header_text(self, column: Column) -> str:
        """Translated on every call, so headers follow a change of language with no reset."""
        if not self.CONTEXT:
            return column.header
        return QCoreApplication.translate(self.CONTEXT, column.header)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._editable(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _editable(self, index: Index) -> bool:
        """An editable column's cell, if its row allows (read-only columns fetch no row)."""
        if not self._in_range(index) or not self.column(index.column()).editable:
            return False
        row = self.rows[index.row()]
        return row is not None and self.can_edit(row)

    def can_edit(self, row: Any) -> bool:
        """Whether this row's editable cells may be edited (a skipped import row may not)."""
        return True

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self._in_range(index):
            return None
        column = self.column(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(index, column)
        if role not in self.ROLES:
            return None
        row = self.rows[index.row()]
        return None if row is None else self.cell(row, column, role)

    def alignment(self, index: Index, column: Column) -> Any:
        """A column's alignment, answered without fetching the row."""
        return None if column.align is None else int(column.align)

    def cell(self, row: Any, column: Column, role: int) -> Any:
        """A cell's value for a role of ROLES: text, tooltip and sort key by default."""
        if role == DISPLAY:
            return column.value(self, row)
        if role == TOOLTIP and column.tooltip:
            shown = column.value(self, row)
            return None if shown is None or shown == "" else shown
        if role == SORT_ROLE and column.sort is not None:
            return column.sort(column.value(self, row))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self._editable(index):
            return False
        return self.set_cell(index, self.rows[index.row()], value)

    def set_cell(self, index: Index, row: Any, value: Any) -> bool:
        """Take an edit of an editable cell; True when it changed something."""
        return False

    def _in_range(self, index: Index) -> bool:
        return (
            index.isValid()
            and 0 <= index.row() < len(self.rows)
            and 0 <= index.column() < len(self.columns())
        )
