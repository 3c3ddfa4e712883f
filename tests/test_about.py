"""Help ▸ About shows the running version and where the data lives, in English and French."""

# ruff: noqa: F811  (the ``window`` fixture comes from test_ui_main)

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app import __version__
from app.ui import i18n
from app.ui.about_dialog import AboutDialog, program_folder
from app.ui.main_window import MainWindow
from tests.dialogs import current_guard
from tests.test_ui_main import window  # noqa: F401

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parent.parent


def _texts(dialog: AboutDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_help_about_shows_the_version_and_the_data_folder(
    qtbot: QtBot, window: MainWindow, artifacts: Path
) -> None:
    seen: dict[str, str] = {}

    def check_and_close(widget: object) -> bool:
        if not isinstance(widget, AboutDialog):
            return False
        widget.adjustSize()
        widget.grab().save(str(artifacts / "ui-about.png"))
        seen["text"] = _texts(widget)
        seen["title"] = widget.windowTitle()
        widget.buttons.button(widget.buttons.StandardButton.Close).click()
        return True

    current_guard().expect(check_and_close, "the About dialog")
    assert window.about_action in window.menu("help").actions()
    window.about_action.trigger()  # returns once the dialog is closed
    assert seen["title"] == "About Muster"
    assert __version__ in seen["text"]
    paths = window.installation.paths
    assert str(paths.home) in seen["text"]
    assert str(paths.database) in seen["text"]
    assert "keeps this data folder" in seen["text"]


def test_program_folder_is_the_checkout_when_not_packaged() -> None:
    assert program_folder() == ROOT


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    i18n.install_language("fr", qapp)
    yield
    i18n.install_language("en", qapp)
    QLocale.setDefault(before)


def test_about_speaks_french(qtbot: QtBot, french: None, paths, artifacts: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog(paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    text = _texts(dialog)
    assert dialog.windowTitle() == "À propos de Muster"
    assert f"Version {__version__}" in text
    assert "Dossier des données\u00a0:" in text
    assert "conserve ce dossier de données" in text
    assert dialog.open_button.text() == "Ouvrir le dossier des données"
    close = dialog.buttons.button(dialog.buttons.StandardButton.Close)
    assert close.text() == "Fermer"
    # Every label fits: none is cut narrower than its text needs.
    dialog.adjustSize()
    for label in dialog.findChildren(QLabel):
        if not label.wordWrap() and label.text():
            assert label.width() >= label.sizeHint().width(), label.text()
    dialog.grab().save(str(artifacts / "fr-about.png"))
