"""The main window and the training editor, driven through real widgets on a real database."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from PySide6.QtCore import QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.db.models import Training
from app.services import trainings
from app.services.trainings import TrainingFilter
from app.ui.main_window import MainWindow
from tests.dialogs import answer_next_dialog


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as key events (QTest.keyClicks only knows ASCII; names are not ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def idle(qtbot: QtBot, window: MainWindow, timeout: int = 10000) -> None:
    """Wait until the background worker has delivered everything queued."""
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=timeout)


@pytest.fixture
def window(qtbot: QtBot, demo_installation) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(demo_installation, welcome=False)
    qtbot.addWidget(win)
    win.show()
    win.resize(1280, 780)
    win.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: win.model.rowCount() == 3, timeout=10000)
    idle(qtbot, win)
    yield win
    win._closing_confirmed = True
    win.close()


def live_titles(inst) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.title for r in trainings.list_trainings(inst, TrainingFilter(order_by="title"))]


def test_list_shows_demo_trainings_and_passes_modeltest(
    window: MainWindow, qtmodeltester: ModelTester, artifacts: Path
) -> None:
    qtmodeltester.check(window.model)
    titles = {window.model.index(r, 1).data() for r in range(3)}
    assert any("déradicalisation" in t for t in titles)
    assert "3 training" in window.count_status.text()
    assert str(window.installation.paths.database) in window.database_label.text()
    dates = {window.model.index(r, 4).data() for r in range(3)}
    assert "14 May 2024" in dates  # unambiguous dates, never 14/05/2024
    window.grab().save(str(artifacts / "ui-main-window.png"))
    if os.environ.get("MUSTER_UPDATE_DOCS"):  # `make screenshots` refreshes the README's picture
        window.grab().save(
            str(Path(__file__).resolve().parent.parent / "docs" / "screenshot-main.png")
        )


def test_the_first_load_brings_the_first_rows_with_the_ids(
    qtbot: QtBot, demo_installation, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """One job on the worker: the missions, the ids and the rows the list shows first."""
    fetched: list[tuple[bool, list[str]]] = []
    real = trainings.training_rows

    def spy(inst, ids):  # type: ignore[no-untyped-def]
        fetched.append((threading.current_thread() is threading.main_thread(), list(ids)))
        return real(inst, ids)

    monkeypatch.setattr(trainings, "training_rows", spy)
    win = MainWindow(demo_installation, welcome=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() == 3, timeout=10000)
    idle(qtbot, win)
    titles = {win.model.index(r, 1).data() for r in range(3)}
    assert any("déradicalisation" in t for t in titles)
    assert fetched == [(False, win.model.ids())]  # once, off the GUI thread, with the ids
    assert "3 training" in win.count_status.text()
    assert win.page.mission.count() > 1  # the missions came in the same job
    win._closing_confirmed = True
    win.close()


def test_search_filters_and_sort(qtbot: QtBot, window: MainWindow) -> None:
    page = window.page
    type_text(page.search, "bunia")  # a place, typed without the capital
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)
    assert "déradicalisation" in window.model.index(0, 1).data()
    assert "Showing 1 of 3" in window.count_status.text()
    page.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5000)

    # A participant's name finds the training they attended (Cyrillic, any case).
    inst = window.installation
    from app.services.people import list_participants

    unrcca = next(r.id for r in trainings.list_trainings(inst) if r.mission == "UNRCCA")
    name = next(
        p.person.full_name
        for p in list_participants(inst, unrcca)
        if any("\u0400" <= ch <= "\u04ff" for ch in p.person.full_name)
    )
    type_text(page.search, name.split()[0].lower())
    qtbot.waitUntil(
        lambda: (
            window.model.rowCount() >= 1
            and all(window.model.training_id(r) == unrcca for r in range(window.model.rowCount()))
        ),
        timeout=5000,
    )
    page.clear_filters()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5000)

    page.mission.setCurrentIndex(page.mission.findData("UNSMIL"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)
    assert window.model.index(0, 0).data() == "UNSMIL"
    page.mission.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findData("planned"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=5000)
    page.status.setCurrentIndex(0)
    page.date_from.setDate(QDate(2024, 9, 1))
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=5000)
    page.clear_filters()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5000)

    # Clicking the Title header sorts in SQL, ascending then descending.
    header = window.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().topLeft() + QPoint(header.sectionPosition(1) + 20, 8),
    )
    idle(qtbot, window)
    shown = [window.model.index(r, 1).data() for r in range(3)]
    assert shown in (sorted(shown), sorted(shown, reverse=True))
    assert window.page.current_filter().order_by == "title"


def test_filters_and_layout_are_remembered(
    qtbot: QtBot, window: MainWindow, demo_installation
) -> None:  # type: ignore[no-untyped-def]
    window.page.mission.setCurrentIndex(window.page.mission.findData("UNRCCA"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)
    window._closing_confirmed = True
    window.close()
    assert window.installation.paths.settings_file.exists()

    again = MainWindow(demo_installation, welcome=False)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.page.mission.currentData() == "UNRCCA", timeout=5000)
    qtbot.waitUntil(lambda: again.model.rowCount() == 1, timeout=5000)
    again._closing_confirmed = True
    again.close()


def test_the_editor_takes_no_more_text_than_a_bundle_carries(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A pasted title or topic stops at its column's length (HQ refuses longer ones)."""
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.current_editor()
    assert editor is not None
    idle(qtbot, window)
    details = editor.details
    details.title_edit.insert("Atelier " * 100)
    assert len(details.title_edit.text()) == 500
    qtbot.mouseClick(details.add_session_button, Qt.MouseButton.LeftButton)
    _date_edit, place_box, topic_edit = details.sessions_table.widgets(0)
    topic_edit.insert("ع" * 600)
    place_box.setEditText("B" * 300)
    assert len(topic_edit.text()) == 500 and len(place_box.currentText()) == 200
    answer_next_dialog("Discard")
    window.close_current_tab()
    assert window.current_editor() is None


def test_new_training_with_a_refused_date_then_saved(
    qtbot: QtBot, window: MainWindow, artifacts: Path
) -> None:
    inst = window.installation
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.current_editor()
    assert editor is not None and editor.training_id is None
    idle(qtbot, window)
    details = editor.details
    type_text(details.title_edit, "Atelier sur la détention préventive")
    details.mission_box.setCurrentIndex(details.mission_box.findData("MONUSCO"))
    details.start_edit.setDate(QDate(2025, 3, 12))
    details.end_edit.setDate(QDate(2025, 3, 10))  # before the start: refused
    qtbot.mouseClick(details.add_session_button, Qt.MouseButton.LeftButton)
    date_edit, place_box, topic_edit = details.sessions_table.widgets(0)
    place_box.setCurrentText("Bunia")
    type_text(topic_edit, "Les délais de garde à vue")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "start" in editor.details_errors(), timeout=5000)
    assert "before the start date" in editor.details_errors()["start"]
    assert details.title_edit.text() == "Atelier sur la détention préventive"  # nothing lost
    assert editor.training_id is None
    assert "Atelier sur la détention préventive" not in live_titles(inst)
    editor.grab().save(str(artifacts / "ui-editor-error.png"))

    details.end_edit.setDate(QDate(2025, 3, 13))
    date_edit.setDate(QDate(2025, 3, 12))
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.training_id is not None, timeout=5000)
    idle(qtbot, window)
    assert not editor.dirty
    assert editor.details_errors() == {}
    info = trainings.get_training(inst, editor.training_id)
    assert info.title == "Atelier sur la détention préventive"
    assert (info.start, info.end) == (date(2025, 3, 12), date(2025, 3, 13))
    assert [(s.date, s.location, s.topic) for s in info.sessions] == [
        (date(2025, 3, 12), "Bunia", "Les délais de garde à vue")
    ]
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=5000)
    assert editor.pages.isTabEnabled(1)


def test_edit_details_and_unsaved_changes_guard(qtbot: QtBot, window: MainWindow) -> None:
    inst = window.installation
    window.table.selectRow(0)
    training_id = window.page.selected_id()
    assert training_id is not None
    qtbot.keyClick(window.table, Qt.Key.Key_Return)  # Enter opens
    editor = window.current_editor()
    assert editor is not None and editor.training_id == training_id
    qtbot.waitUntil(lambda: editor.info is not None, timeout=5000)
    idle(qtbot, window)
    details = editor.details
    original = details.title_edit.text()
    details.title_edit.setFocus()
    qtbot.keyClick(details.title_edit, Qt.Key.Key_End)
    type_text(details.title_edit, " (édition 2)")
    assert editor.dirty and editor.tab_title().endswith("•")

    answer_next_dialog("Cancel")
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.current_editor() is editor  # still open, still edited
    assert details.title_edit.text() == original + " (édition 2)"

    answer_next_dialog("Save")
    window.close_current_tab()
    qtbot.waitUntil(lambda: window.editor_for(training_id) is None, timeout=5000)
    assert trainings.get_training(inst, training_id).title == original + " (édition 2)"

    editor = window.open_training(training_id)
    qtbot.waitUntil(lambda: editor.info is not None, timeout=5000)
    idle(qtbot, window)
    details = editor.details
    details.title_edit.setText("Thrown away")
    answer_next_dialog("Discard")
    window.close_current_tab()
    assert window.editor_for(training_id) is None
    assert trainings.get_training(inst, training_id).title == original + " (édition 2)"


def test_duplicate_delete_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    inst = window.installation
    row = next(r for r in range(3) if window.model.index(r, 0).data() == "UNSMIL")
    window.table.setFocus()
    window.table.selectRow(row)
    source = trainings.get_training(inst, window.page.selected_id())
    qtbot.keyClick(window.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=5000)
    idle(qtbot, window)
    copy_id = window.current_training_id()
    assert copy_id is not None and copy_id != source.id
    copy = trainings.get_training(inst, copy_id)
    assert copy.title == source.title and copy.status == "planned"
    # Tuesday 5 November -> Tuesday 3 December: four weeks on, the same weekdays
    assert copy.start == date(2024, 12, 3)
    assert len(copy.sessions) == len(source.sessions)
    assert [s.date.weekday() for s in copy.sessions] == [s.date.weekday() for s in source.sessions]

    window.show_list()
    window.page.select_id(copy_id)
    seen: list[str] = []
    answer_next_dialog("Delete", seen)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5000)
    assert any(source.title in s for s in seen)
    assert window.can_undo() and window.undo_button.isVisible()
    with inst.db.reading() as session:
        assert session.scalar(select(Training.deleted).where(Training.id == copy_id)) is True

    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=5000)
    assert not window.can_undo() and not window.undo_button.isVisible()
    assert trainings.get_training(inst, copy_id).title == source.title

    # Undo lasts only until the next action.
    window.page.select_id(copy_id)
    answer_next_dialog("Delete")
    window.delete_current()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=5000)
    assert window.can_undo()
    window.new_training()
    assert not window.can_undo()


def test_every_menu_action_has_a_shortcut_or_is_rare(window: MainWindow) -> None:
    shortcuts = {
        a.objectName(): a.shortcut().toString()
        for name in window.MENU_ORDER
        for a in window.menu(name).actions()
        if a.objectName()
    }
    assert shortcuts["new"] == "Ctrl+N"
    assert shortcuts["save"] == "Ctrl+S"
    assert shortcuts["duplicate"] == "Ctrl+D"
    assert shortcuts["delete"] == "Del"
    assert shortcuts["find"] == "Ctrl+F"
    assert shortcuts["undo"] == "Ctrl+Z"
    assert shortcuts["quit"] == "Ctrl+Q"
    values = [v for v in shortcuts.values() if v]
    assert len(values) == len(set(values)), "two actions share a shortcut"
