"""The small screens around the data key: unlock at launch, recovery key, passphrase change.

The unlock screen comes before anything is read from the data folder. A wrong
passphrase is one sentence and another try; "Use the recovery key" unwraps the
same data key with the key the user wrote down, then a new passphrase is chosen.
The key derivation (Argon2id, a fraction of a second) runs on a thread while the
main window's modules are imported, so it costs little of the launch.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.paths import Paths
from app.services.vault.strength import REASONS, WeakPassphraseError
from app.ui.common import localized
from app.ui.contracts import InstallationHost
from app.ui.i18n import QT_TRANSLATE_NOOP

# The main window is passed in (the menu contract of app/ui/features.py); it is typed
# Any here so that this module, which the welcome uses too, imports no window.
MainWindow = Any
ERROR_STYLE = "color: #b00020"
# The strength checker's sentences (app/services/vault/strength.py), for translation.
_REASON_TEXTS = (
    QT_TRANSLATE_NOOP(
        "Passphrase",
        "The passphrase must be at least 10 characters long; a few words in a row are easy to "
        "remember and hard to guess.",
    ),
    QT_TRANSLATE_NOOP(
        "Passphrase",
        "The passphrase repeats the same characters or words; choose a few words that have "
        "nothing to do with each other.",
    ),
    QT_TRANSLATE_NOOP(
        "Passphrase",
        'The passphrase is a sequence such as "abcd" or "1234", which is guessed at once; choose a few unrelated words.',
    ),
    QT_TRANSLATE_NOOP(
        "Passphrase",
        'The passphrase follows the keys of the keyboard (like "qwerty"), which is guessed at once; choose a few unrelated words.',
    ),
    QT_TRANSLATE_NOOP(
        "Passphrase",
        "The passphrase is mostly a date or a year, which is easy to guess; choose a few "
        "unrelated words.",
    ),
    QT_TRANSLATE_NOOP(
        "Passphrase",
        "The passphrase contains your own name, mission or e-mail address, which anyone could "
        "guess; choose other words.",
    ),
    QT_TRANSLATE_NOOP(
        "Passphrase",
        "The passphrase is a common word or password, which is guessed at once; add a few "
        "unrelated words.",
    ),
    QT_TRANSLATE_NOOP(
        "Passphrase", "The passphrase is too easy to guess; add another word or two."
    ),
)


def prefetch_window_modules() -> None:
    """Import what the main window needs while the key derivation runs on its thread, and
    set up the ORM's mappers (what the first query would do otherwise)."""
    import importlib

    from sqlalchemy.orm import configure_mappers

    importlib.import_module("app.ui.main_window")  # by name: no import cycle through here
    configure_mappers()


def run_beside_imports(job: Callable[[], Any]) -> Any:
    """``job()`` on a thread while the main window's modules load; its result or its error."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(job)
        prefetch_window_modules()
        return future.result()


_KNOWN_ERRORS = (
    QT_TRANSLATE_NOOP("Passphrase", "The passphrase is not right."),
    QT_TRANSLATE_NOOP("Passphrase", "That recovery key does not unlock this installation."),
    QT_TRANSLATE_NOOP("Passphrase", "The two new passphrases are not the same."),
    QT_TRANSLATE_NOOP(
        "Passphrase",
        "That is not a recovery key: it has 32 letters and digits, in eight groups of four.",
    ),
    QT_TRANSLATE_NOOP(
        "Passphrase",
        "Use the passphrase that unlocks Muster on this computer: "
        "one passphrase protects your data and your signing key.",
    ),
    QT_TRANSLATE_NOOP("Passphrase", "The new passphrase is the same as the current one."),
)


def sentence(_widget: QWidget | None, err: UserError) -> str:
    """The error in the interface's language (the services speak English)."""
    if isinstance(err, WeakPassphraseError):
        return QApplication.translate("Passphrase", REASONS[err.reason])
    if err.message in _KNOWN_ERRORS:
        return QApplication.translate("Passphrase", err.message)
    return localized(err.message)


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("error")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _secret_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(320)
    return edit


class UnlockDialog(QDialog):
    """Asks for the passphrase once, before Muster reads anything.

    ``mode`` is "unlock" (a key exists), "create" (a new data folder: choose a
    passphrase) or "upgrade" (an earlier release's folder: its signing key's
    passphrase, which from now on encrypts the data too).
    """

    def __init__(self, paths: Paths, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.mode = mode
        self.key: bytes | None = None
        self.passphrase: str | None = None  # None when the recovery key unlocked
        self.used_recovery = False
        self.setObjectName("unlockDialog")
        self.setWindowTitle(self.tr("Muster is locked") if mode == "unlock" else "Muster")
        layout = QVBoxLayout(self)
        self.intro = QLabel(self._intro_text(), self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.passphrase_edit = _secret_edit(self, "passphrase")
        self.again_edit = _secret_edit(self, "passphraseAgain")
        self.recovery_edit = QLineEdit(self)
        self.recovery_edit.setObjectName("recoveryKey")
        self.recovery_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.passphrase_label = QLabel(self.tr("&Passphrase"), self)
        self.passphrase_label.setBuddy(self.passphrase_edit)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        self.again_label = QLabel(self.tr("P&assphrase again"), self)
        self.again_label.setBuddy(self.again_edit)
        form.addRow(self.again_label, self.again_edit)
        self.recovery_label = QLabel(self.tr("&Recovery key"), self)
        self.recovery_label.setBuddy(self.recovery_edit)
        form.addRow(self.recovery_label, self.recovery_edit)
        layout.addLayout(form)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        self.recovery_button = QPushButton(self.tr("I forgot my passphrase: use the &recovery key"))
        self.recovery_button.setFlat(True)
        self.recovery_button.setObjectName("useRecoveryKey")
        self.recovery_button.clicked.connect(lambda: self.show_recovery(True))
        layout.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Unlock") if mode == "unlock" else self.tr("&Continue"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Quit"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        creating = mode == "create"
        self.again_label.setVisible(creating)
        self.again_edit.setVisible(creating)
        self.recovery_button.setVisible(mode == "unlock")
        self.show_recovery(False)
        self.setMinimumWidth(480)

    def _intro_text(self) -> str:
        if self.mode == "create":
            return self.tr(
                "Welcome to Muster. Choose a passphrase: it encrypts everything Muster keeps "
                "on this computer and protects the key that signs your summaries. Use a few "
                "words that have nothing to do with each other; Muster refuses passphrases "
                "that are easy to guess."
            )
        if self.mode == "upgrade":
            return self.tr(
                "This version of Muster encrypts your data. Enter the passphrase of your "
                "signing key: from now on it unlocks your data too. Muster makes a backup, "
                "then encrypts the data folder; this takes a moment."
            )
        return self.tr(
            "Your data is encrypted. Enter your passphrase to open it. The folder: {folder}"
        ).format(folder=self.paths.home)

    def show_recovery(self, on: bool) -> None:
        self.used_recovery = on
        for widget in (self.recovery_label, self.recovery_edit):
            widget.setVisible(on)
        for widget in (self.passphrase_label, self.passphrase_edit):
            widget.setVisible(not on)
        if self.mode == "unlock":
            self.recovery_button.setVisible(not on)
        self.error.hide()
        (self.recovery_edit if on else self.passphrase_edit).setFocus()
        self.adjustSize()

    def show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        edit = self.recovery_edit if self.used_recovery else self.passphrase_edit
        edit.selectAll()
        edit.setFocus()
        self.adjustSize()

    def _job(self) -> Callable[[], bytes]:
        from app.services import vault
        from app.services.installation import unlock_data

        if self.used_recovery:
            text = self.recovery_edit.text()
            return lambda: vault.unlock_with_recovery_key(self.paths, text)
        passphrase = self.passphrase_edit.text()
        return lambda: unlock_data(self.paths, passphrase)

    def submit(self) -> None:
        if self.mode == "create" and self.passphrase_edit.text() != self.again_edit.text():
            self.show_problem(self.tr("The two passphrases are not the same."))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.key = run_beside_imports(self._job())
        except UserError as err:
            self.show_problem(sentence(self, err))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.passphrase = None if self.used_recovery else self.passphrase_edit.text()
        self.accept()


def unlock_mode(paths: Paths) -> str:
    from app.db.cipher import has_plaintext_header
    from app.services import vault

    if vault.has_key(paths):
        return "unlock"
    return "upgrade" if has_plaintext_header(paths.database) else "create"


class RecoveryKeyDialog(QDialog):
    """Shows the recovery key once: print it or write it down, then say so to go on."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(self.tr("Your recovery key"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "If you forget your passphrase, this recovery key unlocks your data. Print it "
                "or write it down now and keep it somewhere safe, away from this computer: "
                "Muster shows it only this once. Anyone who has both this key and this "
                "computer can read your data."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key_label = QLabel(recovery_key, self)
        self.key_label.setObjectName("recoveryKey")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet("padding: 12px; border: 1px solid #888; background: #fff")
        layout.addWidget(self.key_label)
        self.written = QCheckBox(self.tr("I have &printed or written down my recovery key"), self)
        self.written.setObjectName("written")
        layout.addWidget(self.written)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.print_button = self.buttons.addButton(
            self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.clicked.connect(self.print_key)
        self.copy_button = self.buttons.addButton(
            self.tr("&Copy"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.recovery_key)
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Continue"))
        self.ok_button.setEnabled(False)
        self.written.toggled.connect(self.ok_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # no clipped text
        self.setMinimumWidth(640)

    def reject(self) -> None:  # Escape must not skip the only showing of the key
        if self.written.isChecked():
            super().reject()

    def print_key(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        page = QTextDocument()
        page.setPlainText(
            self.tr("Muster recovery key") + "\n\n" + self.recovery_key + "\n\n"
            + self.tr("It unlocks the data of Muster if the passphrase is forgotten.")
        )  # fmt: skip
        page.print_(printer)


class PassphraseDialog(QDialog):
    """Change the passphrase (``reset``: set a new one after the recovery key unlocked)."""

    def __init__(
        self, window: InstallationHost, reset: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._window = window
        self.installation = window.installation
        self.reset = reset
        self.result_: Any = None
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(
            self.tr("Choose a new passphrase") if reset else self.tr("Change your passphrase")
        )
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "You opened Muster with your recovery key. Choose a new passphrase: it will "
                "unlock your data and your signing key from now on."
            )
            if reset
            else self.tr(
                "The new passphrase will unlock your data and your signing key. Your data "
                "is not rewritten, and your recovery key keeps working."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.current_edit = _secret_edit(self, "current")
        self.new_edit = _secret_edit(self, "new")
        self.again_edit = _secret_edit(self, "again")
        if not reset:
            form.addRow(self.tr("C&urrent passphrase"), self.current_edit)
        form.addRow(self.tr("&New passphrase"), self.new_edit)
        form.addRow(self.tr("New passphrase &again"), self.again_edit)
        layout.addLayout(form)
        self.current_edit.setVisible(not reset)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("&Change passphrase")
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(480)

    def show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.adjustSize()

    def submit(self) -> None:
        from app.services import passphrase as service

        inst, new, again = self.installation, self.new_edit.text(), self.again_edit.text()
        current = self.current_edit.text()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.reset:
                self.result_ = service.reset_with_recovery_key(inst, new, again)
            else:
                self.result_ = service.change_passphrase(inst, current, new, again)
        except UserError as err:
            self.show_problem(sentence(self, err))
            return
        finally:
            QApplication.restoreOverrideCursor()
        remember_passphrase(new)
        self.accept()


def remember_passphrase(passphrase: str) -> None:
    """The running app keeps the passphrase in memory, so signing asks no more."""
    from app.ui import secret

    if secret.known() is not None:
        secret.remember(passphrase)


def install(window: MainWindow) -> None:
    """Tools > Change passphrase… and New recovery key… (feature module)."""
    from PySide6.QtGui import QAction

    change = QAction(window.tr("Change &passphrase…"), window)
    change.setObjectName("changePassphraseAction")
    change.triggered.connect(lambda: open_change_dialog(window))
    recovery = QAction(window.tr("New &recovery key…"), window)
    recovery.setObjectName("newRecoveryKeyAction")
    recovery.triggered.connect(lambda: new_recovery_key(window))
    tools = window.menu("tools")
    tools.addAction(change)
    tools.addAction(recovery)


def open_change_dialog(window: MainWindow) -> PassphraseDialog:
    dialog = PassphraseDialog(window, parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(
        lambda: window.statusBar().showMessage(window.tr("The passphrase is changed."), 15000)
    )
    dialog.open()
    return dialog


def new_recovery_key(window: MainWindow) -> RecoveryKeyDialog | None:
    from PySide6.QtWidgets import QMessageBox

    from app.services import vault

    answer = QMessageBox.question(
        window,
        window.tr("New recovery key"),
        window.tr("Make a new recovery key? The one you have now will stop working."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    inst = window.installation
    if answer != QMessageBox.StandardButton.Yes or inst.key is None:
        return None
    dialog = RecoveryKeyDialog(vault.issue_recovery_key(inst.paths, inst.key), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
