"""Participants, attendance and summary pages of a training, driven by keyboard and mouse."""

# ruff: noqa: F811  (the ``window`` fixture comes from test_ui_main)

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.db.models import Person
from app.services import attendance, people, reports, trainings
from app.services.reports import ReportFilter
from app.textnorm import fold
from app.ui.main_window import MainWindow
from app.ui.training_editor import TrainingEditor
from tests.test_ui_main import answer_next_dialog, idle, type_text, window  # noqa: F401


def open_demo(qtbot: QtBot, window: MainWindow, mission: str, page: str) -> TrainingEditor:
    training_id = next(
        r.id for r in trainings.list_trainings(window.installation) if r.mission == mission
    )
    editor = window.open_training(training_id, page)
    qtbot.waitUntil(lambda: editor.info is not None, timeout=5000)
    idle(qtbot, window)
    return editor


def people_named(inst, name: str) -> int:  # type: ignore[no-untyped-def]
    with inst.db.reading() as session:
        return int(
            session.scalar(
                select(func.count()).where(Person.name_key == fold(name), Person.deleted.is_(False))
            )
            or 0
        )


def test_fast_entry_with_tab_and_enter(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester, artifacts: Path
) -> None:
    inst = window.installation
    editor = open_demo(qtbot, window, "MONUSCO", "participants")
    page = editor.participants
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    before = page.model.rowCount()
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)

    page.focus_entry()
    type_text(page.name_edit, "Bénédicte Ngoy Kasongo")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Tab)
    assert page.sex_box.hasFocus()
    qtbot.keyClick(page.sex_box, Qt.Key.Key_F)  # first letter picks "Female"
    qtbot.keyClick(page.sex_box, Qt.Key.Key_Tab)
    assert page.category_box.hasFocus()
    page.category_box.setCurrentIndex(page.category_box.findData("magistrate"))
    qtbot.keyClick(page.category_box, Qt.Key.Key_Tab)
    assert page.organisation_edit.hasFocus()
    type_text(page.organisation_edit, "Tribunal de grande instance de Bunia")
    qtbot.keyClick(page.organisation_edit, Qt.Key.Key_Tab)
    assert page.partner_box.hasFocus()
    qtbot.keyClick(page.partner_box, Qt.Key.Key_Tab)
    assert page.function_edit.hasFocus()
    type_text(page.function_edit, "Juge")
    qtbot.keyClick(page.function_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1, timeout=5000)
    idle(qtbot, window)

    assert page.name_edit.text() == "" and page.name_edit.hasFocus()  # ready for the next one
    added = [
        p for p in people.list_participants(inst, editor.training_id)
        if p.person.full_name == "Bénédicte Ngoy Kasongo"
    ]  # fmt: skip
    assert len(added) == 1
    person = added[0].person
    assert (person.sex, person.category, person.organisation, person.function) == (
        "F", "magistrate", "Tribunal de grande instance de Bunia", "Juge",
    )  # fmt: skip
    qtmodeltester.check(page.model)

    # Arabic and Cyrillic names go in the same way, with the category kept from the last row.
    type_text(page.name_edit, "فاطمة الزهراء بن علي")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 2, timeout=5000)
    idle(qtbot, window)
    assert people_named(inst, "فاطمة الزهراء بن علي") == 1

    # Search within the list ignores accents and case.
    type_text(page.search, "benedicte")
    assert page.proxy.rowCount() == 1
    assert "1 shown" in page.count_label.text()
    page.search.clear()
    assert page.proxy.rowCount() == before + 2
    page.table.scrollToTop()
    window.grab().save(str(artifacts / "ui-participants.png"))


def test_choosing_an_existing_person_enrols_the_same_record(
    qtbot: QtBot, window: MainWindow
) -> None:
    inst = window.installation
    unsmil = open_demo(qtbot, window, "UNSMIL", "participants")
    qtbot.waitUntil(lambda: unsmil.participants.model.rowCount() > 0, timeout=5000)
    known = unsmil.participants.model.participant(0).person

    editor = open_demo(qtbot, window, "UNRCCA", "participants")
    page = editor.participants
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    before = page.model.rowCount()
    page.focus_entry()
    type_text(page.name_edit, known.full_name[:6])
    qtbot.waitUntil(lambda: page.people_completer.popup().isVisible(), timeout=5000)
    popup = page.people_completer.popup()
    row = next(
        r
        for r in range(popup.model().rowCount())
        if popup.model().index(r, 0).data().startswith(known.full_name)
    )
    popup.setCurrentIndex(popup.model().index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.existing_person is not None, timeout=5000)
    assert page.name_edit.text() == known.full_name
    assert page.entry_hint.isVisible()
    qtbot.keyClick(page.sex_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1, timeout=5000)
    idle(qtbot, window)
    ids = {p.person.id for p in people.list_participants(inst, editor.training_id)}
    assert known.id in ids  # the very same record, not a twin
    assert people_named(inst, known.full_name) == 1

    # Typing the same name again without choosing the suggestion asks first.
    third = open_demo(qtbot, window, "MONUSCO", "participants")
    page3 = third.participants
    qtbot.waitUntil(lambda: page3.model.rowCount() > 0, timeout=5000)
    count = page3.model.rowCount()
    page3.focus_entry()
    type_text(page3.name_edit, known.full_name)
    qtbot.wait(200)
    answer_next_dialog("Yes, register that person")
    qtbot.keyClick(page3.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page3.model.rowCount() == count + 1, timeout=5000)
    idle(qtbot, window)
    assert people_named(inst, known.full_name) == 1
    assert known.id in {p.person.id for p in people.list_participants(inst, third.training_id)}


def test_edit_in_place_refused_duplicate_and_remove(qtbot: QtBot, window: MainWindow) -> None:
    inst = window.installation
    editor = open_demo(qtbot, window, "UNSMIL", "participants")
    page = editor.participants
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    count = page.model.rowCount()
    first = page.model.participant(0).person

    # Edit the function in place: select the cell, type, Enter.
    index = page.proxy.mapFromSource(page.model.index(0, 5))
    page.table.setFocus()
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor_widget = page.table.focusWidget()
    editor_widget.selectAll()  # type: ignore[attr-defined]
    type_text(editor_widget, "Conseiller juridique")
    qtbot.keyClick(editor_widget, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: people.get_person(inst, first.id).function == "Conseiller juridique",
        timeout=5000,
    )
    idle(qtbot, window)
    assert page.model.participant(page.model.row_of(first.id)).person.function == (
        "Conseiller juridique"
    )

    # Adding someone already registered is refused next to the entry line.
    page.use_person(first)
    page.submit()
    qtbot.waitUntil(lambda: page.entry_error.isVisible(), timeout=5000)
    assert "already registered" in page.entry_error.text()
    assert page.model.rowCount() == count

    # Delete key removes the selected participant after confirmation; the person stays.
    page.table.setFocus()
    page.table.selectRow(
        page.proxy.mapFromSource(page.model.index(page.model.row_of(first.id), 0)).row()
    )
    answer_next_dialog("Remove")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.model.rowCount() == count - 1, timeout=5000)
    idle(qtbot, window)
    assert first.id not in {p.person.id for p in people.list_participants(inst, editor.training_id)}
    assert people.get_person(inst, first.id).full_name == first.full_name
    assert trainings.count_trainings(inst) == 3  # Del did not delete the training


def test_attendance_grid_keyboard_and_mark_all(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester, artifacts: Path
) -> None:
    inst = window.installation
    editor = open_demo(qtbot, window, "MONUSCO", "attendance")
    page = editor.attendance
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    qtmodeltester.check(page.model)
    grid = attendance.get_grid(inst, editor.training_id)
    report = reports.build_report(inst, ReportFilter(training_id=editor.training_id))
    assert page.model.totals() == (report.attendances, report.recorded_marks)
    assert f"{round(report.attendance_rate * 100)}%" in page.rate_label.text()
    window.grab().save(str(artifacts / "ui-attendance.png"))

    # Space cycles the current cell: blank/present -> next status, saved at once.
    row, column = 0, 2
    person_id, session_id = page.model.person_id(row), page.model.session_id(column)
    before = grid.marks.get((person_id, session_id))
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, column))
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    expected = {None: "present", "present": "absent", "absent": "excused", "excused": None}[before]
    qtbot.waitUntil(
        lambda: (
            attendance.get_grid(inst, editor.training_id).marks.get((person_id, session_id))
            == expected
        ),
        timeout=5000,
    )
    qtbot.keyClick(page.table, Qt.Key.Key_A)
    qtbot.waitUntil(
        lambda: (
            attendance.get_grid(inst, editor.training_id).marks.get((person_id, session_id))
            == "absent"
        ),
        timeout=5000,
    )
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(
        lambda: (person_id, session_id) not in attendance.get_grid(inst, editor.training_id).marks,
        timeout=5000,
    )
    assert trainings.count_trainings(inst) == 3  # Delete cleared a mark, not the training
    idle(qtbot, window)

    # Mark everyone present at this session.
    qtbot.mouseClick(page.mark_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            attendance.get_grid(inst, editor.training_id).marks.get((person_id, session_id))
            == "present"
        ),
        timeout=5000,
    )
    idle(qtbot, window)
    fresh = attendance.get_grid(inst, editor.training_id)
    present = sum(
        1 for (pid, sid), st in fresh.marks.items() if sid == session_id and st == "present"
    )
    assert page.model.session_totals(session_id)[0] == present
    header = str(page.model.headerData(column, Qt.Orientation.Horizontal))
    assert f"{present}/" in header
    pid_present = page.model.person_totals(person_id)[0]
    assert pid_present == fresh.person_present(person_id)
    qtmodeltester.check(page.model)


def test_summary_matches_the_report(qtbot: QtBot, window: MainWindow, artifacts: Path) -> None:
    inst = window.installation
    editor = open_demo(qtbot, window, "UNRCCA", "summary")
    panel = editor.summary
    qtbot.waitUntil(lambda: panel.report is not None, timeout=5000)
    report = reports.build_report(
        inst, ReportFilter(training_id=editor.training_id, include_cancelled=True)
    )
    assert panel.participants_figure.value.text() == str(report.participants)
    assert panel.sessions_figure.value.text() == str(report.sessions)
    assert panel.rate_figure.value.text() == f"{round(report.attendance_rate * 100)}%"
    assert panel.completed_figure.value.text().startswith(f"{report.completed} (")
    assert panel.category_table.rowCount() == len(report.by_category_sex)
    assert panel.partner_table.rowCount() == len(report.by_partner)
    chart = panel.session_chart.chart()
    assert chart is not None and chart.series()
    window.grab().save(str(artifacts / "ui-summary.png"))
    editor.show_page("details")
    window.grab().save(str(artifacts / "ui-editor-details.png"))
