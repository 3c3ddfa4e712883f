"""The test guard itself: an unanswered dialog or a stuck event loop fails a test, never hangs it."""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.dialogs import DialogGuard


def test_an_unexpected_dialog_is_closed_and_reported(
    qtbot: QtBot, dialog_guard: DialogGuard
) -> None:
    dialog_guard.patience = 0.3
    box = QMessageBox(QMessageBox.Icon.Question, "Same person?", "Is this Chantal Uwimana?")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    started = time.monotonic()
    box.exec()  # nobody answers: the guard closes it
    assert time.monotonic() - started < 5
    assert any("Same person?" in p and "unanswered" in p for p in dialog_guard.problems)
    dialog_guard.problems.clear()


def test_an_expected_dialog_is_answered_by_its_button(
    qtbot: QtBot, dialog_guard: DialogGuard
) -> None:
    seen: list[str] = []
    dialog_guard.expect("No", seen=seen)
    answer = QMessageBox.question(None, "Remove?", "Remove this participant?")
    assert answer == QMessageBox.StandardButton.No
    assert seen == ["Remove?", "Remove this participant?"]
    assert dialog_guard.report() == []


def test_a_dialog_that_never_opens_is_reported(qtbot: QtBot, dialog_guard: DialogGuard) -> None:
    dialog_guard.expect("Delete")
    assert dialog_guard.report() == [
        "expected a dialog with a 'Delete' button, but it never opened"
    ]
    dialog_guard.steps.clear()


def test_a_stuck_event_loop_is_stopped_at_the_deadline(
    qtbot: QtBot, dialog_guard: DialogGuard
) -> None:
    dialog_guard.deadline = time.monotonic() - dialog_guard.started + 0.5
    started = time.monotonic()
    QEventLoop().exec()  # nothing would ever stop it
    assert time.monotonic() - started < 5
    assert any("still running" in p for p in dialog_guard.problems)
    dialog_guard.problems.clear()
