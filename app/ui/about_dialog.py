"""Help ▸ About: which version runs, and where its data lives.

Support starts with these two questions ("which version?", "where is your
data?"), and an upgrade is safe because the data folder is not the program's:
installing a newer version keeps it, and start-up backs the database up before
upgrading it. The paths can be selected and copied.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.paths import Paths

ICON_FILE = Path(__file__).resolve().parent.parent.parent / "resources" / "icons" / "muster.svg"


def program_folder() -> Path:
    """Where the running program is: the package's folder, or the source checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent.parent


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    """The version, the data folder and database, the program folder; opens the data folder."""

    def __init__(self, paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Muster"))
        self.paths = paths
        header = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(QIcon(str(ICON_FILE)).pixmap(64, 64))
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(
            f"<b style='font-size: 14pt'>{APP_NAME}</b><br>"
            + self.tr("Version {version}").format(version=__version__)
        )
        header.addWidget(self.title, 1)
        summary = QLabel(
            self.tr(
                "Muster records capacity-building trainings, their participants and "
                "attendance, offline."
            )
        )
        summary.setWordWrap(True)
        form = QFormLayout()
        self.version_label = _selectable(__version__)
        self.data_label = _selectable(str(paths.home))
        self.database_label = _selectable(str(paths.database))
        self.program_label = _selectable(str(program_folder()))
        form.addRow(self.tr("Version:"), self.version_label)
        form.addRow(self.tr("Data folder:"), self.data_label)
        form.addRow(self.tr("Database:"), self.database_label)
        form.addRow(self.tr("Program:"), self.program_label)
        upgrades = QLabel(
            self.tr(
                "Installing a newer version keeps this data folder: Muster backs the "
                "database up, then upgrades it the first time it opens it."
            )
        )
        upgrades.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = self.buttons.addButton(
            self.tr("Open data folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.clicked.connect(self.open_data_folder)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(upgrades)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def open_data_folder(self) -> bool:
        """Show the data folder in the system's file manager."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.home)))
