"""Preferences: the interface language and the usual language of documents.

The interface language is kept in the data home's ``settings.ini`` and applies the
next time Muster starts (every window is built in its language, so switching live
would mean rebuilding them all). The document language (PDF summaries, sign-in
sheets, exports) is kept in the database and applies at once; each export can
still pick another one.

On an HQ installation a third choice names the PostgreSQL database an HQ team shares
(empty: this computer's own file). It is kept sealed in the data folder (it may hold a
password), checked for form here, and used from the next start.
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
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui import i18n
from app.ui.common import localized

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
        self.server: QLineEdit | None = None
        if window.profile.is_hq:
            self._add_server_row(form)

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

    def _add_server_row(self, form: QFormLayout) -> None:
        from app.services.local_settings import DATABASE_URL, LocalSettings

        inst = self.window_.installation
        self.server = QLineEdit(self)
        self.server.setObjectName("serverAddress")
        self.server.setPlaceholderText("postgresql://analyst@hq-db/muster")
        self._initial_server = (
            LocalSettings(inst.paths, inst.key).get(DATABASE_URL) if inst.key else ""
        )
        self.server.setText(self._initial_server)
        self.server_note = QLabel(
            self.tr(
                "HQ teams: the PostgreSQL database you share (leave empty to use this "
                "computer's own file). Muster connects to it the next time it starts."
            ),
            self,
        )
        self.server_note.setObjectName("serverNote")
        self.server_note.setWordWrap(True)
        label = QLabel(self.tr("&Shared database"), self)
        label.setBuddy(self.server)
        form.addRow(label, self.server)
        form.addRow(self.server_note)

    def _save_server(self) -> bool:
        """Keep the address (checked for form); False, saying why, when it is not one."""
        from app.db.server import parse_url
        from app.errors import UserError
        from app.services.local_settings import DATABASE_URL, LocalSettings

        if self.server is None:
            return True
        value = self.server.text().strip()
        if value == self._initial_server:
            return True
        if value:
            try:
                parse_url(value)
            except UserError as exc:
                self.server_note.setText(localized(exc.message))
                self.server.setFocus()
                return False
        inst = self.window_.installation
        if inst.key is not None:
            LocalSettings(inst.paths, inst.key).update({DATABASE_URL: value or None})
        self.window_.statusBar().showMessage(
            self.tr("Muster uses the new database when you next start it."), 10000
        )
        return True

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
        if not self._save_server():
            return
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
