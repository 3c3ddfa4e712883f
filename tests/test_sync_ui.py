"""The Sync menu in the real window: preview, import, drag-and-drop, log, trust, dashboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def field_bundle(tmp_path: Path) -> Path:
    """A MONUSCO field installation's bundle: its demo training, 75 participants."""
    from app.paths import Paths
    from app.services import identity
    from app.services.demo import load_demo
    from app.services.installation import Profile, open_installation
    from app.services.sync import export_bundle

    field = open_installation(Paths(tmp_path / "field"))
    identity.create_identity(field, Profile(name="Jean Mukendi", mission="MONUSCO"), PASSPHRASE)
    load_demo(field)
    key = identity.unlock_private_key(field, PASSPHRASE)
    path = export_bundle(field, tmp_path / "field.muster", key, recipient="").path
    field.close()
    return path


@pytest.fixture
def hq_window(qtbot: QtBot, tmp_path: Path) -> Any:
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation
    from app.ui.main_window import MainWindow

    hq = open_installation(Paths(tmp_path / "hq"))
    identity.create_identity(hq, Profile(name="Amina Diallo", role="hq"), PASSPHRASE)
    window = MainWindow(hq, welcome=False)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    hq.close()


def test_preview_then_import_then_nothing_left_to_change(
    qtbot: QtBot, qtmodeltester: ModelTester, hq_window: Any, field_bundle: Path,
    artifacts: Path,
) -> None:  # fmt: skip
    from app.services.sync import read_certificate, trust
    from app.ui import sync_ui

    names = {a.objectName() for a in hq_window.menu("sync").actions()}
    assert {"exportBundleAction", "importBundlesAction", "hqDashboardAction"} <= names
    trust.add_trusted(hq_window.installation, read_certificate(field_bundle))

    previews: list[Any] = []
    sync_ui.import_bundles(hq_window, [field_bundle], on_preview=previews.append)
    qtbot.waitUntil(lambda: bool(previews), timeout=10000)
    dialog = previews[0]
    qtmodeltester.check(dialog.model)
    row = dialog.model.row_values(0)
    assert row[1] == "Jean Mukendi" and row[2] == "MONUSCO" and row[4] > 100
    assert hq_window.model.rowCount() == 0  # the preview wrote nothing
    dialog.grab().save(str(artifacts / "sync-import-preview.png"))

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10000)
    assert "Imported" in dialog.result_label.text()
    qtbot.waitUntil(lambda: hq_window.model.rowCount() == 1, timeout=10000)
    dialog.close()

    previews.clear()
    sync_ui.import_bundles(hq_window, [field_bundle], on_preview=previews.append)
    qtbot.waitUntil(lambda: bool(previews), timeout=10000)
    again = previews[0]
    assert not again.import_button.isEnabled()
    assert "already imported" in again.model.row_values(0)[8]
    again.close()

    logs: list[Any] = []
    sync_ui.show_import_log(hq_window, on_open=logs.append)
    qtbot.waitUntil(lambda: bool(logs), timeout=10000)
    qtmodeltester.check(logs[0].model)
    assert logs[0].model.rowCount() == 1
    logs[0].close()


def test_dropping_a_bundle_on_the_window_opens_the_preview(
    qtbot: QtBot, hq_window: Any, field_bundle: Path
) -> None:
    from app.services.sync import read_certificate, trust
    from app.ui.sync_ui import PreviewDialog

    trust.add_trusted(hq_window.installation, read_certificate(field_bundle))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(field_bundle))])
    enter = QDragEnterEvent(QPointF(hq_window.rect().center()), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(hq_window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(hq_window.rect().center()), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(hq_window, drop)
    qtbot.waitUntil(lambda: hq_window.findChild(PreviewDialog) is not None, timeout=10000)
    hq_window.findChild(PreviewDialog).close()


def test_an_unknown_signer_can_be_trusted_after_checking_the_fingerprint(
    qtbot: QtBot, hq_window: Any, field_bundle: Path
) -> None:
    from app.services.sync import UntrustedSignerError, read_bundle
    from app.services.sync.trust import list_trusted
    from app.ui import sync_ui

    with pytest.raises(UntrustedSignerError) as caught:
        read_bundle(hq_window.installation, field_bundle)
    assert caught.value.signer.name == "Jean Mukendi"
    retried: list[bool] = []
    sync_ui.offer_trust(hq_window, caught.value, lambda: retried.append(True),
                        answer=QMessageBox.StandardButton.Yes)  # fmt: skip
    qtbot.waitUntil(lambda: bool(retried), timeout=10000)
    assert [t.name for t in list_trusted(hq_window.installation)] == ["Jean Mukendi"]


def test_hq_dashboard_breaks_down_and_drills_to_trainings(
    qtbot: QtBot, qtmodeltester: ModelTester, hq_window: Any, field_bundle: Path,
    artifacts: Path, tmp_path: Path,
) -> None:  # fmt: skip
    from app.services import sync
    from app.services.sync import read_certificate, trust
    from app.ui import sync_ui

    trust.add_trusted(hq_window.installation, read_certificate(field_bundle))
    sync.import_bundles(hq_window.installation, [field_bundle])
    dashboard = sync_ui.open_dashboard(hq_window)
    qtbot.addWidget(dashboard)
    qtbot.waitUntil(lambda: dashboard.loaded >= 1, timeout=10000)
    assert "75 unique participants" in dashboard.totals.text()
    for model in (dashboard.breakdown_model, dashboard.devices_model):
        qtmodeltester.check(model)
    assert dashboard.breakdown_model.row_values(0)[0] == "MONUSCO"
    assert dashboard.devices_model.row_values(0)[0] == "Jean Mukendi"

    dashboard.breakdown_view.selectRow(0)
    qtbot.waitUntil(lambda: dashboard.trainings_model.rowCount() > 0, timeout=10000)
    qtmodeltester.check(dashboard.trainings_model)
    dashboard.grab().save(str(artifacts / "sync-hq-dashboard.png"))

    before = dashboard.loaded
    dashboard.dimension.setCurrentIndex(dashboard.dimension.findData("quarter"))
    qtbot.waitUntil(lambda: dashboard.loaded > before, timeout=10000)
    assert all("-Q" in dashboard.breakdown_model.row_values(r)[0]
               for r in range(dashboard.breakdown_model.rowCount()))  # fmt: skip
    target = tmp_path / "by-quarter.xlsx"
    dashboard.export_table(target)
    qtbot.waitUntil(target.exists, timeout=10000)
    dashboard.close()


def test_loading_an_unsigned_hq_key_asks_with_its_fingerprint(
    qtbot: QtBot, tmp_path: Path, artifacts: Path
) -> None:
    """The field loads HQ's key file: not signed by an HQ it trusts, so it shows the fingerprint."""
    from app.paths import Paths
    from app.services import identity
    from app.services.installation import Profile, open_installation
    from app.services.sync import hq_key
    from app.ui import sync_ui
    from app.ui.main_window import MainWindow
    from tests.dialogs import answer_next_dialog

    hq = open_installation(Paths(tmp_path / "hq"))
    identity.create_identity(hq, Profile(name="Amina Diallo", role="hq"), PASSPHRASE)
    key_file = tmp_path / "hq.key"
    hq_key.export_hq_key(hq, key_file, PASSPHRASE)
    hq.close()
    field = open_installation(Paths(tmp_path / "field"))
    identity.create_identity(field, Profile(name="Jean Mukendi", mission="MONUSCO"), PASSPHRASE)
    window = MainWindow(field, welcome=False)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []
    answer_next_dialog("Use this key", seen=seen)
    sync_ui.set_hq_key(window, key_file)
    qtbot.waitUntil(lambda: bool(hq_key.field_recipient(field)), timeout=10000)
    assert "Check HQ's key" in seen and "No HQ you trust signed this key." in seen, seen
    window.close()
    field.close()


@pytest.mark.timeout(120)
def test_a_bundle_outside_its_signers_rights_is_refused_in_the_preview(
    qtbot: QtBot, hq_window: Any, tmp_path: Path
) -> None:
    """A MONUSCO laptop's bundle holding an UNSMIL training: the preview says why, in one line."""
    from app.paths import Paths
    from app.services import identity
    from app.services.demo import load_demo
    from app.services.installation import Profile, open_installation
    from app.services.sync import export_bundle, trust
    from app.ui import sync_ui
    from tests.dialogs import answer_next_dialog
    from tests.helpers import dump_database

    field = open_installation(Paths(tmp_path / "rogue"))
    load_demo(field, "UNSMIL")  # another mission's training, made on this laptop
    identity.create_identity(field, Profile(name="Jean Mukendi", mission="MONUSCO"), PASSPHRASE)
    key = identity.unlock_private_key(field, PASSPHRASE)
    bundle = export_bundle(field, tmp_path / "rogue.muster", key, recipient="").path
    trust.add_trusted(hq_window.installation, identity.load_identity(field).certificate_pem)  # type: ignore[union-attr]
    field.close()
    before = dump_database(hq_window.installation.db.path)
    seen: list[str] = []
    answer_next_dialog("OK", seen=seen)
    previews: list[Any] = []
    sync_ui.import_bundles(hq_window, [bundle], on_preview=previews.append)
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=45000)  # reading runs on the worker
    assert not previews
    (sentence,) = [s for s in seen if "may not change" in s]
    assert "field device of MONUSCO" in sentence and "(UNSMIL)" in sentence, seen
    assert "\n" not in sentence
    assert dump_database(hq_window.installation.db.path) == before


def test_hq_time_stamps_the_pdfs_it_imports_from_the_window(
    qtbot: QtBot, hq_window: Any, tmp_path: Path, dialog_guard: Any
) -> None:
    """The app's import adds HQ's document time-stamp like `muster import` does (issue 16)."""
    from app.paths import Paths
    from app.services import identity, trainings
    from app.services.demo import load_demo
    from app.services.documents import list_documents, viewing_copy
    from app.services.installation import Profile, open_installation
    from app.services.pdf import export_summary
    from app.services.signing import verify_pdf
    from app.services.sync import export_bundle, read_certificate, trust
    from app.ui import sync_ui
    from app.ui.identity_ui import PassphraseDialog

    field = open_installation(Paths(tmp_path / "field-pdf"))
    identity.create_identity(field, Profile(name="Jean Mukendi", mission="MONUSCO"), PASSPHRASE)
    load_demo(field)
    key = identity.unlock_private_key(field, PASSPHRASE)
    (training,) = trainings.list_trainings(field)
    export_summary(field, training.id, tmp_path / "beni.pdf", key)
    bundle = export_bundle(field, tmp_path / "with-pdf.muster", key, recipient="").path
    field.close()
    trust.add_trusted(hq_window.installation, read_certificate(bundle))

    def type_passphrase(widget: Any) -> bool:
        if not isinstance(widget, PassphraseDialog):
            return False
        widget.passphrase.setText(PASSPHRASE)
        widget.accept()
        return True

    previews: list[Any] = []
    sync_ui.import_bundles(hq_window, [bundle], on_preview=previews.append)
    qtbot.waitUntil(lambda: bool(previews), timeout=10000)
    dialog_guard.expect(type_passphrase, "HQ's passphrase, to time-stamp the received PDF")
    qtbot.mouseClick(previews[0].import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: previews[0].outcome is not None, timeout=20000)
    previews[0].close()
    inst = hq_window.installation
    (received,) = [d for d in list_documents(inst) if d.path.name.startswith("received-")]
    result = verify_pdf(inst, viewing_copy(inst, received.path.name))
    assert result.ok
    assert [t.intact for t in result.timestamps] == [True]
    assert "Amina Diallo" in result.timestamps[0].authority
