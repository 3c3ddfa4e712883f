"""The signing identity in the app: first-run creation, passphrase prompt, unlock cache.

The passphrase is asked once per app session, at the unlock screen: the same
passphrase opens the signing key, which is then kept in memory on the main window
(never on disk) until the app closes. Unlocking reads a file
and runs the key derivation (about 0.1 s); it touches no database, so it runs on
the GUI thread. Creating the identity saves the profile, so it goes through the
worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError, ValidationError
from app.services import identity
from app.services.installation import Profile
from app.ui.common import localized

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

_CACHE_ATTRIBUTE = "_muster_signing_key"


class PassphraseDialog(QDialog):
    """Asks for the passphrase that unlocks the signing key."""

    def __init__(self, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unlock your signing key"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Enter the passphrase of {who}'s signing key. Muster remembers it "
                "until you close the app."
            ).replace("{who}", who)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.passphrase)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus()


def session_passphrase() -> str | None:
    """The passphrase the running app was unlocked with (None when ``run()`` is not running)."""
    from app.ui import secret

    return secret.known()


def cached_key(window: MainWindow) -> Any | None:
    return getattr(window, _CACHE_ATTRIBUTE, None)


def forget_key(window: MainWindow) -> None:
    setattr(window, _CACHE_ATTRIBUTE, None)


def unlock_key(window: MainWindow, ask: Callable[[PassphraseDialog], bool] | None = None) -> Any:
    """The decrypted signing key, asking for the passphrase once per app session.

    Returns None when the user cancels or when there is no identity yet (then the
    identity dialog opens). ``ask`` runs the dialog (``dialog.exec() == Accepted``
    by default); tests pass their own.
    """
    key = cached_key(window)
    if key is not None:
        return key
    info = identity.load_identity(window.installation)
    if info is None:
        open_identity_dialog(window)
        return None
    known = session_passphrase()
    if known:  # the passphrase typed at the unlock screen opens the signing key too
        try:
            key = identity.unlock_private_key(window.installation, known)
        except UserError:
            key = None
        if key is not None:
            setattr(window, _CACHE_ATTRIBUTE, key)
            return key
    dialog = PassphraseDialog(info.name, window)
    run = ask or (lambda d: d.exec() == QDialog.DialogCode.Accepted)
    while run(dialog):
        try:
            key = identity.unlock_private_key(window.installation, dialog.passphrase.text())
        except UserError as err:
            dialog.show_problem(localized(err.message))
            continue
        setattr(window, _CACHE_ATTRIBUTE, key)
        dialog.deleteLater()
        return key
    dialog.deleteLater()
    return None


class IdentityDialog(QDialog):
    """First run: who you are and the passphrase that protects your signing key."""

    created = Signal(object)  # IdentityInfo

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.setWindowTitle(self.tr("Set up your signing identity"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Muster signs the summaries you export so that HQ can check they come from "
                "you and were not changed. Your key stays on this computer, protected by a "
                "passphrase of at least {n} characters. If you forget it, you will need a "
                "new identity."
            ).replace("{n}", str(identity.MIN_PASSPHRASE))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(self.tr("e.g. Training focal point"))
        self.role = QComboBox(self)
        self.role.addItem(self.tr("Field (a mission)"), "field")
        self.role.addItem(self.tr("Headquarters"), "hq")
        self.mission = QLineEdit(self)
        self.mission.setPlaceholderText(self.tr("Mission code, e.g. MONUSCO"))
        self.email = QLineEdit(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Your name"), self.name)
        form.addRow(self.tr("Your title"), self.title)
        form.addRow(self.tr("Installation"), self.role)
        form.addRow(self.tr("Mission"), self.mission)
        form.addRow(self.tr("E-mail (optional)"), self.email)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Passphrase again"), self.repeat)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def submit(self) -> None:
        """Check the passphrases here, then create the identity on the worker."""
        if self.passphrase.text() != self.repeat.text():
            self.show_problem(self.tr("The two passphrases are not the same."))
            return
        profile = Profile(
            name=self.name.text(),
            title=self.title.text(),
            mission=self.mission.text(),
            role=str(self.role.currentData()),
            email=self.email.text(),
        )
        passphrase = self.passphrase.text()
        self.buttons.setEnabled(False)
        inst = self._window.installation
        self._window.worker.run(
            lambda: identity.create_identity(inst, profile, passphrase),
            on_success=self._done,
            on_error=self._failed,
        )

    def _done(self, info: identity.IdentityInfo) -> None:
        self.buttons.setEnabled(True)
        self.created.emit(info)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.show_problem(" ".join(localized(m) for m in exc.errors.values()))
        elif isinstance(exc, UserError):
            self.show_problem(localized(exc.message))
        else:
            self._window.show_error(exc)


class IdentityInfoDialog(QDialog):
    """Shows this installation's identity and exports its certificate for HQ."""

    def __init__(self, info: identity.IdentityInfo, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.info = info
        self.setWindowTitle(self.tr("My signing identity"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("Name"), QLabel(info.name))
        form.addRow(self.tr("Title"), QLabel(info.title))
        form.addRow(self.tr("Mission"), QLabel(info.mission or "–"))
        form.addRow(self.tr("Created"), QLabel(f"{info.created_at:%Y-%m-%d}"))
        self.fingerprint = QLabel(identity.format_fingerprint(info.fingerprint))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setWordWrap(True)
        form.addRow(self.tr("Fingerprint"), self.fingerprint)
        layout.addLayout(form)
        hint = QLabel(
            self.tr(
                "Send your certificate to HQ and read them the fingerprint over the phone, "
                "so they know it is yours."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(
            self.tr("Export certificate…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.clicked.connect(self._choose_export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choose_export(self) -> None:
        default = str(self._window.installation.paths.exports / "muster-certificate.pem")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export certificate"), default, self.tr("Certificates (*.pem)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        from pathlib import Path

        try:
            identity.export_certificate(self._window.installation, Path(path))
        except UserError as err:
            self._window.show_error(err)


def open_identity_dialog(window: MainWindow) -> QDialog:
    """Show the identity, or the dialog that creates it; non-modal, returned for tests."""
    info = identity.load_identity(window.installation)
    dialog: QDialog = IdentityInfoDialog(info, window) if info else IdentityDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
