"""The field day, polished (issue 11), continued: warnings before the harm, exports that
never overwrite, French everywhere, whole-number charts, nothing clipped at 1200 × 720.

Screenshots: tests/artifacts/field-*.png (the export warnings, the French File menu,
the French duplicates dialog, the Summary tab with one participant per category).
"""

# ruff: noqa: F811  (the ``lang`` and ``window`` fixtures come from test_field_day)

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from PySide6.QtCharts import QValueAxis
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.services import identity, reference, sync
from app.services.installation import Profile
from app.services.people import PersonInput
from app.services.sync import hq_key
from app.ui.identity_ui import PassphraseDialog
from app.ui.main_window import MainWindow
from tests.dialogs import Step
from tests.test_field_day import (  # noqa: F401
    PASS,
    expect,
    lang,
    message_box,
    new_training,
    open_page,
    tr,
    window,
)
from tests.test_pdf import pdf_text, training_ids
from tests.test_ui_main import idle


def passphrase(dialog: QWidget) -> bool:
    """A step typing the signing passphrase."""
    if not isinstance(dialog, PassphraseDialog):
        return False
    dialog.passphrase.setText(PASS)
    dialog.accept()
    return True


def choose_file(mode: QFileDialog.AcceptMode, path: Path, seen: list[str] | None = None) -> Step:
    """A step choosing ``path`` in the next file dialog of that kind; ``seen`` gets the
    name the dialog suggested. It waits (returns False) until the dialog has read its
    folder, so the choice is really taken."""

    def step(dialog: QWidget) -> bool:
        if not isinstance(dialog, QFileDialog) or dialog.acceptMode() != mode:
            return False
        if not dialog.isVisible():
            return False
        if seen is not None and not getattr(step, "noted", False):
            if not dialog.selectedFiles():
                return False
            seen.append(Path(dialog.selectedFiles()[0]).name)
            step.noted = True  # type: ignore[attr-defined]
        dialog.setDirectory(str(path.parent))
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setText(path.name)  # typed, as a user would
        if [Path(f) for f in dialog.selectedFiles()] != [path]:
            return False
        dialog.done(QFileDialog.DialogCode.Accepted)
        return True

    return step


class UrlRecorder(QObject):
    """Stands in for the desktop's file opener: records what Muster asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened() -> Any:
    recorder = UrlRecorder()
    QDesktopServices.setUrlHandler("file", recorder, "open")
    yield recorder
    QDesktopServices.unsetUrlHandler("file")


# --- warn before, not after -----------------------------------------------------------------


def test_an_unencrypted_bundle_is_announced_before_anything_is_written(
    qtbot: QtBot, window: MainWindow, lang: str, tmp_path: Path, artifacts: Path
) -> None:
    from app.ui import sync_ui

    inst = window.installation
    inst.save_profile(Profile(name="Chantal Mbuyi", mission="MONUSCO", role="field"))
    identity.create_identity(inst, inst.profile(), PASS)
    title = tr("Muster", "The bundle would not be encrypted")
    warned: list[QMessageBox] = []

    def shot(box: QMessageBox) -> None:
        box.grab().save(str(artifacts / f"field-bundle-warning-{lang}.png"))

    expect(message_box(title, tr("QPlatformTheme", "Cancel"), warned, shot), "the warning")
    sync_ui.export_bundle(window)
    qtbot.waitUntil(lambda: bool(warned), timeout=5000)
    idle(qtbot, window)
    assert not list(inst.paths.exports.glob("*.muster")) and sync.sent_bundles(inst) == []
    if lang == "fr":
        assert "PAS chiffré" in warned[0].text()

    # Export anyway: the suggested name says which device and which bundle it is.
    suggested: list[str] = []
    out = tmp_path / "plain.muster"
    save_as = choose_file(QFileDialog.AcceptMode.AcceptSave, out, suggested)

    expect(message_box(title, tr("Muster", "Export without encryption")), "the warning again")
    expect(passphrase, "the passphrase")
    expect(save_as, "the save dialog")
    sync_ui.export_bundle(window)
    qtbot.waitUntil(out.exists, timeout=10000)
    idle(qtbot, window)
    assert suggested == [f"MONUSCO-Chantal-Mbuyi-{inst.device_id[:8]}-bundle-0001.muster"]
    assert window.saved_bar.isVisible() and not window.saved_bar.open_button.isVisible()
    assert tr("Muster", "It is not encrypted.") in window.saved_bar.message.text()

    # Load HQ's key from the warning itself; the export then goes on, encrypted.
    key_file = tmp_path / "hq.key"
    hq = SimpleNamespace(
        paths=SimpleNamespace(keys=tmp_path / "hq-keys", ensure=lambda: None), key=None
    )
    hq.paths.keys.mkdir()
    hq_key.export_hq_key(hq, key_file, PASS)  # type: ignore[arg-type]

    load_key = choose_file(QFileDialog.AcceptMode.AcceptOpen, key_file)
    second = tmp_path / "encrypted.muster"
    save_second = choose_file(QFileDialog.AcceptMode.AcceptSave, second, suggested)

    expect(message_box(title, tr("Muster", "Load HQ's key…")), "the warning, third time")
    expect(load_key, "the key file dialog")
    expect(message_box(tr("Muster", "Check HQ's key"), tr("Muster", "Use this key")),
           "the fingerprint check of a key no trusted HQ signed")  # fmt: skip
    expect(save_second, "the save dialog after loading the key")
    sync_ui.export_bundle(window)
    qtbot.waitUntil(second.exists, timeout=10000)
    idle(qtbot, window)
    assert suggested[-1].endswith("-bundle-0002.muster")
    assert tr("Muster", "It is encrypted for HQ.") in window.saved_bar.message.text()
    assert second.read_bytes().startswith(b"age-encryption.org")


@pytest.mark.parametrize("lang", ["fr"], indirect=True)  # signing is slow: French once
def test_summaries_never_share_a_name_and_signed_documents_tell_them_apart(
    qtbot: QtBot, window: MainWindow, lang: str, opened: Any, artifacts: Path
) -> None:
    from app.ui.documents_ui import DocumentsDialog, SummaryDialog

    inst = window.installation
    identity.create_identity(inst, Profile(name="Chantal Mbuyi", mission="MONUSCO"), PASS)
    training_id = training_ids()["MONUSCO"]
    window.open_training(training_id, "summary")
    idle(qtbot, window)
    documents = window.documents  # type: ignore[attr-defined]
    documents.start_summary()
    qtbot.waitUntil(lambda: isinstance(documents.last_dialog, SummaryDialog), timeout=5000)
    dialog = documents.last_dialog
    path = Path(dialog.file.path.text())
    assert path.name == "MONUSCO-2024-05-14-summary-fr-with-names.pdf"  # French interface
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert Path(dialog.file.path.text()).name == "MONUSCO-2024-05-14-summary-en-with-names.pdf"
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    dialog.include_names.setChecked(False)
    taken = Path(dialog.file.path.text())
    assert taken.name == "MONUSCO-2024-05-14-summary-fr-no-names.pdf"
    taken.parent.mkdir(parents=True, exist_ok=True)
    taken.write_bytes(b"an older summary")  # already there: never silently replaced

    def shot(box: QMessageBox) -> None:
        box.grab().save(str(artifacts / "field-file-already-there-fr.png"))

    expect(message_box(tr("Muster", "File already there"), tr("Muster", "Save under a new name"),
                       None, shot), "the replace question")  # fmt: skip
    expect(passphrase, "the passphrase")
    with qtbot.waitSignal(documents.summary_saved, timeout=30000) as saved:
        dialog.accept()
    first = saved.args[0].path
    assert first.name == "MONUSCO-2024-05-14-summary-fr-no-names-2.pdf"
    assert taken.read_bytes() == b"an older summary"
    words = " ".join(pdf_text(first, layout=False).split())
    assert "Mission de l'Organisation des Nations Unies pour la stabilisation" in words
    assert "BLT" in words and "UNOCT" not in words  # the French acronym of UNOCT

    # The bar after the export: Open and Show in folder.
    bar = window.saved_bar
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    assert not bar.print_button.isVisible()
    bar.open_button.click()
    bar.folder_button.click()
    assert [Path(u.toLocalFile()) for u in opened.urls] == [first, first.parent]

    with qtbot.waitSignal(documents.summary_saved, timeout=30000):
        documents.export_summary(training_id, str(first.with_name("english.pdf")), "en", True)
    documents.start_documents()
    qtbot.waitUntil(lambda: isinstance(documents.last_dialog, DocumentsDialog), timeout=5000)
    listing = documents.last_dialog
    rows = {listing.table.item(r, 3).text() for r in range(listing.table.rowCount())}
    assert rows == {"Résumé · Français · chiffres seulement", "Résumé · English · avec les noms"}
    signers = {listing.table.item(r, 1).text() for r in range(listing.table.rowCount())}
    assert signers == {"\u2068Chantal Mbuyi\u2069"} or signers == {"Chantal Mbuyi"}
    listing.grab().save(str(artifacts / "field-signed-documents-fr.png"))
    listing.close()


@pytest.mark.parametrize("lang", ["fr"], indirect=True)  # printing is slow: once is enough
def test_sign_in_sheets_can_be_printed_from_the_bar(
    qtbot: QtBot, window: MainWindow, lang: str, tmp_path: Path, opened: Any
) -> None:
    from app.ui.documents_ui import sheets_file_name

    training_id = training_ids()["UNSMIL"]
    documents = window.documents  # type: ignore[attr-defined]
    sheets = tmp_path / sheets_file_name(
        SimpleNamespace(mission="UNSMIL", start=date(2024, 11, 5)),
        lang,  # type: ignore[arg-type]
    )
    assert sheets.name == f"UNSMIL-2024-11-05-sign-in-{lang}.pdf"
    with qtbot.waitSignal(documents.sheets_saved, timeout=20000) as saved:
        documents.export_sheets(training_id, str(sheets), None, lang)
    pages = saved.args[0].pages
    bar = window.saved_bar
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    assert bar.print_button.isVisible() and bar.open_button.isVisible()
    printed = tmp_path / "printed.pdf"

    def print_to_file(dialog: QWidget) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog

        if not isinstance(dialog, QPrintDialog):
            return False
        dialog.printer().setOutputFileName(str(printed))
        for edit in dialog.findChildren(QLineEdit):
            if edit.isVisible() and edit.text().endswith((".pdf", "/")):
                edit.setText(str(printed))  # the dialog's "output file" field
        dialog.accept()
        return True

    expect(print_to_file, "the print dialog")
    bar.print_button.click()
    qtbot.waitUntil(printed.exists, timeout=10000)
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True).stdout
    assert re.search(rf"Pages:\s+{pages}\b", info)


# --- French everywhere ----------------------------------------------------------------------


def test_french_file_menu_shortcuts_list_and_backup_filter(
    qtbot: QtBot, window: MainWindow, lang: str, artifacts: Path
) -> None:
    menu = window.menu("file")
    texts = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert texts[-1] == tr("MainWindow", "&Quit")
    assert tr("MainWindow", "Back up now…") in texts and "Back up now…" not in texts[:0]
    if lang == "fr":
        assert "Sauvegarder maintenant…" in texts and "Restaurer une sauvegarde…" in texts
        assert not {"Back up now…", "Restore a backup…"} & set(texts)
    menu.popup(window.mapToGlobal(window.rect().topLeft()))
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    menu.grab().save(str(artifacts / f"field-file-menu-{lang}.png"))
    menu.hide()

    shortcuts: list[str] = []

    def read_shortcuts(box: QWidget) -> bool:
        if not isinstance(box, QMessageBox):
            return False
        shortcuts.append(box.text())
        box.accept()
        return True

    expect(read_shortcuts, "the F1 list")
    window.show_shortcuts()
    if lang == "fr":
        assert "Ouvrir la formation sélectionnée" in shortcuts[0]
        assert "<b>Entrée</b>" in shortcuts[0] and "<b>Espace</b>" in shortcuts[0]
        assert "Open the selected training" not in shortcuts[0]

    filters: list[str] = []

    def backup_dialog(dialog: QWidget) -> bool:
        if not isinstance(dialog, QFileDialog):
            return False
        filters.extend(dialog.nameFilters())
        dialog.reject()
        return True

    expect(backup_dialog, "the backup file dialog")
    window.findChild(type(menu.actions()[0]), "backupNowAction").trigger()
    expected = "Sauvegardes Muster (*.sqlite3)" if lang == "fr" else "Muster backups (*.sqlite3)"
    assert filters[:1] == [expected]

    # Plurals: one training shown, in each language's grammar.
    window.page.search.setText("bunia")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)
    idle(qtbot, window)
    shown = "1 formation affichée sur 3" if lang == "fr" else "Showing 1 of 3 trainings"
    assert window.count_status.text() == shown


def test_french_duplicates_dialog(
    qtbot: QtBot, window: MainWindow, lang: str, artifacts: Path
) -> None:
    from app.ui.people_io_ui import open_duplicates

    inst = window.installation
    twins = [
        PersonInput("Espérance Nyota Mukamba", "F", category="civil_society",
                    organisation="Radio communautaire de Bunia", phone="+243 81 234 5678"),
        PersonInput("Esperance Nyota Mukambaa", "F", category="civil_society",
                    organisation="Radio communautaire de Bunia", phone="+243 812345678"),
    ]  # fmt: skip
    new_training(inst, "Médias et prévention", twins[:1])
    new_training(inst, "Médias, suite", twins[1:])
    dialog = open_duplicates(window)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10000)
    idle(qtbot, window)
    dialog.resize(1000, 640)
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
               for c in range(dialog.model.columnCount())]  # fmt: skip
    labels = [w.text() for w in dialog.left.findChildren(QLabel)]
    category = dialog.left.values[2].text()
    if lang == "fr":
        assert headers == ["Score", "Première fiche", "Seconde fiche", "Pourquoi"]
        assert "Nom\u00a0:" in labels and "Présences relevées\u00a0:" in labels
        assert category == "Société civile"
        assert "même téléphone" in dialog.model.index(0, 3).data()
    else:
        assert headers == ["Score", "First record", "Second record", "Why"]
        assert category == "Civil society"
    assert "civil_society" not in " ".join(labels)
    dialog.grab().save(str(artifacts / f"field-duplicates-{lang}.png"))
    dialog.close()


def test_migration_keeps_records_and_fills_french_names(tmp_path: Path) -> None:
    """Revision 0003 on a database made at 0001: nothing lost, seeded rows get French."""
    from alembic import command

    from app.db.base import derived_id
    from app.db.migrate import alembic_config, current_revision, head_revision, upgrade_to_head

    db_file = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{db_file}")
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    sync = "'2024-01-01 00:00:00', '2024-01-01 00:00:00', 'seed', 0, 0"
    monusco, own = derived_id("mission", "MONUSCO"), derived_id("mission", "OWNMIS")
    undp, local = derived_id("partner", "UNDP"), derived_id("partner", "CNDH")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO missions (id, code, name, country, retired, created_at, updated_at, "
                f"updated_by, version, deleted) VALUES ('{monusco}', 'MONUSCO', 'United Nations "
                f"Organization Stabilization Mission in the DR Congo', 'DRC', 0, {sync}), "
                f"('{own}', 'OWNMIS', 'Our own mission', '', 0, {sync})"
            )
        )
        conn.execute(
            text(
                "INSERT INTO partners (id, acronym, name, kind, retired, created_at, updated_at, "
                f"updated_by, version, deleted) VALUES ('{undp}', 'UNDP', 'United Nations "
                f"Development Programme', 'un', 0, {sync}), ('{local}', 'CNDH', 'Commission', "
                f"'national', 0, {sync})"
            )
        )
        conn.execute(text(
            "INSERT INTO trainings (id, mission_id, title, theme, kind, start_date, end_date, "
            "status, description, trainers, created_at, updated_at, updated_by, version, "
            f"deleted) VALUES ('t1', '{monusco}', 'Kept', '', 'training', '2024-05-14', "
            f"'2024-05-14', 'held', '', '[]', {sync})"
        ))  # fmt: skip
        conn.execute(text(
            "INSERT INTO documents (id, training_id, kind, file_name, sha256, "
            "signer_fingerprint, source_device, created_at) VALUES ('d1', 't1', 'summary', "
            "'d1.pdf', 'abc', '', '', '2024-05-15 10:00:00')"
        ))  # fmt: skip
    upgrade_to_head(engine, db_file, tmp_path / "backups")
    assert current_revision(engine) == head_revision()  # 0003 and every later revision
    with engine.connect() as conn:
        missions = dict(conn.execute(text("SELECT code, name_fr FROM missions")).all())
        partners = {r[0]: r[1:] for r in conn.execute(
            text("SELECT acronym, acronym_fr, name_fr, name FROM partners"))}  # fmt: skip
        kept = conn.execute(text("SELECT title, mission_id FROM trainings")).all()
        document = conn.execute(text("SELECT file_name, lang, names_included FROM documents")).one()
    engine.dispose()
    assert missions["MONUSCO"].startswith("Mission de l'Organisation des Nations Unies")
    assert missions["OWNMIS"] == ""  # a user's row: no French name invented
    assert partners["UNDP"][:2] == ("PNUD", "Programme des Nations Unies pour le développement")
    assert partners["UNDP"][2] == "United Nations Development Programme"
    assert partners["CNDH"] == ("", "", "Commission")
    assert kept == [("Kept", monusco)]
    assert tuple(document) == ("d1.pdf", "", None)


# --- charts that read right -----------------------------------------------------------------


def test_summary_tab_with_one_participant_per_category_counts_in_whole_numbers(
    qtbot: QtBot, window: MainWindow, lang: str, artifacts: Path
) -> None:
    inst = window.installation
    categories = reference.list_categories(inst)
    one_each = [
        PersonInput(f"Participant {i + 1}", "FMX"[i % 3], category=c.code,
                    partner="UNDP" if i == 0 else None)
        for i, c in enumerate(categories)
    ]  # fmt: skip
    training_id = new_training(inst, "Une personne par catégorie", one_each, days=2)
    editor = open_page(qtbot, window, training_id, "summary")
    summary = editor.summary
    qtbot.waitUntil(lambda: summary.report is not None, timeout=5000)
    idle(qtbot, window)
    for view in (summary.category_chart, summary.session_chart):
        axes = [a for a in view.chart().axes() if isinstance(a, QValueAxis)]
        assert len(axes) == 1
        axis = axes[0]
        assert axis.tickType() == QValueAxis.TickType.TicksDynamic
        assert axis.tickInterval() == int(axis.tickInterval()) >= 1  # whole numbers
        assert axis.tickAnchor() == 0 and axis.min() == 0
        assert axis.max() == int(axis.max()) >= 1 and axis.labelFormat() == "%d"
    partners = {summary.partner_table.item(r, 0).text()
                for r in range(summary.partner_table.rowCount())}  # fmt: skip
    assert ("PNUD" if lang == "fr" else "UNDP") in partners
    editor.grab().save(str(artifacts / f"field-summary-one-per-category-{lang}.png"))


def test_pdf_charts_count_in_whole_numbers(tmp_path: Path) -> None:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.shapes import Drawing

    from app.services.pdf_charts import category_sex_chart, session_chart
    from app.services.pdf_text import register_fonts

    register_fonts()
    rows = [("Magistrat / juge", 1, 0, 0), ("Procureur", 0, 1, 0), ("Société civile", 0, 0, 1)]
    drawings = [
        category_sex_chart(rows, "fr", 480),
        session_chart([("14 mai Beni", 1, 1), ("28 mai Bunia", 0, 1)], "fr", 480),
    ]
    for index, drawing in enumerate(drawings):
        assert drawing is not None
        page = Drawing(drawing.width, drawing.height)
        page.add(drawing)
        out = tmp_path / f"chart-{index}.pdf"
        renderPDF.drawToFile(page, str(out))
        numbers = re.findall(r"(?<![\w.])\d+(?:[.,]\d+)?(?![\w.])", pdf_text(out, layout=False))
        numbers = [n for n in numbers if n not in ("14", "28")]  # the session dates
        assert numbers and set(numbers) <= {"0", "1"}, numbers
        assert numbers.count("0") == 1  # "0 0 0 0 0 1" is gone


# --- nothing clipped at 1200 × 720 ----------------------------------------------------------


def fits(label: QLabel) -> bool:
    """A label shows all its text: tall enough for its wrapped lines, wide enough if not."""
    if label.wordWrap():
        return label.height() >= label.heightForWidth(label.width())
    return label.width() >= label.sizeHint().width()


def test_nothing_clipped_at_1200_by_720(
    qtbot: QtBot, window: MainWindow, lang: str, artifacts: Path
) -> None:
    from app.ui.settings_dialog import open_settings
    from app.ui.sync_ui import open_dashboard

    editor = open_page(qtbot, window, training_ids()["MONUSCO"], "participants")
    qtbot.waitUntil(lambda: editor.participants.model.rowCount() > 0, timeout=5000)
    toolbar = editor.toolbar
    extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()  # no "»" hiding exports
    export = toolbar.findChild(QToolButton, "exportMenuButton")
    names = [a.text() for a in export.menu().actions()]
    assert len(names) == 4 and tr("MainWindow", "Export figures…") in names
    box = editor.participants.partner_box
    placeholder = box.lineEdit().placeholderText()
    assert box.lineEdit().fontMetrics().horizontalAdvance(placeholder) <= box.lineEdit().width()
    window.grab().save(str(artifacts / f"field-participants-1200-{lang}.png"))

    editor.show_page("summary")
    qtbot.waitUntil(lambda: editor.summary.report is not None, timeout=5000)
    idle(qtbot, window)
    axis = editor.summary.session_chart.chart().axes(Qt.Orientation.Horizontal)[0]
    assert all("<br>" in c for c in axis.categories())  # date over place: "10 déc." / "Kinshasa"

    dialog = open_settings(window)
    idle(qtbot, window)
    other = "en" if lang == "fr" else "fr"
    dialog.language.setCurrentIndex(dialog.language.findData(other))
    qtbot.waitUntil(dialog.restart_note.isVisible, timeout=2000)
    labels = [w for w in dialog.findChildren(QLabel) if w.isVisible() and w.wordWrap()]
    assert len(labels) == 2 and all(fits(w) for w in labels)
    dialog.grab().save(str(artifacts / f"field-preferences-{lang}.png"))
    dialog.reject()

    dashboard = open_dashboard(window)
    qtbot.waitUntil(lambda: dashboard.loaded > 0, timeout=10000)
    dashboard.resize(1200, 720)
    dashboard.drill_to("MONUSCO")
    qtbot.waitUntil(lambda: dashboard.loaded > 1, timeout=10000)
    share = dashboard.breakdown_model.row_values(0)[5]
    assert share.endswith("%") and "." not in share  # "31 %" beside "75", never "30.7"
    start = dashboard.trainings_model.row_values(0)[2]
    assert start == ("14 mai 2024" if lang == "fr" else "14 May 2024")
    header = dashboard.breakdown_view.horizontalHeader()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    totals = dashboard.totals.text()
    assert totals.startswith("3 formations" if lang == "fr" else "3 trainings")
    dashboard.grab().save(str(artifacts / f"field-dashboard-{lang}.png"))
    dashboard.close()


def test_default_export_names_carry_the_language(window: MainWindow, lang: str) -> None:
    from app.ui.people_io_ui import with_language
    from app.ui.sync_ui import bundle_file_name

    assert with_language("participants-2024-05-14-x.xlsx", lang) == (
        f"participants-2024-05-14-x-{lang}.xlsx"
    )
    hq = Profile(name="Desk Officer", role="hq")
    assert bundle_file_name(hq, "abcdef0123", 12, full=True) == (
        "HQ-Desk-Officer-abcdef01-full-bundle-0012.muster"
    )
