"""The running app's session: the open data folder, its lock and its main window.

In its own module so that feature modules (the backup restore) can reach it
without importing the start-up code, and the start-up code without importing them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.errors import UserError
from app.paths import Paths

if TYPE_CHECKING:
    from app.services.installation import Installation
    from app.ui.main_window import MainWindow
    from app.ui.single_instance import SingleInstance

log = logging.getLogger(__name__)

DAILY_BACKUP_DELAY_MS = 5000
_session: AppSession | None = None


class AppSession:
    """The open data folder, its lock and its window; can swap the database in place."""

    def __init__(
        self, paths: Paths, guard: SingleInstance | None, installation: Installation
    ) -> None:
        self.paths = paths
        self.guard = guard
        self.installation = installation
        self.window: MainWindow | None = None
        self.running = False  # inside run()'s app.exec(): closing the window ends it

    def show_window(self) -> MainWindow:
        from app.ui.main_window import MainWindow

        window = MainWindow(self.installation)
        self.window = window
        # Closing the main window ends the app, even with a Verify or Documents window open.
        window.closed.connect(lambda: self._window_closed(window))
        window.show()
        self._schedule_daily_backup(window)
        return window

    def _schedule_daily_backup(self, window: MainWindow) -> None:
        inst = self.installation

        def failed(exc: BaseException) -> None:
            log.warning("daily backup failed: %s", exc)
            window.statusBar().showMessage(
                QApplication.translate(
                    "Startup", "The daily backup could not be made: {reason}"
                ).format(reason=exc),
                15000,
            )

        def start() -> None:
            if self.window is window:  # not after the window was replaced by a restore
                from app.services import backups  # imported late: not needed to start

                window.worker.run(lambda: backups.auto_backup_if_due(inst), on_error=failed)

        # A little after start-up, so the first list load never waits behind a big copy.
        QTimer.singleShot(DAILY_BACKUP_DELAY_MS, start)

    def _window_closed(self, window: MainWindow) -> None:
        if self.running and self.window is window:  # not the old window of a restore
            QApplication.exit(0)  # at once: a posted quit() could end a later event loop

    def activate(self) -> None:
        from app.ui.single_instance import bring_forward

        if self.window is not None:
            bring_forward(self.window)

    def restore_and_reopen(self, file: Path) -> MainWindow:
        """Close the window and database, restore ``file``, and open a fresh window.

        If the restore fails, the untouched current database is reopened and the
        error is raised for the caller to show.
        """
        from app.services.backups import restore
        from app.services.installation import open_installation

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        quit_on_close = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)
        try:
            old_window, self.window = self.window, None
            if old_window is not None:
                old_window.close()  # finishes queued work on the worker thread
                old_window.deleteLater()
            key = self.installation.key
            self.installation.close()
            error: UserError | None = None
            try:
                restore(self.paths, file, key)
            except UserError as err:
                error = err
            self.installation = open_installation(self.paths, key=key)
            window = self.show_window()
        finally:
            app.setQuitOnLastWindowClosed(quit_on_close)
        if error is not None:
            raise error
        return window


def current_session() -> AppSession | None:
    """The running app's session (None in tests that build a MainWindow directly)."""
    return _session


def set_current_session(session: AppSession | None) -> None:
    """Called by ``app.ui.app.run`` when the app starts and ends."""
    global _session
    _session = session
