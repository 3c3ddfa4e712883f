"""What the user sees of the spreadsheet work, in English and French, with screenshots.

The import preview shows footer, note and repeated-header rows as skipped with their
reason and right-to-left names cleaned but intact; the export dialogs offer both CSV
dialects (the document language's first) and HXL.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QWizard
from pytestqt.qtbot import QtBot

from app.services.trainings import SessionInput, TrainingInput, create_training
from app.textnorm import ZWNJ
from app.ui import i18n
from app.ui.import_wizard import ImportWizard
from app.ui.people_io_ui import export_choices
from app.ui.worker import Worker
from tests.test_hostile_sheets import SIGN_IN_SHEET

WAIT = 15_000
PERSIAN = "زین" + ZWNJ + "العابدین حسینی"


@pytest.fixture(params=["en", "fr"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    lang = str(request.param)
    i18n.install_language(lang, qapp)
    yield lang
    i18n.install_language("en", qapp)


def _next(qtbot: QtBot, wizard: QWizard) -> None:
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.NextButton).isEnabled()
                    or wizard.button(QWizard.WizardButton.CommitButton).isEnabled(),
                    timeout=WAIT)  # fmt: skip
    wizard.next()


def test_import_preview_shows_skipped_rows_and_rtl_names(  # type: ignore[no-untyped-def]
    qtbot: QtBot, installation, tmp_path: Path, artifacts: Path, language: str
) -> None:
    info = create_training(
        installation,
        TrainingInput("Formation Beni", "MONUSCO", date(2024, 3, 4), date(2024, 3, 5),
                      sessions=(SessionInput(date(2024, 3, 4), "Beni"),)),
    )  # fmt: skip
    lines = SIGN_IN_SHEET.splitlines()
    extra = ["14;\u202e\u2067محمد الورفلي\u2069;H;وزارة الداخلية", f"15;{PERSIAN};H;Police"]
    path = tmp_path / "liste.csv"
    path.write_text("\n".join(lines[:9] + extra + lines[9:]) + "\n", encoding="utf-8")
    worker = Worker()
    wizard = ImportWizard(installation, worker, info.id, info.title)
    qtbot.addWidget(wizard)
    wizard.resize(1150, 720)
    wizard.show()
    wizard.file_page.set_path(str(path))
    _next(qtbot, wizard)
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=WAIT)
    _next(qtbot, wizard)
    page = wizard.preview_page
    qtbot.waitUntil(page.isComplete, timeout=WAIT)
    model = page.model
    shown = {model.rows[r].full_name: r for r in range(model.rowCount())}
    assert "محمد الورفلي" in shown and PERSIAN in shown  # overrides gone, ZWNJ kept
    reasons = {
        model.rows[r].full_name: model.index(r, 5).data() for r in range(model.rowCount())
        if model.rows[r].skipped
    }  # fmt: skip
    total = reasons["Total participants : 13"]
    assert total == ("une ligne de total, pas une personne" if language == "fr"
                     else "a total line, not a person")  # fmt: skip
    assert len(reasons) == 7 and len(shown) == 22
    arabic = model.index(shown["محمد الورفلي"], 1).data()
    assert arabic.strip("\u2068\u2069") == "محمد الورفلي"  # shown isolated, so it reads right
    wizard.grab().save(str(artifacts / f"import-preview-skipped-rows-{language}.png"))
    wizard.close()
    worker.shutdown()


def test_export_dialog_offers_both_csv_dialects(  # type: ignore[no-untyped-def]
    qtbot: QtBot, tmp_path: Path, artifacts: Path, language: str
) -> None:
    choices = export_choices(language)
    labels = [c.label for c in choices]
    dialects = [c.csv_dialect for c in choices]
    assert (
        dialects == [None, "excel-fr", "excel", None]
        if language == "fr"
        else [None, "excel", "excel-fr", None]
    )
    assert [c.hxl for c in choices] == [False, False, False, True]
    if language == "fr":
        assert labels[1] == "CSV pour Excel en français, séparateur point-virgule (*.csv)"
    dialog = QFileDialog(None, "Export", str(tmp_path / "participants.xlsx"), ";;".join(labels))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.resize(820, 480)
    dialog.show()
    combo = dialog.findChild(QComboBox, "fileTypeCombo")
    assert combo is not None
    assert [combo.itemText(i) for i in range(combo.count())] == labels
    combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: combo.currentText() == labels[1], timeout=WAIT)
    popup = combo.view()
    combo.showPopup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    dialog.grab().save(str(artifacts / f"export-dialog-file-types-{language}.png"))
    popup.window().grab().save(str(artifacts / f"export-dialog-file-types-list-{language}.png"))
    combo.hidePopup()
    dialog.close()
    assert popup.model().data(popup.model().index(2, 0), Qt.ItemDataRole.DisplayRole) == labels[2]
