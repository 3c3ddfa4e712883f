"""Trusted devices: who may send bundles here, and HQ's two ways to stop one.

*Remove trust* stops accepting a signer at this installation only. *Revoke* (HQ) signs a
revocation with HQ's key: it travels in the next bundles and receipts, and every
installation it reaches refuses that device's bundles, saying who revoked it and when.
All database work runs on the window's worker.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.common import translate
from app.ui.tables import RowsModel, make_table

if TYPE_CHECKING:
    from app.services.sync.devices import TrustedDevice, TrustOverview
    from app.services.sync.revocation import RevocationInfo, Revoked
    from app.ui.main_window import MainWindow

MAX_REASON = 500  # what a revocation keeps


def _when(moment: Any) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment is not None else "—"


def standing_text(device: TrustedDevice) -> str:
    """Trusted, removed or revoked, in words (with when and by whom)."""
    from app.services.sync.devices import REMOVED, REVOKED
    from app.services.sync.display import shown

    revoked = device.revocation
    if device.standing == REVOKED and revoked is not None:
        text = (
            translate("Enrolment revoked on {when} by {who}")
            if revoked.enrolment_serial
            else translate("Revoked on {when} by {who}")
        )
        return text.format(when=_when(revoked.revoked_at), who=shown(revoked.issuer_name, 60))
    if device.standing == REMOVED:
        return translate("Removed on {when}").format(when=_when(device.signer.removed_at))
    return translate("Trusted (HQ enrolment)") if device.enrolled else translate("Trusted")


def device_row(device: TrustedDevice) -> list[Any]:
    from app.services.identity import format_fingerprint
    from app.services.sync.display import shown

    signer = device.signer
    if device.last_received_at is None:
        last = encrypted = "—"
    else:
        when = _when(device.last_received_at)
        last = translate("no. {seq}, {when}").format(seq=device.last_seq, when=when)
        encrypted = translate("Yes") if device.sends_encrypted else translate("Not yet")
    return [
        shown(signer.name, 60), translate("HQ") if signer.role == "hq" else translate("Field"),
        shown(signer.mission, 32) or "—", standing_text(device), last, encrypted,
        format_fingerprint(signer.fingerprint, 4),
    ]  # fmt: skip


def revocation_row(revocation: RevocationInfo) -> list[Any]:
    from app.services.sync.display import shown

    what = (
        translate("Enrolment {serial}").format(serial=revocation.enrolment_serial[:12])
        if revocation.enrolment_serial
        else translate("Device")
    )
    name = shown(revocation.device_name, 60) or revocation.device_id[:8]
    return [name, what, shown(revocation.issuer_name, 60), _when(revocation.revoked_at)]


class TrustedDevicesDialog(QDialog):
    """The trusted list with its standing, every revocation, and the three actions."""

    def __init__(self, window: MainWindow, overview: TrustOverview) -> None:
        super().__init__(window)
        self.host = window
        self.setObjectName("trustedDevicesDialog")
        self.setWindowTitle(translate("Trusted devices"))
        self.resize(980, 440)
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "Bundles are accepted only from these signers, each within its rights. Remove "
                "trust stops accepting one here; Revoke (HQ) tells every installation, through "
                "your next bundles and receipts."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self._tables())
        self.require_box = QCheckBox(
            translate("Refuse every bundle that is not encrypted for HQ, from any device"), self
        )
        self.require_box.setObjectName("requireEncryption")
        self.require_box.setVisible(window.profile.is_hq)
        self.require_box.clicked.connect(self._require_encryption)
        layout.addWidget(self.require_box)
        self.status = QLabel(self)
        self.status.setObjectName("trustStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        add = functools.partial(self._button, buttons)
        self.remove_button = add(
            translate("Remove trust…"), "removeTrustButton", self.remove_selected
        )
        self.trust_button = add(
            translate("Trust again…"), "trustAgainButton", self.trust_again_selected
        )
        self.revoke_button = add(translate("Revoke…"), "revokeButton", self.revoke_selected)
        self.revoke_button.setVisible(window.profile.is_hq)
        buttons.addStretch(1)
        add(translate("Close"), "closeTrustButton", self.accept)
        layout.addLayout(buttons)
        self.devices_view.selectionModel().selectionChanged.connect(self._follow_selection)
        self.devices: list[TrustedDevice] = []
        self.show_overview(overview)

    def _tables(self) -> QTabWidget:
        """The trusted signers, and the revocations known here."""
        self.tabs = QTabWidget(self)
        self.devices_model = RowsModel(
            [translate("Name"), translate("Role"), translate("Mission"), translate("Standing"),
             translate("Last bundle (UTC)"), translate("Encrypted"), translate("Fingerprint")],
            [], self,
        )  # fmt: skip
        self.devices_view = make_table(self.devices_model, self)
        self.revocations_model = RowsModel(
            [translate("Device"), translate("Revoked"), translate("Revoked by"),
             translate("When (UTC)")], [], self,
        )  # fmt: skip
        self.revocations_view = make_table(self.revocations_model, self)
        self.tabs.addTab(self.devices_view, translate("Trusted signers"))
        self.tabs.addTab(self.revocations_view, translate("Revocations"))
        return self.tabs

    def _button(
        self, row: QHBoxLayout, text: str, name: str, slot: Callable[[], Any]
    ) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())  # not the clicked(bool) argument
        row.addWidget(button)
        return button

    def show_overview(self, overview: TrustOverview) -> None:
        self.devices = list(overview.devices)
        self.require_box.setChecked(overview.encryption_required)
        self.devices_model.set_rows([device_row(d) for d in self.devices])
        self.revocations_model.set_rows([revocation_row(r) for r in overview.revocations])
        self.tabs.setTabText(1, translate("Revocations ({n})").format(n=len(overview.revocations)))
        if self.devices:
            self.devices_view.selectRow(0)
        self._follow_selection()

    def selected(self) -> TrustedDevice | None:
        row = self.devices_view.currentIndex().row()
        return self.devices[row] if 0 <= row < len(self.devices) else None

    def _follow_selection(self, *_args: Any) -> None:
        from app.services.sync.devices import REMOVED, REVOKED, TRUSTED

        device = self.selected()
        self.remove_button.setEnabled(device is not None and device.standing == TRUSTED)
        self.trust_button.setEnabled(device is not None and device.standing == REMOVED)
        self.revoke_button.setEnabled(device is not None and device.standing != REVOKED)

    def reload(self, message: str = "") -> None:
        from app.services.sync.devices import trust_overview

        inst = self.host.installation

        def show(overview: TrustOverview) -> None:
            self.show_overview(overview)
            self.status.setText(message)

        self.host.worker.run(lambda: trust_overview(inst), on_success=show)

    def _require_encryption(self, required: bool) -> None:
        from app.services.sync.importer import require_encryption

        inst = self.host.installation
        done = (
            translate("Bundles that are not encrypted are now refused here.")
            if required
            else translate(
                "Bundles that are not encrypted are accepted again, except from a device "
                "that has sent encrypted ones."
            )
        )
        self.host.worker.run(
            lambda: require_encryption(inst, required), on_success=lambda _r: self.reload(done)
        )

    def remove_selected(self, answer: QMessageBox.StandardButton | None = None) -> None:
        """Ask, then stop trusting the selected signer here (``answer``: the test's)."""
        from app.services.identity import format_fingerprint
        from app.services.sync.display import shown
        from app.services.sync.trust import remove_trusted

        device = self.selected()
        if device is None:
            return
        signer, name = device.signer, shown(device.signer.name, 60)
        inst = self.host.installation
        self._ask_then_run(
            translate("Remove trust"),
            translate("Stop trusting {name}? Their bundles are refused here from now on.").format(
                name=name
            ),
            translate(
                "Fingerprint: {fp}\n\nOther installations still trust them: to stop them "
                "everywhere, revoke the device instead."
            ).format(fp=format_fingerprint(signer.fingerprint)),
            answer,
            lambda: remove_trusted(inst, signer.fingerprint),
            translate("{name} is no longer trusted here.").format(name=name),
        )

    def trust_again_selected(self, answer: QMessageBox.StandardButton | None = None) -> None:
        """Ask (fingerprint and rights shown), then trust a removed signer again, with the
        rights it had (``answer``: the test's). A revoked device stays refused."""
        from app.services.sync.display import shown
        from app.services.sync.trust import add_trusted

        device = self.selected()
        if device is None:
            return
        signer, name = device.signer, shown(device.signer.name, 60)
        inst = self.host.installation
        pem, role, mission = signer.certificate_pem, signer.role, signer.mission
        self._ask_then_run(
            translate("Trust again"),
            translate("Trust {name} again?").format(name=name),
            trust_details(signer.name, signer.fingerprint, role, mission),
            answer,
            lambda: add_trusted(inst, pem, role=role, mission=mission),
            translate("{name} is trusted again.").format(name=name),
        )

    def _ask_then_run(self, title: str, text: str, details: str,
                      answer: QMessageBox.StandardButton | None, job: Callable[[], Any],
                      done: str) -> None:  # fmt: skip
        """A question whose Yes button says ``title``; on Yes, ``job`` on the worker, then
        the list again with ``done`` under it."""
        yes = QMessageBox.StandardButton.Yes
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          yes | QMessageBox.StandardButton.Cancel, self)  # fmt: skip
        box.setInformativeText(details)
        box.button(yes).setText(title)
        chosen = answer if answer is not None else QMessageBox.StandardButton(box.exec())
        box.deleteLater()
        if chosen == yes:
            self.host.worker.run(job, on_success=lambda _r: self.reload(done))

    def revoke_selected(self, ask: Callable[[RevokeDialog], bool] | None = None) -> None:
        """Ask why (and whether only the enrolment), unlock HQ's key, then revoke.

        ``ask`` runs the dialog (``dialog.exec() == Accepted`` by default); tests pass
        their own, which fills it in.
        """
        from app.services.sync.revocation import revoke
        from app.ui.identity_ui import unlock_key

        device = self.selected()
        if device is None:
            return
        dialog = RevokeDialog(self, device)
        run = ask or (lambda d: d.exec() == QDialog.DialogCode.Accepted)
        accepted = run(dialog)
        reason, enrolment_only = dialog.reason(), dialog.enrolment_only()
        dialog.deleteLater()
        if not accepted:
            return
        key = unlock_key(self.host)
        if key is None:
            return
        inst, wanted = self.host.installation, device.signer.fingerprint
        self.host.worker.run(
            lambda: revoke(inst, wanted, key, reason, enrolment_only),
            on_success=lambda done: self.reload(revoked_sentence(done)),
        )


def trust_details(name: str, fingerprint: str, role: str, mission: str) -> str:
    """The fingerprint to check with the signer, and the rights they will have here."""
    from app.services.identity import format_fingerprint
    from app.services.sync.display import shown

    rights = (
        translate("They will be trusted as HQ: they may change everything.")
        if role == "hq"
        else translate("They will be trusted as a field device of {mission}: they may change "
                       "that mission's trainings only.").format(mission=shown(mission))
    )  # fmt: skip
    check = translate(
        "Fingerprint:\n{fp}\n\nCheck it with {name} (by phone, for example) before trusting."
    ).format(fp=format_fingerprint(fingerprint), name=shown(name or "?"))
    return f"{check}\n\n{rights}"


def revoked_sentence(done: Revoked) -> str:
    from app.services.sync.display import shown

    info = done.revocation
    if done.enrolment_only:
        text = translate(
            "{name}'s enrolment is revoked (on {when} UTC); a new enrolment accepts the device "
            "again. The revocation travels in your next bundles and receipts."
        )
    else:
        text = translate(
            "{name}'s device is revoked (on {when} UTC). The revocation travels in your next "
            "bundles and receipts."
        )
    return text.format(name=shown(done.signer.name, 60), when=_when(info.revoked_at))


class RevokeDialog(QDialog):
    """Who is revoked (with the fingerprint), why, and whether only the enrolment."""

    def __init__(self, parent: QWidget, device: TrustedDevice) -> None:
        from app.services.identity import format_fingerprint
        from app.services.sync.display import shown

        super().__init__(parent)
        self.setObjectName("revokeDialog")
        signer = device.signer
        self.setWindowTitle(translate("Revoke {name}").format(name=shown(signer.name, 60)))
        layout = QVBoxLayout(self)
        warning = QLabel(
            translate(
                "The revocation is signed with your key and travels in your next bundles and "
                "receipts: every installation it reaches refuses this device's bundles. The "
                "device cannot undo it; only a person trusting it again at an installation can."
            ),
            self,
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)
        form = QFormLayout()
        form.addRow(translate("Device:"), QLabel(shown(signer.name, 60), self))
        form.addRow(translate("Mission:"), QLabel(shown(signer.mission, 32) or "—", self))
        fingerprint = QLabel(format_fingerprint(signer.fingerprint), self)
        fingerprint.setWordWrap(True)
        form.addRow(translate("Fingerprint:"), fingerprint)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("revokeReason")
        self.reason_edit.setMaxLength(MAX_REASON)
        self.reason_edit.setPlaceholderText(translate("For example: laptop stolen"))
        form.addRow(translate("Reason:"), self.reason_edit)
        layout.addLayout(form)
        self.enrolment_box = QCheckBox(
            translate("Revoke only the HQ enrolment it is trusted by (a wrong mission, say)"), self
        )
        self.enrolment_box.setObjectName("revokeEnrolmentOnly")
        self.enrolment_box.setEnabled(device.enrolled and signer.removed_at is None)
        layout.addWidget(self.enrolment_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.revoke_button = buttons.addButton(
            translate("Revoke"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.revoke_button.setObjectName("confirmRevokeButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def enrolment_only(self) -> bool:
        return self.enrolment_box.isEnabled() and self.enrolment_box.isChecked()


def open_trusted_devices(
    window: MainWindow, on_open: Callable[[TrustedDevicesDialog], None] | None = None
) -> None:
    from app.services.sync.devices import trust_overview

    inst = window.installation

    def show(overview: TrustOverview) -> None:
        dialog = TrustedDevicesDialog(window, overview)
        dialog.open()
        if on_open:
            on_open(dialog)

    window.worker.run(lambda: trust_overview(inst), on_success=show)
