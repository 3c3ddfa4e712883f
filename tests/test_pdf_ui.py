"""The documents feature in the real main window: summary and sign-in sheet actions."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.services import identity, signing
from app.services.installation import Profile
from app.ui.documents_ui import SheetsDialog, SummaryDialog
from app.ui.identity_ui import PassphraseDialog, cached_key
from app.ui.main_window import MainWindow
from tests.test_pdf import PASS, pdf_text, training_ids


@pytest.fixture
def window(qtbot: QtBot, demo_installation, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    win = MainWindow(demo_installation, welcome=False)
    qtbot.addWidget(win)
    win.show()
    errors: list[BaseException] = []
    monkeypatch.setattr(win, "show_error", errors.append)
    win.shown_errors = errors  # type: ignore[attr-defined]
    return win


def _answer_passphrase(answers: list[str], seen: list[str]) -> None:
    """Type the next answer into the passphrase dialog when it opens (it is modal)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PassphraseDialog):
            if dialog.error.isVisible():
                seen.append(dialog.error.text())
            dialog.passphrase.setText(answers.pop(0))
            dialog.accept()
            if not answers:
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def test_summary_action_signs_and_saves(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    artifacts: Path,
) -> None:
    inst = window.installation
    identity.create_identity(
        inst, Profile(name="Chantal Mbuyi", title="Focal point", mission="MONUSCO"), PASS
    )
    training_id = training_ids()["UNRCCA"]
    monkeypatch.setattr(window, "current_training_id", lambda: training_id)
    documents = window.documents  # type: ignore[attr-defined]
    assert documents.summary_action in window.menu("training").actions()

    documents.summary_action.trigger()
    qtbot.waitUntil(lambda: isinstance(documents.last_dialog, SummaryDialog), timeout=5000)
    dialog = documents.last_dialog
    assert str(inst.paths.exports) in dialog.file.path.text()
    out = tmp_path / "unrcca-fr.pdf"
    dialog.file.path.setText(str(out))
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    dialog.include_names.setChecked(False)
    dialog.grab().save(str(artifacts / "ui-summary-dialog.png"))

    seen: list[str] = []
    _answer_passphrase(["not the right one", PASS], seen)
    with qtbot.waitSignal(documents.summary_saved, timeout=20000) as saved:
        dialog.accept()
    assert seen == ["The passphrase is not right."]
    result = saved.args[0]
    assert result.path == out and not result.names_included
    assert signing.verify_pdf(inst, out).ok
    assert "Chiffres clés" in pdf_text(out)
    assert cached_key(window) is not None

    # Second time: the key is cached, no passphrase asked.
    def fail_if_asked() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PassphraseDialog):
            dialog.reject()
            pytest.fail("asked for the passphrase twice")

    QTimer.singleShot(500, fail_if_asked)
    again = tmp_path / "again.pdf"
    with qtbot.waitSignal(documents.summary_saved, timeout=20000):
        documents.export_summary(training_id, str(again), "en", True)
    assert signing.verify_pdf(inst, again).ok
    assert window.shown_errors == []  # type: ignore[attr-defined]


def test_sheets_action_for_one_session(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    artifacts: Path,
) -> None:
    training_id = training_ids()["UNSMIL"]
    monkeypatch.setattr(window, "current_training_id", lambda: training_id)
    documents = window.documents  # type: ignore[attr-defined]
    documents.sheets_action.trigger()
    qtbot.waitUntil(lambda: isinstance(documents.last_dialog, SheetsDialog), timeout=5000)
    dialog = documents.last_dialog
    assert dialog.session.count() == 3  # all sessions + the two sessions
    dialog.session.setCurrentIndex(2)
    out = tmp_path / "sheet.pdf"
    dialog.file.path.setText(str(out))
    dialog.grab().save(str(artifacts / "ui-sheets-dialog.png"))
    with qtbot.waitSignal(documents.sheets_saved, timeout=20000) as saved:
        dialog.accept()
    assert saved.args[0].sessions == 1
    text = pdf_text(out, layout=False)
    assert "Session 2 of 2" in text and "Session 1 of 2" not in text


def test_actions_need_a_selected_training(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window, "current_training_id", lambda: None)
    window.documents.summary_action.trigger()  # type: ignore[attr-defined]
    errors = window.shown_errors  # type: ignore[attr-defined]
    assert [str(e) for e in errors] == ["Select a training in the list first."]


def test_summary_without_identity_opens_the_identity_dialog(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from app.ui.identity_ui import IdentityDialog

    documents = window.documents  # type: ignore[attr-defined]
    documents.export_summary(training_ids()["UNSMIL"], str(tmp_path / "x.pdf"), "en", True)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, IdentityDialog)]
    assert dialogs and dialogs[0].isVisible()
    assert not (tmp_path / "x.pdf").exists()
    dialogs[0].close()
