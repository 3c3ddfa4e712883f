"""Preferences: the interface language and the usual language of documents.

The interface language is kept in the data home's ``settings.ini`` and applies the
next time Muster starts (every window is built in its language, so switching live
would mean rebuilding them all). The document language (PDF summaries, sign-in
sheets, exports) is kept in the database and applies at once; each export can
still pick another one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from app.ui import i18n

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class SettingsDialog(QDialog):
    """Two choices and a sentence saying when each takes effect."""

    SYSTEM = ""  # data of the "same as the computer" choice

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("settingsDialog")
        self.window_ = window
        self.setWindowTitle(self.tr("Preferences"))
        paths = window.installation.paths

        self.language = QComboBox(self)
        self.language.setObjectName("uiLanguage")
        system_name = i18n.LANGUAGE_NAMES[i18n.system_language()]
        self.language.addItem(
            self.tr("Same as this computer ({language})").format(language=system_name),
            self.SYSTEM,
        )
        for code, name in i18n.LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        stored = i18n.stored_language(paths)
        self.language.setCurrentIndex(max(self.language.findData(stored or self.SYSTEM), 0))
        self._initial_language = i18n.ui_language(paths)

        self.documents = QComboBox(self)
        self.documents.setObjectName("documentLanguage")
        for code, name in i18n.LANGUAGE_NAMES.items():
            self.documents.addItem(name, code)
        self.documents.setEnabled(False)  # until the stored choice is read

        self.restart_note = QLabel(
            self.tr("The new interface language applies the next time you start Muster."), self
        )
        self.restart_note.setObjectName("restartNote")
        self.restart_note.setWordWrap(True)
        self.restart_note.hide()
        documents_note = QLabel(
            self.tr(
                "Summaries, sign-in sheets and exported tables are written in this language; "
                "you can still pick another one when you export."
            ),
            self,
        )
        documents_note.setWordWrap(True)

        form = QFormLayout()
        language_label = QLabel(self.tr("&Interface language"), self)
        language_label.setBuddy(self.language)
        form.addRow(language_label, self.language)
        form.addRow(self.restart_note)
        documents_label = QLabel(self.tr("&Documents language"), self)
        documents_label.setBuddy(self.documents)
        form.addRow(documents_label, self.documents)
        form.addRow(documents_note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        # The dialog grows with its wrapped help text (French runs longer), never clips it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(460)

        self.language.currentIndexChanged.connect(self._language_changed)
        installation = window.installation
        window.worker.run(lambda: i18n.document_language(installation), self._documents_loaded)

    def chosen_language(self) -> str:
        """The interface language the dialog would give ("en" / "fr")."""
        return self.language.currentData() or i18n.system_language()

    def _language_changed(self) -> None:
        self.restart_note.setVisible(self.chosen_language() != i18n.current_language())
        self.adjustSize()

    def _documents_loaded(self, lang: str) -> None:
        self.documents.setCurrentIndex(max(self.documents.findData(lang), 0))
        self.documents.setEnabled(True)

    def accept(self) -> None:
        paths = self.window_.installation.paths
        code = self.language.currentData()
        if code:
            i18n.save_language(paths, code)
        else:
            i18n.forget_language(paths)
        if self.documents.isEnabled():
            installation = self.window_.installation
            lang = self.documents.currentData()
            self.window_.worker.run(lambda: i18n.save_document_language(installation, lang))
        if self.chosen_language() != i18n.current_language():
            self.window_.statusBar().showMessage(
                self.tr("The interface language changes when you next start Muster."), 10000
            )
        super().accept()


def open_settings(window: MainWindow) -> SettingsDialog:
    dialog = SettingsDialog(window)
    dialog.open()
    return dialog


def install(window: MainWindow) -> None:
    """Tools ▸ Preferences…"""
    text = QCoreApplication.translate("SettingsDialog", "&Preferences…")
    action = QAction(text, window)
    action.setObjectName("preferences")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    action.triggered.connect(lambda _checked=False: open_settings(window))
    window.menu("tools").addAction(action)
    window.preferences_action = action  # type: ignore[attr-defined]
