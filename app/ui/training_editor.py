"""One training in one tab: details, partners, trainers and sessions; then its participants,
attendance and summary on the following pages.

Nothing typed is lost when a value is refused: the form keeps it and the sentence
appears next to the field. Saving is one transaction in the background worker.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.db.limits import text_limit
from app.db.models import Location, Training, TrainingSession
from app.errors import UserError, ValidationError
from app.services import reference, trainings
from app.services.trainings import PartnerRoleInput, SessionInput, TrainingInfo, TrainingInput
from app.ui.common import (
    DATE_FORMAT_LONG,
    FieldError,
    from_qdate,
    isolate,
    kind_labels,
    localized,
    role_labels,
    status_labels,
    to_qdate,
)
from app.ui.contracts import as_widget
from app.ui.i18n import current_language

if TYPE_CHECKING:
    from app.ui.contracts import WindowHost

PAGES = ("details", "participants", "attendance", "summary", "evaluation", "perdiem", "evidence")
# An action's property naming its toolbar group ("export": under the Export button).
TOOLBAR_GROUP = "musterToolbarGroup"


def _table_box(
    title: str,
    table: QWidget,
    error: QWidget,
    buttons: tuple[QPushButton, ...],
    parent: QWidget,
) -> QGroupBox:
    """A titled box: a small table, its error line, and its add/remove buttons below."""
    box = QGroupBox(title, parent)
    layout = QVBoxLayout(box)
    layout.addWidget(table)
    layout.addWidget(error)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    return box


class SessionsTable(QTableWidget):
    """Date, place, topic, times and "required" of each session, edited in place."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setObjectName("sessionsTable")
        self.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Place"), self.tr("Topic"),
                                        self.tr("Start"), self.tr("End"), self.tr("Required")])  # fmt: skip
        required = self.horizontalHeaderItem(5)
        assert required is not None  # setHorizontalHeaderLabels made it
        required.setToolTip(
            self.tr("Under the rule “every session marked required”, these must be attended.")
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (3, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 170)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)
        self._ids: list[str | None] = []
        self._places: list[str] = []

    def set_places(self, places: list[str]) -> None:
        self._places = places

    def add_session(
        self, day: date, place: str = "", topic: str = "", session_id: str | None = None,
        start: int | None = None, end: int | None = None, required: bool = False,
    ) -> int:  # fmt: skip
        row = self.rowCount()
        self.insertRow(row)
        self._ids.append(session_id)
        date_edit = QDateEdit(to_qdate(day), self)
        date_edit.setCalendarPopup(True)
        date_edit.setDisplayFormat(DATE_FORMAT_LONG)
        place_box = QComboBox(self)
        place_box.setEditable(True)
        place_box.addItems(self._places)
        place_box.setCurrentText(place)
        place_line = place_box.lineEdit()
        assert place_line is not None  # an editable combo box has one
        place_line.setPlaceholderText(self.tr("Town"))
        topic_edit = QLineEdit(topic, self)
        topic_edit.setMaxLength(text_limit(TrainingSession.topic))
        place_line.setMaxLength(text_limit(Location.name))
        topic_edit.setPlaceholderText(self.tr("What the session covers"))
        self.setCellWidget(row, 0, date_edit)
        self.setCellWidget(row, 1, place_box)
        self.setCellWidget(row, 2, topic_edit)
        date_edit.dateChanged.connect(self.changed)
        place_box.currentTextChanged.connect(self.changed)
        topic_edit.textChanged.connect(self.changed)
        from app.ui.session_times import add_time_widgets

        add_time_widgets(self, row, start, end, required)
        return row

    def remove_current(self) -> None:
        row = self.currentRow()
        if row < 0:
            row = self.rowCount() - 1
        if row >= 0:
            self.removeRow(row)
            del self._ids[row]
            self.changed.emit()

    def clear_sessions(self) -> None:
        self.setRowCount(0)
        self._ids = []

    def widgets(self, row: int) -> tuple[QDateEdit, QComboBox, QLineEdit]:
        return (self.cellWidget(row, 0), self.cellWidget(row, 1), self.cellWidget(row, 2))  # type: ignore[return-value]

    def sessions(self) -> tuple[SessionInput, ...]:
        from app.ui.session_times import read_times

        out = []
        for row in range(self.rowCount()):
            date_edit, place_box, topic_edit = self.widgets(row)
            start, end, required = read_times(self, row)
            out.append(
                SessionInput(
                    from_qdate(date_edit.date()), place_box.currentText(), topic_edit.text(),
                    self._ids[row], start, end, required,
                )
            )  # fmt: skip
        return tuple(out)


class PartnersTable(QTableWidget):
    """Partner organisations and their role in the training."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("partnersTable")
        self.setHorizontalHeaderLabels([self.tr("Organisation"), self.tr("Role")])
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)
        self._partners: list[tuple[str, str, str]] = []  # acronym, shown acronym, name

    def set_partners(self, partners: list[tuple[str, str, str]]) -> None:
        self._partners = partners

    def add_partner(self, acronym: str = "", role: str = "co_organiser") -> int:
        row = self.rowCount()
        self.insertRow(row)
        partner_box = QComboBox(self)
        for acr, shown, name in self._partners:
            partner_box.addItem(shown, acr)
            partner_box.setItemData(partner_box.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        if acronym and partner_box.findData(acronym) < 0:
            partner_box.addItem(acronym, acronym)
        partner_box.setCurrentIndex(max(partner_box.findData(acronym), 0) if acronym else -1)
        role_box = QComboBox(self)
        for code, label in role_labels().items():
            role_box.addItem(label, code)
        role_box.setCurrentIndex(max(role_box.findData(role), 0))
        self.setCellWidget(row, 0, partner_box)
        self.setCellWidget(row, 1, role_box)
        partner_box.currentIndexChanged.connect(self.changed)
        role_box.currentIndexChanged.connect(self.changed)
        return row

    def remove_current(self) -> None:
        row = self.currentRow()
        if row < 0:
            row = self.rowCount() - 1
        if row >= 0:
            self.removeRow(row)
            self.changed.emit()

    def partners(self) -> tuple[PartnerRoleInput, ...]:
        out = []
        for row in range(self.rowCount()):
            partner_box: QComboBox = self.cellWidget(row, 0)  # type: ignore[assignment]
            role_box: QComboBox = self.cellWidget(row, 1)  # type: ignore[assignment]
            acronym = partner_box.currentData()
            if acronym:
                out.append(PartnerRoleInput(acronym, role_box.currentData()))
        return tuple(out)


class DetailsPage(QScrollArea):
    """The training's details form, with an error label under each field."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(self)
        self.setWidget(body)
        self.errors: dict[str, FieldError] = {}

        self.title_edit = QLineEdit(body)
        self.title_edit.setObjectName("title")
        self.title_edit.setMaxLength(text_limit(Training.title))
        self.title_edit.setPlaceholderText(self.tr("For example: Investigating terrorism cases"))
        self.mission_box = QComboBox(body)
        self.mission_box.setObjectName("mission")
        self.mission_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mission_box.setMinimumContentsLength(9)
        self.theme_edit = QLineEdit(body)
        self.theme_edit.setObjectName("theme")
        self.theme_edit.setMaxLength(text_limit(Training.theme))
        self.theme_edit.setPlaceholderText(self.tr("For example: Criminal justice response"))
        self.kind_box = QComboBox(body)
        self.kind_box.setObjectName("kind")
        for code, label in kind_labels().items():
            self.kind_box.addItem(label, code)
        self.status_box = QComboBox(body)
        self.status_box.setObjectName("status")
        for code, label in status_labels().items():
            self.status_box.addItem(label, code)
        self.start_edit = QDateEdit(body)
        self.start_edit.setObjectName("start")
        self.end_edit = QDateEdit(body)
        self.end_edit.setObjectName("end")
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT_LONG)
            edit.setDate(QDate.currentDate())
        self.trainers_edit = QLineEdit(body)
        self.trainers_edit.setObjectName("trainers")
        self.trainers_edit.setPlaceholderText(self.tr("Names separated by semicolons"))
        self.description_edit = QPlainTextEdit(body)
        self.description_edit.setObjectName("description")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(70)
        self.description_edit.setMaximumHeight(110)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        def row(label: str, widget: QWidget, key: str) -> None:
            error = FieldError(body)
            self.errors[key] = error
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            caption = QLabel(label, body)
            caption.setBuddy(widget)
            form.addRow(caption, box)

        row(self.tr("&Title"), self.title_edit, "title")
        two = QHBoxLayout()
        row(self.tr("&Mission"), self.mission_box, "mission")
        row(self.tr("T&heme"), self.theme_edit, "theme")
        kind_status = QWidget(body)
        ks = QHBoxLayout(kind_status)
        ks.setContentsMargins(0, 0, 0, 0)
        ks.addWidget(self.kind_box, 1)
        status_label = QLabel(self.tr("St&atus"), kind_status)
        status_label.setBuddy(self.status_box)
        ks.addWidget(status_label)
        ks.addWidget(self.status_box, 1)
        row(self.tr("&Kind"), kind_status, "kind")
        self.errors["status"] = self.errors["kind"]
        dates = QWidget(body)
        dl = QHBoxLayout(dates)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.start_edit, 1)
        end_label = QLabel(self.tr("&to"), dates)
        end_label.setBuddy(self.end_edit)
        dl.addWidget(end_label)
        dl.addWidget(self.end_edit, 1)
        row(self.tr("&Dates"), dates, "start")
        self.errors["end"] = self.errors["start"]
        row(self.tr("T&rainers"), self.trainers_edit, "trainers")
        row(self.tr("D&escription"), self.description_edit, "description")
        del two

        self.sessions_table = SessionsTable(body)
        self.add_session_button = QPushButton(self.tr("Add &session"), body)
        self.remove_session_button = QPushButton(self.tr("Remove session"), body)
        self.sessions_error = FieldError(body)
        self.errors["sessions"] = self.sessions_error
        sessions_box = _table_box(
            self.tr("Sessions"), self.sessions_table, self.sessions_error,
            (self.add_session_button, self.remove_session_button), body,
        )  # fmt: skip

        self.partners_table = PartnersTable(body)
        self.add_partner_button = QPushButton(self.tr("Add &partner"), body)
        self.remove_partner_button = QPushButton(self.tr("Remove partner"), body)
        self.partners_error = FieldError(body)
        self.errors["partners"] = self.partners_error
        partners_box = _table_box(
            self.tr("Partners"), self.partners_table, self.partners_error,
            (self.add_partner_button, self.remove_partner_button), body,
        )  # fmt: skip

        grid = QGridLayout(body)
        grid.addLayout(form, 0, 0)
        grid.addWidget(partners_box, 0, 1)
        grid.addWidget(sessions_box, 1, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 1)

        for widget in (self.title_edit, self.theme_edit, self.trainers_edit):
            widget.textChanged.connect(self.changed)
        for box in (self.mission_box, self.kind_box, self.status_box):
            box.currentIndexChanged.connect(self.changed)
        self.start_edit.dateChanged.connect(self._start_moved)
        self.end_edit.dateChanged.connect(self.changed)
        self.description_edit.textChanged.connect(self.changed)
        self.sessions_table.changed.connect(self.changed)
        self.partners_table.changed.connect(self.changed)
        self.add_session_button.clicked.connect(self.add_session)
        self.remove_session_button.clicked.connect(self.sessions_table.remove_current)
        self.add_partner_button.clicked.connect(self._add_partner)
        self.remove_partner_button.clicked.connect(self.partners_table.remove_current)
        self._clear_errors_when_fixed()

        order = [
            self.title_edit, self.mission_box, self.theme_edit, self.kind_box, self.status_box,
            self.start_edit, self.end_edit, self.trainers_edit, self.description_edit,
            self.partners_table, self.add_partner_button, self.remove_partner_button,
            self.sessions_table, self.add_session_button, self.remove_session_button,
        ]  # fmt: skip
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self._last_start = self.start_edit.date()

    def _clear_errors_when_fixed(self) -> None:
        """A refused value's sentence goes away as soon as the value is put right."""

        def when(key: str, fixed: Callable[[], bool]) -> Callable[..., None]:
            def check(*_args: object) -> None:
                if self.errors[key].isVisibleTo(self) and fixed():
                    self.errors[key].show_message(None)

            return check

        self.title_edit.textChanged.connect(
            when("title", lambda: bool(self.title_edit.text().strip()))
        )
        self.mission_box.currentIndexChanged.connect(
            when("mission", lambda: bool(self.mission_box.currentData()))
        )
        dates_ok = when("start", lambda: self.end_edit.date() >= self.start_edit.date())
        self.start_edit.dateChanged.connect(dates_ok)
        self.end_edit.dateChanged.connect(dates_ok)
        for box in (self.kind_box, self.status_box):
            box.currentIndexChanged.connect(when("kind", lambda: True))
        self.sessions_table.changed.connect(when("sessions", lambda: True))
        self.partners_table.changed.connect(when("partners", lambda: True))

    def _start_moved(self, new_start: QDate) -> None:
        """Moving the start moves the end along, so a one-day event stays one day."""
        shift = self._last_start.daysTo(new_start)
        self._last_start = new_start
        if self.end_edit.date() < new_start:
            self.end_edit.setDate(self.end_edit.date().addDays(shift))
            if self.end_edit.date() < new_start:
                self.end_edit.setDate(new_start)
        self.changed.emit()

    def add_session(self) -> None:
        rows = self.sessions_table.sessions()
        start = end = None
        if rows:
            day = min(rows[-1].date + timedelta(days=1), from_qdate(self.end_edit.date()))
            place = rows[-1].location
            start, end = rows[-1].start_minute, rows[-1].end_minute  # same hours next day
        else:
            day, place = from_qdate(self.start_edit.date()), ""
        row = self.sessions_table.add_session(day, place, start=start, end=end)
        self.sessions_table.setCurrentCell(row, 1)
        self.sessions_table.widgets(row)[1].setFocus()
        self.changed.emit()

    def _add_partner(self) -> None:
        row = self.partners_table.add_partner()
        self.partners_table.setCurrentCell(row, 0)
        self.partners_table.cellWidget(row, 0).setFocus()
        self.changed.emit()

    def set_choices(
        self, missions: list[str], places: list[str], partners: list[tuple[str, str, str]]
    ) -> None:
        current = self.mission_box.currentData()
        self.mission_box.clear()
        for code in missions:
            self.mission_box.addItem(code, code)
        if current:
            self.select_mission(current)
        self.sessions_table.set_places(places)
        self.partners_table.set_partners(partners)

    def select_mission(self, code: str) -> None:
        if code and self.mission_box.findData(code) < 0:
            self.mission_box.addItem(code, code)
        self.mission_box.setCurrentIndex(self.mission_box.findData(code) if code else -1)

    def fill(self, info: TrainingInfo) -> None:
        self.title_edit.setText(info.title)
        self.select_mission(info.mission)
        self.theme_edit.setText(info.theme)
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(info.kind), 0))
        self.status_box.setCurrentIndex(max(self.status_box.findData(info.status), 0))
        self.start_edit.setDate(to_qdate(info.start))
        self._last_start = self.start_edit.date()
        self.end_edit.setDate(to_qdate(info.end))
        self.trainers_edit.setText("; ".join(info.trainers))
        self.description_edit.setPlainText(info.description)
        self.sessions_table.clear_sessions()
        for s in info.sessions:
            self.sessions_table.add_session(s.date, s.location, s.topic, s.id, s.start_minute,
                                            s.end_minute, s.required)  # fmt: skip
        self.partners_table.setRowCount(0)
        for p in info.partners:
            self.partners_table.add_partner(p.acronym, p.role)

    def collect(self) -> TrainingInput:
        trainers = tuple(t.strip() for t in self.trainers_edit.text().split(";") if t.strip())
        return TrainingInput(
            title=self.title_edit.text(),
            mission=self.mission_box.currentData() or "",
            start=from_qdate(self.start_edit.date()),
            end=from_qdate(self.end_edit.date()),
            theme=self.theme_edit.text(),
            kind=self.kind_box.currentData(),
            status=self.status_box.currentData(),
            description=self.description_edit.toPlainText(),
            trainers=trainers,
            partners=self.partners_table.partners(),
            sessions=self.sessions_table.sessions(),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each sentence next to its field; session and partner errors under their tables."""
        for label in set(self.errors.values()):
            label.show_message(None)
        grouped: dict[FieldError, list[str]] = {}
        for key, message in errors.items():
            label = self.errors.get(key.split(".")[0], self.errors["title"])
            grouped.setdefault(label, []).append(localized(message))
        for label, messages in grouped.items():
            label.show_message("\n".join(messages))
        first = next(iter(errors), "")
        focus = {
            "title": self.title_edit,
            "mission": self.mission_box,
            "kind": self.kind_box,
            "status": self.status_box,
            "start": self.start_edit,
            "end": self.end_edit,
            "sessions": self.sessions_table,
            "partners": self.partners_table,
        }.get(first.split(".")[0])
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensureWidgetVisible(focus)


class TrainingEditor(QWidget):
    """A training's tab: a toolbar, then Details, Participants, Attendance and Summary pages."""

    title_changed = Signal(str)
    saved = Signal(str)
    dirty_changed = Signal(bool)
    loaded = Signal()

    def __init__(
        self, window: WindowHost, training_id: str | None, default_mission: str = ""
    ) -> None:
        super().__init__(as_widget(window))
        from app.ui.attendance_page import AttendancePage
        from app.ui.evaluation_page import EvaluationPage
        from app.ui.participants_page import ParticipantsPage
        from app.ui.summary_panel import SummaryPanel

        self.window_ = window
        self.installation = window.installation
        self.worker = window.worker
        self.training_id = training_id
        self.info: TrainingInfo | None = None
        self.dirty = False
        self._loading = False
        self._saving = False
        self._stale: set[str] = set()

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("editorToolbar")
        self.export_menu: QMenu | None = None
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.save_button_action = QAction(self.tr("Save"), self)
        self.save_button_action.setToolTip(self.tr("Save the details (Ctrl+S)"))
        self.save_button_action.triggered.connect(lambda: self.save())
        self.toolbar.addAction(self.save_button_action)
        self.toolbar.addSeparator()
        for action in window.training_actions():
            self.add_toolbar_action(action)
        self.heading = QLabel(self)
        self.heading.setObjectName("trainingHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setWordWrap(True)  # a long title wraps instead of squeezing the toolbar
        self.subheading = QLabel(self)
        self.subheading.setObjectName("trainingSubheading")

        self.details = DetailsPage(self)
        self.title_edit = self.details.title_edit
        self.participants = ParticipantsPage(self)
        self.attendance = AttendancePage(self)
        self.summary = SummaryPanel(self)
        self.evaluation = EvaluationPage(self)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("editorPages")
        self.pages.addTab(self.details, self.tr("Details"))
        self.pages.addTab(self.participants, self.tr("Participants"))
        self.pages.addTab(self.attendance, self.tr("Attendance"))
        self.pages.addTab(self.summary, self.tr("Summary"))
        self.pages.addTab(self.evaluation, self.tr("Evaluation"))
        from app.ui.evidence_page import EvidencePage
        from app.ui.perdiem_page import PerdiemPage

        self.perdiem, self.evidence = PerdiemPage(self), EvidencePage(self)  # issue 19
        self.pages.addTab(self.perdiem, self.tr("Per-diem"))
        self.pages.addTab(self.evidence, self.tr("Evidence"))
        self.pages.currentChanged.connect(self._page_changed)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        top.addLayout(titles, 1)
        top.addWidget(self.toolbar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

        self.details.changed.connect(self._mark_dirty)
        self.participants.changed.connect(lambda: self._data_changed("participants"))
        self.attendance.changed.connect(lambda: self._data_changed("attendance"))
        self.evaluation.changed.connect(lambda: self._data_changed("evaluation"))
        self._set_saved_state()
        self._load_choices(default_mission)
        if training_id is not None:
            self.load()
        else:
            self.details.start_edit.setDate(QDate.currentDate())
            self.details.end_edit.setDate(QDate.currentDate())
            self._update_heading()

    # --- toolbar and titles -------------------------------------------------------------

    def add_toolbar_action(self, action: QAction) -> None:
        """Put a training action on the toolbar; exports share one "Export" menu button, so
        nothing hides behind the toolbar's "»" at 1200 pixels, in French too."""
        if action.property(TOOLBAR_GROUP) != "export":
            self.toolbar.addAction(action)
            return
        if self.export_menu is None:
            self.export_menu = QMenu(self.tr("Export"), self)
            button = QToolButton(self.toolbar)
            button.setObjectName("exportMenuButton")
            button.setText(self.tr("Export"))
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMenu(self.export_menu)
            self.toolbar.addWidget(button)
        self.export_menu.addAction(action)

    def plain_title(self) -> str:
        """The training's title as typed, for sentences (no unsaved-changes mark)."""
        if self.info is not None:
            return self.details.title_edit.text().strip() or self.info.title
        return self.details.title_edit.text().strip() or self.tr("New training")

    def tab_title(self) -> str:
        """The tab's label: the title, with " •" while there are unsaved changes."""
        title = self.plain_title()
        return f"{title} •" if self.dirty else title

    def _update_heading(self) -> None:
        title = self.details.title_edit.text().strip() or (
            self.info.title if self.info else self.tr("New training")
        )
        self.heading.setText(title)
        if self.info is not None:
            from app.ui.common import show_date

            places = ", ".join(self.info.locations)
            dates = (
                show_date(self.info.start)
                if self.info.start == self.info.end
                else f"{show_date(self.info.start)} – {show_date(self.info.end)}"
            )
            parts = [self.info.mission, dates, places]
            count = self.tr("%n participant(s)", "", self.info.participant_count)
            self.subheading.setText(" · ".join([p for p in parts if p] + [count]))
        else:
            self.subheading.setText(self.tr("Not saved yet: fill in the details, then save."))
        self.title_changed.emit(self.tab_title())

    def _set_saved_state(self) -> None:
        saved = self.training_id is not None
        for index in range(1, len(PAGES)):
            self.pages.setTabEnabled(index, saved)
            self.pages.setTabToolTip(
                index, "" if saved else self.tr("Save the training first to add participants.")
            )

    # --- pages --------------------------------------------------------------------------

    def show_page(self, name: str) -> None:
        """Switch to a page and put the cursor where work starts there (Ctrl+1…4)."""
        if name in PAGES:
            index = PAGES.index(name)
            if self.pages.isTabEnabled(index):
                self.pages.setCurrentIndex(index)
                if name == "participants":
                    self.participants.focus_entry()
                elif name == "attendance":
                    self.attendance.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_page(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def focus_search(self) -> bool:
        page = self.current_page()
        if page == "participants":
            self.participants.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.participants.search.selectAll()
            return True
        return False

    def _page_changed(self, index: int) -> None:
        name = PAGES[index]
        if name in self._stale:
            self._reload_page(name)

    def _reload_page(self, name: str) -> None:
        self._stale.discard(name)
        if self.training_id is None:
            return
        if name == "participants":
            self.participants.load(self.training_id)
        elif name == "attendance":
            self.attendance.load(self.training_id)
        elif name == "summary":
            self.summary.load(self.training_id)
        elif name == "evaluation":
            self.evaluation.load(self.training_id)
        elif name in ("perdiem", "evidence"):
            getattr(self, name).load(self.training_id)

    def _data_changed(self, source: str) -> None:
        """Participants or attendance changed: the other pages reload when next shown."""
        for name in ("participants", "attendance", "summary", "evaluation", "perdiem"):
            if name != source:
                self._stale.add(name)
        if source == "participants":
            self._reload_counts()

    def _reload_counts(self) -> None:
        training_id = self.training_id
        if training_id is None:
            return
        self.worker.run(
            lambda: trainings.get_training(self.installation, training_id),
            on_success=self._counts_loaded,
            on_error=lambda _exc: None,
        )

    def _counts_loaded(self, info: TrainingInfo) -> None:
        if self.info is not None and info.id == self.training_id:
            self.info = info
            self._update_heading()

    # --- loading ------------------------------------------------------------------------

    def _load_choices(self, default_mission: str) -> None:
        lang = current_language()

        def job() -> tuple[list[str], list[str], list[tuple[str, str, str]]]:
            inst = self.installation
            return (
                [m.code for m in reference.list_missions(inst)],
                [loc.name for loc in reference.list_locations(inst)],
                [(p.acronym, p.short(lang), p.label(lang)) for p in reference.list_partners(inst)],
            )

        def done(result: tuple[list[str], list[str], list[tuple[str, str, str]]]) -> None:
            self._loading = True
            try:
                self.details.set_choices(*result)
                if self.info is None and default_mission:
                    self.details.select_mission(default_mission)
            finally:
                self._loading = False

        self.worker.run(job, on_success=done)

    def load(self) -> None:
        """Read the training again and refill every page."""
        training_id = self.training_id
        if training_id is None:
            return
        self.worker.run(
            lambda: trainings.get_training(self.installation, training_id),
            on_success=self._fill,
        )
        self._stale.update(
            ("participants", "attendance", "summary", "evaluation", "perdiem", "evidence")
        )
        self._reload_page(self.current_page())
        for name in ("participants", "attendance"):
            if name in self._stale:
                self._reload_page(name)

    def reload_if_clean(self) -> None:
        if not self.dirty and self.training_id is not None and not self._saving:
            self.load()

    def _fill(self, info: TrainingInfo) -> None:
        self.info = info
        self._loading = True
        try:
            self.details.fill(info)
            self.details.show_errors({})
        finally:
            self._loading = False
        self._set_dirty(False)
        self._update_heading()
        self.loaded.emit()

    # --- editing and saving -------------------------------------------------------------

    def _mark_dirty(self) -> None:
        if not self._loading:
            self._set_dirty(True)
            self._update_heading()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirty_changed.emit(dirty)
            self.title_changed.emit(self.tab_title())

    def save(self, on_saved: Callable[[], None] | None = None) -> None:
        """Save the details in one transaction; errors appear next to their fields."""
        data = self.details.collect()
        training_id = self.training_id
        inst = self.installation
        self._saving = True

        def job() -> TrainingInfo:
            if training_id is None:
                return trainings.create_training(inst, data)
            return trainings.update_training(inst, training_id, data)

        def done(info: TrainingInfo) -> None:
            self._saving = False
            new = self.training_id is None
            self.training_id = info.id
            self._fill(info)
            self._set_saved_state()
            self._stale.update(("attendance", "summary"))
            if new:
                self._stale.add("participants")
            self.window_.statusBar().showMessage(
                self.tr("Saved “{title}”.").format(title=isolate(info.title)), 5000
            )
            self.saved.emit(info.id)
            if on_saved is not None:
                on_saved()

        def failed(exc: BaseException) -> None:
            self._saving = False
            if isinstance(exc, ValidationError):
                self.pages.setCurrentIndex(0)
                self.details.show_errors(exc.errors)
            elif isinstance(exc, UserError) and exc.field:
                self.pages.setCurrentIndex(0)
                self.details.show_errors({exc.field: exc.message})
            else:
                self.window_.show_error(exc)

        self.worker.run(job, on_success=done, on_error=failed)

    def shortcut_for(self, action: QAction) -> str:
        return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    def details_errors(self) -> dict[str, str]:
        """The sentences shown next to the fields right now (for tests and screen readers)."""
        return {
            key: label.text()
            for key, label in self.details.errors.items()
            if label.isVisibleTo(self.details) and label.text()
        }

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
