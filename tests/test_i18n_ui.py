"""The real app in French: menus, Qt's own buttons, dates and numbers, names in every script.

Screenshots of the main screens in French go to tests/artifacts/fr-*.png so they can
be looked at: long French strings must fit.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QLineEdit, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.ui import i18n
from app.ui.common import show_date
from app.ui.main_window import MainWindow
from app.ui.text_direction import (
    FSI,
    PDI,
    apply_direction,
    cell_alignment,
    is_rtl,
    isolate,
    strip_isolates,
)
from tests.dialogs import answer_next_dialog

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "resources" / "translations"


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """Compile the .ts sources the way the Makefile does, when the .qm is missing or stale."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in TS_DIR.glob("muster_*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """French for one test; the translators and default locale are put back afterwards."""
    before = QLocale()
    loaded = i18n.install_language("fr", qapp)
    assert any(f.endswith("muster_fr.qm") for f in loaded)
    assert any(f.endswith("qtbase_fr.qm") for f in loaded)
    yield
    i18n.install_language("en", qapp)
    QLocale.setDefault(before)


def idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=10000)


@pytest.fixture
def french_window(qtbot: QtBot, french: None, demo_installation) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_installation, welcome=False)
    qtbot.addWidget(window)
    window.resize(1280, 780)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=10000)
    idle(qtbot, window)
    yield window
    window._closing_confirmed = True
    window.close()


def test_language_choice_is_stored_in_the_data_home(paths) -> None:  # type: ignore[no-untyped-def]
    paths.home.mkdir(parents=True)
    assert i18n.stored_language(paths) is None
    assert i18n.ui_language(paths) == i18n.system_language()
    i18n.save_language(paths, "fr")
    assert i18n.ui_language(paths) == "fr"
    assert "language=fr" in paths.settings_file.read_text()
    i18n.forget_language(paths)
    assert i18n.stored_language(paths) is None
    with pytest.raises(ValueError):
        i18n.save_language(paths, "de")


def test_start_up_installs_the_stored_language(qapp: QApplication, paths) -> None:  # type: ignore[no-untyped-def]
    paths.home.mkdir(parents=True)
    i18n.save_language(paths, "fr")
    before = QLocale()
    try:
        assert i18n.apply_language(paths, qapp) == "fr"
        assert QCoreApplication.translate("MainWindow", "&File") == "&Fichier"
        assert QCoreApplication.translate("Muster", "Excused") == "Excusé"
        assert QLocale().language() == QLocale.Language.French
    finally:
        i18n.install_language("en", qapp)
        QLocale.setDefault(before)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    # English plural forms come from muster_en.qm
    assert QCoreApplication.translate("MainWindow", "%n training(s)", "", 1) == "1 training"
    assert QCoreApplication.translate("MainWindow", "%n training(s)", "", 3) == "3 trainings"


def test_main_window_speaks_french(
    qtbot: QtBot, french_window: MainWindow, artifacts: Path
) -> None:
    window = french_window
    titles = [m.title() for m in window.menuBar().findChildren(type(window.menu("file")))]
    assert window.menu("file").title() == "&Fichier"
    assert window.menu("training").title() == "Fo&rmation"
    assert window.new_action.text() == "&Nouvelle formation"
    assert window.tabs.tabText(0) == "Formations"
    assert window.model.headerData(3, Qt.Orientation.Horizontal, 0) == "Statut"
    assert window.count_status.text() == "3 formations"
    assert "&File" not in titles
    # dates in the list follow the French locale
    shown = {window.model.index(r, 4).data() for r in range(3)}
    assert all(any(m in d for m in ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.",
                                    "août", "sept.", "oct.", "nov.", "déc.")) for d in shown)  # fmt: skip
    window.grab().save(str(artifacts / "fr-main-window.png"))


def test_qt_standard_buttons_follow(qapp: QApplication, french: None) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
    box.deleteLater()


def test_dates_and_numbers_in_french(french: None) -> None:
    assert show_date(date(2024, 9, 10)) == "10 sept. 2024"
    assert show_date(date(2024, 2, 1)) == "1 févr. 2024"
    assert QLocale().toString(1234567.5, "f", 1) == "1\u202f234\u202f567,5"
    assert QLocale().toString(0.5 * 100, "f", 0) + "\u00a0%" == "50\u00a0%"


def test_dates_in_english_are_not_ambiguous(qapp: QApplication) -> None:
    before = QLocale()
    i18n.install_language("en", qapp)
    try:
        assert show_date(date(2024, 9, 10)).startswith("10 Sep")
    finally:
        QLocale.setDefault(before)


def test_french_screens_screenshots(
    qtbot: QtBot, french_window: MainWindow, artifacts: Path
) -> None:
    """Every page of a training in French, saved for a look; the tab labels are French."""
    window = french_window
    window.table.selectRow(0)
    editor = window.open_training(window.model.training_id(0))
    qtbot.waitUntil(lambda: editor.info is not None, timeout=10000)
    idle(qtbot, window)
    labels = [editor.pages.tabText(i) for i in range(editor.pages.count())]
    assert labels[1:] == ["Participants", "Présences", "Résumé", "Évaluation", "Per diem", "Pièces"]
    for name in ("details", "participants", "attendance", "summary", "perdiem", "evidence"):
        editor.show_page(name)
        idle(qtbot, window)
        qtbot.wait(50)
        window.grab().save(str(artifacts / f"fr-training-{name}.png"))
    clipped = [
        label.text()
        for label in window.findChildren(QLabel)
        if label.isVisible()
        and not label.wordWrap()
        and label.text()
        and "<" not in label.text()
        and label.width() + 2 < label.fontMetrics().horizontalAdvance(label.text().replace("&", ""))
    ]
    assert not clipped, f"labels cut short in French: {clipped}"


def test_french_dialogs_screenshots(
    qtbot: QtBot, french_window: MainWindow, artifacts: Path
) -> None:
    from app.services.installation import Profile
    from app.ui.settings_dialog import SettingsDialog
    from app.ui.welcome import WelcomeDialog

    window = french_window
    welcome = WelcomeDialog(window, Profile())
    qtbot.addWidget(welcome)
    welcome.show()
    qtbot.wait(50)
    welcome.grab().save(str(artifacts / "fr-welcome.png"))
    assert welcome.windowTitle() == "Bienvenue dans Muster"
    welcome.close()

    settings = SettingsDialog(window)
    qtbot.addWidget(settings)
    settings.show()
    qtbot.waitUntil(settings.documents.isEnabled, timeout=5000)
    settings.grab().save(str(artifacts / "fr-preferences.png"))
    cancel = settings.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "Annuler"
    settings.reject()

    try:
        from app.ui.reference_dialog import ReferenceDialog
    except ImportError:  # pragma: no cover - another team's dialog
        return
    dialog = ReferenceDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, window)
    qtbot.wait(50)
    dialog.grab().save(str(artifacts / "fr-reference-lists.png"))
    dialog.close()


def test_preferences_store_both_languages(
    qtbot: QtBot, french_window: MainWindow, artifacts: Path
) -> None:
    from app.ui.settings_dialog import SettingsDialog

    window = french_window
    inst = window.installation
    assert window.findChild(type(window.new_action), "preferences") is not None
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.documents.isEnabled, timeout=5000)
    assert dialog.documents.currentData() == "fr"  # none stored: follows the interface
    assert dialog.restart_note.isHidden()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert not dialog.restart_note.isHidden()
    dialog.documents.setCurrentIndex(dialog.documents.findData("en"))
    dialog.accept()
    idle(qtbot, window)
    assert i18n.stored_language(inst.paths) == "en"
    assert inst.get_setting("documents.language") == "en"
    assert i18n.document_language(inst) == "en"
    assert "prochain démarrage" in window.statusBar().currentMessage()


# --- names in every script, in the interface -----------------------------------------------

NAMES = ["Zoé Lumbu", "Eric Ngoy", "élodie Kabila", "Déogratias Mbuyi", "Ёлкин Сергей",
         "Елена Петрова", "أحمد الفيتوري", "إبراهيم الشريف", "Ömer Yıldız", "10 Bis", "9 Bis"]  # fmt: skip


def test_collator_sorts_names_as_readers_expect(qapp: QApplication) -> None:
    ordered = i18n.sort_names(NAMES, lang="fr")
    latin = [n for n in ordered if n[0].isascii() or n[0] in "éÉÖÖ"]
    assert latin == ["9 Bis", "10 Bis", "Déogratias Mbuyi", "élodie Kabila", "Eric Ngoy",
                     "Ömer Yıldız", "Zoé Lumbu"]  # fmt: skip
    assert ordered.index("Елена Петрова") < ordered.index("Ёлкин Сергей")
    assert ordered.index("إبراهيم الشريف") < ordered.index("أحمد الفيتوري") or (
        ordered.index("أحمد الفيتوري") < ordered.index("إبراهيم الشريف")
    )
    assert i18n.compare_names("élodie", "Eric", "fr") < 0
    assert i18n.compare_names("Елена", "Ёлкин", "fr") < 0


def test_proxy_sorts_and_searches_every_script(
    qtbot: QtBot, qtmodeltester: ModelTester, qapp: QApplication
) -> None:
    model = QStandardItemModel()
    for name in NAMES:
        model.appendRow([QStandardItem(name)])
    proxy = i18n.LocaleSortFilterProxyModel(lang="fr")
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.sort(0)
    shown = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert shown[:4] == ["9 Bis", "10 Bis", "Déogratias Mbuyi", "élodie Kabila"]
    for typed, expected in [("ELODIE", "élodie Kabila"), ("ёлкин", "Ёлкин Сергей"),
                            ("احمد", "أحمد الفيتوري"), ("omer", "Ömer Yıldız")]:  # fmt: skip
        proxy.set_search(typed)
        assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [expected]
    proxy.set_search("")
    assert proxy.rowCount() == len(NAMES)


def test_arabic_names_keep_their_direction(qtbot: QtBot, artifacts: Path) -> None:
    name = "محمد علي"
    assert is_rtl(name) and not is_rtl("Déogratias") and not is_rtl("Ёлкин")
    assert isolate("Déogratias") == "Déogratias"
    wrapped = isolate(name)
    assert wrapped == f"{FSI}{name}{PDI}" and isolate(wrapped) == wrapped
    assert strip_isolates(wrapped) == name
    assert cell_alignment(name) & int(Qt.AlignmentFlag.AlignRight)
    assert cell_alignment("Zoé") & int(Qt.AlignmentFlag.AlignLeft)

    panel = QWidget()
    qtbot.addWidget(panel)
    panel.resize(520, 130)
    sentence = QLabel(f"« {wrapped} » ajouté (2 séances).", panel)
    sentence.move(10, 10)
    edit = QLineEdit(panel)
    apply_direction(edit)
    edit.setText(name)
    edit.setGeometry(10, 50, 300, 30)
    assert edit.alignment() & Qt.AlignmentFlag.AlignRight
    edit.setText("Ёлкин Сергей")
    assert edit.alignment() & Qt.AlignmentFlag.AlignLeft
    edit.setText("إبراهيم الشريف")
    panel.show()
    qtbot.waitExposed(panel)
    panel.grab().save(str(artifacts / "fr-arabic-name.png"))
    # Qt shapes Arabic: the joined word is narrower than its letters set apart
    metrics = sentence.fontMetrics()
    assert metrics.horizontalAdvance(name) < sum(metrics.horizontalAdvance(c) for c in name)


def test_a_service_refusal_reads_french_in_a_french_window(
    qtbot: QtBot, french_window: MainWindow
) -> None:
    """The services speak English (a Phrase); the French window shows their French."""
    from app.errors import ValidationError
    from app.services.installation import Profile
    from app.ui.errors import show_error
    from app.ui.welcome import WelcomeDialog

    inst = french_window.installation
    with pytest.raises(ValidationError) as refused:
        inst.save_profile(Profile(name=" ", role="field", mission="ZZZ"))
    assert refused.value.errors["mission"] == "There is no mission with the code ZZZ."
    dialog = WelcomeDialog(french_window, Profile(), ["MONUSCO"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._failed(refused.value)
    assert dialog.errors["name"].text() == "Veuillez saisir votre nom."
    assert dialog.errors["mission"].text() == "Aucune mission n'a le code ZZZ."
    dialog.close()

    seen: list[str] = []
    answer_next_dialog("OK", seen=seen)
    show_error(french_window, refused.value)  # a message box, both sentences in French
    assert "Veuillez saisir votre nom.; Aucune mission n'a le code ZZZ." in seen, seen


def test_a_text_too_long_is_refused_in_french_next_to_its_field(
    qtbot: QtBot, french_window: MainWindow, artifacts: Path
) -> None:
    """A pasted description longer than a bundle carries: refused, in French, under it."""
    window = french_window
    window.activateWindow()
    window.new_training()
    editor = window.current_editor()
    assert editor is not None
    idle(qtbot, window)
    details = editor.details
    details.title_edit.setText("Atelier sur la détention préventive")
    details.mission_box.setCurrentIndex(details.mission_box.findData("MONUSCO"))
    details.description_edit.setPlainText("Déroulé. " * 11_200)  # 100,800 characters
    editor.save()
    qtbot.waitUntil(lambda: "description" in editor.details_errors(), timeout=5000)
    assert editor.details_errors()["description"] == (
        "Description\u00a0: trop long, 100\u202f000 caractères au plus, et il y en a 100\u202f800."
    ), repr(editor.details_errors()["description"])
    assert editor.training_id is None
    editor.grab().save(str(artifacts / "fr-editor-too-long.png"))
    answer_next_dialog("Ne pas tenir compte")
    window.close_current_tab()
