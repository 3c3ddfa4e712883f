"""Starting the desktop app: QApplication, installation, main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME
from app.errors import UserError
from app.logs import setup_logging
from app.paths import get_paths


def run(home: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    paths = get_paths(home)
    try:
        paths.ensure()
        setup_logging(paths)
        from app.services.installation import open_installation

        installation = open_installation(paths)
    except UserError as err:
        QMessageBox.critical(None, APP_NAME, err.message)
        return 1
    from app.ui.main_window import MainWindow

    window = MainWindow(installation)
    window.show()
    code = app.exec()
    installation.close()
    return int(code)
