"""Issuing a training's certificates from the app: Training ▸ Issue certificates….

A feature module (see ``app.ui.features``): the Evaluation page's button triggers the
same action, so the page needs neither the signing key nor the window that unlocks it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from app.ui.i18n import current_language

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

ACTION_NAME = "issueCertificatesAction"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Certificates", text)


def install(window: MainWindow) -> None:
    action = QAction(_tr("Issue &certificates…"), window)
    action.setObjectName(ACTION_NAME)
    action.setStatusTip(_tr("A signed certificate with a QR code for everyone who completed"))
    action.triggered.connect(lambda: start(window))
    window.menu("training").addAction(action)


def start(window: MainWindow) -> None:
    """Ask where to save the ZIP, then issue."""
    training_id = window.current_training_id()
    if training_id is None:
        return
    path, _ = QFileDialog.getSaveFileName(
        window, _tr("Save the certificates"), _tr("certificates") + ".zip",
        _tr("ZIP archives (*.zip)"),
    )  # fmt: skip
    if path:
        issue(window, training_id, path, current_language())


def issue(window: MainWindow, training_id: str, path: str, lang: str) -> None:
    """One signed certificate per completed participant, in one ZIP (or a folder)."""
    from app.services.evaluation.certificates import export_certificates
    from app.ui.identity_ui import unlock_key

    key = unlock_key(window)
    if key is None:
        return
    inst = window.installation
    window.statusBar().showMessage(_tr("Signing the certificates…"))

    def done(result: Any) -> None:
        count = len(result.certificates)
        window.show_saved_file(
            result.path,
            QCoreApplication.translate("Certificates", "%n certificate(s) saved: {path}", "",
                                       count).replace("{path}", Path(result.path).name),
        )  # fmt: skip

    window.worker.run(
        lambda: export_certificates(inst, training_id, Path(path), key, lang), on_success=done
    )
