"""The attendance grid: participants down, sessions across, a mark in each cell.

A blank cell means "not expected or not recorded" (a Beni participant is not
expected in Kinshasa). Space cycles present → absent → excused → blank; P, A and E
set a mark directly, L "late" and D "left early" (both count as attended); digits typed
on a late or left-early cell give the minutes. Delete clears. Every change is saved at
once, in one transaction for the whole selection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.models import ATTENDED_STATUSES
from app.services import attendance, trainings
from app.services.attendance import AttendanceGrid, Mark
from app.services.people import ParticipantInfo
from app.ui.common import attendance_labels, to_qdate
from app.ui.contracts import as_widget
from app.ui.table_model import CENTRE, DISPLAY, TOOLTIP, Column, TableModel

if TYPE_CHECKING:
    from app.ui.contracts import EditorHost

Index = QModelIndex | QPersistentModelIndex
CYCLE: dict[str | None, str | None] = {
    None: "present",
    "present": "absent",
    "absent": "excused",
    "excused": None,
}
SYMBOLS = {"present": "✓", "absent": "✗", "excused": "E", "late": "✓L", "left_early": "✓D"}
COLOURS = {"present": "#d8f0d8", "absent": "#f6d5d2", "excused": "#fbeccb",
           "late": "#e6efc4", "left_early": "#e6efc4"}  # fmt: skip
PARTIAL = ("late", "left_early")  # attended, with optional minutes missed
FIXED_COLUMNS = 2  # name, present count
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1


class AttendanceModel(TableModel):
    """The grid with totals kept up to date as marks change (never recounted per paint).

    Two fixed columns (name, present count), then a column per session keyed by its id.
    """

    COLUMNS = (
        Column("name", QT_TRANSLATE_NOOP("AttendanceModel", "Participant"),
               display=lambda _m, p: p.person.full_name),
        Column("present", QT_TRANSLATE_NOOP("AttendanceModel", "Present"), align=CENTRE,
               display=lambda m, p: "{} / {}".format(*m.person_totals(p.person.id))),
    )  # fmt: skip
    CONTEXT = "AttendanceModel"
    ROLES = frozenset({DISPLAY, TOOLTIP, STATUS_ROLE, Qt.ItemDataRole.BackgroundRole,
                       Qt.ItemDataRole.ForegroundRole})  # fmt: skip
    ROW_NUMBERS = True
    marks_requested = Signal(list)  # list[Mark]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grid: AttendanceGrid | None = None
        self._columns: tuple[Column, ...] = self.COLUMNS
        self._marks: dict[tuple[str, str], str] = {}
        self._minutes: dict[tuple[str, str], int] = {}
        self._person_ids: list[str] = []
        self._session_ids: list[str] = []
        self._session_present: dict[str, int] = {}
        self._session_recorded: dict[str, int] = {}
        self._person_present: dict[str, int] = {}
        self._person_recorded: dict[str, int] = {}
        self._labels = attendance_labels()

    def set_grid(self, grid: AttendanceGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.rows = list(grid.participants)
        self._marks = dict(grid.marks)
        self._minutes = dict(grid.minutes)
        self._person_ids = [p.person.id for p in grid.participants]
        self._session_ids = [s.id for s in grid.sessions]
        self._columns = self.COLUMNS + tuple(
            Column(s.id, f"{QLocale().toString(to_qdate(s.date), 'ddd d MMM')}\n{s.location}",
                   align=CENTRE)
            for s in grid.sessions
        )  # fmt: skip
        self._recount()
        self.endResetModel()

    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def _recount(self) -> None:
        self._session_present = dict.fromkeys(self._session_ids, 0)
        self._session_recorded = dict.fromkeys(self._session_ids, 0)
        self._person_present = dict.fromkeys(self._person_ids, 0)
        self._person_recorded = dict.fromkeys(self._person_ids, 0)
        for (pid, sid), status in self._marks.items():
            self._count(pid, sid, status, +1)

    def _count(self, pid: str, sid: str, status: str, step: int) -> None:
        if sid in self._session_recorded:
            self._session_recorded[sid] += step
            self._person_recorded[pid] = self._person_recorded.get(pid, 0) + step
            if status in ATTENDED_STATUSES:
                self._session_present[sid] += step
                self._person_present[pid] = self._person_present.get(pid, 0) + step

    # --- reading ------------------------------------------------------------------------

    def session_id(self, column: int) -> str | None:
        i = column - FIXED_COLUMNS
        return self._session_ids[i] if 0 <= i < len(self._session_ids) else None

    def person_id(self, row: int) -> str:
        return self._person_ids[row]

    def status(self, row: int, column: int) -> str | None:
        sid = self.session_id(column)
        if sid is None:
            return None
        return self._marks.get((self._person_ids[row], sid))

    def minutes(self, row: int, column: int) -> int | None:
        sid = self.session_id(column)
        return None if sid is None else self._minutes.get((self._person_ids[row], sid))

    def session_totals(self, session_id: str) -> tuple[int, int]:
        """(present, recorded) for a session."""
        return self._session_present.get(session_id, 0), self._session_recorded.get(session_id, 0)

    def person_totals(self, person_id: str) -> tuple[int, int]:
        return self._person_present.get(person_id, 0), self._person_recorded.get(person_id, 0)

    @property
    def rate(self) -> float | None:
        recorded = sum(self._session_recorded.values())
        return sum(self._session_present.values()) / recorded if recorded else None

    def totals(self) -> tuple[int, int]:
        return sum(self._session_present.values()), sum(self._session_recorded.values())

    def header(self, column: Column, role: int) -> Any:
        """A session's header counts who came; its tooltip says so in words."""
        if role not in (DISPLAY, TOOLTIP):
            return None
        if column in self.COLUMNS:
            return self.header_text(column)
        present, recorded = self.session_totals(column.key)
        if role == TOOLTIP:
            return self.tr("{present} present of {recorded} recorded").format(
                present=present, recorded=recorded
            )
        return f"{column.header}\n{present}/{recorded}"

    def cell(self, row: ParticipantInfo, column: Column, role: int) -> Any:
        """A session's cell shows its mark, coloured; the fixed columns show text only."""
        if column in self.COLUMNS:
            return column.value(self, row) if role == DISPLAY else None
        key = (row.person.id, column.key)
        status = self._marks.get(key)
        if role == STATUS_ROLE or status is None:
            return status if role == STATUS_ROLE else None
        minutes = self._minutes.get(key) if status in PARTIAL else None
        if role == DISPLAY:
            return SYMBOLS[status] + (f" {minutes}′" if minutes else "")
        if role == TOOLTIP:
            label = self._labels[status]
            return (
                self.tr("{mark}: {minutes} min").format(mark=label, minutes=minutes)
                if minutes
                else label
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(COLOURS[status]))
        return QBrush(QColor("#1b1b1b"))  # ForegroundRole

    # --- writing ------------------------------------------------------------------------

    def apply(self, marks: list[Mark]) -> None:
        """Show marks at once (the page saves them in the background)."""
        rows: set[int] = set()
        columns: set[int] = set()
        row_of = {pid: i for i, pid in enumerate(self._person_ids)}
        col_of = {sid: i + FIXED_COLUMNS for i, sid in enumerate(self._session_ids)}
        for mark in marks:
            key = (mark.person_id, mark.session_id)
            old = self._marks.get(key)
            if old is not None:
                self._count(mark.person_id, mark.session_id, old, -1)
                del self._marks[key]
            self._minutes.pop(key, None)
            if mark.status is not None:
                self._marks[key] = mark.status
                if mark.minutes is not None and mark.status in PARTIAL:
                    self._minutes[key] = mark.minutes
                self._count(mark.person_id, mark.session_id, mark.status, +1)
            rows.add(row_of[mark.person_id])
            columns.add(col_of[mark.session_id])
        if rows:
            self.dataChanged.emit(
                self.index(min(rows), 1), self.index(max(rows), self.columnCount() - 1)
            )
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, min(columns), max(columns))

    def marks_for(self, indexes: list[QModelIndex], status: str | None,
                  minutes: int | None = None) -> list[Mark]:  # fmt: skip
        out = []
        for index in indexes:
            sid = self.session_id(index.column())
            if sid is not None:
                out.append(Mark(sid, self._person_ids[index.row()], status,
                                minutes if status in PARTIAL else None))  # fmt: skip
        return out


class AttendanceTable(QTableView):
    """Keyboard: Space cycles the mark, P/A/E/L/D set it, digits give minutes, Delete clears."""

    keyed = Signal(object)  # a status, "cycle", or None to clear
    digit = Signal(int)  # minutes late or left early, typed one digit at a time

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Space)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if key == Qt.Key.Key_Space:
            self.keyed.emit("cycle")
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.keyed.emit(None)
        elif plain and key == Qt.Key.Key_P:
            self.keyed.emit("present")
        elif plain and key == Qt.Key.Key_A:
            self.keyed.emit("absent")
        elif plain and key == Qt.Key.Key_E:
            self.keyed.emit("excused")
        elif plain and key in (Qt.Key.Key_L, Qt.Key.Key_R):  # late, "en retard"
            self.keyed.emit("late")
        elif plain and key == Qt.Key.Key_D:  # left early, "départ anticipé"
            self.keyed.emit("left_early")
        elif plain and Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.digit.emit(key - Qt.Key.Key_0)
        else:
            super().keyPressEvent(event)


class AttendancePage(QWidget):
    """The grid, "mark all present" for a session, and the attendance rate."""

    changed = Signal()
    loaded = Signal()
    saved = Signal()

    def __init__(self, editor: EditorHost) -> None:
        super().__init__(as_widget(editor))
        self.editor = editor
        self.installation = editor.installation
        self.worker = editor.worker
        self.training_id: str | None = None

        self.model = AttendanceModel(self)
        self.table = AttendanceTable(self)
        self.table.setObjectName("attendanceTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setStretchLastSection(False)
        self.table.keyed.connect(self._keyed)
        self.table.digit.connect(self._digit)
        self._typed = ""  # minutes being typed on a late / left-early cell
        self.table.clicked.connect(self._clicked)

        self.mark_all_button = QPushButton(self.tr("&Mark everyone present at this session"), self)
        self.mark_all_button.setObjectName("markAllPresent")
        self.mark_all_button.setEnabled(False)
        self.mark_all_button.clicked.connect(self.mark_all_present)
        self.rate_label = QLabel(self)
        self.rate_label.setObjectName("attendanceRate")
        legend = QLabel(
            self.tr(
                "✓ present   ✗ absent   E excused   ✓L late   ✓D left early   blank: not "
                "expected. Click a cell or press Space to change it; P, A, E, L, D set a mark "
                "(then type the minutes late or left early), Delete clears."
            ),
            self,
        )
        legend.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(legend, 1)
        top.addWidget(self.mark_all_button)
        self._build_held_bar()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.held_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.rate_label)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._moved())

    def _build_held_bar(self) -> None:
        """The offer to mark a planned training as held once its last session is taken."""
        self.held_bar = QFrame(self)
        self.held_bar.setObjectName("heldOffer")
        self.held_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.held_bar.setStyleSheet("#heldOffer { background: #eef5ea; }")
        self.held_text = QLabel(self.held_bar)
        self.held_text.setWordWrap(True)
        self.held_button = QPushButton(self.tr("Mark as &held"), self.held_bar)
        self.held_button.setObjectName("markHeld")
        self.held_button.setAutoDefault(False)
        self.not_now_button = QPushButton(self.tr("Not now"), self.held_bar)
        self.not_now_button.setAutoDefault(False)
        row = QHBoxLayout(self.held_bar)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.held_text, 1)
        row.addWidget(self.held_button)
        row.addWidget(self.not_now_button)
        self.held_button.clicked.connect(self.mark_held)
        self.not_now_button.clicked.connect(self._not_now)
        self._held_declined = False
        self.held_bar.hide()

    def _status(self) -> str:
        """The training's status as the details page has it (typed, if not yet saved)."""
        editor = self.editor
        if editor.dirty:
            return str(editor.details.status_box.currentData() or "")
        return editor.info.status if editor.info is not None else ""

    def update_held_offer(self) -> None:
        """Offer "held" when the training is still planned and its last session has marks."""
        sessions = self.model.grid.sessions if self.model.grid is not None else ()
        last = max(sessions, key=lambda s: s.date) if sessions else None
        taken = last is not None and self.model.session_totals(last.id)[1] > 0
        offer = taken and self._status() == "planned" and not self._held_declined
        if offer and last is not None:
            day = QLocale().toString(to_qdate(last.date), "d MMMM yyyy")
            self.held_text.setText(
                self.tr(
                    "Attendance is taken for the last session ({date}). The training is "
                    "still marked as planned: mark it as held?"
                ).format(date=day)
            )
        self.held_bar.setVisible(offer)

    def _not_now(self) -> None:
        self._held_declined = True
        self.held_bar.hide()

    def mark_held(self) -> None:
        """Status "held": in the form when it has unsaved changes, else saved at once."""
        editor = self.editor
        self.held_bar.hide()
        if editor.dirty or editor.training_id is None:
            box = editor.details.status_box
            box.setCurrentIndex(max(box.findData("held"), 0))
            return
        inst, training_id = self.installation, editor.training_id

        def held(info: trainings.TrainingInfo) -> None:
            editor.load()
            editor.saved.emit(info.id)

        self.worker.run(lambda: trainings.mark_held(inst, training_id), on_success=held)

    def load(self, training_id: str) -> None:
        self.training_id = training_id
        inst = self.installation
        self.worker.run(lambda: attendance.get_grid(inst, training_id), on_success=self._loaded)

    def _loaded(self, grid: AttendanceGrid) -> None:
        current = self.table.currentIndex()
        self.model.set_grid(grid)
        header = self.table.horizontalHeader()
        header.resizeSection(0, max(220, min(320, self.table.sizeHintForColumn(0) + 16)))
        header.resizeSection(1, 80)
        width = max(96, self.table.fontMetrics().horizontalAdvance("Wed 30 Sep ") + 20)
        for column in range(FIXED_COLUMNS, self.model.columnCount()):
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            longest = max(
                (self.table.fontMetrics().horizontalAdvance(t) for t in text.split("\n")), default=0
            )
            header.resizeSection(column, max(width, longest + 20))
        if current.isValid() and current.row() < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self._update_rate()
        self._update_button()
        self.update_held_offer()
        self.loaded.emit()

    def _update_rate(self) -> None:
        present, recorded = self.model.totals()
        rate = self.model.rate
        if rate is None:
            self.rate_label.setText(self.tr("No attendance recorded yet."))
        else:
            self.rate_label.setText(
                self.tr(
                    "Attendance rate: {rate}% ({present} present of {recorded} recorded marks)"
                ).format(rate=round(rate * 100), present=present, recorded=recorded)
            )

    def _moved(self) -> None:
        self._typed = ""
        self._update_button()

    def _update_button(self) -> None:
        sid = self.model.session_id(self.table.currentIndex().column())
        self.mark_all_button.setEnabled(sid is not None)

    def _selected_cells(self) -> list[QModelIndex]:
        cells = [i for i in self.table.selectionModel().selectedIndexes()
                 if self.model.session_id(i.column()) is not None]  # fmt: skip
        current = self.table.currentIndex()
        if not cells and current.isValid() and self.model.session_id(current.column()):
            cells = [current]
        return cells

    def _keyed(self, what: str | None) -> None:
        self._typed = ""
        cells = self._selected_cells()
        if not cells:
            return
        if what == "cycle":
            first = self.model.status(cells[0].row(), cells[0].column())
            status = CYCLE[first]
        else:
            status = what
        self.set_cells(cells, status)

    def _digit(self, value: int) -> None:
        """Minutes on the selected late / left-early cells: "3" then "0" makes 30."""
        cells = [c for c in self._selected_cells()
                 if self.model.status(c.row(), c.column()) in PARTIAL]  # fmt: skip
        if not cells:
            self._typed = ""
            return
        self._typed = (self._typed + str(value))[-4:].lstrip("0")
        minutes = min(int(self._typed or 0), 1440) or None
        by_status: dict[str, list[QModelIndex]] = {}
        for cell in cells:
            by_status.setdefault(str(self.model.status(cell.row(), cell.column())), []).append(cell)
        marks = [m for status, group in by_status.items()
                 for m in self.model.marks_for(group, status, minutes)]  # fmt: skip
        self.model.apply(marks)
        self._save(marks)

    def _clicked(self, index: QModelIndex) -> None:
        if self.model.session_id(index.column()) is None:
            return
        if len(self.table.selectionModel().selectedIndexes()) > 1:
            return
        self.set_cells([index], CYCLE[self.model.status(index.row(), index.column())])

    def set_cells(self, cells: list[QModelIndex], status: str | None) -> None:
        marks = self.model.marks_for(cells, status)
        if not marks:
            return
        self.model.apply(marks)
        self._update_rate()
        self._save(marks)

    def _save(self, marks: list[Mark]) -> None:
        inst, training_id = self.installation, self.training_id

        def failed(exc: BaseException) -> None:
            self.editor.window_.show_error(exc)
            if training_id:
                self.load(training_id)

        self.worker.run(
            lambda: attendance.set_marks(inst, marks),
            on_success=lambda _n: self._saved(),
            on_error=failed,
        )

    def _saved(self) -> None:
        self.update_held_offer()
        self.changed.emit()
        self.saved.emit()

    def mark_all_present(self) -> None:
        """Everyone registered and not yet marked for the current session becomes present."""
        sid = self.model.session_id(self.table.currentIndex().column())
        if sid is None:
            return
        inst, training_id = self.installation, self.training_id

        def job() -> AttendanceGrid:
            attendance.mark_all_present(inst, sid)
            assert training_id is not None
            return attendance.get_grid(inst, training_id)

        def done(grid: AttendanceGrid) -> None:
            self._loaded(grid)
            self._saved()

        self.worker.run(job, on_success=done)
