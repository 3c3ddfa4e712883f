"""The main window: the trainings list with search and filters, and a tab per open training."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import Any, ClassVar

from PySide6.QtCore import (
    QDate,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QColor, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services import trainings
from app.services.installation import Installation, Profile
from app.services.trainings import TrainingFilter, TrainingRow
from app.ui.common import (
    DATE_FORMAT,
    ask_save_discard_cancel,
    confirm,
    from_qdate,
    isolate,
    kind_labels,
    settings_for,
    show_date,
    status_labels,
    to_qdate,
)
from app.ui.errors import show_error
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.table_model import RIGHT, Column, LazyRows, TableModel
from app.ui.worker import Worker

# The earliest date a filter can hold; showing it means "no limit".
NO_DATE = QDate(2000, 1, 1)
# settings.ini holds no names (issue 13): the search text is not kept, since it may be one.
SEARCH_TEXT_KEY = "filters/text"


class TrainingsModel(TableModel):
    """Trainings as an ordered id list with a lazy row cache (Anki's browser pattern).

    Only the ids of the matching trainings are loaded up front; rows are fetched in
    batches when the view first asks for them, so 10,000 trainings open at once.
    """

    COLUMNS = (
        Column("mission", QT_TRANSLATE_NOOP("TrainingsModel", "Mission")),
        Column("title", QT_TRANSLATE_NOOP("TrainingsModel", "Title"), tooltip=True),
        Column("kind", QT_TRANSLATE_NOOP("TrainingsModel", "Kind"),
               display=lambda m, r: m._kinds.get(r.kind, r.kind)),
        Column("status", QT_TRANSLATE_NOOP("TrainingsModel", "Status"),
               display=lambda m, r: m._statuses.get(r.status, r.status)),
        Column("start", QT_TRANSLATE_NOOP("TrainingsModel", "Start"),
               display=lambda _m, r: show_date(r.start)),
        Column("end", QT_TRANSLATE_NOOP("TrainingsModel", "End"),
               display=lambda _m, r: show_date(r.end)),
        Column("places", QT_TRANSLATE_NOOP("TrainingsModel", "Places"), tooltip=True,
               display=lambda _m, r: r.locations),
        Column("sessions", QT_TRANSLATE_NOOP("TrainingsModel", "Sessions"), align=RIGHT,
               display=lambda _m, r: r.session_count),
        Column("participants", QT_TRANSLATE_NOOP("TrainingsModel", "Participants"),
               align=RIGHT, display=lambda _m, r: r.participant_count),
    )  # fmt: skip
    CONTEXT = "TrainingsModel"
    ROLES = frozenset({*TableModel.ROLES, Qt.ItemDataRole.ForegroundRole})
    BATCH = 100  # rows fetched per lazy batch: a screenful or four, in ~20 ms
    FIRST_ROWS = 50  # rows fetched with the first search: more than a tall window shows
    sort_requested = Signal(str, bool)  # order_by key, descending

    def __init__(self, installation: Installation, parent: QWidget | None = None) -> None:
        self._lazy = LazyRows(
            lambda ids: trainings.training_rows(installation, ids), batch=self.BATCH
        )
        super().__init__(parent, self._lazy)
        self._statuses = status_labels()
        self._kinds = kind_labels()

    def set_ids(self, ids: list[str], rows: dict[str, TrainingRow] | None = None) -> None:
        """New ids; ``rows`` are some of their rows, fetched already."""
        self.beginResetModel()
        self._lazy.reset(ids, rows)
        self.endResetModel()

    def ids(self) -> list[str]:
        return list(self._lazy.ids)

    def row_of(self, training_id: str) -> int:
        try:
            return self._lazy.ids.index(training_id)
        except ValueError:
            return -1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in SQL (the rows are not loaded): ask the window to search again."""
        if 0 <= column < len(self.COLUMNS):
            self.sort_requested.emit(
                self.COLUMNS[column].key, order == Qt.SortOrder.DescendingOrder
            )

    def training_id(self, row: int) -> str:
        return self._lazy.ids[row]

    def cached_row(self, row: int) -> TrainingRow | None:
        """The row, fetched with its batch if the view has not shown it yet."""
        return self._lazy[row]

    def cell(self, row: TrainingRow, column: Column, role: int) -> Any:
        """Cancelled trainings are greyed out."""
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#777777") if row.status == "cancelled" else None
        return super().cell(row, column, role)


class DateFilter(QDateEdit):
    """A date that may be "any": its lowest value shows as the special text."""

    def __init__(self, any_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(any_text)
        self.setDate(NO_DATE)

    def value(self) -> date | None:
        return None if self.date() == NO_DATE else from_qdate(self.date())

    def set_value(self, day: date | None) -> None:
        self.setDate(NO_DATE if day is None else to_qdate(day))


class TrainingsPage(QWidget):
    """Search, filters, the lazy trainings table and a count."""

    filters_changed = Signal()
    new_requested = Signal()
    demo_requested = Signal()

    def __init__(self, installation: Installation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search title, place, partner or participant"))
        self.search.setClearButtonEnabled(True)
        self.mission = QComboBox(self)
        self.mission.addItem(self.tr("All missions"), "")
        self.status = QComboBox(self)
        self.status.addItem(self.tr("Any status"), "")
        for code, label in status_labels().items():
            self.status.addItem(label, code)
        self.date_from = DateFilter(self.tr("any date"), self)
        self.date_to = DateFilter(self.tr("any date"), self)
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear filters"))

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.mission, 1)
        bar.addWidget(self.status, 1)
        from_label = QLabel(self.tr("From"), self)
        from_label.setBuddy(self.date_from)
        to_label = QLabel(self.tr("to"), self)
        to_label.setBuddy(self.date_to)
        bar.addWidget(from_label)
        bar.addWidget(self.date_from)
        bar.addWidget(to_label)
        bar.addWidget(self.date_to)
        bar.addWidget(self.clear_button)

        self.model = TrainingsModel(installation, self)
        self.table = QTableView(self)
        self.table.setObjectName("trainingsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(4, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(
            ("MONUSCO", "", "Conference", "Cancelled", "30 Sep 2024", "30 Sep 2024",
             "Beni, Bunia, Kinshasa", "Sessions", "Participants")
        ):  # fmt: skip
            if sample:
                header.resizeSection(column, metrics.horizontalAdvance(sample) + 28)
        self.table.setSortingEnabled(True)
        self._build_empty_state()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        layout.addWidget(self.empty_state)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.search, self.mission)
        self.setTabOrder(self.mission, self.status)
        self.setTabOrder(self.status, self.date_from)
        self.setTabOrder(self.date_from, self.date_to)
        self.setTabOrder(self.date_to, self.clear_button)
        self.setTabOrder(self.clear_button, self.table)

        self._order_by, self._descending = "start", True
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.filters_changed)
        self.search.textChanged.connect(self._debounce.start)
        for combo in (self.mission, self.status):
            combo.currentIndexChanged.connect(self.filters_changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._debounce.start)
        self.clear_button.clicked.connect(self.clear_filters)
        self.model.sort_requested.connect(self._sort)

    def _build_empty_state(self) -> None:
        """What to do when the list is empty: start a training, load the demo, or unfilter."""
        self.empty_state = QWidget(self)
        self.empty_state.setObjectName("emptyTrainings")
        self.empty_text = QLabel(self.empty_state)
        self.empty_text.setObjectName("emptyTrainingsText")
        self.empty_text.setWordWrap(True)
        self.empty_new = QPushButton(self.tr("&New training (Ctrl+N)"), self.empty_state)
        self.empty_new.setObjectName("emptyNewTraining")
        self.empty_demo = QPushButton(self.tr("Load the &demo data"), self.empty_state)
        self.empty_demo.setObjectName("emptyLoadDemo")
        self.empty_clear = QPushButton(self.tr("Clear filters"), self.empty_state)
        self.empty_clear.setObjectName("emptyClearFilters")
        self.empty_new.clicked.connect(self.new_requested)
        self.empty_demo.clicked.connect(self.demo_requested)
        self.empty_clear.clicked.connect(self.clear_filters)
        buttons = QHBoxLayout()
        for button in (self.empty_new, self.empty_demo, self.empty_clear):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self.empty_state)
        layout.setContentsMargins(12, 18, 12, 18)
        layout.addWidget(self.empty_text)
        layout.addLayout(buttons)
        self.empty_state.hide()

    def show_empty_state(self, shown: int, total: int) -> None:
        """Say how to start when there is nothing to list (or nothing matches)."""
        if shown:
            self.empty_state.hide()
            return
        if total:
            self.empty_text.setText(self.tr("No training matches these filters."))
        else:
            self.empty_text.setText(
                self.tr(
                    "No trainings yet. Press Ctrl+N to record your first one, or load the demo "
                    "data to try Muster out: a field installation loads its own mission's "
                    "example training, HQ loads all three."
                )
            )
        self.empty_new.setVisible(not total)
        self.empty_demo.setVisible(not total)
        self.empty_clear.setVisible(bool(total))
        self.empty_state.show()

    def set_missions(self, codes: list[str], selected: str = "") -> None:
        self.mission.blockSignals(True)
        self.mission.clear()
        self.mission.addItem(self.tr("All missions"), "")
        for code in codes:
            self.mission.addItem(code, code)
        found = self.mission.findData(selected)
        self.mission.setCurrentIndex(max(found, 0))
        self.mission.blockSignals(False)

    def current_filter(self) -> TrainingFilter:
        return TrainingFilter(
            text=self.search.text(),
            mission=self.mission.currentData() or None,
            status=self.status.currentData() or None,
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            order_by=self._order_by,
            descending=self._descending,
        )

    def set_sort(self, order_by: str, descending: bool) -> None:
        self._order_by, self._descending = order_by, descending
        keys = [column.key for column in TrainingsModel.COLUMNS]
        if order_by in keys:
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(keys.index(order_by), order)
            header.blockSignals(False)

    def _sort(self, order_by: str, descending: bool) -> None:
        if (order_by, descending) != (self._order_by, self._descending):
            self._order_by, self._descending = order_by, descending
            self.filters_changed.emit()

    def is_filtered(self) -> bool:
        f = self.current_filter()
        return bool(f.text.strip() or f.mission or f.status or f.date_from or f.date_to)

    def clear_filters(self) -> None:
        for widget in (self.search, self.mission, self.status, self.date_from, self.date_to):
            widget.blockSignals(True)
        self.search.clear()
        self.mission.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.date_from.set_value(None)
        self.date_to.set_value(None)
        for widget in (self.search, self.mission, self.status, self.date_from, self.date_to):
            widget.blockSignals(False)
        self.filters_changed.emit()

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.training_id(index.row())

    def select_id(self, training_id: str | None) -> None:
        row = self.model.row_of(training_id) if training_id else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))


@dataclass(frozen=True)
class _StartData:
    """What the main window's first load brings back from the worker."""

    profile: Profile
    missions: list[str]
    filter: TrainingFilter  # the search the ids answer
    ids: list[str]
    total: int
    rows: dict[str, TrainingRow]


def _text_setting(settings: QSettings, key: str, default: str) -> str:
    """``settings.value(key, default, str)``: a str (PySide6's stub says ``object``)."""
    return str(settings.value(key, default, str))


class MainWindow(QMainWindow):
    """The trainings list and the menus every feature hangs its actions on.

    Contract used by feature modules (app/ui/features.py): ``installation``,
    ``worker``, ``menu(name)``, ``add_training_action(action)``,
    ``current_training_id()``, ``refresh()`` and ``show_error(exc)``.
    """

    MENU_ORDER = ("file", "edit", "training", "people", "sync", "tools", "view", "help")
    MENU_TITLES: ClassVar[dict[str, str]] = {
        "file": QT_TRANSLATE_NOOP("MainWindow", "&File"),
        "edit": QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
        "training": QT_TRANSLATE_NOOP("MainWindow", "&Training"),
        "people": QT_TRANSLATE_NOOP("MainWindow", "&Participants"),
        "sync": QT_TRANSLATE_NOOP("MainWindow", "&Sync"),
        "tools": QT_TRANSLATE_NOOP("MainWindow", "T&ools"),
        "view": QT_TRANSLATE_NOOP("MainWindow", "&View"),
        "help": QT_TRANSLATE_NOOP("MainWindow", "&Help"),
    }

    trainings_loaded = Signal(int)  # emitted after each search, with the number shown
    closed = Signal()  # the window accepted its close event: the app may quit
    profile_loaded = Signal(object)

    def __init__(self, installation: Installation, *, welcome: bool = True) -> None:
        super().__init__()
        self.installation = installation
        self.worker = Worker(self)
        self.worker.failed.connect(self.show_error)
        self.settings = settings_for(installation.paths)
        self.profile: Profile = Profile()
        self.mission_codes: list[str] = []
        self._welcome_enabled = welcome
        self._shown_once = False
        self._closing_confirmed = False
        self._undo: tuple[str, int, str] | None = None  # training id, token, title
        self._pending_select: str | None = None
        self._menus: dict[str, QMenu] = {}
        self._training_actions: list[QAction] = []
        self.setWindowTitle("Muster")
        self.resize(1200, 720)

        self.page = TrainingsPage(installation, self)
        self.model = self.page.model
        self.table = self.page.table
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.addTab(self.page, self.tr("Trainings"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        from app.ui.saved_file_bar import SavedFileBar

        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.tabs, 1)
        self.saved_bar = SavedFileBar(central)
        self.saved_bar.print_requested.connect(self.print_file)
        column.addWidget(self.saved_bar)
        self.setCentralWidget(central)

        self._build_status_bar()
        self._build_actions()
        from app.ui.features import install_features

        install_features(self)
        self._keep_quit_last()
        self.menu("file").aboutToShow.connect(self._keep_quit_last)
        self._restore_settings()
        self.page.filters_changed.connect(self.refresh)
        self.page.new_requested.connect(self.new_training)
        self.page.demo_requested.connect(self.load_demo)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        # One job on the worker, once the window is built (started earlier, it would only
        # slow the building down: the two threads take turns with Python's lock): the
        # mission list, then the search (so a remembered mission filter applies) and the
        # first screenful of rows.
        self._start_load()

    # --- building ----------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.count_status = QLabel(self)
        self.database_label = QLabel(str(self.installation.paths.database), self)
        self.database_label.setToolTip(self.tr("Where this installation keeps its data"))
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.hide()
        bar.addWidget(self.count_status)
        bar.addPermanentWidget(self.undo_button)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.database_label)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(300)
        self._busy_timer.timeout.connect(lambda: self.progress.setVisible(self.worker.busy))
        self.worker.busy_changed.connect(self._busy_changed)

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.progress.hide()

    def _action(
        self,
        menu: str,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        if name:
            action.setObjectName(name)
        self.menu(menu).addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        for name in self.MENU_ORDER:
            self.menu(name)
        a = self._action
        self.new_action = a("file", self.tr("&New training"), self.new_training, "Ctrl+N", "new")
        self.close_tab_action = a(
            "file", self.tr("&Close tab"), self.close_current_tab, "Ctrl+W", "closeTab"
        )
        self.menu("file").addSeparator()
        self.reference_action = a(
            "file", self.tr("&Reference lists…"), self.open_reference, "Ctrl+Shift+R", "reference"
        )
        self.welcome_action = a("file", self.tr("Your &profile…"), self.open_welcome, None)
        self.quit_separator = self.menu("file").addSeparator()
        self.quit_action = a("file", self.tr("&Quit"), self.close, "Ctrl+Q", "quit")

        self.undo_action = a("edit", self.tr("&Undo delete"), self.undo_delete, "Ctrl+Z", "undo")
        self.undo_action.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_delete)
        self.find_action = a("edit", self.tr("&Find…"), self.focus_search, "Ctrl+F", "find")

        self.open_action = a("training", self.tr("&Open"), self.open_selected, "Ctrl+O", "open")
        self.save_action = a("training", self.tr("&Save"), self.save_current, "Ctrl+S", "save")
        self.duplicate_action = a(
            "training",
            self.tr("D&uplicate for next month"),
            self.duplicate_current,
            "Ctrl+D",
            "duplicate",
        )
        self.delete_action = a(
            "training",
            self.tr("&Delete…"),
            self.delete_current,
            QKeySequence.StandardKey.Delete,
            "delete",
        )
        self.menu("training").addSeparator()
        self.page_actions: list[QAction] = []
        for number, (page, text) in enumerate(
            (
                ("details", self.tr("De&tails")),
                ("participants", self.tr("&Participants")),
                ("attendance", self.tr("&Attendance")),
                ("summary", self.tr("Su&mmary")),
                ("evaluation", self.tr("E&valuation")),
            ),
            start=1,
        ):
            self.page_actions.append(
                a("training", text, partial(self.show_editor_page, page), f"Ctrl+{number}")
            )
        self.menu("training").addSeparator()

        self.add_participant_action = a(
            "people",
            self.tr("&Add participants"),
            self.add_participants,
            "Ctrl+Shift+N",
            "addParticipant",
        )
        self.list_action = a(
            "view", self.tr("&Trainings list"), self.show_list, "Ctrl+0", "showList"
        )
        self.clear_filters_action = a(
            "view", self.tr("&Clear filters"), self.page.clear_filters, "Ctrl+Shift+F"
        )
        self.refresh_action = a(
            "view", self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh
        )
        self.shortcuts_action = a(
            "help",
            self.tr("&Keyboard shortcuts"),
            self.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
        )
        self.about_action = a("help", self.tr("&About Muster"), self.show_about)

    def _keep_quit_last(self) -> None:
        """Quit stays at the bottom of File, below what feature modules add there."""
        menu = self.menu("file")
        if menu.actions()[-2:] == [self.quit_separator, self.quit_action]:
            return
        for action in (self.quit_separator, self.quit_action):
            menu.removeAction(action)
            menu.addAction(action)

    # --- feature contract ---------------------------------------------------------------

    def menu(self, name: str) -> QMenu:
        """The menu called ``name`` (see MENU_ORDER), created in its place on first use."""
        if name not in self._menus:
            title = self.tr(self.MENU_TITLES.get(name, name.title()))
            menu = QMenu(title, self)
            menu.setObjectName(f"menu_{name}")
            later = [self._menus[n] for n in self.MENU_ORDER[self.MENU_ORDER.index(name) + 1 :]
                     if n in self._menus] if name in self.MENU_ORDER else []  # fmt: skip
            if later:
                self.menuBar().insertMenu(later[0].menuAction(), menu)
            else:
                self.menuBar().addMenu(menu)
            self._menus[name] = menu
        return self._menus[name]

    def add_training_action(self, action: QAction) -> None:
        """An action about the current training: in the Training menu and every editor's toolbar."""
        self._training_actions.append(action)
        self.menu("training").addAction(action)
        if action.parent() is None:
            action.setParent(self)
        for editor in self.editors():
            editor.add_toolbar_action(action)

    def training_actions(self) -> list[QAction]:
        return list(self._training_actions)

    def current_training_id(self) -> str | None:
        """The training of the active editor tab, else the selected row of the list."""
        editor = self.current_editor()
        if editor is not None:
            return editor.training_id
        return self.page.selected_id()

    def show_error(self, exc: BaseException) -> None:
        show_error(self, exc)

    def show_saved_file(
        self, path: Any, message: str, *, can_open: bool = True, can_print: bool = False
    ) -> None:
        """After an export: say what was written, with Open, Show in folder (and Print)."""
        self.saved_bar.show_file(path, message, can_open=can_open, can_print=can_print)
        self.statusBar().showMessage(message, 10000)

    def print_file(self, path: Any) -> None:
        """Print a PDF (sign-in sheets) on a printer the user picks."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from app.ui.saved_file_bar import print_pdf

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            pages = print_pdf(path, printer)
            self.statusBar().showMessage(
                self.tr("%n page(s) sent to the printer.", "", pages), 8000
            )

    def refresh(self) -> None:
        """Search again with the current filters, and reload open trainings without edits."""
        flt = self.page.current_filter()
        self.worker.run(
            lambda: trainings.search_with_total(self.installation, flt), on_success=self._show_ids
        )
        for editor in self.editors():
            editor.reload_if_clean()

    # --- list ---------------------------------------------------------------------------

    def _show_ids(
        self, result: tuple[list[str], int], rows: dict[str, TrainingRow] | None = None
    ) -> None:
        ids, total = result
        keep = self._pending_select or self.page.selected_id()
        self._pending_select = None
        self.model.set_ids(ids, rows)
        self.page.select_id(keep)
        if self.page.is_filtered():
            text = self.tr("Showing %n of {total} trainings", "", len(ids)).format(total=total)
        else:
            text = self.tr("%n training(s)", "", total)
        self.count_status.setText(text)
        self.page.show_empty_state(len(ids), total)
        self._update_actions()
        self.trainings_loaded.emit(len(ids))

    def _load_start_data(self) -> tuple[Profile, list[str]]:
        from app.services import reference

        missions = [m.code for m in reference.list_missions(self.installation)]
        return self.installation.profile(), missions

    def _start_load(self) -> None:
        """Queue the first load: what ``_load_start_data`` gives, and the first search."""
        remembered = _text_setting(self.settings, "filters/mission", "")
        flt = self.page.current_filter()
        self.worker.run(
            lambda: self._load_start(flt, remembered),
            on_success=lambda loaded: self._start_data_loaded(loaded, remembered),
        )

    def _load_start(self, flt: TrainingFilter, remembered: str) -> _StartData:
        """On the worker: the profile and missions, the ids the list starts with and their
        first rows (what the view would fetch first, fetched here off the GUI thread)."""
        profile, missions = self._load_start_data()
        # The mission filter the combo box will show: the remembered one if it still exists.
        flt = replace(flt, mission=remembered if remembered and remembered in missions else None)
        ids, total = trainings.search_with_total(self.installation, flt)
        rows = trainings.training_rows(self.installation, ids[: TrainingsModel.FIRST_ROWS])
        return _StartData(profile, missions, flt, ids, total, rows)

    def _start_data_loaded(self, loaded: _StartData, remembered: str) -> None:
        self.profile = loaded.profile
        self.mission_codes = loaded.missions
        self.page.set_missions(loaded.missions, remembered)
        self.profile_loaded.emit(self.profile)
        if self._welcome_enabled and not self.profile.is_set:
            self._welcome_if_shown()  # the first-run welcome opens as the list fills in
        if self.page.current_filter() == loaded.filter:
            self._show_ids((loaded.ids, loaded.total), loaded.rows)
        else:  # the filters changed meanwhile: search with them
            self.refresh_list_only()

    def _welcome_if_shown(self) -> None:
        """The first-run welcome, unless the window was closed meanwhile (never on nobody)."""
        if self.isVisible():
            self.open_welcome()

    def focus_search(self) -> None:
        editor = self.current_editor()
        if editor is not None and editor.focus_search():
            return
        self.show_list()
        self.page.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.page.search.selectAll()

    def show_list(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- editors ------------------------------------------------------------------------

    def editors(self) -> list[Any]:
        if "app.ui.training_editor" not in sys.modules:
            return []  # no editor was ever opened: skip importing it (start-up time)
        from app.ui.training_editor import TrainingEditor

        return [
            w
            for w in (self.tabs.widget(i) for i in range(self.tabs.count()))
            if isinstance(w, TrainingEditor)
        ]

    def current_editor(self) -> Any:
        if "app.ui.training_editor" not in sys.modules:
            return None  # no editor was ever opened (start-up: skip the import)
        from app.ui.training_editor import TrainingEditor

        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, TrainingEditor) else None

    def editor_for(self, training_id: str) -> Any:
        for editor in self.editors():
            if editor.training_id == training_id:
                return editor
        return None

    def open_training(self, training_id: str, page: str = "details") -> Any:
        """Show the training's editor tab (reusing an open one)."""
        from app.ui.training_editor import TrainingEditor

        self._forget_undo()
        editor = self.editor_for(training_id)
        if editor is None:
            editor = TrainingEditor(self, training_id)
            self._add_editor(editor)
        self.tabs.setCurrentWidget(editor)
        editor.show_page(page)
        return editor

    def _add_editor(self, editor: Any) -> None:
        index = self.tabs.addTab(editor, editor.tab_title())
        self.tabs.setTabToolTip(index, editor.tab_title())
        editor.title_changed.connect(lambda _t, e=editor: self._retitle(e))
        editor.saved.connect(self._editor_saved)

    def _retitle(self, editor: Any) -> None:
        index = self.tabs.indexOf(editor)
        if index >= 0:
            title = editor.tab_title()
            shown = title if len(title) <= 32 else title[:30] + "…"
            self.tabs.setTabText(index, shown)
            self.tabs.setTabToolTip(index, title)

    def _editor_saved(self, training_id: str) -> None:
        self._forget_undo()
        self._pending_select = training_id
        self.refresh_list_only()

    def refresh_list_only(self) -> None:
        flt = self.page.current_filter()
        self.worker.run(
            lambda: trainings.search_with_total(self.installation, flt), on_success=self._show_ids
        )

    def new_training(self) -> Any:
        from app.ui.training_editor import TrainingEditor

        self._forget_undo()
        editor = TrainingEditor(self, None, default_mission=self.profile.mission)
        self._add_editor(editor)
        self.tabs.setCurrentWidget(editor)
        editor.show_page("details")
        editor.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def open_selected(self) -> None:
        training_id = self.page.selected_id() if self.tabs.currentIndex() == 0 else None
        if training_id is None:
            training_id = self.current_training_id()
        if training_id:
            self.open_training(training_id)

    def show_editor_page(self, page: str) -> None:
        editor = self.current_editor()
        if editor is None:
            training_id = self.page.selected_id()
            if training_id is None:
                return
            editor = self.open_training(training_id, page)
        editor.show_page(page)

    def add_participants(self) -> None:
        self.show_editor_page("participants")
        editor = self.current_editor()
        if editor is not None:
            editor.participants.focus_entry()

    def save_current(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.save()

    def close_current_tab(self) -> None:
        if self.tabs.currentIndex() > 0:
            self.close_tab(self.tabs.currentIndex())

    def close_tab(self, index: int) -> bool:
        """Close an editor tab, asking first when it holds unsaved changes."""
        from app.ui.training_editor import TrainingEditor

        editor = self.tabs.widget(index)
        if not isinstance(editor, TrainingEditor):
            return False
        if editor.dirty:
            answer = ask_save_discard_cancel(self, isolate(editor.plain_title()))
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            if answer == QMessageBox.StandardButton.Save:
                editor.save(on_saved=lambda: self._drop_editor(editor))
                return False
        self._drop_editor(editor)
        return True

    def _drop_editor(self, editor: Any) -> None:
        index = self.tabs.indexOf(editor)
        if index > 0:
            self.tabs.removeTab(index)
        editor.deleteLater()

    def _tab_changed(self, _index: int) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        editor = self.current_editor()
        has_training = self.current_training_id() is not None
        self.save_action.setEnabled(editor is not None)
        self.close_tab_action.setEnabled(editor is not None)
        for action in (self.open_action, self.duplicate_action, self.delete_action):
            action.setEnabled(has_training)
        for action in self.page_actions:
            action.setEnabled(has_training)

    # --- duplicate, delete, undo --------------------------------------------------------

    def duplicate_current(self) -> None:
        training_id = self.current_training_id()
        if not training_id:
            return
        self._forget_undo()
        self.worker.run(
            lambda: trainings.duplicate_training(self.installation, training_id),
            on_success=self._duplicated,
        )

    def _duplicated(self, info: trainings.TrainingInfo) -> None:
        self.statusBar().showMessage(
            self.tr("Made a copy for {date}: {title}").format(
                date=show_date(info.start), title=isolate(info.title)
            ),
            8000,
        )
        self._pending_select = info.id
        self.refresh_list_only()
        self.open_training(info.id)

    def delete_current(self) -> None:
        training_id = self.current_training_id()
        if not training_id:
            return
        editor = self.editor_for(training_id)
        row = self.model.row_of(training_id)
        cached = self.model.cached_row(row) if row >= 0 else None
        title = editor.plain_title() if editor is not None else (cached.title if cached else "")
        if not confirm(
            self,
            self.tr("Delete training"),
            self.tr(
                "Delete “{title}” with its sessions, participants' registrations and "
                "attendance? You can undo this until your next action."
            ).format(title=isolate(title)),
            self.tr("Delete"),
        ):
            return
        self._forget_undo()
        self.worker.run(
            lambda: trainings.delete_training(self.installation, training_id),
            on_success=lambda token: self._deleted(training_id, token, title),
        )

    def _deleted(self, training_id: str, token: int, title: str) -> None:
        editor = self.editor_for(training_id)
        if editor is not None:
            self._drop_editor(editor)
        self._undo = (training_id, token, title)
        self.undo_action.setEnabled(True)
        self.undo_button.setText(self.tr("Undo delete"))
        self.undo_button.show()
        self.statusBar().showMessage(self.tr("Deleted “{title}”.").format(title=isolate(title)))
        self.refresh_list_only()

    def undo_delete(self) -> None:
        if self._undo is None:
            return
        training_id, token, _title = self._undo
        self._forget_undo()
        self._pending_select = training_id
        self.worker.run(
            lambda: trainings.restore_training(self.installation, training_id, token),
            on_success=self._restored,
        )

    def _restored(self, info: trainings.TrainingInfo) -> None:
        self.statusBar().showMessage(
            self.tr("Brought back “{title}”.").format(title=isolate(info.title))
        )
        self.refresh_list_only()

    def _forget_undo(self) -> None:
        """Undo lasts until the next action."""
        if self._undo is not None:
            self._undo = None
            self.undo_action.setEnabled(False)
            self.undo_button.hide()
            self.statusBar().clearMessage()

    def can_undo(self) -> bool:
        return self._undo is not None

    # --- dialogs ------------------------------------------------------------------------

    def open_reference(self) -> None:
        from app.ui.reference_dialog import ReferenceDialog

        self._forget_undo()
        dialog = ReferenceDialog(self)
        dialog.exec()
        if dialog.changed:
            self.worker.run(self._load_start_data, on_success=self._start_data_loaded_quiet)
            self.refresh()

    def _start_data_loaded_quiet(self, result: tuple[Profile, list[str]]) -> None:
        self.profile, missions = result
        self.mission_codes = missions
        self.page.set_missions(missions, self.page.mission.currentData() or "")

    def open_welcome(self) -> None:
        if not self.isVisible():  # closed before the queued first-run welcome came up
            return
        from app.ui.welcome import WelcomeDialog

        dialog = WelcomeDialog(self, self.profile, self.mission_codes)
        dialog.finished_setup.connect(self._welcome_done)
        dialog.open()
        self.welcome_dialog = dialog

    def _welcome_done(self, profile: Profile) -> None:
        self.profile = profile
        self.profile_loaded.emit(profile)
        self.worker.run(self._load_start_data, on_success=self._start_data_loaded_quiet)
        self.refresh()

    def load_demo(self) -> None:
        """The demo data: a field installation gets its own mission's training, HQ all three."""
        from app.services.demo import load_demo

        inst = self.installation

        def done(result: Any) -> None:
            self.statusBar().showMessage(
                self.tr("Demo data loaded: %n training(s).", "", result.trainings), 8000
            )
            self.worker.run(self._load_start_data, on_success=self._start_data_loaded_quiet)
            self.refresh()

        self.worker.run(lambda: load_demo(inst), on_success=done)

    def show_shortcuts(self) -> None:
        lines = []
        for name in self.MENU_ORDER:
            for action in self.menu(name).actions():
                if action.shortcut().isEmpty() or action.isSeparator():
                    continue
                text = action.text().replace("&", "").rstrip("…")
                lines.append(
                    f"<tr><td>{text}</td><td><b>"
                    f"{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}"
                    "</b></td></tr>"
                )
        # Outside f-strings, so lupdate sees them (it skips calls inside f-strings).
        for text, key in (
            (self.tr("Open the selected training"), self.tr("Enter")),
            (self.tr("Add the typed participant"), self.tr("Enter")),
            (self.tr("Attendance: present, absent, excused, blank"), self.tr("Space")),
        ):
            lines.append(f"<tr><td>{text}</td><td><b>{key}</b></td></tr>")
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText("<table cellspacing='6'>" + "".join(lines) + "</table>")
        box.exec()

    def show_about(self) -> None:
        from app.ui.about_dialog import AboutDialog  # imported late: not needed to start

        AboutDialog(self.installation.paths, self).exec()

    # --- settings and closing -------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)
        header = s.value("trainings/header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
        page = self.page
        if s.contains(SEARCH_TEXT_KEY):  # an earlier version kept it: it may hold a name
            s.remove(SEARCH_TEXT_KEY)
            s.sync()
        for widget in (page.status, page.date_from, page.date_to):
            widget.blockSignals(True)
        page.status.setCurrentIndex(
            max(page.status.findData(_text_setting(s, "filters/status", "")), 0)
        )
        for edit, key in ((page.date_from, "filters/from"), (page.date_to, "filters/to")):
            value = _text_setting(s, key, "")
            try:
                edit.set_value(date.fromisoformat(value) if value else None)
            except ValueError:
                edit.set_value(None)
        for widget in (page.status, page.date_from, page.date_to):
            widget.blockSignals(False)
        page.set_sort(
            _text_setting(s, "filters/order_by", "start"),
            _text_setting(s, "filters/descending", "true") == "true",
        )

    def save_settings(self) -> None:
        s = self.settings
        flt = self.page.current_filter()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("trainings/header", self.table.horizontalHeader().saveState())
        s.setValue("filters/mission", flt.mission or "")
        s.setValue("filters/status", flt.status or "")
        s.setValue("filters/from", flt.date_from.isoformat() if flt.date_from else "")
        s.setValue("filters/to", flt.date_to.isoformat() if flt.date_to else "")
        s.setValue("filters/order_by", flt.order_by)
        s.setValue("filters/descending", "true" if flt.descending else "false")
        s.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if self.settings.value("window/geometry") is None:
                screen = QGuiApplication.primaryScreen()
                if screen is not None:
                    available = screen.availableGeometry()
                    self.resize(
                        min(self.width(), available.width()),
                        min(self.height(), available.height()),
                    )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_confirmed:
            to_save = []
            for editor in self.editors():
                if not editor.dirty:
                    continue
                self.tabs.setCurrentWidget(editor)
                answer = ask_save_discard_cancel(self, isolate(editor.plain_title()))
                if answer == QMessageBox.StandardButton.Cancel:
                    event.ignore()
                    return
                if answer == QMessageBox.StandardButton.Save:
                    to_save.append(editor)
            if to_save:
                event.ignore()
                self._save_then_close(to_save)
                return
        self.save_settings()
        for dialog in self.findChildren(QDialog):  # e.g. a first-run welcome still open
            if dialog.isVisible():
                dialog.reject()
        self.worker.shutdown()
        super().closeEvent(event)
        self.closed.emit()

    def _save_then_close(self, editors: list[Any]) -> None:
        remaining = list(editors)

        def one_saved(editor: Any) -> None:
            remaining.remove(editor)
            if not remaining:
                self._closing_confirmed = True
                self.close()

        for editor in editors:
            editor.save(on_saved=lambda e=editor: one_saved(e))
