"""Showing errors: a plain message for UserError, a crash dialog for bugs."""

from __future__ import annotations

import logging

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.logs import debug_info

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    """Something went wrong in Muster itself: say so, and offer the details to copy."""

    def __init__(self, exc: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Muster: unexpected error"))
        self.details = debug_info(exc)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Muster ran into a problem it did not expect. Your saved data is safe: "
                "the change in progress was not saved. Please copy the details below and "
                "send them to your Muster support contact."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        text = QPlainTextEdit(self.details)
        text.setReadOnly(True)
        text.setMinimumSize(560, 240)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """The right dialog for ``exc``: a sentence for the user's problems, details for bugs."""
    if isinstance(exc, UserError):
        from app.ui.common import error_sentence, localized

        box = QMessageBox(QMessageBox.Icon.Warning, "Muster", error_sentence(exc), parent=parent)
        if exc.hint:
            box.setInformativeText(localized(exc.hint))
        box.exec()
        return
    log.error("unexpected error", exc_info=exc)
    CrashDialog(exc, parent).exec()
