"""The first-run welcome and the reference lists dialog, through their real widgets."""

# ruff: noqa: F811  (the ``window`` fixture comes from test_ui_main)

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.services import reference, trainings
from app.ui.main_window import MainWindow
from app.ui.reference_dialog import ReferenceDialog
from app.ui.welcome import WelcomeDialog
from tests.test_ui_main import answer_next_dialog, idle, type_text, window  # noqa: F401


def test_first_run_welcome_saves_who_the_user_is_and_loads_the_demo(
    qtbot: QtBot, installation, artifacts: Path
) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(installation)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), WelcomeDialog), timeout=10000
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, WelcomeDialog)
    type_text(dialog.name_edit, "Aïcha Benali")
    type_text(dialog.title_edit, "Chargée des affaires judiciaires")
    dialog.mission_box.setCurrentIndex(dialog.mission_box.findData("MONUSCO"))
    # The passphrase that unlocked the data (MUSTER_PASSPHRASE here) signs too.
    type_text(dialog.passphrase_edit, "correct horse battery staple")
    type_text(dialog.passphrase_again, "correct horse battery stapl")  # a typo
    dialog.demo_check.setChecked(True)
    qtbot.keyClick(dialog.passphrase_again, Qt.Key.Key_Return)
    assert dialog.errors["passphrase_again"].isVisible()
    assert "not the same" in dialog.errors["passphrase_again"].text()
    assert dialog.name_edit.text() == "Aïcha Benali"  # nothing lost
    dialog.grab().save(str(artifacts / "ui-welcome-error.png"))
    assert not installation.profile().is_set

    qtbot.keyClick(dialog.passphrase_again, Qt.Key.Key_End)
    type_text(dialog.passphrase_again, "e")
    with qtbot.waitSignal(dialog.finished_setup, timeout=60000):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    profile = installation.profile()
    assert (profile.name, profile.title, profile.mission, profile.role) == (
        "Aïcha Benali", "Chargée des affaires judiciaires", "MONUSCO", "field",
    )  # fmt: skip
    from app.services import identity

    assert identity.load_identity(installation) is not None
    identity.unlock_private_key(installation, "correct horse battery staple")
    qtbot.waitUntil(lambda: win.model.rowCount() >= 1, timeout=10000)
    assert trainings.count_trainings(installation) >= 1
    win._closing_confirmed = True
    win.close()


def test_reference_lists_retire_in_use_and_delete_unused(
    qtbot: QtBot, window: MainWindow, artifacts: Path
) -> None:
    inst = window.installation
    dialog = ReferenceDialog(window)
    qtbot.addWidget(dialog)
    QTimer.singleShot(0, dialog.show)
    dialog.show()
    partners = dialog.pages["partner"]
    qtbot.waitUntil(lambda: partners.table.rowCount() > 5, timeout=5000)
    dialog.tabs.setCurrentWidget(partners)

    # A partner in use cannot be deleted: the sentence says to retire it.
    row = partners.row_of("UNOCT")
    partners.table.setCurrentCell(row, 0)
    answer_next_dialog("Delete")
    qtbot.mouseClick(partners.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: partners.general_error.isVisible(), timeout=5000)
    assert "cannot be deleted" in partners.general_error.text()
    assert any(p.acronym == "UNOCT" for p in reference.list_partners(inst))
    dialog.grab().save(str(artifacts / "ui-reference.png"))

    qtbot.mouseClick(partners.retire_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: not any(p.acronym == "UNOCT" for p in reference.list_partners(inst)),
        timeout=5000,
    )
    idle(qtbot, window)
    assert any(p.acronym == "UNOCT" and p.retired for p in reference.list_partners(inst, True))

    # A new place, then deleted since nothing uses it.
    places = dialog.pages["location"]
    dialog.tabs.setCurrentWidget(places)
    qtbot.mouseClick(places.new_button, Qt.MouseButton.LeftButton)
    type_text(places.inputs["name"], "Béni-Mbau")
    type_text(places.inputs["country"], "RDC")
    qtbot.mouseClick(places.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(loc.name == "Béni-Mbau" for loc in reference.list_locations(inst)),
        timeout=5000,
    )
    idle(qtbot, window)
    assert places.current is not None and places.current.name == "Béni-Mbau"
    answer_next_dialog("Delete")
    qtbot.mouseClick(places.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: not any(loc.name == "Béni-Mbau" for loc in reference.list_locations(inst, True)),
        timeout=5000,
    )

    # A refused value shows next to its field.
    missions = dialog.pages["mission"]
    dialog.tabs.setCurrentWidget(missions)
    qtbot.mouseClick(missions.new_button, Qt.MouseButton.LeftButton)
    type_text(missions.inputs["code"], "MONUSCO")
    type_text(missions.inputs["name"], "Doublon")
    qtbot.mouseClick(missions.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: missions.errors["code"].isVisible(), timeout=5000)
    assert "already a mission" in missions.errors["code"].text()
    assert dialog.changed
    dialog.close()
