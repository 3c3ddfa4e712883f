"""File > Back up now… and File > Restore a backup… (feature module).

Backing up runs on the worker thread (SQLite's online backup, consistent while
the app works). Restoring lists the backups with their dates and sizes, checks
the chosen file, asks for confirmation, then closes the window and database,
swaps the file and opens a fresh window on the restored data.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.paths import Paths

if TYPE_CHECKING:
    from app.services.backups import BackupCheck, BackupInfo
    from app.ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = window.menu("file")
    backup = QAction(window.tr("Back up now…"), window)
    backup.setObjectName("backupNowAction")
    backup.triggered.connect(lambda: back_up_now(window))
    restore = QAction(window.tr("Restore a backup…"), window)
    restore.setObjectName("restoreBackupAction")
    restore.triggered.connect(lambda: choose_and_restore(window))
    menu.addAction(backup)
    menu.addAction(restore)


def when_text(made: datetime) -> str:
    """An unambiguous local date and time, e.g. "23 Nov 2026, 14:05"."""
    return QLocale().toString(QDateTime(made), "d MMM yyyy, HH:mm")


def size_text(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, size // 1024)} KB"


def reason_text(widget: QWidget, reason: str) -> str:
    """Why a backup was made, in words ("before-import" -> "Before an import")."""
    known = {
        "manual": widget.tr("Made by hand"),
        "before-restore": widget.tr("Data replaced by a restore"),
        "before-daily": widget.tr("Daily"),
        "before-import": widget.tr("Before an import"),
        "before-merge": widget.tr("Before merging people"),
    }
    if reason in known:
        return known[reason]
    if reason.startswith("before-upgrade"):
        return widget.tr("Before an upgrade of Muster")
    return reason.removeprefix("before-").replace("-", " ").capitalize()


# --- backing up ----------------------------------------------------------------------------


def back_up_now(window: MainWindow, destination: Path | None = None) -> None:
    """Ask where (the backups folder by default), then write the backup on the worker."""
    from app.db.backup import timestamped_backup_path
    from app.services import backups

    inst = window.installation
    if destination is None:
        suggested = timestamped_backup_path(inst.paths.backups, backups.MANUAL_REASON)
        chosen, _ = QFileDialog.getSaveFileName(
            window,
            window.tr("Back up the database"),
            str(suggested),
            window.tr("Muster backups (*.sqlite3)"),
        )
        if not chosen:
            return
        destination = Path(chosen)

    def done(path: Path) -> None:
        window.statusBar().showMessage(window.tr("Backup saved: {file}").format(file=path), 15000)

    window.worker.run(lambda: backups.backup_now(inst, destination), on_success=done)


# --- restoring -----------------------------------------------------------------------------


class RestoreDialog(QDialog):
    """The backups, newest first, with dates and sizes; or another file."""

    def __init__(self, paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.services.backups import list_backups

        self.setWindowTitle(self.tr("Restore a backup"))
        self.setObjectName("restoreDialog")
        self.backups: list[BackupInfo] = list_backups(paths)
        self._other: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Choose the backup to go back to. Everything entered after it will be "
                "replaced; the current data is kept as a backup first."
            )
            if self.backups
            else self.tr(
                "There are no backups in {folder} yet. Choose a backup file instead."
            ).format(folder=paths.backups)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.backups), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Made on"), self.tr("Why"), self.tr("Size")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, backup in enumerate(self.backups):
            cells = (when_text(backup.created_at), reason_text(self, backup.reason),
                     size_text(backup.size))  # fmt: skip
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(str(backup.path))
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self.accept)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.other_button = QPushButton(self.tr("Other file…"))
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.other_button.clicked.connect(self._choose_other)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._update)
        if self.backups:
            self.table.selectRow(0)
        self._update()
        self.resize(560, 380)

    def _update(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectedItems()))

    def _choose_other(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup file"),
            "",
            self.tr("Muster backups (*.sqlite3);;All files (*)"),
        )
        if chosen:
            self._other = Path(chosen)
            self.accept()

    def chosen_file(self) -> Path | None:
        if self._other is not None:
            return self._other
        rows = {index.row() for index in self.table.selectedIndexes()}
        return self.backups[min(rows)].path if rows else None


def confirm_text(widget: QWidget, check: BackupCheck, made: datetime | None) -> str:
    when = when_text(made) if made else check.path.name
    return widget.tr(
        "Replace the current data with the backup of {when}? It holds {trainings} trainings "
        "and {people} people. The current data is kept as a backup first."
    ).format(when=when, trainings=check.trainings, people=check.people)


def choose_and_restore(window: MainWindow) -> None:
    """Pick a backup, check it on the worker, confirm, then restore and reopen."""
    dialog = RestoreDialog(window.installation.paths, window)
    if not dialog.exec():
        return
    file = dialog.chosen_file()
    if file is None:
        return
    from app.db.backup import parse_backup_name
    from app.services.backups import check_database_file

    parsed = parse_backup_name(file.name)
    made = parsed[0] if parsed else None

    def checked(check: BackupCheck) -> None:
        answer = QMessageBox.question(
            window,
            window.tr("Restore a backup"),
            confirm_text(window, check, made),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            restore_and_reopen(window, file)

    key = window.installation.key
    window.worker.run(lambda: check_database_file(file, key), on_success=checked)


def restore_and_reopen(window: MainWindow, file: Path) -> MainWindow:
    """Swap in ``file`` and return the new main window (the old one is closed)."""
    from app.errors import UserError
    from app.ui.session import AppSession, current_session

    session = current_session()
    if session is None or session.window is not window:  # e.g. a window made by a test
        session = AppSession(window.installation.paths, None, window.installation)
        session.window = window
    try:
        new_window = session.restore_and_reopen(file)
    except UserError as err:
        assert session.window is not None
        session.window.show_error(err)
        return session.window
    new_window.statusBar().showMessage(
        new_window.tr("Backup restored: {file}").format(file=file.name), 15000
    )
    return new_window
