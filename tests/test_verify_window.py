"""The "Verify a document" window on real signed, tampered and foreign files."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.services import identity
from app.services.installation import Profile
from app.services.pdf import SummaryOptions, export_summary
from app.ui.main_window import MainWindow
from app.ui.verify_window import VerifyWindow
from tests.test_pdf import PASS, training_ids


def test_verify_window_reports_valid_tampered_and_unreadable(
    qtbot: QtBot, demo_installation, tmp_path: Path, artifacts: Path
) -> None:
    inst = demo_installation
    identity.create_identity(
        inst, Profile(name="Chantal Mbuyi", title="Focal point", mission="MONUSCO"), PASS
    )
    key = identity.unlock_private_key(inst, PASS)
    good = tmp_path / "good.pdf"
    export_summary(inst, training_ids()["UNSMIL"], good, key, SummaryOptions())
    window = MainWindow(inst, welcome=False)
    qtbot.addWidget(window)
    window.show()
    documents = window.documents  # type: ignore[attr-defined]
    assert documents.verify_action in window.menu("tools").actions()
    assert documents.verify_action in window.menu("file").actions()
    dialog = documents.open_verify()
    assert isinstance(dialog, VerifyWindow)

    with qtbot.waitSignal(dialog.verified, timeout=20000) as done:
        dialog.verify_file(good)
    assert done.args[0].ok
    assert dialog.verdict.text().startswith("Valid: signed by Chantal Mbuyi")
    labels = [dialog.details.itemAt(i, dialog.details.ItemRole.LabelRole).widget().text()
              for i in range(dialog.details.rowCount())]  # fmt: skip
    assert {"Signed by", "Signed on", "Intact", "Whole file signed", "Trusted"} <= set(labels)
    qtbot.wait(100)  # let the layout settle before the screenshot
    dialog.grab().save(str(artifacts / "ui-verify-valid.png"))

    appended = tmp_path / "appended.pdf"
    appended.write_bytes(good.read_bytes())
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with appended.open("rb+") as handle:
        writer = IncrementalPdfFileWriter(handle)
        writer.root["/Edited"] = generic.TextStringObject("later")
        writer.update_root()
        writer.write_in_place()
    with qtbot.waitSignal(dialog.verified, timeout=20000) as done:
        dialog.verify_file(appended)
    assert not done.args[0].ok
    assert dialog.verdict.text().startswith("Not valid: the document was changed after signing")
    qtbot.wait(100)
    dialog.grab().save(str(artifacts / "ui-verify-changed.png"))

    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    with qtbot.waitSignal(dialog.verified, timeout=20000):
        dialog.verify_file(junk)
    assert "Cannot check this file" in dialog.verdict.text()
    assert dialog.choose_button.isEnabled()
    dialog.close()
