"""The unlock screen, the recovery key screen and the passphrase change, as a user drives them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.paths import Paths
from app.services import vault
from app.ui import i18n
from app.ui.unlock import PassphraseDialog, RecoveryKeyDialog, UnlockDialog, unlock_mode

pytestmark = pytest.mark.gui
PASS = "correct horse battery staple"


@pytest.fixture(params=["en", "fr"])
def lang(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = QLocale()
    i18n.install_language(request.param, qapp)
    yield request.param
    i18n.install_language("en", qapp)
    QLocale.setDefault(before)


def _type(qtbot: QtBot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_unlock_screen_one_sentence_per_wrong_try_then_opens(
    qtbot: QtBot, installation, artifacts: Path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    paths = installation.paths
    assert unlock_mode(paths) == "unlock"
    dialog = UnlockDialog(paths, "unlock")
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.passphrase_edit, "wrong words entirely")
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.isVisible() and dialog.key is None
    wrong = {"en": "The passphrase is not right.", "fr": "La phrase secrète n'est pas la bonne."}
    assert dialog.error.text() == wrong[lang]
    dialog.grab().save(str(artifacts / f"{lang}-unlock-wrong.png"))
    _type(qtbot, dialog.passphrase_edit, PASS)
    qtbot.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.key == installation.key and dialog.passphrase == PASS


def test_first_run_refuses_a_guessable_passphrase_and_shows_the_recovery_key(
    qtbot: QtBot, home: Path, artifacts: Path, lang: str
) -> None:
    paths = Paths(home)
    assert unlock_mode(paths) == "create"
    dialog = UnlockDialog(paths, "create")
    qtbot.addWidget(dialog)
    dialog.show()
    for edit in (dialog.passphrase_edit, dialog.again_edit):
        _type(qtbot, edit, "1234567890")
    dialog.ok_button.click()
    assert dialog.error.isVisible() and not vault.has_key(paths)
    assert ("common" in dialog.error.text()) if lang == "en" else ("courant" in dialog.error.text())
    dialog.grab().save(str(artifacts / f"{lang}-first-run-weak.png"))
    for edit in (dialog.passphrase_edit, dialog.again_edit):
        _type(qtbot, edit, PASS)
    dialog.ok_button.click()
    assert dialog.key is not None and vault.has_key(paths)

    shown = vault.issue_recovery_key(paths, dialog.key)
    screen = RecoveryKeyDialog(shown)
    qtbot.addWidget(screen)
    screen.show()
    assert not screen.ok_button.isEnabled()  # not before the user says it is written down
    screen.reject()
    assert screen.isVisible()  # Escape does not skip it
    screen.written.click()
    assert screen.ok_button.isEnabled()
    screen.grab().save(str(artifacts / f"{lang}-recovery-key.png"))
    assert vault.unlock_with_recovery_key(paths, screen.key_label.text()) == dialog.key


def test_recovery_key_unlocks_and_a_new_passphrase_is_chosen(
    qtbot: QtBot, installation, artifacts: Path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    from app.services import identity
    from app.services.installation import Profile

    identity.create_identity(installation, Profile(name="Awa Kahindo", mission="MONUSCO"), PASS)
    shown = vault.issue_recovery_key(installation.paths, installation.key)
    dialog = UnlockDialog(installation.paths, "unlock")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.recovery_button, Qt.MouseButton.LeftButton)
    assert dialog.recovery_edit.isVisible() and not dialog.passphrase_edit.isVisible()
    _type(qtbot, dialog.recovery_edit, shown.replace("-", " ").lower())
    dialog.grab().save(str(artifacts / f"{lang}-unlock-recovery.png"))
    qtbot.keyClick(dialog.recovery_edit, Qt.Key.Key_Return)
    assert dialog.key == installation.key and dialog.passphrase is None

    reset = PassphraseDialog(SimpleNamespace(installation=installation), reset=True)
    qtbot.addWidget(reset)
    reset.show()
    _type(qtbot, reset.new_edit, "awa kahindo")
    _type(qtbot, reset.again_edit, "awa kahindo")
    reset.buttons.button(reset.buttons.StandardButton.Ok).click()
    assert reset.error.isVisible()  # her own name: refused
    for edit in (reset.new_edit, reset.again_edit):
        _type(qtbot, edit, "violet tractors sing at dawn")
    reset.buttons.button(reset.buttons.StandardButton.Ok).click()
    assert reset.result() == reset.DialogCode.Accepted
    assert vault.unlock(installation.paths, "violet tractors sing at dawn") == installation.key
    assert identity.unlock_private_key(installation, "violet tractors sing at dawn")


def test_change_passphrase_from_the_tools_menu(
    qtbot: QtBot, installation, artifacts: Path, lang: str
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    window = MainWindow(installation, welcome=False)
    qtbot.addWidget(window)
    window.show()
    (action,) = [
        a for a in window.menu("tools").actions() if a.objectName() == "changePassphraseAction"
    ]
    action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PassphraseDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, PassphraseDialog)
    _type(qtbot, dialog.current_edit, PASS)
    _type(qtbot, dialog.new_edit, "aaaaaaaaaaaaaa")
    _type(qtbot, dialog.again_edit, "aaaaaaaaaaaaaa")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.error.isVisible()
    dialog.grab().save(str(artifacts / f"{lang}-change-passphrase.png"))
    for edit in (dialog.new_edit, dialog.again_edit):
        _type(qtbot, edit, "violet tractors sing at dawn")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert vault.unlock(installation.paths, "violet tractors sing at dawn") == installation.key
    window._closing_confirmed = True
    window.close()


def test_settings_ini_keeps_no_search_text(qtbot: QtBot, demo_installation) -> None:  # type: ignore[no-untyped-def]
    """A name typed in the trainings search is not written to settings.ini, nor left there."""
    from PySide6.QtCore import QEvent, QSettings
    from PySide6.QtGui import QKeyEvent

    from app.services.demo_data import DEMO_PEOPLE
    from app.ui.main_window import MainWindow

    name = DEMO_PEOPLE[-1].full_name  # in Arabic script
    latin = DEMO_PEOPLE[0].full_name  # what an earlier version left there
    settings_file = demo_installation.paths.settings_file
    old = QSettings(str(settings_file), QSettings.Format.IniFormat)
    old.setValue("filters/text", latin)
    old.sync()
    assert latin.encode() in settings_file.read_bytes()  # the scan below can see a name

    window = MainWindow(demo_installation, welcome=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=10000)  # no search kept
    assert latin.encode() not in settings_file.read_bytes()  # removed at start
    window.page.search.setFocus()
    for ch in name:  # as key events: names are not ASCII
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                window.page.search, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
            )
    assert window.page.search.text() == name
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10000)
    window._closing_confirmed = True
    window.close()

    raw = settings_file.read_bytes()
    assert b"window" in raw  # the window did save its settings
    saved = QSettings(str(settings_file), QSettings.Format.IniFormat)
    values = " ".join(str(saved.value(key)) for key in saved.allKeys())
    for who in (name, latin):
        assert who not in values
        assert who.encode() not in raw
    assert saved.value("filters/text") is None
