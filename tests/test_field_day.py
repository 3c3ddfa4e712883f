"""The field day, polished (issue 11): a focal point's day through the real window, in
English and in French.

No twin on one list, warnings before the harm, French everywhere, charts with whole
numbers, fewer detours, nothing clipped at 1200 × 720. Screenshots of the screens the
issue names go to tests/artifacts/field-*.png to be looked at.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.db.models import Person
from app.l10n import localize
from app.services import people, reference, trainings
from app.services.installation import Profile
from app.services.people import PersonInput
from app.services.trainings import SessionInput, TrainingInput
from app.ui import i18n
from app.ui.main_window import MainWindow
from app.ui.training_editor import TrainingEditor
from tests.dialogs import Step, click_button, current_guard
from tests.test_ui_main import idle, type_text

PASS = "correct horse battery staple"
LANGS = ["en", "fr"]


def tr(context: str, text: str, n: int = -1) -> str:
    """``text`` as the interface shows it now (English or French), accelerators removed."""
    return QCoreApplication.translate(context, text, None, n).replace("&", "")


@pytest.fixture(params=LANGS)
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The interface language for one test (English again afterwards)."""
    before = QLocale()
    i18n.install_language(request.param, qapp)
    yield request.param
    i18n.install_language("en", qapp)
    QLocale.setDefault(before)


def open_window(qtbot: QtBot, inst: Any, rows: int | None = None) -> MainWindow:
    win = MainWindow(inst, welcome=False)
    qtbot.addWidget(win)
    win.show()
    win.resize(1200, 720)  # the laptop screen
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    if rows is not None:
        qtbot.waitUntil(lambda: win.model.rowCount() == rows, timeout=10000)
    idle(qtbot, win)
    return win


@pytest.fixture
def window(qtbot: QtBot, lang: str, demo_installation: Any) -> Iterator[MainWindow]:
    win = open_window(qtbot, demo_installation, rows=3)
    yield win
    win._closing_confirmed = True
    win.close()


def expect(step: Step, what: str) -> None:
    current_guard().expect(step, what)


def message_box(title: str, button: str, seen: list[QMessageBox] | None = None,
                before: Any = None) -> Step:  # fmt: skip
    """A step answering the message box titled ``title`` with ``button``."""

    def step(widget: QWidget) -> bool:
        if not isinstance(widget, QMessageBox) or widget.windowTitle() != title:
            return False
        if seen is not None:
            seen.append(widget)
        if before is not None:
            before(widget)
        return click_button(button)(widget)

    return step


def new_training(inst: Any, title: str, people_in: list[PersonInput], days: int = 1) -> str:
    today = date.today()
    info = trainings.create_training(
        inst,
        TrainingInput(
            title=title, mission="MONUSCO", start=today, end=today + timedelta(days=days - 1),
            sessions=tuple(SessionInput(today + timedelta(days=i), "Goma") for i in range(days)),
        ),
    )  # fmt: skip
    for person in people_in:
        people.add_participant(inst, info.id, person)
    return info.id


def open_page(qtbot: QtBot, window: MainWindow, training_id: str, page: str) -> TrainingEditor:
    editor = window.open_training(training_id, page)
    qtbot.waitUntil(lambda: editor.info is not None, timeout=5000)
    idle(qtbot, window)
    return editor


def live_people(inst: Any, name: str) -> int:
    with inst.db.reading() as session:
        found = session.scalars(
            select(Person).where(Person.full_name == name, Person.deleted.is_(False))
        ).all()
        return len(found)


# --- no twin on one list -----------------------------------------------------------------


def test_a_twin_on_the_list_is_asked_about(
    qtbot: QtBot, window: MainWindow, lang: str, artifacts: Path
) -> None:
    inst = window.installation
    chantal = PersonInput("Chantal Uwimana", "F", organisation="Tribunal de paix de Goma")
    training_id = new_training(inst, "Procès équitable", [chantal,
                               PersonInput("Jean Mbala", "M", organisation="PNC Goma")])  # fmt: skip
    editor = open_page(qtbot, window, training_id, "participants")
    page = editor.participants
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)

    def type_twin() -> None:
        page.focus_entry()
        type_text(page.name_edit, "chantal uwimana")
        page.sex_box.setCurrentIndex(page.sex_box.findData("F"))
        page.organisation_edit.setText("Tribunal de paix de Goma")
        qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)

    seen: list[QMessageBox] = []
    shot = lambda box: box.grab().save(str(artifacts / f"field-twin-{lang}.png"))  # noqa: E731
    expect(message_box(tr("ParticipantsPage", "Already on this list"),
                       tr("ParticipantsPage", "Open that row"), seen, shot), "the twin question")  # fmt: skip
    type_twin()
    qtbot.waitUntil(lambda: bool(seen) and not page.name_edit.text(), timeout=5000)
    idle(qtbot, window)
    assert "Chantal Uwimana" in seen[0].text()
    if lang == "fr":
        assert "figure déjà sur cette liste" in seen[0].text()
    assert page.model.rowCount() == 2 and live_people(inst, "chantal uwimana") == 0
    current = page.table.currentIndex()
    assert page.proxy.data(page.proxy.index(current.row(), 0)) == "Chantal Uwimana"
    qtbot.waitUntil(page.table.hasFocus, timeout=2000)
    assert "50" in page.count_label.text()  # 1 woman of 2: the share did not move

    # "Add anyway" really adds a second record, when the user says so.
    expect(message_box(tr("ParticipantsPage", "Already on this list"),
                       tr("ParticipantsPage", "Add anyway")), "the twin question again")  # fmt: skip
    type_twin()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    idle(qtbot, window)


def test_removing_a_row_offers_to_delete_a_record_nothing_else_uses(
    qtbot: QtBot, window: MainWindow, lang: str
) -> None:
    inst = window.installation
    only_here = PersonInput("Aline Furaha", "F")
    training_id = new_training(inst, "Enquêtes", [only_here])
    other_id = new_training(inst, "Autre formation", [])
    shared = people.add_participant(inst, training_id, PersonInput("Eric Kasongo", "M"))
    people.enrol(inst, other_id, shared.person.id)
    editor = open_page(qtbot, window, training_id, "participants")
    page = editor.participants
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    page.table.selectAll()
    delete = lang == "en"  # English ticks the box, French leaves it: both outcomes checked

    def answer(box: QWidget) -> bool:
        if not isinstance(box, QMessageBox):
            return False
        checkbox = box.checkBox()
        assert isinstance(checkbox, QCheckBox) and checkbox.isVisible()
        assert checkbox.text() == tr("ParticipantsPage",
            "Also delete from Muster the %n record(s) no other training uses", 1)  # fmt: skip
        checkbox.setChecked(delete)
        return click_button(tr("ParticipantsPage", "Remove"))(box)

    expect(answer, "the removal question with its checkbox")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
    idle(qtbot, window)
    assert live_people(inst, "Aline Furaha") == (0 if delete else 1)
    assert live_people(inst, "Eric Kasongo") == 1  # still on the other training
    assert [p.person.full_name for p in people.list_participants(inst, other_id)] == [
        "Eric Kasongo"
    ]


# --- fewer detours -------------------------------------------------------------------------


def test_a_new_partner_is_added_from_the_participant_row(
    qtbot: QtBot, window: MainWindow, lang: str, artifacts: Path
) -> None:
    inst = window.installation
    training_id = new_training(inst, "Droits humains", [])
    page = open_page(qtbot, window, training_id, "participants").participants

    def fill(dialog: QWidget) -> bool:
        if dialog.objectName() != "newPartnerDialog":
            return False
        dialog.findChild(QLineEdit, "newPartnerName").setText("Commission nationale des droits")
        dialog.grab().save(str(artifacts / f"field-new-partner-{lang}.png"))
        return click_button(tr("NewPartnerDialog", "Add partner"))(dialog)

    expect(fill, "the new partner dialog")
    page.focus_entry()
    type_text(page.name_edit, "Jean-Pierre Kabeya")
    page.partner_box.setEditText("CNDH")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    idle(qtbot, window)
    assert page.model.participant(0).person.partner == "CNDH"
    added = [p for p in reference.list_partners(inst) if p.acronym == "CNDH"]
    assert added and added[0].name == "Commission nationale des droits"


def test_errors_clear_when_fixed_and_ctrl_2_goes_to_the_name_field(
    qtbot: QtBot, window: MainWindow, lang: str
) -> None:
    editor = window.new_training()
    details = editor.details
    idle(qtbot, window)
    editor.save()
    qtbot.waitUntil(lambda: "title" in editor.details_errors(), timeout=5000)
    message = editor.details_errors()["title"]
    assert message == localize("Please give the training a title.", lang)
    if lang == "fr":
        assert message == "Veuillez donner un titre à la formation."
    type_text(details.title_edit, "Gestion des scellés")
    assert "title" not in editor.details_errors()  # gone as soon as the title is there

    details.end_edit.setDate(details.start_edit.date().addDays(-3))
    editor.save()
    qtbot.waitUntil(lambda: "start" in editor.details_errors(), timeout=5000)
    wrong_end = editor.details_errors()["start"]
    assert ("précède la date de début" if lang == "fr" else "before the start date") in wrong_end
    details.end_edit.setDate(details.start_edit.date())
    assert "start" not in editor.details_errors()

    details.mission_box.setCurrentIndex(details.mission_box.findData("MONUSCO"))
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    idle(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, window)
    assert editor.current_page() == "participants"
    assert editor.participants.name_edit.hasFocus()

    # The unsaved-changes mark is for the tab only, never in a sentence.
    editor.show_page("details")
    type_text(details.title_edit, " 2")
    assert editor.tab_title().endswith("•")
    seen: list[QMessageBox] = []
    expect(message_box(tr("Muster", "Unsaved changes"), tr("QPlatformTheme", "Cancel"), seen),
           "the unsaved changes question")  # fmt: skip
    window.close_current_tab()
    assert seen and "Gestion des scellés 2" in seen[0].text() and "•" not in seen[0].text()
    editor.dirty = False


def test_in_use_only_for_missions_really_in_use(
    qtbot: QtBot, window: MainWindow, lang: str
) -> None:
    from app.ui.reference_dialog import ReferenceDialog

    dialog = ReferenceDialog(window)
    dialog.show()
    idle(qtbot, window)
    page = dialog.pages["mission"]
    qtbot.waitUntil(lambda: page.table.rowCount() > 10, timeout=5000)
    state = {page.spec.label(item): page.state_text(item) for item in page.items}
    assert state["MONUSCO"] == tr("ReferencePage", "In use (%n record(s))", 1)
    assert state["MINUSCA"] == tr("ReferencePage", "Not used")
    names = {page.table.item(r, 0).text(): page.table.item(r, 1).text()
             for r in range(page.table.rowCount())}  # fmt: skip
    if lang == "fr":
        assert state["MONUSCO"] == "Utilisé (1 fiche)" and state["MINUSCA"] == "Inutilisé"
        assert names["MONUSCO"].startswith("Mission de l'Organisation des Nations Unies")
    else:
        assert names["MONUSCO"].startswith("United Nations Organization Stabilization")
    dialog.close()


def test_hq_only_actions_stay_out_of_a_field_sync_menu(qtbot: QtBot, window: MainWindow) -> None:
    menu = window.menu("sync")
    visible = {a.objectName() for a in menu.actions() if a.isVisible() and a.objectName()}
    assert "exportBundleAction" in visible and "importReceiptAction" in visible
    assert not visible & {"hqDashboardAction", "writeReceiptAction", "exportHqKeyAction"}
    window.profile_loaded.emit(Profile(name="HQ desk", role="hq"))
    visible = {a.objectName() for a in menu.actions() if a.isVisible() and a.objectName()}
    assert {"hqDashboardAction", "writeReceiptAction", "exportHqKeyAction"} <= visible


def test_the_last_session_taken_offers_held(qtbot: QtBot, window: MainWindow, lang: str) -> None:
    inst = window.installation
    training_id = new_training(inst, "Chaîne pénale", [PersonInput("Rose Mapendo", "F"),
                                                        PersonInput("Paul Bahati", "M")], days=2)  # fmt: skip
    editor = open_page(qtbot, window, training_id, "attendance")
    page = editor.attendance
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    assert not page.held_bar.isVisible()
    page.table.setCurrentIndex(page.model.index(0, page.model.columnCount() - 1))
    page.mark_all_button.click()
    qtbot.waitUntil(page.held_bar.isVisible, timeout=5000)
    if lang == "fr":
        assert "marquer comme réalisée" in page.held_text.text()
    page.held_button.click()
    qtbot.waitUntil(lambda: trainings.get_training(inst, training_id).status == "held")
    idle(qtbot, window)
    assert not page.held_bar.isVisible()
    assert editor.details.status_box.currentData() == "held" and not editor.dirty


def test_duplicate_for_next_month_keeps_weekdays(demo_installation: Any) -> None:
    inst = demo_installation
    source_id = new_training(inst, "Mardis", [], days=3)
    source = trainings.get_training(inst, source_id)
    copy = trainings.duplicate_training(inst, source_id)
    assert [s.date.weekday() for s in copy.sessions] == [s.date.weekday() for s in source.sessions]
    assert 26 <= (copy.start - source.start).days <= 35
    assert trainings.same_weekday_later(date(2024, 11, 5)) == date(2024, 12, 3)  # Tue -> Tue
    assert trainings.same_weekday_later(date(2024, 1, 31)).weekday() == date(2024, 1, 31).weekday()


def test_an_empty_list_says_how_to_start_and_loads_the_own_missions_demo(
    qtbot: QtBot, lang: str, installation: Any, artifacts: Path
) -> None:
    installation.save_profile(Profile(name="Amani Kabila", mission="UNSMIL", role="field"))
    win = open_window(qtbot, installation, rows=0)
    page = win.page
    qtbot.waitUntil(page.empty_state.isVisible, timeout=5000)
    assert "Ctrl+N" in page.empty_text.text()
    assert page.empty_new.isVisible() and page.empty_demo.isVisible()
    if lang == "fr":
        assert "sa propre mission" in page.empty_text.text()
    win.grab().save(str(artifacts / f"field-empty-list-{lang}.png"))
    page.empty_demo.click()
    qtbot.waitUntil(lambda: win.model.rowCount() == 1, timeout=10000)
    idle(qtbot, win)
    assert win.model.index(0, 0).data() == "UNSMIL"  # only this field installation's mission
    assert not page.empty_state.isVisible()
    win._closing_confirmed = True
    win.close()


def test_muster_demo_and_the_welcome_say_a_field_installation_gets_its_own_demo(
    qtbot: QtBot, installation: Any, lang: str
) -> None:
    from app.ui.welcome import WelcomeDialog
    from tests.helpers import run_cli

    installation.save_profile(Profile(name="Amani Kabila", mission="MONUSCO", role="field"))
    code, out, err = run_cli("--home", str(installation.paths.home), "demo")
    assert code == 0, err
    assert "for MONUSCO (a field installation loads its own mission's demo): 1 training," in out
    code, out, _err = run_cli("demo", "--help")
    assert "its own mission's" in " ".join(out.split())
    win = MainWindow(installation, welcome=False)
    qtbot.addWidget(win)
    dialog = WelcomeDialog(win, Profile(), ["MONUSCO"])
    text = dialog.demo_check.text()
    assert ("sa propre mission" if lang == "fr" else "its own mission's") in text
    dialog.deleteLater()
    win._closing_confirmed = True
    win.close()


def test_every_service_phrase_has_its_french() -> None:
    """A service's ``Phrase("…")`` reads French with its dates in French; that every one
    has its French entry, fields alike, is checked in tests/test_error_catalog.py."""
    from app.l10n import Phrase
    from tests.test_error_catalog import _sources, phrase_templates

    assert "The end date ({end}) is before the start date ({start})." in phrase_templates(
        _sources()
    )
    late = Phrase("The end date ({end}) is before the start date ({start}).",
                  end=date(2024, 9, 1), start=date(2024, 9, 10))  # fmt: skip
    assert late == "The end date (1 September 2024) is before the start date (10 September 2024)."
    assert localize(late, "fr") == (
        "La date de fin (1er septembre 2024) précède la date de début (10 septembre 2024)."
    )
