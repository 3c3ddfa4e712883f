"""The main window: the trainings list (foundation version)."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QTableView, QWidget

from app.services import trainings
from app.services.installation import Installation
from app.services.trainings import TrainingRow
from app.ui.errors import show_error
from app.ui.worker import Worker

Index = QModelIndex | QPersistentModelIndex


class TrainingsModel(QAbstractTableModel):
    """Trainings as an ordered id list with a lazy row cache (Anki's browser pattern)."""

    COLUMNS = ("Mission", "Title", "Start", "End", "Places", "Sessions", "Participants")
    BATCH = 200

    def __init__(self, installation: Installation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._installation = installation
        self._ids: list[str] = []
        self._rows: dict[str, TrainingRow] = {}

    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._rows.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.COLUMNS[section])
        return None

    def training_id(self, row: int) -> str:
        return self._ids[row]

    def _row(self, row: int) -> TrainingRow | None:
        tid = self._ids[row]
        if tid not in self._rows:
            batch = self._ids[row : row + self.BATCH]
            self._rows.update(trainings.training_rows(self._installation, batch))
        return self._rows.get(tid)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self._row(index.row())
        if r is None:
            return None
        values = (
            r.mission, r.title, r.start.isoformat(), r.end.isoformat(), r.locations,
            r.session_count, r.participant_count,
        )  # fmt: skip
        return values[index.column()]


class MainWindow(QMainWindow):
    """The trainings list and the menus every feature hangs its actions on.

    Contract used by feature modules (app/ui/features.py): ``installation``,
    ``worker``, ``menu(name)``, ``add_training_action(action)``,
    ``current_training_id()``, ``refresh()`` and ``show_error(exc)``.
    """

    MENU_ORDER = ("file", "edit", "training", "people", "sync", "tools", "view", "help")
    MENU_TITLES: ClassVar[dict[str, str]] = {
        "file": "&File",
        "edit": "&Edit",
        "training": "&Training",
        "people": "&Participants",
        "sync": "&Sync",
        "tools": "T&ools",
        "view": "&View",
        "help": "&Help",
    }

    def __init__(self, installation: Installation) -> None:
        super().__init__()
        self.installation = installation
        self.worker = Worker(self)
        self.worker.failed.connect(lambda exc: show_error(self, exc))
        self.setWindowTitle("Muster")
        self.resize(1100, 640)
        self.model = TrainingsModel(installation, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.setCentralWidget(self.table)
        self.statusBar().showMessage(str(installation.paths.database))
        self._menus: dict[str, QMenu] = {}
        self._training_actions: list[QAction] = []
        from app.ui.features import install_features

        install_features(self)
        self.refresh()

    def menu(self, name: str) -> QMenu:
        """The menu called ``name`` (see MENU_ORDER), created in its place on first use."""
        if name not in self._menus:
            title = self.tr(self.MENU_TITLES.get(name, name.title()))
            menu = QMenu(title, self)
            later = [self._menus[n] for n in self.MENU_ORDER[self.MENU_ORDER.index(name) + 1 :]
                     if n in self._menus] if name in self.MENU_ORDER else []  # fmt: skip
            if later:
                self.menuBar().insertMenu(later[0].menuAction(), menu)
            else:
                self.menuBar().addMenu(menu)
            self._menus[name] = menu
        return self._menus[name]

    def add_training_action(self, action: QAction) -> None:
        """An action about the selected training: in the Training menu and its toolbar."""
        self._training_actions.append(action)
        self.menu("training").addAction(action)

    def current_training_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.training_id(index.row())

    def show_error(self, exc: BaseException) -> None:
        show_error(self, exc)

    def refresh(self) -> None:
        self.worker.run(
            lambda: trainings.search_training_ids(self.installation),
            on_success=self._show_ids,
        )

    def _show_ids(self, ids: list[str]) -> None:
        self.model.set_ids(ids)
        self.table.resizeColumnsToContents()
        self.statusBar().showMessage(
            self.tr("%n training(s)", "", len(ids)) + f" — {self.installation.paths.database}"
        )

    def closeEvent(self, event: Any) -> None:
        self.worker.shutdown()
        super().closeEvent(event)
