"""Creating and showing the signing identity in the app; the passphrase prompt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.services import identity
from app.ui.identity_ui import (
    IdentityDialog,
    IdentityInfoDialog,
    PassphraseDialog,
    cached_key,
    forget_key,
    unlock_key,
)
from app.ui.main_window import MainWindow

PASS = "correct horse battery staple"


def test_create_identity_then_show_and_export(
    qtbot: QtBot, installation, tmp_path: Path, artifacts: Path
) -> None:
    window = MainWindow(installation, welcome=False)
    qtbot.addWidget(window)
    window.show()
    dialog = window.documents.open_identity()  # type: ignore[attr-defined]
    assert isinstance(dialog, IdentityDialog)
    dialog.name.setText("Aïcha Ndiaye")
    dialog.title.setText("Training focal point")
    dialog.mission.setText("monusco")
    dialog.passphrase.setText(PASS)
    dialog.repeat.setText(PASS + "x")
    dialog.submit()
    assert dialog.error.text() == "The two passphrases are not the same."
    dialog.passphrase.setText("short")
    dialog.repeat.setText("short")
    dialog.submit()
    qtbot.waitUntil(lambda: "at least 10 characters" in dialog.error.text(), timeout=5000)
    dialog.passphrase.setText(PASS)
    dialog.repeat.setText(PASS)
    dialog.grab().save(str(artifacts / "ui-identity-create.png"))
    with qtbot.waitSignal(dialog.created, timeout=10000) as created:
        dialog.submit()
    info = created.args[0]
    assert info.mission == "MONUSCO" and identity.load_identity(installation) is not None

    shown = window.documents.open_identity()  # type: ignore[attr-defined]
    assert isinstance(shown, IdentityInfoDialog)
    assert shown.fingerprint.text() == identity.format_fingerprint(info.fingerprint)
    shown.grab().save(str(artifacts / "ui-identity-show.png"))
    exported = tmp_path / "mine.pem"
    shown.export_to(str(exported))
    assert identity.certificate_fingerprint(exported.read_bytes()) == info.fingerprint
    shown.close()


def test_unlock_asks_until_right_or_cancelled(qtbot: QtBot, installation) -> None:
    from app.services.installation import Profile

    identity.create_identity(installation, Profile(name="A B", title="T", role="hq"), PASS)
    window = MainWindow(installation, welcome=False)
    qtbot.addWidget(window)
    answers = ["wrong passphrase", PASS]
    problems: list[str] = []

    def ask(dialog: PassphraseDialog) -> bool:
        if not dialog.error.isHidden():
            problems.append(dialog.error.text())
        dialog.passphrase.setText(answers.pop(0))
        return True

    key = unlock_key(window, ask)
    assert key is not None and cached_key(window) is key
    assert problems == ["The passphrase is not right."]
    assert unlock_key(window, lambda d: False) is key  # cached: not asked again
    forget_key(window)
    assert unlock_key(window, lambda d: False) is None  # cancelled
    assert isinstance(PassphraseDialog("A B"), QDialog)
