"""Signed summaries travel with the bundle; HQ lists, opens and re-verifies them per training."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pytestqt.qtbot import QtBot

from app.services.demo import demo_training_ids
from tests.helpers import run_cli

PASSPHRASE = "correct horse battery staple"
BENI = demo_training_ids()["monusco-2024-prisons"]


@pytest.fixture
def field_and_hq(tmp_path: Path) -> Any:
    from app.paths import Paths
    from app.services import identity
    from app.services.demo import load_demo
    from app.services.installation import Profile, open_installation
    from app.services.pdf import SummaryOptions, export_summary
    from app.services.sync import export_bundle, import_bundles, trust

    field = open_installation(Paths(tmp_path / "field"))
    identity.create_identity(field, Profile(name="Awa Kahindo", mission="MONUSCO"), PASSPHRASE)
    load_demo(field)
    key = identity.unlock_private_key(field, PASSPHRASE)
    export_summary(field, BENI, tmp_path / "beni.pdf", key, SummaryOptions(lang="fr"))
    bundle = export_bundle(field, tmp_path / "monusco.muster", key).path
    hq = open_installation(Paths(tmp_path / "hq"))
    identity.create_identity(hq, Profile(name="HQ analyst", role="hq"), PASSPHRASE)
    trust.add_trusted(hq, identity.load_identity(field).certificate_pem)  # type: ignore[union-attr]
    import_bundles(hq, [bundle])
    yield field, hq
    field.close()
    hq.close()


def test_hq_lists_the_received_summary_and_it_verifies(field_and_hq: Any) -> None:
    from app.services.documents import list_documents, read_document, viewing_copy
    from app.services.signing import verify_pdf

    field, hq = field_and_hq
    (made,) = list_documents(field, BENI)
    assert not made.received and made.available
    (received,) = list_documents(hq, BENI)
    assert received.received and received.available
    assert received.id == made.id and received.signer == "Awa Kahindo"
    # Kept sealed with each installation's own data key; the same PDF once opened.
    assert received.path.read_bytes()[:16] == b"MUSTER-SEALED-1\n"
    assert read_document(hq, received.path.name) == read_document(field, made.path.name)
    assert read_document(hq, received.path.name).startswith(b"%PDF-")
    result = verify_pdf(hq, viewing_copy(hq, received.path.name))
    assert result.ok and result.trusted
    code, out, err = run_cli("documents", BENI[:8], "--json", home=hq.paths.home)
    assert code == 0, err
    (listed,) = json.loads(out)
    assert listed["received"] is True and Path(listed["path"]) == received.path
    assert list_documents(hq, demo_training_ids()["unsmil-2024-tunis"]) == []


def test_documents_dialog_opens_and_verifies(  # type: ignore[no-untyped-def]
    field_and_hq: Any, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, artifacts: Path
) -> None:
    from PySide6.QtGui import QDesktopServices

    from app.services.trainings import get_training
    from app.ui.main_window import MainWindow

    _, hq = field_and_hq
    window = MainWindow(hq, welcome=False)
    qtbot.addWidget(window)
    window.show()
    actions = window.documents  # type: ignore[attr-defined]
    assert actions.documents_action in window.menu("training").actions()
    actions._show_documents(get_training(hq, BENI))
    qtbot.waitUntil(lambda: actions.last_dialog is not None, timeout=5000)
    dialog = actions.last_dialog
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Awa Kahindo"
    assert dialog.table.item(0, 2).text() == "received"
    dialog.grab().save(str(artifacts / "ui-signed-documents.png"))
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    assert dialog.open_selected()
    # The reader gets a decrypted copy outside the data folder, never the sealed file.
    (copy,) = map(Path, opened)
    assert copy.name == dialog.docs[0].path.name and copy.read_bytes().startswith(b"%PDF-")
    assert not copy.is_relative_to(hq.paths.home)
    verify = dialog.verify_selected()
    qtbot.waitUntil(lambda: verify.verdict.text().startswith("Valid"), timeout=15_000)
    verify.close()
    dialog.close()
    window.close()
