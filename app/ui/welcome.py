"""First run: who uses this installation, field or HQ, a passphrase for the signing key,
and whether to load the demo data.

The identity (profile, key, certificate) is made by ``app.services.identity`` in the
background worker; the demo data follows in the same job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError, ValidationError
from app.services.installation import Installation, Profile
from app.ui.common import FieldError
from app.ui.contracts import as_widget

if TYPE_CHECKING:
    from app.ui.contracts import WindowHost

MIN_PASSPHRASE = 10  # as app.services.identity asks


def set_up(
    inst: Installation, profile: Profile, passphrase: str, load_demo: bool
) -> tuple[Profile, int]:
    """Save who the user is with a signing identity, then the demo data when asked.

    Returns the saved profile and how many demo trainings were added.
    """
    try:
        from app.services import identity
    except ImportError:  # pragma: no cover - the identity team's module is not there yet
        identity = None  # type: ignore[assignment]
    if identity is not None and identity.load_identity(inst) is None:
        identity.create_identity(inst, profile, passphrase)
        saved = inst.profile()
    else:  # the signing identity exists already: only the profile changes
        saved = inst.save_profile(profile)
    added = 0
    if load_demo:
        from app.services.demo import load_demo as load

        added = load(inst).trainings
    return saved, added


def _has_identity(inst: Installation) -> bool:
    """Whether a signing key exists already (files only, no database)."""
    try:
        from app.services import identity
    except ImportError:  # pragma: no cover
        return False
    return identity.load_identity(inst) is not None


def widget_row(form: QFormLayout, widget: QWidget) -> int:
    """The form row holding ``widget`` (inside its field layout)."""
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        layout = item.layout() if item is not None else None
        if layout is not None and layout.indexOf(widget) >= 0:
            return row
    return -1


class WelcomeDialog(QDialog):
    """A short form; errors appear next to the fields and nothing typed is lost."""

    finished_setup = Signal(object)  # the saved Profile

    def __init__(
        self,
        window: WindowHost,
        profile: Profile | None = None,
        missions: tuple[str, ...] | list[str] = (),
    ) -> None:
        super().__init__(as_widget(window))
        self.window_ = window
        self.installation = window.installation
        self.setWindowTitle(self.tr("Welcome to Muster"))
        self.setModal(True)
        intro = QLabel(
            self.tr(
                "Muster keeps the trainings you organise, their participants and attendance, "
                "on this computer. Tell it who you are: your name goes on the summaries you "
                "sign and the data you send to headquarters."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("name")
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("title")
        self.title_edit.setPlaceholderText(self.tr("For example: Rule of Law Officer"))
        self.mission_box = QComboBox(self)
        self.mission_box.setObjectName("mission")
        self.field_radio = QRadioButton(self.tr("In a &mission (field)"), self)
        self.hq_radio = QRadioButton(self.tr("At &headquarters (HQ)"), self)
        self.field_radio.setChecked(True)
        self.role_group = QButtonGroup(self)
        self.role_group.addButton(self.field_radio)
        self.role_group.addButton(self.hq_radio)
        self.email_edit = QLineEdit(self)
        self.email_edit.setObjectName("email")
        self.email_edit.setPlaceholderText(self.tr("optional"))
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again = QLineEdit(self)
        self.passphrase_again.setObjectName("passphraseAgain")
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.demo_check = QCheckBox(
            self.tr(
                "Load the &demo data: a field installation loads its own mission's example "
                "training, HQ all three"
            ),
            self,
        )
        self.demo_check.setObjectName("demo")

        self.errors: dict[str, FieldError] = {}
        form = QFormLayout()

        def row(label: str, widget: QWidget, key: str) -> None:
            error = FieldError(self)
            self.errors[key] = error
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            form.addRow(caption, box)

        row(self.tr("Your &name"), self.name_edit, "name")
        row(self.tr("Your &title"), self.title_edit, "title")
        roles = QWidget(self)
        roles_layout = QHBoxLayout(roles)
        roles_layout.setContentsMargins(0, 0, 0, 0)
        roles_layout.addWidget(self.field_radio)
        roles_layout.addWidget(self.hq_radio)
        roles_layout.addStretch(1)
        row(self.tr("You work"), roles, "role")
        row(self.tr("M&ission"), self.mission_box, "mission")
        row(self.tr("&E-mail"), self.email_edit, "email")
        row(self.tr("&Passphrase"), self.passphrase_edit, "passphrase")
        row(self.tr("P&assphrase again"), self.passphrase_again, "passphrase_again")
        hint = QLabel(
            self.tr(
                "Use the passphrase that unlocks Muster: it also protects your signing key. "
                "Use at least {n} characters, for example four words."
            ).format(n=MIN_PASSPHRASE),
            self,
        )
        hint.setWordWrap(True)
        hint.setObjectName("passphraseHint")
        self.general_error = FieldError(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Start"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.demo_check)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        for code in missions:
            self.mission_box.addItem(code, code)
        if profile is not None and profile.is_set:
            self.name_edit.setText(profile.name)
            self.title_edit.setText(profile.title)
            self.email_edit.setText(profile.email)
            self.hq_radio.setChecked(profile.is_hq)
            self.demo_check.setChecked(False)
        mission = profile.mission if profile is not None and profile.mission else "MONUSCO"
        self.mission_box.setCurrentIndex(max(self.mission_box.findData(mission), 0))
        self.has_identity = _has_identity(self.installation)
        from app.ui import secret

        self.known_passphrase = secret.known()  # typed at the unlock screen
        ask = not self.has_identity and not self.known_passphrase
        for widget in (self.passphrase_edit, self.passphrase_again, hint):
            widget.setVisible(ask)
        if not ask:
            for widget in (self.passphrase_edit, self.passphrase_again):
                form.setRowVisible(widget_row(form, widget), False)
        self.hq_radio.toggled.connect(self._role_changed)
        self._role_changed(self.hq_radio.isChecked())

    def _role_changed(self, hq: bool) -> None:
        self.mission_box.setEnabled(True)
        self.mission_box.setToolTip(
            self.tr("Optional at headquarters.") if hq else self.tr("The mission you work for.")
        )

    def profile(self) -> Profile:
        return Profile(
            name=self.name_edit.text(),
            title=self.title_edit.text(),
            mission=self.mission_box.currentData() or "",
            role="hq" if self.hq_radio.isChecked() else "field",
            email=self.email_edit.text(),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for label in self.errors.values():
            label.show_message(None)
        self.general_error.show_message(None)
        for key, message in errors.items():
            self.errors.get(key, self.general_error).show_message(message)
        widgets = {
            "name": self.name_edit,
            "title": self.title_edit,
            "mission": self.mission_box,
            "email": self.email_edit,
            "passphrase": self.passphrase_edit,
            "passphrase_again": self.passphrase_again,
        }
        first = next(iter(errors), "")
        if first in widgets:
            widgets[first].setFocus(Qt.FocusReason.OtherFocusReason)
        self.adjustSize()

    def check(self) -> dict[str, str]:
        """What is wrong before anything is saved (the services check the rest)."""
        errors: dict[str, str] = {}
        if not self.name_edit.text().strip():
            errors["name"] = self.tr("Please enter your name.")
        passphrase = self.passphrase_edit.text()
        if self.has_identity or self.known_passphrase:
            pass
        elif len(passphrase) < MIN_PASSPHRASE:
            errors["passphrase"] = self.tr(
                "Please choose a passphrase of at least {n} characters."
            ).format(n=MIN_PASSPHRASE)
        elif passphrase != self.passphrase_again.text():
            errors["passphrase_again"] = self.tr("The two passphrases are not the same.")
        email = self.email_edit.text().strip()
        if email and ("@" not in email or " " in email):
            errors["email"] = self.tr("That does not look like an e-mail address.")
        return errors

    def submit(self) -> None:
        errors = self.check()
        if errors:
            self.show_errors(errors)
            return
        profile = self.profile()
        passphrase = self.known_passphrase or self.passphrase_edit.text()
        demo, inst = self.demo_check.isChecked(), self.installation
        self.buttons.setEnabled(False)
        self.general_error.show_message(
            self.tr("Setting up… loading the demo data takes a few seconds.") if demo else None
        )
        self.window_.worker.run(
            lambda: set_up(inst, profile, passphrase, demo),
            on_success=self._done,
            on_error=self._failed,
        )

    def _done(self, result: tuple[Profile, int]) -> None:
        profile, _added = result
        self.finished_setup.emit(profile)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
        elif isinstance(exc, UserError):
            from app.ui.unlock import sentence

            field = exc.field or "general"
            if field == "passphrase" and not self.passphrase_edit.isVisible():
                field = "general"
            self.show_errors({field: sentence(self, exc)})
        else:
            self.general_error.show_message(None)
            self.window_.show_error(exc)
