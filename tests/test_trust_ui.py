"""Trusted devices in the real window: the list with each signer's standing, removing
trust, and revoking a device (signed, kept, its bundles refused), in English and French."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

PASSPHRASE = "correct horse battery staple"
MISSIONS = ("MONUSCO", "UNSMIL")


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    from app.ui import i18n

    i18n.install_language("fr", qapp)
    yield
    i18n.install_language("en", qapp)


@pytest.fixture
def field_bundles(tmp_path: Path) -> dict[str, Path]:
    """A bundle from each of two field laptops (the demo's trainings, signed, not encrypted)."""
    from app.paths import Paths
    from app.services import identity
    from app.services.demo import load_demo
    from app.services.installation import Profile, open_installation
    from app.services.sync import export_bundle

    bundles = {}
    for mission in MISSIONS:
        field = open_installation(Paths(tmp_path / mission))
        profile = Profile(name=f"Focal {mission}", mission=mission)
        identity.create_identity(field, profile, PASSPHRASE)
        if mission == "MONUSCO":
            load_demo(field)
        key = identity.unlock_private_key(field, PASSPHRASE)
        bundles[mission] = export_bundle(field, tmp_path / f"{mission}.muster", key,
                                         recipient="").path  # fmt: skip
        field.close()
    return bundles


@pytest.fixture
def hq_window(qtbot: QtBot, tmp_path: Path, field_bundles: dict[str, Path]) -> Iterator[Any]:
    """HQ trusting both laptops, with MONUSCO's bundle already imported."""
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation
    from app.services.sync import import_bundles, read_certificate, trust
    from app.ui.main_window import MainWindow

    hq = open_installation(Paths(tmp_path / "hq"))
    identity.create_identity(hq, Profile(name="Amina Diallo", role="hq"), PASSPHRASE)
    for path in field_bundles.values():
        trust.add_trusted(hq, read_certificate(path))
    import_bundles(hq, [field_bundles["MONUSCO"]])
    window = MainWindow(hq, welcome=False)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    hq.close()


def _open_from_menu(qtbot: QtBot, window: Any) -> Any:
    from app.ui.trust_ui import TrustedDevicesDialog

    action = window.findChild(QAction, "trustedDevicesAction")
    assert action is not None
    qtbot.waitUntil(lambda: action.isVisible() and action.isEnabled(), timeout=10000)  # HQ's
    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(TrustedDevicesDialog) is not None, timeout=10000)
    dialog = window.findChild(TrustedDevicesDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=10000)
    return dialog


def _select(dialog: Any, mission: str) -> None:
    row = next(i for i, d in enumerate(dialog.devices) if d.signer.mission == mission)
    dialog.devices_view.selectRow(row)


def _answer_revoke(reason: str, artifacts: Path, shot: str) -> Any:
    """The step filling the revoke dialog, then the passphrase (HQ's key)."""
    from app.ui.identity_ui import PassphraseDialog
    from app.ui.trust_ui import RevokeDialog

    def fill(widget: QWidget) -> bool:
        if isinstance(widget, PassphraseDialog):
            widget.passphrase.setText(PASSPHRASE)
            widget.accept()
            return True
        if not isinstance(widget, RevokeDialog):
            return False
        assert not widget.enrolment_box.isEnabled()  # trusted by a person, not an enrolment
        widget.reason_edit.setText(reason)
        widget.grab().save(str(artifacts / shot))
        widget.revoke_button.click()
        return False  # the passphrase comes next, answered by this same step

    return fill


def test_revoke_a_device_then_remove_another(
    qtbot: QtBot, qtmodeltester: ModelTester, hq_window: Any, field_bundles: dict[str, Path],
    artifacts: Path, dialog_guard: Any,
) -> None:  # fmt: skip
    from app.services.sync import import_bundles, read_bundle
    from app.services.sync.revocation import list_revocations
    from app.services.sync.schema import BundleError
    from app.services.sync.trust import list_trusted

    inst = hq_window.installation
    dialog = _open_from_menu(qtbot, hq_window)
    qtmodeltester.check(dialog.devices_model)
    qtmodeltester.check(dialog.revocations_model)
    rows = {r[2]: r for r in map(dialog.devices_model.row_values, range(2))}
    assert set(rows) == set(MISSIONS)
    assert rows["MONUSCO"][0] == "Focal MONUSCO" and rows["MONUSCO"][1] == "Field"
    assert rows["MONUSCO"][3] == "Trusted" and rows["MONUSCO"][4].startswith("no. 1, ")
    assert rows["MONUSCO"][5] == "Not yet"  # its bundle was signed, not encrypted
    assert rows["UNSMIL"][4] == rows["UNSMIL"][5] == "—"  # nothing received from it yet
    assert dialog.tabs.tabText(1) == "Revocations (0)"
    dialog.grab().save(str(artifacts / "trust-devices-en.png"))

    _select(dialog, "UNSMIL")
    dialog_guard.expect(_answer_revoke("laptop stolen", artifacts, "trust-revoke-en.png"),
                        "the revoke dialog, then the passphrase")  # fmt: skip
    qtbot.mouseClick(dialog.revoke_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "revoked" in dialog.status.text(), timeout=15000)
    assert dialog.status.text().startswith("Focal UNSMIL's device is revoked (on ")
    (revocation,) = list_revocations(inst)
    assert revocation.device_name == "Focal UNSMIL" and revocation.issuer_name == "Amina Diallo"
    assert [t.mission for t in list_trusted(inst)] == ["MONUSCO"]  # removed, in one go
    revoked = next(d for d in dialog.devices if d.signer.mission == "UNSMIL")
    assert revoked.standing == "revoked"
    row = dialog.devices_model.row_values(dialog.devices.index(revoked))
    assert row[3].startswith("Revoked on ") and row[3].endswith(" by Amina Diallo")
    assert dialog.tabs.tabText(1) == "Revocations (1)"
    assert dialog.revocations_model.row_values(0)[:3] == ["Focal UNSMIL", "Device", "Amina Diallo"]
    _select(dialog, "UNSMIL")
    assert not dialog.revoke_button.isEnabled() and not dialog.remove_button.isEnabled()
    with pytest.raises(BundleError, match="revoked by HQ \\(Amina Diallo\\)"):
        read_bundle(inst, field_bundles["UNSMIL"])

    _select(dialog, "MONUSCO")
    seen: list[str] = []
    dialog_guard.expect("Remove trust", seen=seen)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no longer trusted" in dialog.status.text(), timeout=15000)
    assert "Stop trusting Focal MONUSCO?" in seen[1]
    assert list_trusted(inst) == []
    removed = next(d for d in dialog.devices if d.signer.mission == "MONUSCO")
    assert removed.standing == "removed" and dialog.revoke_button.isEnabled()
    assert list_revocations(inst) == [revocation]  # removing trust tells nobody else
    with pytest.raises(BundleError, match="removed from its trusted list on "):  # from now on
        import_bundles(inst, [field_bundles["MONUSCO"]])

    assert dialog.trust_button.isEnabled()  # a removal, unlike a revocation, can be undone
    seen.clear()
    dialog_guard.expect("Trust again", seen=seen)
    qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "trusted again" in dialog.status.text(), timeout=15000)
    assert seen[1] == "Trust Focal MONUSCO again?"
    (again,) = list_trusted(inst)
    assert (again.mission, again.role) == ("MONUSCO", "field")  # the rights it had
    assert import_bundles(inst, [field_bundles["MONUSCO"]]).summaries[0].already_received
    _select(dialog, "UNSMIL")
    assert not dialog.trust_button.isEnabled()  # revoked: refused whatever the list says
    dialog.close()


def test_revoking_only_the_enrolment_a_device_is_trusted_by(
    qtbot: QtBot, hq_window: Any, field_bundles: dict[str, Path], dialog_guard: Any
) -> None:
    """HQ enrolled the UNSMIL laptop (with the wrong mission, say): revoking that enrolment
    withdraws the trust it gave and lists the revocation by its serial."""
    from app.services import identity
    from app.services.sync import read_certificate
    from app.services.sync.enrolment import issue_enrolment
    from app.services.sync.trust import list_trusted
    from app.ui.identity_ui import PassphraseDialog
    from app.ui.trust_ui import RevokeDialog

    inst = hq_window.installation
    key = identity.unlock_private_key(inst, PASSPHRASE)
    issue_enrolment(inst, read_certificate(field_bundles["UNSMIL"]), key, mission="UNSMIL")
    (serial,) = [t.enrolment_serial for t in list_trusted(inst) if t.mission == "UNSMIL"]
    assert serial
    dialog = _open_from_menu(qtbot, hq_window)
    _select(dialog, "UNSMIL")
    assert dialog.devices_model.row_values(dialog.devices_view.currentIndex().row())[3] == (
        "Trusted (HQ enrolment)"
    )

    def fill(widget: QWidget) -> bool:
        if isinstance(widget, PassphraseDialog):
            widget.passphrase.setText(PASSPHRASE)
            widget.accept()
            return True
        if isinstance(widget, RevokeDialog):
            assert widget.enrolment_box.isEnabled()
            widget.enrolment_box.setChecked(True)
            widget.reason_edit.setText("wrong mission")
            widget.revoke_button.click()
        return False

    dialog_guard.expect(fill, "the revoke dialog, enrolment only, then the passphrase")
    dialog.revoke_selected()
    qtbot.waitUntil(lambda: "enrolment is revoked" in dialog.status.text(), timeout=15000)
    assert [t.mission for t in list_trusted(inst)] == ["MONUSCO"]  # the trust it gave is gone
    assert [d.signer.mission for d in dialog.devices] == ["MONUSCO"]
    revoked = dialog.revocations_model.row_values(0)
    assert revoked[:3] == ["Focal UNSMIL", f"Enrolment {serial[:12]}", "Amina Diallo"]
    dialog.close()


def test_hq_can_refuse_every_bundle_that_is_not_encrypted(
    qtbot: QtBot, hq_window: Any, field_bundles: dict[str, Path]
) -> None:
    from app.services.sync import import_bundles
    from app.services.sync.importer import encryption_required
    from app.services.sync.schema import BundleError

    inst = hq_window.installation
    dialog = _open_from_menu(qtbot, hq_window)
    assert dialog.require_box.isVisible() and not dialog.require_box.isChecked()
    box = dialog.require_box
    on_the_box = QPoint(8, box.height() // 2)  # the box itself, left of its text
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=on_the_box)
    qtbot.waitUntil(lambda: "now refused" in dialog.status.text(), timeout=15000)
    assert encryption_required(inst) and dialog.require_box.isChecked()
    with pytest.raises(BundleError, match="requires encrypted bundles"):
        import_bundles(inst, [field_bundles["UNSMIL"]])  # signed, not encrypted
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=on_the_box)
    qtbot.waitUntil(lambda: "accepted again" in dialog.status.text(), timeout=15000)
    assert not encryption_required(inst)
    assert import_bundles(inst, [field_bundles["UNSMIL"]]).summaries[0].device_name
    dialog.close()


def test_cancelling_the_revoke_dialog_changes_nothing(
    qtbot: QtBot, hq_window: Any, dialog_guard: Any
) -> None:
    from app.services.sync.revocation import list_revocations
    from app.services.sync.trust import list_trusted

    dialog = _open_from_menu(qtbot, hq_window)
    _select(dialog, "UNSMIL")
    dialog_guard.expect("Cancel")
    dialog.revoke_selected()
    assert list_revocations(hq_window.installation) == []
    assert len(list_trusted(hq_window.installation)) == 2
    dialog.close()


def test_french_trusted_devices(
    qtbot: QtBot, french: None, hq_window: Any, artifacts: Path, dialog_guard: Any
) -> None:
    dialog = _open_from_menu(qtbot, hq_window)
    assert dialog.windowTitle() == "Appareils de confiance"
    headers = [dialog.devices_model.headerData(i, Qt.Orientation.Horizontal) for i in range(6)]
    assert headers[:4] == ["Nom", "Rôle", "Mission", "Statut"]
    assert {dialog.devices_model.row_values(i)[3] for i in range(2)} == {"De confiance"}
    _select(dialog, "UNSMIL")
    dialog_guard.expect(_answer_revoke("ordinateur volé", artifacts, "trust-revoke-fr.png"),
                        "the revoke dialog, then the passphrase")  # fmt: skip
    dialog.revoke_selected()
    qtbot.waitUntil(lambda: "révoqué" in dialog.status.text(), timeout=15000)
    row = dialog.devices_model.row_values(dialog.devices.index(
        next(d for d in dialog.devices if d.signer.mission == "UNSMIL")))  # fmt: skip
    assert row[3].startswith("Révoqué le ") and row[3].endswith(" par Amina Diallo")
    dialog.grab().save(str(artifacts / "trust-devices-fr.png"))
    dialog.close()


def test_a_field_installation_has_no_trusted_devices_menu(qtbot: QtBot, tmp_path: Path) -> None:
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation
    from app.ui.main_window import MainWindow

    field = open_installation(Paths(tmp_path / "field"))
    identity.create_identity(field, Profile(name="Focal", mission="MONUSCO"), PASSPHRASE)
    window = MainWindow(field, welcome=False)
    qtbot.addWidget(window)
    action = window.findChild(QAction, "trustedDevicesAction")
    qtbot.waitUntil(lambda: window.profile.is_set, timeout=10000)
    qtbot.wait(50)  # the menus follow the loaded profile
    assert action is not None and not action.isVisible()
    export = window.findChild(QAction, "exportBundleAction")
    assert export is not None and export.isVisible()
    window.close()
    field.close()
