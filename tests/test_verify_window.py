"""The "Verify a document" window on real signed, tampered and foreign files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pytestqt.qtbot import QtBot

from app.services import identity, signing
from app.services.installation import Profile
from app.services.pdf import SummaryOptions, export_summary
from app.services.sync import trust
from app.ui.main_window import MainWindow
from app.ui.verify_window import VerifyWindow
from tests.test_i18n_ui import french
from tests.test_pdf import PASS, signer, training_ids
from tests.test_pdf_archive import _hq

__all__ = ["french", "signer"]


def _signed_summary(inst: Any, folder: Path, title: str) -> Path:
    """A training summary signed by Chantal Mbuyi (``title``) of this installation."""
    identity.create_identity(
        inst, Profile(name="Chantal Mbuyi", title=title, mission="MONUSCO"), PASS
    )
    key = identity.unlock_private_key(inst, PASS)
    good = folder / "good.pdf"
    export_summary(inst, training_ids()["UNSMIL"], good, key, SummaryOptions())
    return good


def _verify_in_window(qtbot: QtBot, inst: Any, path: Path) -> tuple[MainWindow, Any, Any]:
    """(main window, its verify window, the result) once ``path`` is checked there."""
    window = MainWindow(inst, welcome=False)
    qtbot.addWidget(window)
    window.show()
    dialog = window.documents.open_verify()  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.verified, timeout=20000) as done:
        dialog.verify_file(path)
    return window, dialog, done.args[0]


def _changed_after_signing(signed: Path, copy: Path) -> Path:
    """A copy of ``signed`` with an incremental update after its signature."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    copy.write_bytes(signed.read_bytes())
    with copy.open("rb+") as handle:
        writer = IncrementalPdfFileWriter(handle)
        writer.root["/Edited"] = generic.TextStringObject("later")
        writer.update_root()
        writer.write_in_place()
    return copy


def test_verify_window_reports_valid_tampered_and_unreadable(
    qtbot: QtBot, demo_installation, tmp_path: Path, artifacts: Path
) -> None:
    inst = demo_installation
    good = _signed_summary(inst, tmp_path, "Focal point")
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

    appended = _changed_after_signing(good, tmp_path / "appended.pdf")
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


@pytest.fixture
def stamped_at_hq(signer, tmp_path: Path) -> Iterator[tuple[Any, Path]]:
    """HQ's installation (trusting the field signer) and a certified summary it time-stamped."""
    inst, key = signer
    summary = tmp_path / "summary.pdf"
    export_summary(inst, training_ids()["UNSMIL"], summary, key, SummaryOptions())
    hq, stamp_key = _hq(tmp_path)
    trust.add_trusted(hq, identity.load_identity(inst).certificate_pem)
    stamped = tmp_path / "received.pdf"
    stamped.write_bytes(signing.timestamp_received_pdf(summary.read_bytes(), stamp_key))
    yield hq, stamped
    hq.close()


@pytest.mark.timeout(120)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_verify_window_shows_certification_signing_time_and_hq_time_stamps(
    qtbot: QtBot,
    stamped_at_hq: tuple[Any, Path],
    artifacts: Path,
    request: pytest.FixtureRequest,
    lang: str,
) -> None:
    hq, stamped = stamped_at_hq
    if lang == "fr":
        request.getfixturevalue("french")
    window, dialog, result = _verify_in_window(qtbot, hq, stamped)
    assert result.ok and result.certified and len(result.timestamps) == 1
    rows = _rows(dialog)
    words = FRENCH if lang == "fr" else ENGLISH
    assert rows[words["certified"]] == words["certified_value"]
    assert words["own_clock"] in rows[words["signed_on"]]
    when = result.timestamps[0].time.strftime("%Y-%m-%d %H:%M UTC")
    assert rows[words["stamped"]] == words["stamp"].format(when=when)
    assert dialog.verdict.text().startswith(words["valid"])
    dialog.resize(760, 420)
    qtbot.wait(100)  # let the layout settle before the screenshot
    dialog.grab().save(str(artifacts / f"ui-verify-certified-stamped-{lang}.png"))
    dialog.close()
    window._closing_confirmed = True  # type: ignore[attr-defined]
    window.close()


ENGLISH = {
    "certified": "Certified",
    "certified_value": "yes: only time-stamps may be added",
    "signed_on": "Signed on",
    "own_clock": "(the signer's own clock, not checked)",
    "stamped": "Time-stamped",
    "stamp": "{when} by Amina Diallo (time-stamping): intact, trusted",
    "valid": "Valid: signed by Chantal Mbuyi",
}
FRENCH = {
    "certified": "Certifié",
    "certified_value": "oui\u00a0: seuls des horodatages peuvent être ajoutés",
    "signed_on": "Signé le",
    "own_clock": "(horloge du signataire, non vérifiée)",
    "stamped": "Horodaté",
    "stamp": "{when} par Amina Diallo (time-stamping)\u00a0: intact, de confiance",
    "valid": "Valide",
}


def _rows(dialog: VerifyWindow) -> dict[str, str]:
    role = dialog.details.ItemRole
    return {
        dialog.details.itemAt(i, role.LabelRole).widget().text(): dialog.details.itemAt(
            i, role.FieldRole
        )
        .widget()
        .text()
        for i in range(dialog.details.rowCount())
    }


def test_a_changed_document_is_explained_in_french(
    qtbot: QtBot, french: None, demo_installation, tmp_path: Path, artifacts: Path
) -> None:
    """The reasons come from the service as Phrases, so the French window reads French."""
    inst = demo_installation
    good = _signed_summary(inst, tmp_path, "Point focal")
    changed = _changed_after_signing(good, tmp_path / "changed.pdf")
    window, dialog, result = _verify_in_window(qtbot, inst, changed)
    assert not result.ok
    assert dialog.verdict.text().startswith(
        "Non valide\u00a0: le document a été modifié après la signature\u00a0: du contenu"
    ), dialog.verdict.text()
    assert _rows(dialog)["De confiance"] == "oui — C'est le certificat de cette installation."
    dialog.resize(760, 420)
    qtbot.wait(100)
    dialog.grab().save(str(artifacts / "ui-verify-changed-fr.png"))
    dialog.close()
    window._closing_confirmed = True  # type: ignore[attr-defined]
    window.close()
